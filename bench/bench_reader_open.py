#!/usr/bin/env python3
"""Warm open of the reader on a large archive, against a minimal Textual app, and its peak memory.

    python bench/bench_reader_open.py [--articles 50000] [--runs 5] [--work DIR]

Builds (or, with ``--work`` naming a folder from an earlier run, reuses) an archive of
``--articles`` articles made by repeating the corpus with distinct ids, and its index in a
cache beside it. Then, each run a fresh Python process headless at 80x24 timed from process
start (imports count): the reader with the archive, until its sidebar is filled and the first
article's body is shown; and the minimal Textual app of ``bench_first_screen.py``. Prints the
medians and their ratio (floor: at most 2x), and the reader's peak RSS with the archive open,
after going to the last article of the list and typing a title filter (floor: under 400 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_archive import work_archive  # noqa: E402
from bench_first_screen import BASELINE  # noqa: E402

FLOOR_RATIO = 2.0
FLOOR_RSS_MB = 400.0

READER = """
import time; t0 = time.perf_counter()
import asyncio, json, resource, sys
from tuireader.ui.app import create_app

async def main():
    app = create_app([sys.argv[1]], state_path=None, use_archive=True)
    async with app.run_test(size=(80, 24)) as pilot:
        while app.reader.analysis is None or not app.reader.sidebar.options.option_count:
            await asyncio.sleep(0.002)
        await pilot.pause()
        seconds = time.perf_counter() - t0
        shown = app.reader.sidebar.options.option_count
        await app.workers.wait_for_complete()
        await pilot.press("shift+tab", "G", "enter", "shift+tab", "g", "slash", *"minister")
        await pilot.pause()
        while app.reader.sidebar.pending:  # a large archive filters in a worker
            await asyncio.sleep(0.005)
        await pilot.pause()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(json.dumps({"seconds": seconds, "shown": shown, "total": app.archive.count(),
                          "filtered": app.reader.sidebar.options.option_count, "peak_rss": peak}))

asyncio.run(main())
"""


def run(code: str, *args: str, cache: Path) -> str:
    """The last line a snippet prints, run in a new process with the cache in ``cache``."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cache.parent), "PYTHONPATH": str(ROOT),
           "TUIREADER_CONFIG_DIR": "/nonexistent", "TUIREADER_CACHE_DIR": str(cache), "TERM": "xterm-256color"}
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, env=env,
                         check=True, timeout=900)
    return out.stdout.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "large.jsonl.gz")
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, help="keep the archive and its index here and reuse them")
    args = parser.parse_args()
    with work_archive(args.work, args.corpus, args.articles, "bench_reader_open") as (archive, cache):
        from tuireader.index import Archive

        t0 = time.perf_counter()
        with Archive.open([archive], cache_dir=cache) as index:
            last = index.build()
        print(f"archive: {args.articles:,} articles; index brought up to date in {time.perf_counter() - t0:.1f} s "
              f"({last.articles_new:,} extracted now)")
        run(BASELINE, cache=cache)  # warm the file cache for both
        run(READER, str(archive), cache=cache)
        reader: list[dict[str, float]] = []
        baseline: list[float] = []
        for _ in range(args.runs):
            baseline.append(float(run(BASELINE, cache=cache).split()[0]))
            reader.append(json.loads(run(READER, str(archive), cache=cache)))
        r = statistics.median(x["seconds"] for x in reader)
        b = statistics.median(baseline)
        rss = max(x["peak_rss"] for x in reader) / 1e6
        sample = reader[-1]
        ratio_ok = r / b <= FLOOR_RATIO
        print(f"warm open to first screen (median of {args.runs}): reader {r * 1000:.0f} ms, minimal Textual app "
              f"{b * 1000:.0f} ms, ratio {r / b:.2f}x (floor <= {FLOOR_RATIO:.0f}x){'' if ratio_ok else '  BELOW FLOOR'}")
        print(f"  sidebar: {sample['shown']:,} rows at first screen of {sample['total']:,}; "
              f"a title filter left {sample['filtered']:,}")
        rss_ok = rss < FLOOR_RSS_MB
        print(f"reader peak RSS with the archive open: {rss:.0f} MB (floor < {FLOOR_RSS_MB:.0f} MB)"
              f"{'' if rss_ok else '  BELOW FLOOR'}")
    return 0 if ratio_ok and rss_ok else 1


if __name__ == "__main__":
    sys.exit(main())
