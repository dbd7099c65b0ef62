"""Markdown articles with optional YAML front matter."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tuireader.loading.errors import LoadError
from tuireader.loading.records import KNOWN_FIELDS, _as_str, _authors
from tuireader.loading.safe_yaml import parse_yaml
from tuireader.loading.text import decode_bytes, title_from_text
from tuireader.model import Article, paragraph_spans

_FRONT = re.compile(r"\A---[ \t]*\r?\n")
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)
_HEADING = re.compile(r"\A#{1,6}[ \t]+(.+?)[ \t#]*\r?$", re.M)


def parse_markdown(text: str, path: str, article_id: str) -> Article:
    """Build an article from Markdown; the text is the body after the front matter.

    Raises:
        LoadError: The front matter is not valid YAML or not a mapping.
    """
    meta: dict[str, Any] = {}
    body_at = 0
    if m := _FRONT.match(text):
        end = _FRONT_END.search(text, m.end())
        if end is None:
            raise LoadError(path, "front matter opened with '---' is never closed")
        loaded = parse_yaml(text[m.end() : end.start()], path + " (front matter)")
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise LoadError(path, f"front matter must be a mapping, got {type(loaded).__name__}")
        meta = loaded
        body_at = end.end()
    body = text[body_at:]
    paragraphs = paragraph_spans(body)
    title = _as_str(meta.get("title"))
    if not title and paragraphs and (h := _HEADING.match(paragraphs[0].slice(body))):
        title = h.group(1)
    return Article(
        id=_as_str(meta.get("id")) or article_id,
        text=body,
        path=path,
        title=title or title_from_text(body, paragraphs),
        date=_as_str(meta.get("date")),
        source=_as_str(meta.get("source")),
        url=_as_str(meta.get("url")),
        authors=_authors(meta.get("authors") or meta.get("author")),
        metadata={k: v for k, v in meta.items() if k not in KNOWN_FIELDS},
        paragraphs=paragraphs,
        markup="markdown",
    )


def load_markdown(path: Path, data: bytes) -> tuple[Article, list[str]]:
    """Load a ``.md`` or ``.markdown`` file."""
    text, warnings = decode_bytes(data, str(path))
    return parse_markdown(text, str(path), path.stem), warnings
