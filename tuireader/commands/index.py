"""``tuireader index``: build the cache ahead of time, with a progress bar."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TextIO

from tuireader.commands import count, say
from tuireader.index import Archive, CacheError, Progress
from tuireader.loading import nothing_loaded, shown_problem

NAME = "index"
HELP = "load and extract articles into the cache ahead of time"
BAR_WIDTH = 24
REDRAW_SECONDS = 0.1


def add_cache_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every command using the cache shares."""
    parser.add_argument("--cache-dir", metavar="DIR",
                        help="where the cache lives (default: $TUIREADER_CACHE_DIR, else the user cache directory)")
    parser.add_argument("--workers", type=count(0), metavar="N",
                        help="processes for extraction (default: one per core; 0: none, all in this process)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.description = (
        "Load and extract the articles under PATHs into the cache ahead of time, so that "
        "'tuireader search' finds them at once. Unchanged files are skipped."
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories of articles")
    add_cache_arguments(parser)


class ProgressLine:
    """Shows indexing progress on a terminal: a bar redrawn in place; nothing otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self._drawn = 0.0

    def message(self, text: str) -> None:
        """Print one problem line (clearing the bar first)."""
        self._clear()
        say(shown_problem(text), self.stream)

    def update(self, progress: Progress) -> None:
        """Redraw the bar (at most ten times a second)."""
        now = time.monotonic()
        if not self.live or now - self._drawn < REDRAW_SECONDS:
            return
        self._drawn = now
        if progress.waiting:
            line = "waiting for another tuireader to finish indexing this cache..."
        else:
            share = progress.bytes_done / progress.bytes_total if progress.bytes_total else 1.0
            filled = int(share * BAR_WIDTH)
            rate = progress.articles_new / progress.elapsed if progress.elapsed else 0.0
            line = (f"indexing [{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {share:4.0%}"
                    f"  {progress.articles:,} articles  {rate:,.0f}/s")
        self.stream.write("\r\x1b[K" + line)
        self.stream.flush()

    def _clear(self) -> None:
        if self.live and self._drawn:
            self.stream.write("\r\x1b[K")
            self._drawn = 0.0

    def close(self) -> None:
        """Remove the bar."""
        self._clear()
        self.stream.flush()


def build(archive: Archive, workers: int | None, stream: TextIO | None = None) -> Progress:
    """Index ``archive``, showing problems and (on a terminal) a progress bar.

    Args:
        archive: The archive.
        workers: Processes for extraction (see `Archive.index`).
        stream: Where to write; standard error when None.

    Returns:
        The last progress event.
    """
    line = ProgressLine(stream or sys.stderr)
    for notice in archive.notices:
        line.message(f"notice: {notice}")
    last = None
    try:
        for progress in archive.index(workers=workers):
            for text in progress.messages:
                line.message(text)
            line.update(progress)
            last = progress
    except KeyboardInterrupt:
        line.close()
        kept = last.articles_new if last is not None else 0
        say(f"interrupted: the cache keeps the {plural(kept, 'article')} indexed in this run;"
            " run the same command again to index the rest", line.stream)
        raise
    finally:
        line.close()
    assert last is not None
    return last


def plural(number: int, noun: str) -> str:
    """``1 article``, ``2 articles``, ``5,038 articles``."""
    return f"{number:,} {noun}{'s' * (number != 1)}"


def open_archive(args: argparse.Namespace, paths: list[str] | None, *, use_cache: bool = True) -> Archive | None:
    """Open the archive for a command, or print why not and return None."""
    try:
        return Archive.open(paths, cache_dir=args.cache_dir, use_cache=use_cache)
    except CacheError as exc:
        say(f"error: {exc}")
        return None


def run(args: argparse.Namespace) -> int:
    """Run the command; 0 when the archive holds at least one article, 2 otherwise."""
    archive = open_archive(args, args.paths)
    if archive is None:
        return 2
    with archive:
        last = build(archive, args.workers)
        cached = last.articles - last.articles_new
        rate = f", {last.articles_new / last.elapsed:,.0f}/s" if last.articles_new and last.elapsed else ""
        say(
            f"{plural(last.articles, 'article')} in {plural(last.files_total, 'file')}"
            f" ({last.articles_new:,} indexed now, {cached:,} from the cache) in {last.elapsed:.1f} s{rate};"
            f" cache {archive.db}"
        )
        if not last.articles:
            say(f"error: {nothing_loaded(args.paths)}")
            return 2
    return 0
