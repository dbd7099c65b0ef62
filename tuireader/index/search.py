"""Run a parsed `Query` against the cache: statement hits, then article-text hits."""

from __future__ import annotations

import json
import re
import sqlite3
import time
import unicodedata
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from tuireader.index.query import MIN_PREFIX, Expand, Query, Term, words
from tuireader.index.records import ALIAS_SEPARATOR, unpack_spans

ORDERS = ("relevance", "newest")
EXCERPT = 240
"""Characters of context at most for a hit in article text."""
BROAD = 3_000
"""Matches above which ranking or sorting all of them costs too much; such broad queries walk
their matches most recently indexed first, in windows, instead."""
NEWEST_CAP = 30_000
"""Matches a query sorted newest first (such as a speaker's statements) may have before it too
is walked most recently indexed first."""
WINDOW = 1_000
"""Matches read per window of a broad query."""
BUDGET_SECONDS = 0.035
"""A broad query with very selective filters stops walking after this long (statements and
article text together), with what it has found by then."""
FILTER_FIRST = 400
"""A broad query whose date and source filters leave at most this many articles is matched
in those articles' text directly instead of walking the index."""
PREFIX_WORDS = 30
"""Index words a ``word*`` stands for at most: the commonest that start with it."""
PREFIX_SCAN = 2_000
"""Index words read at most to choose them."""


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


_SEPARATOR = r"[\W_]+"


def _latin_variants() -> dict[str, str]:
    variants: dict[str, list[str]] = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base.isascii() and base.isalpha() and base != chr(code):
            variants.setdefault(base.lower(), []).append(chr(code))
    return {base: "".join(chars) for base, chars in variants.items()}


_VARIANTS = _latin_variants()
"""Each ASCII letter and the accented Latin letters that fold to it ("u": "ùúûü...")."""


def _blind(word: str) -> str:
    """A regular expression for a folded word that also matches it with accents on."""
    return "".join(f"[{c}{_VARIANTS[c]}]" if c in _VARIANTS else re.escape(c) for c in word)


class Matcher:
    """Finds a query's words and phrases in text as the index would: case and accents aside,
    punctuation between words ignored. On long texts a regular expression does the work, each
    letter allowing its accented Latin forms (accents of other scripts count there)."""

    def __init__(self, query: Query, expand: Expand) -> None:
        self.query = query
        self.expand = expand
        self._patterns: dict[Term, re.Pattern[str] | None] = {}

    def _words(self, term: Term) -> tuple[list[str], set[str]]:
        """The term's leading words, and the words its last one may be (a prefix expanded)."""
        *head, last = [w for w, _, _ in words(term.text)] or [""]
        ends = set(self.expand(last)) if term.prefix and len(last) >= MIN_PREFIX else {last}
        return head, ends - {""}

    def pattern(self, term: Term) -> re.Pattern[str] | None:
        """A case-blind regular expression for the term (None when it has no words)."""
        if term not in self._patterns:
            head, ends = self._words(term)
            if not ends:
                self._patterns[term] = None
            else:
                body = "".join(_blind(w) + _SEPARATOR for w in head)
                body += "(?:" + "|".join(_blind(w) for w in sorted(ends)) + ")"
                self._patterns[term] = re.compile(r"(?<![^\W_])" + body + r"(?![^\W_])", re.IGNORECASE)
        return self._patterns[term]

    def spans(self, text: str, terms: tuple[Term, ...] | None = None) -> tuple[tuple[int, int], ...]:
        """Offsets in ``text`` of the terms (the query's positive ones by default)."""
        tokens = words(text)
        plain = [w for w, _, _ in tokens]
        found = set()
        for term in self.query.positive if terms is None else terms:
            head, ends = self._words(term)
            if not ends:
                continue
            for i in range(len(head), len(plain)):
                if plain[i] in ends and plain[i - len(head) : i] == head:
                    found.add((tokens[i - len(head)][1], tokens[i][2]))
        return tuple(sorted(found))

    def has(self, term: Term, text: str) -> bool:
        """Whether ``term`` occurs in ``text``."""
        pattern = self.pattern(term)
        return pattern is not None and pattern.search(text) is not None

    def first(self, text: str) -> int:
        """Offset of the first occurrence of any positive term (0 when none is found)."""
        starts = [m.start() for t in self.query.positive if (p := self.pattern(t)) and (m := p.search(text))]
        return min(starts, default=0)

    def matches(self, text: str, speaker_names: str) -> bool:
        """Whether a statement (or any text, with no speaker filter) matches the query's words
        and speakers, as the index would decide."""
        if not all(self.has(t, text) for t in self.query.positive):
            return False
        if any(self.has(replace(t, negated=False), text) for t in self.query.negative):
            return False
        if self.query.speakers:
            names = speaker_names.split(ALIAS_SEPARATOR)
            return any(self.has(Term(s, phrase=True), n) for n in names for s in self.query.speakers)
        return True


