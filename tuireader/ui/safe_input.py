"""A text box whose value never holds a control character."""

from __future__ import annotations

from textual.widgets import Input

from tuireader.sanitize import clean_text


class SafeInput(Input):
    """An `Input` that turns control characters into visible stand-ins as they arrive.

    Keys cannot type an escape sequence, but a paste can carry one (text copied from an
    article, from a web page, from anywhere), and `Input` draws its value as it is: the
    sequence would reach the terminal. Stand-ins keep the length, so the cursor stays put;
    a pasted ESC looks like the ␛ the body shows for it, so finding it still works.
    """

    def validate_value(self, value: str) -> str:
        return clean_text(value)
