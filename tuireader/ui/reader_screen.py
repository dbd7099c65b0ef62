"""The main screen: sidebar, body and speakers panel; it routes what the widgets announce."""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from tuireader.export import citation
from tuireader.model import Analysis
from tuireader.sanitize import clean_text
from tuireader.ui.archive_list import ArchiveList
from tuireader.ui.article_body import ArticleBody
from tuireader.ui.article_list import ArticleList, FilterInput
from tuireader.ui.help_screen import binding_keys, key_choice
from tuireader.ui.safe_input import SafeInput
from tuireader.ui.speaker_panel import NO_SPEAKER, SpeakerPanel
from tuireader.ui.wording import plural

if TYPE_CHECKING:
    from tuireader.ui.app import ReaderApp

QUIT_SECONDS = 3.0
"""How long after a ``q`` in the article another one quits (a ``q`` too many after closing a
dialog, two keys in one burst over SSH, must not end the session)."""
NARROW_BELOW = 100
"""Below this many columns one pane shows at a time."""
PANES = ("sidebar", "body-pane", "speakers")


class FindBar(SafeInput):
    """The find box under the body: typing highlights live, enter keeps, escape clears."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Clear find", id="cancel-find", show=False),
    ]
    LEAVING_KEYS: ClassVar[frozenset[str]] = frozenset({"enter", "escape"})

    def action_cancel(self) -> None:
        """Clear the query and leave (the screen hides the bar)."""
        self.value = ""
        self.post_message(self.Submitted(self, ""))


class StatusLine(Static):
    """One line: the statement under the cursor, the find state, what is loading, and the help
    key at the right; a long speaker or query is cut short with an ellipsis so that the line
    never wraps and the help key stays in view."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._left = Content()
        self._hint = Content()

    def show(self, left: Content, hint: Content) -> None:
        """Show ``left`` (cut to fit) and then ``hint``."""
        self._left, self._hint = left, hint
        self.refresh()

    def render(self) -> Content:
        room = self.content_size.width - self._hint.cell_length
        left = self._left
        if room > 0 and left.cell_length > room:
            left = left.truncate(room, ellipsis=True)
        return left + self._hint


