"""Where the bundled seed articles and themes are."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _bundled(package: str, folder: str) -> Path:
    try:
        found = resources.files(package)
        path = Path(str(found))
        if path.is_dir():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    # Running from a checkout without installing: the folder beside the package.
    return Path(__file__).resolve().parent.parent / folder


def seeds_dir() -> Path:
    """The folder of bundled seed articles."""
    return _bundled("tuireader.bundled_seeds", "seeds")


def themes_dir() -> Path:
    """The folder of bundled theme files."""
    return _bundled("tuireader.bundled_themes", "themes")
