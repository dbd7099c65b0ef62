"""The archive workflow end to end: search, open at the statement, come back, cite.

Built as in test_archive.py: real indexer, real extraction, small fictional articles in
tmp_path. The long article puts its quotation far below the first screen, so that opening a
hit has to scroll to it.
"""

from __future__ import annotations

from pathlib import Path

from tests.ui.test_archive import SMALL, cache_dir, make, ready, settle  # noqa: F401
from tests.ui.test_reader import screen_text
from tuireader.ui.search_screen import SearchScreen
from tuireader.ui.speaker_archive_screen import SpeakerArchiveScreen

PADDING = "\n\n".join(
    f"Paragraph {n} tells of the tides, the nets and the weather over the quay at Saltmere."
    for n in range(60)
)

SHORT = """Title: Quay market reopens
Date: 2024-01-05
Source: Saltmere Post

The quay market reopened on Saturday after the winter.
"""

LONG = f"""Title: Lighthouse keeper retires
Date: 2024-03-09
Source: Saltmere Post

The keeper of the Saltmere light left the tower for the last time on Friday.

{PADDING}

"The lamp never once went dark on my watch," said Ilse Marrow.
"""


def long_archive(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a_market.txt").write_text(SHORT, encoding="utf-8")
    (folder / "b_light.txt").write_text(LONG, encoding="utf-8")
    return folder


def in_view(app: object, words: str) -> bool:
    return words in screen_text(app)  # type: ignore[arg-type]


async def test_a_hit_far_down_its_article_opens_scrolled_to_it(tmp_path: Path, cache_dir: Path) -> None:
    app = make([long_archive(tmp_path)], tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        assert app.reader.analysis is not None and app.reader.analysis.article.title == "Quay market reopens"
        await pilot.press("ctrl+f", *"speaker:marrow lamp")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen) and len(screen.hit_list.hits) == 1
        await pilot.press("enter")
        await pilot.pause()
        current = app.reader.body.current_statement
        assert current is not None and current.speaker == "Ilse Marrow"
        assert in_view(app, "The lamp never once went dark"), screen_text(app)


async def test_a_speaker_hit_far_down_its_article_opens_scrolled_to_it(tmp_path: Path, cache_dir: Path) -> None:
    app = make([long_archive(tmp_path)], tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await ready(app, pilot)
        app.show_speaker_archive("Ilse Marrow")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SpeakerArchiveScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert in_view(app, "The lamp never once went dark"), screen_text(app)
