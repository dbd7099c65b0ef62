#!/usr/bin/env python3
"""Time to the reader's first useful screen against a minimal Textual app, in the same run.

    python bench/bench_first_screen.py [--runs 5]

Each measurement is a fresh Python process, headless at 80x24, timed from process start (so
imports count) until the screen is useful: for the reader, every bundled seed article listed
and the first one shown with its statements; for the baseline, a Header, one line of text and
a Footer mounted. Prints the medians and their ratio; the floor is a ratio of at most 1.5.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CEILING = 1.5

READER = """
import time; t0 = time.perf_counter()
import asyncio
from tuireader.seeds import seeds_dir
from tuireader.ui.app import create_app

async def main():
    app = create_app([str(seeds_dir())], state_path=None)
    async with app.run_test(size=(80, 24)) as pilot:
        while app.loading or app.reader.analysis is None or not app.reader.sidebar.options.option_count:
            await asyncio.sleep(0.002)
        await pilot.pause()
        print(time.perf_counter() - t0, len(app.library))

asyncio.run(main())
"""

BASELINE = """
import time; t0 = time.perf_counter()
import asyncio
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("one line")
        yield Footer()

async def main():
    app = Minimal()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        print(time.perf_counter() - t0, 0)

asyncio.run(main())
"""


def once(code: str) -> float:
    """Seconds to the first useful screen in a new process."""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PATH": "/usr/bin:/bin", "HOME": str(ROOT), "PYTHONPATH": str(ROOT),
                              "TUIREADER_CONFIG_DIR": "/nonexistent", "TERM": "xterm-256color"})
    return float(out.stdout.split()[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    once(BASELINE)  # warm the file cache for both
    once(READER)
    reader: list[float] = []
    baseline: list[float] = []
    for _ in range(args.runs):
        baseline.append(once(BASELINE))
        reader.append(once(READER))
    r, b = statistics.median(reader), statistics.median(baseline)
    print(f"first useful screen (median of {args.runs}): reader {r * 1000:.0f} ms, minimal Textual app "
          f"{b * 1000:.0f} ms, ratio {r / b:.2f} (ceiling {CEILING}); fastest runs: "
          f"{min(reader) * 1000:.0f} ms vs {min(baseline) * 1000:.0f} ms")
    return 0 if r / b <= CEILING else 1


if __name__ == "__main__":
    sys.exit(main())
