"""Rules that attach a cue and a speaker mention to each direct quotation.

``direct.cue_after``   "...," said X / "...," X said / "...?" she asked.
``direct.cue_before``  X said: "..." / X wrote on Truth Social: "..." / According to X, "..."
``direct.interrupted`` "A," he said, "B." — B joins A's group and speaker.
``direct.embedded``    a short quotation inside someone else's sentence is not a statement of
                       its own (reported speech covers it); it is dropped here.
"""

from __future__ import annotations

import bisect
import re
from itertools import islice

from tuireader.extraction.doc import Candidate, Doc
from tuireader.extraction.lexicon import (
    CUE_VERBS,
    NUMBER_WORDS,
    PHRASAL_QUOTE_CUES,
    PRONOUNS,
    QUOTE_CUES,
    SPEECH_VERBS,
    TIME_WORDS,
)
from tuireader.extraction.phrases import (
    ADVERBS_BEFORE_CUE,
    DETERMINERS,
    ONE_TOLD_OPENERS,
    is_pronoun,
    np_after,
    np_before,
    unknown_np_after,
    with_issuer,
    with_possessed_head,
)
from tuireader.extraction.tokens import TOKEN, WORD, Token, tokenize

LEAD_PUNCT = {",", ".", "!", "?", "—", "–", "-", "―", ";", ":", "…"}
DASHES = {"—", "–", "-", "―", "--"}
LABEL_VERBS = frozenset({"call", "called", "calls", "calling", "dubbed", "dubs", "termed", "terms",
                         "labelled", "labeled", "branded", "likened", "likens", "described",
                         "describes", "describing", "characterized", "characterised",
                         "characterizing", "headlined", "titled"})
"""Verbs that give something a label ("called the plan "a mess"")."""
NAMING_VERBS = LABEL_VERBS | {"chanted", "chanting", "sang", "sings", "singing", "shouted", "shouting",
                              "typed", "tweeted", "tweeting", "posted", "wrote", "writing"}
"""Verbs that may govern a quotation inside their sentence: labels, and words sung,
shouted or written."""
MIN_UNATTRIBUTED_WORDS = 4
"""A quotation shorter than this with no cue is a scare quote or a title, not a statement."""
_WORD_RUN = re.compile(WORD)
"""A word as the tokenizer counts one, for counting without making tokens."""


def _verb_at(tokens: list[Token], c: int) -> bool:
    """Whether the cue word at ``c`` is used as a verb, not a noun ("the attack")."""
    if c == 0:
        return True
    prev = tokens[c - 1]
    if prev.low in NUMBER_WORDS and c > 1 and tokens[c - 2].low == "of":
        return True  # "the mother of three replied": a number ending the subject
    return not (prev.low in DETERMINERS or prev.text == "'s" or prev.low in ("of", "for"))


def _is_quote_cue(tok: Token) -> bool:
    low = tok.low
    return low in QUOTE_CUES or (low in SPEECH_VERBS and not low.endswith("ing"))


def _cue_width(tokens: list[Token], c: int) -> int:
    """How many tokens a quotation cue takes at ``c``: 1 ("said"), 2 ("shot back"), else 0."""
    if c + 1 < len(tokens) and PHRASAL_QUOTE_CUES.get(tokens[c].low) == tokens[c + 1].low:
        return 2
    return 1 if _is_quote_cue(tokens[c]) else 0


_CUE_WORDS = frozenset(QUOTE_CUES).union(SPEECH_VERBS, PHRASAL_QUOTE_CUES)
"""Every word `_cue_width` can find a cue at."""


def _possessive_name(tok: Token) -> bool:
    """A capitalised possessive opening a phrase ("Lind's" in "Lind's former aide said")."""
    return tok.is_cap and tok.low.endswith("'s") and len(tok.low) > 2


