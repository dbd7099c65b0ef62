"""YAML parsing with safe_load, a size limit and no alias expansion bombs."""

from __future__ import annotations

from typing import Any

import yaml

from tuireader.loading.errors import LoadError

MAX_YAML_BYTES = 1_000_000
MAX_ALIASES = 100


def parse_yaml(text: str, where: str) -> Any:
    """Parse YAML safely.

    Args:
        text: The YAML document.
        where: Name of the file for messages.

    Returns:
        The loaded value.

    Raises:
        LoadError: Too large, too many aliases, or not valid YAML.
    """
    if len(text) > MAX_YAML_BYTES:
        raise LoadError(where, f"YAML larger than {MAX_YAML_BYTES} characters")
    try:
        aliases = sum(1 for event in yaml.parse(text) if isinstance(event, yaml.AliasEvent))
        if aliases > MAX_ALIASES:
            raise LoadError(where, f"YAML uses {aliases} aliases (limit {MAX_ALIASES})")
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise LoadError(where, f"invalid YAML{at}: {problem}") from None
