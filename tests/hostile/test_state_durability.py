"""Saved state and exports survive kills, failing disks, corrupt files and odd ids.

Tests run as root, where permissions do not stop anything, so a read-only folder and a full
disk are simulated by making the low-level calls fail with the errors the kernel would give.
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.conftest import notifications, ready, write_hostile_article
from tests.hostile.helpers import ESC, unsafe_characters
from tuireader.state import State, write_atomically
from tuireader.ui.app import ReaderApp
from tuireader.ui.export_screen import ExportScreen, write_export

ROOT = Path(__file__).resolve().parents[2]
MakeApp = Callable[..., ReaderApp]

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tuireader.state import State

    state = State(Path(sys.argv[1]))
    big = {f"article-{n:06d}-" + "x" * 40 for n in range(20000)}  # about a megabyte
    n = 0
    while True:
        state.read = big if n % 2 == 0 else {"small"}
        state.theme = f"theme{n % 2}"
        state.save()
        n += 1
        if n == 1:
            print("ready", flush=True)
    """
)


def test_killed_mid_write_leaves_the_old_or_the_new_state(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(8):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, env=env)
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        # Somewhere in the middle of one of the next writes.
        subprocess.run(["sleep", f"{rng.uniform(0.0, 0.25):.3f}"], check=True)
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        state, notices = State.open(path)
        assert notices == []
        # Each save merges into what is on disk (a second reader's marks are kept), so the
        # read marks only grow; the theme is the one this writer chose last.
        assert state.theme in ("theme0", "theme1") and len(state.read) in (20000, 20001)
        # A temporary file the killed writer left is cleared away when the state is next opened.
        assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


def _fail(error: int) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(error, os.strerror(error))

    return fail


@pytest.mark.parametrize(
    ("target", "error"),
    [("os.fsync", errno.EIO), ("os.replace", errno.EXDEV), ("os.open", errno.EACCES)],
    ids=["fsync-fails", "rename-fails", "folder-read-only"],
)
def test_a_failed_step_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str,
                                          error: int) -> None:
    path = tmp_path / "state.json"
    write_atomically(path, "old")
    monkeypatch.setattr(f"tuireader.state.{target}", _fail(error))
    with pytest.raises(OSError) as raised:
        write_atomically(path, "new")
    monkeypatch.undo()
    assert raised.value.errno == error
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[Path]]:
    """Folders whose files fail with ENOSPC on write (add a folder to the yielded set)."""
    full: set[Path] = set()
    real_fdopen = os.fdopen

    class FullFile:
        def __init__(self, stream: Any) -> None:
            self._stream = stream

        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __getattr__(self, name: str) -> Any:
            return getattr(self._stream, name)

        def __enter__(self) -> FullFile:
            return self

        def __exit__(self, *exc: object) -> None:
            self._stream.close()

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        stream = real_fdopen(fd, *args, **kwargs)
        where = Path(os.readlink(f"/proc/self/fd/{fd}")).parent
        return FullFile(stream) if where in full else stream

    monkeypatch.setattr(os, "fdopen", fdopen)
    yield full


def test_a_full_disk_keeps_the_old_file(tmp_path: Path, full_disk: set[Path]) -> None:
    path = tmp_path / "state.json"
    write_atomically(path, "old")
    full_disk.add(tmp_path)
    with pytest.raises(OSError) as raised:
        write_atomically(path, "new")
    assert raised.value.errno == errno.ENOSPC
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["state.json"]


def test_the_rename_is_synced_to_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.fstat(fd).st_mode)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_atomically(tmp_path / "state.json", "new")
    # The file's data first, then the folder that holds the new name.
    assert [stat.S_ISREG(m) for m in synced] == [True, False] and stat.S_ISDIR(synced[1])


