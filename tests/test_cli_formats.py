"""What `tuireader extract`, `index`, `search` and `themes` print: the same safe forms in every format."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from tuireader.cli import main

ODD_LINK = ("Title: Odd link\nDate: 2025-02-02\nURL: https://example.org/a b>c)d\n\n"
            '"The quay is shut," said Ola Berg.\n')


def autolinks(markdown: str) -> list[str]:
    """The targets of the Markdown autolinks ``<...>`` (CommonMark: no space, < or > inside)."""
    return re.findall(r"<([a-z]+:[^\s<>]*)>", markdown)


@pytest.mark.parametrize("command", [["extract"], ["search", "quay", "--no-cache", "--workers", "0"]])
def test_a_url_in_markdown_is_one_whole_autolink(command: list[str], tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "odd.txt").write_text(ODD_LINK, encoding="utf-8")
    assert main([*command, str(tmp_path / "odd.txt"), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert autolinks(out) == ["https://example.org/a%20b%3Ec%29d"]
    assert out.rstrip().endswith(">")


@pytest.mark.parametrize("command", [["extract"], ["search", "quay", "--no-cache", "--workers", "0"]])
def test_a_url_that_is_not_a_web_address_is_no_link(command: list[str], tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "odd.txt").write_text(ODD_LINK.replace("https://example.org/a b>c)d", "javascript:alert(1)"),
                                      encoding="utf-8")
    assert main([*command, str(tmp_path / "odd.txt"), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert autolinks(out) == []
    assert "`javascript:alert%281%29`" in out


def test_an_output_encoding_without_the_characters_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "odd.txt").write_text(ODD_LINK, encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    assert main(["extract", str(tmp_path / "odd.txt"), "--format", "md"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("tuireader: error: standard output (ascii) cannot show '“'")
    assert "UTF-8" in line


@pytest.mark.parametrize(
    "command",
    [["extract"], ["index", "--workers", "0"], ["search", "quay", "--workers", "0"], ["themes", "--check"]],
)
def test_a_line_break_in_a_file_name_keeps_each_problem_on_one_line(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TUIREADER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    Path("bad\nname.json").write_text('{"title": "x"', encoding="utf-8")
    try:
        status = main([*command, "bad\nname.json"])
    except SystemExit as exc:
        status = exc.code
    assert status in (1, 2)
    lines = capsys.readouterr().err.splitlines()
    named = [line for line in lines if "bad\u240aname.json" in line]
    assert named and all(line.startswith(("tuireader: ", "bad\u240aname.json: ")) for line in lines), lines
