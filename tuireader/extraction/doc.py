"""The working state shared by the extraction rules."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter

from tuireader.extraction.tokens import Token, sentence_spans, tokenize
from tuireader.model import Article, Span

# Double quotation marks: what they can do. Straight marks are decided by context.
OPENERS = "\u201c\u201e\u00ab"
CLOSERS = "\u201d\u00bb"
STRAIGHT = '"\u201f\uff02'
SINGLE_OPEN = "\u2018\u201a\u2039"
SINGLE_CLOSE = "\u2019\u203a"

_START = attrgetter("start")

_MD_LINK = re.compile(r"\[([^\[\]\n]{0,500})\]\(([^()\s]{0,2000})\)")
_MD_EMPHASIS = re.compile(r"(?<![\w*])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w*])")


_NORMALISE = (
    [(c, '"') for c in OPENERS + CLOSERS + STRAIGHT if c != '"']
    + [(c, "'") for c in SINGLE_OPEN + SINGLE_CLOSE]
    + [(c, " ") for c in "\u00a0\u2009\u202f\u2007"]
)
"""Single characters and their same-length replacements (a chain of ``str.replace`` is many
times faster than ``str.translate`` with a table)."""


_DOUBLED = re.compile(r"''|``")

_NON_ASCII_LETTER = re.compile(r"[^\x00-\x7f\W\d_]")
"""A letter outside ASCII: a word character that is neither ASCII, a digit nor "_"."""


_WORD_OR_COMMA = re.compile(r"[a-z]+|,")

_LETTERS_AND_COMMAS = bytes(b if (ord("a") <= b <= ord("z") or b == ord(",")) else ord(" ") for b in range(256))
"""A byte table keeping lower-case ASCII letters and commas and blanking everything else."""


def normalise(text: str, markup: str) -> str:
    """A same-length copy of ``text`` for matching.

    Curly and angled double quotes become ``"``, curly single quotes ``'``; in Markdown the
    emphasis markers and link syntax become spaces, so ``*"Yes,"* [she](u) said`` reads as a
    quotation followed by ``she said``. Offsets into the copy are offsets into the text.
    """
    norm = text
    if not text.isascii():
        for old, new in _NORMALISE:
            if old in norm:
                norm = norm.replace(old, new)
    if "''" in norm or "``" in norm:
        # two apostrophes or backticks used as a double quotation mark (''Yes,'' he said):
        # the mark goes on the side that touches the words, a space on the other
        norm = _DOUBLED.sub(lambda m: ' "' if m.end() < len(norm) and norm[m.end()].isalnum() else '" ', norm)
    if markup == "markdown":
        chars = list(norm)

        def blank(a: int, b: int) -> None:
            for i in range(a, b):
                chars[i] = " "

        for m in _MD_LINK.finditer(norm):
            blank(m.start(), m.start() + 1)
            blank(m.start(2) - 2, m.end() + 1)
        for m in _MD_EMPHASIS.finditer(norm):
            blank(m.start(), m.end())
        norm = "".join(chars)
    return norm


class Spans:
    """Sorted ``(start, end)`` ranges with logarithmic overlap queries.

    The ranges may overlap or nest; `overlaps` keeps a running maximum of their ends.
    """

    __slots__ = ("starts", "pairs", "max_end")

    def __init__(self, pairs: list[tuple[int, int]]) -> None:
        self.pairs = sorted(pairs)
        self.starts = [a for a, _ in self.pairs]
        self.max_end: list[int] = []
        top = -1
        for _, b in self.pairs:
            top = max(top, b)
            self.max_end.append(top)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any range shares a character with ``[start, end)``."""
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.max_end[i] > start

    def between(self, start: int, end: int) -> list[tuple[int, int]]:
        """The ranges that start inside ``[start, end)``, in order."""
        return self.pairs[bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)]


@dataclass(slots=True)
class Candidate:
    """A statement being built; rules fill in its fields."""

    kind: str
    start: int
    end: int
    para: int
    rule: str
    open_mark: int = -1
    """Offset of the opening quotation mark (direct quotes)."""
    close_mark: int = -1
    """Offset of the closing quotation mark, -1 when the quote runs on."""
    cue: tuple[int, int] | None = None
    mention: tuple[int, int] | None = None
    speaker: str | None = None
    """Resolved canonical name."""
    group: int | None = None
    parent: int | None = None
    nested: bool = False
    """A quotation inside another statement's content."""


