"""Statements (what was said) and speakers (who said it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tuireader.model.span import Span

StatementKind = Literal["direct", "indirect", "claim"]
SpeakerKind = Literal["person", "organisation", "group", "unknown"]

STATEMENT_KINDS: tuple[StatementKind, ...] = ("direct", "indirect", "claim")


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person, organisation or group that says things in an article."""

    name: str
    """Canonical name: the fullest form the article gives ("Donald Trump")."""
    aliases: tuple[str, ...] = ()
    """Every other form seen ("Trump", "President Trump", "the president")."""
    kind: SpeakerKind = "unknown"
    """What sort of speaker this is."""

    def matches(self, query: str) -> bool:
        """Whether ``query`` names this speaker (case-insensitive, any alias)."""
        q = query.casefold().strip()
        return any(q == n.casefold() for n in (self.name, *self.aliases))


@dataclass(frozen=True, slots=True)
class Statement:
    """One thing said or claimed, located in the article text."""

    kind: StatementKind
    """``direct`` (in quotation marks), ``indirect`` (reported speech) or ``claim``."""
    content: Span
    """The words of the statement, without the quotation marks."""
    rule: str
    """Name of the extraction rule that decided the statement and its attribution."""
    cue: Span | None = None
    """The cue ("said", "according to") when there is one."""
    speaker_mention: Span | None = None
    """The speaker as written at the cue ("he", "the president", "Ukraine")."""
    speaker: str | None = None
    """Canonical name of the resolved speaker, or None when no rule is sure."""
    group: int | None = None
    """Shared by the pieces of one interrupted quotation."""
    parent: int | None = None
    """Index of the statement this one is nested in."""

    @property
    def start(self) -> int:
        """Start offset of the content."""
        return self.content.start

    @property
    def end(self) -> int:
        """End offset of the content."""
        return self.content.end

    def validate(self, text: str) -> None:
        """Raise `SpanError` unless every span lies inside ``text`` and content is non-empty."""
        from tuireader.model.span import SpanError

        if not len(self.content):
            raise SpanError("empty statement content")
        for span in (self.content, self.cue, self.speaker_mention):
            if span is not None:
                span.validate(text)
