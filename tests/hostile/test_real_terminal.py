"""The reader in a real pseudo-terminal: every byte it writes is checked.

`python -m tuireader FILE` runs on a pty of 80x24 with the real loaders, extraction and
Textual's Linux driver; the article's title, metadata and text carry every payload. What
reaches the terminal must be UTF-8 with no sequence but Textual's own, no title, colour,
clipboard or query sequence from the article, and the payloads and markup shown as text.
"""

from __future__ import annotations

import os
import select
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile.conftest import write_hostile_article
from tests.hostile.helpers import PAYLOADS, foreign_sequences

pty = pytest.importorskip("pty")
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")

ROOT = Path(__file__).resolve().parents[2]


def read_until(fd: int, buffer: bytearray, done: bytes | None, seconds: float) -> bool:
    """Read from the pty into ``buffer`` until ``done`` appears, the other side closes, or
    ``seconds`` pass. Returns whether ``done`` (or, when None, the end) was reached."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if done is not None and done in buffer:
            return True
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            return done is None
        if not data:
            return done is None
        buffer.extend(data)
    return False


def open_terminal(tmp_path: Path) -> tuple[int, int, dict[str, str]]:
    """A pty of 80x24 (master, slave) and the environment of a reader run in it."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))  # rows, columns
    env = {
        **os.environ, "TERM": "xterm-256color", "PYTHONPATH": str(ROOT),
        "TUIREADER_CONFIG_DIR": str(tmp_path / "config"), "TUIREADER_STATE_DIR": str(tmp_path / "state"),
        "TUIREADER_CACHE_DIR": str(tmp_path / "cache"),
    }
    for name in ("TMUX", "NO_COLOR", "SSH_TTY", "SSH_CONNECTION"):
        env.pop(name, None)
    return master, slave, env


def quit_reader(child: subprocess.Popen[bytes], master: int, output: bytearray) -> None:
    """Press q twice (the second confirms), read what is left, and check the reader ended with 0."""
    os.write(master, b"qq")
    read_until(master, output, None, 30)
    assert child.wait(timeout=30) == 0


def reap(child: subprocess.Popen[bytes], master: int) -> None:
    """Kill the reader if it still runs, and close the terminal."""
    if child.poll() is None:
        child.kill()
        child.wait()
    os.close(master)


def test_nothing_but_textual_sequences_reach_a_real_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    write_hostile_article(folder)
    master, slave, env = open_terminal(tmp_path)
    child = subprocess.Popen([sys.executable, "-m", "tuireader", str(folder)], stdin=slave, stdout=slave,
                             stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    output = bytearray()
    try:
        # The start of the title means the article is on screen.
        assert read_until(master, output, b"Harbour vote", 60), bytes(output[-2000:])
        quit_reader(child, master, output)
    finally:
        reap(child, master)
    text = bytes(output).decode("utf-8")  # strict: valid UTF-8 throughout
    assert "Traceback" not in text
    # The pty turns each newline Textual writes into CR LF (ONLCR); a lone CR would be the article's.
    assert foreign_sequences(text.replace("\r\n", "\n")) == []
    # Textual's own sequences were set aside above; the article's must not be among them.
    for payload in ("osc0-title", "osc2-title", "osc52-clipboard", "dcs-query", "osc8-link"):
        assert PAYLOADS[payload] not in text, payload
    assert PAYLOADS["csi-red-background"] + " " + PAYLOADS["csi-clear-screen"] not in text
    assert "[b]bold[/b]" in text and "␛[41m" in text
