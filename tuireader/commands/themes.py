"""``tuireader themes``: list the available themes, or check theme files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tuireader.commands import one_line, say

NAME = "themes"
HELP = "list the available themes, or check theme files with --check"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.description = (
        "List the themes the reader can use and where each comes from: bundled with tuireader, "
        "the user's themes folder (a user theme replaces a bundled one of the same name), or "
        "built into Textual. With --check, validate theme files instead."
    )
    parser.add_argument("--check", nargs="+", metavar="FILE", type=Path,
                        help="check theme files and report every problem; exit 1 if any has one")


def check(files: list[Path]) -> int:
    """Validate theme files; 0 when all are good, 1 otherwise."""
    from tuireader.ui.theming import ThemeError, load_theme_file

    status = 0
    for path in files:
        try:
            loaded = load_theme_file(path)
        except ThemeError as exc:
            status = 1
            for line in exc.lines():  # FILE: KEY: expected ..., as the README shows them
                print(one_line(line), file=sys.stderr)
            continue
        kind = "ANSI" if loaded.theme.ansi else ("dark" if loaded.theme.dark else "light")
        print(one_line(f"{path}: ok: theme {loaded.name!r} ({kind})"))
    return status


def listing() -> int:
    """Print every available theme with where it came from; broken files go to stderr."""
    from tuireader.ui.theming import TEXTUAL, load_themes, user_themes_dir

    themes = load_themes()
    rows = []
    for loaded in sorted(themes.themes.values(), key=lambda t: (t.origin == TEXTUAL, t.name)):
        kind = "ANSI" if loaded.theme.ansi else ("dark" if loaded.theme.dark else "light")
        where = str(loaded.path) if loaded.path else "built into Textual"
        origin = loaded.origin + (f" (replaces {loaded.overrides})" if loaded.overrides else "")
        rows.append((loaded.name, kind, origin, where))
    width = max(len(row[0]) for row in rows)
    origin_width = max(len(row[2]) for row in rows)
    for name, kind, origin, where in rows:
        print(one_line(f"{name:<{width}}  {kind:<5}  {origin:<{origin_width}}  {where}"))
    print(one_line(f"user themes folder: {user_themes_dir()}"))
    for message in themes.messages:
        say(f"error: {message}")
    return 0


def run(args: argparse.Namespace) -> int:
    """Run the command."""
    if args.check:
        return check(args.check)
    return listing()
