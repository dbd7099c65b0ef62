"""Fixtures for the hostile-input suite: an isolated home, a reader factory, screen readers.

`hostile_extract` stands in for the real extraction in the reader tests, so the speaker names
and aliases can carry payloads too (the real extractor only takes capitalised words as names)
and the tests do not move when the extraction rules change. The tests of extraction itself use
the real one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.hostile.helpers import HOSTILE, PAYLOADS
from tuireader.model import Analysis, Article, Span, Speaker, Statement
from tuireader.ui.app import ReaderApp, create_app

# Config and state folders in tmp_path, and no SSH, tmux or NO_COLOR from the caller's shell.
from tests.ui.conftest import isolated_home  # noqa: F401  (an autouse fixture)

SPEAKER = "Ilse " + PAYLOADS["osc0-title"] + " Varga [b]boss[/b]"
"""A speaker name carrying a title-setting sequence and markup."""
ALIAS = "Varga " + PAYLOADS["csi-red-background"] + " [@click=app.quit]q[/]"


def hostile_extract(article: Article) -> Analysis:
    """Every paragraph is one statement (direct, indirect, claim in turn) by `SPEAKER`."""
    text = article.text
    statements = []
    kinds = ("direct", "indirect", "claim")
    for n, para in enumerate(article.paragraphs or ()):
        if not para.slice(text).strip():
            continue
        statements.append(Statement(kinds[n % 3], Span(para.start, para.end), "hostile.paragraph",
                                    speaker=SPEAKER if n % 3 != 2 else None))
    return Analysis(article, tuple(statements), (Speaker(SPEAKER, (ALIAS,), "person"),))


def write_hostile_article(folder: Path, name: str = "evil.txt") -> Path:
    """A plain-text article whose header fields and paragraphs all carry `HOSTILE`."""
    path = folder / name
    path.write_text(
        f"Title: Harbour vote {HOSTILE}\n"
        f"Date: 2024-05-06 {PAYLOADS['osc2-title']}\n"
        f"Source: Coastal {HOSTILE}\n"
        f"Author: Nell {PAYLOADS['c1-osc']} Ashby\n"
        f"URL: https://example.org/vote?{PAYLOADS['osc52-clipboard']}\n\n"
        f"The council of Eastport voted {HOSTILE} on Tuesday.\r\nCarriage\rreturn line.\n\n"
        f'"We will build it {HOSTILE}," said Ilse Varga.\n\n'
        f"The plan costs 40 million {PAYLOADS['c1-csi']} dollars {HOSTILE}.\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def make_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., ReaderApp]]:
    """Build a reader on `hostile_extract` whose state and exports live in tmp_path."""
    monkeypatch.setattr("tuireader.ui.app.extract", hostile_extract)

    def build(paths: list[str | Path], **kwargs: object) -> ReaderApp:
        kwargs.setdefault("state_path", tmp_path / "state" / "state.json")
        kwargs.setdefault("export_dir", tmp_path)
        return create_app([str(p) for p in paths], **kwargs)  # type: ignore[arg-type]

    yield build


async def ready(app: ReaderApp, pilot: Pilot[None]) -> None:
    """Wait until loading has finished and the screen has settled."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def terminal_output(app: ReaderApp) -> str:
    """What the app would write to the terminal to draw the whole screen now (the headless
    driver used by tests writes nothing, so the same update is rendered here)."""
    update = app.screen._compositor.render_update(full=True)  # type: ignore[attr-defined]
    return update.render_segments(app.console)


def screen_text(app: ReaderApp) -> str:
    """The characters on screen, line by line."""
    return "\n".join(line.text for line in app.screen._compositor.render_strips())  # type: ignore[attr-defined]


def notifications(app: ReaderApp) -> list[str]:
    """Titles and messages of the notifications raised so far, a line of a message each (the
    problems with files found together share a notification that names the first)."""
    return [f"{n.title} {line}" for n in app._notifications  # type: ignore[attr-defined]
            for line in (n.message.splitlines() or [""])]


def problem_lines(app: ReaderApp) -> list[str]:
    """The problems with files met so far, as ``!`` lists them: one line each, naming the file."""
    return list(app.file_problems)
