"""The archive workflow end to end: search, open at the statement, come back, cite.

Built as in test_archive.py: real indexer, real extraction, small fictional articles in
tmp_path. The long article puts its quotation far below the first screen, so that opening a
hit has to scroll to it.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.ui.test_archive import SMALL, cache_dir, make, ready, settle  # noqa: F401
from tests.ui.test_reader import screen_text
from tuireader.ui.app import ReaderApp
from tuireader.ui.search_screen import SearchScreen
from tuireader.ui.speaker_archive_screen import SpeakerArchiveScreen

PADDING = "\n\n".join(
    f"Paragraph {n} tells of the tides, the nets and the weather over the quay at Saltmere."
    for n in range(60)
)

SHORT = """Title: Quay market reopens
Date: 2024-01-05
Source: Saltmere Post

The quay market reopened on Saturday after the winter.
"""

LONG = f"""Title: Lighthouse keeper retires
Date: 2024-03-09
Source: Saltmere Post

The keeper of the Saltmere light left the tower for the last time on Friday.

{PADDING}

"The lamp never once went dark on my watch," said Ilse Marrow.
"""


def long_archive(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a_market.txt").write_text(SHORT, encoding="utf-8")
    (folder / "b_light.txt").write_text(LONG, encoding="utf-8")
    return folder


MORE_MARROW = (("c_tower.txt", "Tower to be painted", "2024-04-01"), ("d_boat.txt", "Boat club meets", "2024-05-02"))
"""Articles with Ilse Marrow's quotation in them besides the long one."""


def marrow_hits(tmp_path: Path, copies: int) -> tuple[ReaderApp, SearchScreen]:
    """The long archive with ``copies`` more of Ilse Marrow's quotation, searched for her."""
    folder = long_archive(tmp_path)
    for name, title, date in MORE_MARROW[:copies]:
        (folder / name).write_text(LONG.replace("Lighthouse keeper retires", title).replace("2024-03-09", date),
                                   encoding="utf-8")
    return make([folder], tmp_path)


async def search_marrow(app: ReaderApp, pilot: Pilot[None], hits: int) -> SearchScreen:
    """Search the archive for Ilse Marrow's statements: ``hits`` of them."""
    await pilot.press("ctrl+f", *"speaker:marrow")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, SearchScreen) and len(screen.hit_list.hits) == hits
    return screen


def in_view(app: object, words: str) -> bool:
    return words in screen_text(app)  # type: ignore[arg-type]


async def test_a_hit_far_down_its_article_opens_scrolled_to_it(tmp_path: Path, cache_dir: Path) -> None:
    app = make([long_archive(tmp_path)], tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        assert app.reader.analysis is not None and app.reader.analysis.article.title == "Quay market reopens"
        await pilot.press("ctrl+f", *"speaker:marrow lamp")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen) and len(screen.hit_list.hits) == 1
        await pilot.press("enter")
        await pilot.pause()
        current = app.reader.body.current_statement
        assert current is not None and current.speaker == "Ilse Marrow"
        assert in_view(app, "The lamp never once went dark"), screen_text(app)


async def test_a_speaker_hit_far_down_its_article_opens_scrolled_to_it(tmp_path: Path, cache_dir: Path) -> None:
    app = make([long_archive(tmp_path)], tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        app.show_speaker_archive("Ilse Marrow")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SpeakerArchiveScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert in_view(app, "The lamp never once went dark"), screen_text(app)


async def test_down_in_the_search_box_moves_to_the_hits_and_then_along_them(
    tmp_path: Path, cache_dir: Path
) -> None:
    app = marrow_hits(tmp_path, 1)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        screen = await search_marrow(app, pilot, 2)
        second = screen.hit_list.hits[1]
        # One burst, as over SSH: the keys after the first down go to the hits.
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        assert app.reader.analysis is not None and app.reader.analysis.article.title == second.title


async def test_searching_again_comes_back_on_the_hit_last_opened(tmp_path: Path, cache_dir: Path) -> None:
    app = marrow_hits(tmp_path, 2)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        screen = await search_marrow(app, pilot, 3)
        hits = screen.hit_list.hits
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.reader.analysis is not None and app.reader.analysis.article.title == hits[1].title
        # Back in the search: the same query, the opened hit highlighted, the box still typing.
        await pilot.press("ctrl+f")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen) and screen.query_input.value == "speaker:marrow"
        assert screen.hit_list.current_hit == hits[1]
        assert app.focused is screen.query_input
        # down goes to the hits at that one, and down again to the next: the one after it.
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.reader.analysis is not None and app.reader.analysis.article.title == hits[2].title
        # Another query starts at its first hit.
        await pilot.press("ctrl+f")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen) and screen.hit_list.current_hit == hits[2]
        await pilot.press("ctrl+u", *"lamp")
        await settle(app, pilot)
        assert screen.hit_list.highlighted == 0


async def test_down_with_no_hits_leaves_the_keys_after_it_in_the_box(tmp_path: Path, cache_dir: Path) -> None:
    app = make([long_archive(tmp_path)], tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+f", *"zebra")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen) and not screen.hit_list.hits
        await pilot.press("down", "s")
        await pilot.pause()
        assert screen.query_input.value == "zebras"  # at once, not after the hand-over's timeout
        assert app.focused is screen.query_input


def test_a_citation_notice_keeps_a_long_source_and_its_url_whole() -> None:
    from tuireader.ui.clipboard import notice_text

    source = ("Marsh wardens report record heron count on the estuary flats after a wet spring, "
              "Saltmere Post (regional edition; print and web), 2024-03-09, "
              "https://example.org/news/2024/03/09/marsh-wardens-report-record-heron-count?ref=rss")
    cited = "“" + "The herons came back in numbers we had not seen, " * 3 + "not in thirty years.” — Ilse Marrow, " + source
    shown = notice_text(cited)
    assert shown.endswith("— Ilse Marrow, " + source)  # where it comes from, whole, to select by hand
    assert shown.startswith("“The herons came back in numbers")
    assert "…” — Ilse Marrow" in shown


async def test_backspace_goes_back_to_where_a_jump_left(tmp_path: Path, cache_dir: Path) -> None:
    app = make([long_archive(tmp_path)], tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        reader = app.reader
        await pilot.press("backspace")  # nowhere to go back to yet: a notice, nothing moves
        await pilot.pause()
        assert reader.analysis is not None and reader.analysis.article.title == "Quay market reopens"
        assert any("back" in str(n.message) for n in app._notifications)
        # Jump into the long article, at its quotation far down.
        await pilot.press("ctrl+f", *"speaker:marrow lamp")
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert reader.analysis.article.title == "Lighthouse keeper retires"
        at_quote = reader.body.current
        top = reader.body.scroll_y
        assert top > 0
        # Jump away from there to the other article, then come back: the same place.
        await pilot.press("ctrl+f", "ctrl+u", *"quay market reopened")
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert reader.analysis.article.title == "Quay market reopens"
        await pilot.press("backspace")
        await pilot.pause()
        assert reader.analysis.article.title == "Lighthouse keeper retires"
        assert (reader.body.current, reader.body.scroll_y) == (at_quote, top)
        assert in_view(app, "The lamp never once went dark")
        # And once more: back where the first jump started.
        await pilot.press("backspace")
        await pilot.pause()
        assert reader.analysis.article.title == "Quay market reopens"
        assert reader.body.scroll_y == 0
