"""What goes wrong while loading articles: errors that skip a file, warnings that do not."""

from __future__ import annotations

from dataclasses import dataclass


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
