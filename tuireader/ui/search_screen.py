"""Search the archive as you type; ``enter`` opens the article at the statement.

The query language is `tuireader search`'s (`tuireader.index.query`). Each change of the
query waits `DEBOUNCE_SECONDS` for the next key, then searches in an exclusive thread worker,
so a new query cancels the one still running and the screen never blocks.
"""

from __future__ import annotations

import sqlite3
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.worker import get_current_worker

from tuireader.index import Archive, Hit, QueryError, parse_query
from tuireader.sanitize import clean_text
from tuireader.ui.help_screen import open_close_hint
from tuireader.ui.hit_list import HitList
from tuireader.ui.safe_input import SafeInput
from tuireader.ui.wording import plural

DEBOUNCE_SECONDS = 0.15
"""Quiet time after a key before the search runs (a burst of keys over SSH searches once)."""
LIMIT = 100
"""Hits shown at most."""
PLACEHOLDERS = (
    'words "a phrase" speaker:NAME kind:direct date:2024-06 source:WORDS',
    'words "a phrase" speaker:NAME kind:direct date:2024-06',
    'words "a phrase" speaker:NAME kind:direct',
    'words "a phrase" speaker:NAME',
    'words "a phrase"',
)
"""The query box's hint, longest first: the box shows the longest that fits."""


def placeholder_for(width: int) -> str:
    """The longest hint that fits in ``width`` cells, ending clear of the box's edge."""
    return next((hint for hint in PLACEHOLDERS if len(hint) < width), PLACEHOLDERS[-1])


class SearchStatus(Static):
    """One line under the query: how many hits, or what is wrong with the query."""


class SearchQuery(SafeInput):
    """The query box: ``down`` leaves it for the hits.

    The binding is the box's own: a text box binds ``down`` itself (to scroll), so one on the
    screen would never be reached from the box.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "screen.results", "To the hits", id="search-hits", show=False),
    ]
    LEAVING_KEYS: ClassVar[frozenset[str]] = frozenset({"down"})


class SearchScreen(ModalScreen[Hit | None]):
    """The search box above the hits.

    | Key(s) | Description |
    | :- | :- |
    | enter | Open the highlighted hit (in the box: the first). |
    | down / tab | From the box to the hits. |
    | escape | Close; the query is kept for next time. |

    Args:
        archive: The archive to search; None when it could not be opened.
        unavailable: Why there is no archive (shown instead of hits).
        query: The query to start with.
        opened: The hit opened last from ``query``: highlighted again when its hits come.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close search", id="close-search"),
    ]

    def __init__(self, archive: Archive | None, unavailable: str = "", query: str = "",
                 opened: Hit | None = None) -> None:
        super().__init__()
        self.archive = archive
        self.unavailable = unavailable
        self.initial_query = query
        self._opened = opened if query else None
        """The hit to highlight when the first hits come (then None: a new query starts at its top)."""
        self.query_text = query
        """The query as last typed (kept after the screen closes)."""
        self.shown_query: str | None = None
        """The query the hits on screen answer."""
        self._timer: Timer | None = None
        self._open_when_ready = False
        self._early_keys: list[events.Key] | None = []
        """Keys typed before the query box could take them (None once it has them)."""
        self._mounted = False

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box") as box:
            # A str title would be read as markup: a key name can be "[" (left_square_bracket).
            box.border_title = Content("Search the archive" + open_close_hint(self.app, self, "close-search"))
            query_box = SearchQuery(self.initial_query, placeholder=PLACEHOLDERS[0], id="search-query")
            # Until the early keys are in, the keys it gets directly come after them: it holds them.
            query_box.hold_keys()
            yield query_box
            yield SearchStatus("", id="search-status", markup=False)
            yield HitList(id="search-hits")

    @property
    def query_input(self) -> SearchQuery:
        """The query box."""
        return self.query_one("#search-query", Input)

    @property
    def hit_list(self) -> HitList:
        """The hits."""
        return self.query_one(HitList)

    def on_mount(self) -> None:
        # At once, not on the next message: from here on the app forwards keys to the box.
        self.set_focus(self.query_input)
        self._mounted = True
        if self.archive is None:
            self._say(self.unavailable or "No archive to search")
        elif self.initial_query:
            self.run_search(self.initial_query)
        else:
            self._say("Type to search statements and article text")

    def on_resize(self) -> None:
        # After the layout, when the box has its new width.
        self.call_after_refresh(self._fit_placeholder)

    def _fit_placeholder(self) -> None:
        box = self.query_input
        box.placeholder = placeholder_for(box.content_region.width)

    def on_key(self, event: events.Key) -> None:
        """Keep the keys typed right after the key that opened the screen.

        Until the query box has the focus the app forwards keys to the screen, where they would
        find no box to type into (a burst such as ``ctrl+f ctrl+u words`` over SSH). They wait
        here and go to the box, ahead of the keys it got directly, once the screen is idle.
        """
        if self._early_keys is not None:
            event.prevent_default()
            event.stop()
            self._early_keys.append(event)

    def on_idle(self) -> None:
        # Idle means the screen's queue is empty: every key forwarded to it has been kept.
        if self._early_keys is not None and self._mounted:
            early, self._early_keys = self._early_keys, None
            self.query_input.release_keys(early)

    def _say(self, line: str) -> None:
        self.query_one(SearchStatus).update(clean_text(" ".join(line.split())))

    # -- searching -------------------------------------------------------------------------

    @on(Input.Changed, "#search-query")
    def _typed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        if self.archive is None:
            return
        if self._timer is not None:
            self._timer.stop()
        value = event.value
        self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self.run_search(value))

    @work(exclusive=True, thread=True, group="search", exit_on_error=False)
    def run_search(self, text: str) -> None:
        """Search in a thread and hand the hits (or the query's problem) to the screen."""
        worker = get_current_worker()
        archive = self.archive
        if archive is None:
            return
        try:
            query = parse_query(text, partial=True)
            hits = [] if query.is_empty else archive.search(query, limit=LIMIT)
        except QueryError as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, text, f"query: {exc}")
            return
        except sqlite3.Error as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, text, f"search failed: {exc}")
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, text, hits, query.is_empty)

    def _current(self, text: str) -> bool:
        # A search that finished after the user typed on answers an old question.
        return self.is_mounted and text == self.query_input.value

    def _failed(self, text: str, line: str) -> None:
        if self._current(text):
            self.shown_query = text
            self._open_when_ready = False
            self.hit_list.show_hits([])
            self._say(line)

    def _show(self, text: str, hits: list[Hit], empty: bool) -> None:
        if not self._current(text):
            return
        # The same query again (the box announces its first value too) keeps the hit highlighted.
        kept = self.hit_list.current_hit if text == self.shown_query else None
        opened, self._opened = self._opened, None
        self.shown_query = text
        self.hit_list.show_hits(hits)
        if (wanted := kept or (opened if text == self.initial_query else None)) is not None:
            self.hit_list.highlight_hit(wanted)
        if empty:
            self._say("Type to search statements and article text")
        elif not hits:
            self._say("No hits")
        else:
            more = "+" if len(hits) >= LIMIT else ""
            self._say(f"{len(hits)}{more} {plural('hit', len(hits))}")
        if self._open_when_ready:
            self._open_when_ready = False
            if hits:
                self.dismiss(hits[0])

    # -- choosing --------------------------------------------------------------------------

    @on(Input.Submitted, "#search-query")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.archive is None:
            return
        if self.shown_query == event.value:
            if (hit := self.hit_list.current_hit) is not None:
                self.dismiss(hit)
        else:
            # Enter typed in the same burst as the query: open the first hit when it comes.
            self._open_when_ready = True
            if self._timer is not None:
                self._timer.stop()
            self.run_search(event.value)

    @on(OptionList.OptionSelected, "#search-hits")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self.hit_list.hits[int(event.option.id)])

    def action_results(self) -> None:
        """Move from the box to the hits."""
        # At once, not on the next message: keys typed in the same burst must land in the list.
        if self.hit_list.hits:
            self.set_focus(self.hit_list)
        else:
            self.query_input.release_keys()  # the focus stays: what was typed after goes in the box

    def action_close(self) -> None:
        """Close without opening anything."""
        self.dismiss(None)
