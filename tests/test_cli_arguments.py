"""How the command line reads its arguments, for every subcommand and the reader."""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

import pytest

from tuireader.cli import main
from tuireader.commands import read

ARTICLES = {
    "roe.txt": "Title: Bridge talks\nDate: 2025-06-02\nSource: Harbour Gazette\n\n"
               '"The bridge will open on Monday," said Jane Roe.\n',
    "doe.txt": "Title: Ferry news\nDate: 2024-11-02\nSource: Valley Post\n\n"
               '"The bridge can wait," said Tom Doe.\n',
}


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("TUIREADER_CACHE_DIR", str(tmp_path / "cache"))
    paths = []
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    return paths


def test_extract_takes_options_between_paths(docs: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", docs[0], "--format", "csv", docs[1]]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["article_id"] for r in rows] == ["roe", "doe"]


def test_index_takes_options_between_paths(docs: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", docs[0], "--workers", "0", docs[1]]) == 0
    assert capsys.readouterr().err.startswith("tuireader: 2 articles in 2 files")


def test_search_takes_options_between_query_and_paths(docs: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "bridge", "--limit", "5", "--workers", "0", *docs]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(h["article_id"] for h in hits) == ["doe", "roe"]
    assert main(["search", "--format", "csv", "bridge", docs[0], "--sort", "newest", docs[1]]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["article_id"] for r in rows] == ["roe", "doe"]


def test_the_reader_takes_options_between_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[argparse.Namespace] = []
    monkeypatch.setattr(read, "run", lambda args: seen.append(args) or 0)
    assert main(["a.txt", "--theme", "light", "b.txt", "--no-state"]) == 0
    [args] = seen
    assert (args.paths, args.theme, args.no_state) == (["a.txt", "b.txt"], "light", True)


def test_after_a_double_dash_a_name_starting_with_a_dash_is_a_path(
    docs: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("-roe.txt").write_text(ARTICLES["roe.txt"], encoding="utf-8")
    assert main(["extract", "--format", "jsonl", "--", "-roe.txt", docs[1]]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in records] == ["-roe", "doe"]
