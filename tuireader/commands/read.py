"""``tuireader [PATH...]``: open the reader."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tuireader.commands import say
from tuireader.seeds import seeds_dir

NAME = "read"
HELP = "open the reader"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the reader's options (on the top-level parser, which has no subcommand)."""
    parser.add_argument("--config", metavar="PATH",
                        help="read settings from this file instead of ~/.config/tuireader/config.yaml")
    parser.add_argument("--theme", metavar="NAME", help="start with this theme")
    parser.add_argument("--low-bandwidth", action="store_true",
                        help="no animations or blinking cursor (automatic over SSH)")
    parser.add_argument("--no-state", action="store_true",
                        help="neither read nor save read marks, bookmarks and the chosen theme")
    parser.add_argument("--no-cache", action="store_true",
                        help="index the articles for search in a temporary database instead of the cache")


def take_stdin(paths: list[str]) -> str | None:
    """When ``-`` is among the paths and standard input is not the terminal, read it now and
    put the terminal back on standard input, where the reader takes its keys from.

    Returns:
        A one-line problem when there is no terminal to take keys from, else None.
    """
    if "-" not in paths or sys.stdin is None or sys.stdin.isatty():
        return None
    from tuireader.loading import read_stdin

    read_stdin()
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError as exc:
        return f"-: the reader takes its keys from the terminal, and there is none ({exc.strerror}); " \
               "use 'tuireader extract -' to read standard input without one"
    try:
        os.dup2(terminal, sys.stdin.fileno())
    finally:
        os.close(terminal)
    return None


def run(args: argparse.Namespace) -> int:
    """Open the given paths, the configured ones, or the bundled seeds, in that order."""
    from tuireader.config import load_config
    from tuireader.state import default_state_path

    config, problems = load_config(getattr(args, "config", None))
    for problem in problems:
        say(f"warning: {problem}")
    paths = list(args.paths) or list(config.paths) or [str(seeds_dir())]
    if (problem := take_stdin(paths)) is not None:
        say(f"error: {problem}")
        return 2
    state_path: Path | None = None if getattr(args, "no_state", False) else default_state_path()

    from tuireader.ui.app import create_app

    app = create_app(
        paths,
        config,
        state_path=state_path,
        notices=problems,
        theme_name=getattr(args, "theme", None),
        low_bandwidth=getattr(args, "low_bandwidth", False),
        use_archive=True,
        use_cache=not getattr(args, "no_cache", False),
    )
    app.run()
    return int(app.return_code or 0)
