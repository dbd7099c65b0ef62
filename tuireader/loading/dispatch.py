"""Choose a loader by suffix; walk directories; read standard input."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tuireader.loading.errors import LoadError
from tuireader.loading.markdown import load_markdown
from tuireader.loading.records import iter_json, iter_jsonl, open_jsonl, parse_record
from tuireader.loading.safe_yaml import parse_yaml
from tuireader.loading.text import decode_bytes, load_text, parse_text
from tuireader.model import Article

MAX_FILE_BYTES = 50_000_000
"""Whole-file formats larger than this are refused; JSON Lines are streamed instead."""


@dataclass(frozen=True, slots=True)
class LoadWarning:
    """Something odd about a file that still loaded."""

    message: str
    """One line naming the file and the problem."""

    def __str__(self) -> str:
        return self.message


Loaded = Article | LoadError | LoadWarning


def _read(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise LoadError(str(path), f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
    if size == 0:
        raise LoadError(str(path), "empty file")
    return path.read_bytes()


def _single(loader: Callable[[Path, bytes], tuple[Article, list[str]]]) -> Callable[[Path], Iterator[Loaded]]:
    def run(path: Path) -> Iterator[Loaded]:
        article, warnings = loader(path, _read(path))
        for w in warnings:
            yield LoadWarning(w)
        if not article.text.strip():
            raise LoadError(str(path), "no article text")
        yield article

    return run


def _json(path: Path) -> Iterator[Loaded]:
    yield from iter_json(path, _read(path))


def _jsonl(path: Path) -> Iterator[Loaded]:
    if path.stat().st_size == 0:
        raise LoadError(str(path), "empty file")
    with open_jsonl(path) as stream:
        yield from iter_jsonl(path, stream)


def _yaml(path: Path) -> Iterator[Loaded]:
    text, warnings = decode_bytes(_read(path), str(path))
    for w in warnings:
        yield LoadWarning(w)
    doc = parse_yaml(text, str(path))
    records = doc if isinstance(doc, list) else [doc]
    for n, record in enumerate(records, 1):
        where = str(path) if len(records) == 1 else f"{path}#{n}"
        try:
            yield parse_record(record, where, path.stem if len(records) == 1 else f"{path.stem}-{n}")
        except LoadError as exc:
            yield exc


def _html(path: Path) -> Iterator[Loaded]:
    from tuireader.loading.html import load_html

    yield from _single(load_html)(path)


SUFFIXES: dict[str, Callable[[Path], Iterator[Loaded]]] = {
    ".txt": _single(load_text),
    ".text": _single(load_text),
    ".md": _single(load_markdown),
    ".markdown": _single(load_markdown),
    ".json": _json,
    ".jsonl": _jsonl,
    ".jsonl.gz": _jsonl,
    ".yaml": _yaml,
    ".yml": _yaml,
    ".html": _html,
    ".htm": _html,
}


def _suffix(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".jsonl.gz"):
        return ".jsonl.gz"
    return path.suffix.lower()


def load_file(path: Path) -> Iterator[Loaded]:
    """Load one file by its suffix.

    Args:
        path: The file.

    Yields:
        Articles, and warnings or errors each naming the file; never raises for bad input.
    """
    loader = SUFFIXES.get(_suffix(path), _single(load_text))
    try:
        yield from loader(path)
    except LoadError as exc:
        yield exc
    except FileNotFoundError:
        yield LoadError(str(path), "no such file")
    except PermissionError:
        yield LoadError(str(path), "permission denied")
    except IsADirectoryError:
        yield LoadError(str(path), "is a directory")
    except OSError as exc:
        yield LoadError(str(path), exc.strerror or str(exc))
    except (UnicodeError, ValueError, RecursionError, MemoryError) as exc:
        yield LoadError(str(path), f"could not be read: {type(exc).__name__}")


def _walk(root: Path) -> Iterator[Path | LoadError]:
    """Files below ``root`` in sorted order, hidden entries skipped."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield LoadError(str(root), exc.strerror or "cannot list directory")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path)
        elif _suffix(path) in SUFFIXES:
            yield path


def _stdin() -> Iterator[Loaded]:
    data = sys.stdin.buffer.read()
    if not data.strip():
        yield LoadError("-", "standard input is empty")
        return
    try:
        text, warnings = decode_bytes(data, "-")
    except LoadError as exc:
        yield exc
        return
    for w in warnings:
        yield LoadWarning(w)
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        import json

        try:
            json.loads(text)
        except ValueError:
            pass
        else:
            yield from iter_json(Path("-"), data)
            return
    if stripped.startswith("---"):
        from tuireader.loading.markdown import parse_markdown

        try:
            yield parse_markdown(text, "-", "stdin")
        except LoadError as exc:
            yield exc
        return
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
            yield from _stdin()
            continue
        path = Path(raw)
        if path.is_dir():
            for item in _walk(path):
                if isinstance(item, LoadError):
                    yield item
                else:
                    yield from load_file(item)
        elif not path.exists():
            yield LoadError(str(path), "no such file or directory")
        else:
            yield from load_file(path)
