"""Making untrusted article text safe to show in a terminal."""

from __future__ import annotations

import re
import urllib.parse

# C0 controls except tab and newline, DEL, C1 controls, bidirectional overrides/isolates/marks,
# and lone surrogates: file names that are not UTF-8 reach Python as U+DC80-U+DCFF, which a
# strict UTF-8 stream refuses (a crash) and a surrogateescape one writes back as raw bytes
# (0x9B is CSI to a terminal that reads 8-bit controls).
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]")


def _visible(m: re.Match[str]) -> str:
    ch = m.group(0)
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # control pictures: ␛ for ESC
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def clean_text(text: str) -> str:
    """Replace every control, bidi control and lone surrogate with a visible stand-in.

    The result has the same length as ``text`` (one character for one), so offsets stay valid.

    Args:
        text: Untrusted text.

    Returns:
        Text that cannot move the cursor, set titles, change colours or reorder the display,
        and that always encodes as UTF-8.
    """
    return _UNSAFE.sub(_visible, text)


def one_line(text: str, limit: int) -> str:
    """``text`` safe to show, on one line (runs of white space as one space), and at most
    ``limit`` characters long, ending in "…" when it was cut."""
    flat = " ".join(clean_text(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# Kept as they are in a URL: what RFC 3986 allows unencoded, less the quotes, brackets and
# parentheses that could end a markup attribute or a Markdown link.
_URL_SAFE = "/:?#@!$&*+,;=%-._~"


def safe_url(url: str) -> str:
    """``url`` with every character that could end a markup attribute, a Markdown autolink or a
    terminal sequence percent-encoded (quotes, brackets, angle brackets, spaces, controls,
    backslashes); lone surrogates become ``%EF%BF%BD``."""
    return urllib.parse.quote(url.strip(), safe=_URL_SAFE, errors="replace")