def cue_after(tokens: list[Token], sentence_ended: bool = False, quote_follows: bool = False) -> tuple[tuple[int, int], tuple[int, int] | None, int] | None:
    """Find ``said X`` or ``X said`` at the start of the text after a quotation.

    Args:
        tokens: Tokens between the closing mark and the next quotation or paragraph end.

    Returns:
        (cue token range, mention token range or None, index after the cue phrase), or None.
    """
    i = 0
    while i < len(tokens) and tokens[i].text in LEAD_PUNCT:
        i += 1
    if i >= len(tokens):
        return None
    # according to X
    if tokens[i].low == "according" and i + 1 < len(tokens) and tokens[i + 1].low == "to":
        np = np_after(tokens, i + 2)
        if np:
            np = with_issuer(tokens, np)
            return (i, i + 2), np, np[1]
        return None
    if _is_quote_cue(tokens[i]):
        j = i + 1
        # "said of X", "said in a statement": skip to a noun phrase only if it starts here
        np = with_possessed_head(tokens, j, np_after(tokens, j))
        if np is not None:
            np = with_issuer(tokens, _with_apposed_name(tokens, np))
        else:
            np = unknown_np_after(tokens, j)  # '"...," said the ruling.'

        if np and (not sentence_ended or _ends_clause(tokens, np[1])):
            return (i, i + 1), np, np[1]
        return None
    # X said: the cue within the next few tokens, with a noun phrase from i to it
    for c in range(i + 1, min(len(tokens), i + 24)):
        t = tokens[c]
        if t.text in ('"', "!", "?", ";"):
            break
        if t.text == "." and not (c + 1 < len(tokens) and tokens[c + 1].text in (",", ")")):
            break  # a sentence end, not "R-Ky.," or "(D-Md.)"
        if t.low not in _CUE_WORDS:
            continue  # (most words: `_cue_width` would find no cue)
        width = _cue_width(tokens, c)
        if width and not t.is_cap and _verb_at(tokens, c):
            np = np_before(tokens, c, i)
            if np and np[0] > i + 1 and np[0] - i <= 5 and all(x.is_word or x.text in ("'s", "&") for x in tokens[i : np[0]]):
                # modifiers before the name: "Trump lawyer Marc Kasowitz said"
                np = (i, np[1])
            elif (np and np[0] > i + 1 and np[0] - i <= 5 and tokens[np[0] - 1].text == ","
                  and (tokens[i].low in DETERMINERS or tokens[i].low in ("one", "another") or _possessive_name(tokens[i]))
                  and tokens[np[0]].is_cap and tokens[np[0]].low not in PRONOUNS
                  and all(x.is_word for x in tokens[i : np[0] - 1])):
                np = (i, np[1])  # a role, then the name: "another friend, Mariam Emara told"
            if np is None and (tokens[i].low in DETERMINERS or tokens[i].low in ("one", "another") or _possessive_name(tokens[i])) and c - i <= 5 and all(
                x.is_word or x.text in ("'s", "&") for x in tokens[i:c]
            ):
                # "the book said", "the ad's narrator says", "one P&G employee told",
                # "Lind's former campaign strategist said"
                np = (i, c)
            after = c + width
            if np and np[0] <= i + 1 and (not sentence_ended or _ends_clause(tokens, after, 7)):
                if sentence_ended and quote_follows and tokens[i].is_cap and not any(x.text in (".", "!", "?") for x in tokens[after:]):
                    # '"... done." She adds, "..."': the cue introduces the next quotation (but
                    # '"...?" Trump asked reporters late last month. "..."' closes its sentence)
                    break
                return (c, after), np, after
            break
    return None


def _with_apposed_name(tokens: list[Token], np: tuple[int, int]) -> tuple[int, int]:
    """A role phrase with the name set beside it after a comma ("said the union's chief
    negotiator, Tomas Brel."), when the name closes the clause; else the phrase as it was."""
    a, b = np
    if b + 1 >= len(tokens) or tokens[b].text != "," or is_pronoun(tokens[a]):
        return np
    if tokens[b - 1].is_cap and not (tokens[a].low in DETERMINERS and any(not t.is_cap and t.is_word for t in tokens[a + 1 : b])):
        return np  # a name, not a role ("the mayor of Vellmouth" is one)
    name = np_after(tokens, b + 1)
    if name is None or not all(t.is_cap for t in tokens[name[0] : name[1]] if t.is_word) or is_pronoun(tokens[name[0]]):
        return np
    after = name[1]
    if after < len(tokens) and tokens[after].text not in (".", ",", ";", '"', "!", "?") and tokens[after].low != "who":
        return np
    return (a, after)