class ReaderScreen(Screen[None]):
    """Three panes side by side, or one at a time below `NARROW_BELOW` columns.

    | Key(s) | Description |
    | :- | :- |
    | tab / shift+tab | Next / previous pane. |
    | / | Find in the article; in a list, filter it. |
    | s | Speakers panel (again: back to the article). |
    | y / Y | Copy the statement / a citation. |
    | o | Copy the article's URL. |
    | m | Bookmark the statement (again: remove). |
    | a | The speaker (in the panel, else of the statement) across the archive. |
    | e | Where else the statement was reported. |
    | q | Back to the article, or quit. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "cycle_pane(1)", "Next pane", id="next-pane", priority=True),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", id="previous-pane", priority=True),
        Binding("slash", "find", "Find in the article (in a list: filter it)", id="find", priority=True),
        Binding("s", "speakers", "Speakers panel", id="speakers"),
        Binding("y", "copy_statement", "Copy statement", id="copy-statement"),
        Binding("Y", "copy_citation", "Copy citation", id="copy-citation"),
        Binding("o", "copy_url", "Copy URL", id="copy-url"),
        Binding("m", "toggle_bookmark", "Bookmark statement", id="bookmark"),
        Binding("a", "speaker_archive", "Speaker across the archive", id="speaker-archive"),
        Binding("e", "echoes", "Where else this was reported", id="echoes"),
        Binding("backspace", "jump_back", "Back to before the last jump", id="jump-back"),
        Binding("q", "back", "Back / quit", id="back"),
    ]

    AUTO_FOCUS = "#body"

    def __init__(self) -> None:
        super().__init__()
        self.analysis: Analysis | None = None
        self.active_pane = 1
        self._quit_asked: float | None = None
        """When q last asked for another q to quit (None: not yet)."""
        self.loading_text = ""
        self.archive_text = ""
        """What the archive index is doing (indexing progress), for the status line."""

    @property
    def reader(self) -> ReaderApp:
        """The app, typed."""
        return cast("ReaderApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield self._new_sidebar(self.reader.sidebar_from_archive)
            with Vertical(id="body-pane", classes="pane -active") as body_pane:
                body_pane.border_title = "Article"
                yield ArticleBody(id="body")
                yield FindBar(placeholder="find in the article (enter keeps, escape clears)", id="find")
            speakers = SpeakerPanel(id="speakers", classes="pane")
            speakers.border_title = "Speakers"
            yield speakers
        yield StatusLine(id="status")

    def _new_sidebar(self, from_archive: bool) -> ArticleList:
        sidebar = ArchiveList(id="sidebar", classes="pane") if from_archive else ArticleList(id="sidebar", classes="pane")
        sidebar.border_title = "Articles"
        return sidebar

    async def use_memory_sidebar(self) -> None:
        """Put the in-memory list in place of the archive's (when the archive cannot be opened)."""
        old = self.sidebar
        if not isinstance(old, ArchiveList):
            return
        await old.remove()
        sidebar = self._new_sidebar(False)
        # the pane chosen meanwhile counts (a tab pressed while no sidebar was mounted)
        active = self.active_pane == PANES.index("sidebar")
        sidebar.set_class(active, "-active")
        await self.query_one("#panes").mount(sidebar, before="#body-pane")
        if active:
            sidebar.options.focus()

    @property
    def body(self) -> ArticleBody:
        """The article body."""
        return self.query_one(ArticleBody)

    @property
    def sidebar(self) -> ArticleList:
        """The list of articles."""
        return self.query_one(ArticleList)

    @property
    def speakers(self) -> SpeakerPanel:
        """The speakers panel."""
        return self.query_one(SpeakerPanel)

    @property
    def find_bar(self) -> FindBar:
        """The find box."""
        return self.query_one(FindBar)

    def on_mount(self) -> None:
        self._update_layout(self.size.width)
        self.update_status()

    def on_resize(self, event: events.Resize) -> None:
        self._update_layout(event.size.width)

    @property
    def narrow(self) -> bool:
        """Whether only one pane shows at a time."""
        return self.has_class("-narrow")

    def _update_layout(self, width: int) -> None:
        self.set_class(width < NARROW_BELOW, "-narrow")

    # -- panes ---------------------------------------------------------------------------------

    def _pane_focus_target(self, index: int) -> Widget | None:
        pane = PANES[index]
        if pane == "sidebar":
            sidebar = next(iter(self.query(ArticleList)), None)
            return None if sidebar is None else sidebar.options
        if pane == "speakers":
            return self.speakers.speaker_tree
        return self.body

    def activate_pane(self, index: int) -> None:
        """Show (when narrow) and focus a pane: 0 articles, 1 article, 2 speakers.

        The sidebar may be missing for a moment (it is replaced when the archive fails):
        then the pane is marked active and gets the focus once the new one is mounted.
        """
        self.active_pane = index
        for n, name in enumerate(PANES):
            self.query(f"#{name}").set_class(n == index, "-active")
        target = self._pane_focus_target(index)
        if target is not None:
            target.focus()

    def action_cycle_pane(self, step: int) -> None:
        """Go to the next or previous pane."""
        self.activate_pane((self.active_pane + step) % len(PANES))

    def action_speakers(self) -> None:
        """Open the speakers panel, or go back to the article from it."""
        self.activate_pane(1 if self.active_pane == 2 else 2)

    def action_back(self) -> None:
        """Back to the article from another pane; from the article, quit when pressed again
        within `QUIT_SECONDS` (the first press says so)."""
        if self.active_pane != 1:
            self.activate_pane(1)
        elif self._quit_asked is not None and monotonic() - self._quit_asked <= QUIT_SECONDS:
            self.app.exit()
        else:
            self._quit_asked = monotonic()
            again = key_choice(self.app, self, "back")
            at_once = key_choice(self.app, self.app, "", action="quit")
            self.app.notify(f"Press {again} again to quit" + (f" ({at_once} quits at once)" if at_once else ""),
                            timeout=QUIT_SECONDS, markup=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A click (or the filter keys) can move focus into another pane: follow it. A pane may
        # be missing for a moment (the archive's sidebar is replaced when the archive fails).
        for n, name in enumerate(PANES):
            pane = next(iter(self.query(f"#{name}")), None)
            if pane is not None and (event.widget is pane or pane in event.widget.ancestors):
                if n != self.active_pane:
                    self.active_pane = n
                    for m, other in enumerate(PANES):
                        self.query(f"#{other}").set_class(m == n, "-active")
                break

    # -- articles --------------------------------------------------------------------------

    def show_article(self, analysis: Analysis, bookmarks: frozenset[tuple[int, int]],
                     cache_id: int | None = None) -> None:
        """Show an article in the body and its speakers in the panel.

        Args:
            analysis: The article.
            bookmarks: Its bookmarked (start, end) spans.
            cache_id: Its id in the archive, which the archive's sidebar finds it by.
        """
        self.analysis = analysis
        self.body.show(analysis, bookmarks)
        self.speakers.show(analysis)
        self.sidebar.select(analysis.article.id, cache_id)
        self.update_status()

    @on(ArticleList.Opened)
    def _article_opened(self, event: ArticleList.Opened) -> None:
        self.reader.open_article(event.article_id, cache_id=event.cache_id)

    @on(SpeakerPanel.StatementChosen)
    def _statement_chosen(self, event: SpeakerPanel.StatementChosen) -> None:
        self.activate_pane(1)
        self.body.go_to(event.index)

    @on(ArticleBody.CursorMoved)
    def _cursor_moved(self, event: ArticleBody.CursorMoved) -> None:
        self.speakers.reveal(event.index)
        self.update_status()

    @on(ArticleBody.FindChanged)
    def _find_changed(self) -> None:
        self.update_status()

    def action_find(self) -> None:
        """Filter the list that has the focus, or find in the article.

        A priority binding, and the focus is set at once rather than on the next message:
        over SSH the keys after "/" arrive in the same burst and must land in the box.
        """
        focused = self.focused
        if focused is not None and (focused is self.sidebar or self.sidebar in focused.ancestors):
            self.set_focus(self.sidebar.filter_input)
        elif focused is not None and (focused is self.speakers or self.speakers in focused.ancestors):
            self.set_focus(self.speakers.filter_input)
        else:
            bar = self.find_bar
            bar.add_class("-active")
            bar.value = self.body.query_text
            if self.active_pane != 1:
                self.activate_pane(1)
            self.set_focus(bar)

    @on(Input.Changed, "#find")
    def _find_typed(self, event: Input.Changed) -> None:
        # Changes still queued when the bar closed (typed ahead) are already applied.
        if self.find_bar.has_class("-active"):
            self.body.set_find(event.value)

    @on(Input.Submitted, "#find")
    def _find_done(self, event: Input.Submitted) -> None:
        self._close_find(event.value)

    def _close_find(self, query: str) -> None:
        self.find_bar.remove_class("-active")
        if query != self.body.query_text:
            self.body.set_find(query)
        # At once, not on the next message: the box hands the keys typed after enter to the body.
        self.set_focus(self.body)

    def on_filter_input_done(self, event: FilterInput.Done) -> None:
        event.stop()

    # -- statements --------------------------------------------------------------------------

    def _current(self) -> tuple[Analysis, int] | None:
        body = self.body
        if self.analysis is None or body.current is None:
            self.notify("No statement under the cursor", severity="warning", timeout=3)
            return None
        return self.analysis, body.current

    def action_copy_statement(self) -> None:
        """Copy the words of the statement under the cursor."""
        if found := self._current():
            analysis, index = found
            words = " ".join(analysis.text_of(analysis.statements[index]).split())
            self.reader.copy_with_notice(clean_text(words), "statement")

    def action_copy_citation(self) -> None:
        """Copy a citation of the statement: “words” — speaker, title, source, date, url."""
        if found := self._current():
            analysis, index = found
            self.reader.copy_with_notice(clean_text(citation(analysis, analysis.statements[index])), "citation")

    def action_copy_url(self) -> None:
        """Copy the article's URL and show it as a link."""
        if self.analysis is None:
            return
        url = self.analysis.article.url
        if not url:
            self.notify("This article has no URL", severity="warning", timeout=3)
            return
        self.reader.copy_url(url)

    def action_toggle_bookmark(self) -> None:
        """Bookmark the statement under the cursor, or remove its bookmark."""
        if found := self._current():
            analysis, index = found
            self.reader.toggle_bookmark(analysis, index)

    def current_speaker(self) -> str | None:
        """The speaker under the cursor of the speakers panel when it has the focus, else the
        speaker of the statement under the body's cursor."""
        if self.active_pane == 2 and (name := self.speakers.cursor_speaker) is not None:
            return name
        statement = self.body.current_statement
        return statement.speaker if statement is not None else None

    def action_jump_back(self) -> None:
        """Go back to where the last jump left."""
        self.reader.jump_back()

    def action_speaker_archive(self) -> None:
        """Show every statement by the current speaker across the archive."""
        name = self.current_speaker()
        if name is None:
            self.notify("No speaker here: put the cursor on a statement or a speaker", severity="warning", timeout=3)
            return
        self.reader.show_speaker_archive(name)

    def action_echoes(self) -> None:
        """Show the other articles that carry the statement under the cursor."""
        if found := self._current():
            self.reader.show_echoes(*found)

    # -- status ------------------------------------------------------------------------------

    def update_status(self) -> None:
        """Redraw the status line from the body's cursor and find state."""
        body = self.body
        parts: list[str] = []
        if self.loading_text:
            parts.append(self.loading_text)
        if self.archive_text:
            parts.append(self.archive_text)
        statements = body.statements
        if self.analysis is not None:
            if body.current is not None:
                statement = statements[body.current]
                parts.append(f"{body.current + 1}/{len(statements)} {statement.kind}")
                parts.append(clean_text(statement.speaker or NO_SPEAKER))
            else:
                parts.append(f"-/{len(statements)} {plural('statement', len(statements))}")
        if body.query_text:
            if body.matches:
                k = "-" if body.match_index is None else str(body.match_index + 1)
                parts.append(f"/{clean_text(body.query_text)} {k}/{len(body.matches)}")
            else:
                parts.append(f"/{clean_text(body.query_text)} no match")
        left = " · ".join(parts)
        # The key shown is the one in effect: a keymap may have moved help elsewhere.
        keys = binding_keys(self.app, self.app, "help")
        hint = Content(f"  {keys[0]} help" if keys else "").stylize("dim")
        self.query_one(StatusLine).show(Content(left), hint)
