"""Run a parsed `Query` against the cache: statement hits, then article-text hits."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from tuireader.index.query import Query, words
from tuireader.index.records import unpack_spans

ORDERS = ("relevance", "newest")
EXCERPT = 240
"""Characters of context at most for a hit in article text."""
BROAD = 10_000
"""Estimated matches above which ranking or sorting all of them costs too much; such broad
queries walk their matches most recently indexed first, in windows, instead."""
WINDOW = 4_000
"""Matches read per window of a broad query."""
BUDGET_SECONDS = 0.1
"""A broad query with very selective filters stops walking after this long, with what it has."""
PREFIX_TERMS = 200
"""Index terms read at most to estimate a prefix; more means broad."""
_MARK_OPEN, _MARK_CLOSE = "\x02", "\x03"


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: a statement, or a passage of article text."""

    article_id: int
    """The article's id in the cache (for `Archive.analysis`)."""
    article_key: str
    """The article's own id."""
    title: str
    date: str | None
    source: str | None
    url: str | None
    path: str
    """Where the article came from."""
    kind: str
    """``direct``, ``indirect`` or ``claim`` for a statement; ``text`` for article text."""
    speaker: str | None
    """The statement's speaker (canonical name), if known."""
    text: str
    """The statement's words, or the passage around the match."""
    start: int
    """Offset of ``text`` in the article's text."""
    end: int
    statement: int | None
    """Index of the statement in `Analysis.statements`; None for text hits."""
    matches: tuple[tuple[int, int], ...] = ()
    """Offsets in the article's text of the words that matched."""


def marked_spans(marked: str, original: str) -> tuple[tuple[int, int], ...]:
    """Offsets into ``original`` of the runs FTS5's ``highlight()`` marked in ``marked``.

    Returns nothing when the text itself holds the marker characters (the offsets would lie).
    """
    if _MARK_OPEN in original or _MARK_CLOSE in original:
        return ()
    spans, shift, start = [], 0, 0
    for i, ch in enumerate(marked):
        if ch == _MARK_OPEN:
            start = i - shift
            shift += 1
        elif ch == _MARK_CLOSE:
            spans.append((start, i - shift))
            shift += 1
    return tuple(spans)


def _filters(query: Query, scoped: str) -> tuple[str, list[Any]]:
    """SQL conditions on the article (alias ``a``) for the date and source filters and scope."""
    clauses, params = [scoped], []
    if query.dates:
        ors = []
        for d in query.dates:
            ors.append("(a.date >= ? AND substr(a.date, 1, ?) <= ?)")
            params.extend((d.low, len(d.high), d.high))
        clauses.append("(" + " OR ".join(ors) + ")")
    if query.sources:
        ors = " OR ".join("instr(folded, ?) > 0" for _ in query.sources)
        clauses.append(f"a.source_id IN (SELECT id FROM sources WHERE {ors})")
        params.extend(query.sources)
    return " AND ".join(clauses), params


def _order(order: str, ranked: bool) -> str:
    newest = "a.date DESC, a.id DESC, s.seq"
    return "rank" if order == "relevance" and ranked else newest


def _docs(conn: sqlite3.Connection, vocab: str, token: str, prefix: bool) -> int:
    """Rows holding ``token`` (any term starting with it when ``prefix``), from the vocabulary."""
    if not prefix:
        row = conn.execute(f"SELECT doc FROM {vocab} WHERE term = ?", (token,)).fetchone()
        return row[0] if row else 0
    rows = conn.execute(f"SELECT doc FROM {vocab} WHERE term >= ? AND term < ? LIMIT ?",
                        (token, token + "\U0010ffff", PREFIX_TERMS)).fetchall()
    return BROAD * 100 if len(rows) >= PREFIX_TERMS else sum(r[0] for r in rows)


