"""Errors raised while loading articles."""

from __future__ import annotations


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
