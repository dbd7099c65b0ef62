"""The reader keeps running, and keeps what the user did, whatever the files and the terminal do.

Binary, empty and unreadable files, folders that cannot be listed, files deleted or rewritten
while loading or after, a stale bookmark, and terminal resizes down to 20x5 and back.
"""

from __future__ import annotations

import builtins
import errno
import os
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.conftest import notifications, problem_lines, ready, screen_text, terminal_output, write_hostile_article
from tests.hostile.helpers import deadline, foreign_sequences
from tuireader.loading import LoadError
from tuireader.state import State
from tuireader.ui.app import ReaderApp
from tuireader.ui.commands import ArticleCommands, SpeakerCommands
from tuireader.ui.help_screen import HelpScreen

MakeApp = Callable[..., ReaderApp]
SIZE = (100, 30)


def article(name: str) -> str:
    return f'Title: {name} report\n\nThe council met.\n\n"We are ready," said Ilse Varga of {name}.\n\nIt cost 5 million.\n'


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("alpha", "bravo", "charlie"):
        (folder / f"{name}.txt").write_text(article(name), encoding="utf-8")
    return folder


def deny(monkeypatch: pytest.MonkeyPatch, paths: set[Path]) -> None:
    """Make listing or opening these paths fail as for a user without permission."""
    real_open, real_scandir = builtins.open, os.scandir

    def check(path: Any) -> None:
        if isinstance(path, (str, bytes, os.PathLike)) and Path(os.fsdecode(path)) in paths:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))

    def open_(file: Any, *args: Any, **kwargs: Any) -> Any:
        check(file)
        return real_open(file, *args, **kwargs)

    def scandir(path: Any = ".") -> Any:
        check(path)
        return real_scandir(path)

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(os, "scandir", scandir)