FINITE = {"is", "was", "were", "are", "has", "have", "had", "will", "would", "can", "could",
          "should", "may", "might", "must", "do", "does", "did", "be", "been", "being"}


def _ends_clause(tokens: list[Token], k: int, limit: int = 6) -> bool:
    """Whether the cue phrase ends its clause at ``k``: "he said." but not "he said the ..."."""
    words = seen = 0
    for t in tokens[k:]:
        if t.low in FINITE:
            return False
        if t.text in (".", "!", "?", ";", '"', ",", ":", "(", "—", "–"):
            return True
        if t.low in ("and", "but", "adding", "as", "before", "after", "while", "when", "because"):
            return True
        seen += 1
        if t.low in ("that",) or (t.low in CUE_VERBS and seen > 1):
            return False
        if not _venue_like(t):
            words += 1  # (the words of a venue or a time do not count: "during a news
            if words > limit:  # conference late last week", "on Vell Radio")
                return False
    return True


def _venue_like(t: Token) -> bool:
    """A word of the kind a cue's venue or time is made of: a preposition, a determiner, a
    capitalised name, an adverb in "-ly", a day or month."""
    return t.low in VENUE_START or t.low in DETERMINERS or t.is_cap or t.low.endswith("ly") or t.low in TIME_WORDS


def cue_before(tokens: list[Token]) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """Find ``X said:`` / ``X told reporters,`` / ``According to X,`` before a quotation.

    Args:
        tokens: Tokens of the sentence up to the opening mark.

    Returns:
        (cue token range, mention token range or None), or None.
    """
    if not tokens:
        return None
    end = len(tokens)
    ends_with_colon = tokens[-1].text in (":", ",")
    for c in range(end - 1, max(-1, end - 12), -1):
        t = tokens[c]
        if t.low not in _BEFORE_CUE_WORDS:
            # (most words: none of the cue tests below can hold, only the stop at the end)
            if t.text in ('"', ";") or (t.text == "." and c < end - 1):
                break
            continue
        if t.low == "to" and c > 0 and tokens[c - 1].low == "according":
            np = np_after(tokens, c + 1)
            if np:
                return (c - 1, c + 1), np
            return None
        if c > 0 and PHRASAL_QUOTE_CUES.get(tokens[c - 1].low) == t.low:
            # "Lind shot back:", "he went on,"
            tail = [x for x in tokens[c + 1 :] if x.is_word]
            if tail and not (ends_with_colon and _is_venue(tail)):
                return None
            return (c - 1, c + 1), np_before(tokens, c - 1)
        is_ing_cue = t.low.endswith("ing") and (t.low in CUE_VERBS or t.low in NAMING_VERBS) and c == end - 2 and ends_with_colon
        if ((t.low in CUE_VERBS and not t.low.endswith("ing")) or t.low in QUOTE_CUES or is_ing_cue) and _verb_at(tokens, c):
            tail = [x for x in tokens[c + 1 :] if x.is_word]
            if tail and not (ends_with_colon and _is_venue(tail)):
                # "X said the plan was "...": the quotation is inside reported speech
                return None
            np = np_before(tokens, c)
            if (np is not None and np[0] > 1 and tokens[np[0] - 1].low in _PREPOSITION_BEFORE_OBJECT
                    and tokens[np[0] - 2].low != "according"):
                # "one letter-writer to a newspaper noted:", "X of the Reform Association in an
                # interview with Vell Radio said:": the one after "to" or "with" is not the
                # subject; the phrase before it is, unless that is itself in a phrase of place
                # or manner, and then the sentence's subject is
                before = np_before(tokens, np[0] - 1)
                if before is None or before[0] > 0 and tokens[before[0] - 1].low in _PREPOSITIONS:
                    before = _sentence_subject(tokens[: np[0] - 1])
                np = before
            if t.low.endswith("ing") and c > 0 and tokens[c - 1].text == ",":
                # "Trump attacked X, saying, "..."": the sentence's subject, or the subject of
                # a cue just before ("CLAUSE, Nadia Ferro said, adding, "..."")
                np = _cue_clause_subject(tokens, c) or _sentence_subject(tokens[:c]) or np
            elif np is None and c == 0 and tail:
                np = np_after(tokens, 1)  # 'Said Ellis: "..."'
            elif np is not None and t.low.endswith("ing") and np[1] < c - 1:
                np = _sentence_subject(tokens[:c]) or np
            elif np is None and c > 1:
                # "X confirmed it and later said:", "X did not name them, but told them,",
                # "X stated the plan by saying,": the sentence's subject
                k = c
                while k > 1 and (tokens[k - 1].low in ADVERBS_BEFORE_CUE or tokens[k - 1].low.endswith("ly")):
                    k -= 1
                if tokens[k - 1].low in ("and", "but", "by", "then"):
                    np = _sentence_subject(tokens[: k - 1])
            return (c, c + 1), np
        if t.text in ('"', ";") or (t.text == "." and c < end - 1):
            break
    return None


