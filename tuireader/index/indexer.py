"""Bring the cache up to date for a set of files, on every core, streaming results.

Files are compared with the cache by path, size, modification time and extractor version.
Stale ones are loaded and extracted in a process pool (one task per few small files, or per
batch of lines of a big JSON Lines file) while this process writes each result as it arrives,
so readers of the cache see the first articles long before the last are read. At most a few
tasks are in flight at once, so memory stays flat however big the archive.
"""

from __future__ import annotations

import gzip
import json
import multiprocessing
import os
import signal
import sqlite3
import stat
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from tuireader.extraction import EXTRACTOR_VERSION
from tuireader.index.database import FileLock, connect
from tuireader.index.records import Batch, analyse_files, analyse_lines
from tuireader.loading import NO_SUCH_FILE, LoadError, iter_files, os_reason
from tuireader.loading.records import iter_lines
from tuireader.loading.text import binary_kind

BATCH_LINES = 200
"""Records of a big JSON Lines file per task; the first tasks take fewer (`FIRST_BATCH_LINES`,
doubling) so the first articles appear quickly."""
FIRST_BATCH_LINES = 16
BATCH_BYTES = 2_000_000
"""Uncompressed bytes of a big JSON Lines file per task, at most."""
SPLIT_BYTES = 256_000
"""JSON Lines files larger than this are split into batches of lines."""
GROUP_BYTES = 1_000_000
"""Small files are grouped into tasks of about this many bytes ..."""
GROUP_FILES = 32
"""... or this many files."""
INLINE_BYTES = 1_000_000
"""With ``workers=None``, less work than this is done in this process (no pool to start)."""
LOCK_POLL_SECONDS = 0.25


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to index, as the cache keys it."""

    path: str
    """Absolute, symbolic links resolved."""
    size: int
    mtime_ns: int

    @property
    def is_jsonl(self) -> bool:
        """Whether the file is JSON Lines (plain or gzipped)."""
        return self.path.lower().endswith((".jsonl", ".jsonl.gz"))


@dataclass(frozen=True, slots=True)
class Progress:
    """Where an indexing run has got to; one is yielded after every result written."""

    files_total: int
    """Files in the archive."""
    files_done: int
    """Files up to date (cached or indexed in this run)."""
    bytes_total: int
    """Bytes of the files that had to be (re)indexed in this run."""
    bytes_done: int
    """Bytes of those read so far (compressed bytes for ``.gz``)."""
    articles: int
    """Articles available in the archive so far."""
    articles_new: int
    """Articles extracted and written in this run."""
    elapsed: float
    """Seconds since the run started."""
    messages: tuple[str, ...] = ()
    """New problems with files since the last event, one line each: ``error: FILE: why`` or
    ``warning: FILE: why``."""
    waiting: bool = False
    """Another process is indexing the same cache; this one waits for it."""
    done: bool = False
    """The last event of the run."""
    write_seconds: float = 0.0
    """Seconds this process spent writing to the cache (the rest is loading and extraction)."""


def scan(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[SourceFile], list[str]]:
    """The files under ``paths`` the way the loaders would read them, with their keys.

    Args:
        paths: Files and directories (walked recursively in sorted order, hidden entries
            skipped, only known suffixes).

    Returns:
        The files, each once, in order; and one message per path that cannot be read.
    """
    messages: list[str] = []
    found: list[Path] = []
    for raw in paths:
        if str(raw) == "-":
            messages.append("error: -: standard input cannot be indexed; save it to a file first")
            continue
        path = Path(raw)
        if path.is_dir():
            for item in iter_files(path):
                if isinstance(item, LoadError):
                    messages.append(f"error: {item}")
                else:
                    found.append(item)
        elif path.exists():
            found.append(path)
        else:
            messages.append(f"error: {path}: {NO_SUCH_FILE}")
    files: dict[str, SourceFile] = {}
    for path in found:
        try:
            st = path.stat()
            key = str(path.resolve())
        except OSError as exc:
            messages.append(f"error: {path}: {os_reason(exc)}")
            continue
        if not stat.S_ISREG(st.st_mode):  # a named pipe or a device would block a worker for ever
            messages.append(f"error: {path}: not a regular file, skipped")
            continue
        files.setdefault(key, SourceFile(key, st.st_size, st.st_mtime_ns))
    return list(files.values()), messages


@dataclass(slots=True)
class _FileState:
    """A stale file while its tasks run."""

    source: SourceFile
    file_id: int
    pending: int = 0
    submitted_all: bool = False
    articles: int = 0
    messages: list[str] = field(default_factory=list)
    """Problems stored with the file, shown again whenever it is opened from the cache."""
    read_errors: list[str] = field(default_factory=list)
    """Problems reading a big file in batches, reported when it is finished."""


@dataclass(slots=True)
class _Task:
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    files: list[_FileState]
    size: int


def known_files(conn: sqlite3.Connection, paths: list[str]) -> dict[str, tuple[Any, ...]]:
    """Cache rows (id, size, mtime_ns, version, complete, articles, messages) by path."""
    rows: dict[str, tuple[Any, ...]] = {}
    for start in range(0, len(paths), 500):
        chunk = paths[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"SELECT path, id, size, mtime_ns, version, complete, articles, messages FROM files WHERE path IN ({marks})",
            chunk,
        ):
            rows[row[0]] = row[1:]
    return rows


def _drop_articles(conn: sqlite3.Connection, file_id: int) -> None:
    """Delete what the cache holds from one file (inside the caller's transaction)."""
    old = "SELECT id FROM articles WHERE file_id = ?"
    conn.execute(f"DELETE FROM statements WHERE article_id IN ({old})", (file_id,))
    conn.execute(f"DELETE FROM speakers WHERE article_id IN ({old})", (file_id,))
    conn.execute("DELETE FROM file_speakers WHERE file_id = ?", (file_id,))
    conn.execute("DELETE FROM articles WHERE file_id = ?", (file_id,))


def _gone(path: str) -> bool:
    """Whether nothing is at ``path`` any more (a file that cannot be looked at now, on a
    folder without permission for instance, is not gone)."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def forget_missing(conn: sqlite3.Connection) -> int:
    """Drop from the cache every file that no longer exists, with its articles, so that a
    deleted file or the old name of a renamed folder is not searched. Call it holding the
    index lock (see `relocate` for files that only moved).

    Returns:
        How many files were dropped.
    """
    gone = [fid for fid, path in conn.execute("SELECT id, path FROM files").fetchall() if _gone(path)]
    if not gone:
        return 0
    try:
        conn.execute("BEGIN IMMEDIATE")
        for file_id in gone:
            _drop_articles(conn, file_id)
            conn.execute("DELETE FROM files WHERE id = ?", (file_id,))
        conn.execute("COMMIT")
    except sqlite3.OperationalError:  # a cache this user may only read, or busy: next time
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        return 0
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return len(gone)


def lockable(lock: FileLock) -> bool:
    """Whether ``lock``'s file can be opened at all (in a cache this user may only read, or
    where something else has its name, it cannot)."""
    try:
        with open(lock.path, "a+b"):
            return True
    except OSError:
        return False


def try_lock(lock: FileLock) -> bool:
    """Take ``lock`` if it is free and can be taken at all (a cache this user may only read
    cannot): for housekeeping that can wait for another run."""
    try:
        return lock.acquire(blocking=False)
    except OSError:
        return False


def relocate(conn: sqlite3.Connection, sources: list[SourceFile], known: dict[str, tuple[Any, ...]]) -> None:
    """Give moved files their cached articles back instead of extracting them again.

    A source the cache does not know by its path takes over the entry of a complete file
    with the same name, size, modification time and extractor version whose path no longer
    exists (a folder renamed or moved keeps all of these). Its articles' locations and its
    stored problems follow the new path. Call it holding the index lock.

    Args:
        conn: A connection to the cache.
        sources: Files of the archive.
        known: Cache rows of the sources the cache knows by path (see `known_files`).
    """
    for source in sources:
        if source.path in known:
            continue
        name = os.path.basename(source.path)
        rows = conn.execute(
            "SELECT id, path, messages FROM files WHERE size = ? AND mtime_ns = ? AND version = ? AND complete = 1",
            (source.size, source.mtime_ns, EXTRACTOR_VERSION),
        ).fetchall()
        match = next((r for r in rows if os.path.basename(r[1]) == name and _gone(r[1])), None)
        if match is None:
            continue
        file_id, old, messages = match
        moved = [_moved(m, old, source.path) for m in json.loads(messages)]
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("UPDATE files SET path = ?, messages = ? WHERE id = ?",
                         (source.path, json.dumps(moved, ensure_ascii=False), file_id))
            conn.execute("UPDATE articles SET location = ? || substr(location, ?) WHERE file_id = ?",
                         (source.path, len(old) + 1, file_id))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _moved(message: str, old: str, new: str) -> str:
    """A stored problem line (``error: PATH...``) naming the file by its new path."""
    level, sep, rest = message.partition(": ")
    return f"{level}{sep}{new}{rest[len(old):]}" if sep and rest.startswith(old) else message


def is_fresh(source: SourceFile, row: tuple[Any, ...] | None) -> bool:
    """Whether a cache row holds the current contents of ``source``."""
    return (
        row is not None
        and row[1] == source.size
        and row[2] == source.mtime_ns
        and row[3] == EXTRACTOR_VERSION
        and bool(row[4])
    )


def _jsonl_batches(state: _FileState) -> Iterator[_Task]:
    """Tasks for batches of lines of a big JSON Lines file; the last one always comes."""
    path = state.source.path
    lines: list[bytes | None] = []
    first, size, reported = 1, 0, 0
    wanted = FIRST_BATCH_LINES
    number = 0
    try:
        with open(path, "rb") as raw:
            stream: BinaryIO = gzip.GzipFile(fileobj=raw) if path.lower().endswith(".gz") else raw  # type: ignore[assignment]
            if kind := binary_kind(stream.read(8192)):
                state.read_errors.append(f"error: {path}: binary file ({kind}), skipped")
            else:
                stream.seek(0)
                for number, line in iter_lines(stream):
                    lines.append(line)
                    size += len(line or b"")
                    if len(lines) >= wanted or size >= BATCH_BYTES:
                        pos = raw.tell()
                        wanted = min(BATCH_LINES, wanted * 2)
                        yield _Task(analyse_lines, (path, first, lines), [state], pos - reported)
                        reported, first, lines, size = pos, number + 1, [], 0
    except (OSError, EOFError, zlib.error) as exc:
        state.read_errors.append(f"error: {path}: corrupt or unreadable after line {number} ({exc})")
    # The last task always comes, so the file is finished even when reading failed.
    yield _Task(analyse_lines, (path, first, lines), [state], state.source.size - reported)


class _Writer:
    """Writes results into the cache; the only writer while it holds the index lock."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.next_article = (conn.execute("SELECT max(id) FROM articles").fetchone()[0] or 0) + 1
        self.next_statement = (conn.execute("SELECT max(id) FROM statements").fetchone()[0] or 0) + 1
        self.sources = dict(conn.execute("SELECT name, id FROM sources").fetchall())
        self.seconds = 0.0

    def claim(self, source: SourceFile) -> int:
        """Mark ``source`` as being indexed and drop what the cache held for it."""
        t0 = time.perf_counter()
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = conn.execute("SELECT id FROM files WHERE path = ?", (source.path,)).fetchone()
            if row is None:
                file_id = conn.execute(
                    "INSERT INTO files(path, size, mtime_ns, version) VALUES (?, ?, ?, ?)",
                    (source.path, source.size, source.mtime_ns, EXTRACTOR_VERSION),
                ).lastrowid
            else:
                file_id = row[0]
                _drop_articles(conn, file_id)
                conn.execute(
                    "UPDATE files SET size = ?, mtime_ns = ?, version = ?, complete = 0, articles = 0,"
                    " messages = '[]' WHERE id = ?",
                    (source.size, source.mtime_ns, EXTRACTOR_VERSION, file_id),
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        self.seconds += time.perf_counter() - t0
        return int(file_id)  # type: ignore[arg-type]

    def _source_id(self, name: str | None) -> int | None:
        if name is None:
            return None
        if name not in self.sources:
            self.sources[name] = self.conn.execute(
                "INSERT INTO sources(name, folded) VALUES (?, ?)", (name, name.casefold())
            ).lastrowid
        return self.sources[name]

    def write(self, file_id: int, batch: Batch) -> None:
        """Store the articles of one result, and index them for search."""
        t0 = time.perf_counter()
        articles, statements, speakers = [], [], []
        first_article, first_statement = self.next_article, self.next_statement
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            for record in batch.records:
                aid = self.next_article
                self.next_article += 1
                key, location, title, date, source, *rest = record.row
                articles.append((aid, file_id, record.seq, key, location, title, date, self._source_id(source), *rest))
                for s in record.statements:
                    statements.append((self.next_statement, aid, *s))
                    self.next_statement += 1
                speakers.extend((aid, *s) for s in record.speakers)
            conn.executemany(f"INSERT INTO articles VALUES ({','.join('?' * 16)})", articles)
            conn.executemany(f"INSERT INTO statements VALUES ({','.join('?' * 16)})", statements)
            conn.executemany(
                "INSERT INTO speakers(article_id, seq, name, aliases, kind, statements) VALUES (?, ?, ?, ?, ?, ?)",
                speakers,
            )
            conn.execute(
                "INSERT INTO articles_fts(rowid, title, text) SELECT id, title, text FROM articles WHERE id >= ?",
                (first_article,),
            )
            conn.execute(
                "INSERT INTO statements_fts(rowid, text, speaker_names)"
                " SELECT id, text, speaker_names FROM statements WHERE id >= ?",
                (first_statement,),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            self.next_article, self.next_statement = first_article, first_statement
            raise
        self.seconds += time.perf_counter() - t0

    def finish(self, state: _FileState) -> None:
        """Mark a file complete: from now on the cache answers for it. Its speakers are
        counted once here, so listing an archive's speakers need not read every article's."""
        t0 = time.perf_counter()
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                "INSERT INTO file_speakers(file_id, name, statements, articles)"
                " SELECT a.file_id, sp.name, sum(sp.statements), count(*)"
                " FROM articles a JOIN speakers sp ON sp.article_id = a.id WHERE a.file_id = ? GROUP BY sp.name",
                (state.file_id,),
            )
            conn.execute(
                "UPDATE files SET complete = 1, articles = ?, messages = ? WHERE id = ?",
                (state.articles, json.dumps(state.messages + state.read_errors, ensure_ascii=False), state.file_id),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        self.seconds += time.perf_counter() - t0


def default_workers() -> int:
    """Processes for the pool: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


WORKER_NICENESS = 5
"""Workers yield the CPU to the process that writes and shows results (the reader)."""


def _start_worker() -> None:
    """Workers leave ctrl+c to the parent, which stops them cleanly (no traceback per worker),
    and run at a lower priority so the writer, the one process every result goes through,
    is never starved by them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a usable standard error.

    The tracker hands ``sys.stderr``'s file descriptor to its process. A full-screen app may
    have replaced ``sys.stderr`` with an object whose ``fileno()`` is -1 (Textual does), and
    the spawn then fails with "bad value(s) in fds_to_keep"; the real stream is lent for the
    moment the tracker starts. Nothing happens when the tracker already runs.
    """
    if os.name != "posix":
        return  # no tracker process there
    from multiprocessing import resource_tracker

    try:
        usable = sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = True  # no descriptor at all: the tracker skips the stream by itself
    if usable:
        resource_tracker.ensure_running()
        return
    lent, sys.stderr = sys.stderr, sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = lent


def _pool(workers: int) -> ProcessPoolExecutor:
    _start_resource_tracker()
    # forkserver: forking a process that runs threads (the reader does) is unsafe.
    methods = multiprocessing.get_all_start_methods()
    method = "forkserver" if "forkserver" in methods else "spawn"
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                               initializer=_start_worker)


class _Inline(Executor):
    """Runs each task at once in this process: for small jobs and for tests."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future
            future.set_exception(exc)
        return future


def _scheduler(executor: Executor, tasks: Iterator[_Task], limit: int) -> Iterator[tuple[_Task, Future[Any]]]:
    """Run tasks with at most ``limit`` in flight; yield each with its finished future, in the
    order submitted among those finished together."""
    inflight: dict[Future[Any], tuple[int, _Task]] = {}
    submitted = 0
    exhausted = False
    while True:
        while not exhausted and len(inflight) < limit:
            task = next(tasks, None)
            if task is None:
                exhausted = True
                break
            inflight[executor.submit(task.fn, *task.args)] = (submitted, task)
            submitted += 1
        if not inflight:
            return
        done, _ = wait(inflight, return_when=FIRST_COMPLETED)
        for future in sorted(done, key=lambda f: inflight[f][0]):
            yield inflight.pop(future)[1], future


def run_index(
    db: Path,
    sources: list[SourceFile],
    *,
    workers: int | None = None,
    on_file: Callable[[int, str], None] = lambda file_id, path: None,
    lock: Path | None = None,
) -> Iterator[Progress]:
    """Index the stale files among ``sources``, yielding progress as results are written.

    Closing the generator stops the run: tasks not started are cancelled, what was written
    stays, and files left incomplete are redone next time.

    Args:
        db: The cache database (already prepared).
        sources: Every file of the archive.
        workers: Processes in the pool; 0 for this process only; None for every core (or this
            process only when there is little to do).
        on_file: Called with each file's cache id and path as soon as its articles may appear.
        lock: Lock file that keeps two processes from indexing the same cache at once.

    Yields:
        `Progress` after every result, the last with ``done`` set.
    """
    t0 = time.monotonic()
    conn = connect(db)
    index_lock = FileLock(lock) if lock is not None else None
    if index_lock is not None and not lockable(index_lock):
        index_lock = None  # SQLite's own locking still keeps the cache whole; work may be done twice
    try:
        known = known_files(conn, [s.path for s in sources])
        stale = [s for s in sources if not is_fresh(s, known.get(s.path))]
        for s in sources:
            if s.path in known:  # a stale file shows its old version until it is redone
                on_file(known[s.path][0], s.path)
        fresh_rows = [known[s.path] for s in sources if is_fresh(s, known.get(s.path))]
        fresh = len(fresh_rows)
        cached = sum(row[5] for row in fresh_rows)
        messages = [m for row in fresh_rows for m in json.loads(row[6])]
        state = {"files": fresh, "bytes": 0, "new": 0, "cached": cached, "write": 0.0}
        total = sum(s.size for s in stale)

        def progress(**kw: Any) -> Progress:
            return Progress(len(sources), state["files"], total, state["bytes"], state["cached"] + state["new"],
                            state["new"], time.monotonic() - t0, write_seconds=state["write"], **kw)

        if not stale:
            if index_lock is None or try_lock(index_lock):  # else the other run does it
                forget_missing(conn)
            yield progress(messages=tuple(messages), done=True)
            return
        yield progress(messages=tuple(messages))
        if index_lock is not None and not index_lock.acquire(blocking=False):
            polls = 0
            while not index_lock.acquire(blocking=False):
                polls += 1
                if polls % 8 == 0:  # show what the other process has written meanwhile
                    for path, row in known_files(conn, [s.path for s in stale]).items():
                        on_file(row[0], path)
                yield progress(waiting=True)
                time.sleep(LOCK_POLL_SECONDS)
        relocate(conn, stale, known_files(conn, [s.path for s in stale]))
        forget_missing(conn)
        known = known_files(conn, [s.path for s in stale])
        messages = []
        for s in stale:
            if is_fresh(s, known.get(s.path)):  # moved, or done by another process while we waited
                on_file(known[s.path][0], s.path)
                state["files"] += 1
                state["cached"] += known[s.path][5]
                messages.extend(json.loads(known[s.path][6]))
        stale = [s for s in stale if not is_fresh(s, known.get(s.path))]
        if not stale:
            yield progress(messages=tuple(messages), done=True)
            return
        if messages:
            yield progress(messages=tuple(messages))
        yield from _index_stale(conn, stale, workers, on_file, progress, state)
    finally:
        if index_lock is not None:
            index_lock.release()
        conn.close()


def _tasks(
    stale: list[SourceFile], writer: _Writer, on_file: Callable[[int, str], None], finish: Callable[[_FileState], None]
) -> Iterator[_Task]:
    group: list[_FileState] = []

    def flush() -> _Task:
        task = _Task(analyse_files, ([g.source.path for g in group],), list(group), sum(g.source.size for g in group))
        group.clear()
        return task

    for source in stale:
        state = _FileState(source, writer.claim(source))
        on_file(state.file_id, source.path)
        if source.is_jsonl and source.size > SPLIT_BYTES:
            if group:
                yield flush()
            for task in _jsonl_batches(state):
                state.pending += 1
                yield task
            state.submitted_all = True
            if state.pending == 0:  # every result came back before the reading ended
                finish(state)
        else:
            state.pending = 1
            state.submitted_all = True
            group.append(state)
            if len(group) >= GROUP_FILES or sum(g.source.size for g in group) >= GROUP_BYTES:
                yield flush()
    if group:
        yield flush()


def _index_stale(
    conn: sqlite3.Connection,
    stale: list[SourceFile],
    workers: int | None,
    on_file: Callable[[int, str], None],
    progress: Callable[..., Progress],
    state: dict[str, Any],
) -> Iterator[Progress]:
    if workers is None:
        workers = 0 if sum(s.size for s in stale) < INLINE_BYTES else default_workers()
    writer = _Writer(conn)
    executor: Executor = _pool(workers) if workers > 0 else _Inline()
    new_messages: list[str] = []

    def finish(file: _FileState) -> None:
        new_messages.extend(file.read_errors)
        writer.finish(file)
        state["files"] += 1

    try:
        tasks = _tasks(stale, writer, on_file, finish)
        for task, future in _scheduler(executor, tasks, max(2, 3 * workers)):
            try:
                result = future.result()
                batches = result if isinstance(result, list) else [result]
            except Exception as exc:  # noqa: BLE001 - a crashed task costs its files, not the run
                reason = f"could not be indexed ({type(exc).__name__}: {exc})"
                batches = [Batch(f.source.path, messages=[f"error: {f.source.path}: {reason}"]) for f in task.files]
            for file, batch in zip(task.files, batches):
                writer.write(file.file_id, batch)
                file.articles += len(batch.records)
                file.messages.extend(batch.messages)
                new_messages.extend(batch.messages)
                state["new"] += len(batch.records)
                file.pending -= 1
                if file.submitted_all and file.pending == 0:
                    finish(file)
            state["bytes"] += task.size
            state["write"] = writer.seconds
            yield progress(messages=tuple(new_messages))
            new_messages.clear()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    yield progress(messages=tuple(new_messages), done=True)
