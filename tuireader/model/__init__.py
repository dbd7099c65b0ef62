"""The domain model: plain frozen dataclasses, no widgets and no I/O."""

from __future__ import annotations

from tuireader.model.analysis import Analysis
from tuireader.model.article import Article, paragraph_spans
from tuireader.model.span import Span, SpanError
from tuireader.model.statement import (
    STATEMENT_KINDS,
    Speaker,
    SpeakerKind,
    Statement,
    StatementKind,
)

__all__ = [
    "STATEMENT_KINDS",
    "Analysis",
    "Article",
    "Span",
    "SpanError",
    "Speaker",
    "SpeakerKind",
    "Statement",
    "StatementKind",
    "paragraph_spans",
]
