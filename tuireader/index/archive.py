"""`Archive`: the articles of a set of paths, kept in the cache, read on demand.

```python
archive = Archive.open(["news/"])            # lists the files; what the cache holds is readable
for progress in archive.index():              # in a worker thread; streams
    show(archive.count(), archive.rows(0, 50))   # articles written so far
hits = archive.search('speaker:roe "open the bridge"')   # raises QueryError on bad syntax
hits = archive.search(parse_query("open the bri", partial=True))   # as the user types
analysis = archive.analysis(hits[0].article_id)
echoes = archive.reported_elsewhere(hits[0].text, exclude_article=hits[0].article_id)
```

Every method may be called from any thread; each thread gets its own SQLite connection, and
indexing writes through another one, so readers see new articles as soon as they are written.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

from tuireader.index import search as _search
from tuireader.index.database import DATABASE_NAME, FileLock, connect, default_cache_dir, prepare
from tuireader.index.echo import Echo, find_echoes
from tuireader.index.indexer import Progress, SourceFile, forget_missing, known_files, run_index, scan, try_lock
from tuireader.index.query import Query, parse_query
from tuireader.index.records import unpack_spans
from tuireader.index.search import Hit
from tuireader.model import Analysis, Article, Span, Speaker, Statement

INTERRUPT_STEPS = 50_000
"""SQLite steps between two looks at whether a query of `Archive.interruptible` is still wanted
(a few milliseconds of scanning titles)."""


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """What the sidebar shows of one article, without its text."""

    id: int
    """The article's id in the cache (changes when its file is re-indexed)."""
    key: str
    """The article's own id (`Article.id`)."""
    title: str
    date: str | None
    source: str | None
    statements: int
    """Statements of every kind."""
    quotes: int
    """Direct quotations."""
    path: str
    """Where it came from (``file`` or ``file#line``)."""


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    """A speaker across the archive: every article's speaker with this canonical name."""

    name: str
    statements: int
    """Statements by them in the archive."""
    articles: int
    """Articles they speak in."""


