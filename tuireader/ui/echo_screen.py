"""Where else was this quote reported: other articles with the same or nearly the same words.

Each echo shows its article and its passage with the differences in wording marked: words the
other article has that the quote lacks in the ``echo-list--insert`` style, words of the quote
it lacks in ``echo-list--delete`` (struck through, so it reads without colour).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tuireader.index import Archive, Echo, Hit
from tuireader.sanitize import clean_text
from tuireader.ui.article_list import NAV_BINDINGS
from tuireader.ui.help_screen import open_close_hint
from tuireader.ui.hit_list import flat, hit_where
from tuireader.ui.speaker_panel import NO_SPEAKER, snippet
from tuireader.ui.wording import plural

LIMIT = 20
"""Other articles listed at most."""
LEGEND = "underlined: words only that article has · struck: words of this quote it lacks"


def render_diff(echo: Echo, quote: str, insert: Style, delete: Style) -> Text:
    """The echo's passage with the quote's missing words struck in and its extra words marked.

    Args:
        echo: The passage and its `difflib` opcodes against ``quote``.
        quote: The words the echo was found for.
        insert: Style of words the passage has and the quote lacks.
        delete: Style of words of the quote the passage lacks.
    """
    passage = flat(echo.hit.text)
    words = flat(quote)
    text = Text()
    at = 0
    for tag, i1, i2, j1, j2 in echo.opcodes:
        text.append(passage[at:j1])  # the spaces and punctuation between compared words
        at = max(at, j1)
        if tag in ("delete", "replace"):
            # Struck words stand apart from their neighbours: after the passage's last word
            # (where no space precedes them) as well as before its next one.
            if text.plain and not text.plain[-1].isspace():
                text.append(" ")
            text.append(words[i1:i2], delete)
            if j1 < len(passage):
                text.append(" ")
        if tag in ("insert", "replace", "equal"):
            text.append(passage[j1:j2], insert if tag != "equal" else "")
            at = max(at, j2)
    text.append(passage[at:])
    return text


def render_echo(echo: Echo, quote: str, insert: Style, delete: Style, meta: Style) -> Text:
    """Three lines: the article and how alike, the speaker there, the passage with differences."""
    text = Text(hit_where(echo.hit), meta)
    text.append(" · same words" if echo.exact else f" · {echo.ratio:.0%} alike", meta)
    text.append("\n")
    text.append(flat(f"{echo.hit.speaker or NO_SPEAKER} · {echo.hit.kind}"))
    text.append("\n“")
    text.append_text(render_diff(echo, quote, insert, delete))
    text.append("”")
    return text


class EchoList(OptionList):
    """The echoes of a quote, three lines each; ``enter`` chooses one.

    | Key(s) | Description |
    | :- | :- |
    | j, down / k, up | Move. |
    | enter | Open that article at the passage. |
    """

    BINDINGS: ClassVar[list[BindingType]] = NAV_BINDINGS

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "echo-list--insert",
        "echo-list--delete",
        "echo-list--meta",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.echoes: list[Echo] = []

    def show_echoes(self, echoes: Sequence[Echo], quote: str) -> None:
        """Replace the list with ``echoes`` of ``quote``."""
        self.echoes = list(echoes)
        part = {name: self.get_component_rich_style(f"echo-list--{name}", partial=True)
                for name in ("insert", "delete", "meta")}
        self.clear_options()
        options: list[Option | None] = []
        for n, echo in enumerate(self.echoes):
            options += [None] if n else []  # a rule between echoes
            options.append(Option(render_echo(echo, quote, part["insert"], part["delete"], part["meta"]), id=str(n)))
        self.add_options(options)
        if self.echoes:
            self.highlighted = 0


class EchoScreen(ModalScreen[Hit | None]):
    """Other articles carrying a quote; ``enter`` opens one, ``escape`` or ``q`` closes.

    Args:
        archive: The archive; None when it could not be opened.
        quote: The words of the statement.
        speaker: Who said them here (for the title).
        article_key: The article they come from (left out of the results).
        unavailable: Why there is no archive.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Close the echoes", id="close-echoes"),
    ]

    def __init__(self, archive: Archive | None, quote: str, speaker: str | None, article_key: str,
                 unavailable: str = "") -> None:
        super().__init__()
        self.archive = archive
        self.quote = quote
        self.speaker = speaker
        self.article_key = article_key
        self.unavailable = unavailable

    def compose(self) -> ComposeResult:
        with Vertical(id="echo-box") as box:
            # A str title would be read as markup: a key name can be "[" (left_square_bracket).
            box.border_title = Content("Where else was this reported"
                                       + open_close_hint(self.app, self, "close-echoes"))
            yield Static(flat(f"“{snippet(self.quote, 200)}” — {self.speaker or NO_SPEAKER}"), id="echo-quote",
                         markup=False)
            yield Static("", id="echo-status", classes="archive-status", markup=False)
            yield EchoList(id="echo-list")

    @property
    def echo_list(self) -> EchoList:
        """The echoes."""
        return self.query_one(EchoList)

    def _say(self, line: str) -> None:
        self.query_one("#echo-status", Static).update(clean_text(" ".join(line.split())))

    def on_mount(self) -> None:
        self.echo_list.focus()
        if self.archive is None:
            self._say(self.unavailable or "No archive")
        else:
            self._say("Looking…")
            self.fetch()

    @work(exclusive=True, thread=True, group="echoes", exit_on_error=False)
    def fetch(self) -> None:
        """Look for the quote in other articles, in a thread."""
        worker = get_current_worker()
        assert self.archive is not None
        try:
            # The article itself is in the index too: ask for one more and leave it out.
            found = self.archive.reported_elsewhere(self.quote, limit=LIMIT + 1)
        except sqlite3.Error as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._say, f"The archive cannot be read: {exc}")
            return
        echoes = [e for e in found if e.hit.article_key != self.article_key][:LIMIT]
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, echoes)

    def _show(self, echoes: list[Echo]) -> None:
        self.echo_list.show_echoes(echoes, self.quote)
        if echoes:
            self._say(f"{len(echoes)} other {plural('article', len(echoes))} · {LEGEND}")
        else:
            self._say("No other article carries these words")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self.echo_list.echoes[int(event.option.id)].hit)