def _filters(query: Query, scoped: str) -> tuple[str, list[Any]]:
    """SQL conditions on the article (alias ``a``) for the date and source filters and scope."""
    clauses, params = [scoped], []
    if query.dates:
        ors = []
        for d in query.dates:
            ors.append("(a.date >= ? AND a.date <= ?)")  # a range the date index can walk
            params.extend((d.low, d.high + "\U0010ffff"))
        clauses.append("(" + " OR ".join(ors) + ")")
    if query.sources:
        ors = " OR ".join("instr(folded, ?) > 0" for _ in query.sources)
        clauses.append(f"a.source_id IN (SELECT id FROM sources WHERE {ors})")
        params.extend(query.sources)
    return " AND ".join(clauses), params


def _order(order: str, ranked: bool) -> str:
    newest = "a.date DESC, a.id DESC, s.seq"
    return "rank" if order == "relevance" and ranked else newest


class _Search:
    """One search: the query, the words a prefix stands for, how many rows an expression
    matches, a matcher for text, and the time budget for walking broad matches."""

    def __init__(self, conn: sqlite3.Connection, query: Query, scoped: str, order: str) -> None:
        self.conn = conn
        self.query = query
        self.scoped = scoped
        """SQL condition keeping the archive's articles (alias ``a``)."""
        self.order = order
        self.deadline = time.monotonic() + BUDGET_SECONDS
        """When walking broad matches stops (after at least one window)."""
        self._prefixes: dict[str, list[tuple[str, int]]] = {}
        self.matcher = Matcher(query, self.expand)

    def prefixed(self, prefix: str) -> list[tuple[str, int]]:
        """The commonest article-index words starting with ``prefix``, with their counts."""
        if prefix not in self._prefixes:
            rows = self.conn.execute("SELECT term, doc FROM articles_vocab WHERE term >= ? AND term < ? LIMIT ?",
                                     (prefix, prefix + "\U0010ffff", PREFIX_SCAN)).fetchall()
            self._prefixes[prefix] = sorted(rows, key=lambda r: -r[1])[:PREFIX_WORDS]
        return self._prefixes[prefix]

    def expand(self, prefix: str) -> list[str]:
        """`Expand` for the query's expressions."""
        return [term for term, _ in self.prefixed(prefix)]

    def broad(self, fts: str, expression: str) -> bool:
        """Whether ``expression`` matches too many rows of ``fts`` to rank or sort them all
        (reads that many at most)."""
        cap = BROAD if self.order == "relevance" and self.query.positive else NEWEST_CAP
        return bool(self.conn.execute(
            f"SELECT count(*) > ? FROM (SELECT rowid FROM {fts} WHERE {fts} MATCH ? LIMIT ?)",
            (cap, expression, cap + 1),
        ).fetchone()[0])

    def ids(self, fts: str, expression: str, ranked: str, direct: str, keep: str,
            params: list[Any], direct_params: list[Any], count: int) -> list[int]:
        """Ids of the best ``count`` matches in one index, by the cheapest way that is exact.

        Args:
            fts: The FTS5 table.
            expression: Its MATCH expression.
            ranked: SQL ranking or sorting every match (``?`` for the expression, then ``params``,
                then the limit): used when the matches are few enough.
            direct: SQL giving ``(id, text, speaker_names)`` of the rows of the articles in
                ``json_each(?)``, then ``direct_params``: used when the date and source filters
                leave few articles, whose text is then matched here.
            keep: SQL keeping the ids in ``json_each(?)`` that pass the filters (then ``params``),
                for walking broad matches in windows.
            params: Parameters of the filters.
            direct_params: Parameters of ``direct`` after the article ids.
            count: Ids wanted.
        """
        if not self.broad(fts, expression):
            return [r[0] for r in self.conn.execute(ranked, [expression, *params, count])]
        if (few := _filtered_articles(self.conn, self.query, self.scoped)) is not None:
            rows = self.conn.execute(direct, [json.dumps(few), *direct_params])
            return list(islice((i for i, text, names in rows if self.matcher.matches(text, names)), count))
        return _walk(self.conn, fts, expression, keep, params, count, self.deadline)


def _filtered_articles(conn: sqlite3.Connection, query: Query, scoped: str) -> list[int] | None:
    """The archive's articles passing the date and source filters, newest first; None when
    there are no such filters or more than `FILTER_FIRST` articles pass."""
    if not (query.dates or query.sources):
        return None
    if len(query.dates) > 1:  # one index range each: SQLite will not walk an OR of ranges by one index
        found: dict[int, None] = {}
        for date in query.dates:
            part = _filtered_articles(conn, replace(query, dates=(date,)), scoped)
            if part is None or len(found) + len(part) > FILTER_FIRST:
                return None
            found.update(dict.fromkeys(part))
        return list(found)
    where, params = _filters(query, scoped)
    index = "articles_date" if query.dates else "articles_source"  # not the scope's file index
    rows = conn.execute(f"SELECT a.id, a.date FROM articles a INDEXED BY {index} WHERE {where} LIMIT ?",
                        [*params, FILTER_FIRST + 1]).fetchall()
    if len(rows) > FILTER_FIRST:
        return None
    return [aid for aid, _ in sorted(rows, key=lambda r: (r[1] or "", r[0]), reverse=True)]


