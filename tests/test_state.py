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


def test_a_bookmark_keeps_its_words_bounded(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    state, _ = State.open(path)
    state.toggle_bookmark("a", (3, 9), "Ferries run")
    state.toggle_bookmark("a", (20, 5020), "w" * 5000)
    state.save()
    saved = json.loads(path.read_text())
    assert saved["bookmarks"] == {"a": [[3, 9], [20, 5020]]}
    assert saved["bookmark_words"] == {"a": [[3, 9, "Ferries run"], [20, 5020, "w" * 300]]}
    again, _ = State.open(path)
    assert again.words_of("a", (3, 9)) == "Ferries run" and again.words_of("a", (20, 5020)) == "w" * 300
    again.toggle_bookmark("a", (3, 9))  # removing a bookmark removes its words
    again.save()
    assert json.loads(path.read_text())["bookmark_words"] == {"a": [[20, 5020, "w" * 300]]}


def test_an_offsets_only_file_still_loads_and_works(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text('{"version": 1, "read": ["a"], "bookmarks": {"a": [[3, 9]]}, "theme": null}')
    state, notices = State.open(path)
    assert notices == [] and state.is_bookmarked("a", (3, 9)) and state.words_of("a", (3, 9)) is None
    state.move_bookmarks("a", [((3, 9), (3, 9), "Ferries run")])  # words found for it
    state.save()
    assert json.loads(path.read_text())["bookmark_words"] == {"a": [[3, 9, "Ferries run"]]}
    # Words of a file that holds more than the bounds allow are cut to them on loading.
    path.write_text(json.dumps({"version": 1, "bookmarks": {"a": [[3, 9]]},
                                "bookmark_words": {"a": [[3, 9, "x" * 9000]], "b": [[1, 2, "gone"]]}}))
    state, notices = State.open(path)
    assert notices == [] and state.words == {("a", (3, 9)): "x" * 300}


@pytest.mark.parametrize("words", ['"x"', '{"a": [[1, 2]]}', '{"a": [[1, -2, "w"]]}', '{"a": [[1, 2, 3]]}'])
def test_bad_bookmark_words_set_the_file_aside(tmp_path: Path, words: str) -> None:
    path = tmp_path / "state.json"
    path.write_text(f'{{"version": 1, "bookmarks": {{"a": [[1, 2]]}}, "bookmark_words": {words}}}')
    state, notices = State.open(path)
    assert len(notices) == 1 and "corrupt-" in notices[0] and state.bookmarks == {}


def test_moving_bookmarks_merges_with_another_reader(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    first, _ = State.open(path)
    for key, words in [((0, 4), "Ajax"), ((5, 9), "Brio"), ((20, 24), "Cato")]:
        first.toggle_bookmark("a", key, words)
    first.save()
    a, _ = State.open(path)
    b, _ = State.open(path)
    b.toggle_bookmark("a", (20, 24))  # B removes one ...
    b.toggle_bookmark("a", (30, 34), "Dido")  # ... and adds one
    b.save()
    # A's article was edited: each bookmark moved 5 on, the first onto where the second was.
    a.move_bookmarks("a", [((0, 4), (5, 9), "Ajax"), ((5, 9), (10, 14), "Brio"), ((20, 24), (25, 29), "Cato")])
    a.save()
    final, _ = State.open(path)
    # Both moves are kept, B's removal is not undone by A's move, B's addition stays.
    assert final.bookmarks == {"a": {(5, 9), (10, 14), (30, 34)}}
    assert [final.words_of("a", k) for k in [(5, 9), (10, 14), (30, 34)]] == ["Ajax", "Brio", "Dido"]
    assert a.bookmarks == final.bookmarks
