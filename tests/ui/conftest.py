"""Fixtures for the reader's tests: small fictional articles, an isolated home, a fixed extractor.

The UI must not depend on how statements are found, and extraction changes often, so most
tests swap in `simple_extract`, whose rules are obvious from the sample text: a paragraph that
opens with a double quote is a direct quotation, one with "said" and no quote is reported
speech, one with a digit is a claim; the speaker is the capitalised name next to "said".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tuireader.model import Analysis, Article, Span, Speaker, Statement
from tuireader.ui.app import ReaderApp, create_app

FILLER = "\n\n".join(
    ["Fishing boats lined the old quay while gulls circled above the market stalls and the "
     "morning fog lifted slowly from the water by the lighthouse."] * 6
)

HARBOUR = f"""Title: Harbour plan approved
Date: 2024-03-01
Source: Coastal Times
URL: https://example.org/harbour?id=1

The council of Eastport approved the harbour plan on Tuesday after a long debate.

"We have waited a very long time for this," said Jane Roe.

Roe said the work would start in May.

The plan will cost 40 million dollars over six years.

{FILLER}

{FILLER}

{FILLER}

"It will cost more than anyone admits," said Tom Birch.

The harbour handled 12000 ships last year.

{FILLER}

{FILLER}

{FILLER}

{FILLER}

"Ships will come back to Eastport," said Jane Roe.
"""

LIBRARY = """Title: Library opens in Westfield
Date: 2024-04-02
Source: Valley News

The new library in Westfield opened its doors on Monday.

"Every child deserves a quiet place to read," said Ann Lee.
"""

_SAID_AFTER = re.compile(r"said ([A-Z][a-z]+(?: [A-Z][a-z]+)?)")
_SAID_BEFORE = re.compile(r"([A-Z][a-z]+) said ")


def simple_extract(article: Article) -> Analysis:
    """A predictable stand-in for `tuireader.extraction.extract` (see the module docstring)."""
    text = article.text
    statements: list[Statement] = []
    names: dict[str, set[str]] = {}
    for para in article.paragraphs or ():
        words = para.slice(text)
        mention = speaker = None
        if (m := _SAID_AFTER.search(words)) or (m := _SAID_BEFORE.search(words)):
            mention = Span(para.start + m.start(1), para.start + m.end(1))
            written = m.group(1)
            speaker = next((full for full in names if written in full.split()), written)
            names.setdefault(speaker, set())
            if written != speaker:
                names[speaker].add(written)
        if words.startswith('"'):
            close = words.index('"', 1)
            statements.append(Statement("direct", Span(para.start + 1, para.start + close), "test.direct",
                                        speaker_mention=mention, speaker=speaker))
        elif mention is not None:
            start = para.start + m.end()
            statements.append(Statement("indirect", Span(start, para.end - 1), "test.indirect",
                                        speaker_mention=mention, speaker=speaker))
        elif any(c.isdigit() for c in words):
            statements.append(Statement("claim", Span(para.start, para.end - 1), "test.claim"))
    speakers = tuple(Speaker(name, tuple(sorted(aliases)), "person") for name, aliases in names.items())
    return Analysis(article, tuple(statements), speakers)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Config and state folders in tmp_path, and no SSH, tmux or NO_COLOR from the caller."""
    home = tmp_path / "home"
    monkeypatch.setenv("TUIREADER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("TUIREADER_STATE_DIR", str(home / "data"))
    for name in ("SSH_TTY", "SSH_CONNECTION", "TMUX", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A folder with the two sample articles."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a_harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (folder / "b_library.txt").write_text(LIBRARY, encoding="utf-8")
    return folder


@pytest.fixture
def fixed_extract(monkeypatch: pytest.MonkeyPatch) -> Callable[[Article], Analysis]:
    """Make the reader use `simple_extract`."""
    monkeypatch.setattr("tuireader.ui.app.extract", simple_extract)
    return simple_extract


@pytest.fixture
def make_app(tmp_path: Path, fixed_extract: Callable[[Article], Analysis]) -> Iterator[Callable[..., ReaderApp]]:
    """Build a reader whose state and exports live in tmp_path."""

    def build(paths: list[str | Path], **kwargs: object) -> ReaderApp:
        kwargs.setdefault("state_path", tmp_path / "state" / "state.json")
        kwargs.setdefault("export_dir", tmp_path)
        app = create_app([str(p) for p in paths], **kwargs)  # type: ignore[arg-type]
        app.recorded = []  # type: ignore[attr-defined]
        original = app.notify

        def record(message: str, **options: object) -> None:
            app.recorded.append((message, options))  # type: ignore[attr-defined]
            original(message, **options)  # type: ignore[arg-type]

        app.notify = record  # type: ignore[method-assign]
        return app

    yield build
