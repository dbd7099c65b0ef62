"""The reader with its archive: search as you type, a speaker across articles, echoes of a quote.

The archive is built by the real indexer (and so the real extraction) from small fictional
articles in tmp_path, into a cache in tmp_path; the reader loads the same files with the
same extraction, so what a test asserts about statements holds on both sides.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

from tests.ui.test_reader import screen_text
from tuireader.config import load_config
from tuireader.index import Archive
from tuireader.ui.app import ReaderApp, create_app
from tuireader.ui.archive_list import PAGE, ArchiveList, ArchiveOptions
from tuireader.ui.bookmarks_screen import BookmarksScreen
from tuireader.ui.echo_screen import EchoScreen, render_diff
from tuireader.ui.search_screen import SearchScreen, SearchStatus
from tuireader.ui.speaker_archive_screen import SpeakerArchiveScreen

SMALL = (80, 24)

FERRY = """Title: Ferry service to return
Date: 2024-05-10
Source: Harbour Gazette

The ferry between Eastport and Millbrook will run again from June.

"The ferry will sail every morning at seven, rain or shine," said Mira Kovacs.

Local traders welcomed the news on Friday.
"""

BRIDGE = """Title: Bridge repairs finished
Date: 2024-02-20
Source: Valley Post

Engineers finished the repairs to the old stone bridge near Millbrook.

"We opened the bridge a week early," said Mira Kovacs.

Traffic returned to the bridge by noon.
"""

ECHO = """Title: Millbrook ferry news
Date: 2024-05-12
Source: Coastal Weekly

Travellers in Millbrook heard good news this week.

