"""Bookmarks when the article's file changes: they follow their words, or stay listed as not found."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from tuireader.ui.app import ReaderApp
from tuireader.ui.bookmarks_screen import BookmarksScreen

SMALL = (80, 24)
MakeApp = Callable[..., ReaderApp]
QUOTE = "It will cost more than anyone admits,"
NOTE = "Editor's note: this story was updated on Friday evening with new details.\n\n"


async def ready(app: ReaderApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def screen_text(app: ReaderApp) -> str:
    return "\n".join(line.text for line in app.screen._compositor.render_strips())  # type: ignore[attr-defined]


def saved(tmp_path: Path) -> dict[str, object]:
    return json.loads((tmp_path / "state" / "state.json").read_text(encoding="utf-8"))


async def bookmark_the_third_quote(make_app: MakeApp, articles: Path) -> tuple[int, int]:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "m")
        statement = app.reader.body.statements[3]
        assert app.library[0].text_of(statement) == QUOTE
        return statement.start, statement.end


def edit(articles: Path, change: Callable[[str], str]) -> None:
    path = articles / "a_harbour.txt"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


async def test_a_bookmark_follows_its_words_when_text_is_added_before_it(
    make_app: MakeApp, articles: Path, tmp_path: Path
) -> None:
    old = await bookmark_the_third_quote(make_app, articles)
    edit(articles, lambda text: text.replace("The council of Eastport", NOTE + "The council of Eastport"))
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        analysis = app.library[0]
        statement = analysis.statements[3]
        new = (statement.start, statement.end)
        assert new == (old[0] + len(NOTE), old[1] + len(NOTE))
        assert app.bookmarks() == [(analysis, 3)]
        assert new in app.reader.body.bookmarks  # its star is on the statement
        # The move is saved: offsets and words.
        assert saved(tmp_path)["bookmarks"] == {analysis.article.id: [list(new)]}
        assert saved(tmp_path)["bookmark_words"] == {analysis.article.id: [[*new, QUOTE]]}
        app.action_bookmarks()
        await pilot.pause()
        assert QUOTE in screen_text(app) and "not found" not in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, BookmarksScreen) and app.reader.body.current == 3


async def test_a_bookmark_whose_words_are_gone_is_listed_as_not_found_and_can_be_removed(
    make_app: MakeApp, articles: Path, tmp_path: Path
) -> None:
    old = await bookmark_the_third_quote(make_app, articles)
    edit(articles, lambda text: NOTE + text.replace(QUOTE, "Costs are under control, we think,"))
    app = make_app([articles])
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await ready(app, pilot)
        article_id = app.library[0].article.id
        assert app.bookmarks() == []
        app.action_bookmarks()
        await pilot.pause()
        shown = screen_text(app)
        assert f"“{QUOTE}”" in shown and "not found in the article now" in shown and "Bookmarks 1" in shown
        await pilot.press("enter")  # opens its article, saying the words are gone
        await pilot.pause()
        assert app.reader.analysis is app.library[0]
        assert any("no longer in this article" in m for m, _ in app.recorded)  # type: ignore[attr-defined]
        # Still kept, unchanged, until the user removes it.
        assert saved(tmp_path)["bookmarks"] == {article_id: [list(old)]}
        app.action_bookmarks()
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert "No bookmarks left" in screen_text(app) and "Bookmarks 0" in screen_text(app)
        assert saved(tmp_path)["bookmarks"] == {} and saved(tmp_path)["bookmark_words"] == {}


async def test_removing_a_found_bookmark_from_the_list_takes_its_star_away(
    make_app: MakeApp, articles: Path, tmp_path: Path
) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("m", "right_square_bracket", "m")
        assert len(app.reader.body.bookmarks) == 2
        app.action_bookmarks()
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert "Bookmarks 1" in screen_text(app)
        first = app.library[0].statements[0]
        assert app.reader.body.bookmarks == {(app.library[0].statements[1].start, app.library[0].statements[1].end)}
        assert [first.start, first.end] not in saved(tmp_path)["bookmarks"][app.library[0].article.id]
        await pilot.press("escape")
        assert len(app.bookmarks()) == 1


async def test_a_bookmark_saved_with_offsets_only_gets_its_words(
    make_app: MakeApp, articles: Path, tmp_path: Path
) -> None:
    probe = make_app([articles], state_path=None)
    async with probe.run_test(size=SMALL) as pilot:
        await ready(probe, pilot)
        article_id = probe.library[0].article.id
        statement = probe.library[0].statements[0]
        key, words = [statement.start, statement.end], probe.library[0].text_of(statement)
    state_file = tmp_path / "state" / "state.json"
    state_file.parent.mkdir()
    state_file.write_text(json.dumps({"version": 1, "read": [], "bookmarks": {article_id: [key]}, "theme": None}))
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        assert app.bookmarks() == [(app.library[0], 0)]
    assert saved(tmp_path)["bookmark_words"] == {article_id: [[*key, words]]}