def estimate(conn: sqlite3.Connection, query: Query, vocab: str) -> int:
    """An upper bound of the rows the query's words can match, from the index vocabulary.

    Args:
        conn: A connection to the cache.
        query: The parsed query.
        vocab: ``statements_vocab`` or ``articles_vocab``.

    Returns:
        The bound; ``BROAD * 100`` when the query has no words to bound it with.
    """
    bounds = []
    for term in query.positive:
        tokens = [w for w, _, _ in words(term.text)]
        if tokens:
            bounds.append(min(_docs(conn, vocab, t, term.prefix and n == len(tokens) - 1)
                              for n, t in enumerate(tokens)))
    if query.speakers and vocab == "statements_vocab":
        alternatives = [[w for w, _, _ in words(s)] for s in query.speakers]
        bounds.append(sum(min(_docs(conn, vocab, t, False) for t in tokens) for tokens in alternatives if tokens))
    return min(bounds) if bounds else BROAD * 100


def _walk(conn: sqlite3.Connection, fts: str, expression: str, keep: str, params: list[Any], count: int) -> list[int]:
    """Ids of matches of a broad query, most recently indexed first, that pass ``keep``.

    ``keep`` is a query selecting ids from ``json_each(?)`` (the window, as JSON) that pass the
    filters, newest id first; ``params`` are its other parameters.
    """
    found: list[int] = []
    last = None
    deadline = time.monotonic() + BUDGET_SECONDS
    while len(found) < count:
        below = "" if last is None else " AND rowid < ?"
        window = [r[0] for r in conn.execute(
            f"SELECT rowid FROM {fts} WHERE {fts} MATCH ?{below} ORDER BY rowid DESC LIMIT ?",
            [expression, *([] if last is None else [last]), WINDOW],
        )]
        if not window:
            break
        last = window[-1]
        found.extend(r[0] for r in conn.execute(keep, [json.dumps(window), *params]))
        if len(window) < WINDOW or time.monotonic() > deadline:
            break
    return found[:count]


def _statement_hits(conn: sqlite3.Connection, query: Query, scoped: str, count: int, order: str) -> list[Hit]:
    expression = query.statement_expression()
    where, params = _filters(query, scoped)
    if query.kinds:
        where += f" AND s.kind IN ({','.join('?' * len(query.kinds))})"
        params.extend(query.kinds)
    if expression is None:
        # Filters alone: walk articles newest first by the date index (no sort of every row).
        sql = (
            "SELECT s.id FROM articles a INDEXED BY articles_date JOIN statements s ON s.article_id = a.id"
            f" WHERE {where} ORDER BY a.date DESC, a.id DESC, s.seq LIMIT ?"
        )
        ids = [r[0] for r in conn.execute(sql, [*params, count])]
    elif estimate(conn, query, "statements_vocab") > BROAD:
        keep = (
            "SELECT s.id FROM statements s JOIN articles a ON a.id = s.article_id"
            f" WHERE s.id IN (SELECT value FROM json_each(?)) AND {where} ORDER BY s.id DESC"
        )
        ids = _walk(conn, "statements_fts", expression, keep, params, count)
    else:
        sql = (
            "SELECT s.id FROM statements_fts JOIN statements s ON s.id = statements_fts.rowid"
            " JOIN articles a ON a.id = s.article_id"
            f" WHERE statements_fts MATCH ? AND {where} ORDER BY {_order(order, bool(query.positive))} LIMIT ?"
        )
        ids = [r[0] for r in conn.execute(sql, [expression, *params, count])]
    text_expression = query.statement_expression() if query.positive else None
    hits = []
    for sid in ids:
        row = conn.execute(
            "SELECT a.id, a.key, a.title, a.date, src.name, a.url, a.location, s.kind, s.speaker, s.text,"
            " s.start, s.end, s.seq FROM statements s JOIN articles a ON a.id = s.article_id"
            " LEFT JOIN sources src ON src.id = a.source_id WHERE s.id = ?",
            (sid,),
        ).fetchone()
        matches: tuple[tuple[int, int], ...] = ()
        if text_expression is not None:
            marked = conn.execute(
                f"SELECT highlight(statements_fts, 0, '{_MARK_OPEN}', '{_MARK_CLOSE}') FROM statements_fts"
                " WHERE statements_fts MATCH ? AND rowid = ?",
                (text_expression, sid),
            ).fetchone()
            if marked:
                matches = tuple((row[10] + s, row[10] + e) for s, e in marked_spans(marked[0], row[9]))
        hits.append(Hit(*row[:12], statement=row[12], matches=matches))
    return hits