def reported_around(reported: list[Candidate], norm: str) -> Callable[[Candidate], Candidate | None]:
    """A look-up of the reported speech whose content holds a whole quotation, or introduces it
    with a colon ('the letter helps the case: "..."').

    Args:
        reported: The reported-speech candidates to look among.
        norm: The normalised text they are in.

    Returns:
        A function giving, for a direct quotation, the latest-starting of ``reported`` that
        opens before the quotation's opening mark and runs to its closing mark (or its end, when
        it runs on) or ends at a colon just before the opening mark, else None.
    """
    ordered = sorted(reported, key=lambda c: (c.start, c.end))
    starts = [c.start for c in ordered]

    def around(quote: Candidate) -> Candidate | None:
        close = quote.close_mark if quote.close_mark >= 0 else quote.end
        i = bisect.bisect_right(starts, quote.open_mark) - 1
        if i < 0:
            return None
        holder = ordered[i]
        if holder.end >= close or norm[holder.end : quote.open_mark].strip() == ":":
            return holder
        return None

    return around


@dataclass(slots=True)
class Doc:
    """An article under extraction: its text, a normalised copy and the candidates so far."""

    article: Article
    text: str
    norm: str
    paragraphs: tuple[Span, ...]
    candidates: list[Candidate] = field(default_factory=list)
    next_group: int = 0
    errors: list[str] = field(default_factory=list)
    quoted: list[tuple[int, int]] = field(default_factory=list)
    """Ranges inside direct quotations (marks included), sorted."""
    entities: dict = field(default_factory=dict)
    """Canonical name -> resolved entity, filled by the resolve rule."""
    registry: object = None
    """Every person and organisation named in the article, filled by the resolve rule."""
    _tokens: dict = field(default_factory=dict)
    _near: dict = field(default_factory=dict)
    _sentences: dict = field(default_factory=dict)
    _sentence_starts: dict = field(default_factory=dict)
    para_starts: list[int] = field(default_factory=list)
    """Each paragraph's first offset, for `para_of`."""
    _marks: Spans | None = None
    """The quotation marks' ranges when sentences were first split (cached with them)."""
    _letters: str | None = None
    """Cache of `letters`; "" until made."""
    _words: dict = field(default_factory=dict)
    """Cache of `words` by (start, end)."""

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens lying inside ``[start, end)``, tokenising each sentence once.

        Args:
            start: First offset.
            end: Offset not to pass.

        Returns:
            A list of `Token` (a fresh list; the tokens themselves are shared).
        """
        if end <= start:
            return []
        p = self.para_of(start)
        para = self.paragraphs[p] if self.paragraphs else None
        if para is None or not (para.start <= start and end <= para.end):
            return tokenize(self.norm, start, end)
        sentences = self.sentences(p)
        starts = self._sentence_starts[p]
        out: list[Token] = []
        if not sentences or start < sentences[0][0]:
            out.extend(tokenize(self.norm, start, min(end, sentences[0][0] if sentences else end)))
        i = max(0, bisect.bisect_right(starts, start) - 1)
        while i < len(sentences) and sentences[i][0] < end:
            s, e = sentences[i]
            i += 1
            if e <= start:
                continue
            toks = self._tokens.get(s)
            if toks is None:
                toks = self._tokens[s] = tokenize(self.norm, s, e)
            if s >= start and e <= end:
                out.extend(toks)
            else:
                a = bisect.bisect_left(toks, start, key=_START)
                b = bisect.bisect_left(toks, end, a, key=_START)
                while b > a and toks[b - 1].end > end:
                    b -= 1
                out.extend(toks[a:b])
        return out

    def sentence_tokens(self, start: int, end: int) -> list[Token]:
        """The tokens of the sentence ``[start, end)``, one of `sentences`: what `tokens_in`
        gives for it, without the look-ups and the copy (callers must not change the list)."""
        toks = self._tokens.get(start)
        if toks is None:
            toks = self._tokens[start] = tokenize(self.norm, start, end)
        return toks

    def tokens_near(self, start: int, end: int) -> list[Token]:
        """Tokens of a short stretch ``[start, end)``, made for it alone (not cached).

        For the few words around a quotation: tokenising whole sentences would also
        tokenise the quotation itself. The same stretch asked for again (the words before a
        quotation are read by more than one rule) is not tokenised again; the list returned
        is shared, so callers must not change it.
        """
        got = self._near.get((start, end))
        if got is None:
            key = (start, end)
            norm = self.norm
            if 0 < start < end and norm[start - 1].isalnum() and norm[start].isalnum():
                # a window that opens inside a word starts after it, not with its tail
                while start < end and not norm[start].isspace():
                    start += 1
            got = self._near[key] = tokenize(norm, start, end) if end > start else []
        return got

    def letters(self) -> str | None:
        """A same-length copy of the lower-cased text with only ASCII letters and commas kept.

        Every other character becomes a space, so ``letters()[a:b].split()`` gives the words
        that ``re.findall("[a-z]+", norm[a:b].lower())`` would, found many times faster.
        None when lower-casing changes the text's length ("İ" becomes two characters), as
        offsets would then not carry over.
        """
        if self._letters is None:
            low = self.norm.lower()
            if not low.isascii():
                # a letter outside ASCII stands as "q" so its word stays whole ("erdoqan", not
                # "erdo an", whose "an" would read as a determiner); other characters are blanks
                low = _NON_ASCII_LETTER.sub("q", low)
            self._letters = (
                low.encode("ascii", "replace").translate(_LETTERS_AND_COMMAS).decode("ascii")
                if len(low) == len(self.norm) else ""
            )
        return self._letters or None

    def words(self, start: int, end: int) -> list[str]:
        """The lower-case ASCII words and the commas of ``[start, end)``, in order.

        What ``re.findall("[a-z]+|,", norm[start:end].lower())`` finds, split from `letters`
        where the text allows. Reported speech and claims both ask about each sentence, so the
        list is made once and shared: callers must not change it.
        """
        key = (start, end)
        got = self._words.get(key)
        if got is None:
            letters = self.letters()
            got = self._words[key] = (
                _WORD_OR_COMMA.findall(self.norm[start:end].lower()) if letters is None
                else letters[start:end].replace(",", " , ").split()
            )
        return got

    def sentences(self, p: int) -> list[tuple[int, int]]:
        """Sentence spans of paragraph ``p``; full stops inside quotation marks don't count."""
        got = self._sentences.get(p)
        if got is None:
            para = self.paragraphs[p]
            if self._marks is None:
                self._marks = Spans([
                    (c.open_mark, (c.close_mark + 1) if c.close_mark >= 0 else self.paragraphs[c.para].end)
                    for c in self.candidates if c.kind == "direct" and c.open_mark >= 0
                ])
            quotes = self._marks.between(para.start, para.end)
            got = self._sentences[p] = sentence_spans(self.norm, para.start, para.end, quotes)
            self._sentence_starts[p] = [a for a, _ in got]
        return got

    def sentence_starts(self, p: int) -> list[int]:
        """The first offsets of the sentences of paragraph ``p`` (shared: do not change)."""
        self.sentences(p)
        return self._sentence_starts[p]

    def sentence_at(self, p: int, offset: int) -> tuple[int, int] | None:
        """The sentence of paragraph ``p`` holding ``offset`` (or the last one before it)."""
        sentences = self.sentences(p)
        i = bisect.bisect_right(self._sentence_starts[p], offset) - 1
        return sentences[i] if i >= 0 else None

    def direct_ranges(self) -> Spans:
        """The ranges of the direct quotations found so far, marks included."""
        return Spans([
            (c.open_mark, (c.close_mark + 1) if c.close_mark >= 0 else c.end)
            for c in self.candidates if c.kind == "direct" and c.open_mark >= 0
        ])

    def in_quote(self, offset: int) -> bool:
        """Whether ``offset`` lies inside a direct quotation."""
        i = bisect.bisect_right(self.quoted, (offset, float("inf"))) - 1
        return i >= 0 and self.quoted[i][0] <= offset < self.quoted[i][1]

    @classmethod
    def of(cls, article: Article) -> Doc:
        """Start extraction on an article."""
        return cls(
            article=article,
            text=article.text,
            norm=normalise(article.text, article.markup),
            paragraphs=article.paragraphs or (),
            para_starts=[p.start for p in article.paragraphs or ()],
        )

    def new_group(self) -> int:
        """A fresh group number for the pieces of one quotation."""
        self.next_group += 1
        return self.next_group

    def para_of(self, offset: int) -> int:
        """Index of the paragraph containing ``offset`` (or the last one before it)."""
        return max(0, bisect.bisect_right(self.para_starts, offset) - 1)
