"""The article body: wrapped paragraphs with statements, mentions and find matches styled.

A Line-API `ScrollView`: only the lines on screen are rendered, from offsets into the article
text, so long articles stay fast and highlights change without laying the text out again.
"""

from __future__ import annotations

import bisect
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tuireader.model import Analysis, Span, Statement
from tuireader.sanitize import one_line
from tuireader.ui.body_layout import BodyLayout, build_layout, display_text, find_all, fold, overlapping, wrap

GUTTER = 4
"""Cells left of the text: a bar for the kind of statement, the cursor, a bookmark star, a space."""
KIND_GLYPHS = {"direct": "▌", "indirect": "┆", "claim": "╏"}
"""The bar drawn beside lines of each kind of statement, so kinds show without colour."""
HEADER_CHARS = 1000
"""Characters of the title, and of the date, source and authors line, shown above the text."""
QUOTATION_KINDS = ("direct", "indirect")
CLAIM_KINDS = ("claim",)


class ArticleBody(ScrollView, can_focus=True):
    """Shows one article; a cursor sits on one statement at a time.

    | Key(s) | Description |
    | :- | :- |
    | j, down / k, up | Scroll a line. |
    | space, pagedown / b, pageup | Scroll a page. |
    | ctrl+d / ctrl+u | Scroll half a page. |
    | g, home / G, end | Top / bottom. |
    | ] / [ | Next / previous quotation (direct or reported). |
    | } / { | Next / previous claim. |
    | n / N | Next / previous match. |
    | escape | Clear the find highlight. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_lines(1)", "Line down", id="down", show=False),
        Binding("k,up", "scroll_lines(-1)", "Line up", id="up", show=False),
        Binding("space,pagedown", "scroll_pages(1)", "Page down", id="page-down", show=False),
        Binding("b,pageup", "scroll_pages(-1)", "Page up", id="page-up", show=False),
        Binding("ctrl+d", "scroll_pages(0.5)", "Half page down", id="half-page-down", show=False),
        Binding("ctrl+u", "scroll_pages(-0.5)", "Half page up", id="half-page-up", show=False),
        Binding("g,home", "top", "Top", id="top", show=False),
        Binding("G,end", "bottom", "Bottom", id="bottom", show=False),
        Binding("right_square_bracket", "next_statement('quotation', 1)", "Next quotation", id="next-quotation"),
        Binding("left_square_bracket", "next_statement('quotation', -1)", "Previous quotation",
                id="previous-quotation"),
        Binding("right_curly_bracket", "next_statement('claim', 1)", "Next claim", id="next-claim"),
        Binding("left_curly_bracket", "next_statement('claim', -1)", "Previous claim", id="previous-claim"),
        Binding("n", "next_match(1)", "Next match", id="next-match"),
        Binding("N", "next_match(-1)", "Previous match", id="previous-match"),
        Binding("escape", "clear_find", "Clear find", id="clear-find", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-body--title",
        "article-body--meta",
        "article-body--direct",
        "article-body--indirect",
        "article-body--claim",
        "article-body--mention",
        "article-body--current",
        "article-body--match",
        "article-body--match-current",
        "article-body--bookmark",
    }

    class CursorMoved(Message):
        """The current statement changed (or the article did)."""

        def __init__(self, body: ArticleBody, index: int | None) -> None:
            super().__init__()
            self.body = body
            self.index = index
            """Index of the current statement in the analysis, or None."""

        @property
        def control(self) -> ArticleBody:
            return self.body

    class FindChanged(Message):
        """The find query, its matches or the current match changed."""

        def __init__(self, body: ArticleBody) -> None:
            super().__init__()
            self.body = body

        @property
        def control(self) -> ArticleBody:
            return self.body

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.analysis: Analysis | None = None
        self.current: int | None = None
        """Index of the statement under the cursor."""
        self.query_text = ""
        """The find query ('' when not finding)."""
        self.matches: list[Span] = []
        self.match_index: int | None = None
        self.bookmarks: frozenset[tuple[int, int]] = frozenset()
        self._text = ""
        self._folded = ""
        self._header: list[Text] = []
        self._layout: BodyLayout | None = None
        self._line_statements: list[tuple[int, ...]] = []
        self._first_lines: list[int] = []
        self._mentions: list[Span] = []
        self._cache: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}

    # -- content ---------------------------------------------------------------------------

    def show(self, analysis: Analysis, bookmarks: frozenset[tuple[int, int]] = frozenset()) -> None:
        """Show an article from the top, keeping the find query.

        Args:
            analysis: The article and its statements.
            bookmarks: Spans of the bookmarked statements.
        """
        self.analysis = analysis
        self.bookmarks = bookmarks
        self._text = display_text(analysis.article.text)
        self._folded = ""
        mentions = {s.speaker_mention for s in analysis.statements if s.speaker_mention is not None}
        self._mentions = _disjoint(sorted(mentions))
        self.current = None
        self._relayout(keep_offset=None)
        self.scroll_to(0, 0, animate=False)
        self._set_find(self.query_text, move=False)
        self._follow_viewport()
        self.post_message(self.CursorMoved(self, self.current))

    def set_bookmarks(self, bookmarks: frozenset[tuple[int, int]]) -> None:
        """Update which statements show the bookmark marker."""
        self.bookmarks = bookmarks
        self._invalidate()

    @property
    def statements(self) -> tuple[Statement, ...]:
        """The statements of the shown article."""
        return self.analysis.statements if self.analysis else ()

    @property
    def current_statement(self) -> Statement | None:
        """The statement under the cursor, if any."""
        return None if self.current is None else self.statements[self.current]

    def _text_width(self) -> int:
        region = self.scrollable_content_region.width
        if region <= GUTTER:
            # hidden (one pane at a time): lay out for the width it had, or about the
            # screen's, not for a sliver it will never be shown at
            return self._layout.width if self._layout is not None else max(8, self.app.size.width - GUTTER - 4)
        return max(8, region - GUTTER)

    def _relayout(self, keep_offset: int | None) -> None:
        analysis = self.analysis
        if analysis is None:
            return
        width = self._text_width()
        self._header = self._make_header(width)
        layout = build_layout(self._text, analysis.article.paragraphs or (), width)
        self._layout = layout
        per_line: list[list[int]] = [[] for _ in layout.lines]
        first_lines: list[int] = []
        for n, statement in enumerate(analysis.statements):
            lines = layout.lines_of(statement.content)
            first_lines.append(lines.start + len(self._header))
            for i in lines:
                if layout.lines[i][0] >= 0:
                    per_line[i].append(n)
        self._line_statements = [tuple(x) for x in per_line]
        self._first_lines = first_lines
        self.virtual_size = Size(width + GUTTER, len(self._header) + len(layout.lines))
        self._invalidate()
        if keep_offset is not None:
            self._scroll_to_line(self._line_of_offset(keep_offset))

    def _make_header(self, width: int) -> list[Text]:
        """The title and the metadata lines above the text, wrapped to ``width``."""
        assert self.analysis is not None
        article = self.analysis.article
        header: list[Text] = []
        title = one_line(article.title or article.id, HEADER_CHARS)
        for start, end in wrap(title, 0, len(title), width + GUTTER):
            header.append(Text(title[start:end], style=self._style("title")))
        meta = one_line(" · ".join(p for p in (article.date, article.source, ", ".join(article.authors)) if p),
                        HEADER_CHARS)
        if meta:
            for start, end in wrap(meta, 0, len(meta), width + GUTTER):
                header.append(Text(meta[start:end], style=self._style("meta")))
        header.append(Text(""))
        return header

    def _line_of_offset(self, offset: int) -> int:
        assert self._layout is not None
        return len(self._header) + self._layout.line_of(offset)

    def on_resize(self) -> None:
        if self.analysis is None or self._layout is None:
            return
        if self.scrollable_content_region.width <= GUTTER:
            return  # hidden (another pane shows at this width): keep the layout for its return
        if self._layout.width != self._text_width():
            top = self._offset_at(round(self.scroll_y))
            self._relayout(keep_offset=top)
            if self.current is not None:
                self._ensure_visible(self.current)
        self._follow_viewport()

    def _offset_at(self, y: int) -> int | None:
        if self._layout is None:
            return None
        index = y - len(self._header)
        if index < 0:
            return None
        for start, _ in self._layout.lines[index:]:
            if start >= 0:
                return start
        return None

    # -- rendering -------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()
        if self.analysis is not None and self._header and self._layout is not None:
            # only the header's lines carry styles of their own; the text's wrapping stays
            self._header = self._make_header(self._layout.width)

    def _style(self, part: str) -> Style:
        style = self._styles.get(part)
        if style is None:
            style = self.get_component_rich_style(f"article-body--{part}", partial=True)
            self._styles[part] = style
        return style

    def _invalidate(self) -> None:
        self._cache.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        strip = self._cache.get(index)
        if strip is None:
            text = self._line_text(index)
            if text is None:
                return Strip.blank(width, base)
            text.stylize_before(base)
            strip = Strip(text.render(self.app.console), text.cell_len)
            self._cache[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _line_text(self, index: int) -> Text | None:
        if self.analysis is None or self._layout is None:
            return None
        if index < len(self._header):
            return self._header[index].copy()
        body_index = index - len(self._header)
        if body_index >= len(self._layout.lines):
            return None
        start, end = self._layout.lines[body_index]
        if start < 0:
            return Text("")
        statements = self.statements
        on_line = self._line_statements[body_index]
        line = Text(self._text[start:end])
        gutter = Text()
        bar = " "
        for kind in ("claim", "indirect", "direct"):
            if any(statements[n].kind == kind for n in on_line):
                bar = kind
        gutter.append(KIND_GLYPHS.get(bar, " "), self._style(bar) if bar != " " else None)
        if self.current in on_line and self._first_lines[self.current] == index:
            gutter.append("▶", self._style("current"))
        else:
            gutter.append(" ")
        if any((statements[n].start, statements[n].end) in self.bookmarks for n in on_line):
            gutter.append("★", self._style("bookmark"))
        else:
            gutter.append(" ")
        gutter.append(" " * (GUTTER - 3))

        def paint(span: Span, style: Style) -> None:
            lo, hi = max(span.start, start), min(span.end, end)
            if lo < hi:
                line.stylize(style, lo - start, hi - start)

        for n in on_line:
            paint(statements[n].content, self._style(statements[n].kind))
        for mention in overlapping(self._mentions, start, end):
            paint(mention, self._style("mention"))
        if self.current in on_line:
            paint(statements[self.current].content, self._style("current"))
        for n, match in enumerate(overlapping(self.matches, start, end)):
            current_match = self.match_index is not None and self.matches[self.match_index] == match
            paint(match, self._style("match-current" if current_match else "match"))
        return gutter + line

    # -- cursor ------------------------------------------------------------------------------

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self._follow_viewport()

    def _visible_lines(self) -> range:
        top = round(self.scroll_y)
        return range(top, top + max(1, self.scrollable_content_region.height))

    def _statement_lines(self, index: int) -> range:
        assert self._layout is not None
        lines = self._layout.lines_of(self.statements[index].content)
        offset = len(self._header)
        return range(lines.start + offset, lines.stop + offset)

    def _follow_viewport(self) -> None:
        """Keep the cursor on a statement that can be seen: when scrolling hides it, the first
        statement in view takes it."""
        if not self.statements or self._layout is None:
            return
        view = self._visible_lines()
        if self.current is not None:
            lines = self._statement_lines(self.current)
            if lines.start < view.stop and view.start < lines.stop:
                return
        candidate = bisect.bisect_left(self._first_lines, view.start)
        # A long statement that began above the view is still the one being read.
        if candidate > 0 and self._statement_lines(candidate - 1).stop > view.start:
            candidate -= 1
        if candidate < len(self._first_lines) and self._first_lines[candidate] < view.stop:
            self._set_current(candidate)

    def _set_current(self, index: int | None) -> None:
        if index != self.current:
            self.current = index
            self._invalidate()
            self.post_message(self.CursorMoved(self, index))

    def _scroll_to_line(self, y: int) -> None:
        # Forced: the scrollbar (which Textual takes as leave to scroll) is only worked out at
        # the next layout, and an article shown while a dialog covers the screen (opening a
        # hit) has had none yet, so an unforced scroll would leave it at the top.
        self.scroll_to(y=y, animate=False, force=True, immediate=True)

    def _ensure_visible(self, index: int) -> None:
        lines = self._statement_lines(index)
        view = self._visible_lines()
        if lines.start >= view.start and min(lines.stop, lines.start + len(view)) <= view.stop:
            return
        self._scroll_to_line(max(0, lines.start - len(view) // 4))

    def go_to(self, index: int) -> None:
        """Put the cursor on a statement and scroll it into view."""
        if not 0 <= index < len(self.statements):
            return
        self.current = index
        self._ensure_visible(index)
        self._invalidate()
        self.post_message(self.CursorMoved(self, index))

    def place(self) -> tuple[int | None, int | None]:
        """Where the reader is: the offset of the first line of text in view (None while the
        title shows) and the statement under the cursor, for `return_to`."""
        return self._offset_at(round(self.scroll_y)), self.current

    def return_to(self, top: int | None, index: int | None) -> None:
        """Go back to a `place` of the shown article: the same line at the top, the same
        statement under the cursor (scrolled into view should the article have changed)."""
        if self._layout is None:
            return
        self._scroll_to_line(0 if top is None else self._line_of_offset(min(top, len(self._text))))
        if index is not None:
            self.go_to(index)

    def go_to_offset(self, offset: int) -> None:
        """Scroll so the line showing ``offset`` is in view."""
        if self._layout is None:
            return
        line = self._line_of_offset(offset)
        view = self._visible_lines()
        if line not in view:
            self._scroll_to_line(max(0, line - len(view) // 4))

    # -- actions -----------------------------------------------------------------------------

    def action_scroll_lines(self, lines: int) -> None:
        """Scroll by whole lines."""
        self.scroll_to(y=self.scroll_y + lines, animate=False)

    def action_scroll_pages(self, pages: float) -> None:
        """Scroll by (a fraction of) the height of the view, keeping a line of context."""
        height = self.scrollable_content_region.height
        step = max(1, height - 1) if abs(pages) >= 1 else max(1, int(height * abs(pages)))
        self.scroll_to(y=self.scroll_y + (step if pages > 0 else -step), animate=False)

    def action_top(self) -> None:
        """Go to the top of the article."""
        self.scroll_to(y=0, animate=False)

    def action_bottom(self) -> None:
        """Go to the end of the article."""
        self.scroll_to(y=self.max_scroll_y, animate=False)

    def action_next_statement(self, group: str, direction: int) -> None:
        """Move the cursor to the next (``direction`` 1) or previous (-1) statement of a group.

        Args:
            group: ``quotation`` (direct or reported speech) or ``claim``.
            direction: 1 forwards, -1 backwards.
        """
        kinds = QUOTATION_KINDS if group == "quotation" else CLAIM_KINDS
        statements = self.statements
        order = range(len(statements)) if direction > 0 else range(len(statements) - 1, -1, -1)
        here = self.current
        for n in order:
            if statements[n].kind not in kinds:
                continue
            if here is None or (n > here if direction > 0 else n < here):
                self.go_to(n)
                return
        label = "quotation" if group == "quotation" else "claim"
        where = "below" if direction > 0 else "above"
        self.notify(f"No {label} {where}", timeout=2)


    def action_next_match(self, direction: int) -> None:
        """Go to the next or previous find match, wrapping around the article."""
        if not self.matches:
            self.notify("Nothing to find: press / to search" if not self.query_text else
                        "No matches", timeout=2)
            return
        if self.match_index is None:
            self.match_index = self._first_match_from(self._view_offset(), direction)
        else:
            self.match_index = (self.match_index + direction) % len(self.matches)
        self._show_match()

    def action_clear_find(self) -> None:
        """Remove the find highlight (the text and the cursor stay where they are)."""
        self.set_find("")

    # -- find --------------------------------------------------------------------------------

    def set_find(self, query: str, *, move: bool = True) -> None:
        """Highlight every match of ``query``; with ``move``, go to the first one from the view.

        Args:
            query: What to find ('' clears the find).
            move: Scroll to the first match at or after the top of the view.
        """
        self._set_find(query, move=move)

    def _set_find(self, query: str, *, move: bool) -> None:
        self.query_text = query
        if self.analysis is None or not query:
            self.matches = []
            self.match_index = None
        else:
            if not self._folded:
                self._folded = fold(self._text)
            self.matches = find_all(self._text, self._folded, query)
            self.match_index = self._first_match_from(self._view_offset(), 1) if self.matches else None
            if move and self.match_index is not None:
                self.go_to_offset(self.matches[self.match_index].start)
        self._invalidate()
        self.post_message(self.FindChanged(self))

    def _view_offset(self) -> int:
        offset = self._offset_at(round(self.scroll_y))
        return 0 if offset is None else offset

    def _first_match_from(self, offset: int, direction: int) -> int:
        starts = [m.start for m in self.matches]
        if direction > 0:
            index = bisect.bisect_left(starts, offset)
            return index if index < len(starts) else 0
        index = bisect.bisect_left(starts, offset) - 1
        return index if index >= 0 else len(starts) - 1

    def _show_match(self) -> None:
        assert self.match_index is not None
        self.go_to_offset(self.matches[self.match_index].start)
        self._invalidate()
        self.post_message(self.FindChanged(self))


def _disjoint(spans: list[Span]) -> list[Span]:
    """Sorted spans with overlaps dropped, so they can be bisected."""
    kept: list[Span] = []
    for span in spans:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept
