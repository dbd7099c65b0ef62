"""Pathological text through loading, the real extraction and every export format.

No exception, every span inside its text, and output that any UTF-8 stream accepts. Sizes are
chosen so the whole file runs in seconds; how the cost grows with size is measured in
``bench/bench_extract.py``, not here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import ready
from tests.hostile.helpers import unsafe_characters
from tuireader.export import FORMATS, iter_output
from tuireader.extraction import extract
from tuireader.loading import LoadError, LoadWarning, iter_articles
from tuireader.model import Analysis, Article, paragraph_spans
from tuireader.ui.app import ReaderApp

PLAIN = "The tide rose over the old quay and the fishing boats waited for the first light. "
QUOTE = '"The harbour will open in spring," said Ilse Varga, adding that 40 percent was paid. '


def two_megabytes_in_one_paragraph() -> str:
    """2 MB without a line break: plain sentences with a quotation every few kilobytes."""
    unit = PLAIN * 60 + QUOTE
    return (unit * (2_000_000 // len(unit) + 1))[:2_000_000]


CASES: dict[str, Callable[[Path], Path]] = {
    "100k-straight-quotes": lambda d: _text(d, '"' * 100_000),
    "100k-curly-and-guillemets": lambda d: _text(d, "“”‘’«»„‚" * 12_500),
    "unbalanced-quotes": lambda d: _text(
        d, ('He said "this never closes and goes on ' * 2_000) + "\n\n" + ("“Ilse Varga said the plan " * 2_000)
        + "\n\n" + ("' ' it's the mayor's 'plan ' " * 2_000)
    ),
    "2mb-single-paragraph": lambda d: _text(d, two_megabytes_in_one_paragraph()),
    "nul-bytes": lambda d: _json(d, {"title": "Nul\u0000title", "text": (
        '"We will\u0000 build it," said Ilse\u0000Varga.\u0000\n\n\u0000\u0000 "\u0000" said \u0000.\n\n' * 200)}),
    # JSON escapes are the only way a file can hold them; the loader turns them into U+FFFD.
    "lone-surrogates": lambda d: _json(d, {"title": "S \ud800", "text": (
        '"We \udcff win," said Ilse \ud83d Varga. "\udfff" \ud800\n\n' * 200)}),
}


def _text(folder: Path, text: str) -> Path:
    path = folder / "article.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _json(folder: Path, record: dict[str, str]) -> Path:
    path = folder / "article.json"
    path.write_text(json.dumps(record, ensure_ascii=True), encoding="utf-8")
    return path


def check_analysis(analysis: Analysis) -> None:
    """Every span of every statement is inside the text; groups are ordered; parents exist."""
    text = analysis.article.text
    statements = analysis.statements
    last_in_group: dict[int, int] = {}
    for n, s in enumerate(statements):
        assert 0 <= s.start < s.end <= len(text) and text[s.start : s.end].strip(), s
        for span in (s.cue, s.speaker_mention):
            assert span is None or 0 <= span.start < span.end <= len(text), s
        if s.group is not None:
            assert s.start >= last_in_group.get(s.group, -1)
            last_in_group[s.group] = s.end
        if s.parent is not None:
            assert 0 <= s.parent < len(statements) and s.parent != n
            parent = statements[s.parent]
            assert parent.start <= s.start and s.end <= parent.end
    names = {sp.name for sp in analysis.speakers}
    assert {s.speaker for s in statements if s.speaker} <= names


def check_exports(analysis: Analysis) -> None:
    items = [(analysis, analysis.statements)]
    for fmt in FORMATS:
        out = "".join(iter_output(fmt, items))
        out.encode("utf-8")  # strict
        assert unsafe_characters(out.replace("\t", "")) == [], fmt
        if fmt == "jsonl":
            record = json.loads(out)
            assert record["text"] == analysis.article.text  # escaped, never changed
            assert len(record["statements"]) == len(analysis.statements)
        elif fmt == "csv":
            assert len(list(csv.reader(io.StringIO(out)))) == len(analysis.statements) + 1


@pytest.mark.parametrize("case", CASES)
def test_pathological_text_loads_extracts_and_exports(tmp_path: Path, case: str) -> None:
    path = CASES[case](tmp_path)
    loaded = list(iter_articles([path]))
    articles = [a for a in loaded if isinstance(a, Article)]
    problems = [str(p) for p in loaded if isinstance(p, (LoadError, LoadWarning))]
    assert len(articles) == 1, problems
    for problem in problems:
        assert unsafe_characters(problem) == [] and "\n" not in problem
    analysis = extract(articles[0])
    check_analysis(analysis)
    check_exports(analysis)


@pytest.mark.parametrize(
    "text",
    [
        "\x00" * 1000 + '"a\x00b," said Ilse Varga.',
        '"We \udcff win," said Ilse \ud83d Varga. "\udfff"' * 50,
        "\u202e\"sdrawkcab,\" said Ilse Varga\u202c" * 50,
        "\r\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029" * 500 + '"Breaks," said Ilse Varga.',
    ],
    ids=["nul", "lone-surrogates", "bidi", "odd-line-breaks"],
)
def test_any_string_straight_into_extraction_and_export(text: str) -> None:
    # What no loader produces today but an Article can hold: the model does not forbid it.
    analysis = extract(Article(id="raw", text=text, paragraphs=paragraph_spans(text)))
    check_analysis(analysis)
    check_exports(analysis)


async def test_the_reader_with_a_2mb_paragraph(make_app: Callable[..., ReaderApp], tmp_path: Path) -> None:
    path = _text(tmp_path, two_megabytes_in_one_paragraph())
    app = make_app([path])
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        body = app.reader.body
        assert body.max_scroll_y > 20_000
        await pilot.press("G", "slash", *"harbour", "enter", "n", "N")
        await pilot.pause()
        assert len(body.matches) > 20 and body.match_index is not None
        await pilot.resize_terminal(20, 5)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert body.query_text == "harbour" and app.is_running
