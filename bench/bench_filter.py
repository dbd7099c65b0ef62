#!/usr/bin/env python3
"""Keystroke to screen in the archive sidebar's title filter, on a large archive.

    python bench/bench_filter.py [--articles 50000] [--work DIR [--keep-index]] [--words minister,police]

Builds (or, with ``--work`` naming a folder from an earlier run of this or of
``bench_reader_open.py``, reuses) an archive of ``--articles`` articles made by repeating the
corpus with distinct ids, and its index in a cache beside it (``--keep-index``: the index in
``--work`` is taken as it is, even if another extractor version made it). Then runs the reader
headless at 80x24 in this process, waits for the index to be up to date, and types each word
into the sidebar's filter box one key at a time (sent as the terminal would, without waiting),
timing for every key:

- *box*: from the key to the first frame the app composes with the key in the filter box
  (how long typing lags);
- *list*: from the key to the first frame showing the list filtered by the new text (its
  length checked against ``Archive.count``);
- *stall*: the longest the event loop was blocked meanwhile;

and each word sent in one burst of keys, to the first frame showing its list. Prints medians,
90th percentiles and maxima.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import sys
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_archive import work_archive  # noqa: E402

from tuireader.index.database import DATABASE_NAME  # noqa: E402

WORDS = "minister,police,court,weather"
TIMEOUT = 30.0
"""Seconds to wait for one result before giving up."""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def measure(archive_path: Path, cache: Path, words: list[str]) -> dict[str, list[float]]:
    from textual import events

    from tuireader.index import Archive
    from tuireader.ui.app import create_app

    with Archive.open([archive_path], cache_dir=cache) as archive:
        expected = {w[:n]: archive.count(w[:n]) for w in words for n in range(1, len(w) + 1)}
    app = create_app([str(archive_path)], state_path=None, use_archive=True, cache_dir=cache)
    figures: dict[str, list[float]] = {"echo": [], "shown": [], "stall": [], "burst": []}
    frames: list[tuple[float, str, str | None, int]] = []
    """(time, filter box text, list's filter, list's length) at each frame the app drew."""
    last_tick = [time.perf_counter(), 0.0]
    """The heartbeat's last tick and the longest gap between ticks since it was reset."""

    async def heartbeat() -> None:
        while True:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            last_tick[1] = max(last_tick[1], now - last_tick[0])
            last_tick[0] = now

    async with app.run_test(size=(80, 24)) as pilot:
        while app.reader.analysis is None or not app.reader.sidebar.options.option_count:
            await asyncio.sleep(0.01)
        await app.workers.wait_for_complete()
        await pilot.pause()
        sidebar = app.reader.sidebar
        options = sidebar.options
        box = sidebar.filter_input
        display = app._display

        def record_frame(screen: object, renderable: object) -> None:
            # Headless, the frame is composed but not written: note what it shows.
            if renderable is not None:
                frames.append((time.perf_counter(), box.value, options.title_filter, options.option_count))
            display(screen, renderable)  # type: ignore[arg-type]

        app._display = record_frame  # type: ignore[method-assign]
        ticker = asyncio.create_task(heartbeat())

        def send(key: str) -> None:
            event = events.Key(key, key)
            event.set_sender(app)
            app._driver.send_message(event)  # type: ignore[union-attr]

        async def frame_where(t0: float, test: object) -> float:
            while True:
                for at, typed, shown, count in frames:
                    if at >= t0 and test(typed, shown, count):  # type: ignore[operator]
                        return at - t0
                if time.perf_counter() - t0 > TIMEOUT:
                    raise TimeoutError("the frame looked for never came")
                await asyncio.sleep(0.001)

        async def clear() -> None:
            await pilot.press("escape")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.press("slash")
            await pilot.pause()
            assert app.focused is box, app.focused

        await pilot.press("shift+tab", "slash")
        await pilot.pause()
        for word in words:
            await clear()
            for n in range(1, len(word) + 1):
                text = word[:n]
                frames.clear()
                last_tick[:] = [time.perf_counter(), 0.0]
                t0 = time.perf_counter()
                send(word[n - 1])
                figures["echo"].append(await frame_where(t0, lambda typed, shown, count, text=text: typed == text))
                figures["shown"].append(await frame_where(
                    t0, lambda typed, shown, count, text=text: shown == text and count == expected[text]))
                await asyncio.sleep(0.05)  # the heartbeat ticks again after any stall
                figures["stall"].append(last_tick[1])
            first = options.row(0)
            assert first is None or word.lower() in first.title.lower(), (word, first)
        for word in words:
            await clear()
            frames.clear()
            t0 = time.perf_counter()
            for key in word:
                send(key)
            figures["burst"].append(await frame_where(
                t0, lambda typed, shown, count, word=word: shown == word and count == expected[word]))
        ticker.cancel()
    return figures


def keep_index(db: Path) -> None:
    """Count the files the index holds whole as made by the running extractor (``--keep-index``).

    The extractor's version changes with any edit of its source, and the reader would extract
    the whole archive again, in the background of the measurement.
    """
    from tuireader.extraction import EXTRACTOR_VERSION

    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE files SET version = ? WHERE complete", (EXTRACTOR_VERSION,))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "large.jsonl.gz")
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--work", type=Path, help="keep the archive and its index here and reuse them")
    parser.add_argument("--words", default=WORDS, help=f"comma-separated words to type (default {WORDS})")
    parser.add_argument("--keep-index", action="store_true",
                        help="take the index in --work as it is, even if another extractor version made it "
                             "(the filter reads titles only; saves extracting the archive again)")
    args = parser.parse_args()
    words = [w for w in args.words.split(",") if w]
    with work_archive(args.work, args.corpus, args.articles, "bench_filter") as (archive, cache):
        from tuireader.index import Archive

        if args.keep_index and (cache / DATABASE_NAME).exists():
            keep_index(cache / DATABASE_NAME)
        t0 = time.perf_counter()
        with Archive.open([archive], cache_dir=cache) as index:
            last = index.build()
        print(f"archive: {last.articles:,} articles; index brought up to date in {time.perf_counter() - t0:.1f} s "
              f"({last.articles_new:,} extracted now)")
        figures = asyncio.run(measure(archive, cache, words))
    keys = len(figures["shown"])
    for name, label in (("echo", "key to the frame showing it in the box"),
                        ("shown", "key to the frame showing the list filtered"),
                        ("stall", "longest stall of the event loop per key"),
                        ("burst", "word typed in one burst to the frame showing its list")):
        values = [v * 1000 for v in figures[name]]
        print(f"{label}: median {statistics.median(values):.0f} ms, p90 {percentile(values, 0.9):.0f} ms, "
              f"max {max(values):.0f} ms ({len(values)} {'keys' if name != 'burst' else 'words'})")
    print(f"words: {', '.join(words)} ({keys} keys)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
