"""Where the bundled seed articles and themes are."""

from __future__ import annotations

import importlib
from pathlib import Path


def _bundled(package: str, folder: str) -> Path:
    try:
        module = importlib.import_module(package)
    except ModuleNotFoundError:
        module = None
    # a data folder shipped as a namespace package: its __path__ names the real folder
    for entry in getattr(module, "__path__", ()):
        path = Path(entry)
        if path.is_dir() and any(path.iterdir()):
            return path
    # Running from a checkout without installing: the folder beside the package.
    return Path(__file__).resolve().parent.parent / folder


def seeds_dir() -> Path:
    """The folder of bundled seed articles."""
    return _bundled("tuireader.bundled_seeds", "seeds")


def themes_dir() -> Path:
    """The folder of bundled theme files."""
    return _bundled("tuireader.bundled_themes", "themes")
