"""Plain-text articles, and decoding shared by every loader."""

from __future__ import annotations

import re
from pathlib import Path

from tuireader.loading.errors import LoadError
from tuireader.model import Article, Span, paragraph_spans

TITLE_LENGTH = 80
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_HEADER_LINE = re.compile(r"[ \t]*(title|date|source|url|author|authors)[ \t]*:[ \t]*(.*)", re.I)
_DATE_PREFIX = re.compile(r"\s*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*", re.I)


def decode_bytes(data: bytes, where: str) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 (BOM dropped), replacing what does not decode.

    Args:
        data: The raw bytes.
        where: Name of the file for messages.

    Returns:
        The text and any warnings about it.

    Raises:
        LoadError: The data looks binary.
    """
    if b"\x00" in data[:8192]:
        raise LoadError(where, "binary file (NUL bytes), skipped")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return (
            data.decode("utf-8", errors="replace"),
            [f"{where}: not valid UTF-8 at byte {exc.start}; undecodable bytes shown as \ufffd"],
        )


def title_from_text(text: str, paragraphs: tuple[Span, ...] | None = None) -> str:
    """A title from the first sentence of the first paragraph, shortened."""
    spans = paragraphs if paragraphs is not None else paragraph_spans(text)
    if not spans:
        return ""
    first = spans[0].slice(text)
    m = _SENTENCE_END.search(first)
    sentence = " ".join((first[: m.start() + 1] if m else first).split())
    if len(sentence) > TITLE_LENGTH:
        cut = sentence.rfind(" ", 0, TITLE_LENGTH - 1)
        sentence = sentence[: cut if cut > 20 else TITLE_LENGTH - 1].rstrip(",;: ") + "…"
    return sentence


def parse_text(text: str, path: str, article_id: str) -> Article:
    """Build an article from plain text with optional header lines.

    Header lines (``Title: ...``, ``Date: ...``, ``Source: ...``, ``URL: ...``,
    ``Author: ...``) at the top, or a leading ``date YYYY-MM-DD`` on the same line as the
    first sentence, become metadata. The text itself is kept whole; the body's paragraphs
    start after the header.

    Args:
        text: The decoded file content.
        path: Where it came from.
        article_id: Id for the article.

    Returns:
        The article.
    """
    meta: dict[str, str] = {}
    pos = 0
    while True:
        eol = text.find("\n", pos)
        line = text[pos : eol if eol != -1 else len(text)]
        m = _HEADER_LINE.fullmatch(line.rstrip("\r"))
        if not m or not m.group(2).strip():
            break
        meta[m.group(1).lower()] = m.group(2).strip()
        if eol == -1:
            pos = len(text)
            break
        pos = eol + 1
    m = _DATE_PREFIX.match(text, pos)
    if m and "date" not in meta:
        meta["date"] = m.group(1)
        pos = m.end()
    paragraphs = tuple(
        Span(max(p.start, pos), p.end) for p in paragraph_spans(text) if p.end > pos
    )
    paragraphs = tuple(p for p in paragraphs if p.start < p.end and text[p.start:p.end].strip())
    authors = meta.pop("authors", None) or meta.pop("author", None)
    return Article(
        id=article_id,
        text=text,
        path=path,
        title=meta.pop("title", None) or title_from_text(text, paragraphs),
        date=meta.pop("date", None),
        source=meta.pop("source", None),
        url=meta.pop("url", None),
        authors=tuple(a.strip() for a in authors.split(",")) if authors else (),
        metadata=meta,
        paragraphs=paragraphs,
    )


def load_text(path: Path, data: bytes) -> tuple[Article, list[str]]:
    """Load a ``.txt`` file."""
    text, warnings = decode_bytes(data, str(path))
    return parse_text(text, str(path), path.stem), warnings
