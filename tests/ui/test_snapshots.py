"""How the reader looks, fixed with snapshots at 80x24 and 140x40 (small fictional articles,
the test extractor, so extraction changes do not move them)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from tuireader.ui.app import ReaderApp


async def _loaded(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_article_at_80x24(snap_compare: Callable[..., bool], make_app: Callable[..., ReaderApp],
                          articles: Path) -> None:
    app = make_app([articles])
    assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded, press=["right_square_bracket"])


def test_three_panes_at_140x40(snap_compare: Callable[..., bool], make_app: Callable[..., ReaderApp],
                               articles: Path) -> None:
    app = make_app([articles])
    assert snap_compare(app, terminal_size=(140, 40), run_before=_loaded,
                        press=["right_square_bracket", "right_square_bracket"])


def test_find_highlight_at_80x24(snap_compare: Callable[..., bool], make_app: Callable[..., ReaderApp],
                                 articles: Path) -> None:
    app = make_app([articles])
    assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded,
                        press=["slash", *"gulls", "enter", "n"])


def test_speakers_panel_at_80x24(snap_compare: Callable[..., bool], make_app: Callable[..., ReaderApp],
                                 articles: Path) -> None:
    app = make_app([articles])
    assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded, press=["s"])