_BEFORE_CUE_WORDS = frozenset(CUE_VERBS).union(QUOTE_CUES, NAMING_VERBS, PHRASAL_QUOTE_CUES.values(), ("to",))
"""Every word `cue_before` can find a cue at: a cue verb, the second word of a phrasal cue,
or the "to" of "according to"."""
_PREPOSITION_BEFORE_OBJECT = frozenset({"with", "to"})
"""Prepositions whose object can stand right before a cue ("in an interview with X said");
"from" is left out, as it is more often part of the subject ("An official from X said")."""
_PREPOSITIONS = frozenset({"in", "during", "at", "on", "from", "with", "to", "by", "for", "of", "after", "before"})


def _cue_clause_subject(tokens: list[Token], c: int) -> tuple[int, int] | None:
    """The subject of a cue verb a few words before the comma at ``c - 1``: "Nadia Ferro"
    in "..., Nadia Ferro said, adding," or "the crew" in "..., the crew told reporters, adding:"."""
    k = c - 2
    while k >= max(0, c - 6) and tokens[k].is_word:
        low = tokens[k].low
        if low in SPEECH_VERBS and not low.endswith("ing") and _verb_at(tokens, k):
            return np_before(tokens, k)
        k -= 1
    return None


_TITLE_WORD = re.compile(r"[^\W\d_][\w'\-]*")
_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with",
                                "by", "from", "as", "but", "nor", "vs", "de", "la"})
MAX_TITLE_WORDS = 12


def _is_title(norm: str, start: int, end: int) -> bool:
    """Whether the quoted words ``norm[start:end]`` are written as a title: two to twelve
    words, the first and every word but the small ones capitalised ("The Art of the Deal"),
    and not a line in capitals (an all-capitals quotation is a shout or a sign, not a title).
    """
    words = _TITLE_WORD.findall(norm, start, end)
    if not 2 <= len(words) <= MAX_TITLE_WORDS or not words[0][0].isupper() or norm[start:end].isupper():
        return False
    return all(w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words)


def _after_colon_or_comma(norm: str, at: int, floor: int) -> bool:
    """Whether the last character before ``at`` that is not blank is a colon or a comma
    (a quotation introduced by its cue: 'wrote: "We Will Not Give Up"')."""
    i = at - 1
    while i > floor and norm[i].isspace():
        i -= 1
    return norm[i] in ":,"


def _offsets(tokens: list[Token], rng: tuple[int, int] | None) -> tuple[int, int] | None:
    if rng is None:
        return None
    return (tokens[rng[0]].start, tokens[rng[1] - 1].end)


def _words(doc: Doc, start: int, end: int) -> int:
    return len(_WORD_RUN.findall(doc.norm, start, end))


