"""``tuireader index`` and ``tuireader search`` from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tuireader.cli import main
from tuireader.commands.search import CSV_FIELDS

ARTICLES = {
    "harbour.txt": "Title: Bridge talks\nDate: 2025-06-02\nSource: Harbour Gazette\n\n"
                   '"The bridge will open on Monday," said Jane Roe. The council met on Friday.\n',
    "mill.txt": "Title: Mill closes\nDate: 2025-05-20\nSource: Valley Post\n\n"
                '"We had no choice at the mill," said Tom Doe. The \x1b[31mred\x1b[0m sign came down.\n',
}


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TUIREADER_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_index_then_search_the_cache(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(docs), "--workers", "0"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("tuireader: 2 articles in 2 files (2 indexed now, 0 from the cache)")
    assert "\r" not in err, "no progress bar when standard error is not a terminal"
    assert main(["index", str(docs)]) == 0
    assert "(0 indexed now, 2 from the cache)" in capsys.readouterr().err
    assert main(["search", 'speaker:"jane roe" bridge']) == 0
    out = capsys.readouterr().out
    [record] = [json.loads(line) for line in out.splitlines()]
    assert record["article_id"] == "harbour"
    assert (record["kind"], record["speaker"], record["date"]) == ("direct", "Jane Roe", "2025-06-02")
    assert record["text"] == "The bridge will open on Monday,"
    text = ARTICLES["harbour.txt"]
    assert text[record["start"] : record["end"]] == record["text"]
    assert [text[s:e] for s, e in record["matches"]] == ["bridge"]
    # the fields in the order the README lists them
    assert list(record) == ["article_id", "cache_id", "title", "date", "source", "url", "path", "kind",
                            "speaker", "text", "start", "end", "statement", "matches"]


def test_search_indexes_paths_first_and_writes_csv(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "choice OR bridge", str(docs), "--format", "csv", "--workers", "0"]) == 1
    assert capsys.readouterr().out == ",".join(CSV_FIELDS) + "\n", "OR is a word like any other"
    assert main(["search", '"no choice"', str(docs), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["article_id"], r["kind"], r["speaker"]) for r in rows] == [("mill", "direct", "Tom Doe")]
    assert rows[0]["source"] == "Valley Post"
    assert rows[0]["text"] == "We had no choice at the mill,"


def test_markdown_output_and_cleaned_text(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "sign", str(docs), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Search: sign\n\n- ")
    assert "\x1b" not in out and "\u241b" in out, "control characters never reach the terminal"
    assert main(["search", 'speaker:"tom doe"', str(docs), "--format", "md"]) == 0
    assert "— **Tom Doe**, *Mill closes, Valley Post, 2025-05-20*" in capsys.readouterr().out


def test_no_hits_exit_one_bad_queries_exit_two(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "zebra", str(docs)]) == 1
    assert capsys.readouterr().out == ""
    assert main(["search", "author:roe", str(docs)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tuireader: error: query: unknown filter 'author:'") and err.count("\n") == 1
    assert main(["search", "!!"]) == 2
    assert "nothing to search for" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["search"], "required: QUERY (see"),
        (["search", "bridge", "--limit", "0"], "argument --limit: expected 1 or more, got 0"),
        (["search", "bridge", "--limit", "-3"], "argument --limit: expected 1 or more, got -3"),
        (["index", "x", "--workers", "-2"], "argument --workers: expected 0 or more, got -2"),
    ],
)
def test_bad_arguments_exit_two_with_one_message(argv: list[str], message: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert message in err and "PATH" not in err.splitlines()[-1]


def test_searching_an_empty_cache_says_what_to_do(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "bridge"]) == 2
    assert "run 'tuireader index PATH...' first" in capsys.readouterr().err


def test_no_cache_leaves_the_cache_alone(docs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "bridge", str(docs), "--no-cache", "--workers", "0"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[0])["article_id"] == "harbour"
    assert not (tmp_path / "cache").exists()
    assert main(["search", "bridge", "--no-cache"]) == 2
    assert "--no-cache needs PATHs" in capsys.readouterr().err


def test_index_with_nothing_loadable_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TUIREADER_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["index", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert f"tuireader: error: {tmp_path / 'missing'}: no such file or directory" in err
    assert f"tuireader: error: no article could be loaded from {tmp_path / 'missing'}" in err


def test_jsonl_escapes_controls_and_keeps_the_exact_text(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "sign", str(docs)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    record = json.loads(out.splitlines()[0])
    assert "\x1b[31mred\x1b[0m" in record["text"], "JSON escapes controls; decoding gives the words as written"
    assert ARTICLES["mill.txt"][record["start"] : record["end"]] == record["text"]
