"""The help screen: every key in effect, read from the live bindings (keymap applied)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from tuireader.sanitize import clean_text

if TYPE_CHECKING:
    from textual.app import App

Section = tuple[str, list[tuple[str, str]]]


def _declared(node: DOMNode, *, textual: bool) -> dict[str, str]:
    """Actions bound in the classes of ``node`` that come from Textual (or from tuireader), each
    with the description of its most derived binding."""
    found: dict[str, str] = {}
    for cls in type(node).__mro__:
        if cls.__module__.startswith("textual.") != textual:
            continue
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding):
                found.setdefault(binding.action, binding.description)
            else:
                found.setdefault(binding[1], binding[2] if len(binding) > 2 else "")
    return found


def _remapped(app: App[object], node: DOMNode) -> BindingsMap:
    """A copy of ``node``'s bindings with the app's keymap applied."""
    bindings = node._bindings.copy()
    keymap = getattr(app, "_keymap", None)
    if keymap:
        bindings.apply_keymap(keymap)
    return bindings


def binding_keys(app: App[object], node: DOMNode, binding_id: str, *, action: str | None = None) -> list[str]:
    """The keys, as shown, that run one of ``node``'s bindings, with the app's keymap applied
    (each once: a keymap gives every key the binding had the same new one).

    Args:
        app: The app (its keymap).
        node: Whose bindings.
        binding_id: The binding's id.
        action: Instead of the id, the binding's action (Textual's own bindings have no id).
    """
    return list(dict.fromkeys(clean_text(binding.key_display or app.get_key_display(binding.with_key(key)))
                              for key, entries in _remapped(app, node).key_to_bindings.items()
                              for binding in entries
                              if (binding.id == binding_id if action is None else binding.action == action)))


def key_choice(app: App[object], node: DOMNode, binding_id: str, *, action: str | None = None) -> str:
    """The keys that run one of ``node``'s bindings as a phrase: "esc, q or ?" ("" for none)."""
    keys = binding_keys(app, node, binding_id, action=action)
    return keys[0] if len(keys) < 2 else f"{', '.join(keys[:-1])} or {keys[-1]}"


def open_close_hint(app: App[object], node: DOMNode, close_id: str) -> str:
    """A list dialog's title hint: "  (enter opens, esc or q closes)", naming the keys bound to
    ``close_id`` after the keymap (and leaving them out when none is bound)."""
    close = key_choice(app, node, close_id)
    return f"  (enter opens, {close} closes)" if close else "  (enter opens)"


def binding_rows(app: App[object], node: DOMNode) -> list[tuple[str, str]]:
    """The keys of one node's bindings as (keys, description), with the app's keymap applied.

    Keys bound to the same action are shown together, under tuireader's description when it
    binds the action too (Textual's arrow keys and our letters share a row); bindings without
    a description are left out (they belong to Textual's internals).
    """
    ours = _declared(node, textual=False)
    textual_only = _declared(node, textual=True).keys() - ours.keys()
    grouped: dict[str, tuple[str, list[str]]] = {}
    for key, entries in _remapped(app, node).key_to_bindings.items():
        for binding in entries:
            if not binding.description or binding.action in textual_only:
                continue  # (Textual's own editing keys of a text box are not ours to list)
            shown = binding.key_display or app.get_key_display(binding.with_key(key))
            _, keys = grouped.setdefault(binding.action, (ours.get(binding.action) or binding.description, []))
            if shown not in keys:
                keys.append(shown)
    # Key names come from the user's config file: shown, never sent to the terminal as they are.
    return [(clean_text(", ".join(keys)), clean_text(description)) for description, keys in grouped.values()]


def help_sections(app: App[object], named_nodes: Iterable[tuple[str, DOMNode | Iterable[DOMNode]]]) -> list[Section]:
    """Sections of the help screen, one per titled group of nodes."""
    sections: list[Section] = []
    for title, nodes in named_nodes:
        rows: list[tuple[str, str]] = []
        for node in [nodes] if isinstance(nodes, DOMNode) else nodes:
            rows.extend(r for r in binding_rows(app, node) if r not in rows)
        if rows:
            sections.append((title, rows))
    return sections


class ScrollingDialog(ModalScreen[None]):
    """A dialog of text to read in one `VerticalScroll`, moved by the reader's keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll('down')", show=False),
        Binding("k,up", "scroll('up')", show=False),
        Binding("space,pagedown", "scroll('page_down')", show=False),
        Binding("b,pageup", "scroll('page_up')", show=False),
        Binding("g,home", "scroll('home')", show=False),
        Binding("G,end", "scroll('end')", show=False),
    ]

    def action_scroll(self, how: str) -> None:
        """Scroll the text."""
        scroll = self.query_one(VerticalScroll)
        getattr(scroll, f"scroll_{how}")(animate=False)


class HelpScreen(ScrollingDialog):
    """Lists the keys; any of escape, q, ? or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="close-help", show=False),
    ]

    def __init__(self, sections: list[Section]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-scroll") as scroll:
            close = key_choice(self.app, self, "close-help")
            # A str title would be read as markup: a key name can be "[" (left_square_bracket).
            scroll.border_title = Content(f"Keys  ({close} to close)" if close else "Keys")
            for title, rows in self.sections:
                table = Table(title=Text(title, style="bold"), title_justify="left", show_header=False,
                              box=None, padding=(0, 2, 0, 0), expand=False)
                table.add_column(no_wrap=True, min_width=14)
                table.add_column()
                for keys, description in rows:
                    table.add_row(Text(keys), Text(description))
                yield Static(table, classes="help-section")