class Archive:
    """The articles of some paths (or of the whole cache), backed by the SQLite cache.

    Use `Archive.open`; close with `close` (or a ``with`` block).
    """

    def __init__(self, db: Path, paths: list[str] | None, notices: list[str], temporary: Path | None) -> None:
        self.db = db
        """The cache database file."""
        self.paths = paths
        """The paths opened; None for the whole cache."""
        self.notices = notices
        """One-line notices about the cache itself (for instance that it was rebuilt)."""
        self._temporary = temporary
        self._scope: list[tuple[int, int]] | None = None if paths is None else []
        """The files in the archive so far, each with its place among the paths (``(id, rank)``)."""
        self._scope_paths: dict[int, str] = {}
        """The path of each file in scope."""
        self._scope_generation = 0
        """Bumped when the ranks change (a file was added among the paths): connections copy
        the scope afresh."""
        self._ranks: dict[str, int] = {}
        """Each file's place in the last scan of the paths: the order they were given in."""
        self._lock = threading.Lock()
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._sources: list[SourceFile] | None = None
        self._scan_messages: list[str] = []

    @classmethod
    def open(
        cls,
        paths: Iterable[str | PathLike[str]] | None,
        *,
        cache_dir: str | PathLike[str] | None = None,
        use_cache: bool = True,
    ) -> Archive:
        """Open the archive of ``paths``: what the cache holds for them is readable at once.

        The paths are scanned (files listed and their sizes and times read) but nothing is
        loaded or extracted until `index`.

        Args:
            paths: Files and directories; None for everything in the cache.
            cache_dir: Where the cache lives; ``$TUIREADER_CACHE_DIR`` or the user cache dir
                when None.
            use_cache: False to neither read nor write the cache: a temporary database is
                used and deleted by `close`.

        Raises:
            CacheError: The cache cannot be created or opened.
        """
        temporary = None
        if use_cache:
            directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        else:
            directory = temporary = Path(tempfile.mkdtemp(prefix="tuireader-"))
        db = directory / DATABASE_NAME
        notices = prepare(db)
        archive = cls(db, None if paths is None else [str(p) for p in paths], notices, temporary)
        if paths is not None:
            archive._show_cached()
        return archive

    def _show_cached(self) -> None:
        """Put the files the cache already holds in scope, so rows are there before `index`."""
        sources, _ = self.sources()
        conn = self._conn()
        for path, row in known_files(conn, [s.path for s in sources]).items():
            self._add_scope(row[0], path)

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every connection (and delete the temporary database of ``use_cache=False``)."""
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary = None

    # -- indexing -----------------------------------------------------------------------

    def sources(self) -> tuple[list[SourceFile], list[str]]:
        """The files of the archive (scanned once) and a message for each path that failed."""
        if self._sources is None:
            self._sources, self._scan_messages = scan(self.paths or [])
            ranks = {source.path: n for n, source in enumerate(self._sources)}
            with self._lock:
                if ranks != self._ranks:
                    self._ranks = ranks
                    if self._scope:  # files found since may come between those in scope
                        self._scope = [(i, self._rank(self._scope_paths[i])) for i, _ in self._scope]
                        self._scope_generation += 1
        return self._sources, self._scan_messages

    def _rank(self, path: str) -> int:
        # A file no longer among the paths (removed since) goes after the others.
        return self._ranks.get(path, len(self._ranks))

    def index(self, *, workers: int | None = None) -> Iterator[Progress]:
        """Bring the cache up to date for the archive's files, streaming.

        Unchanged files come from the cache at once; the rest are loaded and extracted on
        every core, and each result is written as it arrives, so `count` and `rows` grow
        while this runs. Close the generator to stop early. The first run uses the files
        found by `open`; each later run looks at the paths again for new and changed files
        (the cache forgets files that no longer exist, so a removed file's articles leave
        the archive; a moved one keeps its extracted articles under its new path).

        Args:
            workers: Processes to use: None for every core (none for a small job), 0 for
                this process only.

        Yields:
            `Progress` after each result; the first carries the messages of cached files
            and of paths that could not be read, the last has ``done`` set.
        """
        if self.paths is None:
            yield Progress(0, 0, 0, 0, self.count(), 0, 0.0, done=True)
            return
        sources, messages = self.sources()
        self._sources = None  # a later run looks at the files again
        first = True
        for progress in run_index(self.db, sources, workers=workers, on_file=self._add_scope, lock=self._index_lock):
            if first and messages:
                progress = _with_messages(progress, messages)
            first = False
            yield progress

    @property
    def _index_lock(self) -> Path:
        """The lock file that keeps two processes from indexing the cache at once."""
        return self.db.with_name(self.db.name + ".index-lock")

    def forget_missing(self) -> int:
        """Drop from the cache the files that no longer exist (deleted, or the old names of
        moved ones), unless another process is indexing the cache just now (it does the same).

        Returns:
            How many files were dropped.
        """
        lock = FileLock(self._index_lock)
        if not try_lock(lock):
            return 0
        conn = connect(self.db)
        try:
            return forget_missing(conn)
        finally:
            conn.close()
            lock.release()

    def build(self, *, workers: int | None = None, on_progress: Callable[[Progress], None] | None = None) -> Progress:
        """Run `index` to the end.

        Args:
            workers: As for `index`.
            on_progress: Called with every `Progress`.

        Returns:
            The last progress event (with totals and every message of this run).
        """
        last = None
        messages: list[str] = []
        for progress in self.index(workers=workers):
            messages.extend(progress.messages)
            if on_progress is not None:
                on_progress(progress)
            last = progress
        assert last is not None
        return _with_messages(last, messages, replace=True)

    def _add_scope(self, file_id: int, path: str) -> None:
        with self._lock:
            if self._scope is not None and file_id not in self._scope_paths:
                self._scope_paths[file_id] = path
                self._scope.append((file_id, self._rank(path)))

    # -- connections --------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        """This thread's connection, its copy of the scope brought up to date."""
        local = self._local
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = connect(self.db)
            conn.execute("CREATE TEMP TABLE scope(file_id INTEGER PRIMARY KEY, rank INTEGER NOT NULL)")
            conn.execute("CREATE INDEX temp.scope_order ON scope(rank, file_id)")
            local.conn, local.synced, local.generation = conn, 0, 0
            with self._lock:
                self._connections.append(conn)
        if self._scope is not None and (local.synced < len(self._scope)
                                        or local.generation != self._scope_generation):
            with self._lock:
                generation, new = self._scope_generation, self._scope[local.synced :]
                if local.generation != generation:  # ranks changed: copy it all again
                    new = list(self._scope)
            if local.generation != generation:
                conn.execute("DELETE FROM temp.scope")
                local.synced, local.generation = 0, generation
            conn.executemany("INSERT OR IGNORE INTO temp.scope VALUES (?, ?)", new)
            local.synced += len(new)
        return conn

    def _scoped(self, alias: str = "a", column: str = "file_id") -> str:
        """SQL condition keeping the rows of this archive's files (``alias.column`` a file id)."""
        return "1" if self._scope is None else f"{alias}.{column} IN (SELECT file_id FROM temp.scope)"

    def _walk(self, cross: bool = True) -> tuple[str, str]:
        """The articles in `rows` order: the tables to select from (``a`` the articles) and the
        columns that order them.

        Opened on paths, files come in the order the paths were given (a folder's files in
        sorted order), as the loaders read them and `tuireader extract` prints them, whether
        they were indexed now or come from the cache; the whole cache comes in path order.
        With ``cross`` SQLite walks the files' order index and each file's articles in turn,
        so a page of rows needs no sort; without it, a lookup may start from the article.
        """
        join = "CROSS JOIN" if cross else "JOIN"
        if self._scope is None:
            return f"files f {join} articles a ON a.file_id = f.id", "f.path, a.seq"
        return f"temp.scope sc {join} articles a ON a.file_id = sc.file_id", "sc.rank, sc.file_id, a.seq"

    # -- the sidebar --------------------------------------------------------------------

    def _title_filter(self, title: str | None) -> tuple[str, list[Any]]:
        if not title:
            return "", []
        escaped = title.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return " AND a.title LIKE ? ESCAPE '\\'", [f"%{escaped}%"]

    def count(self, title: str | None = None) -> int:
        """How many articles are available (so far, while indexing).

        Args:
            title: Count only articles whose title contains this (any case for ASCII).
        """
        where, params = self._title_filter(title)
        sql = f"SELECT count(*) FROM articles a WHERE {self._scoped()}{where}"
        return int(self._conn().execute(sql, params).fetchone()[0])

    def rows(self, offset: int = 0, limit: int = 100, title: str | None = None) -> list[ArticleRow]:
        """Light records of articles in order (the paths' order, then position in the file).

        The query walks the path index, so any page costs about the same: a sidebar can ask
        for the rows it shows as it scrolls.

        Args:
            offset: Rows to skip.
            limit: Rows to return at most.
            title: Only articles whose title contains this.
        """
        where, params = self._title_filter(title)
        conn = self._conn()
        # Ids first, from the indexes alone; then the 50 or so rows themselves.
        walk, order = self._walk()
        ids = [r[0] for r in conn.execute(
            f"SELECT a.id FROM {walk} WHERE 1{where} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )]
        rows = {
            r[0]: ArticleRow(*r)
            for r in conn.execute(
                "SELECT a.id, a.key, a.title, a.date, s.name, a.statements, a.quotes, a.location"
                " FROM articles a LEFT JOIN sources s ON s.id = a.source_id"
                " WHERE a.id IN (SELECT value FROM json_each(?))",
                (json.dumps(ids),),
            )
        }
        return [rows[i] for i in ids if i in rows]

    def position(self, article_id: int, title: str | None = None) -> int | None:
        """The index of an article among `rows` (None when it is not in the archive)."""
        key = self._sort_key(article_id)
        return None if key is None else self._count_before(key, title)

    def count_and_position(self, article_id: int | None, title: str | None = None) -> tuple[int, int | None]:
        """`count` and `position` together: with a title filter, one pass over the titles
        instead of two (what a list needs when its filter changes).

        Args:
            article_id: The article to place; None for none.
            title: Only articles whose title contains this (any case for ASCII).

        Returns:
            How many articles there are, and the index among them of the article (of the
            next one after it when the filter leaves it out; None when it is not in the
            archive or is None).
        """
        key = None if article_id is None else self._sort_key(article_id)
        if key is None:
            return self.count(title), None
        if not title:
            # Without a title both counts walk indexes only, and apart cost less.
            return self.count(), self._count_before(key, None)
        where, params = self._title_filter(title)
        walk, order = self._walk()
        marks = ", ".join("?" * len(key))
        sql = f"SELECT count(*), count(CASE WHEN ({order}) < ({marks}) THEN 1 END) FROM {walk} WHERE 1{where}"
        count, position = self._conn().execute(sql, [*key, *params]).fetchone()
        return int(count), int(position)

    @contextmanager
    def interruptible(self, cancelled: Callable[[], bool]) -> Iterator[None]:
        """Stop the queries this thread runs inside the block as soon as ``cancelled()`` is true.

        A list filtering as the user types drops the query for a text typed past at once,
        instead of scanning on beside the query for the new text.

        Raises:
            sqlite3.OperationalError: A query was stopped ("interrupted").
        """
        conn = self._conn()
        conn.set_progress_handler(cancelled, INTERRUPT_STEPS)
        try:
            yield
        finally:
            conn.set_progress_handler(None, 0)

    def _count_before(self, key: tuple[Any, ...], title: str | None) -> int:
        """How many of the articles `rows` lists come before the place ``key``."""
        where, params = self._title_filter(title)
        walk, order = self._walk()
        sql = f"SELECT count(*) FROM {walk} WHERE 1{where} AND ({order}) < ({', '.join('?' * len(key))})"
        return int(self._conn().execute(sql, [*params, *key]).fetchone()[0])

    def _sort_key(self, article_id: int) -> tuple[Any, ...] | None:
        """An article's place in `rows` order (the values of `_walk`'s ordering columns)."""
        walk, order = self._walk(cross=False)
        row = self._conn().execute(f"SELECT {order} FROM {walk} WHERE a.id = ?", (article_id,)).fetchone()
        return None if row is None else tuple(row)

    def has(self, article_id: int) -> bool:
        """Whether the archive still holds the article with this cache id (re-indexing its file
        gives its articles new ids)."""
        return self._sort_key(article_id) is not None

    def find(self, key: str) -> int | None:
        """The cache id of the article whose own id (`Article.id`) is ``key``, if the archive
        has it (the first in sidebar order when several have)."""
        walk, order = self._walk(cross=False)
        row = self._conn().execute(f"SELECT a.id FROM {walk} WHERE a.key = ? ORDER BY {order} LIMIT 1",
                                   (key,)).fetchone()
        return None if row is None else int(row[0])

    def analysis(self, article_id: int) -> Analysis:
        """The article with its statements and speakers, rebuilt from the cache.

        Raises:
            KeyError: No article has this id (it was re-indexed or never existed).
        """
        conn = self._conn()
        row = conn.execute(
            "SELECT a.key, a.text, a.location, a.title, a.date, s.name, a.url, a.authors, a.metadata,"
            " a.markup, a.paragraphs FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise KeyError(article_id)
        key, text, location, title, date, source, url, authors, metadata, markup, paragraphs = row
        article = Article(
            id=key, text=text, path=location, title=title, date=date, source=source, url=url,
            authors=tuple(json.loads(authors)), metadata=json.loads(metadata), markup=markup,
            paragraphs=tuple(Span(s, e) for s, e in unpack_spans(paragraphs)),
        )
        statements = tuple(
            Statement(
                kind=kind, content=Span(start, end), rule=rule,
                cue=None if cs is None else Span(cs, ce),
                speaker_mention=None if ms is None else Span(ms, me),
                speaker=speaker, group=grp, parent=parent,
            )
            for kind, start, end, cs, ce, ms, me, speaker, grp, parent, rule in conn.execute(
                "SELECT kind, start, end, cue_start, cue_end, mention_start, mention_end, speaker, grp, parent, rule"
                " FROM statements WHERE article_id = ? ORDER BY seq",
                (article_id,),
            )
        )
        speakers = tuple(
            Speaker(name, tuple(json.loads(aliases)), kind)
            for name, aliases, kind in conn.execute(
                "SELECT name, aliases, kind FROM speakers WHERE article_id = ? ORDER BY seq", (article_id,)
            )
        )
        return Analysis(article, statements, speakers)

    # -- search -------------------------------------------------------------------------

    def search(self, query: str | Query, *, limit: int = 50, offset: int = 0, order: str = "relevance") -> list[Hit]:
        """Statements (and article text) matching a query.

        Args:
            query: The query as typed (see `tuireader.index.query`) or parsed.
            limit: Hits to return at most.
            offset: Hits to skip.
            order: ``relevance`` (best first) or ``newest``.

        Returns:
            Statement hits first, then articles whose text (not an extracted statement)
            matches; empty for an empty query.

        Raises:
            QueryError: The query cannot be understood.
        """
        parsed = parse_query(query) if isinstance(query, str) else query
        return _search.search(self._conn(), parsed, self._scoped(), limit=limit, offset=offset, order=order)

    def speaker_statements(self, name: str, *, limit: int = 100, offset: int = 0) -> list[Hit]:
        """Every statement by a speaker, in every article, newest first.

        Args:
            name: The speaker's name or any alias, or part of one (whole words in order).
        """
        return self.search(Query(speakers=(" ".join(name.split()),)), limit=limit, offset=offset, order="newest")

    def speakers(self, prefix: str = "", *, limit: int = 50) -> list[SpeakerRow]:
        """Speakers across the archive's fully indexed files, most statements first.

        Args:
            prefix: Only names with a word starting with this, the first or another ("trump"
                finds "Donald Trump"; any case for ASCII).
            limit: Rows at most.
        """
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        sql = (
            "SELECT fs.name, sum(fs.statements), sum(fs.articles) FROM file_speakers fs"
            f" WHERE {self._scoped('fs')} AND (fs.name LIKE ? ESCAPE '\\' OR fs.name LIKE ? ESCAPE '\\'"
            " OR fs.name LIKE ? ESCAPE '\\')"
            " GROUP BY fs.name ORDER BY 2 DESC, 1 LIMIT ?"
        )
        patterns = (escaped + "%", "% " + escaped + "%", "%-" + escaped + "%") if prefix else ("%", "%", "%")
        return [SpeakerRow(*r) for r in self._conn().execute(sql, (*patterns, limit))]

    def reported_elsewhere(
        self, text: str, *, exclude_article: int | None = None, limit: int = 20, min_ratio: float = 0.6
    ) -> list[Echo]:
        """Other articles carrying the same or nearly the same words.

        Args:
            text: The words of a statement.
            exclude_article: The article they come from, left out of the results.
            limit: Articles at most.
            min_ratio: How alike (0 to 1, word by word) a passage must be to count.

        Returns:
            The closest passage of each article that has one, most alike first, with the
            differences in wording.
        """
        return find_echoes(self._conn(), text, self._scoped(), exclude_article=exclude_article,
                           limit=limit, min_ratio=min_ratio)


def _with_messages(progress: Progress, messages: list[str], *, replace: bool = False) -> Progress:
    from dataclasses import replace as _replace

    return _replace(progress, messages=tuple(messages) if replace else tuple(messages) + progress.messages)
