"""Finding bookmarked statements again after the article's text has changed.

A bookmark is saved as the offsets of a statement's content and the first `MAX_WORDS`
characters of that content. When the file is edited the offsets drift; the words let the
bookmark be found again: at the occurrence nearest its old place, whitespace differences
(re-wrapped lines) allowed. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from tuireader.model.analysis import Analysis

MAX_WORDS = 300
"""How many characters of a statement's content a bookmark keeps."""

Key = tuple[int, int]
"""A statement's content as (start, end) offsets in the article text."""


def bookmark_words(content: str) -> str:
    """The words a bookmark keeps of a statement's content: its first `MAX_WORDS` characters."""
    return content[:MAX_WORDS]


@dataclass(frozen=True, slots=True)
class BookmarkPlace:
    """Where a saved bookmark is in the current text of its article."""

    key: Key
    """The offsets the bookmark was saved with."""
    index: int | None
    """The statement it points at now, or None when its words are no longer in the article."""
    new_key: Key
    """The statement's offsets now (``key`` when it has not moved or was not found)."""
    words: str
    """The bookmark's words: the statement's, when found; else the saved ones ("" if none)."""

    changed: bool = False
    """Whether the saved bookmark should be updated: found, and moved or with new words."""


def _squash(text: str) -> str:
    return " ".join(text.split())


def _pattern(words: str) -> re.Pattern[str]:
    """The words with any run of whitespace standing for any other (lines may be re-wrapped)."""
    tokens = words.split()
    if not tokens:
        return re.compile(re.escape(words))
    return re.compile(r"\s+".join(re.escape(token) for token in tokens))


def place_bookmarks(analysis: Analysis, saved: Sequence[tuple[Key, str | None]]) -> list[BookmarkPlace]:
    """Find each saved bookmark of an article among its current statements.

    A bookmark stays where it is when a statement has its offsets and its words (or when it
    has no words, saved by an older version, and a statement has its offsets). Otherwise
    its words are looked for in the text; of the occurrences inside a statement not already
    bookmarked, the one nearest the old start wins. Two bookmarks never land on one statement.

    Args:
        analysis: The article as it is now.
        saved: Each bookmark's saved offsets and words (None or "" when unknown).

    Returns:
        One place per saved bookmark, in the same order.
    """
    statements = analysis.statements
    at = {(s.start, s.end): n for n, s in enumerate(statements)}
    words_now = [bookmark_words(analysis.text_of(s)) for s in statements]
    places: list[BookmarkPlace | None] = [None] * len(saved)
    taken: set[int] = set()
    for i, (key, words) in enumerate(saved):
        n = at.get(key)
        if n is not None and n not in taken and (not words or _squash(words) == _squash(words_now[n])):
            places[i] = BookmarkPlace(key, n, key, words_now[n], changed=words != words_now[n])
            taken.add(n)
    for i, (key, words) in enumerate(saved):
        if places[i] is not None:
            continue
        n = _nearest(analysis, _pattern(words), key[0], taken) if words and words.strip() else None
        if n is None:
            places[i] = BookmarkPlace(key, None, key, words or "")
        else:
            taken.add(n)
            s = statements[n]
            new_key = (s.start, s.end)
            places[i] = BookmarkPlace(key, n, new_key, words_now[n], changed=new_key != key or words != words_now[n])
    found = [p for p in places if p is not None]
    # A bookmark not found keeps its offsets; one moving onto them would merge the two into
    # one saved bookmark, so that one counts as not found either (a rare clash, nothing lost).
    while clash := [i for i, p in enumerate(found) if p.index is not None and p.new_key != p.key
                    and p.new_key in {q.key for q in found if q.index is None}]:
        for i in clash:
            key, words = saved[i]
            found[i] = BookmarkPlace(key, None, key, words or "")
    return found


def _nearest(analysis: Analysis, pattern: re.Pattern[str], old_start: int, taken: set[int]) -> int | None:
    """The statement holding the occurrence of ``pattern`` nearest ``old_start``, skipping
    statements in ``taken``; an occurrence where a statement starts beats one inside it."""
    statements = analysis.statements
    order = sorted(range(len(statements)), key=lambda n: statements[n].start)
    starts = [statements[n].start for n in order]
    best: tuple[int, int, int] | None = None  # (distance, not at a start, statement)
    for match in pattern.finditer(analysis.article.text):
        start, end = match.span()
        # Statements starting at or before the match; nested ones sit close together, so a
        # few steps back find every statement that can hold it.
        last = bisect_right(starts, start)
        for n in order[max(0, last - _NESTING) : last]:
            s = statements[n]
            if n in taken or end > s.end:
                continue
            candidate = (abs(start - old_start), int(s.start != start), n)
            if best is None or candidate < best:
                best = candidate
    return None if best is None else best[2]


_NESTING = 8
"""How many statements starting before an occurrence are checked for holding it."""
