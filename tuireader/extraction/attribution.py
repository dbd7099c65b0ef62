"""Rules that attach a cue and a speaker mention to each direct quotation.

``direct.cue_after``   "...," said X / "...," X said / "...?" she asked.
``direct.cue_before``  X said: "..." / X wrote on Truth Social: "..." / According to X, "..."
``direct.interrupted`` "A," he said, "B." — B joins A's group and speaker.
``direct.embedded``    a short quotation inside someone else's sentence is not a statement of
                       its own (reported speech covers it); it is dropped here.
"""

from __future__ import annotations

from tuireader.extraction.doc import Candidate, Doc
from tuireader.extraction.lexicon import CUE_VERBS, QUOTE_CUES, SPEECH_VERBS
from tuireader.extraction.phrases import np_after, np_before
from tuireader.extraction.tokens import Token, sentence_spans, tokenize

LEAD_PUNCT = {",", ".", "!", "?", "—", "–", "-", ";", ":", "…"}
MIN_UNATTRIBUTED_WORDS = 4
"""A quotation shorter than this with no cue is a scare quote or a title, not a statement."""


def _is_quote_cue(tok: Token) -> bool:
    low = tok.low
    return low in QUOTE_CUES or (low in SPEECH_VERBS and not low.endswith("ing"))


def cue_after(tokens: list[Token]) -> tuple[tuple[int, int], tuple[int, int] | None, int] | None:
    """Find ``said X`` or ``X said`` at the start of the text after a quotation.

    Args:
        tokens: Tokens between the closing mark and the next quotation or paragraph end.

    Returns:
        (cue token range, mention token range or None, index after the cue phrase), or None.
    """
    i = 0
    while i < len(tokens) and tokens[i].text in LEAD_PUNCT:
        i += 1
    if i >= len(tokens):
        return None
    # according to X
    if tokens[i].low == "according" and i + 1 < len(tokens) and tokens[i + 1].low == "to":
        np = np_after(tokens, i + 2)
        if np:
            return (i, i + 2), np, np[1]
        return None
    if _is_quote_cue(tokens[i]):
        j = i + 1
        # "said of X", "said in a statement": skip to a noun phrase only if it starts here
        np = np_after(tokens, j)
        if np:
            return (i, i + 1), np, np[1]
        return (i, i + 1), None, i + 1
    # X said: the cue within the next few tokens, with a noun phrase from i to it
    for c in range(i + 1, min(len(tokens), i + 14)):
        t = tokens[c]
        if t.text in ('"', ".", "!", "?", ";"):
            break
        if _is_quote_cue(t):
            np = np_before(tokens, c, i)
            if np and np[0] <= i + 1:
                return (c, c + 1), np, c + 1
            break
    return None


def cue_before(tokens: list[Token]) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """Find ``X said:`` / ``X told reporters,`` / ``According to X,`` before a quotation.

    Args:
        tokens: Tokens of the sentence up to the opening mark.

    Returns:
        (cue token range, mention token range or None), or None.
    """
    if not tokens:
        return None
    end = len(tokens)
    ends_with_colon = tokens[-1].text in (":", ",")
    for c in range(end - 1, max(-1, end - 12), -1):
        t = tokens[c]
        if t.low == "to" and c > 0 and tokens[c - 1].low == "according":
            np = np_after(tokens, c + 1)
            if np:
                return (c - 1, c + 1), np
            return None
        if t.low in CUE_VERBS and not t.low.endswith("ing") or t.low in QUOTE_CUES:
            tail = tokens[c + 1 :]
            if not ends_with_colon and any(x.is_word and x.low != "that" for x in tail[:1]):
                # "X said the plan was": the quotation is inside reported speech
                if len([x for x in tail if x.is_word]) > 3:
                    return None
            np = np_before(tokens, c)
            return (c, c + 1), np
        if t.text in ('"', ";") or (t.text == "." and c < end - 1):
            break
    return None


def _offsets(tokens: list[Token], rng: tuple[int, int] | None) -> tuple[int, int] | None:
    if rng is None:
        return None
    return (tokens[rng[0]].start, tokens[rng[1] - 1].end)


def _words(doc: Doc, start: int, end: int) -> int:
    return len([t for t in tokenize(doc.norm, start, end) if t.is_word])


def rule_direct_attribution(doc: Doc) -> None:
    """Attach cues and speaker mentions to direct quotations, paragraph by paragraph."""
    by_para: dict[int, list[Candidate]] = {}
    for c in doc.candidates:
        if c.kind == "direct" and not c.nested:
            by_para.setdefault(c.para, []).append(c)
    drop: set[int] = set()
    for p, quotes in by_para.items():
        try:
            _attribute_paragraph(doc, p, quotes, drop)
        except (IndexError, ValueError) as exc:
            doc.errors.append(f"paragraph {p}: direct attribution failed: {exc}")
    if drop:
        doc.candidates = [c for c in doc.candidates if id(c) not in drop]


def _attribute_paragraph(doc: Doc, p: int, quotes: list[Candidate], drop: set[int]) -> None:
    para = doc.paragraphs[p]
    norm = doc.norm
    quotes.sort(key=lambda c: c.open_mark)
    ranges = [(q.open_mark, (q.close_mark + 1) if q.close_mark >= 0 else para.end) for q in quotes]
    sentences = sentence_spans(norm, para.start, para.end, ranges)
    joined_to: Candidate | None = None
    for n, q in enumerate(quotes):
        q_end = ranges[n][1]
        nxt = ranges[n + 1][0] if n + 1 < len(quotes) else para.end
        prev_end = ranges[n - 1][1] if n else para.start
        sent_start = para.start
        for s, e in sentences:
            if s <= q.open_mark:
                sent_start = s
        if joined_to is not None:
            q.cue, q.mention, q.group = joined_to.cue, joined_to.mention, joined_to.group
            q.rule = "direct.interrupted"
            joined_to = None
            continue
        after = tokenize(norm, q_end, nxt)
        found = cue_after(after) if q.close_mark >= 0 else None
        if found:
            cue, np, stop = found
            q.cue = _offsets(after, cue)
            q.mention = _offsets(after, np)
            q.rule = "direct.cue_after"
            rest = [t for t in after[stop:] if t.text not in LEAD_PUNCT]
            if n + 1 < len(quotes) and len(rest) <= 4 and not any(t.low in ("but", "and", "while") for t in rest):
                # "A," he said, "B." (or ". B"): B is the same quotation resumed
                q.group = q.group or doc.new_group()
                joined_to = q
            continue
        before = tokenize(norm, max(prev_end, sent_start), q.open_mark)
        found_b = cue_before(before)
        if found_b:
            cue, np = found_b
            q.cue = _offsets(before, cue)
            q.mention = _offsets(before, np)
            q.rule = "direct.cue_before"
            continue
        words_before = [t for t in before if t.is_word]
        if words_before and q.open_mark > sent_start:
            # the quotation sits inside a sentence that is not a cue: a phrase quoted in
            # someone's reported words, a scare quote or a title
            if _words(doc, q.start, q.end) < 12 or len(words_before) > 3:
                drop.add(id(q))
                continue
        if _words(doc, q.start, q.end) < MIN_UNATTRIBUTED_WORDS:
            drop.add(id(q))
            continue
        q.rule = "direct.unattributed"
