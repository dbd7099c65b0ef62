"""What the reader remembers between runs: read marks, bookmarks and the chosen theme.

The state is one JSON file, ``state.json`` in the user data dir (``TUIREADER_STATE_DIR``
overrides the folder; tests use it). It is written atomically: a temporary file beside it,
flushed and synced, renamed over the old one, and the folder synced; a writer killed at any
moment leaves the old file or the new one. A file that cannot be understood is set aside as
``state.json.corrupt-<timestamp>`` with a notice, and a fresh state starts; one that cannot be
read at all (permissions, a disk error) is left alone and this session saves nothing. With no
path (``--no-state``) nothing is read or written.

Two readers may run at once (two terminals, two SSH sessions). Each save takes a lock beside
the file, reads what is on disk, applies this session's own changes to it (marks read,
bookmarks added or removed, a theme chosen) and writes the result, so neither reader undoes
the other's work. The lock is on the folder, so no lock file is left.

A bookmark is kept as the offsets of the statement's content (``bookmarks``) and, apart
from them, the first few hundred characters of that content (``bookmark_words``), so that it
can be found again after the article is edited. Keeping the words under their own key lets a
file from an older version, which has only offsets, load as before, and an older version read
this file (it ignores the words).
"""

from __future__ import annotations

import errno
import glob
import json
import os
import secrets
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tuireader.config import user_dir
from tuireader.model.bookmark_place import MAX_WORDS
from tuireader.loading.errors import file_problem, os_reason, shown_path

STATE_DIR_ENV = "TUIREADER_STATE_DIR"
"""Environment variable naming the folder that holds ``state.json``."""
STATE_VERSION = 1
MAX_STATE_BYTES = 20_000_000

BookmarkKey = tuple[int, int]
"""A bookmarked statement: the start and end offsets of its content in the article text."""
Words = dict[tuple[str, BookmarkKey], str]
"""(article id, bookmark) -> the first `MAX_WORDS` characters of the statement's content."""


def state_dir() -> Path:
    """The folder of the saved state (``TUIREADER_STATE_DIR`` when set)."""
    return user_dir(STATE_DIR_ENV, "data")


def default_state_path() -> Path:
    """Where the state is kept unless told otherwise."""
    return state_dir() / "state.json"


