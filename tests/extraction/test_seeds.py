"""The seed article's golden statements, and invariants over every bundled seed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tuireader.extraction import extract
from tuireader.loading import LoadError, LoadWarning, iter_articles
from tuireader.model import Analysis

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = json.loads((Path(__file__).parent / "seed_expected.json").read_text(encoding="utf-8"))


def _load(path: Path) -> list[Analysis]:
    out = []
    for item in iter_articles([path]):
        assert not isinstance(item, LoadError), str(item)
        if isinstance(item, LoadWarning):
            continue
        out.append(extract(item))
    return out


@pytest.fixture(scope="module")
def seed() -> Analysis:
    (analysis,) = _load(ROOT / EXPECTED["article"])
    return analysis


@pytest.mark.parametrize("want", EXPECTED["statements"], ids=lambda w: w.get("contains") or w.get("exact"))
def test_seed_statement(seed: Analysis, want: dict) -> None:
    text = seed.article.text
    matches = [
        s for s in seed.statements
        if s.kind == want["kind"]
        and (want.get("exact") == s.content.slice(text) if "exact" in want else want["contains"] in s.content.slice(text))
    ]
    assert matches, f"no {want['kind']} statement for {want}"
    assert any(s.speaker == want["speaker"] for s in matches), [(s.speaker, s.rule) for s in matches]
    if "rule" in want:
        assert any(s.rule == want["rule"] for s in matches)


def test_seed_speakers(seed: Analysis) -> None:
    for name, want in EXPECTED["speakers"].items():
        sp = seed.speaker(name)
        assert sp is not None, name
        assert sp.kind == want["kind"]
        for alias in want.get("aliases", []):
            assert sp.matches(alias), (name, alias, sp.aliases)


def _all_seeds() -> list[Analysis]:
    return _load(ROOT / "seeds")


@pytest.mark.parametrize("analysis", _all_seeds(), ids=lambda a: a.article.id)
def test_invariants_over_every_seed(analysis: Analysis) -> None:
    text = analysis.article.text
    body = analysis.article.paragraphs
    groups: dict[int, set[str | None]] = {}
    for n, s in enumerate(analysis.statements):
        piece = s.content.slice(text)
        assert piece.strip(), "empty statement"
        assert any(p.start <= s.start and s.end <= p.end for p in body) or s.kind == "direct", "statement outside the body"
        for span in (s.cue, s.speaker_mention):
            if span is not None:
                assert 0 <= span.start < span.end <= len(text)
        if s.group is not None:
            groups.setdefault(s.group, set()).add(s.speaker)
        if s.parent is not None:
            parent = analysis.statements[s.parent]
            assert parent.start <= s.start and s.end <= parent.end
        assert s.rule
    for group, speakers in groups.items():
        assert len(speakers) == 1, f"group {group} has speakers {speakers}"
    names = {sp.name for sp in analysis.speakers}
    assert {s.speaker for s in analysis.statements if s.speaker} <= names
