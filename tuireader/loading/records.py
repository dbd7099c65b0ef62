"""Articles from structured records: JSON, JSON Lines (also gzipped) and YAML."""

from __future__ import annotations

import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from tuireader.loading.errors import LoadError, LoadWarning
from tuireader.loading.limits import MAX_ARTICLE_BYTES, check_depth
from tuireader.loading.text import binary_kind, decode_bytes, title_from_text
from tuireader.model import Article

BODY_FIELDS = ("text", "body", "content")
"""Where a record's article text may be, in order of preference."""
KNOWN_FIELDS = frozenset({"id", "title", "date", "source", "url", "authors", "author"})
"""Fields that become the article's own attributes; the rest are kept as metadata."""
MAX_LINE_BYTES = MAX_ARTICLE_BYTES
"""Longest JSON Lines record; a longer line is skipped with an error, without reading it whole."""

Record = Article | LoadError | LoadWarning
_CHUNK_BYTES = 1 << 16


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    return str(value)


def _authors(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value if v is not None)
    return (str(value),)


def parse_record(record: Any, where: str, default_id: str) -> Article:
    """Build an article from one decoded record.

    Args:
        record: A mapping with ``text`` (or ``body``/``content``) and optional metadata.
        where: Name of the record for messages (``file#3``).
        default_id: Id to use when the record has none.

    Returns:
        The article, its text exactly as given.

    Raises:
        LoadError: The record is not a mapping or has no text body.
    """
    if not isinstance(record, Mapping):
        raise LoadError(
            where, f"expected an article object with a text field, got {_kind(record)}"
        )
    body_key = next((k for k in BODY_FIELDS if isinstance(record.get(k), str)), None)
    if body_key is None:
        raise LoadError(where, "no text, body or content field holding a string")
    body: str = record[body_key]
    if not body.strip():
        raise LoadError(where, f"the {body_key} field is empty")
    return Article(
        id=_as_str(record.get("id")) or default_id,
        text=body,
        path=where,
        title=_as_str(record.get("title")) or title_from_text(body),
        date=_as_str(record.get("date")),
        source=_as_str(record.get("source")),
        url=_as_str(record.get("url")),
        authors=_authors(record.get("authors") or record.get("author")),
        metadata={k: v for k, v in record.items() if k not in KNOWN_FIELDS and k != body_key},
    )


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}
    return names.get(type(value), "a number")


def iter_records(doc: Any, where: str, stem: str) -> Iterator[Article | LoadError]:
    """Articles from a decoded document holding one record or a list of them.

    Args:
        doc: The decoded JSON or YAML document.
        where: Name of the file for messages; records of a list are ``where#n``.
        stem: Id of a single record without one; records of a list get ``stem-n``.

    Yields:
        The articles, and an error for each bad record (which fails alone).
    """
    if isinstance(doc, list):
        if not doc:
            yield LoadError(where, "an empty list, no articles")
        for n, record in enumerate(doc, 1):
            try:
                yield parse_record(record, f"{where}#{n}", f"{stem}-{n}")
            except LoadError as exc:
                yield exc
        return
    if not isinstance(doc, Mapping):
        yield LoadError(where, f"expected an article object or a list of them, got {_kind(doc)}")
        return
    try:
        yield parse_record(doc, where, stem)
    except LoadError as exc:
        yield exc


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _replace_surrogates(doc: Any) -> tuple[Any, int]:
    """Replace lone UTF-16 surrogates (which cannot be printed or stored) by U+FFFD.

    One character for one, so offsets into the strings stay valid. Returns the document
    and how many were replaced.
    """
    count = 0

    def fix(value: Any) -> Any:
        nonlocal count
        if isinstance(value, str):
            value, n = _LONE_SURROGATE.subn("\ufffd", value)
            count += n
        return value

    doc = fix(doc)
    stack = [doc]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            pairs = [(fix(k), fix(v)) for k, v in item.items()]
            item.clear()
            item.update(pairs)
            stack.extend(item.values())
        elif isinstance(item, list):
            item[:] = [fix(v) for v in item]
            stack.extend(item)
    return doc, count


def _json_problem(exc: json.JSONDecodeError, text: str, line: bool) -> str:
    """Where and why JSON text is invalid, as a reader of the file counts: a line of a JSON
    Lines file by column alone (its own line end is not a second line)."""
    why = (exc.msg[:1].lower() + exc.msg[1:]).removesuffix(" at")  # "Invalid control character at"
    body = text.rstrip("\r\n") if line else text
    if not body[exc.pos :].strip():
        return f"invalid JSON: the {'line' if line else 'file'} ends too soon ({why})"
    if line and "\n" not in body:
        return f"invalid JSON at column {exc.pos + 1}: {why}"
    return f"invalid JSON at line {exc.lineno}, column {exc.colno}: {why}"


