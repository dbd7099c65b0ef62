#!/usr/bin/env python3
"""Extraction speed: articles per second and MB/s over a real corpus, on one core.

    python bench/bench_extract.py [--corpus ../shared/corpus/large.jsonl.gz] [--runs 3] [--cli]

Loads every article first (loading is not timed), then times `extract` over all of them in
one process (CPU time), several runs, and prints the median; also times pathological inputs
at two sizes, in pairs, to show the cost grows linearly (10x the input should cost about
10x the time, floor 12x, the fastest big run over the fastest small one). Floors: 1,000 articles/s on one core.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tuireader.extraction import extract  # noqa: E402
from tuireader.loading import iter_articles  # noqa: E402
from tuireader.model import Article  # noqa: E402

FLOOR_ARTICLES_PER_S = 1000
FLOOR_GROWTH = 12.0
GROWTH_PAIRS = 7


def pathological(kind: str, size: int) -> str:
    """Hostile text of about ``size`` characters."""
    if kind == "quotes":
        return ('"' * 50 + " said he ") * (size // 58)
    if kind == "unbalanced":
        return ('He said "this never closes and goes on ' * (size // 40))
    if kind == "one paragraph":
        return ('"A quote," said Ilse Varga, and the 42 percent figure, according to officials. ' * (size // 80))
    if kind == "apostrophes":
        return ("it's the mayor's 'plan' isn't it ' ' ' " * (size // 38))
    raise ValueError(kind)


def time_one(text: str, repeat: int = 3) -> float:
    """Best of ``repeat`` runs, in CPU time of this process (other load on the machine
    distorts wall time more than the thing measured)."""
    article = Article(id="p", text=text)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        extract(article)
        best = min(best, time.process_time() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "large.jsonl.gz"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    ap.add_argument("--skip-pathological", action="store_true")
    ap.add_argument("--cli", action="store_true", help="also time the whole 'tuireader extract' command")
    args = ap.parse_args()

    articles = [a for a in iter_articles([args.corpus]) if isinstance(a, Article)]
    if args.limit:
        articles = articles[: args.limit]
    if not articles:
        print(f"no articles loaded from {args.corpus}", file=sys.stderr)
        return 2
    chars = sum(len(a.text) for a in articles)
    size_mb = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    times = []
    statements = 0
    for _ in range(args.runs):
        t0 = time.process_time()  # CPU time of this process: one core, whatever else runs
        statements = sum(len(extract(a).statements) for a in articles)
        times.append(time.process_time() - t0)
    med = statistics.median(times)
    rate = len(articles) / med
    print(f"corpus: {len(articles)} articles, {chars:,} characters, {size_mb:.1f} MB, {statements:,} statements")
    print(f"extract: median {med:.2f} s over {args.runs} runs -> {rate:,.0f} articles/s, {size_mb / med:.2f} MB/s "
          f"(floor {FLOOR_ARTICLES_PER_S:,}/s: {rate / FLOOR_ARTICLES_PER_S:.2f}x)")
    if args.cli:
        cli_times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "tuireader", "extract", "--format", "jsonl", args.corpus],
                           stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
            cli_times.append(time.perf_counter() - t0)
        n_all = sum(1 for a in iter_articles([args.corpus]) if isinstance(a, Article))
        cmed = statistics.median(cli_times)
        print(f"tuireader extract (load + extract + JSON out, one process): median {cmed:.2f} s -> "
              f"{n_all / cmed:,.0f} articles/s (floor {FLOOR_ARTICLES_PER_S:,}/s: {n_all / cmed / FLOOR_ARTICLES_PER_S:.2f}x)")
    slowest = max(articles, key=lambda a: len(a.text))
    print(f"longest article: {len(slowest.text):,} characters in {time_one(slowest.text) * 1000:.1f} ms")
    if args.skip_pathological:
        return 0
    worst = 0.0
    for kind in ("quotes", "unbalanced", "one paragraph", "apostrophes"):
        small_text, big_text = pathological(kind, 200_000), pathological(kind, 2_000_000)
        # one small and one big run after the other, GROWTH_PAIRS times, and the fastest of
        # each: on this kind of machine a run is only ever slowed by what else happens, so the
        # fastest is the truest cost (as `timeit` takes it); a single pair's ratio moves by a
        # third with the machine's load
        pairs = [(time_one(small_text, 1), time_one(big_text, 1)) for _ in range(GROWTH_PAIRS)]
        small, big = min(p[0] for p in pairs), min(p[1] for p in pairs)
        growth = big / small
        worst = max(worst, growth)
        print(f"pathological {kind!r}: 200 kB {small * 1000:.0f} ms, 2 MB {big * 1000:.0f} ms -> x{growth:.1f} "
              f"for 10x input (fastest of {GROWTH_PAIRS} runs each)")
    print(f"worst growth x{worst:.1f} for 10x input (floor x{FLOOR_GROWTH:.0f}: {'ok' if worst <= FLOOR_GROWTH else 'OVER'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
