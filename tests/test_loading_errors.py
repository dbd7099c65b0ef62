"""Bad input gives one clear line naming the file and the problem; everything else still loads."""

from __future__ import annotations

import gzip
import io
import json
import os
import tracemalloc
from pathlib import Path

import pytest

from test_loading import split, write
from tuireader.loading import LoadError, iter_articles, load_file, os_reason, shown_problem
from tuireader.loading import dispatch
from tuireader.loading.limits import MAX_ARTICLE_BYTES, MAX_DEPTH, MAX_FILE_BYTES, check_depth
from tuireader.loading.records import MAX_LINE_BYTES, iter_lines
from tuireader.loading.safe_yaml import MAX_ALIASES, MAX_YAML_BYTES, parse_yaml

GOOD = "The harbour reopened on Monday."


def only_error(path: Path) -> str:
    """The one error line of a file that must not load at all."""
    articles, errors, _ = split(iter_articles([path]))
    assert not articles
    (error,) = errors
    line = str(error)
    assert "\n" not in line and line.startswith(str(path))
    return line


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("nul.txt", b"\x00\x01\x02 binary", "binary file (NUL bytes)"),
        ("photo.md", b"\x89PNG\r\n\x1a\n" + b"x" * 50, "binary file (PNG image)"),
        ("controls.json", bytes(range(1, 32)) * 20, "binary file (control bytes)"),
        ("zipped.txt", gzip.compress(b"hello"), "binary file (gzip-compressed)"),
        ("empty.txt", b"", "empty file"),
        ("empty.md", b"", "empty file"),
        ("empty.json", b"", "empty file"),
        ("blank.txt", b" \n\n\t\n", "no article text"),
        ("blank.jsonl", b"\n\n", "no articles in the file"),
        ("broken.md", b"---\ntitle: [unclosed\n---\nBody.\n", "(front matter): invalid YAML at line 2"),
        ("listfront.md", b"---\n- a\n- b\n---\nBody.\n", "front matter must be a mapping"),
        ("unclosed.md", b"---\ntitle: Never closed\nBody.\n", "front matter opened with '---' is never closed"),
        ("string.json", b'"just a string"', "expected an article object or a list of them, got a string"),
        ("number.json", b"42", "got a number"),
        ("notext.json", b'{"title": "No body"}', "no text, body or content field"),
        ("listtext.json", b'{"text": ["a", "b"]}', "no text, body or content field"),
        ("emptytext.json", b'{"text": "  "}', "the text field is empty"),
        ("emptylist.json", b"[]", "an empty list, no articles"),
        ("invalid.json", b'{"text": "unterminated', "invalid JSON"),
        ("scalar.yaml", b"just words\n", "expected an article object or a list of them, got a string"),
        ("unsafe.yaml", b"text: !!python/object/apply:os.system ['true']\n", "invalid YAML"),
        ("baddate.yaml", b"date: 2025-13-45\ntext: Body.\n", "invalid YAML value"),
        ("nothing.html", b"<html><nav>Home</nav><script>x()</script></html>", "no article text in the page"),
    ],
)
def test_bad_file_gives_one_line(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    assert reason in only_error(write(tmp_path / name, content))


def test_bad_files_fail_alone_in_a_directory(tmp_path: Path) -> None:
    write(tmp_path / "a_good.txt", GOOD)
    write(tmp_path / "b_binary.txt", b"\x00\x00")
    write(tmp_path / "c_shape.json", b"[1, 2]")
    write(tmp_path / "d_good.md", GOOD)
    articles, errors, _ = split(iter_articles([tmp_path, tmp_path / "missing.txt"]))
    assert [a.text for a in articles] == [GOOD, GOOD]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'b_binary.txt'}: binary file (NUL bytes), skipped",
        f"{tmp_path / 'c_shape.json'}#1: expected an article object with a text field, got a number",
        f"{tmp_path / 'c_shape.json'}#2: expected an article object with a text field, got a number",
        f"{tmp_path / 'missing.txt'}: no such file or directory",
    ]


def test_a_bad_record_fails_alone(tmp_path: Path) -> None:
    path = write(tmp_path / "mixed.json", json.dumps([{"text": GOOD}, {"title": "x"}, {"text": "Two."}]))
    articles, errors, _ = split(iter_articles([path]))
    assert [a.text for a in articles] == [GOOD, "Two."]
    assert [str(e) for e in errors] == [f"{path}#2: no text, body or content field holding a string"]


