"""The search query language: table tests, errors, and FTS5 safety for any input."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.index.database import TOKENIZE
from tuireader.index.query import DateRange, Query, QueryError, Term, parse_query


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bridge", Query(terms=(Term("bridge"),))),
        ("open bridge", Query(terms=(Term("open"), Term("bridge")))),
        ('"open the bridge"', Query(terms=(Term("open the bridge", phrase=True),))),
        ("\u201copen the bridge\u201d", Query(terms=(Term("open the bridge", phrase=True),))),
        ("brid*", Query(terms=(Term("brid", prefix=True),))),
        ("bridge -ferry", Query(terms=(Term("bridge"), Term("ferry", negated=True)))),
        ('bridge -"night ferry"', Query(terms=(Term("bridge"), Term("night ferry", phrase=True, negated=True)))),
        ("speaker:roe", Query(speakers=("roe",))),
        ('speaker:"Jane  Roe"', Query(speakers=("Jane Roe",))),
        ("speaker:roe speaker:doe", Query(speakers=("roe", "doe"))),
        ("kind:direct", Query(kinds=("direct",))),
        ("KIND:Claim,direct", Query(kinds=("claim", "direct"))),
        ("date:2025", Query(dates=(DateRange("2025", "2025"),))),
        ("date:2025-06", Query(dates=(DateRange("2025-06", "2025-06"),))),
        ("date:2025-01..2025-06-30", Query(dates=(DateRange("2025-01", "2025-06-30"),))),
        ("source:Harbour", Query(sources=("harbour",))),
        ('source:"Harbour  Gazette"', Query(sources=("harbour gazette",))),
        (
            'speaker:roe kind:direct date:2025-06 source:gazette "good conversation"',
            Query(terms=(Term("good conversation", phrase=True),), speakers=("roe",), kinds=("direct",),
                  dates=(DateRange("2025-06", "2025-06"),), sources=("gazette",)),
        ),
        ("-- ! ?", Query()),
        ("", Query()),
        ("   ", Query()),
        ('"10:30" meeting', Query(terms=(Term("10:30", phrase=True), Term("meeting")))),
        ("AND OR NOT", Query(terms=(Term("AND"), Term("OR"), Term("NOT")))),
    ],
)
def test_parse(text: str, expected: Query) -> None:
    assert parse_query(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"open the bridge', "unclosed quote at column 1"),
        ('bridge "open', "unclosed quote at column 8"),
        ("speaker:", "speaker: at column 1 needs a value"),
        ('speaker:""', "needs a value"),
        ("speaker:!!", "needs letters or digits"),
        ("kind:shouted", "unknown kind shouted"),
        ("kind:,", "unknown kind (none)"),
        ("date:June", "give YYYY, YYYY-MM, YYYY-MM-DD"),
        ("date:2025-6", "give YYYY, YYYY-MM, YYYY-MM-DD"),
        ("date:2019-13", "give YYYY, YYYY-MM, YYYY-MM-DD"),
        ("date:2019-02-32", "give YYYY, YYYY-MM, YYYY-MM-DD"),
        ("date:2025-06..2025-01", "the range ends before it starts"),
        ("author:roe", "unknown filter 'author:' at column 1"),
        ("http://example.org", "unknown filter 'http:'"),
        ("-ferry", "cannot only exclude words: add a word, a phrase or a filter"),
        ('-ferry -"night bus"', "cannot only exclude words"),
    ],
)
def test_errors(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=None) as info:
        parse_query(text)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_partial_makes_the_last_word_a_prefix_and_closes_quotes() -> None:
    assert parse_query("brid", partial=True).terms == (Term("brid", prefix=True),)
    assert parse_query("brid ", partial=True).terms == (Term("brid"),)
    assert parse_query('"open the bri', partial=True).terms == (Term("open the bri", phrase=True),)


def test_a_term_quotes_double_quotes() -> None:
    assert Term('say "no"').fts() == '"say ""no"""'
    assert Term("brid", prefix=True).fts() == '"brid"*'


def test_expressions() -> None:
    query = parse_query('speaker:roe bridge -"night ferry"')
    assert query.statement_expression() == (
        '({text} : ("bridge") AND {speaker_names} : ("roe")) NOT {text} : ("night ferry")'
    )
    assert query.article_expression() == '("bridge") NOT {title text} : ("night ferry")'
    only_filters = parse_query("speaker:roe kind:direct")
    assert only_filters.article_expression() is None
    assert only_filters.statements_only
    assert parse_query("kind:claim").statement_expression() is None


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE statements_fts USING fts5(text, speaker_names, tokenize='{TOKENIZE}')")
    conn.execute(f"CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, tokenize='{TOKENIZE}')")
    conn.execute("INSERT INTO statements_fts VALUES ('We will open the bridge (at 10:30) AND NOT before', 'Jane Roe ; Roe')")
    conn.execute("INSERT INTO articles_fts VALUES ('Bridge', 'We will open the bridge (at 10:30) AND NOT before')")
    return conn


def _run(conn: sqlite3.Connection, query: Query) -> None:
    for table, expression in (("statements_fts", query.statement_expression()),
                              ("articles_fts", query.article_expression())):
        if expression is not None:
            conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (expression,)).fetchall()


@pytest.mark.parametrize(
    "text", ['"', "NEAR(a b)", "a AND", "(", ")", "^bridge", "col:x", "{text}", "*", "-", '"a" "b', "a:b:c"]
)
def test_fts_syntax_in_user_input_is_plain_text(fts: sqlite3.Connection, text: str) -> None:
    try:
        query = parse_query(text)
    except QueryError:
        return
    _run(fts, query)


def test_operators_are_words(fts: sqlite3.Connection) -> None:
    query = parse_query('"AND NOT before" speaker:roe')
    rows = fts.execute("SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?",
                       (query.statement_expression(),)).fetchall()
    assert rows == [(1,)]


_PIECES = st.sampled_from(list('ab :"-*()^{}+.\u201c\u201d\\') + ["speaker:", "kind:direct", "date:2025", "source:",
                                                              "NEAR", "OR", "AND", "bridge"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=15).map("".join) | st.text(max_size=30))
def test_any_input_parses_or_fails_clearly_and_never_breaks_fts(fts: sqlite3.Connection, text: str) -> None:
    try:
        query = parse_query(text)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    _run(fts, query)
    _run(fts, parse_query(text + " x", partial=True))


def test_a_prefix_stands_for_the_index_words_given() -> None:
    expand = {"conv": ["conversation", "convoy"], "brid": []}.get
    assert Term("conv", prefix=True).fts(expand) == '("conversation" OR "convoy")'
    assert Term("Good conv", phrase=True, prefix=True).fts(expand) == '("good conversation" OR "good convoy")'
    assert Term("co", prefix=True).fts(expand) == '"co"', "too short a prefix: the word itself"
    assert Term("brid", prefix=True).fts(expand) == '"brid"', "no word starts with it: nothing else matches"
