"""The article: exact text, metadata and paragraph spans."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from tuireader.model.span import Span


def paragraph_spans(text: str) -> tuple[Span, ...]:
    """Split text into paragraphs at blank lines, without changing it.

    A paragraph is a maximal run of lines containing non-space characters; its span starts
    at its first non-space character and ends after its last one.

    Args:
        text: The article text.

    Returns:
        The paragraph spans in order.
    """
    spans: list[Span] = []
    n = len(text)
    i = 0
    while i < n:
        # skip whitespace between paragraphs
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            break
        start = i
        # a paragraph ends at a line break followed by a blank (whitespace-only) line
        end = n
        j = text.find("\n", i)
        while j != -1:
            k = j + 1
            while k < n and text[k] in " \t\r\f\v\u00a0":
                k += 1
            if k >= n or text[k] == "\n":
                end = j
                break
            j = text.find("\n", k)
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        spans.append(Span(start, stop))
        i = end
    return tuple(spans)


@dataclass(frozen=True, slots=True)
class Article:
    """One news article. Every offset anywhere in the program points into `text`."""

    id: str
    """Stable identifier: the input's own id, or one derived from the path."""
    text: str
    """The body text, exactly as loaded; never changed once offsets exist."""
    path: str = ""
    """Where the article came from (a file path, ``path#n`` for a record, or ``-``)."""
    title: str = ""
    """Headline, from metadata or the first sentence."""
    date: str | None = None
    """Publication date as given (ISO 8601 where known)."""
    source: str | None = None
    """Publisher or source name."""
    url: str | None = None
    """Where the article was published."""
    authors: tuple[str, ...] = ()
    """Bylines."""
    metadata: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """Other fields from the input, kept as given."""
    paragraphs: tuple[Span, ...] | None = None
    """Paragraph spans of the body; computed from `text` when not given."""
    markup: str = "plain"
    """How the text is written: ``plain`` or ``markdown`` (emphasis and links left in)."""

    def __post_init__(self) -> None:
        if self.paragraphs is None:
            object.__setattr__(self, "paragraphs", paragraph_spans(self.text))
        for span in self.paragraphs:
            span.validate(self.text)
        if not isinstance(self.metadata, MappingProxyType):
            object.__setattr__(self, "metadata", MappingProxyType(dict(self.metadata)))
