"""A citation says whose words it quotes: reported speech and claims are not the speaker's own."""

from __future__ import annotations

import pytest

from tuireader.export import citation, iter_output
from tuireader.model import Analysis, Article, Span, Statement

TEXT = ('Mayor Ada Quill said the tram would run by May. "We start on the north line," Quill said. '
        "Some estimates put the cost at $9 million.")


def _analysis() -> Analysis:
    def span(words: str) -> Span:
        start = TEXT.index(words)
        return Span(start, start + len(words))

    statements = (
        Statement(kind="indirect", content=span("the tram would run by May"), rule="test", speaker="Ada Quill"),
        Statement(kind="direct", content=span("We start on the north line,"), rule="test", speaker="Ada Quill"),
        Statement(kind="claim", content=span("Some estimates put the cost at $9 million."), rule="test"),
    )
    article = Article(id="t1", text=TEXT, title="Tram date set", source="Quayside News", date="2025-03-02",
                      url="https://example.org/tram")
    return Analysis(article=article, statements=statements, speakers=())


@pytest.mark.parametrize(("index", "expected"), [
    (0, "“the tram would run by May” — Ada Quill (reported speech), Tram date set, Quayside News, 2025-03-02, "
        "https://example.org/tram"),
    (1, "“We start on the north line,” — Ada Quill, Tram date set, Quayside News, 2025-03-02, "
        "https://example.org/tram"),
    (2, "“Some estimates put the cost at $9 million.” — claim, Tram date set, Quayside News, 2025-03-02, "
        "https://example.org/tram"),
])
def test_a_citation_marks_words_that_are_not_the_speakers_own(index: int, expected: str) -> None:
    analysis = _analysis()
    assert citation(analysis, analysis.statements[index]) == expected


@pytest.mark.parametrize(("title", "heading"), [
    (None, "# Statements"),  # what `tuireader extract --format md` writes
    ("Bookmarks", "# Bookmarks"),
    ("Statements of [Tram](javascript:x) <b>", r"# Statements of \[Tram\](javascript:x) \<b\>"),
])
def test_a_quote_sheet_is_headed_with_what_it_holds(title: str | None, heading: str) -> None:
    analysis = _analysis()
    items = [(analysis, analysis.statements)]
    sheet = "".join(iter_output("md", items) if title is None else iter_output("md", items, title))
    assert sheet.splitlines()[0] == heading
    assert "“We start on the north line,”" in sheet
