"""Where else was this quote reported: the same or nearly the same words in other articles.

Candidates come from the article index, searched for the quote's rarest words; in each, the
passage most like the quote is found word by word with `difflib.SequenceMatcher`, and the
differences in wording are kept as opcodes over characters, ready to show.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from difflib import SequenceMatcher

from tuireader.index.query import Term, words
from tuireader.index.search import Hit

MIN_WORDS = 3
"""Quotes shorter than this are too common to trace."""
RARE_WORDS = 3
"""Rarest words every candidate article must contain (first pass)."""
ANY_WORDS = 6
"""Rarest words of which a candidate must contain one (second pass, when the first finds few)."""
ANCHORS = 8
"""Places per article where the passage is looked for."""
SLACK = 6
COMMON = 2_000
"""Articles a word must be in to count as common (counting stops there)."""
"""Words of leeway on each side of a passage: the other report may add or drop some."""

Opcode = tuple[str, int, int, int, int]


@dataclass(frozen=True, slots=True)
class Echo:
    """A passage of another article that carries (nearly) the words of a quote."""

    hit: Hit
    """The passage: its article, its offsets there, and the statement it lies in (``kind``
    ``text`` when in none)."""
    ratio: float
    """How alike the words are, from 0 to 1 (1: the same words in the same order)."""
    opcodes: tuple[Opcode, ...]
    """`difflib` opcodes over characters: ``(tag, i1, i2, j1, j2)`` where ``quote[i1:i2]``
    became ``hit.text[j1:j2]``; ``tag`` is ``equal``, ``replace``, ``delete`` or ``insert``."""

    @property
    def exact(self) -> bool:
        """The same words in the same order (case, accents and punctuation aside)."""
        return all(op[0] == "equal" for op in self.opcodes)

    def changes(self, quote: str) -> list[tuple[str, str, str]]:
        """The differences only: ``(tag, words in the quote, words here)``."""
        return [(tag, quote[i1:i2], self.hit.text[j1:j2]) for tag, i1, i2, j1, j2 in self.opcodes if tag != "equal"]


def _char_range(tokens: list[tuple[str, int, int]], i: int, j: int, length: int, base: int = 0) -> tuple[int, int]:
    """Characters covered by tokens ``i:j`` (an empty range where an insertion goes)."""
    if i < j:
        return tokens[i][1] - base, tokens[j - 1][2] - base
    at = tokens[i][1] - base if i < len(tokens) else length
    return at, at


def _opcodes(quote: list[tuple[str, int, int]], quote_len: int, passage: list[tuple[str, int, int]],
             base: int, passage_len: int) -> tuple[Opcode, ...]:
    matcher = SequenceMatcher(None, [w for w, _, _ in quote], [w for w, _, _ in passage], autojunk=False)
    ops = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a = _char_range(quote, i1, i2, quote_len)
        b = _char_range(passage, j1, j2, passage_len, base)
        ops.append((tag, *a, *b))
    return tuple(ops)


def best_passage(quote: list[str], text_words: list[tuple[str, int, int]], rare: list[str]) -> tuple[float, int, int]:
    """The run of ``text_words`` most like ``quote``: ``(ratio, first word, end word)``."""
    best = (0.0, 0, 0)
    plain = [w for w, _, _ in text_words]
    anchors = 0
    for token in rare:
        if token not in quote:
            continue
        qi = quote.index(token)
        for j, w in enumerate(plain):
            if w != token:
                continue
            anchors += 1
            lo = max(0, j - qi - SLACK)
            hi = min(len(plain), j - qi + len(quote) + SLACK)
            blocks = [b for b in SequenceMatcher(None, quote, plain[lo:hi], autojunk=False).get_matching_blocks() if b.size]
            if blocks:
                first, last = lo + blocks[0].b, lo + blocks[-1].b + blocks[-1].size
                ratio = SequenceMatcher(None, quote, plain[first:last], autojunk=False).ratio()
                if ratio > best[0]:
                    best = (ratio, first, last)
            if anchors >= ANCHORS or best[0] == 1.0:
                return best
    return best


def _rare_tokens(conn: sqlite3.Connection, tokens: list[str]) -> list[tuple[str, int]]:
    """The distinct tokens some article holds with their article counts (up to `COMMON`),
    rarest first."""
    counts = {}
    for token in dict.fromkeys(tokens):
        counts[token] = conn.execute(
            "SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)",
            ("{text} : " + Term(token).fts(), COMMON),
        ).fetchone()[0]
    order = list(counts)
    return sorted(((t, n) for t, n in counts.items() if n), key=lambda tn: (tn[1], order.index(tn[0])))


def _candidates(conn: sqlite3.Connection, quote: list[str], rare: list[tuple[str, int]], scoped: str,
                exclude: int | None, count: int) -> list[int]:
    """Articles likely to carry the quote: those with its rarest words (ranked, when few enough to
    rank), then those with any of its uncommon words; for a quote of common words only, those
    with its opening words as a phrase."""
    uncommon = [t for t, n in rare if n < COMMON]
    passes: list[tuple[str, bool]] = []
    if uncommon:
        passes.append((" AND ".join(Term(t).fts() for t in uncommon[:RARE_WORDS]), True))
        if len(uncommon) > 1:
            passes.append((" OR ".join(Term(t).fts() for t in uncommon[:ANY_WORDS]), True))
    else:
        passes.append((Term(" ".join(quote[:ANY_WORDS]), phrase=True).fts(), False))
    found: list[int] = []
    for expression, ranked in passes:
        rows = conn.execute(
            "SELECT a.id FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
            f" WHERE articles_fts MATCH ? AND {scoped} AND a.id IS NOT ?{' ORDER BY rank' if ranked else ''} LIMIT ?",
            ("{text} : (" + expression + ")", exclude, count),
        )
        found.extend(r[0] for r in rows if r[0] not in found)
        if len(found) >= count:
            break
    return found[:count]


def find_echoes(
    conn: sqlite3.Connection, text: str, scoped: str, *, exclude_article: int | None, limit: int, min_ratio: float
) -> list[Echo]:
    """Passages of other articles like ``text``; see `Archive.reported_elsewhere`."""
    quote = words(text)
    if len(quote) < MIN_WORDS:
        return []
    plain = [w for w, _, _ in quote]
    counted = _rare_tokens(conn, plain)
    if not counted:
        return []
    rare = [t for t, _ in counted]
    echoes = []
    for aid in _candidates(conn, plain, counted, scoped, exclude_article, limit * 2):
        row = conn.execute(
            "SELECT a.id, a.key, a.title, a.date, s.name, a.url, a.location, a.text FROM articles a"
            " LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?",
            (aid,),
        ).fetchone()
        body = row[7]
        body_words = words(body)
        ratio, first, last = best_passage(plain, body_words, rare)
        if ratio < min_ratio:
            continue
        start, end = body_words[first][1], body_words[last - 1][2]
        passage = body_words[first:last]
        statement = conn.execute(
            "SELECT seq, kind, speaker FROM statements WHERE article_id = ? AND start < ? AND end > ?"
            " ORDER BY min(end, ?) - max(start, ?) DESC LIMIT 1",
            (aid, end, start, end, start),
        ).fetchone()
        seq, kind, speaker = statement if statement else (None, "text", None)
        hit = Hit(*row[:7], kind=kind, speaker=speaker, text=body[start:end], start=start, end=end, statement=seq)
        echoes.append(Echo(hit, round(ratio, 3), _opcodes(quote, len(text), passage, start, end - start)))
    echoes.sort(key=lambda e: e.hit.date or "", reverse=True)
    echoes.sort(key=lambda e: -e.ratio)  # stable: most alike first, newest first among equals
    return echoes[:limit]
