"""``tuireader extract``: print statements without a terminal UI."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence

from tuireader.commands import say
from tuireader.export import FORMATS, iter_output
from tuireader.extraction import extract
from tuireader.loading import LoadError, LoadWarning, iter_articles, nothing_loaded, problem_line, shown_problem
from tuireader.model import STATEMENT_KINDS, Analysis, Statement

NAME = "extract"
HELP = "print the statements found in articles (no terminal UI)"


def parse_kinds(value: str) -> tuple[str, ...]:
    """Parse ``direct,indirect,claim`` into a tuple of kinds."""
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    bad = [k for k in kinds if k not in STATEMENT_KINDS]
    if bad or not kinds:
        raise argparse.ArgumentTypeError(
            f"unknown kind {', '.join(bad) or '(none)'}; choose from {','.join(STATEMENT_KINDS)}"
        )
    return kinds


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.description = "Print the quotations, reported speech and claims found in articles."
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, or - for standard input")
    parser.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default: jsonl)")
    parser.add_argument("--kind", type=parse_kinds, default=STATEMENT_KINDS, metavar="KINDS",
                        help="comma-separated kinds to keep: direct,indirect,claim (default: all)")
    parser.add_argument("--speaker", metavar="NAME",
                        help="keep statements by this speaker (matches any alias, any case)")


def report(item: LoadError | LoadWarning) -> None:
    """Print one load problem as a single line on standard error (its file named as the
    reader names it)."""
    say(shown_problem(problem_line(item)))


def select(analysis: Analysis, kinds: Sequence[str], speaker: str | None) -> list[Statement]:
    """The statements of ``analysis`` of the given kinds, by ``speaker`` if given."""
    chosen = [s for s in analysis.statements if s.kind in kinds]
    if speaker:
        names = {sp.name for sp in analysis.speakers if sp.matches(speaker)}
        chosen = [s for s in chosen if s.speaker in names]
    return chosen


def run(args: argparse.Namespace) -> int:
    """Run the command; 0 when at least one article loaded, 2 otherwise."""
    loaded = 0
    # with a filter, an article none of whose statements is kept is left out of the output
    filtered = bool(args.speaker) or set(args.kind) != set(STATEMENT_KINDS)

    def items() -> Iterator[tuple[Analysis, list[Statement]]]:
        nonlocal loaded
        for item in iter_articles(args.paths):
            if isinstance(item, (LoadError, LoadWarning)):
                report(item)
                continue
            loaded += 1
            analysis = extract(item)
            chosen = select(analysis, args.kind, args.speaker)
            if chosen or not filtered:
                yield analysis, chosen

    for chunk in iter_output(args.format, items()):
        sys.stdout.write(chunk)
    sys.stdout.flush()
    if not loaded:
        say(f"error: {nothing_loaded(args.paths)}")
        return 2
    return 0
