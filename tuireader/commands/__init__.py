"""Subcommands of the ``tuireader`` command, one module each.

Each module has ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TextIO

from tuireader.sanitize import clean_text


def one_line(text: str) -> str:
    """``text`` safe for the terminal and on one line: controls as visible stand-ins, and a line
    break (a file name or a theme key may hold one) as ``␊``, so that each problem stays one
    line for a script reading standard error."""
    return clean_text(text).replace("\n", "\u240a")


def say(text: str, stream: TextIO | None = None) -> None:
    """Print ``tuireader: TEXT`` as one line (see `one_line`) on ``stream``, standard error
    when None."""
    print(f"tuireader: {one_line(text)}", file=stream or sys.stderr)


def count(minimum: int) -> Callable[[str], int]:
    """An argparse type for a whole number of at least ``minimum`` ("--limit 0" is an error)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"expected {minimum} or more, got {value}")
        return value

    return parse
