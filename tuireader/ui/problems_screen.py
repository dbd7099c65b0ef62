"""Every problem with a file met so far, a line each, with the file named in full.

The notification that tells of them is kept to two lines so that it hides little of the
article at 80x24; this dialog is where the whole list can be read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tuireader.sanitize import clean_text
from tuireader.ui.help_screen import ScrollingDialog, key_choice
from tuireader.ui.wording import plural


def problems_title(count: int) -> str:
    """"22 problems with files", "A problem with a file"."""
    return f"{count} {plural('problem', count)} with files" if count != 1 else "A problem with a file"


class ProblemsScreen(ScrollingDialog):
    """The problems with files, oldest first; escape, q or ! closes it.

    Args:
        lines: The problems, ``FILE: problem`` each.
        more: Problems met beyond ``lines`` (counted, not kept).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,exclamation_mark", "dismiss", "Close the problems", id="close-problems", show=False),
    ]

    def __init__(self, lines: Sequence[str], more: int = 0) -> None:
        super().__init__()
        self.lines = list(lines)
        self.more = more

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="problems-scroll") as scroll:
            close = key_choice(self.app, self, "close-problems")
            title = problems_title(len(self.lines) + self.more)
            # A str title would be read as markup: a key name can be "[" (left_square_bracket).
            scroll.border_title = Content(f"{title}  ({close} to close)" if close else title)
            shown = "\n".join(clean_text(line) for line in self.lines)
            if self.more:
                shown += f"\nand {self.more} more (not kept)"
            yield Static(Text(shown), id="problems-text")
