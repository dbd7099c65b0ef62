"""Shared test helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def seeds() -> Path:
    """The repository's seeds folder."""
    return ROOT / "seeds"
