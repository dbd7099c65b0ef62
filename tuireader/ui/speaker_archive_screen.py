"""One speaker across the archive: every statement by them (any alias), newest first."""

from __future__ import annotations

import sqlite3
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.worker import get_current_worker

from tuireader.index import Archive, Hit
from tuireader.sanitize import clean_text
from tuireader.ui.help_screen import open_close_hint
from tuireader.ui.hit_list import HitList, flat
from tuireader.ui.wording import plural

LIMIT = 500
"""Statements listed at most."""
TITLE_MARGIN = 6
"""Cells of a box's top border that are not its title: the corners and a rule and space each side."""


def speaker_title(name: str, hint: str, width: int) -> str:
    """The dialog's title for ``width`` cells of box: the name, shortened with "…" when the keys
    would not fit after it (Textual cuts a long title at its end, where the keys are).

    Args:
        name: The speaker's name.
        hint: What the keys do, as `open_close_hint` says it.
        width: The box's width, borders included.
    """
    tail = " across the archive" + hint
    shown = flat(name)
    room = width - TITLE_MARGIN - len(tail)
    if len(shown) > room:
        shown = shown[: max(room - 1, 1)].rstrip() + "…"
    return shown + tail


class SpeakerArchiveScreen(ModalScreen[Hit | None]):
    """Statements by one speaker in every article, newest first; ``enter`` opens one, ``escape`` or
    ``q`` closes.

    Args:
        archive: The archive; None when it could not be opened.
        name: The speaker's canonical name (aliases match too).
        unavailable: Why there is no archive.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Close the speaker view", id="close-speaker-archive"),
    ]

    def __init__(self, archive: Archive | None, name: str, unavailable: str = "") -> None:
        super().__init__()
        self.archive = archive
        self.speaker = name
        self.unavailable = unavailable

    def compose(self) -> ComposeResult:
        with Vertical(id="speaker-archive-box"):
            yield Static("", id="speaker-archive-status", classes="archive-status", markup=False)
            yield HitList(id="speaker-archive-hits")

    @property
    def hit_list(self) -> HitList:
        """The statements."""
        return self.query_one(HitList)

    def on_resize(self) -> None:
        # After the layout, when the box has its new width.
        self.call_after_refresh(self._fit_title)

    def _fit_title(self) -> None:
        box = self.query_one("#speaker-archive-box")
        hint = open_close_hint(self.app, self, "close-speaker-archive")
        # A str title would be read as markup: the name is article text.
        box.border_title = Content(speaker_title(self.speaker, hint, box.outer_size.width))

    def _say(self, line: str) -> None:
        self.query_one("#speaker-archive-status", Static).update(clean_text(" ".join(line.split())))

    def on_mount(self) -> None:
        self.hit_list.focus()
        if self.archive is None:
            self._say(self.unavailable or "No archive")
        else:
            self._say("Looking…")
            self.fetch()

    @work(exclusive=True, thread=True, group="speaker-archive", exit_on_error=False)
    def fetch(self) -> None:
        """Read the statements in a thread."""
        worker = get_current_worker()
        assert self.archive is not None
        try:
            hits = self.archive.speaker_statements(self.speaker, limit=LIMIT)
        except sqlite3.Error as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._say, f"The archive cannot be read: {exc}")
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, hits)

    def _show(self, hits: list[Hit]) -> None:
        self.hit_list.show_hits(hits)
        articles = len({h.article_id for h in hits})
        more = "+" if len(hits) >= LIMIT else ""
        self._say(f"{len(hits)}{more} {plural('statement', len(hits))} in {articles} {plural('article', articles)}, "
                  "newest first" if hits else "No statements by this speaker in the archive")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self.hit_list.hits[int(event.option.id)])
