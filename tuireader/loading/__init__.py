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
from tuireader.loading.errors import (
    NO_SUCH_FILE,
    LoadError,
    LoadWarning,
    file_problem,
    nothing_loaded,
    os_reason,
    problem_line,
    shown_path,
    shown_problem,
)

__all__ = ["NO_SUCH_FILE", "SUFFIXES", "LoadError", "LoadWarning", "file_problem", "iter_articles", "iter_files",
           "load_file", "nothing_loaded", "os_reason", "problem_line", "read_stdin", "shown_path", "shown_problem",
           "suffix_of"]
