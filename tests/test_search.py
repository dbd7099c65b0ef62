"""Search across the archive: filters, aliases, the speaker view, and where else a quote ran.

Statements are built by hand (extraction is replaced for these tests) so the results depend on
the index alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tuireader.index import Archive, Hit, QueryError, echo, records, search
from tuireader.model import Analysis, Article, Span, Speaker, Statement

ROE = Speaker("Jane Roe", ("Roe", "Mayor Jane Roe", "the mayor"), "person")
DOE = Speaker("Tom Doe", ("Doe",), "person")
COUNCIL = Speaker("Harbour Council", ("the council",), "organisation")
QUOTE = "It was a good conversation, but not one that will open the bridge,"

ARTICLES = {
    "harbour": (
        "Title: Bridge talks\nDate: 2025-06-02\nSource: Harbour Gazette\n\n"
        f'"{QUOTE}" said Mayor Jane Roe. Roe added that the ferry would run at night.\n\n'
        "The repairs cost 4 million crowns, the council said.\n",
        [("direct", QUOTE, ROE), ("indirect", "the ferry would run at night", ROE),
         ("claim", "The repairs cost 4 million crowns", COUNCIL)],
    ),
    "valley": (
        "Title: Mayor again\nDate: 2025-05-20\nSource: Valley Post\n\n"
        'Jane Roe spoke again. "It was a good conversation but not one that will reopen the bridge," '
        "the mayor said. Tom Doe said the mill would close.\n",
        [("direct", "It was a good conversation but not one that will reopen the bridge,", ROE),
         ("indirect", "the mill would close", DOE)],
    ),
    "coast": (
        "Title: Coast road\nDate: 2024-11-03\nSource: Coast Herald\n\n"
        "The coast road reopened. Officials described a good conversation with the ferry company.\n",
        [],
    ),
    "alpine": (
        "Title: Alpine office\nDate: 2023-01-05\nSource: Alpine Times\n\n"
        "After the storm \u2014 and a week of snow \u2014 the Z\u00fcrich office reopened.\n",
        [],
    ),
    "recalled": (
        "Title: Readers recall\nDate: 2025-07-01\nSource: Harbour Gazette\n\n"
        "Readers recalled the words: it was a good conversation, but not one that will open the bridge. "
        "Nothing else happened.\n",
        [],
    ),
}


def _hand_built(article: Article) -> Analysis:
    statements = []
    for kind, words, speaker in ARTICLES[article.id][1]:
        start = article.text.index(words)
        statements.append(Statement(kind, Span(start, start + len(words)), "hand", speaker=speaker.name))
    speakers = tuple(dict.fromkeys(s for _, _, s in ARTICLES[article.id][1]))
    return Analysis(article, tuple(statements), speakers)


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Archive]:
    monkeypatch.setattr(records, "extract", _hand_built)
    for name, (text, _) in ARTICLES.items():
        (tmp_path / "docs").mkdir(exist_ok=True)
        (tmp_path / "docs" / f"{name}.txt").write_text(text, encoding="utf-8")
    opened = Archive.open([tmp_path / "docs"], cache_dir=tmp_path / "cache")
    opened.build(workers=0)
    yield opened
    opened.close()


def _found(hits: list[Hit]) -> list[tuple[str, str, str | None]]:
    return [(h.article_key, h.kind, h.speaker) for h in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("speaker:roe", {("harbour", "direct", "Jane Roe"), ("harbour", "indirect", "Jane Roe"),
                         ("valley", "direct", "Jane Roe")}),
        ('speaker:"the mayor"', {("harbour", "direct", "Jane Roe"), ("harbour", "indirect", "Jane Roe"),
                                 ("valley", "direct", "Jane Roe")}),
        ("speaker:JANE", {("harbour", "direct", "Jane Roe"), ("harbour", "indirect", "Jane Roe"),
                          ("valley", "direct", "Jane Roe")}),
        ("speaker:doe speaker:council", {("valley", "indirect", "Tom Doe"), ("harbour", "claim", "Harbour Council")}),
        ("speaker:roe kind:indirect", {("harbour", "indirect", "Jane Roe")}),
        ("kind:claim", {("harbour", "claim", "Harbour Council")}),
        ("kind:direct date:2025-06", {("harbour", "direct", "Jane Roe")}),
        ("speaker:roe date:2025-01..2025-05", {("valley", "direct", "Jane Roe")}),
        ("speaker:roe source:valley", {("valley", "direct", "Jane Roe")}),
        ("speaker:roe source:gazette", {("harbour", "direct", "Jane Roe"), ("harbour", "indirect", "Jane Roe")}),
        ("ferry date:2024", {("coast", "text", None)}),
        ("bridge -reopen", {("harbour", "direct", "Jane Roe"), ("recalled", "text", None)}),
        ("mill", {("valley", "indirect", "Tom Doe")}),
        ("crow*", {("harbour", "claim", "Harbour Council")}),
        ('"good conversation" kind:direct', {("harbour", "direct", "Jane Roe"), ("valley", "direct", "Jane Roe")}),
        ("speaker:nobody", set()),
        ("date:1999 bridge", set()),
        # a filter with exclusions alone: its statements without the words
        ("kind:indirect -ferry", {("valley", "indirect", "Tom Doe")}),
        ('date:2025 -bridge -"million crowns"', {("harbour", "indirect", "Jane Roe"), ("valley", "indirect", "Tom Doe")}),
        ("source:gazette -ferry", {("harbour", "direct", "Jane Roe"), ("harbour", "claim", "Harbour Council")}),
    ],
)
@pytest.mark.parametrize("mode", ["ranked", "broad-walk", "broad-filter-first"])
def test_filters_combine(archive: Archive, query: str, expected: set[tuple[str, str, str | None]], mode: str,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    if mode != "ranked":  # every query counts as too broad to rank ...
        monkeypatch.setattr(search, "BROAD", -1)
        monkeypatch.setattr(search, "NEWEST_CAP", -1)
        monkeypatch.setattr(search, "WINDOW", 1)  # ... and its matches are walked in windows of one
        monkeypatch.setattr(search, "BUDGET_SECONDS", 60.0)
    if mode == "broad-walk":  # ... even when the date and source filters leave few articles
        monkeypatch.setattr(search, "FILTER_FIRST", -1)
    found = _found(archive.search(query))
    assert set(found) == expected
    assert len(found) == len(expected), "each statement once"


def test_statements_come_before_text_matches(archive: Archive) -> None:
    hits = archive.search('"good conversation"')
    kinds = [h.kind for h in hits]
    assert kinds[:2] == ["direct", "direct"]
    assert sorted(h.article_key for h in hits[2:]) == ["coast", "recalled"]
    assert all(h.kind == "text" for h in hits[2:])


@pytest.mark.parametrize("broad", [False, True])
@pytest.mark.parametrize("query", ["zurich", "ZÜRICH office", '"zurich office"', "zur*"])
def test_accents_and_case_do_not_matter(archive: Archive, query: str, broad: bool,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    if broad:
        monkeypatch.setattr(search, "BROAD", -1)
        monkeypatch.setattr(search, "NEWEST_CAP", -1)
    [hit] = archive.search(query)
    assert (hit.article_key, hit.kind) == ("alpine", "text")
    text = archive.analysis(hit.article_id).article.text
    assert {text[s:e] for s, e in hit.matches} & {"Zürich", "Zürich office"}
    assert archive.search(f"{query} date:2023-01")[0].article_key == "alpine"


def test_hits_point_into_the_article(archive: Archive) -> None:
    for hit in archive.search('"good conversation"') + archive.search("speaker:roe"):
        analysis = archive.analysis(hit.article_id)
        assert analysis.article.text[hit.start : hit.end] == hit.text
        for start, end in hit.matches:
            assert analysis.article.text[start:end].casefold() in {"good conversation", "good", "conversation"}
        if hit.statement is not None:
            statement = analysis.statements[hit.statement]
            assert (statement.start, statement.end, statement.kind) == (hit.start, hit.end, hit.kind)
    [direct] = archive.search('"good conversation" date:2025-06')[:1]
    assert direct.matches, "matched words are located"


def test_paging_and_order(archive: Archive) -> None:
    everything = archive.search("speaker:roe", order="newest")
    assert [h.date for h in everything] == ["2025-06-02", "2025-06-02", "2025-05-20"]
    assert archive.search("speaker:roe", order="newest", offset=1, limit=1) == everything[1:2]
    with pytest.raises(ValueError):
        archive.search("speaker:roe", order="sideways")


def test_a_bad_query_raises_a_clear_error(archive: Archive) -> None:
    with pytest.raises(QueryError, match="unclosed quote"):
        archive.search('"open the')
    assert archive.search("") == []


def test_speaker_view_is_newest_first_across_articles(archive: Archive) -> None:
    hits = archive.speaker_statements("Jane Roe")
    assert [(h.article_key, h.kind) for h in hits] == [
        ("harbour", "direct"), ("harbour", "indirect"), ("valley", "direct")]
    assert _found(archive.speaker_statements("the mayor")) == _found(hits), "any alias finds the speaker"
    assert archive.speaker_statements("Nobody") == []


def test_speakers_across_the_archive(archive: Archive) -> None:
    rows = archive.speakers()
    assert (rows[0].name, rows[0].statements, rows[0].articles) == ("Jane Roe", 3, 2)
    assert [r.name for r in archive.speakers("tom")] == ["Tom Doe"]
    assert [r.name for r in archive.speakers("doe")] == ["Tom Doe"], "a surname finds the speaker"
    assert archive.speakers("oe") == [], "words are matched from their start"


def test_where_else_a_quote_was_reported(archive: Archive) -> None:
    harbour = next(h for h in archive.search("speaker:roe kind:direct") if h.article_key == "harbour")
    echoes = archive.reported_elsewhere(harbour.text, exclude_article=harbour.article_id)
    assert [(e.hit.article_key, e.hit.kind) for e in echoes] == [("recalled", "text"), ("valley", "direct")]
    recalled, valley = echoes
    assert recalled.exact and recalled.ratio == 1.0
    assert recalled.hit.text == "it was a good conversation, but not one that will open the bridge"
    assert not valley.exact and 0.6 <= valley.ratio < 1.0
    assert valley.hit.speaker == "Jane Roe"
    assert valley.changes(harbour.text) == [("replace", "open", "reopen")]
    text = archive.analysis(valley.hit.article_id).article.text
    assert text[valley.hit.start : valley.hit.end] == valley.hit.text
    for tag, i1, i2, j1, j2 in valley.opcodes:
        if tag == "equal":
            assert harbour.text[i1:i2].casefold().replace(",", "") == valley.hit.text[j1:j2].casefold().replace(",", "")


def test_near_passages_found_unlike_or_short_ones_not(archive: Archive) -> None:
    [coast] = archive.reported_elsewhere("the coast road was reopened")
    assert coast.hit.article_key == "coast" and 0.6 <= coast.ratio < 1.0
    assert coast.changes("the coast road was reopened") == [("delete", "was", "")]
    assert archive.reported_elsewhere("good conversation") == [], "two words are too few to trace"
    assert archive.reported_elsewhere("Zebras juggle quietly under purple lanterns") == []
    strict = archive.reported_elsewhere(QUOTE, min_ratio=1.0)
    assert {e.hit.article_key for e in strict} == {"harbour", "recalled"}


def test_a_quote_of_common_words_is_traced_by_its_opening_phrase(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(echo, "COMMON", 1)  # every word counts as common
    harbour = archive.search("speaker:roe kind:direct date:2025-06")[0]
    echoes = archive.reported_elsewhere(harbour.text, exclude_article=harbour.article_id)
    assert [e.hit.article_key for e in echoes] == ["recalled", "valley"]
