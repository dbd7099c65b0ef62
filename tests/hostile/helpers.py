"""Hostile inputs built here, and the checks that nothing of them reaches a terminal.

Every payload is written out below (no fixtures copied from anywhere): escape sequences that
set the window title, colour the screen, write the clipboard or query the terminal; the same in
their 8-bit C1 forms; bells, backspaces and carriage returns; bidirectional overrides; and
Rich/Textual markup that would style text, make a link or run an action if it were parsed.
"""

from __future__ import annotations

import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager

ESC = "\x1b"

PAYLOADS = {
    "osc0-title": f"{ESC}]0;pwned\a",
    "osc2-title": f"{ESC}]2;pwned{ESC}\\",
    "osc52-clipboard": f"{ESC}]52;c;cm0gLXJmIH4K\a",
    "osc8-link": f"{ESC}]8;;https://evil.example{ESC}\\click{ESC}]8;;{ESC}\\",
    "csi-red-background": f"{ESC}[41m",
    "csi-clear-screen": f"{ESC}[2J{ESC}[H",
    "dcs-query": f"{ESC}P1$qm{ESC}\\",
    "c1-csi": "\x9b31m",
    "c1-osc": "\x9d0;pwned\x9c",
    "c1-dcs": "\x90q\x9c",
    "bell": "\a",
    "backspace": "\b\b",
    "delete": "\x7f",
    "bidi-override": "\u202egnirts\u202c",
    "bidi-isolate": "\u2066iso\u2069 \u2067x\u2068y\u2069",
    "bidi-marks": "\u200e\u200f\u061c",
}
"""One of each kind of control sequence a terminal acts on."""

MARKUP_TOKENS = (
    "[b]bold[/b]",
    "[red]red[/red]",
    "[on_red]bg[/]",
    "[link=https://evil.example]link[/link]",
    "[@click=app.quit]quit[/]",
    "[$accent]var[/]",
)
"""Markup without spaces, so each token survives word wrapping and can be found on screen."""

MARKUP = " ".join(MARKUP_TOKENS) + " [bold red]x[/]"

HOSTILE = " ".join(PAYLOADS.values()) + " " + MARKUP
"""All the payloads and all the markup in one line (no line breaks)."""

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What must never reach a terminal: C0 controls but tab and newline, DEL, C1 controls, bidi
controls and lone surrogates (written here, not taken from the code under test)."""

# What Textual itself writes: CSI sequences (styles, cursor moves, modes), OSC 8 hyperlinks
# whose target holds no ESC or BEL, and OSC 22 pointer shapes.
_OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;:?<>=]*[ -/]*[@-~]|\x1b\]8;[^\x07\x1b]*\x1b\\|\x1b\]22;[a-z-]+\x07")


def unsafe_characters(text: str) -> list[str]:
    """Every character of ``text`` that must not reach a terminal, in order."""
    return UNSAFE.findall(text)


def foreign_sequences(terminal_output: str) -> list[str]:
    """What is left of the output a terminal would receive once Textual's own sequences are
    taken out: any ESC, BEL, C1 control or bidi control here came from the article."""
    rest = _OWN_SEQUENCES.sub("", terminal_output).replace("\n", "")
    return unsafe_characters(rest)


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in the main thread if the block is still running after ``seconds``.

    Not a speed target: a guard so that a hang (an exponential algorithm on hostile text) fails
    the test instead of stalling the whole run. The signal interrupts pure-Python loops too.
    """

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
