"""The reader on a piped article: ``cat article | tuireader -`` in a real pseudo-terminal.

Standard input is the article, so the reader must take its keys from the terminal instead.
It once read the article's characters as keys (a "/" opened the find box and crashed it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.test_real_terminal import ROOT, open_terminal, quit_reader, read_until, reap

pty = pytest.importorskip("pty")
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")

ARTICLE = b"""Title: Ferry timetable / winter
Source: Harbour Gazette

The harbour board met on Monday in Eastport / Millbrook.

"The late ferry will run again from June," said Mira Kovacs.
"""


def test_a_piped_article_opens_and_the_keyboard_works(tmp_path: Path) -> None:
    master, slave, env = open_terminal(tmp_path)

    def controlling_terminal() -> None:  # the new session's terminal is the pty (for /dev/tty)
        fcntl.ioctl(1, termios.TIOCSCTTY, 0)

    child = subprocess.Popen([sys.executable, "-m", "tuireader", "-"], stdin=subprocess.PIPE, stdout=slave,
                             stderr=slave, env=env, start_new_session=True, preexec_fn=controlling_terminal)
    os.close(slave)
    output = bytearray()
    try:
        assert child.stdin is not None
        child.stdin.write(ARTICLE)
        child.stdin.close()
        assert read_until(master, output, b"Ferry timetable", 60), bytes(output[-2000:])
        os.write(master, b"]")  # to the quotation: the status line names its speaker
        assert read_until(master, output, b"Mira Kovacs", 30), bytes(output[-2000:])
        quit_reader(child, master, output)
    finally:
        reap(child, master)
    assert b"Traceback" not in output


def test_without_a_terminal_the_reader_says_to_use_extract(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TUIREADER_STATE_DIR": str(tmp_path / "state"),
           "TUIREADER_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "tuireader", "-"], input=ARTICLE, capture_output=True,
                          env=env, start_new_session=True, timeout=60)
    assert done.returncode == 2
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and "tuireader extract -" in lines[0], lines
