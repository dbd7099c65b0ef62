"""The list of bookmarked statements; choosing one opens it, d removes it.

A bookmark whose words are no longer in its article (the file was edited) stays in the list,
marked as not found with its saved words, until the user removes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tuireader.model import Analysis
from tuireader.sanitize import clean_text
from tuireader.ui.article_list import NAV_BINDINGS
from tuireader.ui.help_screen import key_choice, open_close_hint
from tuireader.ui.speaker_panel import NO_SPEAKER, snippet

Bookmark = tuple[Analysis, int]
"""An article and the index of a bookmarked statement in it."""


@dataclass(frozen=True, slots=True)
class BookmarkEntry:
    """A saved bookmark of a loaded article, found in it or not."""

    analysis: Analysis
    """The article as loaded now."""
    index: int | None
    """The statement it points at, or None when its words are no longer in the article."""
    key: tuple[int, int]
    """Its saved offsets (what removing it removes)."""
    words: str
    """Its saved words ("" for a bookmark saved by an older version, offsets only)."""


class BookmarksScreen(ModalScreen[BookmarkEntry | None]):
    """Bookmarks across the loaded articles; enter jumps, d removes, escape or q closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Close bookmarks", id="close-bookmarks", show=False),
        Binding("d,delete", "remove_bookmark", "Remove the bookmark", id="remove-bookmark", show=False),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | enter | Open the bookmarked statement (a bookmark not found: its article). |
    | d, delete | Remove the highlighted bookmark. |
    | escape, q | Close. |
    """

    class BookmarkRemoved(Message):
        """The user removed a bookmark from the list."""

        def __init__(self, entry: BookmarkEntry) -> None:
            super().__init__()
            self.entry = entry
            """The bookmark removed."""

    def __init__(self, entries: Sequence[BookmarkEntry], elsewhere: int = 0) -> None:
        """
        Args:
            entries: The bookmarks of the loaded articles.
            elsewhere: How many bookmarks are in articles not loaded now.
        """
        super().__init__()
        self.entries = list(entries)
        self.elsewhere = elsewhere
        self.removed: set[int] = set()
        """Indexes into ``entries`` of the bookmarks removed here."""

    def compose(self) -> ComposeResult:
        options = BookmarkOptions(id="bookmark-options")
        self._set_titles(options)
        for n, entry in enumerate(self.entries):
            options.add_option(Option(_prompt(entry), id=str(n)))
        if not self.entries:
            options.add_option(Option(Text("No bookmarks yet: press m on a statement."), disabled=True))
        if self.elsewhere:
            options.add_option(Option(Text(f"{self.elsewhere} more in articles not open now.", style="italic"),
                                      disabled=True))
        yield options

    def _set_titles(self, options: OptionList) -> None:
        left = len(self.entries) - len(self.removed)
        # A str title would be read as markup: a key name can be "[" (left_square_bracket).
        options.border_title = Content(f"Bookmarks {left}" + open_close_hint(self.app, self, "close-bookmarks"))
        remove = key_choice(self.app, self, "remove-bookmark")
        options.border_subtitle = Content(f"{remove} removes one") if remove and left else None

    def on_mount(self) -> None:
        options = self.query_one(BookmarkOptions)
        options.focus()
        if self.entries:
            options.highlighted = 0

    @on(OptionList.OptionSelected, "#bookmark-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(self.entries[int(event.option.id)])

    def action_remove_bookmark(self) -> None:
        """Remove the highlighted bookmark from the list and announce it."""
        options = self.query_one(BookmarkOptions)
        highlighted = options.highlighted
        if highlighted is None:
            return
        option = options.get_option_at_index(highlighted)
        if option.id is None:
            return
        n = int(option.id)
        self.removed.add(n)
        options.remove_option(option.id)
        self.post_message(self.BookmarkRemoved(self.entries[n]))
        if len(self.removed) == len(self.entries):
            options.add_option(Option(Text("No bookmarks left."), disabled=True))
        self._set_titles(options)


def _prompt(entry: BookmarkEntry) -> Text:
    """A bookmark's two lines: its words, then speaker and title, or that it was not found."""
    analysis, title = entry.analysis, clean_text(entry.analysis.article.title)
    if entry.index is not None:
        statement = analysis.statements[entry.index]
        prompt = Text(f"“{snippet(analysis.text_of(statement), 200)}”")
        prompt.append(Text("\n  " + clean_text(f"{statement.speaker or NO_SPEAKER} · ") + title, style="italic"))
        return prompt
    if entry.words:
        prompt = Text(f"“{snippet(entry.words, 200)}”")
    else:
        start, end = entry.key
        prompt = Text(f"(saved without its words, at characters {start}–{end})")
    prompt.append(Text("\n  not found in the article now", style="bold"))
    prompt.append(Text(" · " + title, style="italic"))
    return prompt


class BookmarkOptions(OptionList):
    """The option list of bookmarks, with vim keys."""

    BINDINGS: ClassVar[list[BindingType]] = NAV_BINDINGS
