#!/usr/bin/env python3
"""The archive at scale: cold index build, warm open, search latency and peak memory, one run.

    python bench/bench_archive.py [--articles 50000] [--corpus ../shared/corpus/large.jsonl.gz]

Builds an archive of ``--articles`` articles by repeating the corpus with distinct ids, as one
``.jsonl.gz`` in a temporary directory (deleted afterwards; never in the repository), then,
each stage in a fresh process so its memory is its own:

1. cold index build with every core: articles per second (floor 1,500/s), with the time the
   writer spent storing and an estimate of what extraction alone allows on these cores;
2. warm open: process start to the first useful data (article count, the first 50 sidebar rows
   and the first article rebuilt), against a minimal Textual app started in the same run
   (floor: at most 2x). With ``--ui`` (or ``--ui auto`` when the reader uses the archive), the
   reader's own first useful screen on the archive is timed instead;
3. search: median and 95th-percentile latency over 200 varied queries (floor: p95 < 50 ms),
   and peak RSS of that process with the archive open (floor: < 400 MB).

Prints each figure with its floor and the ratio to it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLOOR_RATE = 1500.0
FLOOR_WARM_RATIO = 2.0
FLOOR_P95_MS = 50.0
FLOOR_RSS_MB = 400.0
EXTRACT_SAMPLE = 300
"""Articles timed through `extract` alone to split cold time into extraction and storage."""


def make_archive(corpus: Path, count: int, target: Path) -> int:
    """Write ``count`` articles cycling through ``corpus``, ids made distinct; returns bytes."""
    records = [json.loads(line) for line in gzip.open(corpus, "rt", encoding="utf-8") if line.strip()]
    with gzip.open(target, "wt", encoding="utf-8", compresslevel=1) as out:
        for n in range(count):
            record = dict(records[n % len(records)])
            record["id"] = f"{record.get('id', 'article')}-copy{n // len(records)}"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target.stat().st_size


@contextmanager
def work_archive(work: Path | None, corpus: Path, count: int, bench: str) -> Iterator[tuple[Path, Path]]:
    """The archive of ``count`` articles and its cache folder in ``work``.

    The archive is made from ``corpus`` if ``work`` does not hold it yet; with no ``work`` a
    temporary folder is used and removed afterwards.

    Raises:
        SystemExit: The archive must be made and the corpus is missing.
    """
    folder = work or Path(tempfile.mkdtemp(prefix="tuireader-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / f"archive-{count}.jsonl.gz"
    try:
        if not archive.exists():
            if not corpus.exists():
                print(f"{bench}: corpus {corpus} not found; give --corpus", file=sys.stderr)
                raise SystemExit(2)
            make_archive(corpus, count, archive)
        yield archive, folder / "cache"
    finally:
        if work is None:
            shutil.rmtree(folder, ignore_errors=True)


class TreeMemory:
    """Samples the resident memory of this process and all its descendants (Linux /proc)."""

    def __init__(self) -> None:
        self.peak_self = 0
        self.peak_tree = 0
        self.cpu: dict[int, float] = {}
        """CPU seconds (user + system) last seen for each process of the tree."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _cpu(pid: int) -> float:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return 0.0

    @staticmethod
    def _rss(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _descendants(self, root: int) -> list[int]:
        parents: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as stat:
                        ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                parents.setdefault(ppid, []).append(int(entry))
        found, todo = [], [root]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(parents.get(pid, []))
        return found

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.sample()

    def sample(self) -> None:
        me = os.getpid()
        own = self._rss(me)
        self.peak_self = max(self.peak_self, own)
        if os.path.isdir("/proc"):
            tree = self._descendants(me)
            self.peak_tree = max(self.peak_tree, sum(self._rss(p) for p in tree))
            for pid in tree:
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), self._cpu(pid))

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


def peak_rss() -> int:
    """Peak resident memory of this process in bytes."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# -- stages, each run in its own process --------------------------------------------------


def system_cpu() -> tuple[float, float]:
    """Busy and total CPU seconds of the whole machine so far (Linux /proc/stat)."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(x) for x in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return 0.0, 0.0
    idle = fields[3] + fields[4]
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(fields) - idle) / tick, sum(fields) / tick


