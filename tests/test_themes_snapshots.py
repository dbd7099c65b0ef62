"""How the seed article looks in the dark, light and monochrome themes.

After a deliberate change to the reader's look, look at the new pictures and accept them with ``pytest tests/test_themes_snapshots.py
--snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tuireader.ui.app import create_app

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_d15860c4ebf66126.txt"


@pytest.fixture(autouse=True)
def clean_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user themes, config or saved state from the machine running the tests.

    The reader's fixed stand-in extractor marks the statements, so these pictures change
    with the themes and the layout, not with every improvement to extraction.
    """
    from tests.ui.conftest import simple_extract

    monkeypatch.setattr("tuireader.ui.app.extract", simple_extract)
    monkeypatch.setenv("TUIREADER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TUIREADER_STATE_DIR", str(tmp_path / "state"))
    for name in ("NO_COLOR", "SSH_TTY", "SSH_CONNECTION"):
        monkeypatch.delenv(name, raising=False)


def _settled(theme: str):  # noqa: ANN202 - a run_before hook for snap_compare
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert pilot.app.theme == theme

    return run_before


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_seed_article_in_a_colour_theme(snap_compare: Any, theme: str) -> None:
    app = create_app([str(SEED)], theme_name=theme)
    assert snap_compare(app, terminal_size=(100, 30), run_before=_settled(theme))


def test_seed_article_under_no_color(snap_compare: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = create_app([str(SEED)])
    assert snap_compare(app, terminal_size=(100, 30), run_before=_settled("monochrome"))
