"""Loading articles from files: one loader per format, chosen by suffix."""

from __future__ import annotations

from tuireader.loading.dispatch import (
    SUFFIXES,
    iter_articles,
    iter_files,
    load_file,
    read_stdin,
    suffix_of,
)
from tuireader.loading.errors import LoadError, LoadWarning, nothing_loaded

__all__ = ["SUFFIXES", "LoadError", "LoadWarning", "iter_articles", "iter_files", "load_file", "nothing_loaded",
           "read_stdin", "suffix_of"]