def parse_json(text: str, where: str, *, line: bool = False) -> tuple[Any, list[str]]:
    """Decode JSON text, refusing documents nested deeper than the limit.

    Args:
        text: The JSON.
        where: The file (or ``file#n``) named in problems.
        line: The text is one line of a JSON Lines file (problems give a column only).

    Returns:
        The document and any warnings about it.

    Raises:
        LoadError: Not valid JSON, or nested too deeply.
    """
    try:
        doc = json.loads(text)
    except RecursionError:
        raise LoadError(where, "JSON nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise LoadError(where, _json_problem(exc, text, line)) from None
    except ValueError as exc:
        raise LoadError(where, f"invalid JSON: {exc}") from None
    check_depth(doc, where)
    if _SURROGATE_ESCAPE.search(text):
        doc, count = _replace_surrogates(doc)
        if count:
            return doc, [f"{where}: {count} unpaired UTF-16 surrogate escape(s) shown as \ufffd"]
    return doc, []


def iter_json(path: Path, data: bytes) -> Iterator[Record]:
    """Articles from a JSON document holding one object or a list of them."""
    text, warnings = decode_bytes(data, str(path))
    try:
        doc, more = parse_json(text, str(path))
    except LoadError as exc:
        yield exc
        return
    for w in warnings + more:
        yield LoadWarning(w)
    yield from iter_records(doc, str(path), path.stem)


def parse_line(raw: bytes, path: Path, n: int, stem: str | None = None) -> Iterator[Record]:
    """The article on line ``n`` of a JSON Lines file, with any warning, or its error.

    Args:
        raw: The line's bytes, newline included or not.
        path: The file.
        n: Line number, from 1; the record is named ``file#n``.
        stem: The record's id is ``stem-n`` when it has none; the file's stem by default.
    """
    where = f"{path}#{n}"
    text, warnings = decode_bytes(raw, where, sniff=False)
    try:
        doc, more = parse_json(text, where, line=True)
        for w in warnings + more:
            yield LoadWarning(w)
        yield parse_record(doc, where, f"{stem or path.stem}-{n}")
    except LoadError as exc:
        yield exc


def iter_lines(stream: BinaryIO, limit: int = MAX_LINE_BYTES) -> Iterator[tuple[int, bytes | None]]:
    """Number and bytes of each line, holding at most about ``limit`` bytes of any line.

    A line longer than ``limit`` (newline not counted) is read on in chunks, dropped, and
    given as None.
    """
    n = 0
    while True:
        chunks: list[bytes] = []
        size = 0
        ended = False
        while chunk := stream.readline(_CHUNK_BYTES):
            size += len(chunk)
            ended = chunk.endswith(b"\n")
            if size <= limit + 1:
                chunks.append(chunk)
            elif chunks:
                chunks.clear()  # too long: free what was kept and read on to the line end
            if ended:
                break
        if not size:
            return
        n += 1
        yield n, (None if size - (1 if ended else 0) > limit else b"".join(chunks))


def iter_jsonl(path: Path, stream: BinaryIO, stem: str | None = None) -> Iterator[Record]:
    """Articles from JSON Lines, one object per line, streamed; a bad line fails alone.

    Args:
        path: The file, for messages.
        stream: Its bytes, decompressed.
        stem: Ids of records without one are ``stem-n``; the file's stem by default.

    Raises:
        LoadError: The file is binary, or compressed data is corrupt (after the records read).
    """
    try:
        head = stream.read(8192)
        if kind := binary_kind(head):
            raise LoadError(str(path), f"binary file ({kind}), skipped")
        stream.seek(0)
        for n, raw in iter_lines(stream):
            if raw is None:
                yield LoadError(f"{path}#{n}", f"line longer than {MAX_LINE_BYTES:,} bytes, skipped")
            elif raw.strip():
                yield from parse_line(raw, path, n, stem)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise LoadError(str(path), f"corrupt or truncated gzip data ({exc})") from None


def open_jsonl(path: Path) -> BinaryIO:
    """Open a ``.jsonl`` or ``.jsonl.gz`` file for streaming."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return io.open(path, "rb")
