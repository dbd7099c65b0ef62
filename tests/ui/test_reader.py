"""The reader driven from the keyboard with Pilot, at 80x24 unless a test says otherwise."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from tuireader.cli import main
from tuireader.export import citation
from tuireader.ui.app import ReaderApp
from tuireader.ui.bookmarks_screen import BookmarksScreen
from tuireader.ui.export_screen import ExportScreen
from tuireader.ui.help_screen import HelpScreen

SMALL = (80, 24)
WIDE = (140, 40)
MakeApp = Callable[..., ReaderApp]


async def ready(app: ReaderApp, pilot: Pilot[None]) -> None:
    """Wait until loading has finished and the screen has settled."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def status(app: ReaderApp) -> str:
    return str(app.reader.query_one("#status").render())


def messages(app: ReaderApp) -> list[str]:
    return [m for m, _ in app.recorded]  # type: ignore[attr-defined]


def screen_text(app: ReaderApp) -> str:
    """The characters on screen, line by line."""
    return "\n".join(line.text for line in app.screen._compositor.render_strips())  # type: ignore[attr-defined]


async def test_loads_articles_and_shows_the_first(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        assert [a.article.title for a in app.library] == ["Harbour plan approved", "Library opens in Westfield"]
        assert app.reader.sidebar.options.option_count == 2
        assert app.reader.analysis is app.library[0]
        # The cursor starts on the first statement in view, and the status line says so.
        assert app.reader.body.current == 0
        assert status(app).startswith("1/6 direct · Jane Roe")
        assert "Harbour plan approved" in screen_text(app)


async def test_a_file_that_fails_is_named_in_a_notification(make_app: MakeApp, articles: Path) -> None:
    (articles / "c_empty.txt").write_bytes(b"")
    (articles / "d_binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        assert len(app.library) == 2
        # found together, told together: one notification naming the first and counting the
        # other; the list of problems names both, one line each
        failed = [m for m in messages(app) if "c_empty.txt" in m or "d_binary.txt" in m]
        assert len(failed) == 1
        assert failed[0].splitlines()[:2] == ["c_empty.txt: empty file", "and 1 more: ! lists them, x hides"]
        assert app.file_problems == [f"{articles / 'c_empty.txt'}: empty file",
                                     f"{articles / 'd_binary.txt'}: binary file (NUL bytes), skipped"]


@pytest.mark.parametrize("use_archive", [False, True])
async def test_a_file_is_named_as_extract_names_it(make_app: MakeApp, tmp_path: Path, use_archive: bool,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    # The archive keys files by absolute path; the line must still read as the folder was given.
    (tmp_path / "odd").mkdir()
    (tmp_path / "odd" / "c.txt").write_bytes(b"\x00\x01\x02binary\x00")
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "odd", "missing.txt"]) == 2
    told = [line.removeprefix("tuireader: error: ") for line in capsys.readouterr().err.splitlines()[:2]]
    assert told == ["odd/c.txt: binary file (NUL bytes), skipped", "missing.txt: no such file or directory"]
    app = make_app(["odd", "missing.txt"], use_archive=use_archive, cache_dir=tmp_path / "cache")
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        assert sorted(app.file_problems) == sorted(told)


async def test_nothing_loadable_says_so(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app([tmp_path / "missing.txt"])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        assert any("missing.txt" in m for m in messages(app))
        assert f"No article could be loaded from {tmp_path / 'missing.txt'}" in messages(app)
        assert "no articles" in status(app)


@pytest.mark.parametrize("use_archive", [False, True])
async def test_an_empty_folder_is_named(make_app: MakeApp, tmp_path: Path, use_archive: bool) -> None:
    (tmp_path / "empty").mkdir()
    app = make_app([tmp_path / "empty"], use_archive=use_archive, cache_dir=tmp_path / "cache")
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        assert messages(app) == [f"No article could be loaded from {tmp_path / 'empty'}"]


async def test_the_speakers_panel_says_when_it_has_nothing_to_list(make_app: MakeApp, tmp_path: Path) -> None:
    folder = tmp_path / "quiet"
    folder.mkdir()
    (folder / "a_quiet.txt").write_text("Title: Quiet day\n\nGulls circled the quay and the tide came in.\n")
    (folder / "b_said.txt").write_text('Title: Pier\n\n"The pier will open soon," said Jane Roe.\n')
    app = make_app([folder])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        assert "│ No statements found in this article" in screen_text(app)
        await pilot.press("tab", "j", "enter", "s")  # the other article, which has one
        await pilot.pause()
        assert app.reader.analysis is not None and app.reader.analysis.article.title == "Pier"
        assert "No statements found" not in screen_text(app) and "Jane Roe  1" in screen_text(app)
        await pilot.press("slash", *"zzz")
        await pilot.pause()
        assert "No speaker or statement matches the filter" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "matches the filter" not in screen_text(app) and "Jane Roe  1" in screen_text(app)


async def test_scrolling_keys(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        body = app.reader.body
        height = body.scrollable_content_region.height
        assert body.max_scroll_y > 2 * height
        await pilot.press("j", "j", "down")
        assert body.scroll_y == 3
        await pilot.press("k", "up")
        assert body.scroll_y == 1
        await pilot.press("space")
        assert body.scroll_y == 1 + height - 1
        await pilot.press("b")
        assert body.scroll_y == 1
        await pilot.press("ctrl+d")
        assert body.scroll_y == 1 + height // 2
        await pilot.press("ctrl+u")
        assert body.scroll_y == 1
        await pilot.press("G")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        assert body.scroll_y == 0


async def test_cursor_follows_the_view(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("G")
        body = app.reader.body
        # Scrolling to the end leaves the last statement under the cursor.
        assert body.current == len(body.statements) - 1
        assert status(app).startswith("6/6 direct")


async def test_quotation_and_claim_keys(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        body = app.reader.body
        kinds = [s.kind for s in body.statements]
        assert kinds == ["direct", "indirect", "claim", "direct", "claim", "direct"]
        await pilot.press("right_square_bracket")
        assert body.current == 1 and status(app).startswith("2/6 indirect · Jane Roe")
        await pilot.press("right_square_bracket")
        assert body.current == 3 and status(app).startswith("4/6 direct · Tom Birch")
        # The body scrolled so the statement is in view.
        line = body._statement_lines(3).start
        assert body.scroll_y <= line < body.scroll_y + body.scrollable_content_region.height
        await pilot.press("right_curly_bracket")
        assert body.current == 4
        await pilot.press("left_curly_bracket")
        assert body.current == 2
        await pilot.press("left_square_bracket")
        assert body.current == 1
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert body.current == 0
        assert any("No quotation above" in m for m in messages(app))


async def test_find_live_keep_next_previous_clear(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        body = app.reader.body
        text = body.analysis.article.text
        await pilot.press("slash")
        assert app.focused is app.reader.find_bar
        await pilot.press(*"gulls")
        # Live: every match highlighted while typing; smart case finds both cases.
        expected = text.lower().count("gulls")
        assert expected > 20 and len(body.matches) == expected
        assert all(text[m.start:m.end].lower() == "gulls" for m in body.matches)
        assert f"/gulls 1/{expected}" in status(app)
        first_line = body._line_of_offset(body.matches[0].start)
        assert body.scroll_y <= first_line < body.scroll_y + body.scrollable_content_region.height
        await pilot.press("enter")
        assert app.focused is body and not app.reader.find_bar.has_class("-active")
        assert len(body.matches) == expected
        await pilot.press("n", "n")
        assert body.match_index == 2 and f"/gulls 3/{expected}" in status(app)
        await pilot.press("N", "N", "N")
        assert body.match_index == expected - 1  # wrapped around to the last match
        scroll = body.scroll_y
        await pilot.press("escape")
        assert body.matches == [] and "/gulls" not in status(app)
        assert body.scroll_y == scroll  # clearing does not move anything
        # Escape in the find box clears too.
        await pilot.press("slash", *"ships", "escape")
        assert body.matches == [] and app.focused is body


async def test_panes_collapse_at_80_columns_and_tab_cycles(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        screen = app.reader
        assert screen.narrow
        visible = lambda: [p for p in ("sidebar", "body-pane", "speakers") if screen.query_one(f"#{p}").display]
        assert visible() == ["body-pane"]
        # Nothing is cut off: the text is wrapped to the width the pane has.
        body = screen.body
        assert body.virtual_size.width <= body.scrollable_content_region.width
        await pilot.press("tab")
        assert visible() == ["speakers"] and app.focused is screen.speakers.speaker_tree
        await pilot.press("tab")
        assert visible() == ["sidebar"] and app.focused is screen.sidebar.options
        await pilot.press("shift+tab")
        assert visible() == ["speakers"]
        await pilot.press("shift+tab", "shift+tab")
        assert visible() == ["sidebar"]


async def test_wide_screen_shows_three_panes(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        screen = app.reader
        assert not screen.narrow
        assert all(screen.query_one(f"#{p}").display for p in ("sidebar", "body-pane", "speakers"))
        await pilot.press("tab")
        assert app.focused is screen.speakers.speaker_tree
        text = screen_text(app)
        assert "Jane Roe" in text and "Library opens in Westfield" in text


async def test_sidebar_opens_and_filters(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        screen = app.reader
        await pilot.press("shift+tab")
        assert app.focused is screen.sidebar.options
        await pilot.press("j", "enter")
        assert screen.analysis is app.library[1]
        assert app.focused is screen.body  # opening shows the article
        assert "library" in app.library[1].article.id
        await pilot.press("shift+tab", "slash")
        assert app.focused is screen.sidebar.filter_input
        await pilot.press(*"harbour")
        assert screen.sidebar.shown_ids() == [app.library[0].article.id]
        await pilot.press("escape")
        assert screen.sidebar.options.option_count == 2 and app.focused is screen.sidebar.options


async def test_speakers_panel_filter_and_jump(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        screen = app.reader
        await pilot.press("s")
        tree = screen.speakers.speaker_tree
        assert app.focused is tree
        labels = [str(node.label) for node in tree.root.children]
        assert labels[0].startswith("Jane Roe  3") and "Roe" in labels[0].split("—")[1]
        assert labels[1].startswith("Tom Birch  1")
        assert labels[2].startswith("(no speaker)  2")
        # Enter on a speaker expands it to their statements.
        tree.move_cursor(tree.root.children[1])
        await pilot.press("enter")
        await pilot.pause()
        assert tree.root.children[1].is_expanded
        assert [str(n.label) for n in tree.root.children[1].children] == ["▌ It will cost more than anyone admits,"]
        # The filter narrows the speakers and opens what is left.
        await pilot.press("slash", *"birch", "enter")
        assert [str(n.label).split()[0:2] for n in tree.root.children] == [["Tom", "Birch"]]
        assert screen.speakers.visible_statements() == [3]
        assert screen.speakers.border_title == "Speakers 1 · 1 statement"
        assert tree.root.children[0].is_expanded
        # Enter on a statement jumps there.
        tree.move_cursor(tree.root.children[0])
        await pilot.press("j", "enter")
        assert screen.body.current == 3 and app.focused is screen.body
        # Filtering by words of a statement keeps that statement only.
        await pilot.press("s", "slash", "ctrl+u")
        await pilot.press(*"ships will")
        assert screen.speakers.visible_statements() == [5]
        await pilot.press("escape")
        assert screen.speakers.visible_statements() == [0, 1, 2, 3, 4, 5]


async def test_s_and_q_go_back_then_quit(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("s")
        assert app.reader.active_pane == 2
        await pilot.press("s")
        assert app.reader.active_pane == 1 and app.focused is app.reader.body
        await pilot.press("tab", "q")
        assert app.reader.active_pane == 1 and app.is_running
        # From the article, a q asks for another; the second quits.
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
        assert "Press q again to quit (^q quits at once)" in messages(app)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_a_q_too_many_after_closing_a_dialog_does_not_quit(make_app: MakeApp, articles: Path) -> None:
    # Over SSH "q q" arrives in one burst: the first closes the dialog, the second must not end
    # the session (and with it the place, the search, the way back).
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark", "q", "q")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, HelpScreen)


async def test_a_second_q_long_after_the_first_asks_again(make_app: MakeApp, articles: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tuireader.ui.reader_screen.QUIT_SECONDS", 0.0)
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("q")
        await pilot.pause(0.05)
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
        assert messages(app).count("Press q again to quit (^q quits at once)") == 2


async def test_copy_statement_citation_and_url(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        analysis = app.reader.analysis
        await pilot.press("y")
        assert app.clipboard == "We have waited a very long time for this,"
        assert any("We have waited a very long time for this," in m for m in messages(app))
        await pilot.press("right_square_bracket", "right_square_bracket", "Y")
        assert app.clipboard == citation(analysis, analysis.statements[3])
        assert app.clipboard.startswith("“It will cost more than anyone admits,” — Tom Birch, Harbour plan approved")
        await pilot.press("o")
        assert app.clipboard == "https://example.org/harbour?id=1"
        link = messages(app)[-1]
        assert link == '[link="https://example.org/harbour?id=1"]https://example.org/harbour?id=1[/link]'


async def test_copy_inside_tmux_also_sends_the_passthrough(
    make_app: MakeApp, articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        written: list[str] = []
        monkeypatch.setattr(app._driver, "write", written.append)
        await pilot.press("y")
        osc = [w for w in written if "]52;c;" in w]
        assert osc[0].startswith("\x1b]52;c;")
        assert osc[1].startswith("\x1bPtmux;\x1b\x1b]52;c;") and osc[1].endswith("\x1b\\")


async def test_article_without_url(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles / "b_library.txt"])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("o")
        assert app.clipboard == "" and "This article has no URL" in messages(app)


async def test_bookmarks_persist_and_list(make_app: MakeApp, articles: Path, tmp_path: Path) -> None:
    state_file = tmp_path / "state" / "state.json"
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "m")
        statement = app.reader.body.statements[3]
        saved = json.loads(state_file.read_text())
        article_id = app.library[0].article.id
        assert saved["bookmarks"] == {article_id: [[statement.start, statement.end]]}
        assert article_id in saved["read"]
        await pilot.pause()
        assert "★" in screen_text(app)
        await pilot.press("g")
        app.action_bookmarks()
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, BookmarksScreen) and app.reader.body.current == 3
        await pilot.press("m")
        assert json.loads(state_file.read_text())["bookmarks"] == {}


async def test_bookmarks_come_back_next_time(make_app: MakeApp, articles: Path) -> None:
    first = make_app([articles])
    async with first.run_test(size=SMALL) as pilot:
        await ready(first, pilot)
        await pilot.press("m")
    second = make_app([articles])
    async with second.run_test(size=SMALL) as pilot:
        await ready(second, pilot)
        assert [(a.article.id, n) for a, n in second.bookmarks()] == [(second.library[0].article.id, 0)]


async def test_no_state_leaves_nothing_behind(make_app: MakeApp, articles: Path, tmp_path: Path,
                                              isolated_home: Path) -> None:
    app = make_app([articles], state_path=None)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("m", "right_square_bracket", "m")
        assert len(app.bookmarks()) == 2
    assert not (tmp_path / "state").exists() and not isolated_home.exists()


async def test_corrupt_state_is_set_aside_with_a_notice(make_app: MakeApp, articles: Path, tmp_path: Path) -> None:
    state_file = tmp_path / "state" / "state.json"
    state_file.parent.mkdir()
    state_file.write_text("{broken")
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        assert any("moved to state.json.corrupt-" in m for m in messages(app))
        assert json.loads(state_file.read_text())["read"] == [app.library[0].article.id]
    assert len(list(state_file.parent.glob("state.json.corrupt-*"))) == 1


async def test_palette_goes_to_article_and_speaker(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"article westfield")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.analysis is app.library[1]
        await pilot.press("ctrl+p")
        await pilot.press(*"speaker tom birch")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.analysis is app.library[0]
        assert app.reader.body.current == 3 and app.reader.active_pane == 2


async def test_palette_switches_theme_and_it_is_saved(make_app: MakeApp, articles: Path, tmp_path: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        other = next(name for name in sorted(app.available_themes) if name != app.theme)
        app.theme = other
        await pilot.pause()
        assert json.loads((tmp_path / "state" / "state.json").read_text())["theme"] == other
    again = make_app([articles])
    async with again.run_test(size=SMALL) as pilot:
        await ready(again, pilot)
        assert again.theme == other


async def test_an_export_that_cannot_be_written_is_told_as_a_bad_article_is(
    make_app: MakeApp, articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In the loader's words (lower case), the file named relative to the current directory.
    monkeypatch.chdir(tmp_path)
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        app.action_export_statements()
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-path", Input).value = "nowhere/quotes.md"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert str(app.screen.query_one("#export-error").render()) == "nowhere/quotes.md: no such file or directory"
    assert not (tmp_path / "nowhere").exists()


async def test_export_bookmarks_never_overwrites(make_app: MakeApp, articles: Path, tmp_path: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("m", "right_square_bracket", "right_square_bracket", "m")
        app.action_export_bookmarks()
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert str(app.screen.query_one("Static").render()).startswith("2 bookmarked statements. ")
        await pilot.press("enter")
        await pilot.pause()
        written = tmp_path / "tuireader-export.md"
        text = written.read_text()
        assert text.startswith("# Bookmarks\n")  # what the sheet is, not "Statements"
        assert "We have waited a very long time for this," in text and "Tom Birch" in text
        assert "Harbour plan approved" in text
        # Same name again: refused, and the file is untouched.
        app.action_export_bookmarks()
        await pilot.pause()
        path_input = app.screen.query_one("#export-path")
        path_input.value = str(written)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert "exists" in str(app.screen.query_one("#export-error").render())
        # However long the path, the whole message is on screen (it wraps, nothing is cut).
        assert len(str(written)) > SMALL[0]
        shown = " ".join(line.strip("│ ") for line in screen_text(app).splitlines())
        assert "exists; choose another name (nothing was overwritten)." in shown
        assert written.read_text() == text
        path_input.value = "marks.csv"
        await pilot.press("enter")
        await pilot.pause()
        rows = (tmp_path / "marks.csv").read_text().splitlines()
        assert rows[0].startswith("article_id,") and len(rows) == 3


async def test_export_filtered_statements_as_json(make_app: MakeApp, articles: Path, tmp_path: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("s", "slash", *"jane")
        app.action_export_statements()
        await pilot.pause()
        app.screen.query_one("#export-path").value = "jane.json"
        await pilot.press("enter")
        await pilot.pause()
    data = json.loads((tmp_path / "jane.json").read_text())
    assert [s["speaker"] for s in data[0]["statements"]] == ["Jane Roe"] * 3


async def test_an_exported_quote_sheet_says_what_it_holds(make_app: MakeApp, articles: Path, tmp_path: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        app.action_export_statements()
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = "all.md"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s", "slash", *"jane")
        app.action_export_statements()
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = "jane.md"
        await pilot.press("enter")
        await pilot.pause()
    assert (tmp_path / "all.md").read_text().splitlines()[0] == "# Statements of Harbour plan approved"
    assert ((tmp_path / "jane.md").read_text().splitlines()[0]
            == "# Statements of Harbour plan approved that the speakers filter “jane” lets through")


async def test_help_lists_the_keys_in_effect(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = {description: keys for _, section in app.screen.sections for keys, description in section}
        assert rows["Next quotation"] == "]" and rows["Copy citation"] == "Y"
        assert "?" in rows["Help: every key"] and "f1" in rows["Help: every key"].lower()
        # the find box lists its own keys, not Textual's text-editing ones
        find_box = dict(app.screen.sections)["Find box"]
        assert [description for _, description in find_box] == ["Clear find"]
        # One row per action: Textual's arrow keys and our letters for the same move share it,
        # under our words ("Up", not Textual's "Cursor Up" on a row of its own).
        for title, section in app.screen.sections:
            descriptions = [description.casefold() for _, description in section]
            assert len(descriptions) == len(set(descriptions)), (title, section)
        speakers = {description: keys for keys, description in dict(app.screen.sections)["Speakers panel"]}
        assert speakers["Up"] == "↑, k" and "Cursor Up" not in speakers
        scroll = app.screen.query_one("#help-scroll")
        await pilot.press("G")
        assert scroll.scroll_y == scroll.max_scroll_y > 0
        await pilot.press("g")
        assert scroll.scroll_y == 0
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        assert not isinstance(app.screen, HelpScreen) and app.is_running


def configured(make_app: MakeApp, articles: Path, config_file: Path, text: str) -> ReaderApp:
    """A reader on ``articles`` with the settings ``text`` read from ``config_file``."""
    from tuireader.config import load_config

    config_file.write_text(text)
    config, problems = load_config(config_file)
    return make_app([articles], config=config, notices=problems)


async def test_keymap_from_config_remaps_and_help_shows_it(make_app: MakeApp, articles: Path, tmp_path: Path) -> None:
    config_file = tmp_path / "config.yaml"
    app = configured(make_app, articles, config_file, "keymap:\n  next-quotation: x\n  no-such-binding: z\n")
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("x")
        assert app.reader.body.current == 1
        await pilot.press("right_square_bracket")
        assert app.reader.body.current == 1  # the old key no longer does it
        assert any(m.startswith(f"{config_file}: keymap:") and "no-such-binding" in m for m in messages(app))
        await pilot.press("f1")
        rows = {description: keys for _, section in app.screen.sections for keys, description in section}
        assert rows["Next quotation"] == "x"


async def test_the_help_title_names_the_keys_that_close_it(make_app: MakeApp, articles: Path, tmp_path: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        assert app.screen.query_one("#help-scroll").border_title == "Keys  (esc, q, ? or f1 to close)"
    app = configured(make_app, articles, tmp_path / "config.yaml", "keymap:\n  close-help: [x, ctrl+w]\n")
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        assert app.screen.query_one("#help-scroll").border_title == "Keys  (x or ^w to close)"
        assert "Keys  (x or ^w to close)" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, HelpScreen)  # escape no longer closes it
        await pilot.press("x")
        assert not isinstance(app.screen, HelpScreen)
    # A title read as markup would take "[ or ]" for a tag and drop it.
    app = configured(make_app, articles, tmp_path / "config.yaml",
                     "keymap:\n  close-help: [left_square_bracket, right_square_bracket]\n")
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        assert "Keys  ([ or ] to close)" in screen_text(app)


async def test_the_status_line_names_the_help_key_in_effect(make_app: MakeApp, articles: Path,
                                                            tmp_path: Path) -> None:
    app = configured(make_app, articles, tmp_path / "config.yaml", "keymap:\n  help: h\n")
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        assert status(app).endswith("h help") and "?" not in status(app)
        await pilot.press("h")
        assert isinstance(app.screen, HelpScreen)


def test_readme_lists_every_binding_id_a_keymap_can_use() -> None:
    import re

    from tuireader.ui.app import known_binding_ids

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index("Binding ids:")
    listed = readme[start : readme.index("The help screen", start)]
    assert set(re.findall(r"`([a-z-]+)`", listed)) == known_binding_ids()


async def test_a_long_speaker_name_is_cut_short_in_one_status_line(make_app: MakeApp, tmp_path: Path) -> None:
    name = "Konstantinopoulouvandenberghe Oyelaranmontenegrodelafuente"
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "a.txt").write_text(f'Title: Long name\n\n"The bridge opens in May," said {name}.\n')
    app = make_app([folder])
    async with app.run_test(size=(60, 20)) as pilot:
        await ready(app, pilot)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        bottom = screen_text(app).splitlines()[-1]
        assert bottom.rstrip().endswith("? help")
        assert bottom.startswith(" 1/1 direct · Konstantinopoulou") and "…" in bottom


async def test_bad_config_is_a_notice_not_a_crash(make_app: MakeApp, articles: Path, tmp_path: Path) -> None:
    config_file = tmp_path / "config.yaml"
    app = configured(make_app, articles, config_file, "theme: [unclosed\n")
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        assert any(str(config_file) in m and "invalid YAML" in m for m in messages(app))
        assert len(app.library) == 2


async def test_unknown_theme_is_reported(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles], theme_name="no-such-theme")
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        assert any("no-such-theme" in m for m in messages(app))


@pytest.mark.parametrize("env", ["SSH_TTY", "SSH_CONNECTION", None])
async def test_no_animation_over_ssh_or_low_bandwidth(make_app: MakeApp, articles: Path,
                                                      monkeypatch: pytest.MonkeyPatch, env: str | None) -> None:
    if env:
        monkeypatch.setenv(env, "/dev/pts/3" if env == "SSH_TTY" else "10.0.0.1 5000 10.0.0.2 22")
    app = make_app([articles], low_bandwidth=env is None)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        assert app.animation_level == "none"
        await pilot.press("slash")
        assert app.focused is app.reader.find_bar and app.reader.find_bar.cursor_blink is False


async def test_local_session_keeps_animation(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        assert app.animation_level != "none"


async def test_untrusted_text_is_shown_literally(make_app: MakeApp, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text('Title: [bold]Loud[/bold] \x1b]0;owned\x07\n\n'
                       '"Look at [red]this[/red] \x1b[2J now," said Max Pike.\n', encoding="utf-8")
    app = make_app([hostile])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        text = screen_text(app)
        assert "[bold]Loud[/bold]" in text and "[red]this[/red]" in text
        assert "\x1b" not in text and "␛" in text
        await pilot.press("y")
        assert "\x1b" not in app.clipboard and "[red]this[/red]" in app.clipboard


async def test_real_extractor_on_the_seeds(seeds: Path, tmp_path: Path) -> None:
    from tuireader.ui.app import create_app

    app = create_app([str(seeds)], state_path=tmp_path / "s.json")
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        assert app.library and app.reader.analysis is app.library[0]
        if app.reader.body.statements:
            await pilot.press("right_square_bracket", "y")
            assert app.clipboard


async def test_find_typed_ahead_in_one_burst(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        body = app.reader.body
        # Keys arriving together (as over SSH) all reach the find box, in order.
        for key in ("slash", *"Ships", "enter"):
            app.post_message(events.Key(key, "/" if key == "slash" else key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
        assert (body.query_text, app.reader.find_bar.value, app.focused) == ("Ships", "Ships", body)
        assert [body.analysis.article.text[m.start:m.end] for m in body.matches] == ["Ships"]
        assert not app.reader.find_bar.has_class("-active")
        assert body.match_index == 0


def test_a_long_copy_is_shortened_in_the_middle_so_a_citation_keeps_its_source() -> None:
    from tuireader.ui.clipboard import NOTICE_CHARS, notice_text

    quote = "“" + "The harbour will stay open all winter, " * 12 + "rain or shine.”"
    cited = f"{quote} — Jane Roe, Harbour plan approved, Coastal Times, 2024-03-01, https://example.org/h?id=1"
    shown = notice_text(cited)
    assert len(shown) <= NOTICE_CHARS
    assert shown.startswith("“The harbour will stay open") and "…” — Jane Roe" in shown
    assert shown.endswith("Jane Roe, Harbour plan approved, Coastal Times, 2024-03-01, https://example.org/h?id=1")
    assert notice_text("Short\n  words") == "Short words"


async def test_moving_between_panes_does_not_wrap_the_text_again(
    make_app: MakeApp, articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long article is wrapped once per width: focus changes restyle, hidden panes keep theirs
    (each wrap of a 2 MB article took half a second, several per key)."""
    from tuireader.ui import article_body

    calls: list[int] = []
    real = article_body.build_layout

    def counting(text: str, paragraphs: object, width: int) -> object:
        calls.append(width)
        return real(text, paragraphs, width)  # type: ignore[arg-type]

    monkeypatch.setattr(article_body, "build_layout", counting)
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        shown = list(calls)
        for _ in range(3):  # around the three panes, back to the article
            await pilot.press("tab")
        await pilot.press("s", "s")
        assert app.focused is app.reader.body
        assert calls == shown, calls
        assert all(width > 8 for width in calls)
