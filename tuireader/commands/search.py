"""``tuireader search``: search the cache from the command line."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict

from tuireader.commands import count, say
from tuireader.commands.index import add_cache_arguments, build, open_archive
from tuireader.export import _md_escape, csv_cell, dumps, md_url
from tuireader.index import Hit, QueryError, parse_query
from tuireader.index.search import ORDERS

NAME = "search"
HELP = "search statements and article text across the cache (no terminal UI)"
FORMATS = ("jsonl", "csv", "md")
CSV_FIELDS = ("article_id", "title", "date", "source", "url", "path", "kind", "speaker", "text", "start", "end")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.description = (
        "Search the statements and the text of indexed articles. PATHs are indexed (or "
        "brought up to date) first and searched alone; with no PATH the whole cache is searched. "
        'QUERY: words, "phrases", word* (prefix), -word (exclude), and the filters '
        "speaker:NAME kind:direct,indirect,claim date:2025-06 (or FROM..TO) source:WORDS."
    )
    # QUERY is optional to argparse only so that its message for a missing QUERY does not
    # call the optional PATHs required as well; run() says QUERY is missing.
    parser.usage = "%(prog)s [options] QUERY [PATH ...]"
    parser.add_argument("query", nargs="?", metavar="QUERY", help='e.g. \'speaker:roe kind:direct "open the bridge"\'')
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or directories to index and search")
    parser.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default: jsonl)")
    parser.add_argument("--limit", type=count(1), default=50, metavar="N", help="hits at most (default: 50)")
    parser.add_argument("--sort", choices=ORDERS, default="relevance", help="order of hits (default: relevance)")
    parser.add_argument("--no-cache", action="store_true",
                        help="neither read nor write the cache: index PATHs in a temporary database")
    add_cache_arguments(parser)


def hit_record(hit: Hit) -> dict[str, object]:
    """One hit as a JSON object: the article's own id, then where and what."""
    fields = asdict(hit)
    del fields["article_id"], fields["article_key"]
    # the order the README lists them in: the article's own id, the cache's, then the rest
    record: dict[str, object] = {"article_id": hit.article_key, "cache_id": hit.article_id, **fields}
    record["matches"] = [list(m) for m in hit.matches]
    return record


def iter_hits(fmt: str, hits: Iterable[Hit], query: str) -> Iterator[str]:
    """Output text for the hits in one of `FORMATS`."""
    if fmt == "jsonl":
        for hit in hits:
            yield dumps(hit_record(hit)) + "\n"
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(CSV_FIELDS)
        for hit in hits:
            record = hit_record(hit)
            writer.writerow(["" if record[f] is None else csv_cell(record[f]) for f in CSV_FIELDS])
        yield buf.getvalue()
    elif fmt == "md":
        yield f"# Search: {_md_escape(query)}\n\n"
        for hit in hits:
            where = ", ".join(_md_escape(p) for p in (hit.title, hit.source, hit.date) if p)
            who = f" — **{_md_escape(hit.speaker)}**" if hit.speaker else ""
            url = md_url(hit.url)
            yield f"- {hit.kind}: “{_md_escape(hit.text)}”{who}, *{where}*{url}\n"
    else:
        raise ValueError(f"unknown format {fmt!r}")


def run(args: argparse.Namespace) -> int:
    """Run the command: 0 with hits, 1 with none, 2 on a bad query or no archive."""
    if args.query is None:
        print("tuireader search: error: the following arguments are required: QUERY "
              "(see tuireader search --help)", file=sys.stderr)
        return 2
    try:
        query = parse_query(args.query)
    except QueryError as exc:
        say(f"error: query: {exc}")
        return 2
    if query.is_empty:
        print("tuireader: error: query: nothing to search for", file=sys.stderr)
        return 2
    if args.no_cache and not args.paths:
        print("tuireader: error: --no-cache needs PATHs to search", file=sys.stderr)
        return 2
    archive = open_archive(args, args.paths or None, use_cache=not args.no_cache)
    if archive is None:
        return 2
    with archive:
        if args.paths:
            build(archive, args.workers)
        else:
            archive.forget_missing()  # no hits from files deleted since they were indexed
        if not archive.count():
            where = "these paths" if args.paths else "the cache (run 'tuireader index PATH...' first)"
            print(f"tuireader: error: no articles in {where}", file=sys.stderr)
            return 2
        hits = archive.search(query, limit=max(0, args.limit), order=args.sort)
        for chunk in iter_hits(args.format, hits, args.query):
            sys.stdout.write(chunk)
        sys.stdout.flush()
    return 0 if hits else 1
