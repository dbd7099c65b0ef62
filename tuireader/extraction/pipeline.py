"""The ordered chain of extraction rules and the conversion to the model."""

from __future__ import annotations

import gc
from collections.abc import Callable

from tuireader.extraction.doc import Candidate, Doc
from tuireader.extraction.attribution import rule_colon_paragraph, rule_direct_attribution
from tuireader.extraction.claims import rule_claims
from tuireader.extraction.continuation import rule_continuation, rule_group_mixed, rule_group_pieces
from tuireader.extraction.quotes import rule_pull_quotes, rule_quotes
from tuireader.extraction.reported import rule_quoted_in_reported, rule_reported, rule_reported_in_quotes
from tuireader.extraction.resolve import build_speakers, rule_resolve
from tuireader.extraction.version import EXTRACTOR_VERSION  # noqa: F401 - also known here
from tuireader.model import Analysis, Article, Span, Statement

Rule = Callable[[Doc], None]

RULES: list[tuple[str, Rule]] = [
    ("quotes", rule_quotes),
    ("pull_quotes", rule_pull_quotes),
    ("direct_attribution", rule_direct_attribution),
    ("colon_paragraph", rule_colon_paragraph),
    ("reported", rule_reported),
    ("reported_in_quotes", rule_reported_in_quotes),
    ("quoted_in_reported", rule_quoted_in_reported),
    ("claims", rule_claims),
    ("resolve", rule_resolve),
    ("continuation", rule_continuation),
    ("group_pieces", rule_group_pieces),
    ("group_mixed", rule_group_mixed),
]
"""The rules in the order they run: name and function."""


def build_analysis(doc: Doc) -> Analysis:
    """Turn the finished candidates into an `Analysis`.

    Statements are checked here as they are made (content non-empty and inside the text,
    cue and mention ending inside it), so the analysis need not check them again.
    """
    text = doc.text
    n_text = len(text)
    kept = [
        c for c in sorted(doc.candidates, key=lambda c: (c.start, -c.end))
        if 0 <= c.start < c.end <= n_text and not text[c.start : c.end].isspace()
    ]
    index = {id(c): n for n, c in enumerate(kept)}
    statements = []
    inside_text = True
    """Whether every cue and mention ends inside the text (content is checked above)."""
    open_spans: list[int] = []
    """Indices of earlier statements that may still hold later ones, innermost last."""
    for n, c in enumerate(kept):
        start, end = c.start, c.end
        while open_spans and kept[open_spans[-1]].end <= start:
            open_spans.pop()
        parent = index.get(id(c.parent)) if isinstance(c.parent, Candidate) else None
        if parent is None:
            # nested: the innermost earlier statement whose content holds this one
            for m in reversed(open_spans[-8:]):
                o = kept[m]
                if end <= o.end and (o.end - o.start) > (end - start):
                    parent = m
                    break
        open_spans.append(n)
        cue, mention = c.cue, c.mention
        if (cue is not None and cue[1] > n_text) or (mention is not None and mention[1] > n_text):
            inside_text = False
        statements.append(
            Statement(  # fields in declaration order: keyword arguments cost a third more
                c.kind,  # type: ignore[arg-type]
                Span(start, end),
                c.rule,
                None if cue is None else Span(*cue),
                None if mention is None else Span(*mention),
                c.speaker,
                c.group,
                parent,
            )
        )
    speakers = build_speakers(doc, kept)
    if not inside_text:
        # a rule's bug: the checking constructor raises the usual `SpanError`
        return Analysis(article=doc.article, statements=tuple(statements), speakers=tuple(speakers))
    return Analysis.of_checked(doc.article, tuple(statements), tuple(speakers))


def extract(article: Article) -> Analysis:
    """Find the statements and speakers of an article (see `run_rules`)."""
    return run_rules(article)[0]


def run_rules(article: Article) -> tuple[Analysis, list[str]]:
    """Find the statements and speakers of an article.

    Each rule runs in turn; a rule that raises is recorded and skipped, so one rule's bug
    never costs the whole article.

    Args:
        article: The article.

    Returns:
        Its statements (in text order) and speakers, and what went wrong on the way (one line
        per degraded paragraph or failed rule).
    """
    # Extraction makes many small objects and no reference cycles: reference counting frees
    # them all. The cyclic collector's passes over them in the middle of a run would find
    # nothing (a few per cent of the time on news articles) and, on a very long text, make
    # the cost grow faster than the text.
    pause_gc = gc.isenabled()
    if pause_gc:
        gc.disable()
    try:
        doc = Doc.of(article)
        for name, rule in RULES:
            try:
                rule(doc)
            except Exception as exc:  # noqa: BLE001 - one rule must not fail the article
                doc.errors.append(f"rule {name} failed: {type(exc).__name__}: {exc}")
        return build_analysis(doc), doc.errors
    finally:
        if pause_gc:
            gc.enable()
