"""Saved state: atomic writes, corrupt files set aside, nothing written without a path."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from tuireader.state import State, default_state_path, write_atomically


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    state, notices = State.open(path)
    assert notices == [] and not path.exists()
    assert state.mark_read("a1") is True
    assert state.mark_read("a1") is False
    assert state.toggle_bookmark("a1", (3, 9)) is True
    state.theme = "paper"
    state.save()
    again, notices = State.open(path)
    assert notices == []
    assert again.read == {"a1"} and again.is_bookmarked("a1", (3, 9)) and again.theme == "paper"
    assert again.toggle_bookmark("a1", (3, 9)) is False
    again.save()
    assert json.loads(path.read_text())["bookmarks"] == {}


def test_env_moves_the_state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUIREADER_STATE_DIR", str(tmp_path))
    assert default_state_path() == tmp_path / "state.json"


@pytest.mark.parametrize("text", ["{not json", '{"version": 1, "read": "a"}', '[1, 2]',
                                  '{"version": 1, "bookmarks": {"a": [[1]]}}'])
def test_corrupt_file_is_set_aside(tmp_path: Path, text: str) -> None:
    path = tmp_path / "state.json"
    path.write_text(text)
    state, notices = State.open(path)
    assert len(notices) == 1 and "corrupt-" in notices[0] and str(path) in notices[0]
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("state.json.corrupt-")]
    assert len(aside) == 1 and aside[0].read_text() == text
    assert state.read == set() and state.bookmarks == {}
    state.mark_read("x")
    state.save()
    assert json.loads(path.read_text())["read"] == ["x"]


def test_a_state_that_cannot_be_read_or_moved_is_told_as_a_bad_article_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In the loader's words (lower case, no "[Errno 21]"), named relative to the current directory.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder.json").mkdir()
    _, notices = State.open(tmp_path / "folder.json")
    assert notices == ["folder.json: cannot read the saved state (is a directory); left as it is, "
                       "and nothing will be saved this session"]
    (tmp_path / "state.json").write_text("{not json")

    def denied(src: str, dst: str) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), src)

    monkeypatch.setattr("tuireader.state.os.replace", denied)
    _, notices = State.open(tmp_path / "state.json")
    assert len(notices) == 1 and notices[0].startswith("state.json: unreadable state (")
    assert notices[0].endswith(") and could not be moved aside (permission denied); nothing will be saved this session")


def test_no_path_writes_nothing(tmp_path: Path) -> None:
    state, notices = State.open(None)
    state.mark_read("a")
    state.toggle_bookmark("a", (0, 1))
    state.save()
    assert notices == [] and list(tmp_path.iterdir()) == []


def test_atomic_write_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "f.json"
    write_atomically(target, "one")
    write_atomically(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["f.json"]


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "f.json"
    write_atomically(target, "old")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("tuireader.state.os.replace", boom)
    with pytest.raises(OSError):
        write_atomically(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


def test_two_readers_keep_each_others_changes(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    first, _ = State.open(path)
    first.mark_read("old")
    first.toggle_bookmark("old", (0, 4))
    first.toggle_bookmark("old", (10, 20))
    first.save()
    a, _ = State.open(path)
    b, _ = State.open(path)
    a.mark_read("seen-in-a")
    a.toggle_bookmark("old", (0, 4))  # removed in A
    a.theme = "paper"
    a.save()
    b.mark_read("seen-in-b")
    b.toggle_bookmark("new", (5, 9))
    read_set = b.read
    b.save()  # B saves last: it must not undo A's changes
    final, _ = State.open(path)
    assert final.read == {"old", "seen-in-a", "seen-in-b"}
    assert sorted(final.iter_bookmarks()) == [("new", (5, 9)), ("old", (10, 20))]
    assert final.theme == "paper"
    # B's in-memory state took A's changes too, in the same set objects the widgets hold
    assert b.read is read_set and "seen-in-a" in b.read
    assert not b.is_bookmarked("old", (0, 4)) and b.theme == "paper"


def test_a_theme_chosen_here_wins_over_the_saved_one(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    a, _ = State.open(path)
    b, _ = State.open(path)
    a.theme = "paper"
    a.save()
    b.theme = "night"
    b.save()
    assert State.open(path)[0].theme == "night"
