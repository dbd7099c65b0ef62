"""The sidebar over an archive: rows are read from the index as the list scrolls, never all at once.

A title filter over a large archive is answered off the UI thread: on each change of the
filter box (or growth of the archive) an exclusive thread worker reads the new length, the
cursor's place and the rows around it, and the list shows them all at once. A newer request
cancels the worker of the older one, whose query stops within milliseconds
(`Archive.interruptible`); an answer that still arrives late is dropped. So a burst of keys
costs one full query, and no debounce delay is added to every answer.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from rich.segment import Segment
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input
from textual.worker import get_current_worker

from tuireader.index import ArticleRow
from tuireader.model import Analysis
from tuireader.sanitize import clean_text
from tuireader.ui.article_list import NAV_BINDINGS, ArticleList, FilterInput
from tuireader.ui.wording import plural

LINES = 2
"""Lines per article: the title, then date, source and statement count."""
PAGE = 64
"""Rows read from the index at a time."""
MAX_PAGES = 16
"""Pages kept; past that the cache starts again (memory stays flat however far one scrolls)."""


class RowSource(Protocol):
    """What the list reads: `tuireader.index.Archive` is one."""

    def count(self, title: str | None = None) -> int: ...

    def rows(self, offset: int = 0, limit: int = 100, title: str | None = None) -> list[ArticleRow]: ...

    def position(self, article_id: int, title: str | None = None) -> int | None: ...

    def count_and_position(self, article_id: int | None, title: str | None = None) -> tuple[int, int | None]: ...

    def interruptible(self, cancelled: Callable[[], bool]) -> AbstractContextManager[None]: ...


@dataclass(frozen=True, slots=True)
class ListingRequest:
    """What the list asks of its source when its filter or the archive changes."""

    generation: int
    """Counts requests: only the answer to the latest one is shown."""
    title: str | None
    """The title filter (None for none)."""
    current: int | None
    """The cache id of the article under the cursor, which the cursor stays on."""
    highlighted: int | None
    """The cursor's index when asked (if it has moved since, the answer is asked again)."""
    visible: int
    """Rows the list shows at once (the rows read are those the cursor can have on screen)."""


@dataclass(frozen=True, slots=True)
class Listing:
    """The answer to a `ListingRequest`: all the list needs to show the filter's result."""

    request: ListingRequest
    count: int
    """Rows the filter lets through."""
    total: int
    """Articles in the archive."""
    highlighted: int | None
    """The cursor's new index."""
    pages: dict[int, list[ArticleRow]] = field(default_factory=dict)
    """The pages of rows around the cursor, by page number."""


def read_listing(source: RowSource, request: ListingRequest,
                 cancelled: Callable[[], bool] = lambda: False) -> Listing | None:
    """Answer a request from the source (in any thread).

    Args:
        source: The archive.
        request: What to read.
        cancelled: Tells whether the answer is no longer wanted; checked between queries.

    Returns:
        The listing, or None when cancelled.
    """
    count, position = source.count_and_position(request.current, request.title)
    total = count if request.title is None else source.count()
    if cancelled():
        return None
    highlighted = min(position or 0, count - 1) if count else None
    pages: dict[int, list[ArticleRow]] = {}
    if highlighted is not None:
        # Wherever the list scrolls to show the cursor, these are the rows on screen.
        first = max(0, highlighted - request.visible) // PAGE
        last = min(count - 1, highlighted + request.visible) // PAGE
        rows = source.rows(first * PAGE, (last - first + 1) * PAGE, title=request.title)
        pages = {first + n: chunk for n in range(last - first + 1) if (chunk := rows[n * PAGE:(n + 1) * PAGE])}
    return Listing(request, count, total, highlighted, pages)