def test_a_bad_line_fails_alone(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", f'{{"text": "{GOOD}"}}\nnot json\n["x"]\n{{"text": "Four."}}\n')
    articles, errors, _ = split(iter_articles([path]))
    assert [a.path for a in articles] == [f"{path}#1", f"{path}#4"]
    assert [e.path for e in errors] == [f"{path}#2", f"{path}#3"]
    assert "invalid JSON" in str(errors[0]) and "got a list" in str(errors[1])


def test_undecodable_bytes_warn_and_still_load(tmp_path: Path) -> None:
    path = write(tmp_path / "latin.txt", "Caf\xe9 owners \x93welcomed\x94 the plan.".encode("latin-1"))
    articles, errors, warnings = split(iter_articles([path]))
    assert not errors
    (article,) = articles
    assert article.text == "Caf\ufffd owners \ufffdwelcomed\ufffd the plan."
    (warning,) = warnings
    assert str(warning) == f"{path}: not valid UTF-8 at byte 3; undecodable bytes shown as \ufffd"


def test_undecodable_jsonl_line_warns_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", b'{"text": "ok"}\n{"text": "caf\xe9"}\n')
    articles, errors, warnings = split(iter_articles([path]))
    assert not errors
    assert articles[1].text == "caf\ufffd"
    assert [str(w).split(":")[0] for w in warnings] == [f"{path}#2"]


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = '<meta charset="iso-8859-1"><p>Café owners “welcomed” it.</p>'.encode("cp1252")
    articles, errors, warnings = split(iter_articles([write(tmp_path / "old.html", page)]))
    assert not errors and not warnings
    assert articles[0].text == "Café owners “welcomed” it."


def test_missing_file(tmp_path: Path) -> None:
    assert only_error(tmp_path / "nope.md") == f"{tmp_path / 'nope.md'}: no such file or directory"


def test_unreadable_directory_is_reported_and_the_rest_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # We run as root, so chmod cannot deny anything: make listing one folder fail instead.
    (tmp_path / "locked").mkdir()
    write(tmp_path / "locked" / "secret.txt", "Hidden.")
    write(tmp_path / "open.txt", GOOD)
    real_scandir = os.scandir

    def scandir(path: os.PathLike[str] | str):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    articles, errors, _ = split(iter_articles([tmp_path]))
    assert [a.text for a in articles] == [GOOD]
    assert [str(e) for e in errors] == [f"{tmp_path / 'locked'}: cannot list directory (permission denied)"]


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "locked.txt", GOOD)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(dispatch, "open", denied, raising=False)
    assert only_error(path) == f"{path}: permission denied"


def test_a_file_gone_before_it_is_read_has_the_same_words_as_a_missing_one(tmp_path: Path) -> None:
    # A folder walk finds the file, which is removed before it is opened: load_file's own error.
    gone = tmp_path / "gone.txt"
    assert [str(e) for e in load_file(gone)] == [f"{gone}: no such file or directory"]
    assert only_error(gone) == f"{gone}: no such file or directory"


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (FileNotFoundError(2, "No such file or directory"), "no such file or directory"),
        (PermissionError(13, "Permission denied"), "permission denied"),
        (IsADirectoryError(21, "Is a directory"), "is a directory"),
        (OSError(5, "Input/output error"), "input/output error"),
        (OSError(), "OSError"),
    ],
)
def test_os_errors_are_told_in_lower_case(error: OSError, reason: str) -> None:
    assert os_reason(error) == reason


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("error: /home/ann/news/odd/c.txt: binary file", "error: odd/c.txt: binary file"),
        ("warning: /home/ann/news/a.jsonl#3: bad date", "warning: a.jsonl#3: bad date"),
        ("error: /home/ann/newsroom/c.txt: empty file", "error: /home/ann/newsroom/c.txt: empty file"),
        ("error: /srv/c.txt: empty file", "error: /srv/c.txt: empty file"),
        ("error: odd/c.txt: empty file", "error: odd/c.txt: empty file"),
        ("notice: /home/ann/news/index.sqlite3 renamed", "notice: /home/ann/news/index.sqlite3 renamed"),
    ],
)
def test_a_problem_names_its_file_relative_to_the_current_directory(line: str, shown: str) -> None:
    assert shown_problem(line, "/home/ann/news") == shown


# --- nesting, aliases and sizes ----------------------------------------------------------

def test_very_deep_json_is_a_clean_error(tmp_path: Path) -> None:
    path = write(tmp_path / "deep.json", "[" * 200_000 + "]" * 200_000)
    assert only_error(path) == f"{path}: JSON nested too deeply"


