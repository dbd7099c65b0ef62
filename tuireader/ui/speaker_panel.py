"""The speakers panel: each speaker with aliases and count, expandable to their statements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static, Tree
from textual.widgets.tree import TreeNode

from tuireader.model import Analysis, Statement
from tuireader.sanitize import clean_text, one_line
from tuireader.ui.article_list import CLEAR_FILTER_BINDING, NAV_BINDINGS, FilterInput, clear_filter
from tuireader.ui.article_body import KIND_GLYPHS
from tuireader.ui.wording import plural

NO_SPEAKER = "(no speaker)"
NO_STATEMENTS = "No statements found in this article"
NO_MATCH = "No speaker or statement matches the filter"
SNIPPET = 70
"""Characters of a statement shown in the tree."""
ALIAS_CHARS = 60
"""Characters of a speaker's aliases shown in the tree."""


@dataclass(frozen=True, slots=True)
class NodeData:
    """What a tree node stands for: a speaker (index None) or one statement."""

    speaker: str | None
    index: int | None = None
    count: int = 0
    """A speaker's statements shown (the label is drawn from these to fit the width)."""
    aliases: tuple[str, ...] = ()
    """A speaker's other names."""


def snippet(text: str, limit: int = SNIPPET) -> str:
    """One line of at most ``limit`` characters, safe to show."""
    return one_line(text, limit)


def speaker_label(name: str | None, count: int, aliases: Sequence[str], width: int | None = None) -> Text:
    """A speaker's line in the tree: the name, the number of statements, then the aliases.

    Args:
        name: The speaker (None for statements nobody was found to have made).
        count: Their statements shown.
        aliases: Their other names.
        width: Cells the line may take, or None for no limit. The aliases are cut first, then
            the name, each ending in "…", so that the count stays in view.
    """
    label = Text(clean_text(name or NO_SPEAKER), style="bold")
    count_text = f"  {count}"
    if width is not None and label.cell_len + len(count_text) > width:
        label.truncate(max(1, width - len(count_text)), overflow="ellipsis")
    label.append(count_text)
    if aliases:
        more = Text(" — " + snippet(", ".join(aliases), ALIAS_CHARS), style="italic")
        room = None if width is None else width - label.cell_len
        if room is not None and more.cell_len > room:
            if room < 5:
                return label  # a dash and a "…" would tell nothing
            more.truncate(room, overflow="ellipsis")
        label.append_text(more)
    return label


def speaker_groups(analysis: Analysis) -> list[tuple[str | None, tuple[str, ...], list[int]]]:
    """Speakers in the analysis's order, then statements nobody was found to have made.

    Returns:
        ``(name, aliases, statement indexes)`` per speaker; name None for no speaker.
    """
    by_name: dict[str | None, list[int]] = {}
    for n, statement in enumerate(analysis.statements):
        by_name.setdefault(statement.speaker, []).append(n)
    groups = [(sp.name, sp.aliases, by_name.pop(sp.name, [])) for sp in analysis.speakers]
    unknown = by_name.pop(None, [])
    # Names a statement carries that the speaker list lacks still get a group.
    groups += [(name, (), indexes) for name, indexes in by_name.items()]
    if unknown:
        groups.append((None, (), unknown))
    return groups