def row_text(row: ArticleRow, read: bool, title_style: object, meta_style: object,
             width: int | None = None) -> tuple[Text, Text]:
    """The two lines of an article in the list (the same look as the in-memory list).

    Args:
        row: The article.
        read: Whether it was read (the mark before the title).
        title_style: The title's style.
        meta_style: The style of the line under it.
        width: Cells each line may take, or None for no limit. A longer title ends with "…";
            the line under it keeps its statement count and cuts the date and source instead.
    """
    title = Text.assemble("✓ " if read else "• ",
                          Text(clean_text(" ".join((row.title or row.key).split())), style=title_style))  # type: ignore[arg-type]
    count = row.statements
    counted = f"{count} {plural('statement', count)}"
    head = Text(clean_text(" · ".join(p for p in (row.date, row.source) if p)))
    if width is not None and width > 0:
        if title.cell_len > width:
            title.truncate(width, overflow="ellipsis")
        room = width - len("  ") - len(" · ") - len(counted)
        if head.cell_len > room:
            # Shorter than a date, what is left tells nothing: then the count stands alone.
            head = head if room >= len("2024-06-30") else Text()
            head.truncate(max(room, 0), overflow="ellipsis")
    meta = Text.assemble("  ", head, " · " if head else "", counted)
    meta.stylize(meta_style, 2)  # type: ignore[arg-type]
    return title, meta


class ArchiveOptions(ScrollView, can_focus=True):
    """A virtual list of archive rows: only the pages on screen are read from the index.

    | Key(s) | Description |
    | :- | :- |
    | j, down / k, up | Next / previous article. |
    | g, home / G, end | First / last article. |
    | space, pagedown / b, pageup | Page down / up. |
    | enter | Open the article. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *NAV_BINDINGS,
        Binding("space", "page_down", "Page down", id="page-down", show=False),
        Binding("b", "page_up", "Page up", id="page-up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "Top", show=False),
        Binding("end", "last", "Bottom", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-options--read",
        "article-options--unread",
        "article-options--meta",
        "archive-options--highlighted",
    }

    highlighted: reactive[int | None] = reactive(None, always_update=True)
    """The index of the row under the cursor."""

    class Chosen(Message):
        """The user chose a row (enter or a click)."""

        def __init__(self, options: ArchiveOptions, row: ArticleRow) -> None:
            super().__init__()
            self.options = options
            self.row = row

        @property
        def control(self) -> ArchiveOptions:
            return self.options

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source: RowSource | None = None
        self.title_filter: str | None = None
        self.count = 0
        """Rows the filter lets through (the list's length)."""
        self.read: set[str] = set()
        self._pages: dict[int, list[ArticleRow]] = {}

    @property
    def option_count(self) -> int:
        """Rows in the list (named like `OptionList`'s)."""
        return self.count

    def reset(self, count: int, pages: dict[int, list[ArticleRow]] | None = None) -> None:
        """Forget the rows read so far and take a new length (the archive grew or the filter changed).

        Args:
            count: The new length.
            pages: Rows already read for it, by page number.
        """
        self._pages = dict(pages or {})
        self.count = count
        self.virtual_size = Size(self.scrollable_content_region.width, count * LINES)
        if self.highlighted is not None and self.highlighted >= count:
            self.highlighted = count - 1 if count else None
        self.refresh()

    def row(self, index: int) -> ArticleRow | None:
        """The row at ``index`` (read from the source with its page when not held)."""
        if self.source is None or not 0 <= index < self.count:
            return None
        page, at = divmod(index, PAGE)
        rows = self._pages.get(page)
        if rows is None:
            if len(self._pages) >= MAX_PAGES:
                self._pages.clear()
            rows = self._pages[page] = self.source.rows(page * PAGE, PAGE, title=self.title_filter)
        return rows[at] if at < len(rows) else None

    def held_rows(self) -> Iterable[tuple[int, ArticleRow]]:
        """The rows read so far, with their indexes."""
        for page, rows in self._pages.items():
            for at, row in enumerate(rows):
                yield page * PAGE + at, row

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index, part = divmod(self.scroll_offset.y + y, LINES)
        row = self.row(index)
        if row is None:
            return Strip.blank(width, self.rich_style)
        read = row.key in self.read
        title, meta = row_text(
            row, read,
            self.get_component_rich_style("article-options--read" if read else "article-options--unread",
                                          partial=True),
            self.get_component_rich_style("article-options--meta", partial=True),
            width - 1,
        )
        text = title if part == 0 else meta
        segments = [Segment(" "), *text.render(self.app.console)]
        base = self.rich_style
        if index == self.highlighted:
            base = base + self.get_component_rich_style("archive-options--highlighted", partial=True)
        return Strip(segments).crop_extend(0, width, None).apply_style(base)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.count * LINES)

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if highlighted is None or not self.count:
            return None
        return max(0, min(highlighted, self.count - 1))

    def watch_highlighted(self, highlighted: int | None) -> None:
        if highlighted is None:
            return
        top = highlighted * LINES
        height = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif height and top + LINES > self.scroll_y + height:
            self.scroll_to(y=top + LINES - height, animate=False)
        self.refresh()

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // LINES)

    def action_cursor_down(self) -> None:
        """Next article."""
        self.highlighted = 0 if self.highlighted is None else self.highlighted + 1

    def action_cursor_up(self) -> None:
        """Previous article."""
        self.highlighted = 0 if self.highlighted is None else self.highlighted - 1

    def action_first(self) -> None:
        """First article."""
        self.highlighted = 0

    def action_last(self) -> None:
        """Last article."""
        self.highlighted = self.count - 1

    def action_page_down(self) -> None:
        """A page down."""
        self.highlighted = (self.highlighted or 0) + self._page()

    def action_page_up(self) -> None:
        """A page up."""
        self.highlighted = (self.highlighted or 0) - self._page()

    def action_select(self) -> None:
        """Open the highlighted article."""
        if self.highlighted is not None and (row := self.row(self.highlighted)) is not None:
            self.post_message(self.Chosen(self, row))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (offset.y + self.scroll_offset.y) // LINES
        if index < self.count:
            self.highlighted = index
            self.action_select()


