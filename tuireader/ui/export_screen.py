"""Writing statements to a file from the reader: Markdown, CSV or JSON, never over a file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tuireader.export import iter_output
from tuireader.loading import os_reason, shown_path
from tuireader.model import Analysis, Statement
from tuireader.sanitize import clean_text
from tuireader.state import write_new_file
from tuireader.ui.safe_input import SafeInput

SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".csv": "csv", ".json": "json", ".jsonl": "jsonl"}
"""The format written for each file suffix."""

Items = Sequence[tuple[Analysis, Sequence[Statement]]]


def write_export(path: Path, items: Items, title: str = "Statements") -> int:
    """Write statements to a new file, in the format its suffix names.

    Args:
        path: Where to write; it must not exist yet.
        items: Articles with the statements to write from each.
        title: What they are, the heading of a Markdown file ("Bookmarks").

    Returns:
        How many statements were written.

    Raises:
        FileExistsError: The file exists (it is left untouched).
        ValueError: The suffix names no format.
        OSError: The file could not be written (no part of it is left).
    """
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"unknown suffix {path.suffix or '(none)'}; use one of {', '.join(SUFFIX_FORMATS)}")
    write_new_file(path, iter_output(fmt, items, title))
    return sum(len(statements) for _, statements in items)


def free_name(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, or ``stem-2.suffix`` and so on when that is taken."""
    candidate = folder / f"{stem}{suffix}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{n}{suffix}"
        n += 1
    return candidate


class ExportScreen(ModalScreen[Path | None]):
    """Asks where to write; the suffix picks the format. Dismisses with the path written."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Cancel export", id="cancel-export", show=False),
    ]

    def __init__(self, what: str, items: Items, folder: Path | None = None, title: str = "Statements") -> None:
        """
        Args:
            what: What is written, for the user ("3 bookmarked statements").
            items: Articles with the statements to write.
            folder: Where a relative name goes; the current directory when None.
            title: What is written, as the heading of a Markdown file ("Bookmarks").
        """
        super().__init__()
        self.what = what
        self.title = title
        self.items = items
        self.folder = folder or Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "Export"
            yield Static(f"{clean_text(self.what)}. The suffix picks the format: "
                         ".md, .csv, .json or .jsonl. Enter writes, escape cancels.", markup=False)
            default = free_name(self.folder, "tuireader-export", ".md")
            yield SafeInput(value=str(default), id="export-path")
            yield Label("", id="export-error", markup=False)

    @on(Input.Submitted, "#export-path")
    def _submit(self, event: Input.Submitted) -> None:
        error = self.query_one("#export-error", Label)
        raw = event.value.strip()
        if not raw:
            error.update("Type a file name.")
            return
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = self.folder / path
        try:
            write_export(path, self.items, self.title)
        except FileExistsError:
            error.update(clean_text(f"{shown_path(path)} exists; choose another name (nothing was overwritten)."))
            return
        except (OSError, ValueError) as exc:
            reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
            error.update(clean_text(f"{shown_path(path)}: {reason}"))
            return
        self.dismiss(path)
