"""Loading articles from files: one loader per format, chosen by suffix."""

from __future__ import annotations

from tuireader.loading.errors import LoadError
from tuireader.loading.dispatch import (
    LoadWarning,
    SUFFIXES,
    iter_articles,
    load_file,
)

__all__ = ["SUFFIXES", "LoadError", "LoadWarning", "iter_articles", "load_file"]
