"""Command palette providers: go to an article, go to a speaker."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from tuireader.sanitize import clean_text

if TYPE_CHECKING:
    from tuireader.ui.app import ReaderApp

MAX_HITS = 200


def highlight(matcher: Matcher, text: str) -> Content:
    """``text`` as plain content (never markup) with the fuzzy-matched letters styled."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class _ReaderProvider(Provider):
    @property
    def reader(self) -> ReaderApp:
        return cast("ReaderApp", self.app)

    def entries(self) -> Iterator[tuple[str, str, object]]:
        """(text to match, help, callback) for each command this provider offers.

        The palette reads help text as markup, so it is escaped here; hit text goes in as
        content objects, never markup.
        """
        raise NotImplementedError

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = 0
        for text, help_text, callback in self.entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, highlight(matcher, text), callback, text=text, help=escape(help_text))  # type: ignore[arg-type]
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

    def entries(self) -> Iterator[tuple[str, str, object]]:
        for analysis in self.reader.library:
            a = analysis.article
            title = clean_text(" ".join((a.title or a.id).split()))
            where = clean_text(" · ".join(p for p in (a.date, a.source) if p))
            yield (f"Go to article: {title}", where or clean_text(a.id), partial(self.reader.open_article, a.id))


class SpeakerCommands(_ReaderProvider):
    """Go to a speaker: opens the article and the speakers panel on them."""

    def entries(self) -> Iterator[tuple[str, str, object]]:
        for analysis in self.reader.library:
            a = analysis.article
            for speaker in analysis.speakers:
                count = analysis.count(speaker)
                name = clean_text(speaker.name)
                aliases = clean_text(", ".join(speaker.aliases))
                yield (
                    f"Go to speaker: {name}" + (f" ({aliases})" if aliases else ""),
                    clean_text(f"{count} statement{'s' if count != 1 else ''} in {a.title or a.id}"),
                    partial(self.reader.go_to_speaker, a.id, speaker.name),
                )
