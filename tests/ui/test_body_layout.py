"""Wrapping and finding keep offsets into the article text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.model import Span, paragraph_spans
from tuireader.ui.body_layout import build_layout, display_text, find_all, fold, wrap


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("one two three", 7, ["one two", "three"]),
        ("one two three", 3, ["one", "two", "thr", "ee"]),
        ("  lead and  gap ", 20, ["lead and  gap"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("漢字漢字 かな", 4, ["漢字", "漢字", "かな"]),
        ("a\nb c", 3, ["a b", "c"]),
    ],
)
def test_wrap(text: str, width: int, expected: list[str]) -> None:
    shown = display_text(text)
    assert [shown[s:e] for s, e in wrap(shown, 0, len(shown), width)] == expected


def test_display_text_keeps_length_and_hides_controls() -> None:
    raw = "a\tb\r\nc\x1b[2Jd\u202ee"
    shown = display_text(raw)
    assert len(shown) == len(raw)
    assert "\x1b" not in shown and "\u202e" not in shown and "\n" not in shown


def test_layout_maps_offsets_to_lines() -> None:
    text = "First paragraph here.\n\nSecond one, longer than the width.\n\nThird."
    layout = build_layout(display_text(text), paragraph_spans(text), 12)
    shown = [text[s:e] if s >= 0 else "" for s, e in layout.lines]
    assert shown == ["First", "paragraph", "here.", "", "Second one,", "longer than", "the width.", "", "Third."]
    for n, (start, end) in enumerate(layout.lines):
        if start >= 0:
            assert all(layout.line_of(o) == n for o in range(start, end))
    assert list(layout.lines_of(Span(text.index("one"), text.index("width")))) == [4, 5, 6]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab c\n漢é"), max_size=80), st.integers(1, 15))
def test_wrap_never_loses_a_character(text: str, width: int) -> None:
    shown = display_text(text)
    lines = wrap(shown, 0, len(shown), width)
    joined = "".join(shown[s:e] for s, e in lines).replace(" ", "")
    assert joined == shown.replace(" ", "")
    assert all(s < e for s, e in lines)
    assert all(b[0] >= a[1] for a, b in zip(lines, lines[1:]))


def test_find_is_smart_case_and_same_length() -> None:
    text = "Straße and STRASSE; İstanbul then istanbul"
    folded = fold(text)
    assert len(folded) == len(text)
    # "İ" lower-cases to two characters, so the folded copy keeps it as written.
    assert [text[m.start:m.end] for m in find_all(text, folded, "istanbul")] == ["istanbul"]
    assert [text[m.start:m.end] for m in find_all(text, folded, "and")] == ["and"]
    assert [text[m.start:m.end] for m in find_all(text, folded, "STRASSE")] == ["STRASSE"]
    assert [text[m.start:m.end] for m in find_all(text, folded, "strasse")] == ["STRASSE"]
    assert find_all(text, folded, "   ") == []
