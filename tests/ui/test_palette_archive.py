"""The command palette's "Go to article" and "Go to speaker" when the sidebar reads the archive."""

from __future__ import annotations

from pathlib import Path

from tests.ui.test_archive import WIDE, archive_articles, cache_dir, make, ready  # noqa: F401 - fixtures
from tuireader.ui.commands import ArticleCommands, SpeakerCommands


async def test_palette_finds_articles_and_speakers_in_the_archive(
    archive_articles: Path, cache_dir: Path, tmp_path: Path  # noqa: F811 - pytest fixtures
) -> None:
    app = make([archive_articles], tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        assert app.library == []  # nothing in memory: the palette must ask the archive
        articles = list(ArticleCommands(app.screen).entries("bridge"))
        assert [text for text, _, _ in articles] == ["Go to article: Bridge repairs finished"]
        _, _, open_it = articles[0]
        open_it()
        await pilot.pause()
        assert app.reader.analysis is not None
        assert app.reader.analysis.article.title == "Bridge repairs finished"
        speakers = [text for text, _, _ in SpeakerCommands(app.screen).entries("")]
        assert speakers and all(text.startswith("Go to speaker: ") for text in speakers)
        # a surname finds the speaker; one of each is counted in the singular
        kovacs = [(text, help_text) for text, help_text, _ in SpeakerCommands(app.screen).entries("kovacs")]
        assert kovacs == [("Go to speaker: Mira Kovacs", "3 statements in 3 articles")]
