"""Hostile files against the loaders: each is refused or read with one clear line, quickly,
without fetching anything and without taking the machine's memory; the others still load.

These are tests of `tuireader.loading` as a user meets it (through `iter_articles`); the
limits themselves are the loaders' (`tuireader/loading/limits.py`).
"""

from __future__ import annotations

import gzip
import json
import os
import socket
import threading
from pathlib import Path
from typing import Any

import pytest

from tuireader.loading import LoadError, LoadWarning, iter_articles
from tuireader.model import Article

GOOD = '"It holds," said Ilse Varga.\n'


def load(*paths: Path) -> tuple[list[Article], list[str]]:
    articles: list[Article] = []
    problems: list[str] = []
    for item in iter_articles(paths):
        if isinstance(item, (LoadError, LoadWarning)):
            problems.append(str(item))
        else:
            articles.append(item)
    return articles, problems


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a loader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def one_problem(path: Path, problems: list[str], needle: str) -> None:
    (line,) = problems
    assert line.startswith(str(path)) and needle in line and "\n" not in line


def test_a_200_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(200_000_000)  # sparse: costs no disk, and would cost 200 MB to read
    articles, problems = load(path)
    assert articles == []
    one_problem(path, problems, "too large")


def test_one_5_mb_line_is_refused_and_the_lines_around_it_load(tmp_path: Path) -> None:
    single = tmp_path / "line.txt"
    single.write_text("word " * 1_000_000, encoding="utf-8")
    lines = tmp_path / "lines.jsonl"
    lines.write_text(
        json.dumps({"title": "one", "text": GOOD}) + "\n"
        + json.dumps({"title": "big", "text": "x" * 5_000_000}) + "\n"
        + json.dumps({"title": "two", "text": GOOD}) + "\n",
        encoding="utf-8",
    )
    articles, problems = load(single, lines)
    assert [a.title for a in articles] == ["one", "two"]
    assert len(problems) == 2 and "too large" in problems[0] and f"{lines}#2" in problems[1]


def test_a_gzip_bomb_is_refused_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb") as f:  # 200 MB of one line, about 200 kB on disk
        f.write(b'{"title": "b", "text": "' + b"a" * 200_000_000 + b'"}\n')
        f.write(json.dumps({"title": "after", "text": GOOD}).encode() + b"\n")
    articles, problems = load(path)
    assert [a.title for a in articles] == ["after"]
    assert len(problems) == 1 and f"{path}#1" in problems[0]


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("deep.json", "[" * 200_000 + "]" * 200_000, "deep"),
        ("deep.yaml", "text: " + "[" * 5_000 + "]" * 5_000 + "\n", "deep"),
        ("bomb.yaml", 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
            f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n" for p, c in zip("abcdefgh", "bcdefghi")
        ) + "text: hi\n", "alias"),
        ("code.yaml", "title: !!python/object/apply:os.system ['touch pwned']\ntext: hi\n", ""),
        ("front.md", "---\ntitle: !!python/object/new:os.system [touch pwned]\n---\n\n" + GOOD, ""),
    ],
    ids=["json-depth", "yaml-depth", "yaml-alias-bomb", "yaml-python-tag", "front-matter-python-tag"],
)
def test_nesting_aliases_and_tags_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str,
                                             content: str, needle: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # where a python tag's "touch pwned" would land
    articles, problems = load(path)
    assert not (tmp_path / "pwned").exists()
    assert problems and all(p.startswith(str(path)) for p in problems)
    assert needle in " ".join(problems).lower()


def test_html_never_fetches_or_runs_anything(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Harbour</title><script>alert('head')</script>"
        '<link rel="stylesheet" href="http://evil.example/a.css"><meta http-equiv="refresh" '
        'content="0;url=http://evil.example/"></head><body>'
        '<iframe src="http://evil.example/frame"></iframe><img src="http://evil.example/i.png" onerror="alert(1)">'
        f"<p>{GOOD}</p><script>document.write('body')</script><style>p {{ color: red }}</style>"
        "<noscript>enable scripts</noscript></body></html>",
        encoding="utf-8",
    )
    articles, _ = load(path)
    (loaded,) = articles
    assert "It holds" in loaded.text
    for trace in ("alert", "document.write", "color: red", "evil.example"):
        assert trace not in loaded.text


def test_deeply_nested_html_loads(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<div>" * 100_000 + f"<p>{GOOD}</p>" + "</div>" * 100_000, encoding="utf-8")
    articles, _ = load(path)
    assert [a.text.strip() for a in articles] == [GOOD.strip()]


def test_devices_and_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "loop1.txt").symlink_to("loop2.txt")
    (tmp_path / "loop2.txt").symlink_to("loop1.txt")
    (tmp_path / "dangling.txt").symlink_to("nowhere.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..")  # a folder that contains itself
    (tmp_path / "sub" / "ok.txt").write_text(GOOD, encoding="utf-8")
    articles, problems = load(tmp_path, Path("/dev/zero"))
    assert len(articles) == 1
    assert len(problems) == 4 and "/dev/zero" in problems[-1]


def test_a_named_pipe_does_not_hang_loading(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a_pipe.txt")  # a reader blocks on it until someone writes
    (tmp_path / "b_good.txt").write_text(GOOD, encoding="utf-8")
    result: list[tuple[list[Article], list[str]]] = []
    worker = threading.Thread(target=lambda: result.append(load(tmp_path)), daemon=True)
    worker.start()
    worker.join(timeout=5)  # not a speed target: two tiny files load in milliseconds
    hung = worker.is_alive()
    if hung:
        # Let the blocked open() go (a writer comes and goes), so the thread can end.
        os.close(os.open(tmp_path / "a_pipe.txt", os.O_WRONLY | os.O_NONBLOCK))
        worker.join(timeout=10)
    assert not hung, "loading a folder with a named pipe in it never finished"
    ((articles, problems),) = result
    assert len(articles) == 1 and len(problems) == 1 and "a_pipe.txt" in problems[0]
