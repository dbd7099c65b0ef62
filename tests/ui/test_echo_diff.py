"""How an echo's passage shows the quote's words it lacks and the words it adds.

The opcodes are written by hand, in the form `tuireader.index.echo` gives them: character
ranges over the quote's words and the passage's words, punctuation and spaces outside them.
"""

from __future__ import annotations

import pytest
from rich.style import Style

from tuireader.index import Echo, Hit
from tuireader.index.echo import Opcode
from tuireader.ui.echo_screen import render_diff

INSERT = Style(underline=True)
DELETE = Style(strike=True)


def _echo(passage: str, opcodes: tuple[Opcode, ...]) -> Echo:
    hit = Hit(1, "elsewhere", "Elsewhere", None, None, None, "elsewhere.txt", kind="text", speaker=None,
              text=passage, start=0, end=len(passage), statement=None)
    return Echo(hit, 0.8, opcodes)


def _marked(quote: str, passage: str, opcodes: tuple[Opcode, ...]) -> str:
    """The diff as plain text with struck words in [brackets] and added ones in {braces}."""
    shown = render_diff(_echo(passage, opcodes), quote, INSERT, DELETE)
    out = shown.plain
    for span in sorted(shown.spans, key=lambda s: -s.start):
        left, right = ("[", "]") if span.style == DELETE else ("{", "}")
        out = out[: span.start] + left + out[span.start : span.end] + right + out[span.end :]
    return out


@pytest.mark.parametrize(
    ("quote", "passage", "opcodes", "expected"),
    [
        # The passage stops early: the missing words follow the last word after a space.
        ("We will open the bridge before May, and not a day later", "We will open the bridge before May",
         (("equal", 0, 34, 0, 34), ("delete", 36, 55, 34, 34)),
         "We will open the bridge before May [and not a day later]"),
        ("the coast road was reopened", "the coast road reopened",
         (("equal", 0, 14, 0, 14), ("delete", 15, 18, 15, 15), ("equal", 19, 27, 15, 23)),
         "the coast road [was] reopened"),
        ("the coast road was reopened", "coast road was reopened",
         (("delete", 0, 3, 0, 0), ("equal", 4, 27, 0, 23)),
         "[the] coast road was reopened"),
        ("open the old bridge", "reopen the old bridge",
         (("replace", 0, 4, 0, 6), ("equal", 5, 19, 7, 21)),
         "[open] {reopen} the old bridge"),
        ("the old bridge", "the old bridge at last",
         (("equal", 0, 14, 0, 14), ("insert", 14, 14, 15, 22)),
         "the old bridge {at last}"),
    ],
)
def test_missing_and_added_words_sit_between_spaces(quote: str, passage: str, opcodes: tuple[Opcode, ...],
                                                    expected: str) -> None:
    assert _marked(quote, passage, opcodes) == expected
