"""Helpers for extraction tests: run the extractor on a string and look things up."""

from __future__ import annotations

from tuireader.extraction import extract
from tuireader.model import Analysis, Article, Statement


def run(text: str, markup: str = "plain") -> Analysis:
    """Extract from ``text`` as a one-off article."""
    return extract(Article(id="t", text=text, markup=markup))


def words(analysis: Analysis, s: Statement) -> str:
    """The statement's text."""
    return s.content.slice(analysis.article.text)


def mention(analysis: Analysis, s: Statement) -> str | None:
    """The speaker mention as written."""
    return None if s.speaker_mention is None else s.speaker_mention.slice(analysis.article.text)


def find(analysis: Analysis, fragment: str, kind: str | None = None) -> Statement:
    """The one statement whose text contains ``fragment``."""
    found = [s for s in analysis.statements if fragment in words(analysis, s) and (kind is None or s.kind == kind)]
    assert len(found) == 1, f"{len(found)} statements contain {fragment!r}: {[words(analysis, s) for s in analysis.statements]}"
    return found[0]


def first_direct_mention(text: str) -> str | None:
    """The speaker as written of the first direct quotation found in ``text``."""
    analysis = run(text)
    first = next(s for s in analysis.statements if s.kind == "direct")
    return mention(analysis, first)
