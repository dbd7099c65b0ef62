"""The coded scan for capitalised runs finds exactly what the plain pattern finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.extraction.resolve import _CAP_RUN, _cap_runs

PIECES = st.lists(
    st.sampled_from(["Jane", "Roe", "ÉLISE", "Łukasz", "Þór", "of", "de", "bin", "the", "Of", "A", "x", "é",
                     " ", "  ", "\t", "\n", ".", "'", "’", "-", "_", "—", "ª", "²", "·", "\x01", "\x02",
                     "\x7f", "Ж", "ж", "1", "\ud800"]),
    max_size=40,
).map("".join)


def _plain(text: str, start: int, end: int) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _CAP_RUN.finditer(text, start, end)]


@pytest.mark.parametrize("text", [
    "President Donald Trump met Mayor of London Sadiq Khan.",
    "Osama bin Laden and Lech Wałęsa. ÉMILE Zola’s Þór Ýr",
    "Jane\tRoe, J.R.R. Tolkien and Hatice Cengiz\x01 Bey \x02Ann Lee",
    "A × B Smith",
])
def test_examples(text: str) -> None:
    assert _cap_runs(text, 0, len(text)) == _plain(text, 0, len(text))


@settings(max_examples=500, deadline=None)
@given(PIECES, st.integers(0, 20), st.integers(0, 20))
def test_any_text(text: str, cut_start: int, cut_end: int) -> None:
    start, end = min(cut_start, len(text)), max(0, len(text) - cut_end)
    assert _cap_runs(text, start, end) == _plain(text, start, end)