def test_json_deeper_than_the_limit_is_refused(tmp_path: Path) -> None:
    nested: object = "bottom"
    for _ in range(MAX_DEPTH):
        nested = {"inner": nested}
    path = write(tmp_path / "deep.json", json.dumps({"text": GOOD, "extra": nested}))
    assert only_error(path) == f"{path}: nested more than {MAX_DEPTH} levels deep"
    line = write(tmp_path / "deep.jsonl", json.dumps({"text": GOOD, "extra": nested}) + "\n")
    _, errors, _ = split(iter_articles([line]))
    assert [str(e) for e in errors] == [f"{line}#1: nested more than {MAX_DEPTH} levels deep"]


def test_check_depth_accepts_the_limit_exactly() -> None:
    value: object = 1
    for _ in range(MAX_DEPTH):
        value = [value]
    check_depth(value, "x")
    with pytest.raises(LoadError):
        check_depth([value], "x")


def billion_laughs(levels: int, width: int) -> str:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * width) + "]")
    return "\n".join(lines) + "\ntext: Body.\n"


def test_yaml_alias_bomb_under_the_alias_count_is_refused(tmp_path: Path) -> None:
    source = billion_laughs(9, 9)  # 72 aliases, 9**9 values once expanded
    assert source.count("*") < MAX_ALIASES
    path = write(tmp_path / "bomb.yaml", source)
    assert "alias bomb" in only_error(path)
    front = write(tmp_path / "bomb.md", "---\n" + source + "---\nBody.\n")
    assert "(front matter): YAML expands to more than" in only_error(front)


def test_yaml_with_too_many_aliases_is_refused() -> None:
    source = "a: &a x\nb: [" + ", ".join(["*a"] * (MAX_ALIASES + 1)) + "]\n"
    with pytest.raises(LoadError, match=f"more than {MAX_ALIASES} aliases"):
        parse_yaml(source, "x.yaml")
    assert parse_yaml("a: &a x\nb: [" + ", ".join(["*a"] * MAX_ALIASES) + "]\n", "x.yaml")["b"][0] == "x"


def test_yaml_alias_inside_its_own_anchor_is_refused() -> None:
    with pytest.raises(LoadError, match="refers to a node that contains it"):
        parse_yaml("a: &loop [1, *loop]\n", "x.yaml")


def test_very_deep_yaml_is_a_clean_error() -> None:
    # libyaml's composer recurses in C: this depth crashes the process if it gets there.
    # Newer libyaml builds refuse it themselves; either way it must be a clean error.
    with pytest.raises(LoadError, match=f"nested more than {MAX_DEPTH} levels|maximum nesting depth"):
        parse_yaml("[" * 200_000 + "]" * 200_000, "x.yaml", limit=10**6)


def test_yaml_size_limit() -> None:
    with pytest.raises(LoadError, match="YAML larger than"):
        parse_yaml("a: " + "x" * MAX_YAML_BYTES, "x.yaml")


def sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no disk space (all zero bytes)."""
    with open(path, "wb") as f:
        f.truncate(size)
    return path


@pytest.mark.parametrize("name", ["huge.txt", "huge.md", "huge.html", "huge.json", "huge.yaml"])
def test_huge_whole_file_formats_are_refused_before_reading(tmp_path: Path, name: str) -> None:
    path = sparse(tmp_path / name, 200_000_000)
    # The size in the message is the file's, from stat: nothing was read to find it.
    assert "too large (200,000,000 bytes; the limit is " in only_error(path)


def test_limits_are_sensible() -> None:
    assert 1_000_000 <= MAX_ARTICLE_BYTES < 5_000_000 <= MAX_FILE_BYTES <= 100_000_000
    assert MAX_LINE_BYTES == MAX_ARTICLE_BYTES


def test_one_article_just_under_the_limit_loads(tmp_path: Path) -> None:
    words = ("Word " * (MAX_ARTICLE_BYTES // 5 - 1)).encode()
    (article,) = split(iter_articles([write(tmp_path / "long.txt", words)]))[0]
    assert len(article.text) == len(words)
    over = write(tmp_path / "over.txt", words + b"x" * 10)
    assert "too large" in only_error(over)


def test_a_5mb_jsonl_line_is_skipped_without_reading_it_whole(tmp_path: Path) -> None:
    big = json.dumps({"text": "x" * 5_000_000})
    path = write(tmp_path / "feed.jsonl", big + "\n" + json.dumps({"text": GOOD}) + "\n")
    tracemalloc.start()
    try:
        articles, errors, _ = split(iter_articles([path]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [a.path for a in articles] == [f"{path}#2"]
    assert [str(e) for e in errors] == [f"{path}#1: line longer than {MAX_LINE_BYTES:,} bytes, skipped"]
    assert peak < MAX_LINE_BYTES + 1_000_000


def test_line_limit_boundary() -> None:
    stream = io.BytesIO(b"12345\n123456\n\n1234567" + b"8" * 200_000 + b"\nend")
    assert list(iter_lines(stream, limit=5)) == [(1, b"12345\n"), (2, None), (3, b"\n"), (4, None), (5, b"end")]
    assert list(iter_lines(io.BytesIO(b"123456"), limit=6)) == [(1, b"123456")]


def test_jsonl_bigger_than_the_whole_file_limit_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl.gz"
    line = (json.dumps({"text": "Plenty of words here. " * 40_000}) + "\n").encode()  # ~0.9 MB
    count = MAX_FILE_BYTES // len(line) + 10
    with gzip.open(path, "wb", compresslevel=1) as f:
        for _ in range(count):
            f.write(line)
    tracemalloc.start()
    try:
        loaded = 0
        for item in iter_articles([path]):
            assert not isinstance(item, LoadError), str(item)
            loaded += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert loaded == count and count * len(line) > MAX_FILE_BYTES
    assert peak < 10 * len(line)


def test_huge_binary_jsonl_is_refused_after_one_look(tmp_path: Path) -> None:
    path = sparse(tmp_path / "zeros.jsonl", 200_000_000)
    assert only_error(path) == f"{path}: binary file (NUL bytes), skipped"


def test_truncated_gzip_keeps_the_lines_before_the_damage(tmp_path: Path) -> None:
    data = gzip.compress(("\n".join(json.dumps({"text": f"Story {n}."}) for n in range(2000))).encode())
    path = write(tmp_path / "cut.jsonl.gz", data[: len(data) // 2])
    articles, errors, _ = split(iter_articles([path]))
    assert articles and articles[0].text == "Story 0."
    (error,) = errors
    assert str(error).startswith(f"{path}: corrupt or truncated gzip data")


def test_not_gzip_at_all(tmp_path: Path) -> None:
    path = write(tmp_path / "plain.jsonl.gz", json.dumps({"text": GOOD}))
    assert only_error(path).startswith(f"{path}: corrupt or truncated gzip data")


def test_unpaired_surrogate_escapes_become_replacement_characters(tmp_path: Path) -> None:
    # json.loads accepts "\ud800" and yields a string that cannot be printed or stored.
    path = write(tmp_path / "s.json", '{"text": "Bad \\ud800 here, fine \\ud83d\\ude00 there.", "tag": "\\udfff"}')
    articles, errors, warnings = split(iter_articles([path]))
    assert not errors
    (article,) = articles
    assert article.text == "Bad \ufffd here, fine \U0001f600 there."  # one character for one
    assert article.metadata["tag"] == "\ufffd"
    assert [str(w) for w in warnings] == [f"{path}: 2 unpaired UTF-16 surrogate escape(s) shown as \ufffd"]
    article.text.encode("utf-8")


def test_a_bad_json_lines_line_is_located_in_the_line_not_in_the_record(tmp_path: Path) -> None:
    good = json.dumps({"id": "a", "text": GOOD})
    path = write(tmp_path / "feed.jsonl", f"{good}\n{good}\n{{\"id\": \"b\", \"text\": \n{good}\n".encode())
    articles, errors, _ = split(iter_articles([path]))
    assert len(articles) == 3
    [error] = errors
    # not "line 2 column 1": the record is the file's line 3, and the JSON ends at its end
    assert str(error) == f"{path}#3: invalid JSON: the line ends too soon (expecting value)"


def test_a_bad_json_document_names_its_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path / "list.json", b'[\n  {"id": "a", "text": "x"},\n  {"id": "b" "text": "y"}\n]\n')
    assert only_error(path) == f"{path}: invalid JSON at line 3, column 14: expecting ',' delimiter"
    bad = write(tmp_path / "feed.jsonl", b'{"id": "a", "text": tru}\n')
    [error] = split(iter_articles([bad]))[1]
    assert str(error) == f"{bad}#1: invalid JSON at column 21: expecting value"
    tab = write(tmp_path / "tab.json", b'{"id": "a",\n "text": "a\tb"}')
    assert only_error(tab) == f"{tab}: invalid JSON at line 2, column 12: invalid control character"
