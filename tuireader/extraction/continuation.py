"""Rule ``continuation``: quotations with no cue of their own take a speaker from context.

``direct.pull_quote``     a pull quote repeats an attributed quotation: same speaker.
``direct.same_paragraph`` another quotation in the paragraph is attributed: same speaker.
``direct.continues``      a paragraph of nothing but quotation continues the previous
                          paragraph's speaker (newspaper style).
"""

from __future__ import annotations

import bisect
import re

from tuireader.extraction.doc import Candidate, Doc, reported_around

_WORDS = re.compile(r"\w+")


def _norm_words(doc: Doc, c: Candidate) -> str:
    return " ".join(_WORDS.findall(doc.norm[c.start : c.end].lower()))


def _quoted_share(doc: Doc) -> dict[int, float]:
    """For each paragraph, the share of its characters inside direct quotations."""
    inside: dict[int, int] = {}
    for a, b in doc.quoted:
        p = doc.para_of(a)
        inside[p] = inside.get(p, 0) + (b - a)
    return {p: n / max(1, len(doc.paragraphs[p])) for p, n in inside.items()}


MAX_PULL_QUOTES = 100
"""Pull quotes compared with the attributed quotations (a bound for hostile input)."""
MAX_INTRODUCED_ENTITIES = 2000


def rule_continuation(doc: Doc) -> None:
    """Give uncued quotations the speaker their context makes sure."""
    direct = sorted((c for c in doc.candidates if c.kind == "direct"), key=lambda c: c.start)
    share = _quoted_share(doc)

    def quote_only(p: int) -> bool:
        return share.get(p, 0.0) >= 0.85

    by_para: dict[int, list[Candidate]] = {}
    for c in direct:
        if c.speaker:
            by_para.setdefault(c.para, []).append(c)
    for c in direct:
        if c.speaker or c.mention or c.rule == "quotes.pull":
            continue
        same = [o for o in by_para.get(c.para, ()) if o is not c]
        if same:
            o = min(same, key=lambda o: abs(o.start - c.start))
            c.speaker, c.mention, c.cue = o.speaker, o.mention, o.cue
            c.rule = "direct.same_paragraph"
            continue
        if quote_only(c.para) and by_para.get(c.para - 1):
            o = by_para[c.para - 1][-1]
            c.speaker, c.mention, c.cue = o.speaker, o.mention, o.cue
            c.rule = "direct.continues"
            by_para.setdefault(c.para, []).append(c)
    # a quotation paragraph right after a paragraph that introduces a person ("Dr Samuel
    # Achterberg gave a briefing on Sunday.") is that person's
    registry = doc.registry
    with_quotes = {c.para for c in direct}
    people_all = [] if registry is None else [e for e in registry.entities.values() if e.kind == "person"]
    if len(people_all) <= MAX_INTRODUCED_ENTITIES:
        for n, c in enumerate(direct):
            if c.speaker or c.mention or c.rule == "quotes.pull" or c.para == 0:
                continue
            if not quote_only(c.para) or (c.para - 1) in with_quotes:
                continue
            sentences = doc.sentences(c.para - 1)
            if not sentences:
                continue
            s, e = sentences[-1]
            people = [ent for ent in people_all if _any_between(ent.subject_positions, s, e)]
            if len(people) != 1:
                continue
            c.speaker = people[0].name
            c.rule = "direct.introduced"
            doc.entities.setdefault(c.speaker, people[0])
            # the paragraphs of quotation that follow continue with the same speaker
            last_para = c.para
            for d in direct[n + 1 :]:
                if d.para > last_para + 1 or not quote_only(d.para):
                    break
                last_para = d.para
                if not d.speaker and not d.mention:
                    d.speaker, d.rule = c.speaker, "direct.continues"
    # pull quotes last, so they can copy a quotation attributed by the rules above
    attributed = [c for c in direct if c.speaker]
    pulls = [c for c in direct if c.rule == "quotes.pull"][:MAX_PULL_QUOTES]
    if pulls:
        texts = [(o, _norm_words(doc, o)) for o in attributed]
        for c in pulls:
            words = _norm_words(doc, c)
            for other, other_words in texts:
                if other is not c and words and words in other_words:
                    c.speaker, c.mention, c.cue = other.speaker, other.mention, other.cue
                    c.rule = "direct.pull_quote"
                    break


def _any_between(sorted_positions: list[int], s: int, e: int) -> bool:
    i = bisect.bisect_left(sorted_positions, s)
    return i < len(sorted_positions) and sorted_positions[i] < e


def rule_group_pieces(doc: Doc) -> None:
    """Pieces of one quotation share a group.

    In a paragraph, quotations by one speaker one after another are one quotation
    (``"A," said X, a long apposition. "B."``), as an interrupted quotation is; and a
    paragraph of quotation that continues the previous paragraph's speaker
    (``direct.continues``) carries on that paragraph's last quotation.
    """
    by_para: dict[int, list[Candidate]] = {}
    for c in doc.candidates:
        if c.kind == "direct" and not c.nested and c.rule != "quotes.pull" and c.rule != "direct.pull_quote":
            by_para.setdefault(c.para, []).append(c)
    for pieces in by_para.values():
        pieces.sort(key=lambda c: c.start)
        for a, b in zip(pieces, pieces[1:]):
            if a.speaker and a.speaker == b.speaker and (a.group is None or b.group is None or a.group == b.group):
                group = a.group or b.group or doc.new_group()
                a.group = b.group = group
    for p in sorted(by_para):
        pieces, before = by_para[p], by_para.get(p - 1)
        if not before or pieces[0].rule != "direct.continues" or before[-1].speaker != pieces[0].speaker:
            continue
        group = before[-1].group or doc.new_group()
        old = pieces[0].group
        before[-1].group = group
        for c in pieces:
            if c is pieces[0] or (old is not None and c.group == old):
                c.group = group


def rule_group_mixed(doc: Doc) -> None:
    """A quotation inside reported speech and that reported speech are one statement.

    ``X said the tax "costs the valley billions"``: one thing X said, partly in X's words.
    The quotation stays a statement of its own (its exact words), and shares a group with
    the reported speech around it, as the pieces of an interrupted quotation do. A
    quotation already grouped with other quotations keeps its group.
    """
    reported = [c for c in doc.candidates if c.kind == "indirect" and c.parent is None and c.speaker is not None]
    if not reported:
        return
    around = reported_around(reported, doc.norm)
    for q in doc.candidates:
        if q.kind != "direct" or q.group is not None or q.open_mark < 0:
            continue
        holder = around(q)
        if holder is None or holder.speaker != q.speaker:
            continue
        if holder.group is None:
            holder.group = doc.new_group()
        q.group = holder.group
