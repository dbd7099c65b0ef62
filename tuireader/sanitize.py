"""Making untrusted article text safe to show in a terminal."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and bidirectional overrides/isolates.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _visible(m: re.Match[str]) -> str:
    ch = m.group(0)
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # control pictures: ␛ for ESC
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def clean_text(text: str) -> str:
    """Replace every control and bidi-override character with a visible stand-in.

    The result has the same length as ``text`` (one character for one), so offsets stay valid.

    Args:
        text: Untrusted text.

    Returns:
        Text that cannot move the cursor, set titles, change colours or reorder the display.
    """
    return _UNSAFE.sub(_visible, text)