def stage_cold(path: str, cache: str, workers: int | None) -> dict[str, Any]:
    from tuireader.index import Archive

    busy0, total0 = system_cpu()
    with TreeMemory() as memory:
        t0 = time.perf_counter()
        archive = Archive.open([path], cache_dir=cache)
        first = None
        for progress in archive.index(workers=workers):
            if first is None and progress.articles_new:
                first = time.perf_counter() - t0
        seconds = time.perf_counter() - t0
        archive.close()
    busy1, total1 = system_cpu()
    own = memory.cpu.pop(os.getpid(), 0.0)
    from tuireader.extraction import EXTRACTOR_VERSION

    return {"seconds": seconds, "articles": progress.articles_new, "write_seconds": progress.write_seconds,
            "version": EXTRACTOR_VERSION,
            "cpu_self": own, "cpu_workers": sum(memory.cpu.values()),
            "machine_busy": (busy1 - busy0) / (total1 - total0) if total1 > total0 else 0.0,
            "first_articles_seconds": first, "peak_self": max(memory.peak_self, peak_rss()),
            "peak_tree": memory.peak_tree, "messages": len(progress.messages)}


def stage_extract(path: str) -> dict[str, Any]:
    """Seconds per article for load and extraction alone, on one core, over a sample."""
    from tuireader.extraction import extract
    from tuireader.loading import load_file
    from tuireader.model import Article

    articles = []
    for item in load_file(Path(path)):
        if isinstance(item, Article):
            articles.append(item)
            if len(articles) >= EXTRACT_SAMPLE:
                break
    t0 = time.process_time()
    for article in articles:
        extract(article)
    return {"extract_seconds_per_article": (time.process_time() - t0) / len(articles)}


def stage_warm(path: str, cache: str, t0: float) -> dict[str, Any]:
    from tuireader.index import Archive

    # What the reader does first: open the archive and show what the cache holds. (Bringing
    # the cache up to date runs after that, in the background.)
    archive = Archive.open([path], cache_dir=cache)
    count = archive.count()
    rows = archive.rows(0, 50)
    analysis = archive.analysis(rows[0].id)
    seconds = time.perf_counter() - t0
    archive.close()
    return {"seconds": seconds, "count": count, "statements": len(analysis.statements)}


def queries(archive: Any, n: int, seed: int = 7) -> list[str]:
    """``n`` varied queries drawn from the archive itself: words, phrases, filters, prefixes."""
    rng = random.Random(seed)
    titles = [r.title for r in archive.rows(0, 3000)]
    words = sorted({w.lower() for t in titles for w in re.findall(r"[A-Za-z]{5,}", t)})
    phrases = []
    for hit in archive.search("kind:direct", limit=400, order="newest"):
        tokens = re.findall(r"[A-Za-z']+", hit.text)
        if len(tokens) >= 4:
            i = rng.randrange(len(tokens) - 1)
            phrases.append(f'"{tokens[i]} {tokens[i + 1]}"')
    speakers = [s.name for s in archive.speakers(limit=150) if re.search(r"[A-Za-z]", s.name)]
    years = sorted({(r.date or "")[:4] for r in archive.rows(0, 5000) if r.date})
    makers = [
        lambda: rng.choice(words),
        lambda: rng.choice(phrases),
        lambda: f'speaker:"{rng.choice(speakers)}"',
        lambda: f'speaker:"{rng.choice(speakers).split()[-1]}" {rng.choice(words)}',
        lambda: f"kind:{rng.choice(['direct', 'indirect', 'claim'])} {rng.choice(words)}",
        lambda: f"date:{rng.choice(years)}-{rng.randint(1, 12):02d} {rng.choice(words)}",
        lambda: f"source:wikinews {rng.choice(words)}",
        lambda: rng.choice(words)[:4] + "*",
        lambda: f"{rng.choice(words)} {rng.choice(words)}",
        lambda: f'speaker:"{rng.choice(speakers)}" kind:direct',
    ]
    return [makers[i % len(makers)]() for i in range(n)]


def stage_search(path: str, cache: str, count: int) -> dict[str, Any]:
    from tuireader.index import Archive

    archive = Archive.open([path], cache_dir=cache)
    chosen = queries(archive, count)
    timed, hits = [], 0
    for query in chosen:
        t0 = time.perf_counter()
        hits += len(archive.search(query, limit=50))
        timed.append((time.perf_counter() - t0, query))
    extra: dict[str, float] = {}
    t0 = time.perf_counter()
    speaker = archive.speakers(limit=1)[0].name
    extra["speakers_list_ms"] = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    archive.speaker_statements(speaker)
    extra["speaker_view_ms"] = (time.perf_counter() - t0) * 1000
    quote = archive.search("kind:direct", limit=1, order="newest")[0]
    t0 = time.perf_counter()
    archive.reported_elsewhere(quote.text, exclude_article=quote.article_id)
    extra["reported_elsewhere_ms"] = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    archive.rows(archive.count() - 50, 50)
    extra["last_rows_ms"] = (time.perf_counter() - t0) * 1000
    archive.close()
    timed.sort()
    times = [t for t, _ in timed]
    return {"median_ms": statistics.median(times) * 1000, "p95_ms": times[int(0.95 * (len(times) - 1))] * 1000,
            "max_ms": times[-1] * 1000, "slowest": [q for _, q in timed[-5:]],
            "queries": len(times), "hits": hits, "peak_rss": peak_rss(), **extra}


