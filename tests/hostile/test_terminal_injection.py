"""Article text never reaches the terminal as control sequences, and is never read as markup.

The reader is driven with Pilot over an article whose title, metadata, paragraphs, speaker
names and file names carry every payload of `helpers.PAYLOADS` and markup. Each test renders the
whole screen as the terminal would receive it and checks that, once Textual's own sequences
are set aside, no ESC, BEL, C1 or bidi control is left, and that the markup shows as text.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, Static

from tests.hostile.conftest import (
    notifications,
    problem_lines,
    ready,
    screen_text,
    terminal_output,
    write_hostile_article,
)
from tests.hostile.helpers import ESC, MARKUP_TOKENS, foreign_sequences, unsafe_characters
from tuireader.config import Config
from tuireader.ui.app import ReaderApp
from tuireader.ui.bookmarks_screen import BookmarksScreen
from tuireader.ui.echo_screen import EchoScreen
from tuireader.ui.help_screen import HelpScreen
from tuireader.ui.problems_screen import ProblemsScreen
from tuireader.ui.search_screen import SearchScreen
from tuireader.ui.speaker_archive_screen import SpeakerArchiveScreen

MakeApp = Callable[..., ReaderApp]
WIDE = (160, 50)


def assert_clean_screen(app: ReaderApp) -> None:
    """Nothing but Textual's own sequences in what the terminal would receive, and no control
    in any notification raised so far (shown or not yet)."""
    assert foreign_sequences(terminal_output(app)) == []
    for message in notifications(app) + problem_lines(app):
        assert unsafe_characters(message) == [], message


@pytest.fixture
def evil_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    write_hostile_article(folder)
    return folder


async def test_body_sidebar_speakers_and_status_show_payloads_as_visible_text(
    make_app: MakeApp, evil_folder: Path
) -> None:
    app = make_app([evil_folder])
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await ready(app, pilot)
        assert len(app.library) == 1
        text = screen_text(app)
        # All three panes and the status line are on screen.
        assert "Harbour vote" in text and "Varga" in text and "1/" in text
        assert "␛]0;pwned␇" in text and "␛[41m" in text and "␇" in text
        for token in MARKUP_TOKENS:
            assert token in text, token
        assert_clean_screen(app)
        # The speakers panel expanded to the statements, and the status line names the speaker.
        await pilot.press("s")
        await pilot.press("enter")
        await pilot.pause()
        assert "Varga [b]boss[/b]" in screen_text(app) and "[b]boss[/b]  ? help" in screen_text(app)
        assert_clean_screen(app)


async def test_markup_in_the_text_is_not_acted_on(make_app: MakeApp, evil_folder: Path) -> None:
    app = make_app([evil_folder])
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await ready(app, pilot)
        lines = screen_text(app).splitlines()
        clicks = [(line.index("[@click=app.quit]quit"), y) for y, line in enumerate(lines)
                  if "[@click=app.quit]quit" in line]
        assert clicks
        for x, y in clicks:
            # Click on the word "quit" of the would-be action link.
            await pilot.click(offset=(x + len("[@click=app.quit]"), y))
            await pilot.pause()
        assert app.is_running and app.return_code is None
        # Nothing was styled by the markup: the words inside the tags have the body's own style
        # on the line of the quotation, the same as the word before the tags.
        body = app.reader.body
        strips = [body.render_line(y) for y in range(body.scrollable_content_region.height)]
        for strip in strips:
            segments = list(strip)
            text = "".join(s.text for s in segments)
            if "[red]red[/red]" not in text:
                continue
            styles = {s.style for s in segments if "red[/red]" in s.text or s.text == "red"}
            assert all(style is None or style.bgcolor is None or style.bgcolor.name != "red"
                       for style in styles)


async def test_notifications_for_broken_files_with_hostile_names(make_app: MakeApp, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    name = f"x{ESC}]0;pwned\a{ESC}[41m[@click=app.quit]n"  # no "/" can be in a name
    (folder / f"{name}.txt").write_bytes(b"\x00\x01\x02 binary")
    (folder / f"{name}.json").write_text('{"title": "t", "text": ', encoding="utf-8")
    (folder / f"{name}.yaml").write_text(f"title: [{ESC}]2;pwned\a\n  - :", encoding="utf-8")
    (folder / f"{name}.md").write_text("", encoding="utf-8")
    write_hostile_article(folder)
    app = make_app([folder])
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await ready(app, pilot)
        # The notification names the first; the list behind "!" names all four.
        assert any("pwned" in m for m in notifications(app))
        shown = problem_lines(app)
        assert len([m for m in shown if "pwned" in m]) >= 4
        assert any("[@click=app.quit]n" in m for m in shown)
        assert_clean_screen(app)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        listed = str(app.screen.query_one("#problems-text", Static).render())
        assert listed.count("[@click=app.quit]n") >= 4  # shown as written, never as markup
        assert_clean_screen(app)
        assert app.is_running


async def test_file_names_with_escapes_or_undecodable_bytes(make_app: MakeApp, tmp_path: Path) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    # Bytes that are not UTF-8 arrive in Python as lone surrogates; 0x9B is also the 8-bit CSI.
    # An article without a date or source is listed in the palette under its id (its name).
    raw_name = b"caf\xe9 \x9b41m " + f"{ESC}]0;pwned\a[@click=app.quit]n".encode()
    with open(bytes(folder) + b"/" + raw_name + b".txt", "wb") as f:
        f.write(b'"We will build it," said Ilse Varga.\n')
    with open(bytes(folder) + b"/" + raw_name + b".bin.txt", "wb") as f:
        f.write(b"\x00\x00 binary")
    app = make_app([folder])
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await ready(app, pilot)
        assert len(app.library) == 1
        article = app.library[0].article
        assert "\udc9b" in article.path and ESC in article.path  # the loader keeps the name as it is
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert "␛]0;pwned␇[@click=app.quit]n" in screen_text(app)
        output = terminal_output(app)
        output.encode("utf-8")  # a lone surrogate here would crash a strict terminal stream
        assert foreign_sequences(output) == []


async def test_copied_text_is_clean_and_the_clipboard_sequence_is_only_ours(
    make_app: MakeApp, evil_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    app = make_app([evil_folder])
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await ready(app, pilot)
        written: list[str] = []
        monkeypatch.setattr(app._driver, "write", written.append)
        copied: dict[str, str] = {}
        for key in ("y", "Y", "o"):
            written.clear()
            await pilot.press(key)
            await pilot.pause()
            copied[key] = app.clipboard
            assert copied[key] and unsafe_characters(copied[key]) == [], key
            # What went to the terminal: OSC 52 with base64 (bare, then in tmux's passthrough).
            assert len(written) == 2
            bare, wrapped = written
            match = re.fullmatch(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", bare)
            assert match is not None
            assert base64.b64decode(match.group(1)).decode("utf-8") == copied[key]
            assert wrapped == "\x1bPtmux;" + bare.replace(ESC, ESC + ESC) + "\x1b\\"
        assert "Eastport voted" in copied["y"] and "[@click=app.quit]quit[/]" in copied["y"]
        assert copied["Y"].startswith("“") and "Ilse" in copied["Y"] and "Harbour vote" in copied["Y"]
        assert copied["o"].startswith("https://example.org/vote?")
        # The URL notification is a real OSC 8 link; its target holds no control either.
        assert "\x1b]8;" in terminal_output(app)
        assert_clean_screen(app)


async def test_palette_entries(make_app: MakeApp, evil_folder: Path) -> None:
    app = make_app([evil_folder])
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"harbour")
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "Go to article: Harbour vote" in text and "[link=https://evil.example]link[/link]" in text
        assert_clean_screen(app)
        await pilot.press(*(["backspace"] * 7), *"ilse")
        await pilot.pause(0.3)
        assert "Go to speaker: Ilse" in screen_text(app) and "[@click=app.quit]q[/]" in screen_text(app)
        assert_clean_screen(app)


async def test_bookmarks_and_export_dialogs(make_app: MakeApp, evil_folder: Path) -> None:
    app = make_app([evil_folder])
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("m")
        app.action_bookmarks()
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        assert "Varga [b]boss[/b]" in screen_text(app)
        assert_clean_screen(app)
        await pilot.press("escape")
        app.action_export_statements()
        await pilot.pause()
        assert_clean_screen(app)
        # A name pasted with a control sequence in it, in a folder that does not exist.
        app.screen.query_one("#export-path", Input).value = f"/nowhere/{ESC}]0;pwned\a/q.md"
        await pilot.press("enter")
        await pilot.pause()
        error = str(app.screen.query_one("#export-error").render())
        assert "␛]0;pwned␇" in error and error.endswith(": no such file or directory")
        assert_clean_screen(app)


async def test_archive_screens_for_a_hostile_speaker_and_quote(make_app: MakeApp, evil_folder: Path) -> None:
    # Without an archive the screens open with a one-line reason; the speaker's name and the
    # quotation are in their titles all the same.
    app = make_app([evil_folder])
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, SpeakerArchiveScreen)
        text = screen_text(app)
        assert "Varga [b]boss[/b] across the archive" in text
        assert_clean_screen(app)
        await pilot.press("escape", "e")
        await pilot.pause()
        assert isinstance(app.screen, EchoScreen)
        assert "“The council of Eastport voted ␛]0;pwned␇" in screen_text(app)
        assert_clean_screen(app)


async def test_the_archive_sidebar_and_search_hits(make_app: MakeApp, evil_folder: Path, tmp_path: Path) -> None:
    # The archive is built by the real indexer and extraction; its rows and hits are article
    # text as well.
    app = make_app([evil_folder], use_archive=True, use_cache=True, cache_dir=tmp_path / "cache")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await ready(app, pilot)
        assert app.archive is not None
        assert "Harbour vote ␛]0;pwned␇" in screen_text(app)
        assert_clean_screen(app)
        await pilot.press("ctrl+f", *"eastport")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen) and app.screen.hit_list.hits
        shown = str(app.screen.hit_list.get_option_at_index(0).prompt)
        assert "␛]0;pwned␇" in shown and unsafe_characters(shown) == []
        assert_clean_screen(app)


async def test_help_with_a_hostile_keymap_in_the_config(make_app: MakeApp, evil_folder: Path) -> None:
    # A config file is text from somewhere too: a key name carrying a title sequence and markup.
    config = Config(keymap={"help": f"f1,{ESC}]0;pwned\a", "top": "g,[b]x[/b]"})
    app = make_app([evil_folder], config=config)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Help: every key" in screen_text(app)
        assert_clean_screen(app)


async def test_pasted_control_sequences_are_shown_not_obeyed(make_app: MakeApp, evil_folder: Path,
                                                              tmp_path: Path) -> None:
    pasted = f"Harbour{ESC}]0;pwned\a{ESC}[41m\u202e"
    app = make_app([evil_folder], use_archive=True, cache_dir=tmp_path / "cache")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await ready(app, pilot)
        # Find, the two filters, the search box and the export name: each gets the paste.
        boxes: list[str | None] = []
        for keys in (["slash"], ["s", "slash"], ["tab", "slash"], ["ctrl+f"], []):
            if not keys:
                app.action_export_statements()
                await pilot.pause()
            await pilot.press(*keys)
            box = app.focused
            assert isinstance(box, Input), keys
            boxes.append(box.id)
            box.post_message(events.Paste(pasted))
            await pilot.pause()
            assert "␛]0;pwned␇␛[41m" in box.value and unsafe_characters(box.value) == []
            assert_clean_screen(app)
            await pilot.press("escape")
            await pilot.pause()
        assert boxes == ["find", "speaker-filter", "article-filter", "search-query", "export-path"]


async def test_find_query_and_status_line(make_app: MakeApp, evil_folder: Path) -> None:
    app = make_app([evil_folder])
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.press("slash", *"[b]bold", "enter")
        await pilot.pause()
        assert "/[b]bold" in screen_text(app)
        assert app.reader.body.matches
        assert_clean_screen(app)

