"""The archive sidebar's title filter: answered in a worker, the latest text always wins.

The archive is built by the real indexer from a small JSON Lines file of fictional notices
written here. `ArchiveList.INLINE_ARTICLES` is set to 0 so that even this small archive is
filtered the way a large one is (in a thread worker); the slow-query tests make the archive's
counting slower for some texts, so that answers arrive out of order.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tuireader.index import Archive
from tuireader.ui.app import ReaderApp, create_app
from tuireader.ui.archive_list import ArchiveList, Listing, ListingRequest, read_listing

SIZE = (120, 40)

TITLES = [
    "Harbour plan approved",
    "Bridge repairs finished",
    "Ferry returns to Millbrook",
    "Old bridge to close in May",
    "Library opens in Westfield",
    "Harbour master retires",
    "NEW BRIDGE OPENS AT LAST",
    "Market moves to the quay",
    "Bridgeport council meets",
    "Lighthouse keeper honoured",
    "Ferry fares go up",
    "School roof mended",
]


def notice(n: int, title: str) -> dict[str, str]:
    return {"id": f"n{n:02d}", "title": title, "date": f"2024-03-{n + 1:02d}",
            "text": f'"We are glad about it," said Mira Kovacs of notice {n}.'}


def write_notices(path: Path, titles: list[str], first: int = 0) -> None:
    path.write_text("".join(json.dumps(notice(first + n, t)) + "\n" for n, t in enumerate(titles)),
                    encoding="utf-8")


def matching(text: str, titles: list[str] = TITLES) -> list[str]:
    return [t for t in titles if text.lower() in t.lower()]


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def folder(tmp_path: Path, cache_dir: Path) -> Path:
    """Twelve notices in one file, already indexed in ``cache_dir``."""
    folder = tmp_path / "news"
    folder.mkdir()
    write_notices(folder / "a_notices.jsonl", TITLES)
    with Archive.open([folder], cache_dir=cache_dir) as archive:
        archive.build(workers=0)
    return folder


@pytest.fixture
def in_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Filter this small archive the way a large one is: in a worker."""
    monkeypatch.setattr(ArchiveList, "INLINE_ARTICLES", 0)


@pytest.fixture
def filter_threads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str | None, bool]]]:
    """Record every count of the filter: (title, whether it ran on the UI thread)."""
    seen: list[tuple[str | None, bool]] = []
    original = Archive.count_and_position

    def recording(self: Archive, article_id: int | None, title: str | None = None) -> tuple[int, int | None]:
        seen.append((title, threading.current_thread() is threading.main_thread()))
        return original(self, article_id, title)

    monkeypatch.setattr(Archive, "count_and_position", recording)
    yield seen


def prefixes(text: str) -> set[str]:
    return {text[:n] for n in range(1, len(text) + 1)}


def slow_for(monkeypatch: pytest.MonkeyPatch, slow: set[str], seconds: float = 0.25) -> None:
    """Make counting slow for some titles, off the UI thread only."""
    original = Archive.count_and_position

    def slow_count(self: Archive, article_id: int | None, title: str | None = None) -> tuple[int, int | None]:
        if title in slow and threading.current_thread() is not threading.main_thread():
            time.sleep(seconds)
        return original(self, article_id, title)

    monkeypatch.setattr(Archive, "count_and_position", slow_count)