def _fewer_words(doc: Doc, start: int, end: int, n: int) -> bool:
    """Whether ``[start, end)`` holds fewer than ``n`` words: the first ``n`` are found, not
    all of them (most quotations are long, and most never need their count)."""
    return next(islice(_WORD_RUN.finditer(doc.norm, start, end), n - 1, None), None) is None


_LAST_WORD_SPAN = 40
"""Characters before a quotation tokenised first when only the last word before it is wanted."""


def _last_word(doc: Doc, start: int, end: int) -> str | None:
    """The last word token of ``[start, end)`` (a stretch before an opening mark), lower-cased.

    Only the tail is tokenised, from a blank, where the whole stretch's tokens also break;
    the whole stretch (`Doc.tokens_near`) only when the tail holds no word. The tail may
    read an abbreviation at its end as a word and a full stop ("Mr" and ".") where the whole
    stretch reads one token ("Mr."): no cue word is an abbreviation, so the answer is the same.
    """
    norm = doc.norm
    k = end - _LAST_WORD_SPAN
    while k > start and not norm[k - 1].isspace():
        k -= 1
    if k > start:
        for t in reversed(tokenize(norm, k, end)):
            if t.is_word:
                return t.low
    for t in reversed(doc.tokens_near(start, end)):
        if t.is_word:
            return t.low
    return None


def _tokens_after(doc: Doc, p: int, start: int, end: int) -> list[Token]:
    """The tokens of ``[start, end)``, a stretch after a closing mark in paragraph ``p``.

    A stretch running past its sentence is put together sentence by sentence from the lists
    reported speech later asks for (a whole sentence, or the part of one outside quotations),
    so that text is tokenised once for both. No token crosses a sentence end (a blank follows
    it), so the lists hold the stretch's own tokens, unless a sentence ends with what the
    stretch reads as an abbreviation ("Jr." before "The", split as "Jr" and "." when
    tokenised alone): then the stretch is tokenised whole.
    """
    sentences = doc.sentences(p)
    i = max(0, bisect.bisect_right(doc.sentence_starts(p), start) - 1)
    if i + 1 >= len(sentences) or sentences[i + 1][0] >= end:
        return doc.tokens_near(start, end)  # inside one sentence (most stretches)
    out: list[Token] = []
    while i < len(sentences) and sentences[i][0] < end:
        a, b = sentences[i]
        i += 1
        if b <= start:
            continue
        if start <= a and b <= end:
            toks = doc.sentence_tokens(a, b)
        else:
            toks = doc.tokens_near(max(a, start), min(b, end))
        if _split_abbreviation(doc.norm, toks, end):
            return doc.tokens_near(start, end)
        out += toks
    return out


def _split_abbreviation(norm: str, tokens: list[Token], end: int) -> bool:
    """Whether ``tokens`` end with a word and a full stop that make one token ("Jr.") when
    the text is tokenised on to ``end``."""
    if len(tokens) < 2 or tokens[-1].text != "." or not tokens[-2].is_word or tokens[-2].end != tokens[-1].start:
        return False
    whole = TOKEN.match(norm, tokens[-2].start, end)
    return whole is not None and whole.end() != tokens[-2].end


def rule_direct_attribution(doc: Doc) -> None:
    """Attach cues and speaker mentions to direct quotations, paragraph by paragraph."""
    by_para: dict[int, list[Candidate]] = {}
    for c in doc.candidates:
        if c.kind == "direct" and not c.nested and c.rule != "quotes.pull":
            by_para.setdefault(c.para, []).append(c)
    drop: set[int] = set()
    for p, quotes in by_para.items():
        try:
            _attribute_paragraph(doc, p, quotes, drop)
        except (IndexError, ValueError) as exc:
            doc.errors.append(f"paragraph {p}: direct attribution failed: {exc}")
    if drop:
        doc.candidates = [c for c in doc.candidates if id(c) not in drop]