class ArchiveList(ArticleList):
    """The sidebar when the reader has an archive: a filter box above `ArchiveOptions`.

    The filter matches titles (any case for ASCII letters); the list grows as the archive is
    indexed (`refresh_items`). Past `INLINE_ARTICLES` articles a title filter is answered in a
    worker (see the module docstring); leaving the filter box shows the answer at once, so the
    keys typed after it act on the filtered list.
    """

    INLINE_ARTICLES: ClassVar[int] = 2_000
    """Up to this many articles in the archive, a filter is answered on the UI thread: the
    query costs a few milliseconds there, and the list changes in the same frame as the box."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._generation = 0
        """The latest request's number."""
        self._shown = 0
        """The number of the request whose answer the list shows."""
        self._total = 0
        """Articles in the archive when last counted."""

    def compose(self) -> ComposeResult:
        yield FilterInput(placeholder="/ filter titles", id="article-filter")
        yield ArchiveOptions(id="article-options")

    @property
    def options(self) -> ArchiveOptions:  # type: ignore[override]
        """The list widget."""
        return self.query_one(ArchiveOptions)

    @property
    def generation(self) -> int:
        """The number of the latest request (each `refresh_items` makes one)."""
        return self._generation

    @property
    def pending(self) -> bool:
        """Whether the list is waiting for the answer to its latest request."""
        return self._shown != self._generation

    def attach(self, source: RowSource, read: set[str]) -> None:
        """Read rows from ``source`` from now on."""
        self.options.source = source
        self.refresh_items(read)

    def add(self, analyses: Iterable[Analysis], read: set[str]) -> None:
        """Articles come from the archive here: only the read marks are taken."""
        self.refresh_items(read)

    def refresh_items(self, read: set[str] | None = None) -> None:
        """Read the length again (after growth, a filter, a theme or a read-mark change),
        keeping the cursor on the same article.

        Without a title filter, or for a small archive, the list changes at once; otherwise it
        changes when the worker has the answer (`pending` until then).
        """
        options = self.options
        if read is not None:
            options.read = read
            options.refresh()
        if options.source is None:
            return
        self._generation += 1
        if self._title() is None or self._total <= self.INLINE_ARTICLES:
            self._show_now()
        else:
            self._read_in_background(options.source, self._request())

    def _title(self) -> str | None:
        return " ".join(self.filter_input.value.split()) or None

    def _request(self) -> ListingRequest:
        """The latest request, as the box and the cursor are now."""
        options = self.options
        highlighted = options.highlighted
        current = options.row(highlighted) if highlighted is not None else None
        return ListingRequest(self._generation, self._title(), None if current is None else current.id,
                              highlighted, max(1, options.scrollable_content_region.height // LINES))

    def _show_now(self) -> None:
        """Answer the latest request on this thread, dropping any answer still coming."""
        self.workers.cancel_group(self, "archive-filter")
        source = self.options.source
        if source is not None:
            listing = read_listing(source, self._request())
            assert listing is not None
            self.show_listing(listing)

    @work(exclusive=True, thread=True, group="archive-filter", exit_on_error=False)
    def _read_in_background(self, source: RowSource, request: ListingRequest) -> None:
        """Answer a request in a thread and hand the answer to the list."""
        worker = get_current_worker()
        try:
            with source.interruptible(lambda: worker.is_cancelled):
                listing = read_listing(source, request, lambda: worker.is_cancelled)
        except sqlite3.Error as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, request, exc)
            return
        if listing is not None and not worker.is_cancelled:
            self.app.call_from_thread(self.show_listing, listing)

    def show_listing(self, listing: Listing) -> None:
        """Show an answer, unless a newer request was made meanwhile (then it is dropped)."""
        request = listing.request
        if request.generation != self._generation or not self.is_attached:
            return
        options = self.options
        if options.highlighted != request.highlighted:
            # The cursor moved while the answer was read: it must stay where the user put it.
            self.refresh_items()
            return
        self._shown = request.generation
        self._total = listing.total
        options.title_filter = request.title
        options.reset(listing.count, listing.pages)
        options.highlighted = listing.highlighted
        self._update_title()

    def _failed(self, request: ListingRequest, exc: sqlite3.Error) -> None:
        if request.generation == self._generation and self.is_attached:
            self._shown = request.generation  # the list keeps what it showed
            self.app.notify(clean_text(f"The title filter failed: {exc}"), severity="error", timeout=10,
                            markup=False)

    @on(Input.Submitted, "#article-filter")
    def _show_before_leaving(self) -> None:
        # Handled before `ArticleList`'s own handler moves the focus to the list.
        if self.pending:
            self._show_now()

    def on_filter_input_done(self, event: FilterInput.Done) -> None:
        if self.pending:
            self._show_now()

    def _update_title(self) -> None:
        shown, total = self.options.count, self._total
        self.border_title = f"Articles {shown:,}" if shown == total else f"Articles {shown:,}/{total:,}"

    def select(self, article_id: str, cache_id: int | None = None) -> None:
        """Put the cursor on an article without opening it."""
        options = self.options
        for index, row in options.held_rows():
            if row.key == article_id:
                options.highlighted = index
                return
        if cache_id is not None and options.source is not None:
            index = options.source.position(cache_id, options.title_filter)
            if index is not None:
                options.highlighted = index

    def shown_ids(self) -> list[str]:
        """Ids of the rows the filter lets through (reads them all: for tests and small lists)."""
        options = self.options
        return [row.key for i in range(options.count) if (row := options.row(i)) is not None]

    def known(self) -> list[Analysis]:
        """Nothing is held in memory here."""
        return []

    @on(ArchiveOptions.Chosen)
    def _chosen(self, event: ArchiveOptions.Chosen) -> None:
        event.stop()
        self.post_message(self.Opened(self, event.row.key, event.row.id))
