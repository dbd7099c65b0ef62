"""Sentence splitting: abbreviations, initials and quotations."""

from __future__ import annotations

import pytest

from tuireader.extraction.tokens import sentence_spans


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Okafor left. Dr. Lind stayed.", ["Mr. Okafor left.", "Dr. Lind stayed."]),
        ("She moved to the U.K. in 1990. It rained.", ["She moved to the U.K. in 1990.", "It rained."]),
        ("He flew to the U.S. While there, he spoke.", ["He flew to the U.S.", "While there, he spoke."]),
        ("It joined the U.S. Navy. Then it left.", ["It joined the U.S. Navy.", "Then it left."]),
        ("She founded Marlow Inc. The firm grew fast.", ["She founded Marlow Inc.", "The firm grew fast."]),
        ("Sen. Ruiz spoke. Gen. Tam did not.", ["Sen. Ruiz spoke.", "Gen. Tam did not."]),
        ("It costs 3.5 million. Nobody paid.", ["It costs 3.5 million.", "Nobody paid."]),
        ("They bought pens, paper, etc. The rest waited.", ["They bought pens, paper, etc.", "The rest waited."]),
        ("We saw a cat. it was late.", ["We saw a cat. it was late."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_full_stop_inside_a_quotation_does_not_split() -> None:
    text = 'He said "Go home. Now" and left. Then it rained.'
    quote = (text.index('"'), text.rindex('"') + 1)
    spans = sentence_spans(text, 0, len(text), [quote])
    assert [text[a:b] for a, b in spans] == ['He said "Go home. Now" and left.', "Then it rained."]
