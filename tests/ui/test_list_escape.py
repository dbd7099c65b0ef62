"""escape in a list clears the filter kept after enter, and keeps its other meanings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.ui.test_reader import SMALL, ready
from tuireader.ui.app import ReaderApp

MakeApp = Callable[..., ReaderApp]


async def test_escape_in_the_speakers_tree_clears_the_kept_filter(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        speakers = app.reader.speakers
        everyone = speakers.border_title
        await pilot.press("s", "slash", *"birch", "enter")
        assert speakers.filter_input.value == "birch" and speakers.border_title != everyone
        assert app.focused is speakers.speaker_tree
        await pilot.press("escape")
        await pilot.pause()
        assert speakers.filter_input.value == ""
        assert speakers.border_title == everyone
        assert app.focused is speakers.speaker_tree
        await pilot.press("escape")  # nothing left to clear: escape goes on, harmlessly
        await pilot.pause()
        assert app.is_running and app.focused is speakers.speaker_tree


async def test_escape_in_the_article_list_clears_the_kept_filter(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        sidebar = app.reader.sidebar
        await pilot.press("shift+tab", "slash", *"libr", "enter")
        assert sidebar.filter_input.value == "libr" and sidebar.options.option_count == 1
        await pilot.press("escape")
        await pilot.pause()
        assert sidebar.filter_input.value == "" and sidebar.options.option_count == 2
        assert app.focused is sidebar.options
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.focused is sidebar.options


async def test_escape_in_the_article_still_clears_the_find(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("slash", *"fish", "enter")
        assert app.reader.body.query_text == "fish"
        await pilot.press("escape")
        assert app.reader.body.query_text == ""
