"""`tuireader extract` on hostile articles and file names: stdout and stderr stay inert.

Run through `main([...])` with capsys, with the real loaders and the real extraction, and once
in a real process whose standard output is strict UTF-8 (as under LANG=en_US.UTF-8).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.conftest import write_hostile_article
from tests.hostile.helpers import ESC, HOSTILE, MARKUP_TOKENS, unsafe_characters
from tuireader.cli import main

ROOT = Path(__file__).resolve().parents[2]
RAW_NAME = b"caf\xe9 \x9b41m " + f"{ESC}]0;pwned\a".encode()
"""A file name that is not UTF-8 (so Python holds it with lone surrogates) and carries OSC 0."""


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    write_hostile_article(folder)
    (folder / "web.md").write_text(
        "---\ntitle: \"<script>alert(1)</script> [x](javascript:alert(1)) `code` <b>bold</b>\"\n"
        "url: \"https://example.org/a> <img src=x onerror=alert(1)>\"\n---\n\n"
        '"Read <img src=x onerror=alert(1)> and [this](https://evil.example)," said Ilse Varga.\n',
        encoding="utf-8",
    )
    with open(bytes(folder) + b"/" + RAW_NAME + b".txt", "wb") as f:
        f.write(b'"We will build it," said Ilse Varga.\n')
    with open(bytes(folder) + b"/" + RAW_NAME + b".json", "wb") as f:
        f.write(b'{"title": "t", "text": ')
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, list[str]]:
    status = main(["extract", *args])
    out, err = capsys.readouterr()
    return status, out, err.splitlines()


def check_err(err: list[str]) -> None:
    assert err, "a broken file must be reported"
    for line in err:
        assert line.startswith("tuireader: error: ") or line.startswith("tuireader: warning: ")
        assert unsafe_characters(line) == [], line
        line.encode("utf-8")


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "md"])
def test_output_and_errors_are_inert(capsys: pytest.CaptureFixture[str], hostile_folder: Path, fmt: str) -> None:
    status, out, err = run(capsys, str(hostile_folder), "--format", fmt)
    assert status == 0
    out.encode("utf-8")  # strict: a lone surrogate would crash a UTF-8 standard output
    assert unsafe_characters(out.replace("\t", "")) == []
    check_err(err)
    assert any("␛]0;pwned␇" in line and ".json" in line for line in err)
    if fmt == "md":
        for token in MARKUP_TOKENS:
            # Markdown escapes go before the brackets, the words stay.
            assert token.replace("[", "\\[").replace("]", "\\]").replace("_", "\\_") in out, token


def test_json_keeps_every_text_exactly(capsys: pytest.CaptureFixture[str], hostile_folder: Path) -> None:
    status, out, _ = run(capsys, str(hostile_folder), "--format", "jsonl")
    records = {Path(r["path"]).name: r for r in map(json.loads, out.splitlines())}
    # Escaped, not changed: the path with its undecodable bytes, the text with its controls.
    raw = os.fsdecode(RAW_NAME + b".txt")
    assert raw in records and records[raw]["id"] == os.fsdecode(RAW_NAME)
    evil = records["evil.txt"]
    assert evil["text"] == (hostile_folder / "evil.txt").read_bytes().decode("utf-8")
    assert HOSTILE in evil["title"]
    for record in records.values():
        for s in record["statements"]:
            assert record["text"][s["start"] : s["end"]] == s["text"]


def test_csv_cells_are_the_text_made_visible(capsys: pytest.CaptureFixture[str], hostile_folder: Path) -> None:
    status, out, _ = run(capsys, str(hostile_folder / "evil.txt"), "--format", "csv")
    header, *rows = list(csv.reader(io.StringIO(out)))
    assert rows
    col = {name: n for n, name in enumerate(header)}
    for row in rows:
        start, end = int(row[col["start"]]), int(row[col["end"]])
        shown = row[col["text"]]
        # One visible stand-in per control, so start/end still point at what the cell shows.
        assert unsafe_characters(shown) == [] and len(shown) == end - start
    assert any("␛]0;pwned␇" in row[col["text"]] for row in rows)


def test_markdown_is_not_html_or_links(capsys: pytest.CaptureFixture[str], hostile_folder: Path) -> None:
    status, out, _ = run(capsys, str(hostile_folder / "web.md"), "--format", "md")
    assert status == 0 and "alert(1)" in out
    for raw in ("<script", "<img", "<b>", "](javascript:", "](https://evil", "`code`"):
        # Only a backslash-escaped form may occur: "\\<script", "\\](javascript:".
        assert re.search(r"(?<!\\)" + re.escape(raw), out) is None, raw
    # The URL is still one autolink that cannot be closed early by the text in it.
    (line,) = [ln for ln in out.splitlines() if ln.startswith("- ")]
    assert len(re.findall(r"(?<!\\)<", line)) == 1 and line.endswith(">") and " " not in line.split(" <")[-1]


def test_a_strict_utf8_stdout_does_not_crash_on_undecodable_names(hostile_folder: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "PYTHONPATH": str(ROOT)}
    for fmt in ("jsonl", "md"):
        done = subprocess.run(
            [sys.executable, "-m", "tuireader", "extract", str(hostile_folder), "--format", fmt],
            capture_output=True, env=env, timeout=120,
        )
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        assert b"Traceback" not in done.stderr
        for stream in (done.stdout, done.stderr):
            assert unsafe_characters(stream.decode("utf-8").replace("\t", "")) == []


def test_the_readers_start_up_warnings_on_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from tuireader.ui.app import ReaderApp

    launched: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self, *a, **k: launched.append(self))
    config = tmp_path / f"c{ESC}]0;pwned\a.yaml"
    # YAML's own escapes put ESC and BEL in a setting's name and in a key.
    config.write_text('"\\e]2;x\\a": 1\nkeymap: {help: "f1,\\e[41m"}\n', encoding="utf-8")
    assert main(["--config", str(config), "--no-state", str(tmp_path)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all(line.startswith("tuireader: warning: ") for line in err)
    for line in err:
        assert unsafe_characters(line) == [] and "␛]0;pwned␇" in line
    (app,) = launched
    assert "help" not in app.config.keymap


FORMULA_ARTICLE = {
    "id": "=HYPERLINK(\"http://attacker.example/\",\"open\")",
    "title": "@SUM(A1:A9) budget row",
    "text": '"+1 to the ferry plan, that is my whole answer to the council," said Oren Halvi.\n\n'
            '"-40 degrees is what the pipes were built for in the valley," Mira Toft said.',
}


def test_csv_cells_never_start_a_spreadsheet_formula(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "formula.jsonl"
    path.write_text(json.dumps(FORMULA_ARTICLE) + "\n", encoding="utf-8")
    status, out, _ = run(capsys, str(path), "--format", "csv")
    assert status == 0
    header, *rows = list(csv.reader(io.StringIO(out)))
    col = {name: n for n, name in enumerate(header)}
    assert len(rows) == 2
    for row in rows:
        assert all(cell[:1] not in ("=", "+", "-", "@", "\t") for cell in row)
        # one character for one: the offsets still count what the cell shows
        start, end = int(row[col["start"]]), int(row[col["end"]])
        assert len(row[col["text"]]) == end - start
    texts = sorted(row[col["text"]] for row in rows)
    assert texts[0].endswith("1 to the ferry plan, that is my whole answer to the council,")
    assert texts[0][0] != "+" and texts[1][0] != "-"
