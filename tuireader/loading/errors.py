"""What goes wrong while loading articles: errors that skip a file, warnings that do not."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

NAMED_PATHS = 3
"""Paths named in `nothing_loaded` before the rest are counted."""


class LoadError(Exception):
    """A file (or one record in it) could not be loaded.

    Its string form is one line naming the file and the problem.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        """The file (or ``file#record``) that failed."""
        self.reason = reason
        """What was wrong, in a few words."""


@dataclass(frozen=True, slots=True)
class LoadWarning:
    """Something odd about a file that still loaded."""

    message: str
    """One line naming the file and the problem."""

    def __str__(self) -> str:
        return self.message


def nothing_loaded(paths: Sequence[str | os.PathLike[str]]) -> str:
    """The line saying that no article could be loaded, naming the paths given.

    Args:
        paths: The files and folders given (``-`` for standard input).

    Returns:
        ``no article could be loaded from PATH``; past `NAMED_PATHS` paths the rest are counted.
    """
    names = ["standard input" if str(p) == "-" else str(p) for p in paths]
    if not names:
        return "no article could be loaded"
    if len(names) > NAMED_PATHS:
        names = [*names[:NAMED_PATHS], f"{len(names) - NAMED_PATHS} more"]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"no article could be loaded from {listed}"