def _attribute_paragraph(doc: Doc, p: int, quotes: list[Candidate], drop: set[int]) -> None:
    para = doc.paragraphs[p]
    quotes.sort(key=lambda c: c.open_mark)
    ranges = [(q.open_mark, (q.close_mark + 1) if q.close_mark >= 0 else para.end) for q in quotes]
    joined_to: Candidate | None = None
    for n, q in enumerate(quotes):
        q_end = ranges[n][1]
        nxt = ranges[n + 1][0] if n + 1 < len(quotes) else para.end
        prev_end = ranges[n - 1][1] if n else para.start
        here = doc.sentence_at(p, q.open_mark)
        sent_start, sent_end = here if here is not None else (para.start, para.end)
        if joined_to is not None:
            own = None
            if q.close_mark >= 0:
                own_after = _tokens_after(doc, p, q_end, min(nxt, q_end + 300))
                own = cue_after(own_after, False, n + 1 < len(quotes))
            if own is None or own[1] is None:
                q.cue, q.mention, q.group = joined_to.cue, joined_to.mention, joined_to.group
                q.rule = "direct.interrupted"
                joined_to = None
                continue
            joined_to = None  # '"A," X told Y. "B," the candidate said.': B has its own cue
        if q.close_mark >= 0 and q.open_mark > sent_start and _fewer_words(doc, q.start, q.end, MIN_UNATTRIBUTED_WORDS):
            lead = _last_word(doc, max(prev_end, sent_start, q.open_mark - 200), q.open_mark)
            if lead is not None and (lead in LABEL_VERBS or not (lead in SPEECH_VERBS or lead in QUOTE_CUES)):
                # a short phrase quoted mid-sentence: a title, a name or a scare quote (also
                # after a naming verb: what lawmakers called "fraud")
                drop.add(id(q))
                continue
        if q.close_mark >= 0 and q.open_mark > sent_start and _is_title(doc.norm, q.start, q.end) and not _after_colon_or_comma(doc.norm, q.open_mark, sent_start):
            # a title inside a sentence: ''The Art of the Deal'', "Lost Tides: A Harbour Story"
            drop.add(id(q))
            continue
        after = _tokens_after(doc, p, q_end, min(nxt, q_end + 300))  # a cue follows within a few words
        ended = q.end > q.start and doc.norm[q.end - 1] in ".!?" and not (after and after[0].text == ",")
        found = cue_after(after, ended, n + 1 < len(quotes)) if q.close_mark >= 0 else None
        if found:
            cue, np, stop = found
            q.cue = _offsets(after, cue)
            q.mention = _offsets(after, np)
            q.rule = "direct.cue_after"
            rest = [t for t in after[stop:] if t.text not in LEAD_PUNCT]
            if n + 1 < len(quotes) and (
                len(rest) <= 4 and not any(t.low in ("but", "and", "while") for t in rest)
                or _resumes_sentence(doc, after[stop:], quotes[n + 1])
            ):
                # "A," he said, "B." (or ". B"): B is the same quotation resumed
                q.group = q.group or doc.new_group()
                joined_to = q
            continue
        before = doc.tokens_near(max(prev_end, sent_start, q.open_mark - 300), q.open_mark)
        named = _name_before_colon(before)
        if named is not None:
            q.mention = _offsets(before, named)
            q.rule = "direct.colon_name"
            continue
        found_b = cue_before(before)
        if found_b:
            cue, np = found_b
            q.cue = _offsets(before, cue)
            q.mention = _offsets(before, np)
            q.rule = "direct.cue_before"
            if np is None and before[-1].text == ":" and _infinitive_cue(before, cue[0]):
                # "Respondents are obliged to disclose: "..."": the sentence's subject
                whole = doc.tokens_near(max(sent_start, prev_end), q.open_mark)
                subject = _sentence_subject(whole)
                if subject is not None and subject[1] <= len(whole) and whole[subject[0]].start < before[cue[0]].start:
                    q.mention = _offsets(whole, subject)
            continue
        byline = _dash_byline(after)
        if byline is not None:
            q.mention = _offsets(after, byline)
            q.rule = "direct.byline"
            continue
        # the governing verb and its subject stand close before the quotation (bounded, so a
        # sentence of thousands of quotations stays linear)
        sentence_before = doc.tokens_near(max(sent_start, prev_end - 100, q.open_mark - 400), q.open_mark)
        quote_words = _words(doc, q.start, q.end)
        rest_words = _words(doc, q_end, max(q_end, min(sent_end, nxt)))
        governing = _governing_cue(sentence_before, quote_words, rest_words)
        if governing is not None:
            cue, np = governing
            q.cue = _offsets(sentence_before, cue)
            q.mention = _offsets(sentence_before, np)
            q.rule = "direct.embedded"
            continue
        if before and before[-1].text == ":" and sentence_before:
            np = _sentence_subject(sentence_before)
            if np is not None:
                q.mention = _offsets(sentence_before, np)
                q.rule = "direct.colon_subject"
                continue
        words_before = [t for t in before if t.is_word]
        if words_before and q.open_mark > sent_start:
            # the quotation sits inside a sentence that is not a cue: a phrase quoted in
            # someone's reported words, a scare quote or a title
            if quote_words < 12 or len(words_before) > 3:
                drop.add(id(q))
                continue
        if quote_words < MIN_UNATTRIBUTED_WORDS:
            drop.add(id(q))
            continue
        found = _cue_sentence_before(doc, p, sent_start, prev_end) if not words_before else None
        if found is not None:
            q.cue, q.mention = found
            q.rule = "direct.cue_sentence"
            continue
        q.rule = "direct.unattributed"