@asynccontextmanager
async def reader(folder: Path, tmp_path: Path,
                 cache_dir: Path) -> AsyncIterator[tuple[ReaderApp, Pilot[None], ArchiveList]]:
    """The reader on the archive of ``folder``, settled, with its sidebar."""
    app = create_app([str(folder)], state_path=tmp_path / "state.json", export_dir=tmp_path,
                     use_archive=True, cache_dir=cache_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        sidebar = app.reader.sidebar
        assert isinstance(sidebar, ArchiveList)
        yield app, pilot, sidebar


async def settle(app: ReaderApp, pilot: Pilot[None]) -> None:
    """Let every worker finish (or be cancelled) and the screen catch up."""
    await pilot.pause()
    deadline = time.monotonic() + 10
    while any(not worker.is_finished for worker in app.workers):
        assert time.monotonic() < deadline, list(app.workers)
        await asyncio.sleep(0.01)
    await pilot.pause()


async def filter_titles(app: ReaderApp, pilot: Pilot[None], text: str) -> None:
    """From the article, type ``text`` in the sidebar's filter box and wait for the answer."""
    await pilot.press("shift+tab", "slash", *text)
    await settle(app, pilot)


def shown_titles(sidebar: ArchiveList) -> list[str]:
    options = sidebar.options
    return [row.title for i in range(options.option_count) if (row := options.row(i)) is not None]


async def test_typing_filters_the_list_in_a_worker(
    folder: Path, tmp_path: Path, cache_dir: Path, in_worker: None,
    filter_threads: list[tuple[str | None, bool]],
) -> None:
    async with reader(folder, tmp_path, cache_dir) as (app, pilot, sidebar):
        assert shown_titles(sidebar) == TITLES
        filter_threads.clear()
        await filter_titles(app, pilot, "bridge")
        assert app.focused is sidebar.filter_input
        assert shown_titles(sidebar) == matching("bridge") == [
            "Bridge repairs finished", "Old bridge to close in May", "NEW BRIDGE OPENS AT LAST",
            "Bridgeport council meets"]
        assert sidebar.border_title == "Articles 4/12"
        # Every filtered count ran off the UI thread.
        assert filter_threads and all(not on_ui for title, on_ui in filter_threads if title), filter_threads
        await pilot.press("ctrl+u", *"HARBOUR")
        await settle(app, pilot)
        assert shown_titles(sidebar) == ["Harbour plan approved", "Harbour master retires"]
        await pilot.press("ctrl+u", *"no such title")
        await settle(app, pilot)
        assert shown_titles(sidebar) == []
        assert sidebar.options.highlighted is None
        assert sidebar.border_title == "Articles 0/12"


async def test_typing_fast_then_waiting_shows_the_last_text(
    folder: Path, tmp_path: Path, cache_dir: Path, in_worker: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The answers for the shorter texts come last: had they been shown, the list would show them.
    slow_for(monkeypatch, prefixes("ferr"))
    async with reader(folder, tmp_path, cache_dir) as (app, pilot, sidebar):
        await pilot.press("shift+tab", "slash", *"ferry")
        assert sidebar.pending or shown_titles(sidebar) == matching("ferry")
        await settle(app, pilot)
        await asyncio.sleep(0.3)  # past every slow answer
        await settle(app, pilot)
        assert not sidebar.pending
        assert sidebar.options.title_filter == "ferry"
        assert shown_titles(sidebar) == ["Ferry returns to Millbrook", "Ferry fares go up"]
        assert sidebar.border_title == "Articles 2/12"


@pytest.mark.parametrize(("text", "keys", "opened"), [
    ("lighthouse", ("enter", "enter"), "Lighthouse keeper honoured"),
    ("harbour", ("down", "j", "enter"), "Harbour master retires"),
])
async def test_keys_typed_after_the_filter_act_on_the_filtered_list(
    folder: Path, tmp_path: Path, cache_dir: Path, in_worker: None, monkeypatch: pytest.MonkeyPatch,
    text: str, keys: tuple[str, ...], opened: str,
) -> None:
    # The worker answers late: leaving the box (enter, down) must not leave the list on the old rows.
    slow_for(monkeypatch, prefixes(text), seconds=1.0)
    async with reader(folder, tmp_path, cache_dir) as (app, pilot, sidebar):
        assert app.reader.analysis is not None and app.reader.analysis.article.title == TITLES[0]
        await pilot.press("shift+tab", "slash", *text, *keys)
        await pilot.pause()
        analysis = app.reader.analysis
        assert analysis is not None and analysis.article.title == opened
        assert shown_titles(sidebar) == matching(text)
        await settle(app, pilot)
        # The late answers changed nothing.
        assert shown_titles(sidebar) == matching(text)
        assert app.reader.analysis.article.title == opened  # type: ignore[union-attr]


async def test_clearing_the_filter_keeps_the_cursor_on_its_article(
    folder: Path, tmp_path: Path, cache_dir: Path, in_worker: None
) -> None:
    async with reader(folder, tmp_path, cache_dir) as (app, pilot, sidebar):
        await filter_titles(app, pilot, "ferry")
        await pilot.press("enter", "j", "enter")
        await settle(app, pilot)
        assert app.reader.analysis is not None and app.reader.analysis.article.title == "Ferry fares go up"
        assert "n10" in app.state.read
        await pilot.press("shift+tab", "slash", "escape")
        await settle(app, pilot)
        assert sidebar.options.option_count == 12
        assert sidebar.options.highlighted == TITLES.index("Ferry fares go up")
        assert sidebar.border_title == "Articles 12"


async def test_a_filtered_list_grows_with_the_archive_and_keeps_read_marks(
    folder: Path, tmp_path: Path, cache_dir: Path, in_worker: None
) -> None:
    async with reader(folder, tmp_path, cache_dir) as (app, pilot, sidebar):
        await pilot.press("shift+tab", "slash", *"bridge", "enter", "j", "enter")
        await settle(app, pilot)
        assert app.reader.analysis is not None and app.reader.analysis.article.title == "Old bridge to close in May"
        # More notices arrive in a file that sorts first; the app re-reads the list as it indexes.
        more = ["Bridge fund raised", "Choir sings tonight"]
        write_notices(folder / "0_more.jsonl", more, first=50)
        assert app.archive is not None
        await asyncio.to_thread(app.archive.build, workers=0)
        sidebar.refresh_items()
        await settle(app, pilot)
        assert shown_titles(sidebar) == ["Bridge fund raised", *matching("bridge")]
        assert sidebar.border_title == "Articles 5/14"
        # The cursor stayed on the article it was on, now one further down.
        assert sidebar.options.highlighted == 2
        row = sidebar.options.row(2)
        assert row is not None and row.title == "Old bridge to close in May"
        text = "\n".join(line.text for line in app.screen._compositor.render_strips())  # type: ignore[attr-defined]
        assert "✓ Old bridge to close in May" in text
        assert "• Bridge fund raised" in text


async def test_the_cursor_moved_while_an_answer_was_read_stays_put(
    folder: Path, tmp_path: Path, cache_dir: Path, in_worker: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with reader(folder, tmp_path, cache_dir) as (app, pilot, sidebar):
        await pilot.press("shift+tab", "slash", *"bridge", "enter")
        await settle(app, pilot)
        assert sidebar.options.highlighted == 0
        slow_for(monkeypatch, {"bridge"}, seconds=0.5)
        sidebar.refresh_items()  # as when the archive grows
        await pilot.press("j", "j")
        assert sidebar.options.highlighted == 2
        await settle(app, pilot)
        await asyncio.sleep(0.6)
        await settle(app, pilot)
        assert not sidebar.pending
        assert sidebar.options.highlighted == 2
        row = sidebar.options.row(2)
        assert row is not None and row.title == "NEW BRIDGE OPENS AT LAST"


async def test_an_answer_to_an_older_request_is_dropped(
    folder: Path, tmp_path: Path, cache_dir: Path, in_worker: None
) -> None:
    async with reader(folder, tmp_path, cache_dir) as (app, pilot, sidebar):
        await filter_titles(app, pilot, "bridge")
        archive = app.archive
        assert archive is not None
        highlighted = sidebar.options.highlighted

        def answer(generation: int) -> Listing:
            listing = read_listing(archive, ListingRequest(generation, "harbour", None, highlighted, 10))
            assert listing is not None and listing.count == 2
            return listing

        # An answer that arrives after the user typed on is not shown...
        sidebar.show_listing(answer(sidebar.generation - 1))
        await pilot.pause()
        assert shown_titles(sidebar) == matching("bridge")
        # ...while the answer to the latest request is.
        sidebar.show_listing(answer(sidebar.generation))
        await pilot.pause()
        assert shown_titles(sidebar) == matching("harbour")


# -- the archive's side --------------------------------------------------------------------


@pytest.mark.parametrize("title", [None, "bridge", "FERRY", "o", "no such title", "%", "_"])
def test_count_and_position_agree_with_count_and_position(folder: Path, cache_dir: Path, title: str | None) -> None:
    with Archive.open([folder], cache_dir=cache_dir) as archive:
        ids = [row.id for row in archive.rows(0, 100)]
        assert len(ids) == len(TITLES)
        for article_id in [*ids, None, max(ids) + 1000]:
            expected_position = None if article_id is None else archive.position(article_id, title)
            assert archive.count_and_position(article_id, title) == (archive.count(title), expected_position)
        assert archive.count(title) == len(matching(title or ""))


def test_a_cancelled_query_stops_and_the_next_one_runs(folder: Path, cache_dir: Path) -> None:
    with Archive.open([folder], cache_dir=cache_dir) as archive:
        with pytest.raises(sqlite3.OperationalError, match="interrupted"), archive.interruptible(lambda: True):
            # This archive's own queries are too short to reach the check: one that is long enough.
            archive._conn().execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)"
                " SELECT count(*) FROM n").fetchone()
        with archive.interruptible(lambda: False):
            assert archive.count("bridge") == 4
        assert archive.count("harbour") == 2
