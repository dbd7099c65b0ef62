"""The reader's configuration file: theme, keymap, default paths, low-bandwidth mode.

The file is ``config.yaml`` in the user config dir (``~/.config/tuireader/`` on Linux), or the
file given with ``--config``. ``TUIREADER_CONFIG_DIR`` moves the default folder (tests use it).
A bad file never stops the reader: each problem becomes one line naming the file, and the
defaults stand in for whatever could not be read.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from tuireader.loading.errors import LoadError, file_problem, shown_path
from tuireader.loading.safe_yaml import MAX_YAML_BYTES, parse_yaml
from tuireader.sanitize import clean_text

APP_NAME = "tuireader"
CONFIG_DIR_ENV = "TUIREADER_CONFIG_DIR"
"""Environment variable naming the folder that holds ``config.yaml``."""

KNOWN_KEYS = ("theme", "keymap", "paths", "low_bandwidth")


@dataclass(frozen=True, slots=True)
class Config:
    """What the user configured; every field has a working default."""

    theme: str | None = None
    """Name of the theme to start with; None for the default."""
    keymap: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Binding id -> comma-separated keys, applied with ``App.set_keymap``."""
    paths: tuple[str, ...] = ()
    """Articles to open when the command line names none."""
    low_bandwidth: bool = False
    """No animations or blinking, as over SSH."""
    source: str = "config"
    """The file the settings came from, for messages about them."""


def user_dir(env_var: str, kind: str) -> Path:
    """A per-user folder of tuireader's, or the folder named by ``env_var`` when it is set.

    Args:
        env_var: The environment variable that overrides the folder.
        kind: ``config`` or ``data``: which platformdirs folder to use.
    """
    if override := os.environ.get(env_var):
        return Path(override)
    import platformdirs

    finder = platformdirs.user_config_dir if kind == "config" else platformdirs.user_data_dir
    return Path(finder(APP_NAME))


def config_dir() -> Path:
    """The folder of the user's configuration (``TUIREADER_CONFIG_DIR`` when set)."""
    return user_dir(CONFIG_DIR_ENV, "config")


def default_config_path() -> Path:
    """Where ``config.yaml`` is looked for when ``--config`` is not given."""
    return config_dir() / "config.yaml"


def _keys(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        keys = [k.strip() for k in value.split(",") if k.strip()]
    elif isinstance(value, list) and value and all(isinstance(k, str) and k.strip() for k in value):
        keys = [k.strip() for k in value]
    else:
        return None
    # A key name is a word such as "ctrl+j" or one printable character; anything with spaces
    # or control characters in it would only reach the help screen as garbage or escapes.
    if not keys or any(clean_text(k) != k or any(c.isspace() for c in k) for k in keys):
        return None
    return ",".join(keys)


def parse_config(data: Any, where: str) -> tuple[Config, list[str]]:
    """Build a `Config` from a loaded YAML value, keeping every good field.

    Args:
        data: What ``yaml.safe_load`` returned.
        where: The file name for messages.

    Returns:
        The configuration and one line per problem found.
    """
    problems: list[str] = []
    if data is None:
        return Config(), problems
    if not isinstance(data, dict):
        return Config(), [f"{where}: expected a mapping of settings, found {type(data).__name__}"]
    for key in data:
        if key not in KNOWN_KEYS:
            problems.append(f"{where}: unknown setting {key!r} ignored (known: {', '.join(KNOWN_KEYS)})")
    theme = data.get("theme")
    if theme is not None and not (isinstance(theme, str) and theme.strip()):
        problems.append(f"{where}: theme: expected a theme name, found {theme!r}")
        theme = None
    keymap: dict[str, str] = {}
    raw_keymap = data.get("keymap") or {}
    if not isinstance(raw_keymap, dict):
        problems.append(f"{where}: keymap: expected a mapping of binding id to keys")
        raw_keymap = {}
    for binding_id, value in raw_keymap.items():
        keys = _keys(value)
        if not isinstance(binding_id, str) or keys is None:
            problems.append(f"{where}: keymap: {binding_id!r}: expected keys such as 'j,down'")
            continue
        keymap[binding_id] = keys
    raw_paths = data.get("paths") or []
    if isinstance(raw_paths, str):
        raw_paths = [raw_paths]
    paths: list[str] = []
    if not isinstance(raw_paths, list):
        problems.append(f"{where}: paths: expected a list of files or folders")
        raw_paths = []
    for item in raw_paths:
        if isinstance(item, str) and item.strip():
            paths.append(os.path.expanduser(item))
        else:
            problems.append(f"{where}: paths: {item!r} is not a path")
    low = data.get("low_bandwidth", False)
    if not isinstance(low, bool):
        problems.append(f"{where}: low_bandwidth: expected true or false, found {low!r}")
        low = False
    config = Config(
        theme=theme.strip() if isinstance(theme, str) else None,
        keymap=MappingProxyType(keymap),
        paths=tuple(paths),
        low_bandwidth=low,
        source=where,
    )
    return config, problems


def load_config(path: str | Path | None = None) -> tuple[Config, list[str]]:
    """Read the configuration file.

    Args:
        path: The file given with ``--config``; the default file when None. A missing default
            file is not a problem; a missing explicit one is.

    Returns:
        The configuration (defaults where the file is missing or bad) and one line per problem.
    """
    explicit = path is not None
    file = Path(path) if explicit else default_config_path()
    where = shown_path(file)
    try:
        if file.stat().st_size > MAX_YAML_BYTES:
            return Config(), [f"{where}: config file larger than {MAX_YAML_BYTES} bytes; using defaults"]
        raw = file.read_bytes()
    except OSError as exc:
        if isinstance(exc, FileNotFoundError) and not explicit:
            return Config(), []
        return Config(), [f"{file_problem(file, 'cannot read config file', exc)}; using defaults"]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Config(), [f"{where}: config file is not UTF-8 text; using defaults"]
    try:
        data = parse_yaml(text, where)
    except LoadError as exc:
        return Config(), [f"{exc}; using defaults"]
    return parse_config(data, where)
