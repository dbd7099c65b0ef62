"""What the reader remembers between runs: read marks, bookmarks and the chosen theme.

The state is one JSON file, ``state.json`` in the user data dir (``TUIREADER_STATE_DIR``
overrides the folder; tests use it). It is written atomically: a temporary file beside it,
flushed and synced, then renamed over the old one. A file that cannot be understood is set
aside as ``state.json.corrupt-<timestamp>`` with a notice, and a fresh state starts. With no
path (``--no-state``) nothing is read or written.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tuireader.config import user_dir

STATE_DIR_ENV = "TUIREADER_STATE_DIR"
"""Environment variable naming the folder that holds ``state.json``."""
STATE_VERSION = 1
MAX_STATE_BYTES = 20_000_000

BookmarkKey = tuple[int, int]
"""A bookmarked statement: the start and end offsets of its content in the article text."""


def state_dir() -> Path:
    """The folder of the saved state (``TUIREADER_STATE_DIR`` when set)."""
    return user_dir(STATE_DIR_ENV, "data")


def default_state_path() -> Path:
    """Where the state is kept unless told otherwise."""
    return state_dir() / "state.json"


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so that a crash leaves the old or the new file, never half.

    Args:
        path: The file to write; its folder is created when missing.
        text: The new contents.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


class StateError(ValueError):
    """The state file does not have the expected shape."""


def _parse(data: Any) -> tuple[set[str], dict[str, set[BookmarkKey]], str | None]:
    if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
        raise StateError("not a tuireader state file of version 1")
    read = data.get("read", [])
    if not isinstance(read, list) or not all(isinstance(r, str) for r in read):
        raise StateError("'read' must be a list of article ids")
    raw_marks = data.get("bookmarks", {})
    if not isinstance(raw_marks, dict):
        raise StateError("'bookmarks' must map article ids to spans")
    marks: dict[str, set[BookmarkKey]] = {}
    for article_id, spans in raw_marks.items():
        if not isinstance(spans, list):
            raise StateError(f"bookmarks of {article_id!r} must be a list")
        for span in spans:
            if (
                not isinstance(span, list)
                or len(span) != 2
                or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in span)
            ):
                raise StateError(f"bad bookmark {span!r} in {article_id!r}")
            marks.setdefault(article_id, set()).add((span[0], span[1]))
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise StateError("'theme' must be a name")
    return set(read), marks, theme


class State:
    """Read marks, bookmarks and the chosen theme, saved after every change.

    Args:
        path: The state file; None keeps everything in memory only (``--no-state``).
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        """The file, or None when nothing is persisted."""
        self.read: set[str] = set()
        """Ids of the articles that have been opened."""
        self.bookmarks: dict[str, set[BookmarkKey]] = {}
        """Article id -> bookmarked statement spans."""
        self.theme: str | None = None
        """The theme last chosen in the app."""

    @classmethod
    def open(cls, path: Path | None) -> tuple[State, list[str]]:
        """Load the state from ``path``, setting a corrupt file aside.

        Args:
            path: The state file, or None for a state that is never saved.

        Returns:
            The state and the notices to show (one line each).
        """
        state = cls(path)
        if path is None:
            return state, []
        try:
            if path.stat().st_size > MAX_STATE_BYTES:
                raise StateError(f"larger than {MAX_STATE_BYTES} bytes")
            data = json.loads(path.read_text(encoding="utf-8"))
            state.read, state.bookmarks, state.theme = _parse(data)
        except FileNotFoundError:
            return state, []
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
            try:
                os.replace(path, aside)
            except OSError as move_exc:
                return state, [f"{path}: unreadable state ({reason}) and could not be moved aside "
                               f"({move_exc.strerror or move_exc}); not saving this session"]
            return state, [f"{path}: unreadable state ({reason}); moved to {aside.name}, starting afresh"]
        return state, []

    def to_json(self) -> str:
        """The state as the text of its file."""
        data = {
            "version": STATE_VERSION,
            "read": sorted(self.read),
            "bookmarks": {k: sorted([s, e] for s, e in v) for k, v in sorted(self.bookmarks.items()) if v},
            "theme": self.theme,
        }
        # ASCII escapes: an id made from a file name that is not UTF-8 holds lone surrogates,
        # which only an escape can carry through a UTF-8 file (and back, unchanged).
        return json.dumps(data, ensure_ascii=True, indent=1) + "\n"

    def save(self) -> None:
        """Write the state atomically; does nothing without a path."""
        if self.path is not None:
            write_atomically(self.path, self.to_json())

    def mark_read(self, article_id: str) -> bool:
        """Mark an article read; True when that changed anything."""
        if article_id in self.read:
            return False
        self.read.add(article_id)
        return True

    def is_bookmarked(self, article_id: str, key: BookmarkKey) -> bool:
        """Whether the statement at ``key`` in the article is bookmarked."""
        return key in self.bookmarks.get(article_id, ())

    def toggle_bookmark(self, article_id: str, key: BookmarkKey) -> bool:
        """Add or remove a bookmark.

        Returns:
            True when the statement is now bookmarked.
        """
        marks = self.bookmarks.setdefault(article_id, set())
        if key in marks:
            marks.discard(key)
            if not marks:
                del self.bookmarks[article_id]
            return False
        marks.add(key)
        return True

    def iter_bookmarks(self) -> Iterator[tuple[str, BookmarkKey]]:
        """Every bookmark as (article id, span), in a stable order."""
        for article_id in sorted(self.bookmarks):
            for key in sorted(self.bookmarks[article_id]):
                yield article_id, key
