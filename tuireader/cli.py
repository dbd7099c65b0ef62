"""Command line: ``tuireader [PATH...]`` opens the reader; subcommands work without a UI."""

from __future__ import annotations

import argparse
import codecs
import importlib
import sys
from collections.abc import Sequence

from tuireader import __version__
from tuireader.sanitize import clean_text

COMMANDS = {
    "extract": "tuireader.commands.extract",
    "themes": "tuireader.commands.themes",
    "index": "tuireader.commands.index",
    "search": "tuireader.commands.search",
}
"""Subcommand name -> module with NAME, HELP, add_arguments() and run()."""


def build_parser() -> argparse.ArgumentParser:
    """The parser for ``tuireader [PATH...]``, listing the subcommands in its help."""
    lines = [f"  {name:<10} {importlib.import_module(mod).HELP}" for name, mod in COMMANDS.items()]
    parser = argparse.ArgumentParser(
        prog="tuireader",
        description="A keyboard-driven terminal reader that shows who said what in news articles. "
        "With no PATH it opens the bundled seed articles.",
        epilog="commands (run 'tuireader COMMAND --help'):\n" + "\n".join(lines),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"tuireader {__version__}")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or directories of articles, or - for standard input")
    from tuireader.commands import read

    read.add_arguments(parser)
    return parser


def command_parser(name: str) -> argparse.ArgumentParser:
    """The parser for one subcommand."""
    module = importlib.import_module(COMMANDS[name])
    parser = argparse.ArgumentParser(prog=f"tuireader {name}", description=module.HELP)
    module.add_arguments(parser)
    return parser


def _is_stdout_encoding(name: str) -> bool:
    """Whether ``name`` is the encoding of standard output (a locale without UTF-8)."""
    try:
        return codecs.lookup(name).name == codecs.lookup(sys.stdout.encoding or "").name
    except LookupError:
        return False


def parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """Parse ``argv`` allowing options between the positionals ("search bridge --limit 5 DIR"),
    which plain ``parse_args`` refuses once it has read the first positional.

    After ``--`` the plain parser is used: Python 3.11's intermixed parsing takes an argument
    after ``--`` that starts with ``-`` for an unknown option.
    """
    if "--" in argv:
        return parser.parse_args(argv)
    return parser.parse_intermixed_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``tuireader`` command.

    Args:
        argv: Arguments without the program name; ``sys.argv[1:]`` when None.

    Returns:
        The exit status.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        module = importlib.import_module(COMMANDS[argv[0]])
        args = parse(command_parser(argv[0]), argv[1:])
        try:
            return int(module.run(args))
        except BrokenPipeError:
            return 0
        except UnicodeEncodeError as exc:
            if not _is_stdout_encoding(exc.encoding):
                raise
            shown = clean_text(exc.object[exc.start : exc.end][:1])
            print(f"tuireader: error: standard output ({sys.stdout.encoding}) cannot show {shown!r}; "
                  "use a UTF-8 locale (LANG=C.UTF-8) or PYTHONIOENCODING=utf-8", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            return 130
    args = parse(build_parser(), argv)
    from tuireader.commands import read

    return int(read.run(args))
