"""Rule ``continuation``: quotations with no cue of their own take a speaker from context.

``direct.pull_quote``     a pull quote repeats an attributed quotation: same speaker.
``direct.same_paragraph`` another quotation in the paragraph is attributed: same speaker.
``direct.continues``      a paragraph of nothing but quotation continues the previous
                          paragraph's speaker (newspaper style).
"""

from __future__ import annotations

import re

from tuireader.extraction.doc import Candidate, Doc

_WORDS = re.compile(r"\w+")


def _norm_words(doc: Doc, c: Candidate) -> str:
    return " ".join(_WORDS.findall(doc.norm[c.start : c.end].lower()))


def _quote_only(doc: Doc, p: int) -> bool:
    para = doc.paragraphs[p]
    text = doc.norm[para.start : para.end]
    inside = sum(b - a for a, b in doc.quoted if para.start <= a < para.end)
    return inside >= 0.85 * len(text)


def rule_continuation(doc: Doc) -> None:
    """Give uncued quotations the speaker their context makes sure."""
    direct = sorted((c for c in doc.candidates if c.kind == "direct"), key=lambda c: c.start)
    attributed = [c for c in direct if c.speaker]
    for c in direct:
        if c.speaker or c.mention or c.rule == "quotes.pull":
            continue
        same = [o for o in attributed if o.para == c.para and o is not c]
        if same:
            o = min(same, key=lambda o: abs(o.start - c.start))
            c.speaker, c.mention, c.cue = o.speaker, o.mention, o.cue
            c.rule = "direct.same_paragraph"
            continue
        if _quote_only(doc, c.para):
            before = [o for o in attributed if o.start < c.start and c.para - o.para <= 1 and o.para < c.para]
            if before:
                o = before[-1]
                c.speaker, c.mention, c.cue = o.speaker, o.mention, o.cue
                c.rule = "direct.continues"
                attributed.append(c)
                attributed.sort(key=lambda o: o.start)
    # a quotation paragraph right after a paragraph that introduces a person ("Dr Samuel
    # Achterberg gave a briefing on Sunday.") is that person's
    registry = doc.registry
    for c in direct:
        if c.speaker or c.mention or c.rule == "quotes.pull" or c.para == 0 or registry is None:
            continue
        if not _quote_only(doc, c.para) or any(o.para == c.para - 1 for o in direct):
            continue
        sentences = doc.sentences(c.para - 1)
        if not sentences:
            continue
        s, e = sentences[-1]
        people = [(max(p for p in ent.subject_positions if s <= p < e), ent) for ent in registry.entities.values()
                  if ent.kind == "person" and any(s <= p < e for p in ent.subject_positions)]
        if len(people) == 1:
            c.speaker = people[0][1].name
            c.rule = "direct.introduced"
            doc.entities.setdefault(c.speaker, people[0][1])
            attributed.append(c)
            attributed.sort(key=lambda o: o.start)
            # the paragraphs of quotation that follow continue with the same speaker
            for d in direct:
                if d.start > c.start and not d.speaker and not d.mention and _quote_only(doc, d.para):
                    if all(_quote_only(doc, q) for q in range(c.para, d.para + 1)):
                        d.speaker, d.rule = c.speaker, "direct.continues"
    # pull quotes last, so they can copy a quotation attributed by the rules above
    for c in direct:
        if c.rule != "quotes.pull":
            continue
        words = _norm_words(doc, c)
        for other in attributed:
            if other is not c and words and words in _norm_words(doc, other):
                c.speaker, c.mention, c.cue = other.speaker, other.mention, other.cue
                c.rule = "direct.pull_quote"
                break


def rule_group_pieces(doc: Doc) -> None:
    """Quotations in one paragraph by one speaker, one after another, are one quotation.

    ``"A," said X, a long apposition. "B."`` gives two pieces sharing a group, as an
    interrupted quotation does.
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
