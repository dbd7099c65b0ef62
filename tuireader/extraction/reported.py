"""Rule ``reported``: reported speech (indirect statements) outside quotation marks.

``reported.cue_clause``   X said (that) CLAUSE / X told Y (that) CLAUSE / X disputes NP
``reported.cue_after``    CLAUSE, X said.
``reported.according_to`` according to X, CLAUSE / CLAUSE, according to X.
``reported.participle``   ..., saying (that) CLAUSE — the subject is the sentence's.

Rule ``quoted_in_reported`` then gives a quotation that sits inside reported speech, with no
speaker of its own, the speaker of that reported speech (``direct.in_reported``).
"""

from __future__ import annotations

import bisect
import re
from operator import attrgetter

from tuireader.extraction.doc import Candidate, Doc, reported_around
from tuireader.extraction.lexicon import TIME_WORDS as LEXICON_TIME_WORDS
from tuireader.extraction.lexicon import (
    ADDRESSEE_VERBS,
    BELIEF_VERBS,
    CUE_VERBS,
    DOCUMENT_NOUNS,
    NOUN_LIKE_CUES,
    OBJECT_VERBS,
    PHRASAL_REPORT_CUES,
    PUBLISHED,
    ROLE_NOUNS,
    SOURCE_DOCUMENTS,
    SPEECH_VERBS,
)
from tuireader.extraction.phrases import (
    ADVERBS_BEFORE_CUE,
    DETERMINERS,
    ONE_TOLD_OPENERS,
    np_after,
    np_before,
    np_before_plain,
    quantifier_subject,
    with_possessed_head,
)
from tuireader.extraction.tokens import Token

BE = {"is", "was", "were", "are", "be", "been", "being", "am", "'s"}
CLAUSE_BREAK_AFTER_COMMA = {"but", "while", "whereas", "although", "though", "according",
                            "adding", "saying", "noting", "arguing", "citing", "explaining",
                            "insisting", "warning", "stressing", "however"}
TIME_WORDS = LEXICON_TIME_WORDS | {"week", "month", "year", "morning", "afternoon", "evening",
                                  "night", "day", "weekend", "statement", "interview", "press",
                                  "media", "conference", "briefing", "last", "this", "earlier",
                                  "recently", "a", "an", "the", "its", "his", "her", "their",
                                  "release", "post"}
VENUE_WORDS = LEXICON_TIME_WORDS | {
    "on", "in", "at", "during", "a", "an", "the", "statement", "interview", "interviews", "last",
    "week", "night", "morning", "afternoon", "evening", "earlier", "this", "email", "letter",
    "reporters", "press", "conference", "news", "briefing", "recently", "previously", "also",
    "then", "separately", "later", "publicly", "privately", "his", "her", "their", "its",
    "post", "speech", "release", "to", "written", "televised", "address", "radio", "tv",
    "social", "media", "month", "year", "twitter", "facebook", "tweet", "website", "report",
    "ruling", "decision", "column", "op-ed", "essay", "article", "book", "memoir", "blog",
    "podcast", "video", "filing", "hearing", "testimony", "memo", "newsletter",
}
REPORT_CUES: dict[str, str] = {**CUE_VERBS, **PHRASAL_REPORT_CUES}
"""Cue word -> base form, with the verbs that report only with a particle ("point out")."""
CUE_SET = frozenset(REPORT_CUES) | {"according"}
_PHRASAL_BASES = frozenset(PHRASAL_REPORT_CUES.values())


def _particle_at(words: list[str], i: int) -> int | None:
    """For a phrasal cue at ``words[i]`` ("pointed", "made"), the index after ``i`` of its
    particle ("out", "clear", or "it clear"), or None when it is not there."""
    particle = PHRASAL_REPORT_CUES[words[i]].rpartition(" ")[2]
    if i + 1 < len(words) and words[i + 1] == particle:
        return 1
    if i + 2 < len(words) and words[i + 1] == "it" and words[i + 2] == particle:
        return 2
    return None


_DET_BEFORE = re.compile(r"\b(?:the|a|an|this|that|these|those|his|her|their|its|our|my|your|of|to|for|and|united|in|on|no|any|every|each)\s+$")


_NOT_BEFORE_CUE = frozenset({
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
    "those", "no", "any", "every", "each", "of", "for", "to", "in", "on", "united",
})
TO_OK = frozenset({"ask", "urge", "want", "plan", "seek", "decide", "promise", "vow", "pledge",
                   "refuse", "decline", "offer", "threaten", "agree", "hope", "expect", "call"})
"""Cue verbs whose content may start with "to" ("urged X to", "declined to comment")."""


def _has_cue(doc: Doc, start: int, end: int) -> bool:
    """Whether ``doc.norm[start:end]`` may hold a cue verb used as one: most sentences have none.

    A cue word right after a determiner or a preposition is a noun ("the report", "of the
    state"); after "to" an infinitive; an "-ing" form counts only after a comma; a verb
    followed by "to" counts only if it can take a "to" clause. This runs before the sentence
    is tokenised, so it must be cheap: the words and commas come from `Doc.words` (split
    from `Doc.letters`, not found by a pattern).
    """
    words = doc.words(start, end)
    if CUE_SET.isdisjoint(words):
        return False
    last = len(words) - 1
    for i, w in enumerate(words):
        if w not in CUE_SET:
            continue
        if w == "according":
            if i < last and words[i + 1] == "to":
                return True
            continue
        prev = words[i - 1] if i else ""
        if prev in _NOT_BEFORE_CUE and not (prev == "to" and i >= 2 and (words[i - 2] in ("on", "went", "continued") or words[i - 2] in _QUICK_TO)):
            continue
        if w.endswith("ing") and prev != "," and prev not in _PROGRESSIVE:
            continue
        if w in PHRASAL_REPORT_CUES and _particle_at(words, i) is None:
            continue  # "made a profit", "pointed to": not the reporting verb
        if i < last and words[i + 1] == "to" and REPORT_CUES[w] not in TO_OK:
            continue
        return True
    return False

