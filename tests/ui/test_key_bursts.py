"""Keys in one burst, as they arrive over SSH: each must act where the focus is when its turn comes.

`Pilot.press` waits for the app to go idle after every key, which hides these bugs, so `burst`
posts every key to the app before it handles the first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from tests.ui.test_archive import archive_articles, cache_dir, make, settle  # noqa: F401 (fixtures)
from tests.ui.test_reader import SMALL, ready, status
from tuireader.ui.app import ReaderApp
from tuireader.ui.article_body import ArticleBody
from tuireader.ui.safe_input import HAND_OVER_SECONDS, SafeInput
from tuireader.ui.search_screen import SearchScreen

MakeApp = Callable[..., ReaderApp]


def burst(app: App[object], *keys: str) -> None:
    """Post keys to the app all at once, the way a terminal delivers a burst."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app.post_message(event)


async def settled(pilot: Pilot[None]) -> None:
    await pilot.pause(0.2)
    await pilot.pause()


# -- the find box and the filter boxes hand on the keys typed after enter ----------------------


async def test_keys_after_enter_in_the_find_box_move_between_matches(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        burst(app, "slash", *"fish", "enter", "n", "n")
        await settled(pilot)
        body = app.reader.body
        assert app.reader.find_bar.value == "fish"
        assert body.query_text == "fish" and len(body.matches) > 3
        assert body.match_index == 2  # n twice from the first match
        assert f"/fish 3/{len(body.matches)}" in status(app)
        assert isinstance(app.focused, ArticleBody)


async def test_keys_after_escape_in_the_find_box_act_on_the_article(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        burst(app, "slash", *"fish", "escape", "right_square_bracket")
        await settled(pilot)
        assert app.reader.find_bar.value == "" and app.reader.body.query_text == ""
        assert app.reader.body.current == 1  # "]" went to the article: next quotation


async def test_keys_after_enter_in_the_article_filter_act_on_the_list(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("shift+tab")
        burst(app, "slash", *"2024", "enter", "j", "enter")
        await settled(pilot)
        assert app.reader.sidebar.filter_input.value == "2024"
        assert app.reader.sidebar.options.option_count == 2
        analysis = app.reader.analysis
        assert analysis is not None and analysis.article.title == "Library opens in Westfield"


async def test_keys_after_enter_in_the_speakers_filter_act_on_the_tree(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("s")
        burst(app, "slash", *"birch", "enter", "j", "enter")
        await settled(pilot)
        reader = app.reader
        assert reader.speakers.filter_input.value == "birch"
        # j went down to Tom Birch's statement and enter jumped to it in the article.
        current = reader.body.current_statement
        assert current is not None and current.speaker == "Tom Birch"
        assert isinstance(app.focused, ArticleBody)


class _StayingBox(SafeInput):
    LEAVING_KEYS: ClassVar[frozenset[str]] = frozenset({"enter"})


class _StayingApp(App[None]):
    """A box whose enter is said to leave, but whose handler keeps the focus."""

    def compose(self) -> ComposeResult:
        yield _StayingBox(id="box")

    def on_input_submitted(self, event: SafeInput.Submitted) -> None:
        self.submitted = event.value


async def test_held_keys_go_back_into_the_box_when_the_focus_stays() -> None:
    app = _StayingApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        burst(app, "a", "enter", "b", "c")
        await pilot.pause(HAND_OVER_SECONDS + 0.3)
        await pilot.pause()
        assert app.submitted == "a"
        assert app.query_one(SafeInput).value == "abc"


# -- the search box: nothing typed right after ctrl+f is lost ----------------------------------


async def test_ctrl_u_and_typing_right_after_ctrl_f_replace_the_last_query(
    archive_articles: Path, cache_dir: Path, tmp_path: Path  # noqa: F811
) -> None:
    app = make([archive_articles], tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        app.last_search = "ferry"
        burst(app, "ctrl+f", "ctrl+u", *"bridgex", "backspace")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.query_input.value == "bridge"
        assert [h.title for h in screen.hit_list.hits][:1] == ["Bridge repairs finished"]
        await pilot.press("escape")
        assert app.last_search == "bridge"
        burst(app, "ctrl+f", "end", *" stone")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_input.value == "bridge stone"


async def test_ctrl_u_and_typing_in_one_burst_in_the_find_box(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        burst(app, "slash", *"harbour", "ctrl+u", *"fish")
        await settled(pilot)
        assert app.reader.find_bar.value == "fish"
        assert app.reader.body.query_text == "fish"
