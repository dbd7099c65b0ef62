"""The cache database: where it lives, its schema, and opening it safely.

One SQLite file (WAL mode) holds every indexed file, its articles, their speakers and
statements, and two FTS5 indexes. A file that is not a tuireader cache of this schema (corrupt,
foreign, or from an older version) is moved aside and a new one is made, with a notice.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import BinaryIO

APPLICATION_ID = 0x74756972
"""``PRAGMA application_id`` of a tuireader cache ("tuir")."""
SCHEMA_VERSION = 5
"""``PRAGMA user_version``; bumped when the tables change, so an old cache is rebuilt."""
CACHE_ENV = "TUIREADER_CACHE_DIR"
"""Environment variable naming the cache directory."""
DATABASE_NAME = "index.sqlite3"
BUSY_TIMEOUT_MS = 10_000
TOKENIZE = "unicode61 remove_diacritics 2"
"""The FTS5 tokenizer: case-folded words, accents ignored, no stemming (quotes are exact)."""

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS files(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    version TEXT NOT NULL,
    complete INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0,
    messages TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS sources(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    folded TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles(
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    key TEXT NOT NULL,
    location TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    source_id INTEGER,
    url TEXT,
    authors TEXT NOT NULL,
    metadata TEXT NOT NULL,
    markup TEXT NOT NULL,
    paragraphs BLOB NOT NULL,
    text TEXT NOT NULL,
    statements INTEGER NOT NULL,
    quotes INTEGER NOT NULL
);
-- The title makes the sidebar's title filter a scan of this index instead of the table
-- (about 12 ms instead of 45 at 50,000 articles).
CREATE INDEX IF NOT EXISTS articles_file ON articles(file_id, seq, title);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source_id);
CREATE INDEX IF NOT EXISTS articles_key ON articles(key);
CREATE TABLE IF NOT EXISTS speakers(
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    kind TEXT NOT NULL,
    statements INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS speakers_article ON speakers(article_id, seq);
CREATE TABLE IF NOT EXISTS file_speakers(
    file_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    statements INTEGER NOT NULL,
    articles INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS file_speakers_file ON file_speakers(file_id);
CREATE TABLE IF NOT EXISTS statements(
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    cue_start INTEGER,
    cue_end INTEGER,
    mention_start INTEGER,
    mention_end INTEGER,
    speaker TEXT,
    speaker_names TEXT NOT NULL,
    grp INTEGER,
    parent INTEGER,
    rule TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS statements_article ON statements(article_id, seq);
CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5(
    text, speaker_names, content='statements', content_rowid='id', tokenize='{TOKENIZE}'
);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='{TOKENIZE}'
);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_vocab USING fts5vocab(articles_fts, row);
-- Rows enter the FTS indexes in bulk (INSERT ... SELECT by id range, see indexer._Writer):
-- an AFTER INSERT trigger costs three to four times as much per row.
CREATE TRIGGER IF NOT EXISTS statements_ad AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, text, speaker_names)
    VALUES ('delete', old.id, old.text, old.speaker_names);
END;
CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END;
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {SCHEMA_VERSION};
"""


class CacheError(Exception):
    """The cache database cannot be used (for instance its directory is not writable)."""


def default_cache_dir() -> Path:
    """The cache directory: ``$TUIREADER_CACHE_DIR``, else the platform's user cache dir."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tuireader"))


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the cache at ``path`` set up for concurrent readers and one writer.

    Args:
        path: The database file.

    Returns:
        A connection in autocommit mode (transactions are opened explicitly), usable from
        any one thread at a time.
    """
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def _problem(path: Path) -> str | None:
    """Why the existing file at ``path`` is not a usable cache, or None when it is."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            return "not a tuireader cache"
        if version != SCHEMA_VERSION:
            return f"cache format {version}, this version uses {SCHEMA_VERSION}"
        conn.execute("SELECT count(*) FROM files").fetchone()
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()
    return None


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.bad-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.bad-{stamp}-{n}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return target


class FileLock:
    """An exclusive advisory lock on a file (created if missing), between processes.

    Where the platform has no ``fcntl`` the lock is a no-op: SQLite's own locking still keeps
    the database consistent, only the work may be done twice.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        """The lock file."""
        self._handle: BinaryIO | None = None

    def acquire(self, *, blocking: bool = True) -> bool:
        """Take the lock.

        Args:
            blocking: Wait for it; otherwise return False at once when another process has it.

        Returns:
            Whether the lock is now held.
        """
        if self._handle is not None:
            return True
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            return True
        handle = open(self.path, "a+b")  # noqa: SIM115 - kept open while the lock is held
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            handle.close()
            return False
        except BaseException:
            handle.close()
            raise
        self._handle = handle
        return True

    def release(self) -> None:
        """Let the lock go (closing the file releases it)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def prepare(path: Path) -> list[str]:
    """Make sure ``path`` holds a cache database of the current schema.

    A file that is corrupt, foreign or of another schema version is renamed to
    ``<name>.bad-<time>`` beside it and a new database is created. Processes opening the same
    cache at once take turns through a lock file beside it.

    Args:
        path: The database file; its directory is created if missing.

    Returns:
        Notices for the user, one line each (empty when nothing happened).

    Raises:
        CacheError: The directory or the file cannot be created or opened.
    """
    notices: list[str] = []
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(path.with_name(path.name + ".setup-lock")):
            if path.exists() and path.stat().st_size and (problem := _problem(path)) is not None:
                moved = _move_aside(path)
                notices.append(
                    f"cache {path} could not be used ({problem}); moved it to {moved.name} and started a new one"
                )
            conn = connect(path)
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
                    conn.executescript(f"BEGIN IMMEDIATE; {SCHEMA} COMMIT;")
            finally:
                conn.close()
    except (OSError, sqlite3.Error) as exc:
        raise CacheError(f"cache {path}: {exc}") from exc
    return notices
