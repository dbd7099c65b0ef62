"""The sidebar: every loaded article, filterable by typing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from tuireader.model import Analysis
from tuireader.sanitize import one_line
from tuireader.ui.safe_input import SafeInput
from tuireader.ui.wording import plural

TITLE_CHARS = 300
"""Characters of a title (and of the date and source line) the list shows: a title is article
text and can be any length, and the list lays each entry out whole."""

NAV_BINDINGS: list[BindingType] = [
    Binding("j", "cursor_down", "Down", id="down", show=False),
    Binding("k", "cursor_up", "Up", id="up", show=False),
    Binding("g", "first", "Top", id="top", show=False),
    Binding("G", "last", "Bottom", id="bottom", show=False),
    Binding("ctrl+d", "page_down", "Page down", id="half-page-down", show=False),
    Binding("ctrl+u", "page_up", "Page up", id="half-page-up", show=False),
]
"""Vim-style movement shared by the lists (their arrow keys come from Textual)."""

CLEAR_FILTER_BINDING = Binding("escape", "clear_filter", "Clear filter", id="clear-list-filter", show=False)
"""On a list's container: ``escape`` in the list clears a filter kept after ``enter`` (in the
filter box the box's own ``escape`` comes first)."""


def article_words(analysis: Analysis) -> str:
    """What the filter matches: title, date, source and authors, folded."""
    a = analysis.article
    return " ".join(p for p in (a.title, a.date, a.source, *a.authors, a.id) if p).casefold()


def matches_filter(words: str, query: str) -> bool:
    """Whether every word of ``query`` occurs in ``words``."""
    return all(term in words for term in query.casefold().split())


class ArticleOptions(OptionList):
    """The option list of articles.

    | Key(s) | Description |
    | :- | :- |
    | j, down / k, up | Next / previous article. |
    | g / G | First / last article. |
    | enter | Open the article. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *NAV_BINDINGS,
        Binding("space", "page_down", "Page down", id="page-down", show=False),
        Binding("b", "page_up", "Page up", id="page-up", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-options--read",
        "article-options--unread",
        "article-options--meta",
    }


class ArticleList(Vertical):
    """A filter box above a virtual list of articles."""

    BINDINGS: ClassVar[list[BindingType]] = [CLEAR_FILTER_BINDING]

    class Opened(Message):
        """The user chose an article."""

        def __init__(self, article_list: ArticleList, article_id: str, cache_id: int | None = None) -> None:
            super().__init__()
            self.article_list = article_list
            self.article_id = article_id
            self.cache_id = cache_id
            """The article's id in the archive, when the list reads from one."""

        @property
        def control(self) -> ArticleList:
            return self.article_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._items: list[tuple[Analysis, str]] = []
        self._read: set[str] = set()

    def compose(self) -> ComposeResult:
        yield FilterInput(placeholder="/ filter articles", id="article-filter")
        yield ArticleOptions(id="article-options")

    @property
    def options(self) -> ArticleOptions:
        """The list widget."""
        return self.query_one(ArticleOptions)

    @property
    def filter_input(self) -> Input:
        """The filter box."""
        return self.query_one("#article-filter", Input)

    def add(self, analyses: Iterable[Analysis], read: set[str]) -> None:
        """Append articles (as loading goes on), keeping the filter.

        Args:
            analyses: The new articles.
            read: Ids of the articles already read.
        """
        self._read = read
        new = [(a, article_words(a)) for a in analyses]
        self._items.extend(new)
        query = self.filter_input.value
        self.options.add_options(self._option(a) for a, words in new if matches_filter(words, query))
        self._update_title()

    def _option(self, analysis: Analysis) -> Option:
        a = analysis.article
        options = self.options
        read = a.id in self._read
        title = Text(one_line(a.title or a.id, TITLE_CHARS),
                     style=options.get_component_rich_style(
                         "article-options--read" if read else "article-options--unread", partial=True))
        count = len(analysis.statements)
        meta_parts = [p for p in (a.date, a.source) if p] + [f"{count} {plural('statement', count)}"]
        meta = Text(one_line(" · ".join(meta_parts), TITLE_CHARS),
                    style=options.get_component_rich_style("article-options--meta", partial=True))
        return Option(Text.assemble("✓ " if read else "• ", title, "\n  ", meta), id=a.id)

    def refresh_items(self, read: set[str] | None = None) -> None:
        """Rebuild the shown options (after a filter, a theme or a read-mark change)."""
        if read is not None:
            self._read = read
        options = self.options
        highlighted = options.highlighted
        current_id = options.get_option_at_index(highlighted).id if highlighted is not None else None
        query = self.filter_input.value
        shown = [a for a, words in self._items if matches_filter(words, query)]
        options.clear_options()
        options.add_options(self._option(a) for a in shown)
        if current_id is not None:
            try:
                options.highlighted = options.get_option_index(current_id)
            except OptionDoesNotExist:
                options.highlighted = 0 if shown else None
        elif shown:
            options.highlighted = 0
        self._update_title()

    def _update_title(self) -> None:
        shown = self.options.option_count
        total = len(self._items)
        self.border_title = f"Articles {shown}" if shown == total else f"Articles {shown}/{total}"

    def select(self, article_id: str, cache_id: int | None = None) -> None:
        """Highlight an article in the list without opening it (``cache_id`` is for `ArchiveList`)."""
        try:
            self.options.highlighted = self.options.get_option_index(article_id)
        except OptionDoesNotExist:
            pass

    def shown_ids(self) -> list[str]:
        """Ids of the articles the filter lets through, in order."""
        options = self.options
        return [options.get_option_at_index(i).id or "" for i in range(options.option_count)]

    @on(Input.Changed, "#article-filter")
    def _filter_changed(self) -> None:
        self.refresh_items()

    @on(Input.Submitted, "#article-filter")
    def _filter_submitted(self) -> None:
        # at once, not on the next message: an "enter" in the same burst must reach the list
        self.screen.set_focus(self.options)

    @on(OptionList.OptionSelected, "#article-options")
    def _opened(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Opened(self, event.option.id))

    def on_filter_input_done(self, event: FilterInput.Done) -> None:
        event.stop()
        # at once, not on the next message: an "enter" in the same burst must reach the list
        self.screen.set_focus(self.options)

    def action_clear_filter(self) -> None:
        """Empty the filter box (the list follows it); with no filter, ``escape`` goes on.

        Raises:
            SkipAction: There is no filter to clear, so other bindings of the key may act.
        """
        clear_filter(self.filter_input)

    def known(self) -> Sequence[Analysis]:
        """Every article in the list, filtered or not."""
        return [a for a, _ in self._items]


def clear_filter(box: Input) -> None:
    """Empty a list's filter box, which announces the change to the list.

    Args:
        box: The filter box.

    Raises:
        SkipAction: The box is empty already.
    """
    if not box.value:
        raise SkipAction()
    box.value = ""


class FilterInput(SafeInput):
    """A filter box: escape empties it and leaves, down arrow leaves it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done(True)", "Clear filter", id="clear-filter", show=False),
        Binding("down", "done(False)", "To the list", show=False),
    ]
    LEAVING_KEYS: ClassVar[frozenset[str]] = frozenset({"enter", "escape", "down"})

    class Done(Message):
        """The user left the filter box."""

    def action_done(self, clear: bool) -> None:
        """Leave the box, emptying it when ``clear``."""
        if clear:
            self.value = ""
        self.post_message(self.Done())
