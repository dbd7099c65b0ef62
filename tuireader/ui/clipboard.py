"""Copying over SSH: OSC 52, wrapped for tmux's passthrough when inside tmux."""

from __future__ import annotations

import base64

from tuireader.export import CITATION_SEPARATOR
from tuireader.sanitize import one_line

NOTICE_CHARS = 200
"""How much of the copied text a notification shows."""
CITATION_WORDS_CHARS = 60
"""Of a citation whose source takes the whole notice, how much of the quoted words it shows."""
SOURCE_CHARS = 3 * NOTICE_CHARS
"""The longest source of a citation that a notification shows whole."""


def osc52(text: str) -> str:
    """The OSC 52 sequence that puts ``text`` on the terminal's clipboard."""
    return f"\x1b]52;c;{base64.b64encode(text.encode('utf-8')).decode('ascii')}\a"


def tmux_passthrough(sequence: str) -> str:
    """Wrap an escape sequence so tmux passes it on to the outer terminal.

    tmux forwards ``ESC P tmux; ... ESC \\`` with every ESC inside doubled (and only when its
    ``allow-passthrough`` option is on; otherwise tmux's own ``set-clipboard`` handles the bare
    OSC 52 that is sent as well).
    """
    return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"


def notice_text(text: str, limit: int = NOTICE_CHARS) -> str:
    """What a notification shows of copied text: one safe line, shortened.

    A citation (``“words” — speaker, title, source, date, url``) is shortened in its quoted
    words, so that a long quotation does not push out where it comes from: the notice is there
    to be selected by hand where OSC 52 is off, and a citation without its url is no use. A
    long source (up to `SOURCE_CHARS`) stays whole, past ``limit`` if need be.
    """
    flat = one_line(text, len(text) + 1)
    if len(flat) <= limit:
        return flat
    words, sep, source = flat.rpartition(CITATION_SEPARATOR)
    if sep and len(source) <= SOURCE_CHARS:
        room = max(limit - len(sep) - len(source), CITATION_WORDS_CHARS)
        return (words if len(words) <= room else words[: room - 1] + "…") + sep + source
    return flat[: limit - 1] + "…"
