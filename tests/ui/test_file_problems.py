"""Problems with files at 80x24: a short notification that leaves the article readable, a key
that hides it, and the full list behind another key (and the palette)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._toast import Toast

from tests.ui.test_reader import SMALL, MakeApp, ready, screen_text
from tuireader.ui.problems_screen import ProblemsScreen


def broken_files(folder: Path, count: int) -> list[Path]:
    """``count`` empty files, each a problem (sorted after the sample articles)."""
    paths = [folder / f"e{n:02d}_empty.txt" for n in range(count)]
    for path in paths:
        path.write_bytes(b"")
    return paths


async def test_many_problems_make_a_small_notification_and_a_full_list(make_app: MakeApp, articles: Path) -> None:
    broken = broken_files(articles, 22)
    app = make_app([articles])
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await ready(app, pilot)
        [grouped] = [n for n in app._notifications if n.title == "22 problems with files"]
        lines = grouped.message.splitlines()
        # Two lines: the first problem (its file named), then the count and the keys.
        assert len(lines) == 2
        assert lines[0] == "e00_empty.txt: empty file"
        assert lines[1] == "and 21 more: ! lists them, x hides"
        # The toast is small enough to leave the article readable beside and above it.
        [toast] = app.screen.query(Toast)
        assert toast.region.height <= 4 and toast.region.width <= 40
        assert "Harbour plan approved" in screen_text(app)
        # Every problem, its file in full, is in the list behind "!".
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        shown = screen_text(app)
        assert "22 problems with files" in shown
        assert f"{broken[0]}: empty file" in app.screen.lines
        assert app.screen.lines == [f"{path}: empty file" for path in broken]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProblemsScreen)


async def test_x_hides_the_notifications(make_app: MakeApp, articles: Path) -> None:
    broken_files(articles, 2)
    app = make_app([articles])
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await ready(app, pilot)
        assert app.screen.query(Toast)
        await pilot.press("x")
        await pilot.pause()
        await pilot.pause()
        assert not app._notifications
        assert not app.screen.query(Toast)
        # The list is still there after the notification has gone.
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert len(app.screen.lines) == 2


async def test_one_problem_names_its_file_and_the_keys(make_app: MakeApp, articles: Path) -> None:
    (articles / "c_binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    app = make_app([articles])
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await ready(app, pilot)
        [told] = [n for n in app._notifications if n.title == "A problem with a file"]
        assert told.message.splitlines() == ["c_binary.txt: binary file (NUL bytes), skipped",
                                             "! lists it, x hides"]


async def test_a_long_problem_is_cut_in_the_notification_not_in_the_list(make_app: MakeApp, tmp_path: Path,
                                                                         articles: Path) -> None:
    deep = tmp_path / ("a_very_long_folder_name_" * 4)
    deep.mkdir()
    missing = deep / ("missing " * 12 + ".txt")  # spaces: words wrap whole in a toast
    app = make_app([missing, articles])
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await ready(app, pilot)
        [told] = [n for n in app._notifications if n.title == "A problem with a file"]
        first = told.message.splitlines()[0]
        # The file is named without its folders, and the line is cut to fit two lines.
        assert first.startswith("missing missing") and first.endswith("…") and len(first) == 60
        [toast] = app.screen.query(Toast)
        assert toast.region.height <= 4
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert app.screen.lines == [f"{missing}: no such file or directory"]  # type: ignore[attr-defined]


async def test_the_list_says_when_there_is_no_problem(make_app: MakeApp, articles: Path) -> None:
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert not isinstance(app.screen, ProblemsScreen)
        assert "No problems with files" in [m for m, _ in app.recorded]  # type: ignore[attr-defined]


async def test_the_palette_opens_the_list(make_app: MakeApp, articles: Path) -> None:
    broken_files(articles, 1)
    app = make_app([articles])
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for key in "problems with":
            await pilot.press(key if key != " " else "space")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