NESTING_CUES = {"say", "tell", "claim", "add", "warn", "insist", "argue", "deny", "announce",
                "report", "write", "confirm", "believe", "think", "suggest", "allege", "offer"}
"""Cue verbs that still make a statement inside someone else's reported words."""
_NESTING_FORMS = frozenset(f for f, b in CUE_VERBS.items() if b in NESTING_CUES)
PAST_VERBS = {"spoke", "went", "made", "took", "met", "gave", "left", "came", "got", "held",
              "began", "won", "lost", "sent", "kept", "brought", "ran", "saw", "told", "said"}
BOUNDARY_WORDS = {"to", "for", "of", "about", "on", "with", "by", "in", "at", "from", "as", "and", "or", "but", ",", "."}
MAX_CONTENT_TOKENS = 160
"""Reported content longer than this is cut: no clause runs on that long (and a sentence of
thousands of cue words must not cost time in the square of its length)."""
MIN_CLAUSE_WORDS = 3
MIN_OBJECT_WORDS = 2


_START = attrgetter("start")
_INF = float("inf")

QUOTE_PLACEHOLDER = "\u201c\u201d"
"""Text of the one token that stands for a whole quotation in reported-speech scanning."""


def _outside_quotes(doc: Doc, s: int, e: int, quotes: list[tuple[int, int]]) -> list[Token]:
    """The tokens of the sentence ``[s, e)`` with each quotation folded into one placeholder token.

    Cue verbs inside quotations are the speaker's own words, not reported speech, so the
    quotations' words need not be tokenised at all. The list may be shared: callers must not
    change it.
    """
    if not quotes:
        return doc.sentence_tokens(s, e)
    i = max(0, bisect.bisect_right(quotes, (s, _INF)) - 1)
    inside = [(a, b) for a, b in quotes[i : bisect.bisect_left(quotes, (e, -1), i)] if a < e and b > s]
    if not inside:
        return doc.sentence_tokens(s, e)
    out: list[Token] = []
    pos = s
    for a, b in inside:
        a, b = max(a, s), min(b, e)
        if a > pos:
            out.extend(doc.tokens_near(pos, a))
        out.append(Token.of(a, b, QUOTE_PLACEHOLDER))
        pos = max(pos, b)
    if pos < e:
        out.extend(doc.tokens_near(pos, e))
    return out


