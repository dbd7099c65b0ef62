"""Laying out an article body: wrapped lines that keep their offsets into the text.

Pure functions, no widgets: the body widget asks for lines at a width and gets, for each line,
the half-open range of the article text it shows. Nothing is ever rewritten: the display copy
of the text has the same length as the text, so every offset stays valid.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import get_character_cell_size

from tuireader.model import Span
from tuireader.sanitize import clean_text

_SPACES = " \t\n\r\f\v\u00a0"


def display_text(text: str) -> str:
    """A same-length copy of ``text`` that is safe to show: line breaks and tabs become spaces,
    controls and bidi overrides visible stand-ins."""
    return clean_text(text.translate(_WHITE))


_WHITE = str.maketrans({c: " " for c in "\t\n\r\f\v"})


def wrap(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Break ``text[start:end]`` into lines of at most ``width`` cells, at spaces when possible.

    Args:
        text: A display copy (line breaks already turned into spaces).
        start: Offset where the paragraph starts.
        end: Offset where it ends.
        width: Cells available per line (at least 1).

    Returns:
        One ``(start, end)`` per line; spaces at the ends of lines are left out.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = start
    narrow = text[start:end].isascii()
    while pos < end:
        while pos < end and text[pos] == " ":
            pos += 1
        if pos >= end:
            break
        if narrow:
            limit = pos + width
            if limit >= end:
                cut = end
            elif text[limit] == " ":
                cut = limit
            else:
                space = text.rfind(" ", pos, limit)
                cut = space if space > pos else limit
        else:
            cells = 0
            i = pos
            space = -1
            while i < end:
                size = get_character_cell_size(text[i])
                if cells + size > width:
                    break
                if text[i] == " ":
                    space = i
                cells += size
                i += 1
            if i >= end or text[i] == " ":
                cut = i
            else:
                cut = space if space > pos else max(i, pos + 1)
        stop = cut
        while stop > pos and text[stop - 1] == " ":
            stop -= 1
        lines.append((pos, stop))
        pos = cut
    return lines


@dataclass(frozen=True, slots=True)
class BodyLayout:
    """The lines of one article body at one width."""

    starts: list[int]
    """Start offset of each text line, in order (for bisecting)."""
    lines: list[tuple[int, int]]
    """``(start, end)`` of each text line; ``(-1, -1)`` for a blank line between paragraphs."""
    width: int
    """The width the lines were wrapped to."""

    def line_of(self, offset: int) -> int:
        """The index of the line showing ``offset`` (or the nearest line before it)."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return max(0, index)

    def lines_of(self, span: Span) -> range:
        """The indexes of the lines a span covers."""
        first = self.line_of(span.start)
        last = self.line_of(max(span.start, span.end - 1))
        return range(first, last + 1)


def build_layout(text: str, paragraphs: Sequence[Span], width: int) -> BodyLayout:
    """Wrap every paragraph, with a blank line between paragraphs.

    Args:
        text: The display copy of the article text.
        paragraphs: The article's paragraph spans.
        width: Cells per line.
    """
    lines: list[tuple[int, int]] = []
    starts: list[int] = []
    for n, para in enumerate(paragraphs):
        if n:
            # A blank line "starts" where the line before it ends, so that offsets in the
            # paragraph before still bisect to their own line.
            lines.append((-1, -1))
            starts.append(lines[-2][1] if len(lines) > 1 else 0)
        for line in wrap(text, para.start, para.end, width) or [(para.start, para.start)]:
            lines.append(line)
            starts.append(line[0])
    return BodyLayout(starts=starts, lines=lines, width=width)


def fold(text: str) -> str:
    """A same-length lower-case copy of ``text`` for case-insensitive matching."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


MAX_MATCHES = 10_000


def find_all(text: str, folded: str, query: str) -> list[Span]:
    """Every non-overlapping occurrence of ``query``, smart-case (any capital: exact case).

    Args:
        text: The display text.
        folded: ``fold(text)``, computed once per article.
        query: What to find; runs of spaces in it match single spaces in the text as written.

    Returns:
        The matches in order, at most `MAX_MATCHES`.
    """
    if not query.strip():
        return []
    exact = query != query.lower()
    haystack = text if exact else folded
    needle = query if exact else fold(query)
    found: list[Span] = []
    pos = haystack.find(needle)
    while pos != -1 and len(found) < MAX_MATCHES:
        found.append(Span(pos, pos + len(needle)))
        pos = haystack.find(needle, pos + max(1, len(needle)))
    return found


def overlapping(spans: Sequence[Span], start: int, end: int) -> Iterable[Span]:
    """The spans of a sorted, non-overlapping list that touch ``[start, end)``."""
    for span in spans[_bisect_end(spans, start):]:
        if span.start >= end:
            break
        yield span


def _bisect_end(spans: Sequence[Span], offset: int) -> int:
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo
