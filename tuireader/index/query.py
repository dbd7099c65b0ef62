"""The search query language: bare words, quoted phrases and field filters.

``speaker:putin kind:direct date:2025-06 source:wikinews "good conversation"``

- A bare word or a ``"quoted phrase"`` (straight or curly quotes) must occur in the text.
  ``word*`` matches words starting with ``word``; ``-word`` or ``-"a phrase"`` excludes.
- ``speaker:NAME`` matches a speaker whose name or one of whose aliases contains NAME's words
  in order, any case; ``kind:direct,indirect,claim``; ``date:2025``, ``date:2025-06``,
  ``date:2025-06-04`` or a range ``date:2025-01..2025-06``; ``source:WORDS`` matches sources
  containing WORDS, any case. A value with spaces is quoted: ``speaker:"Jane Roe"``.
- Different filters must all hold; repeating a filter gives alternatives
  (``speaker:roe speaker:doe`` is either speaker).

User input never reaches SQLite's FTS5 syntax unescaped: every word and phrase is passed as an
FTS5 string, so operators, brackets and stray quotes are plain text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from tuireader.model import STATEMENT_KINDS

FIELDS = ("speaker", "kind", "date", "source")
"""The filter names a query may use."""
MIN_PREFIX = 3
"""A ``word*`` shorter than this matches the whole word only (a shorter prefix matches too much)."""

Expand = Callable[[str], list[str]]
"""Gives the index's words that start with a prefix (the commonest, a bounded number)."""

_OPEN_QUOTES = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201d", "\u201d": "\u201d"}
_TOKEN_CHAR = re.compile(r"[^\W_]")
_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
"""YYYY, YYYY-MM or YYYY-MM-DD with a month 01-12 and a day 01-31."""
_FIELD = re.compile(r"([A-Za-z]+):")
_WORD = re.compile(r"[^\W_]+")


def fold(word: str) -> str:
    """A word as the index compares it: case folded, accents removed."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[tuple[str, int, int]]:
    """The words of ``text`` as the index splits and folds them, with their offsets."""
    return [(fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


class QueryError(ValueError):
    """A query could not be understood; the message says where and why, in one line."""


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase that must (or must not) occur."""

    text: str
    """The words as typed, without quotes."""
    phrase: bool = False
    """Typed in quotes: the words must occur together in this order."""
    prefix: bool = False
    """Ends in ``*``: the last word may continue."""
    negated: bool = False
    """Preceded by ``-``: the words must not occur."""

    def fts(self, expand: Expand | None = None) -> str:
        """This term as FTS5 syntax, quotes doubled so nothing in it is syntax.

        Args:
            expand: For a prefix term, the index words to stand for the prefix: an FTS5 prefix
                query reads every word with that prefix and is slow on a big index. Without
                it the FTS5 prefix query is used.
        """
        quoted = '"' + self.text.replace('"', '""') + '"'
        if not self.prefix:
            return quoted
        tokens = [w for w, _, _ in words(self.text)]
        if expand is None:
            return quoted + "*"
        if not tokens or len(tokens[-1]) < MIN_PREFIX:
            return quoted
        head = " ".join(tokens[:-1])
        phrases = ['"' + (head + " " + word if head else word).replace('"', '""') + '"' for word in expand(tokens[-1])]
        return "(" + " OR ".join(phrases) + ")" if phrases else quoted


