"""Small pieces of the reader's English."""

from __future__ import annotations


def plural(noun: str, count: int) -> str:
    """``noun`` as it goes with ``count``: "1 statement", "3 statements", "0 hits"."""
    return noun if count == 1 else noun + "s"


def sentence(text: str) -> str:
    """``text`` with its first letter in capitals (and nothing else changed, unlike
    `str.capitalize`): a command's message as the reader shows it."""
    return text[:1].upper() + text[1:]
