"""Rule ``claims``: checkable factual assertions the article makes or sources.

A claim is a sentence outside any quotation or reported speech that states a quantity
(an amount, a count, a percentage, a measure, a rank such as "the first" or "the largest")
or a comparison ("more than", "as high as"). Dates and years alone are not quantities.

``claims.sourced``  the sentence names its source as subject ("Some estimates put ...",
                    "A 2019 study found ..."): that source is the speaker.
``claims.numeric``  the article asserts it itself: no speaker.
"""

from __future__ import annotations

import re

from tuireader.extraction.doc import Candidate, Doc, Spans
from tuireader.extraction.lexicon import MONTHS, NUMBER_WORDS
from tuireader.extraction.phrases import np_after

_MONEY = re.compile(
    r"[$£€¥₹\d](?:(?<=[$£€¥₹])\s?\d|(?<=\d)(?:\s?(?:%|percent|per cent)|\d*(?:\.\d+)?\s?(?:million|billion|trillion|bn|m)\b))",
    re.I,
)
"""An amount of money, a percentage or a count in millions: "$5", "5 per cent", "2.5bn".

Each form starts with a currency sign or a digit, so the pattern opens with the set of
them (and each form checks behind which it was): ``re`` then skips ahead to the next such
character instead of trying every alternative at every position, some four times faster."""
_US_DOLLAR = re.compile(r"\bUS\$", re.I)
"""The one amount with no digit of its own ("US$")."""
_YEAR = re.compile(r"^(1[6-9]\d\d|20\d\d)s?$")
COMPARATIVE_RANKS = ("first", "largest", "biggest", "highest", "lowest", "smallest", "oldest", "youngest",
                     "only", "most", "least", "record", "fastest", "deadliest", "worst", "best")
COMPARATIVES = re.compile(
    r"\b(?:more|fewer|less|greater|higher|lower|larger|smaller|bigger|longer|shorter|older|younger)\s+than\b"
    r"|\b(?:as (?:high|many|much|low|few|large) as|at least|at most|up to|nearly|almost|about|around|approximately|roughly|over|under)\s+(?:[$£€]?\d|"
    + "|".join(sorted(NUMBER_WORDS)) + r")\b"
    r"|\b(?:the )?(?:" + "|".join(COMPARATIVE_RANKS) + r")\b",
    re.I,
)
SOURCE_HEADS = frozenset({"estimate", "estimates", "report", "reports", "study", "studies", "survey",
                "surveys", "poll", "polls", "data", "figures", "statistics", "census", "analysis",
                "research", "researchers", "analysts", "experts", "officials", "authorities",
                "records", "projections", "forecast", "forecasts", "models", "tally", "count"})
MIN_WORDS = 5
_SOURCE_START = re.compile(r"(?:\S+\s+){0,5}?(?:" + "|".join(sorted(SOURCE_HEADS)) + r")\b", re.I)
"""A source noun among the first words: only then is the sentence tokenised to find it."""
_DIGIT = re.compile(r"\d")
_LOOK_WORDS = frozenset(NUMBER_WORDS | {"first", "largest", "biggest", "highest", "lowest", "record", "deadliest", "only", "than"})


def rule_claims(doc: Doc) -> None:
    """Find claims sentence by sentence, outside statements already found."""
    # one set of ranges: the statements' contents, and the direct quotations' marks with them
    taken = Spans([(c.start, c.end) for c in doc.candidates] + doc.direct_ranges().pairs)
    for p in range(len(doc.paragraphs)):
        try:
            for s, e in doc.sentences(p):
                if taken.overlaps(s, e):
                    continue
                _sentence(doc, p, s, e)
        except (IndexError, ValueError) as exc:
            doc.errors.append(f"paragraph {p}: claims failed: {exc}")


_NUMBER = re.compile(r"(\d(?<![\w.,:]\d)[\d,.:]*)(?![\w:])")
"""A number not inside a longer word or number. The check behind comes after the first
digit (the same test), so the pattern opens with a digit and ``re`` skips ahead to one."""
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")
_WORD_AFTER = re.compile(r"^\W*([A-Za-z]+)")
RANKS = frozenset({"first", "largest", "biggest", "highest", "lowest", "record", "deadliest", "only"})