@dataclass(frozen=True, slots=True)
class DateRange:
    """Dates whose text starts at or after ``low`` and, compared on ``high``'s length, not after it."""

    low: str
    """The first date prefix included (``2025-01``)."""
    high: str
    """The last date prefix included (``2025-06``)."""


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: the text terms and the filters."""

    terms: tuple[Term, ...] = ()
    """Words and phrases, in the order typed."""
    speakers: tuple[str, ...] = ()
    """``speaker:`` values; a statement by any of them matches."""
    kinds: tuple[str, ...] = ()
    """``kind:`` values; empty means every kind and the article text too."""
    dates: tuple[DateRange, ...] = ()
    """``date:`` values; an article in any of them matches."""
    sources: tuple[str, ...] = ()
    """``source:`` values, case-folded; a source containing any of them matches."""
    text: str = field(default="", compare=False)
    """The query as typed."""

    @property
    def positive(self) -> tuple[Term, ...]:
        """The terms that must occur."""
        return tuple(t for t in self.terms if not t.negated)

    @property
    def negative(self) -> tuple[Term, ...]:
        """The terms that must not occur."""
        return tuple(t for t in self.terms if t.negated)

    @property
    def is_empty(self) -> bool:
        """No terms and no filters: nothing to search for."""
        return not (self.terms or self.speakers or self.kinds or self.dates or self.sources)

    @property
    def statements_only(self) -> bool:
        """Whether only statements can match (a speaker or kind filter is given)."""
        return bool(self.speakers or self.kinds)

    def statement_expression(self, expand: Expand | None = None) -> str | None:
        """The FTS5 expression over the statements index, or None when only SQL filters apply.

        The statements index has the columns ``text`` (the words said) and ``speaker_names``
        (the speaker's name and aliases).
        """
        parts = []
        if self.positive:
            parts.append("{text} : (" + " AND ".join(t.fts(expand) for t in self.positive) + ")")
        if self.speakers:
            parts.append("{speaker_names} : (" + " OR ".join(Term(s).fts() for s in self.speakers) + ")")
        if not parts:
            return None
        return self._exclude(" AND ".join(parts), "text", expand)

    def article_expression(self, expand: Expand | None = None) -> str | None:
        """The FTS5 expression over the article index (``title`` and ``text``), or None."""
        if not self.positive:
            return None
        return self._exclude(" AND ".join(t.fts(expand) for t in self.positive), "title text", expand)

    def excluded_expression(self, expand: Expand | None = None) -> str | None:
        """The FTS5 expression over the statements index for the excluded words (what a
        query of filters and exclusions alone leaves out), or None when nothing is excluded."""
        if not self.negative:
            return None
        return "{text} : (" + " OR ".join(t.fts(expand) for t in self.negative) + ")"

    def _exclude(self, expression: str, columns: str, expand: Expand | None) -> str:
        if not self.negative:
            return expression
        return f"({expression}) NOT {{{columns}}} : (" + " OR ".join(t.fts(expand) for t in self.negative) + ")"


def _has_token(text: str) -> bool:
    return bool(_TOKEN_CHAR.search(text))


def _read_quoted(text: str, i: int) -> tuple[str, int]:
    """The text inside the quote opening at ``i`` and the index after its closing quote."""
    close = _OPEN_QUOTES[text[i]]
    j = i + 1
    while j < len(text) and text[j] != close and not (close == "\u201d" and text[j] == '"'):
        j += 1
    if j >= len(text):
        raise QueryError(f"unclosed quote at column {i + 1}: add the closing {close}")
    return text[i + 1 : j], j + 1


def _read_bare(text: str, i: int) -> tuple[str, int]:
    j = i
    while j < len(text) and not text[j].isspace() and text[j] not in _OPEN_QUOTES:
        j += 1
    return text[i:j], j


def _date_range(value: str) -> DateRange:
    low, sep, high = value.partition("..")
    if not sep:
        high = low
    for part in (low, high):
        if not _DATE.fullmatch(part):
            raise QueryError(
                f"date:{value}: give YYYY, YYYY-MM, YYYY-MM-DD or a range FROM..TO"
            )
    if low > high[: len(low)]:
        raise QueryError(f"date:{value}: the range ends before it starts")
    return DateRange(low, high)


def _kinds(value: str) -> list[str]:
    kinds = [k.strip().casefold() for k in value.split(",") if k.strip()]
    bad = [k for k in kinds if k not in STATEMENT_KINDS]
    if bad or not kinds:
        raise QueryError(
            f"kind:{value}: unknown kind {', '.join(bad) or '(none)'}; use {', '.join(STATEMENT_KINDS)}"
        )
    return kinds


def parse_query(text: str, *, partial: bool = False) -> Query:
    """Parse a search query.

    Args:
        text: The query as typed.
        partial: The user is still typing: a last bare word not followed by a space matches
            as a prefix, and an unclosed quote is taken as closed at the end.

    Returns:
        The parsed query (possibly empty).

    Raises:
        QueryError: Unclosed quote, unknown filter, empty or bad filter value, or only
            excluded words.
    """
    typed, text = text, text.replace("\x00", " ")  # FTS5 reads a NUL as the end of the query
    terms: list[Term] = []
    filters: dict[str, list[str]] = {name: [] for name in FIELDS}
    dates: list[DateRange] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        negated = text[i] == "-" and i + 1 < n and not text[i + 1].isspace()
        if negated:
            i += 1
        name = None
        if (m := _FIELD.match(text, i)) and not negated:
            name = m.group(1).casefold()
            if name not in FIELDS:
                raise QueryError(
                    f"unknown filter {m.group(0)!r} at column {start + 1}; filters are "
                    + ", ".join(f + ":" for f in FIELDS)
                    + " (put other words with a colon in quotes)"
                )
            i = m.end()
        quoted = i < n and text[i] in _OPEN_QUOTES
        if quoted:
            try:
                value, i = _read_quoted(text, i)
            except QueryError:
                if not partial:
                    raise
                value, i = text[i + 1 :], n
        else:
            value, i = _read_bare(text, i)
        if name is not None:
            value = value.strip()
            if not value:
                raise QueryError(f"{name}: at column {start + 1} needs a value, e.g. {name}:{_EXAMPLES[name]}")
            if name == "kind":
                filters["kind"].extend(_kinds(value))
            elif name == "date":
                dates.append(_date_range(value))
            elif name == "speaker":
                if not _has_token(value):
                    raise QueryError(f"speaker:{value}: a speaker's name needs letters or digits")
                filters["speaker"].append(" ".join(value.split()))
            else:
                filters["source"].append(" ".join(value.casefold().split()))
            continue
        prefix = not quoted and value.endswith("*")
        if prefix:
            value = value.rstrip("*")
        if partial and not quoted and i >= n and not negated:
            prefix = True
        if not _has_token(value):
            continue  # punctuation alone matches nothing in the index; ignore it
        terms.append(Term(value, phrase=quoted, prefix=prefix, negated=negated))
    query = Query(
        terms=tuple(terms),
        speakers=tuple(dict.fromkeys(filters["speaker"])),
        kinds=tuple(dict.fromkeys(filters["kind"])),
        dates=tuple(dict.fromkeys(dates)),
        sources=tuple(dict.fromkeys(filters["source"])),
        text=typed,
    )
    if query.negative and not (query.positive or query.speakers or query.kinds or query.dates or query.sources):
        raise QueryError("a query cannot only exclude words: add a word, a phrase or a filter "
                         "(speaker:, kind:, date:, source:)")
    return query


_EXAMPLES = {"speaker": "putin", "kind": "direct", "date": "2025-06", "source": "wikinews"}