def _walk(conn: sqlite3.Connection, fts: str, expression: str, keep: str, params: list[Any], count: int,
          deadline: float) -> list[int]:
    """Ids of matches of a broad query, most recently indexed first, that pass ``keep``.

    ``keep`` is a query selecting ids from ``json_each(?)`` (the window, as JSON) that pass the
    filters, newest id first; ``params`` are its other parameters.
    """
    found: list[int] = []
    last = None
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


def _statement_hits(run: _Search, count: int) -> list[Hit]:
    query, conn = run.query, run.conn
    expression = query.statement_expression(run.expand)
    where, params = _filters(query, run.scoped)
    kinds = f" AND s.kind IN ({','.join('?' * len(query.kinds))})" if query.kinds else ""
    where += kinds
    params.extend(query.kinds)
    if expression is None:
        # Filters alone: walk articles newest first by the date index (no sort of every row).
        if (excluded := query.excluded_expression(run.expand)) is not None:
            where += " AND s.id NOT IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)"
            params.append(excluded)
        sql = (
            "SELECT s.id FROM articles a INDEXED BY articles_date JOIN statements s ON s.article_id = a.id"
            f" WHERE {where} ORDER BY a.date DESC, a.id DESC, s.seq LIMIT ?"
        )
        ids = [r[0] for r in conn.execute(sql, [*params, count])]
    else:
        ids = run.ids(
            "statements_fts", expression,
            ranked="SELECT s.id FROM statements_fts JOIN statements s ON s.id = statements_fts.rowid"
                   " JOIN articles a ON a.id = s.article_id"
                   f" WHERE statements_fts MATCH ? AND {where}"
                   f" ORDER BY {_order(run.order, bool(query.positive))} LIMIT ?",
            direct="SELECT s.id, s.text, s.speaker_names FROM json_each(?) j"
                   f" JOIN statements s ON s.article_id = j.value{kinds} ORDER BY j.key, s.seq",
            keep="SELECT s.id FROM statements s JOIN articles a ON a.id = s.article_id"
                 f" WHERE s.id IN (SELECT value FROM json_each(?)) AND {where} ORDER BY s.id DESC",
            params=params, direct_params=list(query.kinds), count=count,
        )
    hits = []
    for sid in ids:
        row = conn.execute(
            "SELECT a.id, a.key, a.title, a.date, src.name, a.url, a.location, s.kind, s.speaker, s.text,"
            " s.start, s.end, s.seq FROM statements s JOIN articles a ON a.id = s.article_id"
            " LEFT JOIN sources src ON src.id = a.source_id WHERE s.id = ?",
            (sid,),
        ).fetchone()
        matches = tuple((row[10] + s, row[10] + e) for s, e in run.matcher.spans(row[9]))
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


def _text_hits(run: _Search, count: int) -> list[Hit]:
    query, conn = run.query, run.conn
    expression = query.article_expression(run.expand)
    if expression is None or query.statements_only:
        return []
    where, params = _filters(query, run.scoped)
    ids = run.ids(
        "articles_fts", expression,
        ranked="SELECT a.id FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
               f" WHERE articles_fts MATCH ? AND {where}"
               f" ORDER BY {'rank' if run.order == 'relevance' else 'a.date DESC, a.id DESC'} LIMIT ?",
        direct="SELECT a.id, a.text, '' FROM json_each(?) j JOIN articles a ON a.id = j.value ORDER BY j.key",
        keep="SELECT a.id FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))"
             f" AND {where} ORDER BY a.id DESC",
        params=params, direct_params=[], count=count,
    )
    hits = []
    for aid in ids:
        row = conn.execute(
            "SELECT a.id, a.key, a.title, a.date, src.name, a.url, a.location, a.text, a.paragraphs"
            " FROM articles a LEFT JOIN sources src ON src.id = a.source_id WHERE a.id = ?",
            (aid,),
        ).fetchone()
        text, paragraphs = row[7], row[8]
        start, end = _excerpt(text, unpack_spans(paragraphs), run.matcher.first(text))
        inside = tuple((start + s, start + e) for s, e in run.matcher.spans(text[start:end]))
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
    run = _Search(conn, query, scoped, order)
    hits = _statement_hits(run, wanted)
    if len(hits) < wanted:
        seen = {h.article_id for h in hits}
        hits += [h for h in _text_hits(run, wanted) if h.article_id not in seen]
    return hits[offset:wanted]
