"""``tuireader [PATH...]``: open the reader (until it exists, print the statements)."""

from __future__ import annotations

import argparse

from tuireader.seeds import seeds_dir

NAME = "read"
HELP = "open the reader"


def run(args: argparse.Namespace) -> int:
    """Open the given paths, or the bundled seeds when there are none."""
    from tuireader.commands import extract

    paths = args.paths or [str(seeds_dir())]
    ns = argparse.Namespace(paths=paths, format="md", kind=("direct", "indirect", "claim"), speaker=None)
    return extract.run(ns)
