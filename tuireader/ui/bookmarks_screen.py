"""The list of bookmarked statements; choosing one opens it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tuireader.model import Analysis
from tuireader.sanitize import clean_text
from tuireader.ui.article_list import NAV_BINDINGS
from tuireader.ui.help_screen import open_close_hint
from tuireader.ui.speaker_panel import NO_SPEAKER, snippet

Bookmark = tuple[Analysis, int]
"""An article and the index of a bookmarked statement in it."""


class BookmarksScreen(ModalScreen[Bookmark | None]):
    """Bookmarks across the loaded articles; enter jumps, escape or q closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Close bookmarks", id="close-bookmarks", show=False),
    ]

    def __init__(self, bookmarks: Sequence[Bookmark]) -> None:
        super().__init__()
        self.bookmarks = list(bookmarks)

    def compose(self) -> ComposeResult:
        options = BookmarkOptions(id="bookmark-options")
        # A str title would be read as markup: a key name can be "[" (left_square_bracket).
        options.border_title = Content(f"Bookmarks {len(self.bookmarks)}"
                                       + open_close_hint(self.app, self, "close-bookmarks"))
        for n, (analysis, index) in enumerate(self.bookmarks):
            statement = analysis.statements[index]
            prompt = Text(f"“{snippet(analysis.text_of(statement), 200)}”")
            prompt.append(Text("\n  " + clean_text(f"{statement.speaker or NO_SPEAKER} · {analysis.article.title}"),
                               style="italic"))
            options.add_option(Option(prompt, id=str(n)))
        if not self.bookmarks:
            options.add_option(Option(Text("No bookmarks yet: press m on a statement."), disabled=True))
        yield options

    def on_mount(self) -> None:
        options = self.query_one(BookmarkOptions)
        options.focus()
        if self.bookmarks:
            options.highlighted = 0

    @on(OptionList.OptionSelected, "#bookmark-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(self.bookmarks[int(event.option.id)])


class BookmarkOptions(OptionList):
    """The option list of bookmarks, with vim keys."""

    BINDINGS: ClassVar[list[BindingType]] = NAV_BINDINGS