@pytest.mark.parametrize(
    "content",
    [
        b'{"version": 1, "read": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b"\x00\xff\xfe garbage \x1b]0;pwned\x07",
        b'{"version": 1, "read": ["a", "b"], "bookm',
        b'{"version": 99}',
        b'{"version": 1, "bookmarks": {"a": [[3, -1]]}}',
        b"",
    ],
    ids=["nested-too-deep", "binary", "torn", "other-version", "bad-bookmark", "empty"],
)
def test_a_corrupt_state_is_set_aside_byte_for_byte(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(content)
    state, notices = State.open(path)
    assert len(notices) == 1 and "moved to state.json.corrupt-" in notices[0]
    (aside,) = [p for p in tmp_path.iterdir() if p.name.startswith("state.json.corrupt-")]
    assert aside.read_bytes() == content
    assert state.read == set() and state.bookmarks == {}
    state.mark_read("fresh")
    state.save()
    assert json.loads(path.read_text())["read"] == ["fresh"]


def test_two_corrupt_files_in_the_same_second_are_both_kept(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tuireader.state.time.strftime", lambda fmt: "20240101-120000")
    path = tmp_path / "state.json"
    for content in (b"first {", b"second {"):
        path.write_bytes(content)
        State.open(path)
    kept = sorted(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("state.json.corrupt-"))
    assert kept == [b"first {", b"second {"]


def test_a_corrupt_state_that_cannot_be_moved_is_never_overwritten(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(b"{torn")
    monkeypatch.setattr("tuireader.state.os.replace", _fail(errno.EACCES))
    state, notices = State.open(path)
    monkeypatch.undo()
    assert len(notices) == 1 and "nothing will be saved" in notices[0]
    state.mark_read("a")
    state.toggle_bookmark("a", (1, 5))
    state.save()
    assert path.read_bytes() == b"{torn"


def test_an_unreadable_state_is_left_where_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "state.json"
    good = State(path)
    good.mark_read("kept")
    good.save()
    before = path.read_bytes()
    monkeypatch.setattr(Path, "read_bytes", _fail(errno.EACCES))
    state, notices = State.open(path)
    monkeypatch.undo()
    assert len(notices) == 1 and "cannot read the saved state" in notices[0]
    state.mark_read("other")
    state.save()
    # Not mistaken for a corrupt file: not moved aside, not replaced by this session's state.
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"] and path.read_bytes() == before


def test_ids_from_undecodable_file_names_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    odd = os.fsdecode(b"caf\xe9 \x9b41m")  # how Python names a file that is not UTF-8
    state = State(path)
    state.mark_read(odd)
    state.toggle_bookmark(odd, (2, 9))
    state.save()
    again, notices = State.open(path)
    assert notices == [] and again.read == {odd} and again.is_bookmarked(odd, (2, 9))


# --- the reader with a state it cannot write -------------------------------------------------


@pytest.fixture
def evil_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    write_hostile_article(folder)
    (folder / "second.txt").write_text('"A second article," said Ilse Varga.\n', encoding="utf-8")
    return folder


async def test_a_full_disk_gives_one_notice_and_nothing_is_lost(
    make_app: MakeApp, evil_folder: Path, tmp_path: Path, full_disk: set[Path]
) -> None:
    # The state folder's name carries a title sequence, as a path on a shared machine might.
    folder = tmp_path / f"data{ESC}]0;pwned\a"
    state_path = folder / "state.json"
    folder.mkdir()
    full_disk.add(folder)
    app = make_app([evil_folder], state_path=state_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("right_square_bracket", "m")  # bookmark: another failed save
        await pilot.pause()
        failures = [m for m in notifications(app) if "cannot save" in m]
        assert len(failures) == 1 and "(no space left on device); will retry on the next change" in failures[0]
        assert unsafe_characters(failures[0]) == []
        assert not state_path.exists() and list(folder.iterdir()) == []
        # The disk has room again: the next change saves everything, the earlier ones too.
        full_disk.clear()
        app.open_article(app.library[1].article.id)
        await pilot.pause()
        assert app.is_running
    saved = json.loads(state_path.read_text())
    assert len(saved["read"]) == 2 and len(saved["bookmarks"]) == 1


async def test_a_read_only_state_folder_lets_the_reader_run(
    make_app: MakeApp, evil_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state_path = tmp_path / "ro" / "state.json"
    state_path.parent.mkdir()
    real_open = os.open

    def open_(name: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(os.fsdecode(name)).parent == state_path.parent and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), name)
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    app = make_app([evil_folder], state_path=state_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("right_square_bracket", "m", "y", "tab", "tab")
        app.open_article(app.library[1].article.id)
        await pilot.pause()
        assert [m for m in notifications(app) if m.endswith(f"{state_path}: cannot save read marks and bookmarks "
                                                            "(permission denied); will retry on the next change")]
        assert app.state.read == {a.article.id for a in app.library}
    assert not state_path.exists()


async def test_a_corrupt_state_at_start_is_named_and_set_aside(
    make_app: MakeApp, evil_folder: Path, tmp_path: Path
) -> None:
    state_path = tmp_path / "state" / "state.json"
    state_path.parent.mkdir()
    state_path.write_bytes(b'{"version": 1, "read": [' + b"[" * 50_000)
    app = make_app([evil_folder], state_path=state_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(app, pilot)
        assert any("unreadable state" in m and "moved to state.json.corrupt-" in m for m in notifications(app))
    assert json.loads(state_path.read_text())["read"]  # a fresh state, saved
    assert len(list(state_path.parent.glob("state.json.corrupt-*"))) == 1


# --- exports -----------------------------------------------------------------------------------


async def test_an_export_on_a_full_disk_leaves_no_half_file(
    make_app: MakeApp, evil_folder: Path, tmp_path: Path, full_disk: set[Path]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "taken.md").write_text("mine", encoding="utf-8")
    app = make_app([evil_folder], export_dir=out)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(app, pilot)
        full_disk.add(out)
        app.action_export_statements()
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")
        await pilot.pause()
        error = str(app.screen.query_one("#export-error").render())
        assert error.endswith(": no space left on device") and isinstance(app.screen, ExportScreen)
        assert sorted(p.name for p in out.iterdir()) == ["taken.md"]
        full_disk.clear()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    assert (out / "taken.md").read_text() == "mine"
    (written,) = [p for p in out.iterdir() if p.name != "taken.md"]
    assert written.read_text(encoding="utf-8").startswith("# Statements")


def test_an_export_never_replaces_a_file(tmp_path: Path) -> None:
    target = tmp_path / "quotes.csv"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_export(target, [])
    assert target.read_text() == "mine" and [p.name for p in tmp_path.iterdir()] == ["quotes.csv"]
