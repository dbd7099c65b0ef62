"""Size and nesting limits that keep a hostile or broken file from exhausting the machine.

A news article is a few kilobytes; the longest features are well under a megabyte. The limits
are far above that, and low enough that one bad file cannot take the memory of a small server.
"""

from __future__ import annotations

from typing import Any

from tuireader.loading.errors import LoadError

MAX_ARTICLE_BYTES = 4_000_000
"""One article: a plain-text or Markdown file, or one line of a JSON Lines file."""
MAX_HTML_BYTES = 10_000_000
"""One web page, scripts and styles included."""
MAX_FILE_BYTES = 50_000_000
"""A whole JSON document (many articles) or standard input. Use JSON Lines, which is streamed,
for bigger collections."""
MAX_DEPTH = 64
"""Nesting of lists and objects in JSON and YAML."""


def check_size(size: int, limit: int, where: str) -> None:
    """Refuse input larger than ``limit`` bytes.

    Raises:
        LoadError: Naming the size and the limit.
    """
    if size > limit:
        raise LoadError(where, f"too large ({size:,} bytes; the limit is {limit:,})")


def check_depth(value: Any, where: str, limit: int = MAX_DEPTH) -> None:
    """Refuse decoded JSON or YAML nested deeper than ``limit``, without recursion.

    Args:
        value: The decoded document.
        where: Name of the file for messages.
        limit: Deepest nesting of lists and mappings allowed.

    Raises:
        LoadError: The value is nested too deeply.
    """
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            raise LoadError(where, f"nested more than {limit} levels deep")
        stack.extend((child, depth + 1) for child in children)
