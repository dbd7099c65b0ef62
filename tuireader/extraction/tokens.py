"""Tokens and sentences over the normalised text, with offsets."""

from __future__ import annotations

import re

ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|St|Jr|Sr|Lt|Col|Sgt|Prof|Rev|Capt|Adm|Maj|Atty|Supt|Insp|"
    "Det|Cmdr|Fr|No|Mt|Ft|Inc|Corp|Ltd|Co|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|"
    "Nov|Dec|approx|est|Pres|Gov|Cllr|Hon|Messrs|Del"
)
WORD = r"[^\W_]++(?:['\-][^\W_]++)*+"
"""A word: letters and digits, joined by apostrophes or hyphens ("don't", "ex-wife").

The quantifiers are possessive: nothing follows a word in the patterns, so giving back
characters could never help a match, and ``re`` runs them faster (no backtracking
state)."""
TOKEN = re.compile(
    # the lookaheads reject most positions at once, so the long alternation rarely runs
    rf"(?=[A-Za-z]{{1,6}}\.)(?:(?:{ABBREVIATIONS})\.(?=\s|$)|(?:[A-Za-z]\.){{2,}}|[A-Z]\.(?=\s+[A-Z]))|{WORD}|\S",
)
_ABBR_END = re.compile(rf"(?:\b(?:{ABBREVIATIONS})|\b[A-Z]|(?:[A-Za-z]\.)+[A-Za-z])\.$")
SENTENCE_END = re.compile(r"[.!?][.!?]*['\")\]]*(?=\s+['\"(\[]?[A-Z0-9\u00C0-\u024F]|\s*$)")
"""Written ``[.!?][.!?]*`` rather than ``[.!?]+``: a pattern opening with a plain character
set lets ``re`` skip ahead to the next stop mark instead of trying a match at every position."""
_FULL_STOP_END = re.compile(SENTENCE_END.pattern.replace("[.!?][.!?]*", r"\.[.!?]*", 1))
"""`SENTENCE_END` for a stretch with no "!" or "?" in it: the same matches, found in about
half the time, as ``re`` skips ahead to a literal first character faster than to a set."""


class Token:
    """One word or punctuation mark, with its offsets into the whole text.

    Attributes:
        start: First offset.
        end: Offset one past the last character.
        text: As written in the normalised text.
        low: Lower-cased text.
        is_cap: Starts with a capital letter.
        is_word: A word rather than punctuation.
    """

    __slots__ = ("start", "end", "text", "low", "is_cap", "is_word")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self.text, self.low = start, end, text, text.lower()
        self.is_cap = text[:1].isupper()
        self.is_word = text[:1].isalnum()

    @classmethod
    def of(cls, start: int, end: int, text: str) -> Token:
        """A token made by hand (`tokenize` makes them from regex matches)."""
        return cls(start, end, text)

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"


SIMPLE_TOKEN = re.compile(rf"{WORD}|\S")
"""The same tokens for text with no abbreviation in it, found about twice as fast."""
_MAY_ABBREVIATE = re.compile(r"\.(?<=[A-Za-z]\.)[A-Za-z\s]")
"""A letter, a full stop and a letter or a space. Written to start at the full stop, which
``re`` finds by a fast scan (it would try a match at every letter otherwise); searched from
one past the start, so the letter too lies inside the range."""
_SPACED_TOKEN = re.compile(rf"\s*+(?:{TOKEN.pattern})")
_SPACED_SIMPLE_TOKEN = re.compile(rf"\s*+(?:{SIMPLE_TOKEN.pattern})")
r"""The token patterns with the blanks before each token taken into the match.

Every character that is not blank belongs to a token (``\S`` takes what no other
alternative does), so the matches tile the text: ``findall`` gives them all as strings,
made in C, and the offsets follow by adding lengths, without a match object per token.
There is no group: with groups ``findall`` makes a tuple and two strings per token, which
costs more than stripping the blanks off one string."""


