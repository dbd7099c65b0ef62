"""Articles from structured records: JSON, JSON Lines (also gzipped) and YAML."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from tuireader.loading.errors import LoadError
from tuireader.loading.text import decode_bytes
from tuireader.model import Article

BODY_FIELDS = ("text", "body", "content")
KNOWN_FIELDS = {"id", "title", "date", "source", "url", "authors", *BODY_FIELDS}


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
        raise LoadError(where, f"expected an object with a text field, got {type(record).__name__}")
    body = None
    for key in BODY_FIELDS:
        if isinstance(record.get(key), str):
            body = record[key]
            break
    if body is None:
        raise LoadError(where, "no text, body or content field with a string")
    from tuireader.loading.text import title_from_text

    title = _as_str(record.get("title")) or title_from_text(body)
    return Article(
        id=_as_str(record.get("id")) or default_id,
        text=body,
        path=where,
        title=title,
        date=_as_str(record.get("date")),
        source=_as_str(record.get("source")),
        url=_as_str(record.get("url")),
        authors=_authors(record.get("authors")),
        metadata={k: v for k, v in record.items() if k not in KNOWN_FIELDS},
    )


def iter_json(path: Path, data: bytes) -> Iterator[Article | LoadError]:
    """Articles from a JSON document holding one object or a list of them."""
    try:
        doc = json.loads(decode_bytes(data, str(path))[0])
    except (ValueError, RecursionError) as exc:
        yield LoadError(str(path), f"invalid JSON: {exc}")
        return
    records = doc if isinstance(doc, list) else [doc]
    single = not isinstance(doc, list)
    for n, record in enumerate(records, 1):
        where = str(path) if single else f"{path}#{n}"
        default_id = path.stem if single else f"{path.stem}-{n}"
        try:
            yield parse_record(record, where, default_id)
        except LoadError as exc:
            yield exc


def iter_jsonl(path: Path, stream: io.BufferedIOBase) -> Iterator[Article | LoadError]:
    """Articles from JSON Lines, one object per line; a bad line fails alone."""
    for n, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        where = f"{path}#{n}"
        try:
            record = json.loads(decode_bytes(raw, where)[0])
            yield parse_record(record, where, f"{path.stem}-{n}")
        except LoadError as exc:
            yield exc
        except (ValueError, RecursionError) as exc:
            yield LoadError(where, f"invalid JSON: {exc}")


def open_jsonl(path: Path) -> io.BufferedIOBase:
    """Open a ``.jsonl`` or ``.jsonl.gz`` file for streaming."""
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")
