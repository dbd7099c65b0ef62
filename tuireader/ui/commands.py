"""Command palette providers: go to an article, go to a speaker."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.style import Style

from tuireader.sanitize import one_line
from tuireader.ui.body_layout import fold
from tuireader.ui.wording import plural

if TYPE_CHECKING:
    from tuireader.ui.app import ReaderApp

MAX_HITS = 200
ENTRY_CHARS = 120
"""Characters of an article title or a speaker's name the palette shows and matches."""


def match(query: str, text: str) -> tuple[float, list[int]]:
    """How well ``text`` matches ``query``, and the offsets of the matched letters.

    Textual's own fuzzy matcher tries every way the query's letters can fall in the text,
    which grows exponentially with repeated letters: a palette entry made from article text
    (any length, any letters) could freeze the reader. This one is linear in the text: the
    query as one piece (best at a word start), else its letters in order, each at its first
    place after the one before. Scores are on the scale of Textual's, so hits mix with its own.

    Returns:
        ``(0.0, [])`` when some letter of the query is missing.
    """
    needle = fold(query.strip())
    haystack = fold(text)
    if not needle or len(haystack) != len(text):
        return 0.0, []
    at = haystack.find(needle)
    if at >= 0:
        at_word_start = at == 0 or not haystack[at - 1].isalnum()
        return len(needle) * (3.0 if at_word_start else 2.5), list(range(at, at + len(needle)))
    offsets: list[int] = []
    pos = 0
    for letter in needle:
        if letter.isspace():
            continue
        pos = haystack.find(letter, pos)
        if pos < 0:
            return 0.0, []
        offsets.append(pos)
        pos += 1
    runs = 1 + sum(1 for a, b in zip(offsets, offsets[1:]) if b != a + 1)
    return len(offsets) * (1 + 1 / runs), offsets


def highlight(text: str, offsets: list[int], style: Style) -> Content:
    """``text`` as plain content (never markup) with the matched letters styled."""
    content = Content(text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content


def _count(n: int, noun: str) -> str:
    """``n`` and the noun, plural unless one ("1 statement", "3 articles")."""
    return f"{n:,} {plural(noun, n)}"


ARCHIVE_CANDIDATES = 200
"""Rows asked of the archive for one palette query."""


class _ReaderProvider(Provider):
    @property
    def reader(self) -> ReaderApp:
        return cast("ReaderApp", self.app)

    def entries(self, query: str = "") -> Iterator[tuple[str, str, object]]:
        """(text to match, help, callback) for each command this provider offers.

        Args:
            query: What the user typed, for providers that ask the archive for candidates.

        The palette reads help text as markup, so it is escaped here; hit text goes in as
        content objects, never markup.
        """
        raise NotImplementedError

    async def search(self, query: str) -> Hits:
        style = self.matcher(query).match_style
        found = 0
        for text, help_text, callback in self.entries(query):
            score, offsets = match(query, text)
            if score > 0:
                yield Hit(score, highlight(text, offsets, style), callback, text=text, help=escape(help_text))  # type: ignore[arg-type]
                found += 1
                if found >= MAX_HITS:
                    break

    async def discover(self) -> Hits:
        for n, (text, help_text, callback) in enumerate(self.entries()):
            if n >= 20:
                break
            yield DiscoveryHit(Content(text), callback, text=text, help=escape(help_text))  # type: ignore[arg-type]


class ArticleCommands(_ReaderProvider):
    """Go to an article by title, date or source."""

    def entries(self, query: str = "") -> Iterator[tuple[str, str, object]]:
        reader = self.reader
        if reader.sidebar_from_archive and reader.archive is not None:
            # the library is not in memory: ask the archive for titles holding the query's
            # longest word (the palette then ranks them), a page at most
            word = max(query.split(), key=len, default="")
            for row in reader.archive.rows(0, ARCHIVE_CANDIDATES, title=word or None):
                title = one_line(row.title or row.key, ENTRY_CHARS)
                where = one_line(" · ".join(p for p in (row.date, row.source) if p) or row.key, ENTRY_CHARS)
                yield (f"Go to article: {title}", where, partial(reader.jump_to_article, row.key, cache_id=row.id))
            return
        for analysis in reader.library:
            a = analysis.article
            title = one_line(a.title or a.id, ENTRY_CHARS)
            where = one_line(" · ".join(p for p in (a.date, a.source) if p) or a.id, ENTRY_CHARS)
            yield (f"Go to article: {title}", where, partial(self.reader.jump_to_article, a.id))


class SpeakerCommands(_ReaderProvider):
    """Go to a speaker: opens the article and the speakers panel on them."""

    def entries(self, query: str = "") -> Iterator[tuple[str, str, object]]:
        reader = self.reader
        if reader.sidebar_from_archive and reader.archive is not None:
            # speakers across the archive whose name starts like the query
            for row in reader.archive.speakers(query.strip(), limit=ARCHIVE_CANDIDATES):
                name = one_line(row.name, ENTRY_CHARS)
                yield (
                    f"Go to speaker: {name}",
                    f"{_count(row.statements, 'statement')} in {_count(row.articles, 'article')}",
                    partial(reader.show_speaker_archive, row.name),
                )
            return
        for analysis in reader.library:
            a = analysis.article
            for speaker in analysis.speakers:
                count = analysis.count(speaker)
                name = one_line(speaker.name, ENTRY_CHARS)
                aliases = one_line(", ".join(speaker.aliases), ENTRY_CHARS)
                yield (
                    f"Go to speaker: {name}" + (f" ({aliases})" if aliases else ""),
                    one_line(f"{_count(count, 'statement')} in {a.title or a.id}", ENTRY_CHARS),
                    partial(self.reader.go_to_speaker, a.id, speaker.name),
                )
