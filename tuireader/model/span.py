"""Half-open character spans into an article's text."""

from __future__ import annotations

from dataclasses import dataclass


class SpanError(ValueError):
    """A span does not fit the text it points into."""


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset one past the last character."""

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise SpanError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        """The text this span covers.

        Args:
            text: The text the span points into.

        Returns:
            ``text[start:end]``.
        """
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        """Whether ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def validate(self, text: str) -> None:
        """Raise `SpanError` unless the span lies inside ``text``."""
        if self.end > len(text):
            raise SpanError(f"span [{self.start}, {self.end}) is past the end of the text ({len(text)})")