def _within_one(ranges: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether ``[s, e)`` lies inside one of the sorted ``ranges`` (to one character)."""
    i = bisect.bisect_right(ranges, (s, _INF)) - 1
    return i >= 0 and ranges[i][0] <= s and e <= ranges[i][1] + 1


def _inside(ranges: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` lies in one of the sorted, non-overlapping ``ranges``."""
    i = bisect.bisect_right(ranges, (offset, _INF)) - 1
    return i >= 0 and ranges[i][0] <= offset < ranges[i][1]


def _content_start(tokens: list[Token], k: int, base: str) -> tuple[int, bool]:
    """Skip the addressee, a venue and "that" after a cue; returns (index, saw_that)."""
    n = len(tokens)
    if k < n and tokens[k].text == ",":
        # a parenthesis before the clause: "did say, and very strongly, that ..."
        for j in range(k + 1, min(n - 1, k + 9)):
            if tokens[j].text == "," and tokens[j + 1].low == "that":
                return j + 2, True
    if base in ADDRESSEE_VERBS and k < n:
        np = np_after(tokens, k)
        if np is not None:
            k = np[1]
        else:
            # "reminds viewers that ...", "warned local fishermen that ...": a few words
            for j in range(k + 1, min(n, k + 4)):
                if tokens[j].low == "that":
                    return j + 1, True
                if not tokens[j].is_word:
                    break
            if (k + 2 < n and tokens[k].low in ONE_TOLD_OPENERS and tokens[k + 1].is_word and not tokens[k + 1].is_cap
                    and tokens[k + 2].low in _PREPOSITIONS and not any(x.low == "to" for x in tokens[k + 3 : k + 10])):
                # "told the nation in a live address": the one told, then a venue (but "warned
                # its citizens in China to keep ..." is what was said)
                k += 2
    # "said in a statement on Tuesday that ...": skip to "that" over venue words
    for j in range(k, min(n, k + 9)):
        t = tokens[j]
        if t.low == "that":
            if all(x.low in VENUE_WORDS or x.is_cap or x.text in (",",) for x in tokens[k:j]):
                return j + 1, True
            break
        if not (t.low in VENUE_WORDS or t.is_cap or t.text == ","):
            break
    if k < n and tokens[k].low in _PREPOSITIONS and tokens[k].low != "to":
        # "tweeted in the early morning hours that ...", "claimed during the divorce that":
        # a phrase of place or time of any words, up to "that"
        for j in range(k + 1, min(n, k + 13)):
            t = tokens[j]
            if t.low == "that":
                return j + 1, True
            if not (t.is_word or t.text == ",") or t.low in FINITE_WORDS or t.low in CUE_SET:
                break
    while k < n and tokens[k].low.endswith("ly") and tokens[k].low not in ("only", "early", "family", "july", "italy"):
        k += 1  # "has said publicly the ..."
    if k < n and tokens[k].low in ("for", "on") and base == "call":
        return k + 1, False  # "called for X", "called on X to"
    # "said in May the plan ...", "said on Tuesday it would ...": skip a short time or venue
    if k < n and tokens[k].low in ("on", "in", "at", "during", "last", "this", "earlier"):
        j = k + 1
        while j < n and j - k <= 4 and (tokens[j].low in TIME_WORDS or tokens[j].text[:1].isdigit()):
            j += 1
        while j > k + 1 and tokens[j - 1].low in DETERMINERS:
            j -= 1  # "said on Tuesday the ferry ...": the determiner opens the content
        if k + 1 < j < n and tokens[j].low not in BOUNDARY_WORDS and not all(x.low in DETERMINERS for x in tokens[k + 1 : j]):
            k = j  # (only a determiner skipped: "said during a debate", a venue, not a time)
    if k < n and tokens[k].text == ",":
        k += 1
    if k < n and tokens[k].low == "that":
        return k + 1, True
    return k, False


def _content_end(tokens: list[Token], k: int) -> int:
    """Index one past the last token of the reported clause starting at ``k``."""
    n = min(len(tokens), k + MAX_CONTENT_TOKENS)
    j = k
    while j < n:
        t = tokens[j]
        if t.text == ";" and j > k:
            break
        if t.text == ":" and j > k and j + 1 < n and tokens[j + 1].text == QUOTE_PLACEHOLDER:
            break  # 'told the press the drugs were only part of it: "..."': the quotation is its own
        if t.text == "," and j + 1 < n:
            nxt = tokens[j + 1]
            if nxt.low in CLAUSE_BREAK_AFTER_COMMA and not (j + 2 < n and tokens[j + 2].low == "that"):
                break  # (", but that ..." goes on reporting)
            if nxt.text in ("who", "which") and not any(x.text == "," for x in tokens[j + 2 : n]):
                break  # "..., who does not need to ...": a relative clause closing the sentence
            if _participle_phrase(tokens, j + 1, n):
                break  # "..., putting them ahead of ...": the writer's framing, not the content
            if nxt.low == "and" and j + 2 < n and tokens[j + 2].low in ("he", "she", "they", "it", "we", "i"):
                break  # ", and he railed against ...": a new clause of the narrative
            if nxt.low == "and" and _subject_and_cue(tokens, j + 2, n):
                break  # ", and the harbour board opposed the levy": another speaker's clause
            if nxt.low in CUE_VERBS and (not nxt.low.endswith("ing") or nxt.low in SPEECH_VERBS):
                # "Barkley, who said he votes, said ...": the relative clause ends; "...,
                # claiming a right to ...": another statement begins
                break
            if nxt.low.endswith("ly") or nxt.low in ("further", "also", "then", "later"):
                if j + 2 < n and tokens[j + 2].low in CUE_VERBS and tokens[j + 2].low.endswith("ing"):
                    break  # ", further saying, ..."
            # ", they said Sunday": a cue closing the clause
            for m in range(j + 1, min(n, j + 5)):
                if tokens[m].low in CUE_VERBS and not tokens[m].low.endswith("ing") and (
                    tokens[m - 1].low in ("he", "she", "they", "it", "we") or tokens[m - 1].is_cap
                ):
                    return _trim(tokens, k, j)
                if not tokens[m].is_word:
                    break
        if t.low == "and" and j + 1 < n and j > k + 2 and (
            tokens[j + 1].low in PAST_VERBS or tokens[j + 1].low.endswith("ed") and tokens[j + 1].low not in ("based", "related", "need", "seed", "united")
        ):
            break  # "urged the embassy to reconsider and spoke with ..."
        if t.low in ("and", "but") and j + 1 < n:
            m = j + 1
            while m < n and (tokens[m].low.endswith("ly") or tokens[m].low in ("also", "then", "later")):
                m += 1
            if m < n and tokens[m].low in CUE_VERBS and (tokens[m].low.endswith(("ed", "s")) or tokens[m].low in PAST_VERBS or tokens[m].low == "wrote"):
                break
        j += 1
    return _trim(tokens, k, j)


_NOT_PARTICIPLES = frozenset({"including", "according", "nothing", "something", "anything", "everything",
                              "morning", "evening", "thing", "king", "spring", "during", "being"})


def _participle_phrase(tokens: list[Token], k: int, n: int) -> bool:
    """Whether a participle phrase opens at ``k`` ("putting them ahead", "leading to ..."):
    an "-ing" word with no finite verb after it before the next comma (with one, it is the
    subject of a clause: "wearing a mask would become compulsory")."""
    t = tokens[k]
    if not (t.low.endswith("ing") and t.is_word and not t.is_cap) or t.low in _NOT_PARTICIPLES:
        return False
    if k + 1 < n and tokens[k + 1].low in ("and", "or", ",", "but"):
        return False  # "a kind, loving and admirable person": adjectives in a list
    for m in range(k + 1, min(n, k + 10)):
        x = tokens[m]
        if x.text in (",", ";"):
            break
        if x.low in FINITE_WORDS:
            return False
    return True


def _subject_and_cue(tokens: list[Token], k: int, n: int) -> bool:
    """Whether a few words from ``k`` then a finite cue verb follow ("the board opposed")."""
    for m in range(k + 1, min(n, k + 5)):
        t = tokens[m]
        if not t.is_word or t.low in ("to", "who", "which", "that"):
            return False
        if t.low in CUE_SET and not t.low.endswith("ing") and t.low != "according":
            return True
    return False


def _trim(tokens: list[Token], k: int, j: int) -> int:
    """Drop closing punctuation (not a closing quotation mark that has its opener)."""
    while j > k and tokens[j - 1].text in (".", ",", ":", "!", "?", '"', "'", "—", "–") and not (
        tokens[j - 1].text == '"' and any(x.text == '"' for x in tokens[k : j - 1])
    ):
        j -= 1
    return j


def rule_reported(doc: Doc) -> None:
    """Find reported speech in every paragraph; a paragraph that fails is skipped."""
    direct = doc.direct_ranges()
    for p, para in enumerate(doc.paragraphs):
        try:
            _paragraph(doc, p, para.start, para.end, direct.between(para.start, para.end))
        except (IndexError, ValueError) as exc:
            doc.errors.append(f"paragraph {p}: reported speech failed: {exc}")


def _paragraph(doc: Doc, p: int, start: int, end: int, quotes: list[tuple[int, int]]) -> None:
    for s, e in doc.sentences(p):
        if quotes and _within_one(quotes, s, e) or not _has_cue(doc, s, e):
            continue  # inside a quotation, or no cue word at all
        tokens = _outside_quotes(doc, s, e, quotes)
        last_subject: tuple[int, int] | None = None
        taken_until = -1
        inside_until = -1
        for c in [x for x, tk in enumerate(tokens) if tk.low in CUE_SET]:
            t = tokens[c]
            if c <= taken_until or quotes and _inside(quotes, t.start):
                continue
            if t.low == "according":
                if c + 1 < len(tokens) and tokens[c + 1].low == "to":
                    made = _according_to(doc, p, tokens, c)
                    if made is not None:
                        taken_until = made
                continue
            base = REPORT_CUES[t.low]
            if t.is_cap and c > 0 and not (base in HEADLINE_CUES and _title_case(tokens)):
                continue  # a name ("Said Hassan"), unless the line is a headline ("X Says Y")
            if c < inside_until and base not in NESTING_CUES:
                continue  # a verb inside reported content ("said Clinton will address ...")
            made_until = _cue(doc, p, tokens, c, base, quotes, last_subject)
            if made_until is not None:
                taken_until, last_subject = made_until
                made = doc.candidates[-1]
                inside_until = max(inside_until, bisect.bisect_left(tokens, made.end, key=_START))
                # a cue word between this cue and its content is part of the venue ("comments,
                # alongside a report, that ..."), not a cue of the same content
                taken_until = max(taken_until, bisect.bisect_left(tokens, made.start, key=_START) - 1)


HEADLINE_CUES = frozenset({"say", "tell", "warn", "claim", "urge", "deny", "admit", "insist", "vow", "predict"})


def _title_case(tokens: list[Token]) -> bool:
    """Whether a sentence is written in title case, as headlines are ("Mayor Says Bridge
    Will Open"): at least three quarters of its words capitalised, and at least four."""
    words = [t for t in tokens if t.is_word and t.text[:1].isalpha()]
    caps = sum(1 for t in words if t.is_cap)
    return len(words) >= 4 and caps * 4 >= len(words) * 3


def _emit(doc: Doc, p: int, tokens: list[Token], content: tuple[int, int], cue: tuple[int, int],
          mention: tuple[int, int] | None, rule: str, quotes: list[tuple[int, int]]) -> bool:
    a, b = content
    if b <= a:
        return False
    start, stop = tokens[a].start, tokens[b - 1].end
    if quotes and _mostly_quoted(doc, quotes, start, stop):
        return False
    doc.candidates.append(Candidate(
        "indirect", start, stop, p, rule,
        cue=(tokens[cue[0]].start, tokens[cue[1] - 1].end),
        mention=None if mention is None else (tokens[mention[0]].start, tokens[mention[1] - 1].end),
    ))
    return True


def _mostly_quoted(doc: Doc, quotes: list[tuple[int, int]], start: int, stop: int) -> bool:
    """Whether the content ``[start, stop)`` is mostly direct quotation, already statements."""
    # the quotations overlapping the content (quotes are sorted and do not overlap)
    i = max(0, bisect.bisect_right(quotes, (start, _INF)) - 1)
    j = bisect.bisect_left(quotes, (stop, -1), i)
    near = quotes[i:j]
    if start < stop and doc.norm[start] == '"' and any(q[0] == start and stop - q[1] < q[1] - q[0] for q in near):
        # the content is a direct quotation, already a statement, and less after it than
        # the quotation itself (a translation or a remark: 'X said, "..." (in Hindi: ...)')
        return True
    quoted = sum(min(stop, q[1]) - max(start, q[0]) for q in near if q[0] < stop and q[1] > start)
    return quoted > 0.8 * (stop - start)


def _words(tokens: list[Token], a: int, b: int, enough: int = 8) -> int:
    """Words in ``tokens[a:b]``, counting no further than ``enough``."""
    n = 0
    for i in range(a, b):
        if tokens[i].is_word:
            n += 1
            if n >= enough:
                break
    return n


PARTICIPLE_VENUE = frozenset({"in", "by", "on", "at", "last", "this", "earlier", "online"})
"""Things that are published rather than speak: an "-ed" cue after one is a participle."""


def _issued(tokens: list[Token], j: int) -> bool:
    """Whether token ``j`` is a participle after a document ("a statement released by"), not a
    cue of its own."""
    return j > 0 and tokens[j].low in PUBLISHED and tokens[j - 1].low in DOCUMENT_NOUNS


def _source_phrase(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """What follows "according to": a noun phrase, else the words up to the next comma."""
    np = np_after(tokens, i)
    j = i
    while j < len(tokens) and j - i < 15 and tokens[j].text not in (",", ".", ";", "!", "?", '"', "(", ")", "—"):
        if tokens[j].low in ("which", "who", "whom", "where", "that") or tokens[j].low in CUE_SET and not _issued(tokens, j):
            # "according to a report on March 3 in which they said ...": a clause of its own
            if j > i and tokens[j - 1].low in ("in", "of", "for", "to", "on", "by", "with"):
                j -= 1
            break
        j += 1
    if np is not None and np[1] < j and tokens[np[1]].low in ("and", "&") and all(t.is_word or t.text == "&" for t in tokens[np[1] : j]):
        return (i, j)  # "according to Reuters and NBC,"
    if np is not None and (np[1] >= j or tokens[np[1]].low not in ("of", "from", "by", "conducted", "published", "released")):
        return np
    return (i, j) if j > i and any(t.is_word for t in tokens[i:j]) else np


def _name_in_commas(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """A name of two to four capitalised words from ``i``, closed by a comma (an apposition
    naming the one just mentioned: "the harbour master, Tomas Brel, said")."""
    j = i
    while j < len(tokens) and j - i < 4 and tokens[j].is_cap and tokens[j].is_word:
        j += 1
    if j - i >= 2 and j < len(tokens) and tokens[j].text == ",":
        return (i, j)
    return None


def _according_to(doc: Doc, p: int, tokens: list[Token], c: int) -> int | None:
    np = _source_phrase(tokens, c + 2)
    if np is None:
        return None
    after = np[1]
    # "according to data from the Gun Violence Archive": the source is in the phrase
    if after + 1 < len(tokens) and tokens[after].low in ("from", "of", "by") and tokens[after - 1].low in SOURCE_DOCUMENTS:
        inner = with_possessed_head(tokens, after + 1, np_after(tokens, after + 1))
        if inner is not None:
            np = (np[0], inner[1])
            after = inner[1]
    # "CLAUSE, according to X." (an apposition after X is not the content)
    closes = after >= len(tokens) or tokens[after].text in (".", "!", "?", ";") or tokens[after].low in ("on", "in", "at")
    if c > 0 and (tokens[c - 1].text == "," or c > 4 and closes):
        a = 0
        b = c - 1
        if _words(tokens, a, b) >= MIN_CLAUSE_WORDS:
            _emit(doc, p, tokens, (a, b), (c, c + 2), np, "reported.according_to", [])
        return np[1]
    # "According to X, CLAUSE"
    if after < len(tokens) and tokens[after].text == ",":
        named = _name_in_commas(tokens, after + 1)
        if named is not None and tokens[np[1] - 1].low in ROLE_NOUNS:
            np, after = named, named[1]  # "according to the harbour master, Tomas Brel, ...": the name
        a = after + 1
        b = _content_end(tokens, a)
        if _words(tokens, a, b) >= MIN_CLAUSE_WORDS and _emit(doc, p, tokens, (a, b), (c, c + 2), np, "reported.according_to", []):
            return b
    return None


def _cue(doc: Doc, p: int, tokens: list[Token], c: int, base: str, quotes: list[tuple[int, int]],
         last_subject: tuple[int, int] | None) -> tuple[int, tuple[int, int] | None] | None:
    t = tokens[c]
    width = 1
    if base in _PHRASAL_BASES:
        after = _particle_at([x.low for x in tokens[c : c + 3]], 0)
        if after is None:
            return None  # "pointed to the figures", "made a profit": another verb
        width = after + 1
    prev = tokens[c - 1] if c else None
    went_on = prev is not None and prev.low == "to" and c > 1 and tokens[c - 2].low in ("on", "continued", "proceeded", "went")
    quick_to = (prev is not None and prev.low == "to" and c > 2 and tokens[c - 2].low in _QUICK_TO
                and tokens[c - 3].low in BE)  # "Trump was quick to add that ..."
    went_on = went_on or quick_to
    if prev is not None and not went_on and (
        prev.low in DETERMINERS or prev.text == "'s" or _possessive(prev) or prev.low in ("to", "of", "for")
        or prev.text in ("press", "news") or t.low in ("state", "states") and prev.is_cap
        or t.low in _PARTICIPLES_ONLY and prev.low not in _HAVE_OR_BE
    ) and not (quantifier_subject(tokens, c - 1) and not t.low.endswith("s")):
        # (a possessive: "Calderon's remarks", "Trump's support"; a name: "Ohio State")
        # (after "some", "many" the verb has no "-s": "Some estimates put ..." is a noun)
        return None  # a noun ("the claim", "his report", "a press release") or an infinitive
    if prev is not None and t.low.endswith("ed") and prev.low in DOCUMENT_NOUNS and (
        t.low in PUBLISHED or c + 1 < len(tokens) and (tokens[c + 1].low in PARTICIPLE_VENUE or tokens[c + 1].low in LEXICON_TIME_WORDS)
    ):
        return None  # "findings published Tuesday", "the report released by": a participle
    if prev is not None and prev.low in BE and t.low.endswith(("ed", "id", "ld", "wn", "en", "ht")):
        if base in ("expect", "believe", "think", "say") and c + 1 < len(tokens) and tokens[c + 1].low == "to":
            # "Sanders is expected to win": an expectation with no named source
            subject = np_before(tokens, c - 1)
            if subject is not None:
                b = _content_end(tokens, subject[0])
                if b > c + 2 and _emit(doc, p, tokens, (subject[0], b), (c - 1, c + 1), None, "reported.expected", quotes):
                    return b, None
        return None  # passive: "it was reported"
    rule = "reported.cue_clause"
    progressive = t.low.endswith("ing") and prev is not None and prev.low in _PROGRESSIVE
    if t.low.endswith("ing") and not progressive:
        if prev is None or prev.text != ",":
            return None
        subject = last_subject or _sentence_subject(tokens, c)
        rule = "reported.participle"
    else:
        # "X continued to insist", "X went on to say": the subject stands before the verb
        subject = np_before(tokens, (c - 3 if tokens[c - 2].low == "on" or quick_to else c - 2) if went_on else c)
        if subject is not None and tokens[subject[0]].low in ("who", "which") and subject[0] > 1 and tokens[subject[0] - 1].text == ",":
            subject = np_before_plain(tokens, subject[0] - 1, 0)  # "Jane Roe, who led it, said"
        if subject is None and prev is not None and prev.low in ("who", "which") and c > 2 and tokens[c - 2].text == ",":
            subject = np_before_plain(tokens, c - 2, 0)  # "according to police, who said"
        if subject is None:
            subject = _opening_subject(tokens, c)
        if subject is None:
            k = c
            while k > 0 and (tokens[k - 1].low.endswith("ly") or tokens[k - 1].low in ("also", "then", "later", "has", "had", "have")):
                k -= 1
            if k > 0 and tokens[k - 1].low in ("and", "but") and last_subject is not None:
                subject = last_subject
            elif k > 1 and tokens[k - 1].low == "and" and tokens[k - 2].is_word:
                # "The embassy declined the request and said ...": the sentence's subject
                subject = _sentence_subject(tokens, c)
                if subject is None:
                    return None
            else:
                return None
    # "CLAUSE, X said." — the cue and its subject close the sentence
    k = c + width
    if subject is not None and subject[0] > 1 and tokens[subject[0] - 1].text != ",":
        # "CLAUSE, a harbour official told reporters": the words between the comma and the
        # noun phrase's head belong to the subject
        m = subject[0]
        while m > 1 and subject[0] - m < 4 and tokens[m - 1].is_word and tokens[m - 1].low not in NOT_IN_SUBJECT:
            m -= 1
        if tokens[m - 1].text == "," and m < subject[0] and not any(t.low in CUE_SET for t in tokens[m : subject[0]]):
            subject = (m, subject[1])
    tail = None
    if subject is not None and subject[0] > 0 and tokens[subject[0] - 1].text == ",":
        tail = _tail_end(tokens, k)
        if tail is None and base in ADDRESSEE_VERBS:
            # "..., the mayor told the council on Monday.": the one told, then the tail
            told = np_after(tokens, k)
            if told is not None:
                j = told[1]
                while j < min(len(tokens), told[1] + 3) and tokens[j].is_word and tokens[j].low not in BOUNDARY_WORDS and tokens[j].low not in TIME_WORDS:
                    j += 1  # the rest of the one told: "a Senate panel"
                tail = _tail_end(tokens, j)
    if tail is not None:
        a, b = 0, subject[0] - 1  # type: ignore[index]
        if _words(tokens, a, b) >= MIN_CLAUSE_WORDS and not _inside(quotes, tokens[0].start):
            if _emit(doc, p, tokens, (a, b), (c, c + 1), subject, "reported.cue_after", quotes):
                return tail, subject
        return None
    # "CLAUSE, said X."
    if prev is not None and prev.text == "," and c > 1:
        np = np_after(tokens, k)
        tail = _tail_end(tokens, np[1]) if np is not None else None
        if tail is not None:
            a, b = 0, c - 1
            if _words(tokens, a, b) >= MIN_CLAUSE_WORDS and not _inside(quotes, tokens[0].start):
                if _emit(doc, p, tokens, (a, b), (c, c + 1), np, "reported.cue_after", quotes):
                    return tail, np
            return None
    a, saw_that = _content_start(tokens, k, base)
    if saw_that and a < len(tokens) and tokens[a].text == ",":
        # "assured people that, for the release, no ransom was paid": past the parenthesis
        close = next((j for j in range(a + 1, min(len(tokens), a + 16)) if tokens[j].text == ","), None)
        a = close + 1 if close is not None else a + 1
    if a >= len(tokens) or not any(x.is_word for x in tokens[k : k + 12]):
        return None
    first = tokens[a]
    if not saw_that and first.low in FINITE_WORDS and (
        t.low in NOUN_LIKE_CUES or t.low in NOUN_CUE_FORMS or a == k and t.low.endswith("s") and t.low != "says"
    ):
        # "the weapons charges are important", "the report will show", "the bomb blasts have
        # sent": a noun ("which he said would cost" is a verb: its form is no plural)
        return None
    if (not saw_that and a == k + 1 and tokens[k].text == "," and first.low in SUBORDINATORS
            and a + 1 < len(tokens) and tokens[a + 1].low.endswith("ing")):
        return None  # '"...," he said, when talking to his daughter': when, not what
    if not saw_that and a == k + 1 and tokens[k].text == "," and first.low.endswith("ing") and first.low not in CUE_SET:
        return None  # '"...," she said, taking a break': a participle, not what was said
    if t.low in ("state", "states") and not saw_that and not (first.low in ("he", "she", "they", "it", "we", "i", "the", "a", "an", "his", "her", "their", "its") or first.is_cap):
        return None  # "member states met", "a report published Wednesday"
    if first.low in _PARTICLES and not saw_that:
        return None  # "the rosters add up to", "called off the strike": another verb
    if (base in _NOT_SPEECH_WITH_OBJECT and not saw_that and first.low not in FINITE_WORDS
            and not (first.low == "to" and base in TO_OK) and not _finite_clause(tokens, a, len(tokens))):
        return None  # "concluded an agreement", "assumed control", "released a statement"
    if first.low in _PREPOSITIONS and not saw_that:
        if base in TO_OK:
            pass  # "urged X to", "wants to", "declined to comment"
        else:
            return None
    b = _content_end(tokens, a)
    if subject is not None and _opens_subordinate_clause(tokens, subject[0]):
        # "While Anna Berg said the plan was fair, critics ...": the clause ends at its comma
        comma = next((j for j in range(a, b) if tokens[j].text == ","), b)
        b = _trim(tokens, a, comma)
    to_clause = first.low == "to" and base in TO_OK
    needed = MIN_OBJECT_WORDS if (base in OBJECT_VERBS or base in ("ask", "urge", "want") or to_clause) else MIN_CLAUSE_WORDS
    if base in BELIEF_VERBS and not saw_that and not to_clause and first.low not in ("he", "she", "they", "it", "we", "i", "there") and not first.is_cap:
        if base not in OBJECT_VERBS and not _finite_clause(tokens, a, b):
            return None
    if base in JUDGING_VERBS and b == a + 1 and first.is_cap and first.is_word:
        needed = 1  # "Reid blasted Rubio": a person or a body judged
    if _words(tokens, a, b) < needed:
        return None
    if _emit(doc, p, tokens, (a, b), (c, c + 1), subject, rule, quotes):
        return c, subject
    return None


FINITE_WORDS = frozenset({"is", "are", "was", "were", "will", "would", "can", "could", "should", "may",
                          "might", "must", "has", "have", "had", "does", "did", "won't", "isn't",
                          "wasn't", "aren't", "weren't", "doesn't", "didn't", "can't", "wouldn't"})


def _finite_clause(tokens: list[Token], a: int, b: int) -> bool:
    """Whether ``tokens[a:b]`` opens with a clause: a subject of a few words, then a finite
    verb ("think the tax will never apply", "hope this is a passing phase"), not a noun
    phrase ("expect the worst")."""
    if tokens[a].low in ("what", "where", "when", "who", "how", "why", "whether", "which", "if"):
        return False  # "did not know what day it was": a question, not a view held
    for j in range(a + 1, min(b, a + 7)):
        t = tokens[j]
        if t.low in FINITE_WORDS:
            return True
        if not t.is_word:
            return False
    return False


SUBORDINATORS = frozenset({"while", "when", "whenever", "although", "though", "because", "if", "after",
                           "before", "since", "as", "once", "whereas", "unless", "until"})


def _opens_subordinate_clause(tokens: list[Token], subject_start: int) -> bool:
    """Whether the subject at ``subject_start`` follows a conjunction that opens the sentence
    with a subordinate clause ("While X said ...", "But when X said ...")."""
    i = subject_start - 1
    if i < 0 or tokens[i].low not in SUBORDINATORS:
        return False
    return i == 0 or i == 1 and tokens[0].low in ("but", "and", "yet", "so", "ever", "even", "just", "only")


_PARTICIPLES_ONLY = frozenset({"written"})
"""A cue form that is only ever a participle: with no "has" or "was" before it, it qualifies a
noun ("a letter by Fitzgerald, written January 23")."""
_HAVE_OR_BE = frozenset({"has", "have", "had", "having", "is", "are", "was", "were", "be", "been", "being", "'s", "'ve"})

_CONTRACTIONS = frozenset({"he's", "she's", "it's", "that's", "who's", "there's", "what's", "here's", "where's",
                           "how's", "let's", "one's"})


def _possessive(tok: Token) -> bool:
    """A word with a possessive ending ("Calderon's", "workers'"), not a contraction ("he's")."""
    return tok.low.endswith(("'s", "s'")) and len(tok.low) > 2 and tok.low not in _CONTRACTIONS


_PROGRESSIVE = frozenset({"is", "are", "was", "were", "been", "am", "'s", "'re"})
"""Before an "-ing" cue, a finite verb of the progressive: "The groups are asking X to ..."."""

_QUICK_TO = frozenset({"quick", "eager", "careful", "keen", "swift", "happy", "glad", "willing", "anxious", "fast"})
"""Adjectives before "to" and a cue whose subject is the speaker ("was quick to add that")."""

_PARTICLES = frozenset({"up", "off", "down", "away", "over"})
"""Particles after a cue verb that make it another verb ("add up to", "call off"); not "out"
or "back", which keep it speech ("laid out", "hit back")."""

_NOT_SPEECH_WITH_OBJECT = frozenset({"conclude", "assume", "maintain", "add"})
"""Cue verbs that report only with a clause: with a noun phrase they mean something else
("concluded an agreement", "assumed control", "maintained an account", "the rosters add
fourteen hours")."""

_PREPOSITIONS = frozenset({"to", "for", "of", "about", "on", "with", "by", "in", "at", "from", "as", "into",
                           "during", "after", "before", "under", "over", "through", "across", "near",
                           "onto", "upon", "among", "without", "within", "like", "inside", "outside"})
"""Words that open a phrase of place, time or manner after a cue, not reported content."""


JUDGING_VERBS = frozenset({"criticize", "criticise", "praise", "condemn", "oppose", "support", "endorse",
                           "defend", "blast", "attack", "slam", "hail", "applaud", "bash", "denounce",
                           "lambast", "laud", "blame", "accuse"})
"""Verbs whose object may be one name ("blasted Rubio", "endorsed Biden")."""
NOT_IN_SUBJECT = frozenset({
    "is", "was", "were", "are", "has", "have", "had", "will", "would", "can", "could", "should",
    "may", "might", "must", "do", "does", "did", "that", "which", "who", "whom", "whose", "and",
    "or", "but", "if", "when", "while", "because", "as", "since", "it", "there", "this", "not",
    "though", "although", "whereas", "unless", "until", "even", "yet", "so",
}) | SUBORDINATORS
"""Words that show the words before a cue are a clause, not its subject ("the ban, after the
station agreed ...")."""
MAX_OPENING_SUBJECT = 10
NOUN_CUE_FORMS = frozenset({"hopes", "fears", "questions", "notes", "orders", "calls", "charges",
                            "remarks", "comments", "offers", "demands", "promises", "threats",
                            "pledges", "plans", "findings"})
"""Cue forms that are more often nouns ("the campaign's plans", "an hourlong show")."""
LEAD_IN_WORDS = frozenset({"in", "on", "at", "following", "after", "before", "during", "despite",
                           "with", "for", "from", "under", "since", "though", "although", "yet",
                           "then", "when", "while", "as", "by", "to", "of", "if", "once", "a",
                           "an"})
PARTICIPLE_NEXT = frozenset({"to", "with", "by", "in", "at", "for", "on", "as", "were", "was", "is",
                             "are", "from", "under", "into"})
NOUN_MARKERS = frozenset({"the", "a", "an", "another", "this", "that", "its", "his", "her", "their",
                          "our", "new", "latest", "earlier", "separate", "official", "joint"})
NOT_A_HEAD = LEAD_IN_WORDS | DETERMINERS | {"the", "about", "into", "over", "against"}


def _opening_subject(tokens: list[Token], c: int) -> tuple[int, int] | None:
    """The words from the start of the clause to the cue, when they can only be its subject.

    For subjects the noun-phrase reader does not know ("Harbour engineers say", "Some
    say", "Organizers of the protest said", "..., and harbour engineers say"): the clause
    opens the sentence or follows ", and" / ", but"; at most ten tokens, words only (a
    possessive or a hyphen allowed), none of them a verb form, conjunction or other cue.
    """
    k = c
    while k > 0 and (tokens[k - 1].low in ADVERBS_BEFORE_CUE or tokens[k - 1].low in ("here", "there")):
        k -= 1
    start = k
    while start > 0 and (tokens[start - 1].is_word or tokens[start - 1].text in ("'s", "-")) and tokens[start - 1].low not in ("and", "but"):
        start -= 1
    if start > 0:
        # only a clause joined by ", and" / ", but"
        if not (start >= 2 and tokens[start - 1].low in ("and", "but") and tokens[start - 2].text == ","
                or start == 1 and tokens[0].low in ("and", "but")):  # (or a sentence opening "But few ...")
            return None
    if k == start or k - start > MAX_OPENING_SUBJECT or start == 0 and not tokens[0].is_cap:
        return None
    cue = tokens[c].low
    if cue in NOUN_LIKE_CUES or cue in NOUN_CUE_FORMS or cue.endswith("ing"):
        return None  # "The new notes come ...", "initial reports": not a cue
    after = tokens[c + 1].low if c + 1 < len(tokens) else ""
    if (cue.endswith("ed") or cue in ("found", "seen", "known", "told")) and after in PARTICIPLE_NEXT:
        return None  # "The measure expected to face ...", "The men charged were ...": a participle
    first, head = tokens[start], tokens[k - 1]
    if first.low in LEAD_IN_WORDS or head.low in NOT_A_HEAD or head.low.endswith(("ly", "'s")):
        return None  # "In a message posted ...", "despite repeated ..."
    for n in range(start, k):
        t = tokens[n]
        if t.low in NOT_IN_SUBJECT:
            return None
        if t.low in CUE_SET and not (n > start and (tokens[n - 1].low in NOUN_MARKERS or t.low in NOUN_LIKE_CUES and tokens[n - 1].is_word)):
            # another verb of saying; after "the", "another" it is a noun ("Another report"),
            # as is a noun-like form after another word ("Critics of the harbour plan say")
            return None
    return (start, k)


def _tail_end(tokens: list[Token], k: int) -> int | None:
    """Where the cue phrase's tail ends, if only a venue, a time or punctuation is left
    from ``k`` to the end of the sentence or to a following clause; None if more is.

    A clause after a comma ("..., the union announced on Monday, after talks broke down",
    "..., records show, and experts say ...") is not part of the tail: the index returned
    is where it starts, so the rest of the sentence can still be read.
    """
    rest = tokens[k : k + 40]
    if len(tokens) - k > 40 and not any(x.text == "," for x in rest):
        return None
    if any(x.text == QUOTE_PLACEHOLDER for x in rest):
        return None  # 'In an interview, Day said, "..."': the cue introduces a quotation
    end = len(tokens)
    for m, x in enumerate(rest):
        if x.text in ("—", "–") or x.text in (",", ";") and m + 1 < len(rest) and rest[m + 1].low in (
            "after", "as", "when", "while", "before", "because", "since", "following", "amid", "but", "and", "which", "who"
        ):
            rest = rest[:m]
            end = k + m
            break
    words = [x for x in rest if x.is_word]
    if not words:
        return end
    if len(words) <= 6 and all(x.low in VENUE_WORDS or x.is_cap or x.low in ("told", "reporters", "by", "via", "phone", "telephone") for x in words):
        return end
    return None


def _sentence_subject(tokens: list[Token], c: int) -> tuple[int, int] | None:
    for s in range(0, min(c, 24)):
        if s == 0 or tokens[s - 1].text == ",":
            np = np_after(tokens, s, c)
            if np is not None and np[1] < c:
                return np
    return None


def rule_reported_in_quotes(doc: Doc) -> None:
    """Reported speech inside a quotation (``"... Putin did say that he will respond"``).

    Only verbs of saying with their subject inside the same quotation count; the statement
    gets the quotation as its parent.
    """
    for q in [c for c in doc.candidates if c.kind == "direct" and c.end - c.start > 20]:
        low = doc.norm[q.start : q.end].lower()
        if " that " not in low or _NESTING_FORMS.isdisjoint(doc.words(q.start, q.end)):
            continue  # no "... say(s) that ..." to look at
        try:
            tokens = doc.tokens_in(q.start, q.end)
            for c, t in enumerate(tokens):
                base = CUE_VERBS.get(t.low)
                if base is None or base not in NESTING_CUES or t.is_cap or c < 1:
                    continue
                if not (c + 1 < len(tokens) and tokens[c + 1].low == "that") and not (
                    c + 2 < len(tokens) and tokens[c + 1].text == "," and tokens[c + 2].low in ("and", "very")
                ):
                    continue  # only an explicit "X did say that ...", the rest is the speaker's own words
                before = len(doc.candidates)
                made = _cue(doc, q.para, tokens, c, base, [], None)
                if made is not None and len(doc.candidates) > before:
                    inner = doc.candidates[-1]
                    inner.rule = "reported.in_quotation"
                    inner.parent = q
        except (IndexError, ValueError) as exc:
            doc.errors.append(f"paragraph {q.para}: reported speech in a quotation failed: {exc}")


_GUESSED_DIRECT = frozenset({"direct.embedded", "direct.colon_subject"})
"""Direct rules whose speaker is a guess from the sentence, or missing."""


def rule_quoted_in_reported(doc: Doc) -> None:
    """A quotation inside reported speech is that speech's speaker's.

    ``X praised the crew and said the storm was "the worst in forty years"``, ``According to
    X, the letter helps the case: "..."``: the quoted words are part of what X is reported to
    have said, so a quotation with no speaker of its own (or only the sentence's subject,
    which here is the reported clause's) takes X.
    """
    reported = [c for c in doc.candidates if c.kind == "indirect" and c.mention is not None and c.parent is None]
    if not reported:
        return
    around = reported_around(reported, doc.norm)
    for q in doc.candidates:
        if q.kind != "direct" or q.rule not in _GUESSED_DIRECT or (q.rule == "direct.embedded" and q.mention is not None):
            continue
        holder = around(q)
        if holder is not None:
            q.mention, q.cue = holder.mention, holder.cue
            q.rule = "direct.in_reported"
