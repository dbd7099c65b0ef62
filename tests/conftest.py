"""Shared test helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def private_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real config, saved state or cache."""
    home = tmp_path_factory.mktemp("home")
    for name, sub in (("TUIREADER_CONFIG_DIR", "config"), ("TUIREADER_STATE_DIR", "data"),
                      ("TUIREADER_CACHE_DIR", "cache")):
        monkeypatch.setenv(name, str(home / sub))


@pytest.fixture
def seeds() -> Path:
    """The repository's seeds folder."""
    return ROOT / "seeds"