def tokenize(norm: str, start: int, end: int) -> list[Token]:
    """The tokens of ``norm[start:end]`` with offsets into the whole text.

    Nearly every token of extraction is made here, so each is filled in place: calling
    `Token` would add a call into ``__init__`` per token (about a tenth of the time here).
    """
    pattern = _SPACED_TOKEN if _MAY_ABBREVIATE.search(norm, start + 1, end) else _SPACED_SIMPLE_TOKEN
    while end > start and norm[end - 1].isspace():
        # blanks with no token after them would be searched again from each offset; "Mr. "
        # ends an abbreviation at the new end all the same (``(?=\s|$)``)
        end -= 1
    tokens: list[Token] = []
    append = tokens.append
    new = object.__new__
    at = start
    for piece in pattern.findall(norm, start, end):
        tok = new(Token)
        text = piece.lstrip()  # (a token never starts with a blank)
        at += len(piece)
        tok.start = at - len(text)
        tok.end = at
        tok.text = text
        tok.low = text.lower()
        first = text[0]
        tok.is_cap = first.isupper()
        tok.is_word = first.isalnum()
        append(tok)
    return tokens


_ABBREVIATION_SET = frozenset(ABBREVIATIONS.split("|"))
_ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _abbreviation_ends(norm: str, lo: int, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation or an initial ("Mr.", "U.S.").

    Decides what ``_ABBR_END`` (a long alternation, slow to search) would find in
    ``norm[lo:dot + 1]`` from the letters before the stop: two or more letters end an
    abbreviation only if they are one word of the list, one capital letter is an initial;
    either must start a word (follow a character that is not a word character). Only a
    letter run that fills the window, or one letter after a full stop ("U.S."), needs the
    pattern.
    """
    if dot <= lo or not ("a" <= norm[dot - 1] <= "z" or "A" <= norm[dot - 1] <= "Z"):
        return False
    window = norm[lo:dot]
    head = window.rstrip(_ASCII_LETTERS)
    run = window[len(head):]
    before = head[-1:]
    if before and (before != "." or len(run) > 1):
        if before.isalnum() or before == "_":
            return False  # the letters end a longer word: "3rd.", "naïve."
        return run in _ABBREVIATION_SET if len(run) > 1 else "A" <= run <= "Z"
    return _ABBR_END.search(norm, lo, dot + 1) is not None


SENTENCE_OPENERS = frozenset({
    "The", "A", "An", "But", "And", "Yet", "So", "He", "She", "It", "They", "We", "I", "You",
    "This", "That", "These", "Those", "There", "In", "On", "At", "While", "When", "After",
    "Before", "However", "Meanwhile", "Still", "Some", "Many", "Most", "Its", "His", "Her",
    "Their", "Our", "If", "As", "Since", "Although", "Though", "Despite", "Now", "Then",
})
"""Words that open a sentence and rarely follow an abbreviation inside one."""
_INITIALS_END = re.compile(r"(?:[A-Za-z]\.){2,}$|(?:Inc|Corp|Ltd|Co|Jr|Sr|etc)\.$")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)\b")


def _closes_after_initials(norm: str, dot: int, stop: int) -> bool:
    """Whether a full stop that ends initials or a company suffix also ends the sentence:
    "... banned from entering the U.S. While ..." (not "the U.S. Army")."""
    following = _NEXT_WORD.match(norm, stop)
    if following is None or following.group(1) not in SENTENCE_OPENERS:
        return False
    return _INITIALS_END.search(norm, max(0, dot - 12), dot + 1) is not None


def sentence_spans(norm: str, start: int, end: int, skip: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Split ``norm[start:end]`` into sentences.

    Args:
        norm: The normalised text.
        start: Where to begin.
        end: Where to stop.
        skip: Ranges (quotations) inside which a full stop does not end the sentence.

    Returns:
        Half-open (start, end) offsets; each sentence ends after its final punctuation.
    """
    spans: list[tuple[int, int]] = []
    at = start
    skip = skip or []
    k = 0
    n_skip = len(skip)
    marks_other = norm.find("!", start, end) >= 0 or norm.find("?", start, end) >= 0
    stops = SENTENCE_END if marks_other else _FULL_STOP_END
    for m in stops.finditer(norm, start, end):
        dot, stop = m.span()
        while k < n_skip and skip[k][1] <= dot:
            k += 1
        if k < n_skip and skip[k][0] <= dot < skip[k][1] and stop < skip[k][1]:
            continue  # a full stop inside a quotation, not at its closing mark
        if _abbreviation_ends(norm, max(at, dot - 12), dot) and not _closes_after_initials(norm, dot, stop):
            continue
        while at < stop and norm[at].isspace():
            at += 1
        if at < stop:
            spans.append((at, stop))
        at = stop
    while at < end and norm[at].isspace():
        at += 1
    if at < end:
        stop = end
        while stop > at and norm[stop - 1].isspace():
            stop -= 1
        spans.append((at, stop))
    return spans
