"""Lines too long for their pane are cut with "…", keeping what matters in view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.ui.test_reader import ready, screen_text
from tuireader.index import ArticleRow
from tuireader.ui.app import ReaderApp, create_app
from tuireader.ui.archive_list import row_text
from tuireader.ui.search_screen import PLACEHOLDERS, SearchScreen, placeholder_for
from tuireader.ui.speaker_panel import speaker_label

NARROW = (60, 20)
WIDE = (120, 30)
LONG_NAME = "Bartholomew Fitzwilliamsonmontgomeryashcombe"
"""Longer than the speakers pane at 60 columns, with its glyph and count."""
LONGER = "Bartholomew Fitzwilliamsonmontgomeryashcombevellmouthson"
LONG_TITLE = "An uncommonly long headline about the Eastport harbour budget and the ferry timetable nobody agreed"

ARTICLE = f"""Title: {LONG_TITLE}
Date: 2024-03-01
Source: Coastal Times

"We will rebuild the pier before winter and the ferry slip before spring," said {LONGER}.

"The ferry must run on time," said Jane Roe.
"""


@pytest.fixture
def long_article(tmp_path: Path) -> Path:
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "a_long.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (None, f"{LONG_NAME}  12 — Professor Fitzwilliamsonmontgomeryashcombe"),
        (60, f"{LONG_NAME}  12 — Professo…"),
        (30, "Bartholomew Fitzwilliamso…  12"),
        (5, "…  12"),
    ],
)
def test_a_speaker_label_cuts_aliases_then_the_name_and_keeps_the_count(width: int | None, expected: str) -> None:
    label = speaker_label(LONG_NAME, 12, ("Professor Fitzwilliamsonmontgomeryashcombe",), width)
    assert label.plain == expected
    assert width is None or label.cell_len <= width


def test_a_short_speaker_label_is_left_whole() -> None:
    assert speaker_label("Jane Roe", 2, ("Roe",), 30).plain == "Jane Roe  2 — Roe"
    assert speaker_label(None, 1, (), 30).plain == "(no speaker)  1"


@pytest.mark.parametrize(
    ("width", "title", "meta"),
    [
        (None, f"• {LONG_TITLE}", "  2024-03-01 · Coastal Times · 12 statements"),
        (40, "• An uncommonly long headline about the…", "  2024-03-01 · Coastal … · 12 statements"),
        (22, "• An uncommonly long …", "  12 statements"),
    ],
)
def test_an_archive_row_cuts_its_title_and_keeps_its_count(width: int | None, title: str, meta: str) -> None:
    row = ArticleRow(1, "a", LONG_TITLE, "2024-03-01", "Coastal Times", 12, 2, "a.txt")
    shown = row_text(row, False, None, None, width)
    assert [line.plain for line in shown] == [title, meta]
    assert width is None or all(line.cell_len <= width for line in shown)


def pane_lines(app: ReaderApp) -> list[str]:
    """The lines inside the pane's border."""
    return [line[1:-1] for line in screen_text(app).splitlines() if line.startswith("│")]


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_a_long_speaker_name_is_cut_with_its_count_in_view(
        make_app: Callable[..., ReaderApp], long_article: Path, size: tuple[int, int]) -> None:
    app = make_app([long_article])
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        tree = app.reader.speakers.speaker_tree
        width = tree.scrollable_content_region.width
        speaker, statement, other = (tree.render_line(y).text for y in range(3))
        assert speaker.startswith("▾ Bartholomew") and speaker.rstrip().endswith("…  1")
        assert statement.startswith("└ ▌ We will") and statement.rstrip().endswith("…")
        assert other.rstrip() == "▸ Jane Roe  1"
        assert len(speaker) == len(statement) == width


async def test_a_long_title_in_the_archive_list_ends_with_an_ellipsis(
        tmp_path: Path, long_article: Path) -> None:
    app = create_app([str(long_article)], state_path=tmp_path / "state.json", export_dir=tmp_path,
                     use_archive=True, cache_dir=tmp_path / "cache")
    async with app.run_test(size=NARROW) as pilot:
        await ready(app, pilot)
        await pilot.press("tab", "tab")
        await pilot.pause()
        lines = pane_lines(app)
        title = next(line for line in lines if "An uncommonly" in line)
        assert title.endswith("…")


def test_the_search_hint_is_the_longest_that_fits() -> None:
    assert placeholder_for(200) == PLACEHOLDERS[0]
    assert placeholder_for(len(PLACEHOLDERS[1]) + 1) == PLACEHOLDERS[1]
    assert placeholder_for(len(PLACEHOLDERS[1])) == PLACEHOLDERS[2]
    assert placeholder_for(5) == PLACEHOLDERS[-1]


@pytest.mark.parametrize("size", [(80, 24), NARROW, (40, 20)])
async def test_the_search_hint_is_never_cut(make_app: Callable[..., ReaderApp], long_article: Path,
                                            size: tuple[int, int]) -> None:
    app = make_app([long_article])
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        hint = app.screen.query_input.placeholder
        assert hint == placeholder_for(app.screen.query_input.content_region.width)
        assert any(hint in line for line in screen_text(app).splitlines())
        # Narrowing the terminal picks a shorter hint.
        await pilot.resize_terminal(30, 20)
        await pilot.pause()
        assert app.screen.query_input.placeholder == PLACEHOLDERS[-1]
        assert PLACEHOLDERS[-1] in screen_text(app)