def _write_temporary(path: Path, chunks: Iterable[str], mode: int) -> str:
    """Write ``chunks`` to a new temporary file beside ``path``, flushed and synced to disk.

    Returns:
        The temporary file's name; on any failure it is removed and the error raised.
    """
    tmp = str(path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"))
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _remove(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def _remove_orphans(path: Path) -> None:
    """Delete temporary files beside ``path`` left by writers that were killed mid-write
    (their names carry the writer's process id; a live writer's file is left alone)."""
    try:
        leftovers = list(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"))
    except OSError:
        return
    for leftover in leftovers:
        pid = leftover.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            _remove(str(leftover))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def write_atomically(path: Path, text: str | Iterable[str]) -> None:
    """Replace ``path`` with ``text`` so that a crash leaves the old or the new file, never half.

    The file is readable by its owner only, as saved state should be.

    Args:
        path: The file to write; its folder is created when missing.
        text: The new contents, whole or in chunks.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _write_temporary(path, [text] if isinstance(text, str) else text, 0o600)
    try:
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise
    _sync_folder(path.parent)


def write_new_file(path: Path, chunks: Iterable[str]) -> None:
    """Create ``path`` with ``chunks``, all at once or not at all, never over an existing file.

    The text goes to a temporary file first and is then linked under its name, which fails
    when the name is taken; so a full disk or a crash leaves no half-written file, and no
    file of the user's is ever replaced. Permissions follow the umask.

    Raises:
        FileExistsError: ``path`` exists (it is left untouched).
        OSError: The file could not be written (nothing is left behind).
    """
    tmp = _write_temporary(path, chunks, 0o666)
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise
            _copy_new(tmp, path)  # a file system without hard links (FAT, some shares)
    finally:
        _remove(tmp)
    _sync_folder(path.parent)


_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS}


def _copy_new(source: str, path: Path) -> None:
    """Copy a finished file to a name that must not exist; a failed copy is removed."""
    with open(source, "rb") as src, open(path, "xb") as dst:
        try:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(dst.fileno())
        except BaseException:
            _remove(str(path))
            raise


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable: until the folder is synced, a power cut can undo it."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the file itself is synced
    finally:
        os.close(fd)


class StateError(ValueError):
    """The state file does not have the expected shape."""


def _is_offset(n: object) -> bool:
    return isinstance(n, int) and not isinstance(n, bool) and n >= 0


def _parse(data: Any) -> tuple[set[str], dict[str, set[BookmarkKey]], Words, str | None]:
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
            if not isinstance(span, list) or len(span) != 2 or not all(_is_offset(n) for n in span):
                raise StateError(f"bad bookmark {span!r} in {article_id!r}")
            marks.setdefault(article_id, set()).add((span[0], span[1]))
    raw_words = data.get("bookmark_words", {})
    if not isinstance(raw_words, dict):
        raise StateError("'bookmark_words' must map article ids to bookmarks and their words")
    words: Words = {}
    for article_id, entries in raw_words.items():
        if not isinstance(entries, list):
            raise StateError(f"bookmark words of {article_id!r} must be a list")
        for entry in entries:
            if (not isinstance(entry, list) or len(entry) != 3 or not all(_is_offset(n) for n in entry[:2])
                    or not isinstance(entry[2], str)):
                raise StateError(f"bad bookmark words {entry!r:.80} in {article_id!r}")
            key = (entry[0], entry[1])
            if key in marks.get(article_id, ()) and entry[2]:  # words of a removed bookmark go
                words[(article_id, key)] = entry[2][:MAX_WORDS]
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise StateError("'theme' must be a name")
    return set(read), marks, words, theme


def _set_aside(state: State, path: Path, reason: str) -> str:
    """Move an unusable state file to an unused ``<name>.corrupt-<time>`` name beside it.

    When it cannot be moved, ``state`` stops saving, so the file is never overwritten.

    Returns:
        The notice for the user.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 2
    while aside.exists() or aside.is_symlink():
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    try:
        os.replace(path, aside)
    except OSError as exc:
        state.path = None
        return (f"{shown_path(path)}: unreadable state ({reason}) and could not be moved aside "
                f"({os_reason(exc)}); nothing will be saved this session")
    return f"{shown_path(path)}: unreadable state ({reason}); moved to {aside.name}, starting afresh"


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (where the platform has ``fcntl`` and the file
    system allows it), so that two readers saving at once take turns. Locking the folder
    leaves no lock file behind."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            pass  # a file system without locks: save unlocked, as before
        yield
    finally:
        os.close(fd)  # closing releases the lock


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
        self.words: Words = {}
        """The words of the bookmarks that have them (older versions saved offsets only)."""
        self._theme: str | None = None
        self._read_here: set[str] = set()
        """Articles marked read in this session and not saved yet."""
        self._marks_here: list[_Change] = []
        """Bookmarks added, removed or moved in this session and not saved yet, in order."""
        self._theme_here = False
        """Whether a theme was chosen in this session and not saved yet."""

    @property
    def theme(self) -> str | None:
        """The theme last chosen in the app."""
        return self._theme

    @theme.setter
    def theme(self, name: str | None) -> None:
        self._theme = name
        self._theme_here = True

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
        _remove_orphans(path)
        try:
            if path.stat().st_size > MAX_STATE_BYTES:
                return state, [_set_aside(state, path, f"larger than {MAX_STATE_BYTES} bytes")]
            raw = path.read_bytes()
        except FileNotFoundError:
            return state, []
        except OSError as exc:
            # Not proof the file is bad (a permission, a disk error): leave it where it is, and
            # do not overwrite it with this session's state.
            state.path = None
            return state, [f"{file_problem(path, 'cannot read the saved state', exc)}; left as it is, "
                           "and nothing will be saved this session"]
        try:
            state.read, state.bookmarks, state.words, state._theme = _parse(json.loads(raw.decode("utf-8")))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            return state, [_set_aside(state, path, reason)]
        return state, []

    def to_json(self) -> str:
        """The state as the text of its file."""
        data = {
            "version": STATE_VERSION,
            "read": sorted(self.read),
            "bookmarks": {k: sorted([s, e] for s, e in v) for k, v in sorted(self.bookmarks.items()) if v},
            "bookmark_words": {
                k: [[s, e, self.words[(k, (s, e))]] for s, e in sorted(v) if self.words.get((k, (s, e)))]
                for k, v in sorted(self.bookmarks.items())
                if any(self.words.get((k, key)) for key in v)
            },
            "theme": self.theme,
        }
        # ASCII escapes: an id made from a file name that is not UTF-8 holds lone surrogates,
        # which only an escape can carry through a UTF-8 file (and back, unchanged).
        return json.dumps(data, ensure_ascii=True, indent=1) + "\n"

    def save(self) -> None:
        """Write the state atomically, merged with what another reader saved meanwhile;
        does nothing without a path."""
        if self.path is None:
            return
        with _locked(self.path.parent):
            self._merge_saved(self.path)
            write_atomically(self.path, self.to_json())
        self._read_here.clear()
        self._marks_here.clear()
        self._theme_here = False

    def _merge_saved(self, path: Path) -> None:
        """Take what is on disk and apply this session's unsaved changes on top of it.

        The sets are updated in place: the reader's widgets hold them.
        """
        try:
            if path.stat().st_size > MAX_STATE_BYTES:
                return
            read, marks, words, theme = _parse(json.loads(path.read_bytes().decode("utf-8")))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            return  # nothing readable there: this session's state is all there is
        self.read |= read  # read marks are only ever added
        self.bookmarks.clear()
        self.bookmarks.update(marks)
        self.words.clear()
        self.words.update(words)
        for change in self._marks_here:
            change.apply(self.bookmarks, self.words)
        if not self._theme_here:
            self._theme = theme

    def mark_read(self, article_id: str) -> bool:
        """Mark an article read; True when that changed anything."""
        if article_id in self.read:
            return False
        self.read.add(article_id)
        self._read_here.add(article_id)
        return True

    def words_of(self, article_id: str, key: BookmarkKey) -> str | None:
        """The saved words of a bookmark, or None when it has none (saved by an older version)."""
        return self.words.get((article_id, key)) or None

    def is_bookmarked(self, article_id: str, key: BookmarkKey) -> bool:
        """Whether the statement at ``key`` in the article is bookmarked."""
        return key in self.bookmarks.get(article_id, ())

    def toggle_bookmark(self, article_id: str, key: BookmarkKey, words: str = "") -> bool:
        """Add or remove a bookmark.

        Args:
            article_id: The article.
            key: The statement's content offsets.
            words: The statement's content, kept (its first `MAX_WORDS` characters) to find it
                again when the article changes.

        Returns:
            True when the statement is now bookmarked.
        """
        added = key not in self.bookmarks.get(article_id, ())
        change = _Change(article_id, [(key, key if added else None, words[:MAX_WORDS])])
        change.apply(self.bookmarks, self.words)
        self._marks_here.append(change)
        return added

    def remove_bookmark(self, article_id: str, key: BookmarkKey) -> None:
        """Remove a bookmark (nothing happens when there is none)."""
        change = _Change(article_id, [(key, None, "")])
        change.apply(self.bookmarks, self.words)
        self._marks_here.append(change)

    def move_bookmarks(self, article_id: str, moves: Iterable[tuple[BookmarkKey, BookmarkKey, str]]) -> None:
        """Point bookmarks at their statements' new offsets and words (the article was edited).

        Args:
            article_id: The article.
            moves: Each bookmark's old offsets, new offsets and words. All move at once, so
                one may take the place another one leaves.

        A bookmark another reader removed meanwhile is not brought back by saving.
        """
        change = _Change(article_id, [(key, new_key, words[:MAX_WORDS]) for key, new_key, words in moves],
                         move=True)
        change.apply(self.bookmarks, self.words)
        self._marks_here.append(change)

    def iter_bookmarks(self) -> Iterator[tuple[str, BookmarkKey]]:
        """Every bookmark as (article id, span), in a stable order."""
        for article_id in sorted(self.bookmarks):
            for key in sorted(self.bookmarks[article_id]):
                yield article_id, key


class _Change:
    """A change to one article's bookmarks, applied in memory at once and again, on save, on
    top of what another reader saved meanwhile.

    Args:
        article_id: The article.
        moves: Each bookmark changed, where it is afterwards (None removes it) and its words
            afterwards ("" keeps any it had). All are taken out before any is put back, so a
            bookmark may move to where another one was.
        move: Only move bookmarks that are there (one removed elsewhere stays removed); a plain
            change adds them.
    """

    __slots__ = ("article_id", "move", "moves")

    def __init__(self, article_id: str, moves: list[tuple[BookmarkKey, BookmarkKey | None, str]],
                 move: bool = False) -> None:
        self.article_id = article_id
        self.moves = moves
        self.move = move

    def apply(self, bookmarks: dict[str, set[BookmarkKey]], words: Words) -> None:
        """Make the change to ``bookmarks`` and ``words`` (in place)."""
        marks = bookmarks.setdefault(self.article_id, set())
        put: list[tuple[BookmarkKey, str]] = []
        for key, new_key, new_words in self.moves:
            if self.move and key not in marks and new_key not in marks:
                continue
            kept = words.pop((self.article_id, key), "") if key in marks else ""
            marks.discard(key)
            if new_key is not None:
                put.append((new_key, new_words or kept))
        for new_key, new_words in put:
            marks.add(new_key)
            if new_words:
                words[(self.article_id, new_key)] = new_words
        if not marks:
            del bookmarks[self.article_id]
