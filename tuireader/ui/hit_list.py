"""A list of archive hits: speaker and kind, the statement's words, and its article.

Shared by the search screen and the speaker-across-the-archive screen. Every line is built
as `rich.text.Text` from `clean_text`, never as markup: hits are untrusted article text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tuireader.index import Hit
from tuireader.model import Analysis
from tuireader.sanitize import clean_text
from tuireader.ui.article_list import NAV_BINDINGS
from tuireader.ui.speaker_panel import NO_SPEAKER

HIT_CHARS = 280
"""Characters of a hit's words shown at most."""
_SPACE = re.compile(r"\s")


def flat(text: str) -> str:
    """``text`` safe to show on one line, the same length (so offsets into it still hold)."""
    return _SPACE.sub(" ", clean_text(text))


def hit_where(hit: Hit) -> str:
    """The article of a hit in one line: title · date · source."""
    return flat(" · ".join(p for p in (" ".join(hit.title.split()), hit.date, hit.source) if p))


def render_hit(hit: Hit, speaker: Style, meta: Style, match: Style) -> Text:
    """Three lines: speaker · kind, the words (matched words styled), the article.

    Args:
        hit: The hit.
        speaker: Style of the speaker's name.
        meta: Style of the article line.
        match: Style of the words the query matched.
    """
    text = Text()
    text.append(flat(hit.speaker or NO_SPEAKER), speaker)
    text.append(f" · {hit.kind}")
    words = flat(hit.text)
    shown = words[:HIT_CHARS]
    body = Text("“" + shown + ("…" if len(words) > HIT_CHARS else "") + "”")
    for start, end in hit.matches:
        a, b = max(start - hit.start, 0), min(end - hit.start, len(shown))
        if a < b:
            body.stylize(match, a + 1, b + 1)
    text.append("\n")
    text.append_text(body)
    text.append("\n")
    text.append(hit_where(hit), meta)
    return text


def statement_of(analysis: Analysis, hit: Hit) -> int | None:
    """The index in ``analysis`` of the statement a hit stands for, by its offsets.

    The reader's own extraction and the archive's may number statements differently, so the
    hit's offsets decide: the statement with exactly these offsets, else the shortest one
    holding the hit's start.
    """
    holding: list[tuple[int, int]] = []
    for n, statement in enumerate(analysis.statements):
        if (statement.start, statement.end) == (hit.start, hit.end):
            return n
        if statement.start <= hit.start < statement.end:
            holding.append((statement.end - statement.start, n))
    return min(holding)[1] if holding else None


class HitList(OptionList):
    """Hits, three lines each; ``enter`` chooses one (`OptionList.OptionSelected`).

    | Key(s) | Description |
    | :- | :- |
    | j, down / k, up | Move. |
    | enter | Open the article at this statement. |
    """

    BINDINGS: ClassVar[list[BindingType]] = NAV_BINDINGS

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "hit-list--speaker",
        "hit-list--meta",
        "hit-list--match",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.hits: list[Hit] = []

    def _part(self, name: str) -> Style:
        return self.get_component_rich_style(f"hit-list--{name}", partial=True)

    def show_hits(self, hits: Sequence[Hit]) -> None:
        """Replace the list with ``hits``, the first highlighted."""
        self.hits = list(hits)
        speaker, meta, match = self._part("speaker"), self._part("meta"), self._part("match")
        self.clear_options()
        options: list[Option | None] = []
        for n, hit in enumerate(self.hits):
            options += [None] if n else []  # a rule between hits
            options.append(Option(render_hit(hit, speaker, meta, match), id=str(n)))
        self.add_options(options)
        if self.hits:
            self.highlighted = 0

    def highlight_hit(self, hit: Hit) -> bool:
        """Highlight the hit for the same place in the same article as ``hit``, when listed.

        Returns:
            Whether it was.
        """
        place = (hit.article_key, hit.kind, hit.start, hit.end)
        found = next((n for n, h in enumerate(self.hits) if (h.article_key, h.kind, h.start, h.end) == place), None)
        if found is None:
            return False
        self.highlighted = self.get_option_index(str(found))
        return True

    @property
    def current_hit(self) -> Hit | None:
        """The highlighted hit."""
        option = self.highlighted_option
        return None if option is None or option.id is None else self.hits[int(option.id)]

