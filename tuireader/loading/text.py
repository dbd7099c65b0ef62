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

_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x1f\x8b", "gzip-compressed"),
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_SNIFF_BYTES = 8192
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")


def binary_kind(sample: bytes) -> str | None:
    """Say what sort of binary data ``sample`` (the start of a file) is, or None for text."""
    for magic, kind in _MAGIC:
        if sample.startswith(magic):
            return kind
    head = sample[:_SNIFF_BYTES]
    if b"\x00" in head:
        return "NUL bytes"
    controls = sum(1 for b in head if b < 0x20 and b not in _TEXT_CONTROLS)
    if head and controls * 10 > len(head):
        return "control bytes"
    return None


def decode_bytes(data: bytes, where: str, sniff: bool = True) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 (BOM dropped), replacing what does not decode.

    A UTF-16 or UTF-32 byte-order mark selects that encoding instead.

    Args:
        data: The raw bytes.
        where: Name of the file for messages.
        sniff: Refuse data that looks binary (off for one line of a file already sniffed).

    Returns:
        The text and any warnings about it.

    Raises:
        LoadError: The data looks binary.
    """
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], name
            break
    else:
        if sniff and (kind := binary_kind(data)):
            raise LoadError(where, f"binary file ({kind}), skipped")
    try:
        return data.decode(encoding), []
    except UnicodeDecodeError as exc:
        text = data.decode(encoding, errors="replace")
        return text, [f"{where}: not valid {encoding.upper()} at byte {exc.start}; undecodable bytes shown as \ufffd"]


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
    spans: list[Span] = []
    for p in paragraph_spans(text):
        start = max(p.start, pos)
        while start < p.end and text[start].isspace():
            start += 1
        if start < p.end:
            spans.append(Span(start, p.end))
    paragraphs = tuple(spans)
    authors = meta.pop("authors", None)
    author = meta.pop("author", None)
    authors = authors or author
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
