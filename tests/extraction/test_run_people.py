"""The shortcuts for capitalised runs give what the full reading gives."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.extraction.resolve import _ends_sentence, _has_digit, _key, _person_run, _plain_run, _split_run

WORDS = st.sampled_from([
    "Jane", "Roe", "Ann", "Lee", "A", "J.", "J.R.", "Smith.", "Roe's", "Roe’s", "Co.'s", "Peace.", "U.S.",
    "The", "But", "He", "While", "Of", "of", "the", "de", "bin", "New", "President", "Prime", "Minister",
    "Mr", "Mrs", "Gen.", "Singer", "Former", "Ministry", "Foreign", "Affairs", "Bank", "Day", "Street",
    "Kenya", "France", "RAF", "UCL", "XC90", "11", "Élise", "Erdoğan", "Þór",
])
RUNS = st.lists(WORDS, min_size=1, max_size=7).map(" ".join)


def _split_run_by_words(run: str, at: int) -> list[tuple[tuple[str, ...], int, int]]:
    """`_split_run` word by word, as it was written first."""
    out: list[tuple[tuple[str, ...], int, int]] = []
    words: list[str] = []
    start = pos = at
    for m in re.finditer(r"\S+", run):
        w = m.group()
        if not words:
            start = at + m.start()
        words.append(w)
        pos = at + m.end()
        if w[-1] == "." and _ends_sentence(w):
            words[-1] = w[:-1]
            out.append((tuple(words), start, pos - 1))
            words = []
    if words:
        out.append((tuple(words), start, pos))
    return out


@pytest.mark.parametrize("run", [
    "Jane Roe", "But Jane Roe", "The Guardian", "Louisiana Recovery Authority", "Plan A", "Jane Roe's",
    "RAF Croughton", "Apollo 11", "Peace. President Putin", "J.R. Smith. Jane\tRoe", "Japanese Prime Minister Junichiro Koizumi.",
])
def test_examples(run: str) -> None:
    assert _split_run(run, 5) == _split_run_by_words(run, 5)
    _agrees(run)


@settings(max_examples=1000, deadline=None)
@given(RUNS)
def test_any_run(run: str) -> None:
    assert _split_run(run, 0) == _split_run_by_words(run, 0)
    _agrees(run)


def _agrees(run: str) -> None:
    """`_plain_run`, when it answers, answers as `_person_run` (``()`` for its None)."""
    digits = _has_digit(run)
    for words, _start, _stop in _split_run(run, 0):
        keys = list(map(_key, words))
        plain = _plain_run(run, words, keys, digits)
        if plain is not None:
            assert plain == (_person_run(words, digits) or ())
        assert _person_run(words, digits, keys) == _person_run(words, digits)