async def test_broken_and_forbidden_files_are_named_and_the_rest_loads(
    make_app: MakeApp, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03 binary \x00" * 50)
    (folder / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("\n  \n\t\n", encoding="utf-8")
    # Random bytes that are not UTF-8 but not binary-looking either: shown with U+FFFD.
    (folder / "mojibake.txt").write_bytes(bytes(random.Random(3).randrange(0x80, 0x100) for _ in range(3000)))
    (folder / "secret.txt").write_text(article("secret"), encoding="utf-8")
    locked = folder / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(article("inside"), encoding="utf-8")
    deny(monkeypatch, {folder / "secret.txt", locked})
    app = make_app([folder])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(app, pilot)
        titles = sorted(a.article.title for a in app.library)
        assert titles[:3] == ["alpha report", "bravo report", "charlie report"]
        assert "inside report" not in titles and "secret report" not in titles
        shown = problem_lines(app)
        # told in notifications of the problems found together: one, or more when a slow machine
        # loads the first articles before the last problems are met
        told = [1 if n.title == "A problem with a file" else int(n.title.split()[0])
                for n in app._notifications if n.title in ("A problem with a file",) or n.title.endswith(" problems with files")]
        assert sum(told) == 7 and len(shown) == 7
        for name in ("binary.txt", "image.md", "empty.txt", "blank.md", "secret.txt", "locked"):
            (line,) = [m for m in shown if f"{name}:" in m]
            assert "\n" not in line.strip()
        assert any("permission denied" in m.lower() for m in shown if "secret.txt" in m)
        assert any("mojibake.txt" in m and "UTF-8" in m for m in shown)
        await pilot.press("tab", "j", "enter", "right_square_bracket")
        assert app.is_running and app.reader.analysis is not None


async def test_files_that_change_between_listing_and_reading(
    make_app: MakeApp, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tuireader.loading import dispatch

    real_iter_files = dispatch.iter_files
    changes: dict[str, Callable[[Path], None]] = {
        "alpha.txt": lambda p: p.unlink(),
        "bravo.txt": lambda p: p.write_bytes(b""),
        "charlie.txt": lambda p: (p.unlink(), p.mkdir()),
    }

    def iter_files(root: Path) -> Iterator[Path | LoadError]:
        for item in real_iter_files(root):
            if isinstance(item, Path) and item.name in changes:
                changes[item.name](item)  # listed, then changed before it is read
            yield item

    monkeypatch.setattr(dispatch, "iter_files", iter_files)
    (folder / "delta.txt").write_text(article("delta"), encoding="utf-8")
    app = make_app([folder])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(app, pilot)
        assert [a.article.title for a in app.library] == ["delta report"]
        shown = problem_lines(app)
        for name in changes:
            assert len([m for m in shown if f"{name}:" in m]) == 1, (name, shown)
        assert app.is_running


async def test_a_file_deleted_or_rewritten_after_loading_changes_nothing(
    make_app: MakeApp, folder: Path, tmp_path: Path
) -> None:
    app = make_app([folder], export_dir=tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(app, pilot)
        first, second = app.library[0], app.library[1]
        (folder / "alpha.txt").unlink()
        (folder / "bravo.txt").write_bytes(b"\x00 now binary \x00")
        # Everything the user can do works from what was loaded; nothing reads the files again.
        app.open_article(second.article.id)
        app.open_article(first.article.id)
        await pilot.press("right_square_bracket", "m", "y", "Y")
        await pilot.press("slash", *"ready", "enter", "n")
        app.action_export_statements()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.analysis is first and app.reader.body.matches
        assert "We are ready" in app.clipboard and "alpha report" in app.clipboard
        assert not [m for m in notifications(app) + problem_lines(app) if "alpha.txt" in m or "bravo.txt" in m]
        exported = (tmp_path / "tuireader-export.md").read_text(encoding="utf-8")
        assert "We are ready" in exported
    saved, _ = State.open(tmp_path / "state" / "state.json")
    assert saved.read >= {first.article.id, second.article.id}
    assert saved.bookmarks == {first.article.id: {(first.statements[1].start, first.statements[1].end)}}


async def test_a_bookmark_into_text_that_has_changed_is_kept_and_shown_as_not_found(
    make_app: MakeApp, folder: Path, tmp_path: Path
) -> None:
    state_path = tmp_path / "state" / "state.json"
    state = State(state_path)
    state.toggle_bookmark("alpha", (10_000, 10_050))  # the article was longer when it was marked
    state.toggle_bookmark("gone", (1, 4))  # an article not loaded this time
    state.save()
    app = make_app([folder], state_path=state_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(app, pilot)
        assert app.bookmarks() == []
        app.action_bookmarks()
        await pilot.pause()
        shown = screen_text(app)
        assert "not found in the article now" in shown and "10000–10050" in shown
        assert "1 more in articles not open now" in shown
        await pilot.press("escape", "right_square_bracket", "m")
    saved, _ = State.open(state_path)
    # The old marks are still there for the day the text matches again.
    assert (10_000, 10_050) in saved.bookmarks["alpha"] and saved.bookmarks["gone"] == {(1, 4)}
    assert len(saved.bookmarks["alpha"]) == 2


def snapshot(app: ReaderApp) -> tuple[Any, ...]:
    body = app.reader.body
    return (app.reader.analysis.article.id if app.reader.analysis else None, body.current, body.query_text,
            body.match_index, dict(app.state.bookmarks), set(app.state.read), app.reader.active_pane)


async def test_resizes_down_to_20x5_and_back_lose_nothing(make_app: MakeApp, folder: Path) -> None:
    write_hostile_article(folder)
    app = make_app([folder])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(app, pilot)
        app.open_article(app.library[1].article.id)
        await pilot.press("right_square_bracket", "m", "slash", *"varga", "enter")
        await pilot.pause()
        before = snapshot(app)
        assert before[1] is not None and before[3] is not None and before[4]
        for size in [(60, 20), (40, 10), (20, 5), (12, 4), (20, 5)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert snapshot(app) == before, size
            assert foreign_sequences(terminal_output(app)) == []
        # Working at 20x5: panes, speakers, the palette, help; then back to the article.
        await pilot.press("tab", "j", "tab", "s", "enter", "q")
        await pilot.press("ctrl+p")
        await pilot.press(*"alpha", "escape")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        app.reader.activate_pane(1)
        app.reader.body.go_to(before[1])
        await pilot.pause()
        for size in [(80, 24), (200, 60), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert snapshot(app)[:5] == before[:5], size
            body = app.reader.body
            # The statement under the cursor is on screen after each resize.
            lines = body._statement_lines(body.current)
            top = round(body.scroll_y)
            assert lines.start < top + body.scrollable_content_region.height and top < lines.stop
        assert app.is_running


async def test_the_palette_stays_usable_with_huge_and_repetitive_titles(make_app: MakeApp, tmp_path: Path) -> None:
    folder = tmp_path / "long"
    folder.mkdir()
    # A 100 kB title, and a short one made of one letter: Textual's fuzzy matcher tries every
    # way a query's letters fall in such text, and did not come back (nor let go of memory).
    (folder / "a.txt").write_text("Title: " + "harbour vote " * 8000 + "\n\nThe council met.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Title: " + "a " * 60 + "\n\nThe council met.\n", encoding="utf-8")
    app = make_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        # The providers themselves first, so a hang fails here rather than inside the palette
        # (which catches what its providers raise).
        for query in ("hrbrvt", "aa aa aa aa aa"):
            for provider_class in (ArticleCommands, SpeakerCommands):
                with deadline(10):
                    hits = [hit async for hit in provider_class(app.screen).search(query)]
                assert provider_class is SpeakerCommands or len(hits) >= 1
        await pilot.press("ctrl+p", *"hrbrvt")
        await pilot.pause(0.3)
        assert "Go to article: harbour vote harbour" in screen_text(app)
        await pilot.press(*(["backspace"] * 6), *"aa aa aa aa aa")
        await pilot.pause(0.3)
        assert "Go to article: a a a" in screen_text(app)
        await pilot.press("escape")
        assert app.is_running