def _excerpt(text: str, paragraphs: list[tuple[int, int]], at: int) -> tuple[int, int]:
    """A passage of at most `EXCERPT` characters around offset ``at``, inside its paragraph."""
    start, end = 0, len(text)
    for p_start, p_end in paragraphs:
        if p_start <= at < p_end:
            start, end = p_start, p_end
            break
    if end - start > EXCERPT:
        lo = max(start, at - EXCERPT // 3)
        cut = text.rfind(" ", start, lo + 1)
        start = cut + 1 if cut > start else lo
        end = min(end, start + EXCERPT)
        cut = text.rfind(" ", start, end)
        end = cut if cut > at else end
    return start, end


def _text_hits(conn: sqlite3.Connection, query: Query, scoped: str, count: int, order: str) -> list[Hit]:
    expression = query.article_expression()
    if expression is None or query.statements_only:
        return []
    where, params = _filters(query, scoped)
    if estimate(conn, query, "articles_vocab") > BROAD:
        keep = (
            "SELECT a.id FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))"
            f" AND {where} ORDER BY a.id DESC"
        )
        ids = _walk(conn, "articles_fts", expression, keep, params, count)
    else:
        order_by = "rank" if order == "relevance" else "a.date DESC, a.id DESC"
        sql = (
            "SELECT a.id FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
            f" WHERE articles_fts MATCH ? AND {where} ORDER BY {order_by} LIMIT ?"
        )
        ids = [r[0] for r in conn.execute(sql, [expression, *params, count])]
    hits = []
    for aid in ids:
        row = conn.execute(
            f"SELECT a.id, a.key, a.title, a.date, src.name, a.url, a.location, a.text, a.paragraphs,"
            f" highlight(articles_fts, 1, '{_MARK_OPEN}', '{_MARK_CLOSE}')"
            " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
            " LEFT JOIN sources src ON src.id = a.source_id WHERE articles_fts MATCH ? AND articles_fts.rowid = ?",
            (expression, aid),
        ).fetchone()
        if row is None:
            continue
        text, paragraphs, marked = row[7], row[8], row[9]
        spans = marked_spans(marked, text)
        at = spans[0][0] if spans else 0
        start, end = _excerpt(text, unpack_spans(paragraphs), at)
        inside = tuple((s, e) for s, e in spans if start <= s and e <= end)
        hits.append(Hit(*row[:7], kind="text", speaker=None, text=text[start:end], start=start, end=end,
                        statement=None, matches=inside))
    return hits


def search(conn: sqlite3.Connection, query: Query, scoped: str, *, limit: int, offset: int, order: str) -> list[Hit]:
    """Hits for ``query``: statements first, then articles matching only in their text.

    Args:
        conn: A connection to the cache.
        query: The parsed query.
        scoped: SQL condition on articles (alias ``a``) that keeps the archive's own.
        limit: Hits at most.
        offset: Hits to skip.
        order: ``relevance`` or ``newest``.
    """
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}")
    if query.is_empty:
        return []
    wanted = offset + limit
    hits = _statement_hits(conn, query, scoped, wanted, order)
    if len(hits) < wanted:
        seen = {h.article_id for h in hits}
        hits += [h for h in _text_hits(conn, query, scoped, wanted, order) if h.article_id not in seen]
    return hits[offset:wanted]
