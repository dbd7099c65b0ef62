"""Choose a loader by suffix; walk directories; read standard input."""

from __future__ import annotations

import io
import os
import stat
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from tuireader.loading.errors import NO_SUCH_FILE, LoadError, LoadWarning, os_reason
from tuireader.loading.html import load_html, parse_html
from tuireader.loading.limits import (
    MAX_ARTICLE_BYTES,
    MAX_FILE_BYTES,
    MAX_HTML_BYTES,
    check_size,
)
from tuireader.loading.markdown import load_markdown, parse_markdown
from tuireader.loading.records import iter_json, iter_jsonl, iter_records, open_jsonl, parse_json
from tuireader.loading.safe_yaml import parse_yaml
from tuireader.loading.text import decode_bytes, load_text, parse_text
from tuireader.model import Article

__all__ = ["SUFFIXES", "LoadWarning", "Loaded", "iter_articles", "iter_files", "load_file", "suffix_of"]

Loaded = Article | LoadError | LoadWarning
Loader = Callable[[Path, bytes], tuple[Article, list[str]]]


def _read(path: Path, limit: int) -> bytes:
    """The whole file, refused before reading when it is larger than ``limit``."""
    check_size(path.stat().st_size, limit, str(path))
    with open(path, "rb") as f:
        # Read one byte past the limit: pipes and /proc files report no size.
        data = f.read(limit + 1)
    check_size(len(data), limit, str(path))
    if not data:
        raise LoadError(str(path), "empty file")
    return data


def _single(loader: Loader, limit: int) -> Callable[[Path], Iterator[Loaded]]:
    """A file holding one article, read whole."""

    def run(path: Path) -> Iterator[Loaded]:
        article, warnings = loader(path, _read(path, limit))
        for w in warnings:
            yield LoadWarning(w)
        if not article.text.strip():
            raise LoadError(str(path), "no article text")
        yield article

    return run


def _json(path: Path) -> Iterator[Loaded]:
    yield from iter_json(path, _read(path, MAX_FILE_BYTES))


def _jsonl(path: Path) -> Iterator[Loaded]:
    with open_jsonl(path) as stream:
        yield from iter_jsonl(path, stream)


def _yaml(path: Path) -> Iterator[Loaded]:
    text, warnings = decode_bytes(_read(path, MAX_ARTICLE_BYTES), str(path))
    for w in warnings:
        yield LoadWarning(w)
    yield from iter_records(parse_yaml(text, str(path), limit=MAX_ARTICLE_BYTES), str(path), path.stem)


SUFFIXES: dict[str, Callable[[Path], Iterator[Loaded]]] = {
    ".txt": _single(load_text, MAX_ARTICLE_BYTES),
    ".text": _single(load_text, MAX_ARTICLE_BYTES),
    ".md": _single(load_markdown, MAX_ARTICLE_BYTES),
    ".markdown": _single(load_markdown, MAX_ARTICLE_BYTES),
    ".json": _json,
    ".jsonl": _jsonl,
    ".jsonl.gz": _jsonl,
    ".yaml": _yaml,
    ".yml": _yaml,
    ".html": _single(load_html, MAX_HTML_BYTES),
    ".htm": _single(load_html, MAX_HTML_BYTES),
}
"""Loader for each suffix; a file with another suffix named on the command line is read as text."""


def suffix_of(name: str | Path) -> str:
    """The suffix that chooses the loader: ``.jsonl.gz`` or the last one, lower case."""
    lower = str(name).lower()
    if lower.endswith(".jsonl.gz"):
        return ".jsonl.gz"
    return os.path.splitext(lower)[1]


def load_file(path: Path) -> Iterator[Loaded]:
    """Load one file by its suffix.

    Args:
        path: The file.

    Yields:
        Articles, and warnings or errors each naming the file; never raises for bad input.
    """
    loader = SUFFIXES.get(suffix_of(path.name), SUFFIXES[".txt"])
    produced = False
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            # opening a named pipe blocks until someone writes to it; a device never ends
            raise LoadError(str(path), "not a regular file (a named pipe, socket or device), skipped")
        for item in loader(path):
            produced = True
            yield item
    except LoadError as exc:
        produced = True
        yield exc
    except OSError as exc:
        produced = True
        yield LoadError(str(path), os_reason(exc))
    except (UnicodeError, ValueError, RecursionError, MemoryError) as exc:
        produced = True
        yield LoadError(str(path), f"could not be read ({type(exc).__name__})")
    if not produced:
        yield LoadError(str(path), "no articles in the file")


def iter_files(root: Path) -> Iterator[Path | LoadError]:
    """Files below ``root`` with a known suffix, sorted by name, hidden entries skipped.

    Directories reached twice (through symbolic links) are walked once.

    Yields:
        Paths, and an error for each directory that cannot be listed.
    """
    seen: set[tuple[int, int]] = set()

    def walk(folder: Path) -> Iterator[Path | LoadError]:
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen:
                return
            seen.add((info.st_dev, info.st_ino))
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield LoadError(str(folder), f"cannot list directory ({os_reason(exc)})")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                yield from walk(Path(entry.path))
            elif suffix_of(entry.name) in SUFFIXES:
                yield Path(entry.path)

    yield from walk(root)


_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html|head|body|article|main|p|div)\b", re.I)


_stdin_read: tuple[object, bytes] | None = None
"""The standard input stream read last, and its bytes."""


def read_stdin() -> bytes:
    """Standard input's bytes (up to one more than the size limit), read once per stream.

    A stream can be read only once; every later ``-`` gets the same bytes (the reader reads
    them before it puts the terminal back on standard input for the keyboard).
    """
    global _stdin_read
    if _stdin_read is None or _stdin_read[0] is not sys.stdin:
        _stdin_read = (sys.stdin, sys.stdin.buffer.read(MAX_FILE_BYTES + 1))
    return _stdin_read[1]


def _stdin() -> Iterator[Loaded]:
    """Standard input, its format guessed from how it starts."""
    data = read_stdin()
    check_size(len(data), MAX_FILE_BYTES, "-")
    if not data.strip():
        raise LoadError("-", "standard input is empty")
    text, warnings = decode_bytes(data, "-")
    for w in warnings:
        yield LoadWarning(w)
    start = text.lstrip()[:1]
    if start in ("{", "["):
        try:
            doc, more = parse_json(text, "-")
        except LoadError:
            if start == "{":
                # Not one JSON document: JSON Lines, whose bad lines are reported one by one.
                stream: BinaryIO = io.BytesIO(data)
                yield from iter_jsonl(Path("-"), stream, stem="stdin")
                return
        else:
            for w in more:
                yield LoadWarning(w)
            yield from iter_records(doc, "-", "stdin")
            return
    if text.startswith("---"):
        yield parse_markdown(text, "-", "stdin")
    elif _HTML_START.match(text):
        yield parse_html(text, "-", "stdin")
    else:
        yield parse_text(text, "-", "stdin")


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Loaded]:
    """Load every article under the given paths.

    Args:
        paths: Files, directories (walked recursively, sorted, hidden skipped) or ``-``.

    Yields:
        Articles in order, with a `LoadError` or `LoadWarning` for each problem.
    """
    for raw in paths:
        if str(raw) == "-":
            try:
                yield from _stdin()
            except LoadError as exc:
                yield exc
            continue
        path = Path(raw)
        if path.is_dir():
            for item in iter_files(path):
                if isinstance(item, LoadError):
                    yield item
                else:
                    yield from load_file(item)
        elif not path.exists() and not path.is_symlink():
            yield LoadError(str(path), NO_SUCH_FILE)
        else:
            yield from load_file(path)
