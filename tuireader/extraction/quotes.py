"""Rule ``quotes``: pair quotation marks into direct quotations.

Works one paragraph at a time on the normalised text, so one stray mark degrades only its
own paragraph. Straight marks are told apart by what stands on either side of them.
"""

from __future__ import annotations

from tuireader.extraction.doc import CLOSERS, OPENERS, Candidate, Doc

_OPEN_BEFORE = set(" \t\n([{—–-/:;,")
"""Characters after which a straight mark opens a quotation."""
_CLOSE_AFTER = set(" \t\n)]}—–-/:;,.!?…'")
"""Characters before which a straight mark closes a quotation."""

OPEN, CLOSE, EITHER = 1, 2, 3


def mark_role(text: str, norm: str, i: int, start: int, end: int) -> int:
    """What the double quotation mark at ``i`` can do: open, close or either.

    Args:
        text: The original text (curly marks say their direction).
        norm: The normalised text.
        i: Offset of the mark.
        start: Start of its paragraph.
        end: End of its paragraph.
    """
    ch = text[i]
    if ch in OPENERS:
        return OPEN
    if ch in CLOSERS:
        return CLOSE
    before = norm[i - 1] if i > start else " "
    after = norm[i + 1] if i + 1 < end else " "
    can_open = (before in _OPEN_BEFORE or before == '"' or i == start) and not after.isspace()
    can_close = (after in _CLOSE_AFTER or after == '"' or i + 1 >= end) and not before.isspace()
    if can_open and not can_close:
        return OPEN
    if can_close and not can_open:
        return CLOSE
    return EITHER


def pair_paragraph(doc: Doc, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """Pair the double quotation marks of one paragraph.

    Args:
        doc: The document.
        start: Paragraph start.
        end: Paragraph end.

    Returns:
        The (open, close) mark offsets of each quotation, and the offset of a mark left
        open at the end of the paragraph (or None).
    """
    text, norm = doc.text, doc.norm
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    i = norm.find('"', start, end)
    while i != -1:
        role = mark_role(text, norm, i, start, end)
        if opened is None:
            if role != CLOSE:
                opened = i
        elif role == OPEN:
            # a clear opener while inside: the earlier mark was stray
            opened = i
        else:
            if i > opened + 1:
                pairs.append((opened, i))
            opened = None
        i = norm.find('"', i + 1, end)
    return pairs, opened


def rule_quotes(doc: Doc) -> None:
    """Find direct quotations, joining quotations that run on across paragraphs."""
    pending: Candidate | None = None
    for p, para in enumerate(doc.paragraphs):
        pairs, left_open = pair_paragraph(doc, para.start, para.end)
        first_mark = doc.norm.find('"', para.start, para.end)
        opens_with_quote = first_mark == para.start
        if pending is not None:
            if not opens_with_quote:
                # the open quotation never continued: a stray mark, drop it
                doc.candidates.remove(pending)
                doc.errors.append(f"paragraph {p - 1}: unbalanced quotation mark")
            pending = None
        for a, b in pairs:
            doc.candidates.append(
                Candidate("direct", a + 1, b, p, "quotes", open_mark=a, close_mark=b)
            )
        if left_open is not None:
            cand = Candidate("direct", left_open + 1, para.end, p, "quotes.run_on", open_mark=left_open)
            doc.candidates.append(cand)
            pending = cand
    if pending is not None:
        doc.candidates.remove(pending)


def rule_pull_quotes(doc: Doc) -> None:
    """A paragraph that is one single-quoted sentence is a pull quote (``quotes.pull``)."""
    norm = doc.norm
    for p, para in enumerate(doc.paragraphs):
        s, e = para.start, para.end
        if e - s < 8 or norm[s] != "'" or '"' in norm[s:e]:
            continue
        end = e
        while end > s + 1 and norm[end - 1] in ".!?,;: ":
            end -= 1
        if norm[end - 1] != "'" or end - 1 <= s + 1:
            continue
        inner = norm[s + 1 : end - 1]
        if len(inner.split()) < 4:
            continue
        doc.candidates.append(Candidate("direct", s + 1, end - 1, p, "quotes.pull", open_mark=s, close_mark=end - 1))