def _cue_sentence_before(doc: Doc, p: int, sent_start: int, prev_end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A short sentence of a subject and a cue verb alone, just before a quotation that opens
    its own sentence: 'Dianne Bystrom agreed. "Mainstream Republicans are running out of
    time ..."'. Returns (cue, mention) offsets, or None."""
    sentences = doc.sentences(p)
    i = bisect.bisect_left(doc.sentence_starts(p), sent_start) - 1
    if i < 0 or sentences[i][0] < prev_end:
        return None  # no sentence before in the paragraph, or one with a quotation in it
    tokens = doc.tokens_in(*sentences[i])
    if len(tokens) < 3 or len(tokens) > 12 or tokens[-1].text != ".":
        return None
    c = len(tokens) - 2
    while c > 0 and tokens[c].low.endswith("ly"):
        c -= 1  # "Jane Roe agreed wholeheartedly."
    if not (tokens[c].low in QUOTE_CUES or tokens[c].low in SPEECH_VERBS) or tokens[c].low.endswith("ing") or not _verb_at(tokens, c):
        return None
    np = np_before(tokens, c)
    if np is None or np[0] != 0:
        return None
    return (tokens[c].start, tokens[c].end), (tokens[np[0]].start, tokens[np[1] - 1].end)


def _resumes_sentence(doc: Doc, between: list[Token], nxt: Candidate) -> bool:
    """Whether the next quotation resumes the sentence the cue interrupted: '"A," X wrote in
    a statement to Y explaining why, "but B."' (lower-case after a comma, no sentence end)."""
    if not between or between[-1].text != "," or nxt.end <= nxt.start or not doc.norm[nxt.start].islower():
        return False
    return not any(t.text in (".", "!", "?", ";", ":") for t in between)


def _name_before_colon(tokens: list[Token]) -> tuple[int, int] | None:
    """A name alone between a dash and the colon before a quotation: "Polls missed the late
    swing - Carl Bialik:" (the form of round-ups and live blogs)."""
    if len(tokens) < 4 or tokens[-1].text != ":":
        return None
    k = len(tokens) - 1
    while k > 0 and tokens[k - 1].is_cap and tokens[k - 1].is_word and len(tokens) - 1 - k < 5:
        k -= 1
    words = len(tokens) - 1 - k
    if words < 2 or k == 0 or tokens[k - 1].text not in DASHES or is_pronoun(tokens[k]):
        return None
    if all(t.text.isupper() for t in tokens[k:-1]):
        return None  # a heading in capitals, not a name
    return (k, len(tokens) - 1)


def _infinitive_cue(tokens: list[Token], c: int) -> bool:
    """Whether the cue at ``c`` is an infinitive ("obliged to disclose", "wants to say")."""
    return c > 0 and tokens[c - 1].low == "to"


def _dash_byline(tokens: list[Token]) -> tuple[int, int] | None:
    """``"..." ― Jane Roe`` at the end of a paragraph: the name after a dash."""
    if not tokens or tokens[0].text not in DASHES:
        return None
    np = np_after(tokens, 1)
    if np is None or np[1] < len(tokens) - 1:
        return None
    return np


def _governing_cue(tokens: list[Token], quote_words: int, rest_words: int) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """A cue verb earlier in the sentence whose content is mostly the quoted words.

    ``X called the deal "null and void"``, ``X said the tax "costs us billions"``. A short
    phrase quoted inside a longer reported clause (``X said it would be "a condition" of a
    plan that ...``) is not: it belongs to that reported speech.

    Args:
        tokens: The sentence up to the opening mark.
        quote_words: Words inside the quotation.
        rest_words: Words of the sentence after the quotation.
    """
    for c in range(len(tokens) - 1, -1, -1):
        t = tokens[c]
        if t.text in ('"', ";"):
            break
        if (t.low in NAMING_VERBS or t.low in SPEECH_VERBS) and _verb_at(tokens, c) and not (t.is_cap and c > 0):
            # (a capitalised cue word inside the sentence is a name: "the United States")
            between = len([x for x in tokens[c + 1 :] if x.is_word and x.low != "that"])
            if quote_words < 2 * (between + rest_words) - quote_words:
                return None
            np = np_before(tokens, c)
            if np is None and t.low.endswith("ing"):
                np = _sentence_subject(tokens[:c])
            return (c, c + 1), np
    return None


VENUE_START = {"of", "about", "on", "in", "to", "at", "during", "via", "through", "after", "before", "from",
               "reporters", "journalists", "them", "him", "her", "us", "me", "told", "later",
               "afterwards", "today", "yesterday", "monday", "tuesday", "wednesday", "thursday",
               "friday", "saturday", "sunday", "last", "this", "earlier", "simply", "bluntly",
               "flatly", "recently", "again", "once", "also", "online", "publicly", "privately"}


def _is_venue(words: list[Token]) -> bool:
    """Words between a cue and a colon that say where, when or to whom it was said.

    "wrote on Truth Social", "said in a statement", "told reporters", "told the BBC".
    """
    if len(words) > 7 or any(w.low in CUE_VERBS or w.low in ("that", "is", "was", "are", "were") for w in words):
        return False
    first = words[0]
    return first.low in VENUE_START or first.is_cap or first.low in ONE_TOLD_OPENERS and len(words) <= 4


def _sentence_subject(tokens: list[Token]) -> tuple[int, int] | None:
    """The first noun phrase of a sentence, after a leading adverbial clause."""
    starts = [0] + [k + 1 for k, t in enumerate(tokens[:24]) if t.text == ","]
    for s in starts:
        np = np_after(tokens, s)
        if np is not None:
            return np
    return None


def rule_colon_paragraph(doc: Doc) -> None:
    """``He said:`` closing a paragraph attributes the quotation paragraph after it."""
    for c in doc.candidates:
        if c.kind != "direct" or c.rule != "direct.unattributed" or c.para == 0:
            continue
        prev = doc.paragraphs[c.para - 1]
        if doc.norm[prev.end - 1] != ":" or doc.norm.find('"', prev.start, prev.end) != -1:
            continue
        if doc.norm[doc.paragraphs[c.para].start] != '"':
            continue
        sentences = doc.sentences(c.para - 1)
        if not sentences:
            continue
        found = cue_before(doc.tokens_in(sentences[-1][0], prev.end))
        if found is None:
            continue
        tokens = doc.tokens_in(sentences[-1][0], prev.end)
        cue, np = found
        c.cue = _offsets(tokens, cue)
        c.mention = _offsets(tokens, np)
        c.rule = "direct.cue_before"
