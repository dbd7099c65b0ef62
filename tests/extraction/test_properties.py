"""Extraction never raises on any string, and its output is always well formed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.extraction.pipeline import run_rules
from tuireader.model import Article

QUOTEY = st.text(
    alphabet=st.sampled_from(list("\"'“”‘’«» \n\n.,:;!?-—abcXYZ said told according to he she The Mr. 12$%")),
    max_size=400,
)
WORDS = st.lists(
    st.sampled_from(['"', "“", "”", "'", "said", "Ilse", "Varga", "he", "told", ",", ".", "\n\n", "that",
                     "the", "president", "according", "to", "42", "percent", ":", "(", ")", "Mr.", "—"]),
    max_size=120,
).map(" ".join)


def _check(text: str) -> None:
    analysis, errors = run_rules(Article(id="p", text=text))
    assert not [e for e in errors if "failed" in e], errors
    groups: dict[int, list[int]] = {}
    for n, s in enumerate(analysis.statements):
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end].strip()
        for span in (s.cue, s.speaker_mention):
            assert span is None or 0 <= span.start < span.end <= len(text)
        if s.group is not None:
            groups.setdefault(s.group, []).append(s.start)
        if s.parent is not None:
            parent = analysis.statements[s.parent]
            assert parent.start <= s.start and s.end <= parent.end
    for starts in groups.values():
        assert starts == sorted(starts)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(QUOTEY)
def test_quote_heavy_text(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(WORDS)
def test_quote_heavy_words(text: str) -> None:
    _check(text)


def test_checked_analysis_still_checks_rule_bugs() -> None:
    """The extractor skips the analysis's second check, not the check itself."""
    import pytest

    from tuireader.extraction.doc import Candidate, Doc
    from tuireader.extraction.pipeline import build_analysis
    from tuireader.model import Analysis, SpanError

    article = Article(id="b", text='"We will win," she said.')
    doc = Doc.of(article)
    doc.candidates.append(Candidate("direct", 1, 12, 0, "quotes", mention=(18, 21)))
    analysis = build_analysis(doc)
    assert analysis == Analysis(article, analysis.statements, analysis.speakers)
    doc.candidates[0].mention = (18, len(article.text) + 1)
    with pytest.raises(SpanError):
        build_analysis(doc)