class SpeakerTree(Tree[NodeData]):
    """The tree of speakers and statements.

    | Key(s) | Description |
    | :- | :- |
    | j, down / k, up | Move. |
    | enter | Expand a speaker; on a statement, jump to it. |
    | space | Expand or collapse a speaker. |
    """

    ICON_NODE = "▸ "
    """A collapsed speaker (a small triangle: the article marks its cursor with "▶")."""
    ICON_NODE_EXPANDED = "▾ "

    BINDINGS: ClassVar[list[BindingType]] = [
        *NAV_BINDINGS,
    ]

    def render_label(self, node: TreeNode[NodeData], base_style: Style, style: Style) -> Text:
        """The node's line cut to the tree's width with "…" (a speaker keeps their count).

        Labels fit the view, so nothing needs scrolling sideways; the line cache is keyed by
        the width, so a resize draws them again.
        """
        text = super().render_label(node, base_style, style)
        room = self.scrollable_content_region.width - self._depth(node) * self.guide_depth
        if room <= 0 or text.cell_len <= room:
            return text
        data = node.data
        if data is not None and data.index is None:
            icon = len(text) - len(node.label)
            label = speaker_label(data.speaker, data.count, data.aliases, room - icon)
            label.stylize(style)
            return text[:icon] + label
        text.truncate(room, overflow="ellipsis")
        return text

    @staticmethod
    def _depth(node: TreeNode[NodeData]) -> int:
        """Levels below the (hidden) root: 0 for a speaker, 1 for a statement."""
        depth = 0
        parent = node.parent
        while parent is not None and not parent.is_root:
            depth += 1
            parent = parent.parent
        return depth

    def action_first(self) -> None:
        """Go to the first line."""
        self.move_cursor_to_line(0) if self.last_line >= 0 else None

    def action_last(self) -> None:
        """Go to the last line."""
        self.move_cursor_to_line(self.last_line) if self.last_line >= 0 else None

    def action_page_down(self) -> None:
        """Move half a view down."""
        self.cursor_line = min(self.last_line, self.cursor_line + max(1, self.size.height // 2))

    def action_page_up(self) -> None:
        """Move half a view up."""
        self.cursor_line = max(0, self.cursor_line - max(1, self.size.height // 2))


class SpeakerPanel(Vertical):
    """A filter box above the speakers tree of the article being read."""

    BINDINGS: ClassVar[list[BindingType]] = [CLEAR_FILTER_BINDING]

    class StatementChosen(Message):
        """The user chose a statement in the panel."""

        def __init__(self, panel: SpeakerPanel, index: int) -> None:
            super().__init__()
            self.panel = panel
            self.index = index
            """Index of the statement in the analysis."""

        @property
        def control(self) -> SpeakerPanel:
            return self.panel

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.analysis: Analysis | None = None
        self._statement_nodes: dict[int, TreeNode[NodeData]] = {}
        self._speaker_nodes: dict[str | None, TreeNode[NodeData]] = {}

    def compose(self) -> ComposeResult:
        yield FilterInput(placeholder="/ filter speakers", id="speaker-filter")
        yield Static("", id="speaker-empty", markup=False)
        tree: SpeakerTree = SpeakerTree("Speakers", id="speaker-tree")
        tree.show_root = False
        tree.guide_depth = 2
        yield tree

    @property
    def speaker_tree(self) -> SpeakerTree:
        """The tree widget."""
        return self.query_one(SpeakerTree)

    @property
    def filter_input(self) -> Input:
        """The filter box."""
        return self.query_one("#speaker-filter", Input)

    def show(self, analysis: Analysis) -> None:
        """Show the speakers of an article, keeping the filter."""
        self.analysis = analysis
        self._rebuild()

    @property
    def cursor_speaker(self) -> str | None:
        """The speaker of the tree line under the cursor (None for none, or no speaker)."""
        node = self.speaker_tree.cursor_node
        return node.data.speaker if node is not None and node.data is not None else None

    def visible_statements(self) -> list[int]:
        """Indexes of the statements the filter lets through, in text order."""
        return sorted(self._statement_nodes)

    def _rebuild(self) -> None:
        tree = self.speaker_tree
        tree.clear()
        self._statement_nodes.clear()
        self._speaker_nodes.clear()
        analysis = self.analysis
        if analysis is None:
            self._say("")
            return
        query = self.filter_input.value.casefold().split()
        total = 0
        for name, aliases, indexes in speaker_groups(analysis):
            names = " ".join((name or NO_SPEAKER, *aliases)).casefold()
            if query and not all(q in names for q in query):
                indexes = [n for n in indexes if all(q in _words(analysis, analysis.statements[n]) for q in query)]
                if not indexes:
                    continue
                expand = True
            else:
                expand = bool(query)
            label = speaker_label(name, len(indexes), aliases)
            node = tree.root.add(label, data=NodeData(name, count=len(indexes), aliases=aliases), expand=expand)
            self._speaker_nodes[name] = node
            for n in indexes:
                statement = analysis.statements[n]
                leaf = Text(KIND_GLYPHS[statement.kind] + " ")
                leaf.append(snippet(analysis.text_of(statement)))
                self._statement_nodes[n] = node.add_leaf(leaf, data=NodeData(name, n))
            total += len(indexes)
        speakers = len(self._speaker_nodes)
        self.border_title = f"Speakers {speakers} · {total} {plural('statement', total)}"
        self._say("" if speakers else NO_MATCH if analysis.statements else NO_STATEMENTS)

    def _say(self, line: str) -> None:
        """Show a line in place of the empty tree (none: hide it)."""
        empty = self.query_one("#speaker-empty", Static)
        empty.update(line)
        empty.display = bool(line)

    def reveal(self, index: int | None) -> None:
        """Move the tree cursor to a statement (expanding its speaker), without focusing."""
        node = self._statement_nodes.get(index) if index is not None else None
        if node is None:
            return
        parent = node.parent
        if parent is not None and not parent.is_expanded:
            parent.expand()
        self.call_after_refresh(self.speaker_tree.move_cursor, node)

    def reveal_speaker(self, name: str | None) -> None:
        """Expand a speaker and put the cursor on it."""
        node = self._speaker_nodes.get(name)
        if node is not None:
            node.expand()
            self.call_after_refresh(self.speaker_tree.move_cursor, node)

    @on(Input.Changed, "#speaker-filter")
    def _filter_changed(self) -> None:
        self._rebuild()

    @on(Input.Submitted, "#speaker-filter")
    def _filter_submitted(self) -> None:
        # At once, not on the next message: the box hands the keys typed after enter to the tree.
        self.screen.set_focus(self.speaker_tree)

    def on_filter_input_done(self, event: FilterInput.Done) -> None:
        event.stop()
        self.screen.set_focus(self.speaker_tree)

    def action_clear_filter(self) -> None:
        """Empty the filter box (the tree follows it); with no filter, ``escape`` goes on.

        Raises:
            SkipAction: There is no filter to clear, so other bindings of the key may act.
        """
        clear_filter(self.filter_input)

    @on(Tree.NodeSelected, "#speaker-tree")
    def _selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        event.stop()
        data = event.node.data
        if data is not None and data.index is not None:
            self.post_message(self.StatementChosen(self, data.index))


def _words(analysis: Analysis, statement: Statement) -> str:
    return analysis.text_of(statement).casefold()
