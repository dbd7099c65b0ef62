"""`tuireader extract`: exit codes, one stderr line per bad file, offsets, formats and filters."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from test_loading import write
from tuireader.cli import main
from tuireader.commands.extract import select
from tuireader.export import CSV_FIELDS
from tuireader.model import Analysis, Article, Span, Speaker, Statement

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, list[str]]:
    """Exit status, standard output and the lines of standard error of one run."""
    status = main(["extract", *args])
    out, err = capsys.readouterr()
    return status, out, err.splitlines()


def check_offsets(record: dict) -> int:
    """Assert every span of an output article slices its own text; return the statement count."""
    text = record["text"]
    for s in record["statements"]:
        assert text[s["start"] : s["end"]] == s["text"] and s["text"].strip()
        for part in ("cue", "speaker_mention"):
            if s[part] is not None:
                assert text[s[part]["start"] : s[part]["end"]] == s[part]["text"]
    return len(record["statements"])


@pytest.fixture(scope="module")
def seed_records() -> list[dict]:
    """The seeds through `python -m tuireader extract seeds --format jsonl`, in a real process."""
    done = subprocess.run(
        [sys.executable, "-m", "tuireader", "extract", "seeds", "--format", "jsonl"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_every_statement_of_every_seed_slices_its_text(seed_records: list[dict]) -> None:
    assert len(seed_records) == len([p for p in (ROOT / "seeds").iterdir() if p.is_file()])
    assert sum(check_offsets(r) for r in seed_records) > 0
    for record in seed_records:
        names = {s["speaker"] for s in record["statements"] if s["speaker"]}
        assert names == {sp["name"] for sp in record["speakers"]}


def test_json_is_one_array_of_the_same_records(capsys: pytest.CaptureFixture[str], seed_records: list[dict]) -> None:
    status, out, err = run(capsys, str(ROOT / "seeds"), "--format", "json")
    assert (status, err) == (0, [])
    records = json.loads(out)
    assert [r["id"] for r in records] == [r["id"] for r in seed_records]
    assert [len(r["statements"]) for r in records] == [len(r["statements"]) for r in seed_records]


def test_csv_has_a_row_per_statement(capsys: pytest.CaptureFixture[str], seed_records: list[dict]) -> None:
    status, out, _ = run(capsys, str(ROOT / "seeds"), "--format", "csv")
    assert status == 0
    header, *rows = list(csv.reader(io.StringIO(out)))
    assert tuple(header) == CSV_FIELDS
    expected = [(r["id"], s["kind"], s["text"], str(s["start"])) for r in seed_records for s in r["statements"]]
    col = {name: n for n, name in enumerate(header)}
    assert [(row[col["article_id"]], row[col["kind"]], row[col["text"]], row[col["start"]]) for row in rows] == expected


def test_md_is_a_quote_sheet(capsys: pytest.CaptureFixture[str], seed_records: list[dict]) -> None:
    status, out, _ = run(capsys, str(ROOT / "seeds"), "--format", "md")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "# Statements"
    bullets = [line for line in lines if line.startswith("- ")]
    assert len(bullets) == sum(len(r["statements"]) for r in seed_records)
    speakers = {s["speaker"] for r in seed_records for s in r["statements"] if s["speaker"]}
    assert {line[3:] for line in lines if line.startswith("## ")} >= speakers


def test_kind_filter(capsys: pytest.CaptureFixture[str], seed_records: list[dict]) -> None:
    for kinds in ("direct", "claim,indirect"):
        status, out, _ = run(capsys, str(ROOT / "seeds"), "--kind", kinds)
        assert status == 0
        got = [s["kind"] for line in out.splitlines() for s in json.loads(line)["statements"]]
        want = [s["kind"] for r in seed_records for s in r["statements"] if s["kind"] in kinds.split(",")]
        assert got == want and got


def test_speaker_filter_matches_any_alias_in_any_case(
    capsys: pytest.CaptureFixture[str], seed_records: list[dict]
) -> None:
    record, speaker = next(
        (r, sp) for r in seed_records for sp in r["speakers"] if sp["aliases"] and sp["count"] > 1
    )
    status, out, _ = run(capsys, record["path"], "--speaker", speaker["aliases"][0].upper())
    assert status == 0
    (got,) = [json.loads(line) for line in out.splitlines()]
    assert [s["speaker"] for s in got["statements"]] == [speaker["name"]] * speaker["count"]


# --- the filtering function on a hand-built analysis -----------------------------------

TEXT = '"We will build it," said Mayor Ann Holt. Renn said it would cost more. The mayor said 90 people came.'


def statement(kind: str, words: str, speaker: str | None) -> Statement:
    start = TEXT.index(words)
    return Statement(kind=kind, content=Span(start, start + len(words)), rule="test", speaker=speaker)  # type: ignore[arg-type]


ANALYSIS = Analysis(
    article=Article(id="a", text=TEXT),
    statements=(
        statement("direct", "We will build it,", "Ann Holt"),
        statement("indirect", "it would cost more", "Tom Renn"),
        statement("claim", "90 people came", "Ann Holt"),
    ),
    speakers=(
        Speaker("Ann Holt", aliases=("Holt", "Mayor Ann Holt", "the mayor"), kind="person"),
        Speaker("Tom Renn", aliases=("Renn",), kind="person"),
    ),
)
ALL = ("direct", "indirect", "claim")


@pytest.mark.parametrize(
    ("kinds", "speaker", "expected"),
    [
        (ALL, None, ["We will build it,", "it would cost more", "90 people came"]),
        (ALL, "ann holt", ["We will build it,", "90 people came"]),
        (ALL, "THE MAYOR", ["We will build it,", "90 people came"]),
        (ALL, "  Holt ", ["We will build it,", "90 people came"]),
        (ALL, "renn", ["it would cost more"]),
        (ALL, "Hol", []),
        (ALL, "Nobody", []),
        (("claim",), "the mayor", ["90 people came"]),
        (("direct", "indirect"), None, ["We will build it,", "it would cost more"]),
    ],
)
def test_select(kinds: tuple[str, ...], speaker: str | None, expected: list[str]) -> None:
    assert [ANALYSIS.text_of(s) for s in select(ANALYSIS, kinds, speaker)] == expected


# --- exit codes and messages -----------------------------------------------------------------

def test_one_stderr_line_per_bad_file_and_the_rest_load(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "a.txt", '"It works," said Ann Holt.')
    write(tmp_path / "b.txt", b"\x00\x01")
    write(tmp_path / "c.json", b"{broken")
    write(tmp_path / "d.md", b"---\ntitle: x\n")
    write(tmp_path / "e.md", '"It works too," said Tom Renn.')
    status, out, err = run(capsys, str(tmp_path), str(tmp_path / "missing.txt"))
    assert status == 0
    assert len(out.splitlines()) == 2
    assert [line.split(": ")[2] for line in err] == [
        str(tmp_path / "b.txt"), str(tmp_path / "c.json"), str(tmp_path / "d.md"), str(tmp_path / "missing.txt"),
    ]
    assert all(line.startswith("tuireader: error: ") for line in err)


def test_a_warning_is_one_line_and_the_article_loads(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "latin.txt", b'"Caf\xe9," said Ann Holt.')
    status, out, err = run(capsys, str(path))
    assert status == 0 and len(out.splitlines()) == 1
    assert err == [f"tuireader: warning: {path}: not valid UTF-8 at byte 4; undecodable bytes shown as \ufffd"]


def test_exit_2_when_nothing_loads(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "bad.json", b"[]")
    status, out, err = run(capsys, str(tmp_path / "bad.json"), str(tmp_path / "gone.md"))
    assert (status, out) == (2, "")
    assert err == [
        f"tuireader: error: {tmp_path / 'bad.json'}: an empty list, no articles",
        f"tuireader: error: {tmp_path / 'gone.md'}: no such file or directory",
        f"tuireader: error: no article could be loaded from {tmp_path / 'bad.json'} and {tmp_path / 'gone.md'}",
    ]
    status, _, _ = run(capsys, str(tmp_path))  # a folder with nothing that loads
    assert status == 2


def test_an_empty_folder_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    status, out, err = run(capsys, str(tmp_path / "empty"))
    assert (status, out) == (2, "")
    assert err == [f"tuireader: error: no article could be loaded from {tmp_path / 'empty'}"]


@pytest.mark.parametrize(
    "args",
    [[], ["seeds", "--format", "xml"], ["seeds", "--kind", "rumour"], ["seeds", "--kind", ""], ["--nope", "seeds"]],
    ids=["no-path", "bad-format", "bad-kind", "empty-kind", "bad-option"],
)
def test_exit_2_on_wrong_arguments(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["extract", *args])
    assert exc.value.code == 2
    assert "usage: tuireader extract" in capsys.readouterr().err


def test_standard_input(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'"From a pipe," said Ann Holt.\n')))
    status, out, err = run(capsys, "-", "--kind", "direct")
    assert (status, err) == (0, [])
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["path"] == "-" and check_offsets(record) >= 1


EVIL = 'Title: Evil \x1b[31mred\n\n"Hello \x1b]0;pwned\x07 and \x9b31m there \u202egnirts," said Ann Holt.\n'


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "md"])
def test_output_carries_no_terminal_controls(capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str) -> None:
    path = write(tmp_path / "evil.txt", EVIL)
    status, out, err = run(capsys, str(path), "--format", fmt)
    assert status == 0 and "Hello" in out
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in out, (fmt, bad)
    if fmt in ("jsonl", "json"):
        (record,) = json.loads(out) if fmt == "json" else [json.loads(out)]
        assert record["text"] == EVIL  # escaped in JSON, not changed: offsets still hold
        assert check_offsets(record) >= 1


# --- a filter: the parent indexes and the articles printed ----------------------------

NESTED = (
    'Mayor Ann Holt said the bridge would open in May. "Tom Renn said that the steel would be late," '
    "Holt said. Renn said the council had 90 days."
)


def test_a_filtered_parent_points_into_the_statements_printed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "nested.txt", NESTED)
    _, out, _ = run(capsys, str(path))
    (whole,) = [json.loads(line) for line in out.splitlines()]
    nested = [s for s in whole["statements"] if s["parent"] is not None]
    assert nested, "the sample needs a statement nested in another"
    for fmt_kinds in ("indirect", "direct,indirect", "direct"):
        _, out, _ = run(capsys, str(path), "--kind", fmt_kinds)
        (got,) = [json.loads(line) for line in out.splitlines()]
        for s in got["statements"]:
            if s["parent"] is None:
                continue
            parent = got["statements"][s["parent"]]
            assert parent["start"] <= s["start"] and s["end"] <= parent["end"]
        kept_parents = {(s["start"], s["end"]) for s in got["statements"]}
        for s in nested:
            if (s["start"], s["end"]) in kept_parents:
                (printed,) = [x for x in got["statements"] if (x["start"], x["end"]) == (s["start"], s["end"])]
                was = whole["statements"][s["parent"]]
                assert (printed["parent"] is None) == (was["kind"] not in fmt_kinds.split(","))


def test_a_filter_leaves_out_articles_with_nothing_kept(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "a.txt", NESTED)
    write(tmp_path / "b.txt", "The ferry sailed at noon. Nobody spoke to the crew about it.")
    for fmt in ("jsonl", "json"):
        _, out, _ = run(capsys, str(tmp_path), "--format", fmt)
        unfiltered = out
        _, out, _ = run(capsys, str(tmp_path), "--speaker", "renn", "--format", fmt)
        records = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
        assert [r["id"] for r in records] == ["a"]
        assert all(s["speaker"] == "Tom Renn" for s in records[0]["statements"])
        assert "b" in unfiltered
    _, out, _ = run(capsys, str(tmp_path), "--speaker", "nobody at all", "--format", "json")
    assert json.loads(out) == []
