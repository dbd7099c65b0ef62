"""What goes wrong while loading articles: errors that skip a file, warnings that do not."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

NAMED_PATHS = 3
"""Paths named in `nothing_loaded` before the rest are counted."""
NO_SUCH_FILE = "no such file or directory"


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


def os_reason(exc: OSError) -> str:
    """What went wrong with a file, in the same words wherever it is told (lower case, as
    every other problem is), for ``FILE: reason``."""
    if isinstance(exc, FileNotFoundError):
        return NO_SUCH_FILE
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if not exc.strerror:
        return type(exc).__name__
    return exc.strerror[:1].lower() + exc.strerror[1:]


def problem_line(problem: LoadError | LoadWarning) -> str:
    """A load problem as one line: ``error: FILE: reason`` or ``warning: FILE: reason``."""
    return f"{'warning' if isinstance(problem, LoadWarning) else 'error'}: {problem}"


def shown_path(path: str | os.PathLike[str], cwd: str | None = None) -> str:
    """A file as it is named to the user: relative to the current directory when inside it.

    Args:
        path: The file, as given or as the cache keys it (absolute).
        cwd: The current directory (``os.getcwd()`` when None).

    Returns:
        ``path`` relative to ``cwd`` when it is absolute and lies inside it, else as given.
    """
    name = os.fspath(path)
    if not os.path.isabs(name):
        return name
    if cwd is None:
        try:
            cwd = os.getcwd()
        except OSError:  # the current directory was removed
            return name
    inside = os.path.join(cwd, "")
    return name[len(inside):] if name.startswith(inside) else name


def file_problem(path: str | os.PathLike[str], what: str, exc: OSError) -> str:
    """An OSError about one of the reader's own files (config, state, export) as one line,
    worded and named as a load problem is: ``FILE: cannot read config file (permission denied)``.

    Args:
        path: The file.
        what: What could not be done: ``cannot read config file``.
        exc: What went wrong.
    """
    return f"{shown_path(path)}: {what} ({os_reason(exc)})"


def shown_problem(line: str, cwd: str | None = None) -> str:
    """A problem line as it is shown: its file relative to the current directory when inside it.

    The cache names files by absolute path, while a file found by walking a folder given on
    the command line is named as that folder was given; here both read the same.

    Args:
        line: ``error: FILE: reason`` or ``warning: FILE: reason`` (other lines are left alone).
        cwd: The current directory (``os.getcwd()`` when None).

    Returns:
        The line with ``FILE`` relative to ``cwd`` when it lies inside it, else as it was.
    """
    kind, sep, rest = line.partition(": ")
    if kind not in ("error", "warning"):
        return line
    return f"{kind}{sep}{shown_path(rest, cwd)}"