QUANTITY_WORDS = frozenset(NUMBER_WORDS - {"one", "half", "per"})


def _number_quantity(text: str) -> bool:
    """Whether ``text`` has a number that is not just a date, a year or a time."""
    for m in _NUMBER.finditer(text):
        num = m.group(1).rstrip(".,")
        if ":" in num or _YEAR.match(num):
            continue
        before = _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start())
        after = _WORD_AFTER.match(text[m.end() : m.end() + 12])
        if before and before.group(1).lower() in MONTHS or after and after.group(1).lower() in MONTHS:
            continue
        if after and after.group(1).lower() in ("a", "p", "am", "pm") and len(num) <= 2:
            continue
        return True
    return False


_RANK_WORD = re.compile(r"(?:" + "|".join(sorted(COMPARATIVE_RANKS, key=lambda w: (-len(w), w))) + r")\b")
"""A rank word of `COMPARATIVES` in lower-case text (whether a word starts there is checked
apart: a pattern opening with the words lets ``re`` skip ahead to their first letters)."""


def _comparative(text: str) -> bool:
    """Whether `COMPARATIVES` finds a comparison or a rank in ``text``.

    Only asked of sentences with a rank word, so the rank words are looked for first, in
    lower-case ASCII text (where that is the same as ignoring case), many times faster
    than the whole pattern; the pattern decides the rest.
    """
    if text.isascii():
        low = text.lower()
        for m in _RANK_WORD.finditer(low):
            at = m.start()
            if at == 0 or not (low[at - 1].isalnum() or low[at - 1] == "_"):
                return True
    return COMPARATIVES.search(text) is not None


def _has_digit(text: str) -> bool:
    """Whether ``text`` holds a digit. In ASCII text, ten substring tests (each a fast
    scan for one character) find what the pattern ``\\d`` would, several times faster."""
    if text.isascii():
        for digit in "0123456789":
            if digit in text:
                return True
        return False
    return _DIGIT.search(text) is not None


def _sentence(doc: Doc, p: int, s: int, e: int) -> None:
    """Make a claim of the sentence ``[s, e)`` if it states a quantity or a comparison.

    The cheap tests run first (a digit; a number, rank or comparison word), the costly
    patterns only on the sentences that pass them. The sentence's words (`Doc.words`, most
    already split by the reported-speech rule; its commas match no word set here) stay a
    list: a frozen set's ``isdisjoint`` reads it once, cheaper than building a set per
    sentence.
    """
    text = doc.norm[s:e]
    has_digit = _has_digit(text)
    words: list[str] | None = None
    if not has_digit:
        words = doc.words(s, e)
        if _LOOK_WORDS.isdisjoint(words):
            return
    # (split no further than the words the test counts: the rest stays one string)
    if len(text.split(None, MIN_WORDS - 1)) < MIN_WORDS or text.rstrip().endswith("?"):
        return
    quantity = has_digit and _number_quantity(text)
    if not quantity:
        if words is None:
            words = doc.words(s, e)
        quantity = (
            not QUANTITY_WORDS.isdisjoint(words)
            or has_digit and _MONEY.search(text) is not None
            or "$" in text and _US_DOLLAR.search(text) is not None
        )
    if not quantity:
        if RANKS.isdisjoint(words) or not _comparative(text):  # type: ignore[arg-type]
            return
    cand = Candidate("claim", s, e, p, "claims.numeric")
    if words is None:
        words = doc.words(s, e)
    if not SOURCE_HEADS.isdisjoint(words) and _SOURCE_START.match(text):
        tokens = doc.tokens_in(s, e)
        np = np_after(tokens, 0)
        if np is not None and tokens[np[1] - 1].low in SOURCE_HEADS:
            cand.mention = (tokens[np[0]].start, tokens[np[1] - 1].end)
            cand.rule = "claims.sourced"
    doc.candidates.append(cand)