UI_SCREEN = """
import time; t0 = time.perf_counter()
import asyncio, sys
from tuireader.ui.app import create_app

async def main():
    app = create_app([sys.argv[1]], state_path=None, use_archive=True)  # as `tuireader PATH` does
    async with app.run_test(size=(80, 24)) as pilot:
        while app.reader.analysis is None or not app.reader.sidebar.options.option_count:
            await asyncio.sleep(0.002)
        await pilot.pause()
        print(time.perf_counter() - t0)

asyncio.run(main())
"""


def ui_uses_archive() -> bool:
    """Whether the reader package opens archives through `tuireader.index`."""
    ui = ROOT / "tuireader" / "ui"
    return any("tuireader.index" in p.read_text(encoding="utf-8", errors="replace") for p in ui.glob("*.py"))


def run_stage(name: str, *args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--stage", name, *args], cwd=ROOT, capture_output=True,
                         text=True, check=False)
    if out.returncode:
        raise SystemExit(f"stage {name} failed:\n{out.stderr}")
    return json.loads(out.stdout.splitlines()[-1])


def _line(label: str, value: str, floor: str, ratio: float | None, ok: bool | None) -> str:
    verdict = "" if ok is None else ("  ok" if ok else "  BELOW FLOOR")
    shown = f"{ratio:.2f}" if ratio is not None else "-"
    return f"{label:<34} {value:>16}   floor {floor:<10} ratio {shown}{verdict}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "large.jsonl.gz")
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--workers", type=int, default=None, help="processes for indexing (default: every core)")
    parser.add_argument("--ui", choices=("auto", "yes", "no"), default="auto",
                        help="time the reader's first screen on the archive (auto: when the reader uses it)")
    parser.add_argument("--stage", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        name, *rest = args.stage
        if name == "cold":
            result = stage_cold(rest[0], rest[1], None if rest[2] == "auto" else int(rest[2]))
        elif name == "extract":
            result = stage_extract(rest[0])
        elif name == "warm":
            result = stage_warm(rest[0], rest[1], float(rest[2]))
        else:
            result = stage_search(rest[0], rest[1], int(rest[2]))
        print(json.dumps(result))
        return 0

    if not args.corpus.exists():
        print(f"bench_archive: corpus {args.corpus} not found; give --corpus", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="tuireader-bench-"))
    try:
        archive_path = work / "archive.jsonl.gz"
        cache = work / "cache"
        size = make_archive(args.corpus, args.articles, archive_path)
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        print(f"archive: {args.articles:,} articles, {size / 1e6:.1f} MB gzipped; {cores} cores; python {sys.version.split()[0]}")

        cold = run_stage("cold", str(archive_path), str(cache), "auto" if args.workers is None else str(args.workers))
        sample = run_stage("extract", str(archive_path))
        # The warm stage is timed from process start, imports included, like a user's command.
        warm_code = (
            "import time, sys; t0 = time.perf_counter(); sys.path.insert(0, sys.argv[1]);"
            "sys.argv = [sys.argv[2], '--stage', 'warm', sys.argv[3], sys.argv[4], str(t0)];"
            "import runpy; runpy.run_path(sys.argv[0], run_name='__main__')"
        )
        warm_runs = []
        for _ in range(3):
            out = subprocess.run([sys.executable, "-c", warm_code, str(ROOT), __file__, str(archive_path), str(cache)],
                                 cwd=ROOT, capture_output=True, text=True, check=True)
            result = json.loads(out.stdout.splitlines()[-1])
            if result["count"] != cold["articles"]:
                raise SystemExit(f"warm open found {result['count']:,} articles, not {cold['articles']:,}")
            warm_runs.append(result["seconds"])
        warm = library = statistics.median(warm_runs)
        sys.path.insert(0, str(Path(__file__).parent))
        from bench_first_screen import BASELINE, once

        baseline = statistics.median(once(BASELINE) for _ in range(3))
        screen_label = "warm open, library (to first rows)"
        if args.ui == "yes" or (args.ui == "auto" and ui_uses_archive()):
            env = {**os.environ, "PYTHONPATH": str(ROOT), "TUIREADER_CACHE_DIR": str(cache)}
            runs = []
            for _ in range(3):
                out = subprocess.run([sys.executable, "-c", UI_SCREEN, str(archive_path)], cwd=ROOT,
                                     capture_output=True, text=True, env=env, timeout=600, check=True)
                runs.append(float(out.stdout.split()[0]))
            warm, screen_label = statistics.median(runs), "warm open, reader (first screen)"
        search = run_stage("search", str(archive_path), str(cache), str(args.queries))
        version = subprocess.run([sys.executable, "-c", "from tuireader.extraction import EXTRACTOR_VERSION as v; print(v)"],
                                 cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        if version != cold["version"]:
            print(f"note: the extractor changed during the run ({cold['version']} -> {version}); a reader opened "
                  "after that re-indexes in the background while it is timed")

        rate = cold["articles"] / cold["seconds"]
        extract_cap = cores / sample["extract_seconds_per_article"]
        write_ms = cold["write_seconds"] / max(1, cold["articles"]) * 1000
        print(_line("cold index build", f"{rate:,.0f} art/s", f">= {FLOOR_RATE:,.0f}", rate / FLOOR_RATE,
                    rate >= FLOOR_RATE))
        print(f"  {cold['articles']:,} articles in {cold['seconds']:.1f} s; first articles readable after "
              f"{cold['first_articles_seconds']:.2f} s")
        print(f"  extraction alone: {sample['extract_seconds_per_article'] * 1000:.2f} ms/article on one core "
              f"-> at most {extract_cap:,.0f} art/s on {cores} cores")
        print(f"  storage (writer process): {cold['write_seconds']:.1f} s, {write_ms:.2f} ms/article "
              f"-> at most {1000 / write_ms if write_ms else float('inf'):,.0f} art/s")
        busy = (cold["cpu_self"] + cold["cpu_workers"]) / (cores * cold["seconds"])
        print(f"  CPU: writer process {cold['cpu_self']:.0f} s, workers {cold['cpu_workers']:.0f} s: indexing kept "
              f"the cores {busy:.0%} busy; the machine as a whole was {cold['machine_busy']:.0%} busy")
        cpu_per_article = (cold["cpu_self"] + cold["cpu_workers"]) / max(1, cold["articles"])
        if cpu_per_article:
            print(f"  at {cpu_per_article * 1000:.2f} CPU ms/article, {cores} idle cores would index about "
                  f"{cores / cpu_per_article:,.0f} art/s")
        print(f"  peak RSS while indexing: writer {cold['peak_self'] / 1e6:.0f} MB, "
              f"with workers {cold['peak_tree'] / 1e6:.0f} MB")
        print(_line(screen_label, f"{warm * 1000:.0f} ms", f"<= {FLOOR_WARM_RATIO:.0f}x app",
                    warm / baseline / FLOOR_WARM_RATIO, warm / baseline <= FLOOR_WARM_RATIO))
        if warm is not library:
            print(f"  the library alone (open, count, first 50 rows, first article): {library * 1000:.0f} ms")
        print(f"  minimal Textual app: {baseline * 1000:.0f} ms; ratio {warm / baseline:.2f}x")
        print(_line(f"search p95 ({search['queries']} queries)", f"{search['p95_ms']:.1f} ms",
                    f"< {FLOOR_P95_MS:.0f} ms", search["p95_ms"] / FLOOR_P95_MS, search["p95_ms"] < FLOOR_P95_MS))
        print(f"  median {search['median_ms']:.1f} ms, max {search['max_ms']:.1f} ms, {search['hits']:,} hits; "
              f"speakers list {search['speakers_list_ms']:.0f} ms, speaker view {search['speaker_view_ms']:.0f} ms, "
              f"reported elsewhere {search['reported_elsewhere_ms']:.0f} ms, last sidebar rows {search['last_rows_ms']:.0f} ms")
        print(f"  slowest queries: {', '.join(search['slowest'])}")
        rss = search["peak_rss"] / 1e6
        print(_line("peak RSS, archive open + search", f"{rss:.0f} MB", f"< {FLOOR_RSS_MB:.0f} MB", rss / FLOOR_RSS_MB,
                    rss < FLOOR_RSS_MB))
        print(f"  cache size: {sum(p.stat().st_size for p in cache.iterdir()) / 1e6:.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