"The ferry will sail every single morning at seven, rain or shine," said Mira Kovacs.
"""


@pytest.fixture
def archive_articles(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a_ferry.txt").write_text(FERRY, encoding="utf-8")
    (folder / "b_bridge.txt").write_text(BRIDGE, encoding="utf-8")
    (folder / "c_echo.txt").write_text(ECHO, encoding="utf-8")
    return folder


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TUIREADER_CACHE_DIR", str(folder))
    return folder


def make(paths: list[Path], tmp_path: Path, **kwargs: object) -> ReaderApp:
    kwargs.setdefault("use_archive", True)
    return create_app([str(p) for p in paths], state_path=tmp_path / "state.json", export_dir=tmp_path,
                      **kwargs)  # type: ignore[arg-type]


async def ready(app: ReaderApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def settle(app: ReaderApp, pilot: Pilot[None]) -> None:
    """Let the debounce timer fire and the search worker finish."""
    await pilot.pause(0.3)
    await app.workers.wait_for_complete()
    await pilot.pause()


def status_line(screen: SearchScreen) -> str:
    return str(screen.query_one(SearchStatus).render())


async def test_typing_a_query_shows_hits_and_enter_opens_the_statement(
    archive_articles: Path, cache_dir: Path, tmp_path: Path
) -> None:
    app = make([archive_articles], tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        assert app.archive is not None
        assert (cache_dir / "index.sqlite3").exists()
        await pilot.press("ctrl+f")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"stone bridge")
        await settle(app, pilot)
        hits = screen.hit_list.hits
        assert hits and hits[0].title == "Bridge repairs finished"
        await pilot.press("ctrl+u", *'speaker:kovacs "opened the"')
        await settle(app, pilot)
        hits = screen.hit_list.hits
        assert [h.kind for h in hits] == ["direct"]
        assert "1 hit" in status_line(screen)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        reader = app.reader
        assert reader.analysis is not None and reader.analysis.article.title == "Bridge repairs finished"
        current = reader.body.current_statement
        assert current is not None
        assert reader.analysis.text_of(current) == "We opened the bridge a week early,"
        assert current.speaker == "Mira Kovacs"


async def test_a_bad_query_shows_one_line_and_keeps_the_screen(
    archive_articles: Path, cache_dir: Path, tmp_path: Path
) -> None:
    app = make([archive_articles], tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+f", *"author:kovacs ferry")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        line = status_line(screen)
        assert line.startswith("query:") and "author" in line and "\n" not in line
        assert screen.hit_list.hits == []
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        # Escape kept the query: the search box opens with it again.
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert app.screen.query_input.value == "author:kovacs ferry"  # type: ignore[attr-defined]


async def test_speaker_view_lists_statements_newest_first_and_opens_one(
    archive_articles: Path, cache_dir: Path, tmp_path: Path
) -> None:
    app = make([archive_articles], tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        reader = app.reader
        assert reader.analysis is not None and reader.analysis.article.title == "Ferry service to return"
        assert reader.body.current_statement is not None
        assert reader.body.current_statement.speaker == "Mira Kovacs"
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SpeakerArchiveScreen)
        hits = screen.hit_list.hits
        assert [h.date for h in hits] == ["2024-05-12", "2024-05-10", "2024-02-20"]
        assert {h.speaker for h in hits} == {"Mira Kovacs"}
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        assert reader.analysis.article.title == "Bridge repairs finished"
        current = reader.body.current_statement
        assert current is not None and reader.analysis.text_of(current) == "We opened the bridge a week early,"


@pytest.mark.parametrize("name", ["Mira Kovacs", "Maria Alexandra Catherine Montgomery-Wellington of Eastport"])
async def test_the_speaker_view_title_keeps_its_keys_at_80_columns(
    archive_articles: Path, cache_dir: Path, tmp_path: Path, name: str
) -> None:
    app = make([archive_articles], tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        app.show_speaker_archive(name)
        await app.workers.wait_for_complete()
        await pilot.pause()
        top = next(line for line in screen_text(app).splitlines() if "across the archive" in line)
        assert "(enter opens, esc or q closes)" in top
        # The name goes first when something must: as much of it as fits, marked as cut.
        shown = top.split(" across the archive")[0].split("─ ", 1)[1]
        assert shown == name or (shown.endswith("…") and name.startswith(shown[:-1]) and len(shown) > 10)
        # Newest first is said in the line under the title.
        said = str(app.screen.query_one("#speaker-archive-status", Static).render())
        assert said == ("3 statements in 3 articles, newest first" if name == "Mira Kovacs"
                        else "No statements by this speaker in the archive")


async def test_echoes_find_the_near_duplicate_and_show_the_difference(
    archive_articles: Path, cache_dir: Path, tmp_path: Path
) -> None:
    app = make([archive_articles], tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        reader = app.reader
        assert reader.analysis is not None and reader.analysis.article.title == "Ferry service to return"
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EchoScreen)
        echoes = screen.echo_list.echoes
        assert [e.hit.title for e in echoes] == ["Millbrook ferry news"]
        assert not echoes[0].exact
        # The extra word is drawn in the insert style, and only it.
        styles = {name: screen.echo_list.get_component_rich_style(f"echo-list--{name}", partial=True)
                  for name in ("insert", "delete")}
        shown = render_diff(echoes[0], screen.quote, styles["insert"], styles["delete"])
        inserted = [shown.plain[s.start:s.end] for s in shown.spans if s.style == styles["insert"]]
        assert inserted == ["single"]
        assert "single" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert reader.analysis.article.title == "Millbrook ferry news"
        current = reader.body.current_statement
        assert current is not None and "every single morning" in reader.analysis.text_of(current)


async def test_the_reader_works_without_an_archive(archive_articles: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("TUIREADER_CACHE_DIR", str(blocker))
    app = make([archive_articles], tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        assert app.archive is None
        assert len(app.library) == 3
        assert "no archive" in str(app.reader.query_one("#status").render())
        await pilot.press("ctrl+f", *"ferry")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert status_line(screen).startswith("The archive cannot be opened")
        await pilot.press("escape", "j", "e")
        await pilot.pause()
        assert isinstance(app.screen, EchoScreen)
        await pilot.press("escape")
        await pilot.pause()
        # The reader itself goes on as before.
        await pilot.press("right_square_bracket")
        assert app.reader.body.current is not None


async def test_focus_moving_while_the_sidebar_is_swapped_is_no_crash(
    archive_articles: Path, cache_dir: Path, tmp_path: Path
) -> None:
    # When the archive fails, its sidebar is removed before the in-memory one is mounted; focus
    # leaving the removed list in between must not look for the pane that is not there.
    app = make([archive_articles], tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        screen = app.reader
        screen.sidebar.options.focus()
        await pilot.pause()
        await screen.sidebar.remove()
        screen.body.focus()
        await pilot.pause()
        assert screen.active_pane == 1
        await screen.query_one("#panes").mount(screen._new_sidebar(False), before="#body-pane")
        await pilot.pause()
        await pilot.press("shift+tab")
        assert screen.active_pane == 0 and screen.sidebar.has_class("-active")


async def test_help_lists_the_archive_keys(archive_articles: Path, cache_dir: Path, tmp_path: Path) -> None:
    app = make([archive_articles], tmp_path)
    async with app.run_test(size=(100, 60)) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for line in ("Search the archive", "Speaker across the archive", "Where else this was reported"):
            assert line in text


# -- the sidebar reads from the archive ----------------------------------------------------------

WIDE = (120, 30)


async def test_sidebar_lists_the_archive_and_filters_by_title(
    archive_articles: Path, cache_dir: Path, tmp_path: Path
) -> None:
    app = make([archive_articles], tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        sidebar = app.reader.sidebar
        assert isinstance(sidebar, ArchiveList)
        assert app.archive is not None and sidebar.options.option_count == app.archive.count() == 3
        # Nothing was loaded and extracted in memory: only the open article was rebuilt.
        assert app.library == [] and list(app.by_id) == [app.reader.analysis.article.id]  # type: ignore[union-attr]
        assert app.reader.analysis.article.title == "Ferry service to return"  # type: ignore[union-attr]
        assert "Articles 3" in screen_text(app)
        await pilot.press("shift+tab", "slash", *"bridge")
        await pilot.pause()
        assert sidebar.options.option_count == 1
        assert [r.title for r in app.archive.rows(0, 5, title="bridge")] == ["Bridge repairs finished"]
        assert "Articles 1/3" in screen_text(app)
        await pilot.press("enter", "enter")
        await pilot.pause()
        analysis = app.reader.analysis
        assert analysis is not None and analysis.article.title == "Bridge repairs finished"
        assert analysis.text_of(analysis.statements[0]) == "We opened the bridge a week early,"
        assert "We opened the bridge" in screen_text(app)
        await pilot.press("shift+tab", "slash", "escape")
        await pilot.pause()
        assert sidebar.options.option_count == 3
        # The cursor stayed on the article it was on.
        assert sidebar.options.highlighted == 1


async def test_the_sidebar_lists_the_paths_in_the_order_given_cold_and_warm(
    archive_articles: Path, cache_dir: Path, tmp_path: Path
) -> None:
    # "tuireader c b a": the list, and the article opened first, follow the command line, the
    # first time (indexing) as the second (from the cache) and as without an archive.
    paths = [archive_articles / name for name in ("c_echo.txt", "b_bridge.txt", "a_ferry.txt")]
    expected = ["Millbrook ferry news", "Bridge repairs finished", "Ferry service to return"]
    for use_archive in (True, True, False):
        app = make(paths, tmp_path, use_archive=use_archive)
        async with app.run_test(size=WIDE) as pilot:
            await ready(app, pilot)
            if use_archive:
                assert app.archive is not None
                assert [r.title for r in app.archive.rows(0, 10)] == expected
            sidebar = "\n".join(line[:40] for line in screen_text(app).splitlines())
            assert sorted(expected, key=sidebar.index) == expected
            assert app.reader.analysis is not None and app.reader.analysis.article.title == expected[0]


async def test_moving_in_the_archive_sidebar_opens_the_article_and_marks_it_read(
    archive_articles: Path, cache_dir: Path, tmp_path: Path
) -> None:
    app = make([archive_articles], tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        await pilot.press("shift+tab", "G", "enter")
        await pilot.pause()
        analysis = app.reader.analysis
        assert analysis is not None and analysis.article.title == "Millbrook ferry news"
        assert analysis.article.id in app.state.read
        await pilot.press("right_square_bracket", "m")
        await pilot.pause()
        assert app.state.bookmarks.get(analysis.article.id)
    # A new reader on the same archive finds the bookmark by article id, without opening it first.
    again = make([archive_articles], tmp_path)
    async with again.run_test(size=WIDE) as pilot:
        await ready(again, pilot)
        assert [(a.article.title, n) for a, n in again.bookmarks()] == [("Millbrook ferry news", 0)]
        sidebar = again.reader.sidebar
        assert isinstance(sidebar, ArchiveList)
        assert "✓ Millbrook ferry news" in screen_text(again)
        assert "• Bridge repairs finished" in screen_text(again)


async def test_an_article_changed_since_it_was_cached_is_shown_as_it_is_now(
    archive_articles: Path, cache_dir: Path, tmp_path: Path
) -> None:
    with Archive.open([archive_articles], cache_dir=cache_dir) as archive:
        archive.build(workers=0)
    corrected = FERRY.replace("The ferry between", "Correction: the ferry between")
    (archive_articles / "a_ferry.txt").write_text(corrected, encoding="utf-8")
    app = make([archive_articles], tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        # The cached copy was shown at once; once the file is indexed again the new text replaces it.
        analysis = app.reader.analysis
        assert analysis is not None and analysis.article.title == "Ferry service to return"
        assert "Correction: the ferry between" in analysis.article.text
        assert "Correction: the ferry between" in screen_text(app)
        # Opened again from the list, it is the new text too (nothing stale kept in memory).
        await pilot.press("shift+tab", "j", "enter", "shift+tab", "g", "enter")
        await pilot.pause()
        analysis = app.reader.analysis
        assert analysis is not None and "Correction: the ferry between" in analysis.article.text


async def test_the_archive_sidebar_grows_while_indexing(tmp_path: Path, cache_dir: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "many"
    folder.mkdir()

    def write(n: int) -> None:
        body = FERRY.replace("Ferry service to return", f"Ferry notice {n:02d}").replace("June", f"June {n + 1}")
        (folder / f"f{n:02d}.txt").write_text(body, encoding="utf-8")

    for n in range(20):
        write(n)
    with Archive.open([folder], cache_dir=cache_dir) as archive:
        archive.build(workers=0)
    for n in range(20, 40):
        write(n)
    seen: list[int] = []
    refresh = ArchiveList.refresh_items

    def recording(self: ArchiveList, read: set[str] | None = None) -> None:
        refresh(self, read)
        seen.append(self.options.option_count)

    monkeypatch.setattr(ArchiveList, "refresh_items", recording)
    app = make([folder], tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        assert app.reader.sidebar.options.option_count == 40
        assert "Articles 40" in screen_text(app)
        assert app.reader.analysis is not None and app.reader.analysis.article.title == "Ferry notice 00"
    # The indexed files were listed before the new ones were done, and the list grew in place.
    assert seen == sorted(seen)
    assert 20 in seen, seen


async def test_a_virtual_sidebar_reads_only_the_rows_it_shows(
    archive_articles: Path, cache_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "long"
    folder.mkdir()
    records = [json.dumps({"id": f"n{n:04d}", "title": f"Notice {n:04d}", "text": f'"All is well {n}," said Ana Lind.'})
               for n in range(500)]
    (folder / "notices.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    app = make([folder], tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await ready(app, pilot)
        options = app.reader.sidebar.options
        assert isinstance(options, ArchiveOptions)
        assert options.option_count == 500
        assert max(index for index, _ in options.held_rows()) < 2 * PAGE
        await pilot.press("shift+tab", "G")
        await pilot.pause()
        assert "Notice 0499" in screen_text(app)
        assert len(list(options.held_rows())) <= 2 * PAGE
        await pilot.press("slash", *"0250")
        await pilot.pause()
        assert options.option_count == 1
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.reader.analysis is not None and app.reader.analysis.article.id == "n0250"
        assert "All is well 250" in screen_text(app)


async def test_the_reader_indexes_a_big_archive_in_the_process_pool(
    archive_articles: Path, cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inside the reader, standard error is Textual's capture, whose descriptor is -1: the
    pool's helper processes must still start (they once failed, and a big archive stayed empty)."""
    from multiprocessing import resource_tracker

    from tuireader.index import indexer

    monkeypatch.setattr(indexer, "INLINE_BYTES", 0)  # as for an archive too big to index in-process
    tracker = resource_tracker._resource_tracker
    # As in a fresh process: the tracker is not running yet, so the reader starts it.
    monkeypatch.setattr(tracker, "_fd", None)
    monkeypatch.setattr(tracker, "_pid", None)
    app = make([archive_articles], tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        assert app.archive is not None
        assert app.archive.count() == 3
        assert app.reader.analysis is not None and app.reader.analysis.article.title == "Ferry service to return"


async def test_when_indexing_stops_the_reader_lists_every_article_from_memory(
    archive_articles: Path, cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tuireader.index import indexer

    def no_pool(workers: int) -> None:
        raise OSError("no processes left")

    monkeypatch.setattr(indexer, "INLINE_BYTES", 0)
    monkeypatch.setattr(indexer, "_pool", no_pool)
    app = make([archive_articles], tmp_path)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await ready(app, pilot)
        await ready(app, pilot)
        assert not isinstance(app.reader.sidebar, ArchiveList)
        assert len(app.library) == 3
        assert app.reader.analysis is not None and app.reader.analysis.article.title == "Ferry service to return"
        assert any("Indexing stopped: no processes left" in str(n.message) for n in app._notifications)


async def test_a_tab_while_the_sidebar_is_swapped_is_no_crash(
    archive_articles: Path, cache_dir: Path, tmp_path: Path
) -> None:
    # shift+tab in the moment no sidebar is mounted: the pane is chosen, and focused once the
    # in-memory sidebar takes the archive's place.
    app = make([archive_articles], tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        screen = app.reader
        archive_sidebar = screen.sidebar
        await archive_sidebar.remove()
        await pilot.press("shift+tab")  # from the article to the (missing) sidebar
        await pilot.pause()
        assert screen.active_pane == 0
        await screen.query_one("#panes").mount(archive_sidebar, before="#body-pane")
        assert app.is_running


DIALOGS = [
    # (the key that opens it, its screen, its box, the binding that closes it, its keys out of the box)
    ("ctrl+f", SearchScreen, "#search-box", "close-search", "esc"),
    ("e", EchoScreen, "#echo-box", "close-echoes", "esc or q"),
    ("a", SpeakerArchiveScreen, "#speaker-archive-box", "close-speaker-archive", "esc or q"),
    ("", BookmarksScreen, "#bookmark-options", "close-bookmarks", "esc or q"),
]


@pytest.mark.parametrize(("key", "screen_type", "box", "binding_id", "default"), DIALOGS,
                         ids=[d[3] for d in DIALOGS])
async def test_a_dialog_title_names_the_keys_that_close_it(
    archive_articles: Path, cache_dir: Path, tmp_path: Path, key: str, screen_type: type[Screen[object]],
    box: str, binding_id: str, default: str
) -> None:
    async def open_dialog(app: ReaderApp, pilot: Pilot[None]) -> str:
        await ready(app, pilot)
        if key:
            await pilot.press(key)
        else:
            app.action_bookmarks()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, screen_type)
        title = app.screen.query_one(box).border_title
        assert title is not None
        return title

    app = make([archive_articles], tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        assert (await open_dialog(app, pilot)).endswith(f"  (enter opens, {default} closes)")
    # "[" and "]" too: a title read as markup would take "[ or ]" for a tag and drop it.
    config_file = tmp_path / "config.yaml"
    config_file.write_text(f"keymap:\n  {binding_id}: [f2, left_square_bracket, right_square_bracket]\n", encoding="utf-8")
    config, problems = load_config(config_file)
    assert problems == []
    app = make([archive_articles], tmp_path, config=config)
    # Wide enough for the speaker view's title, which 80 columns cut short.
    async with app.run_test(size=(120, 30)) as pilot:
        title = await open_dialog(app, pilot)
        assert title.endswith("  (enter opens, f2, [ or ] closes)")
        assert "(enter opens, f2, [ or ] closes)" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, screen_type)  # escape no longer closes it
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, screen_type)
