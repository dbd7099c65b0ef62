"""The reader with its archive: search as you type, a speaker across articles, echoes of a quote.

The archive is built by the real indexer (and so the real extraction) from small fictional
articles in tmp_path, into a cache in tmp_path; the reader loads the same files with the
same extraction, so what a test asserts about statements holds on both sides.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tuireader.ui.app import ReaderApp, create_app
from tuireader.ui.search_screen import SearchScreen, SearchStatus

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
