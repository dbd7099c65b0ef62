"""YAML parsing with safe_load, a size limit and no alias expansion bombs.

Before anything is built, one pass over the parser's events (which libyaml produces without
recursion) refuses documents that are nested too deeply, use too many aliases, refer to
themselves, or would expand past `MAX_YAML_NODES`. Only then is the document loaded with the
safe loader: ``yaml.safe_load``'s loader, the libyaml one when PyYAML has it (libyaml's
composer recurses in C and would crash on deep nesting, hence the depth check first).
"""

from __future__ import annotations

from typing import Any

import yaml

from tuireader.loading.errors import LoadError
from tuireader.loading.limits import MAX_DEPTH

MAX_YAML_BYTES = 1_000_000
"""Default size limit: front matter, configuration and theme files."""
MAX_ALIASES = 100
"""Alias references (``*name``) allowed in one document."""
MAX_YAML_NODES = 1_000_000
"""Scalars and collections in the document with every alias expanded."""

_SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPENING = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSING = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _check_events(text: str, where: str) -> None:
    """Refuse deep nesting, alias bombs and self-reference before building anything."""
    depth = aliases = nodes = 0
    anchor_nodes: dict[str, int] = {}
    open_anchors: list[tuple[str | None, int]] = []
    for event in yaml.parse(text, Loader=_SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise LoadError(where, f"YAML uses more than {MAX_ALIASES} aliases")
            if any(event.anchor == name for name, _ in open_anchors):
                raise LoadError(where, f"YAML alias *{event.anchor} refers to a node that contains it")
            nodes += anchor_nodes.get(event.anchor, 1)
        elif isinstance(event, yaml.ScalarEvent):
            nodes += 1
            if event.anchor is not None:
                anchor_nodes[event.anchor] = 1
        elif isinstance(event, _OPENING):
            depth += 1
            if depth > MAX_DEPTH:
                raise LoadError(where, f"YAML nested more than {MAX_DEPTH} levels deep")
            open_anchors.append((event.anchor, nodes))
            nodes += 1
        elif isinstance(event, _CLOSING):
            depth -= 1
            name, before = open_anchors.pop()
            if name is not None:
                anchor_nodes[name] = nodes - before
        if nodes > MAX_YAML_NODES:
            raise LoadError(where, f"YAML expands to more than {MAX_YAML_NODES:,} values (alias bomb?)")


def parse_yaml(text: str, where: str, limit: int = MAX_YAML_BYTES) -> Any:
    """Parse YAML safely.

    Args:
        text: The YAML document.
        where: Name of the file for messages.
        limit: Largest document accepted, in characters.

    Returns:
        The loaded value.

    Raises:
        LoadError: Too large, too deep, too many aliases, or not valid YAML.
    """
    if len(text) > limit:
        raise LoadError(where, f"YAML larger than {limit:,} characters")
    try:
        _check_events(text, where)
        return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - the safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise LoadError(where, f"invalid YAML{at}: {problem}") from None
    except (ValueError, TypeError, OverflowError) as exc:
        # A tagged or timestamp-looking scalar that does not construct (2025-13-45, !!int x).
        raise LoadError(where, f"invalid YAML value: {exc}") from None
