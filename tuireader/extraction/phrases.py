"""Finding the speaker's noun phrase next to a cue, without a parser.

A noun phrase here is a pronoun, a run of capitalised words (with joining words such as
"of" and titles), or a determiner followed by lower-case nouns ("the president", "a spokesman
for the ministry"). The functions return token index ranges ``[i, j)``.
"""

from __future__ import annotations

from tuireader.extraction.lexicon import (
    COUNTRIES,
    CUE_VERBS,
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    NOUN_LIKE_CUES,
    NUMBER_WORDS,
    ORG_WORDS,
    PRONOUNS,
    PUBLISHED,
    QUOTE_CUES,
    ROLE_NOUNS,
    STOP_CAPS,
    SUBJECT_PRONOUNS,
    TIME_WORDS,
    TITLES,
)
from tuireader.extraction.tokens import Token

DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "this", "that", "these",
               "those", "some", "many", "several", "one", "two", "three", "other", "another",
               "both", "most", "few", "all", "no"}
ONE_TOLD_OPENERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "my", "your"})
"""How a short phrase naming the one told opens, after "told", "warned" or "asked" ("told the
nation in ...", "told his supporters,")."""
QUANTIFIERS = {"many", "some", "most", "several", "few", "other", "all", "both", "the", "these",
               "those", "two", "three", "four", "five", "dozens", "hundreds", "thousands", "more"}
NAME_JOINERS = {"of", "de", "da", "del", "della", "der", "van", "von", "la", "le", "al", "bin",
                "ibn", "du", "dos", "das", "y", "and", "&", "for", "on"}
ADVERBS_BEFORE_CUE = {"also", "later", "previously", "has", "had", "have", "will", "would",
                      "then", "further", "again", "once", "repeatedly", "reportedly", "publicly",
                      "privately", "recently", "earlier", "separately", "both", "often", "has",
                      "is", "was", "were", "are", "been", "had", "did", "does", "do", "could",
                      "may", "might", "must", "should", "can", "not", "never", "always", "still",
                      "even", "first", "had", "just", "initially", "originally", "subsequently",
                      "already", "only", "however", "too", "once", "now", "both", "ultimately",
                      "personally", "specifically", "explicitly", "similarly", "reportedly",
                      "allegedly", "apparently", "told", "to", "didn't", "doesn't", "don't",
                      "wouldn't", "won't", "can't", "cannot", "couldn't", "hasn't", "haven't",
                      "hadn't", "isn't", "wasn't", "weren't", "aren't", "shouldn't", "soon"}
BOUNDARY_AFTER = {"in", "on", "at", "during", "after", "before", "to", "from", "with", "when",
                  "while", "as", "about", "that", "this", "last", "on", "in", "via", "through",
                  "outside", "inside", "following", "earlier", "later", "yesterday", "today",
                  "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                  "sunday", "and", "but", "or", "because", "if", "who", "which", "where",
                  "speaking", "adding", "noting", "saying", "told", "according", "than", "by",
                  "under", "into", "over", "against", "between", "among", "without", "since",
                  "until", "is", "was", "are", "were", "has", "had", "have", "will", "would"}
NOUNISH_LOWER = ROLE_NOUNS | GROUP_NOUNS | ORG_WORDS | {
    "spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "statement", "source", "sources", "official",
    "aide", "adviser", "advisor", "member", "members", "representative", "representatives",
    "resident", "residents", "owner", "woman", "man", "people", "person", "family", "mother",
    "father", "son", "daughter", "wife", "husband", "brother", "sister", "friend", "colleague",
    "group", "company", "firm", "ministry", "department", "agency", "organisation",
    "organization", "study", "report", "survey", "poll", "estimate", "estimates", "figures",
    "data", "research", "paper", "article", "letter", "post", "tweet", "release", "lawsuit",
    "filing", "document", "documents", "record", "records", "court", "judge", "jury",
    "website", "blog", "email", "video", "advertisement", "editorial", "headline",
    "petition", "indictment", "memo", "transcript",
    "prosecution", "defence", "defense", "campaign", "administration", "government",
    "officials", "authorities", "police", "military", "army", "navy", "regime", "state",
    "child", "children", "kids", "boy", "girl", "teenager", "teenagers", "student", "pupil",
    "patient", "patients", "survivor", "survivors", "passenger", "passengers", "customer",
    "customers", "neighbour", "neighbor", "relative", "book", "letter", "ad", "narrator",
    "announcer", "judge", "jury", "ruling", "verdict", "lawsuit", "complaint", "memo",
    "polling", "review", "analysis", "results", "search", "investigation", "audit", "inquiry",
    "probe", "findings", "spokesman", "spokeswoman",
}


def is_pronoun(tok: Token) -> bool:
    """A personal pronoun that can be a speaker."""
    return tok.low in SUBJECT_PRONOUNS


def _capish(t: Token) -> bool:
    return t.is_cap and t.is_word or ("-" in t.text and t.text.split("-")[-1][:1].isupper())


def _name_tokens_back(tokens: list[Token], j: int, floor: int) -> int:
    """Extend a capitalised name backwards from token ``j - 1``; returns its first index."""
    i = j
    while i > floor:
        t = tokens[i - 1]
        if t.is_cap and t.is_word or t.text in ("'s",) or t.low.rstrip(".") in TITLES and t.is_cap:
            i -= 1
            continue
        if t.is_word and "-" in t.text and t.text.split("-")[-1][:1].isupper():
            i -= 1  # "el-Sisi", "al-Assad"
            continue
        if t.low in NAME_JOINERS and i < j and not (t.low == "on" and tokens[i].low in TIME_WORDS):
            # "Osama bin Laden", and joiners in a row: "Ludwig van der Berg", "de la Fuente"
            # (but "Islamists on Sunday" is a name and a day)
            m = i - 1
            while m - 1 > floor and i - m < 3 and tokens[m - 1].low in NAME_JOINERS and not tokens[m - 1].is_cap:
                m -= 1
            if m - 1 >= floor and _capish(tokens[m - 1]):
                i = m
                continue
        if t.low == "the" and i - 3 >= floor and tokens[i - 2].low == "of" and _capish(tokens[i - 3]) and i < j:
            i -= 2
            continue
        if t.text in ("-",) and i - 2 >= floor and tokens[i - 2].is_cap:
            i -= 1
            continue
        break
    # drop joiners left dangling at the front, and a capitalised conjunction or adverb that
    # opens the sentence before the name ("While Anna Berg has said", "Today Tomas Brel")
    while i < j and (tokens[i].low in NAME_JOINERS or i < j - 1 and tokens[i].low in _BEFORE_A_NAME):
        i += 1
    if i == j - 1 and tokens[i].low.endswith(_ADVERB_ENDINGS):
        return j  # "Essentially, ...": an adverb alone is no name
    return i


_ADVERB_ENDINGS = ("ally", "ously", "ively", "ently", "antly", "ately", "ibly", "ably", "edly")
"""Endings of sentence adverbs ("Essentially", "Obviously"), which no name has."""


_BEFORE_A_NAME = frozenset({
    "while", "when", "whenever", "although", "though", "because", "if", "unless", "until",
    "after", "before", "since", "once", "whereas", "as", "but", "and", "or", "so", "yet", "then",
    "now", "today", "yesterday", "tonight", "meanwhile", "however", "instead", "still", "also",
    "later", "earlier", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "perhaps", "maybe", "indeed", "thus", "therefore", "hence", "finally",
    "eventually", "ultimately", "nevertheless", "nonetheless", "what", "how", "why", "where",
    "whether", "ever", "even",
})
"""Capitalised words that open a sentence but are never the first word of a name."""


def np_before(tokens: list[Token], j: int, floor: int = 0) -> tuple[int, int] | None:
    """The subject noun phrase ending just before token ``j`` (a cue verb).

    Skips auxiliaries and adverbs ("Trump has also said"), and an apposition between commas
    ("Mike Pence, Trump's former vice president, said" gives "Mike Pence").

    Args:
        tokens: Tokens of the sentence or segment.
        j: Index of the cue verb.
        floor: Lowest index the phrase may start at.

    Returns:
        The token range, or None when no noun phrase stands there.
    """
    k = j
    while k > floor and (tokens[k - 1].low in ADVERBS_BEFORE_CUE or tokens[k - 1].low.endswith("ly")
                         and tokens[k - 1].low not in ("family", "italy", "reilly")
                         or tokens[k - 1].low in TIME_WORDS and k - 2 > floor and tokens[k - 2].low == "on"):
        k -= 2 if tokens[k - 1].low in TIME_WORDS and tokens[k - 2].low == "on" else 1  # ("X on Sunday said")
    if k <= floor:
        return None
    if tokens[k - 1].text == "," and k - 2 > floor and tokens[k - 2].text == ")":
        # "Tomas Brel of the Eastport Institute (EI), announced", "Jon Tester (D-Mont.), said",
        # "Anna Berg, head of the Eastport Institute (EI), said": read without the parenthesis
        m = k - 2
        while m > floor and tokens[m - 1].text != "(" and k - m < 10:
            m -= 1
        if m > floor and tokens[m - 1].text == "(":
            if not any(t.text == "," for t in tokens[max(floor, m - 13) : m - 1]):
                k = m - 1
            else:
                bare = tokens[: m - 1] + tokens[k - 1 :]
                np = np_before(bare, m, floor)
                return np if np is not None and np[1] <= m - 1 else None
    if tokens[k - 1].text == ")":
        # "Mike Ryan of the World Health Organization (WHO) told": skip the parenthesis
        m = k - 1
        while m > floor and tokens[m - 1].text != "(" and k - m < 8:
            m -= 1
        if m > floor and tokens[m - 1].text == "(":
            k = m - 1
    last = tokens[k - 1]
    if last.text == ",":
        # "X, apposition, said": find the comma opening the apposition
        m = k - 1
        limit = max(floor, k - 24)
        while m > limit and tokens[m - 1].text not in (",", '"', "'", ";", ":", "(", ")"):
            m -= 1
        inner = np_before_plain(tokens, k - 1, max(floor, m))
        if m > floor and tokens[m - 1].text == "," and tokens[m].low in ("who", "whose"):
            # "Woodrow Bell, 58, who lives outside Vellmouth, says": the one the clause is about
            n = m - 1
            if n - 1 > floor and tokens[n - 1].text[:1].isdigit() and n - 2 > floor and tokens[n - 2].text == ",":
                n -= 2  # an age between commas
            return np_before_plain(tokens, n, floor)
        if m > floor and tokens[m - 1].text == ",":
            head = np_before_plain(tokens, m - 1, floor)
            if head is not None and tokens[m].low in ("including", "like", "notably", "especially"):
                return head  # "many tax experts, including Tomas Brel, have said": the experts
            if head is not None:
                # "England's transport secretary, Grant Shapps, said": the name, not the role
                head_named = tokens[head[1] - 1].is_cap and not any(
                    t.is_word and not t.is_cap and t.low not in NAME_JOINERS and t.low not in DETERMINERS
                    for t in tokens[head[0] : head[1]]
                )
                inner_named = inner is not None and sum(1 for t in tokens[inner[0] : inner[1]] if t.is_cap) >= 2
                if inner_named and not tokens[head[1] - 1].is_cap:
                    return inner
                if inner_named and _is_office(tokens, head) and tokens[inner[0]].low not in STOP_CAPS:
                    return inner  # "The Portuguese President, Jorge Sampaio, said": the name
                if not head_named and head[0] - 1 > floor and tokens[head[0] - 1].text == ",":
                    # a second apposition: "Jane Roe, the harbour master, one of the
                    # officials, said" — the name stands before the first comma
                    outer = np_before(tokens, head[0], floor)
                    if outer is not None and tokens[outer[1] - 1].is_cap:
                        return outer
                return head
            role = inner if inner is not None else (m, k - 1) if tokens[m].low in DETERMINERS else None
            if role is not None and not any(t.is_cap for t in tokens[role[0] : role[1]]):
                # the first apposition is a role the noun reader does not know ("Jane Roe,
                # the harbour master, one of the officials, said"): a name before its comma
                outer = _name_before_apposition(tokens, m - 1, floor)
                if outer is not None:
                    return outer
        if inner is not None and tokens[inner[0]].low in ("who", "which"):
            return None
        return inner
    return np_before_plain(tokens, k, floor)


def _is_office(tokens: list[Token], np: tuple[int, int]) -> bool:
    """Whether a capitalised phrase names an office rather than a person: opened by a
    determiner or a possessive ("The Portuguese President", "Canada's Prime Minister", "the
    Director of Public Prosecutions"), with a title before any "of"."""
    words = tokens[np[0] : np[1]]
    if not (words[0].low in DETERMINERS or words[0].low.endswith("'s")):
        return False  # "Charlie King": a name, though "King" is a title too
    lows = [t.low for t in words]
    return any(low in TITLES for low in lows[1 : lows.index("of") if "of" in lows else len(lows)])


def _name_before_apposition(tokens: list[Token], comma: int, floor: int) -> tuple[int, int] | None:
    """A capitalised name before the comma that opens an apposition ending at ``comma``."""
    m = comma
    while m > max(floor, comma - 12) and tokens[m - 1].text not in (",", '"', "'", ";", ":", "(", ")"):
        m -= 1
    if m <= floor or tokens[m - 1].text != ",":
        return None
    outer = np_before_plain(tokens, m - 1, floor)
    if outer is None or not tokens[outer[1] - 1].is_cap or is_pronoun(tokens[outer[0]]):
        return None
    return outer


def np_before_plain(tokens: list[Token], k: int, floor: int) -> tuple[int, int] | None:
    """A noun phrase ending at token ``k - 1``, with no apposition handling."""
    if k <= floor:
        return None
    last = tokens[k - 1]
    if is_pronoun(last):
        return (k - 1, k)
    if quantifier_subject(tokens, k - 1, floor):
        return (k - 1, k)  # "Some say ...", "..., but many said ..."
    if (last.low.endswith("ed") and k - 2 >= floor and tokens[k - 2].low == "those"
            and (k - 2 == floor or not tokens[k - 3].is_word or tokens[k - 3].low in ("and", "but"))):
        return (k - 2, k)  # "those surveyed said", "those polled say"
    if (last.low in NUMBER_WORDS or last.text.isdigit()) and k - 3 >= floor and tokens[k - 2].low == "of":
        # "the 34-year-old mother of three replied": the phrase before "of"
        head = np_before_plain(tokens, k - 2, floor)
        if head is not None:
            return (head[0], k)
    if last.text == "who" and k - 1 > floor:
        # "a retired general who suggested", "Republicans who say": the one the relative
        # pronoun stands for ("WHO" in capitals is an organisation), when the noun reader
        # knows it; otherwise the phrase is read as before, "who" included
        antecedent = np_before_plain(tokens, k - 1, floor)
        if antecedent is not None:
            return antecedent
    if last.is_cap and last.is_word or last.text == "'s":
        i = _name_tokens_back(tokens, k, floor)
        # a possessive or lower-case head before the name: "the company's CEO John Doe" (but
        # "that" before a name opens a clause: "reported that China denied ...")
        while i > floor and tokens[i - 1].low in DETERMINERS and tokens[i - 1].low != "that":
            i -= 1
        if i - 2 >= floor and tokens[i - 1].low in ("of", "for", "at") and tokens[i - 2].is_word and not tokens[i - 2].is_cap:
            # "the harbour master of Vellmouth": the place belongs to a role phrase
            m = i - 2
            while m > floor and m > i - 7 and tokens[m - 1].is_word and tokens[m - 1].low not in DETERMINERS:
                m -= 1  # (capitalised words too: "the Liberal councillor for Eastport")
            if m > floor and tokens[m - 1].low in DETERMINERS:
                return (m - 1, k)
        if i < k:
            if all(t.low in STOP_CAPS for t in tokens[i:k] if t.is_word):
                return None
            return (i, k)
        return None
    if (last.is_word and not last.is_cap and last.low.endswith("s") and not last.low.endswith(("ss", "us", "is"))
            and last.low not in CUE_VERBS and k - 2 >= floor and tokens[k - 2].is_word
            and (tokens[k - 2].low in QUANTIFIERS or (k - 3 >= floor and tokens[k - 3].low in QUANTIFIERS))):
        # a plural group after a quantifier: "many conservatives", "some aviation experts"
        i = k - 2 if tokens[k - 2].low in QUANTIFIERS else k - 3
        return (i, k)
    if last.is_word and (last.low in NOUNISH_LOWER or last.low.rstrip("s") in NOUNISH_LOWER):
        i = k - 1
        limit = max(floor, k - 7)
        while i > limit:
            t = tokens[i - 1]
            if t.low in DETERMINERS or t.text == "'s":
                i -= 1
                if t.low in DETERMINERS and t.low not in ("one",):
                    # "one of the ..." stays one phrase
                    if i > limit and tokens[i - 1].low == "of" and i - 2 >= floor and tokens[i - 2].low in ("one", "some", "many", "several", "two", "three", "both", "all", "each", "none"):
                        i -= 2
                    break
                continue
            if t.is_word and (t.is_cap and t.low not in STOP_CAPS or t.low in NOUNISH_LOWER or t.low.endswith(("al", "an", "ish", "ese", "ic", "ive", "ior", "ent", "ed")) or t.low in ("former", "senior", "top", "chief", "deputy", "local", "federal", "state", "foreign", "white", "house", "vice", "prime", "new", "other", "unnamed", "anonymous", "young", "old", "elder", "eldest", "older", "many", "some")):
                i -= 1
                continue
            if t.low in ("of", "for", "at", "from") and i - 2 >= floor and (tokens[i - 2].is_cap or tokens[i - 2].low in NOUNISH_LOWER or tokens[i-2].low in DETERMINERS):
                i -= 1
                continue
            if t.low == "and" and i < k and tokens[i].is_cap and i - 2 >= floor and tokens[i - 2].is_cap and tokens[i - 2].is_word:
                i -= 1  # "White House and Pentagon spokesmen": two capitalised modifiers
                continue
            i = _modifiers_after_determiner(tokens, i, floor)
            break
        while i < k and tokens[i].low in ("of", "for", "at", "from"):
            i += 1
        if i < k and (named := _name_of_body(tokens, i, floor)) is not None:
            return named
        return (i, k) if i < k else None
    return _unknown_noun_subject(tokens, k, floor)


_CLAUSE_OPENERS = frozenset({"the", "a", "an"})
_NOT_IN_UNKNOWN_PHRASE = TIME_WORDS | {"so", "also", "then", "now", "just", "still", "late", "last"}
"""Adverbs and words of time: "the so called ...", "the Senate late last night agreed"."""


def _unknown_noun_subject(tokens: list[Token], k: int, floor: int) -> tuple[int, int] | None:
    """A noun phrase whose head the word lists do not know, when it opens its clause: an
    article, at most three words, then the cue ("The New York businessman says"). Only at the
    start of a sentence or after a comma or "and"/"but", where such words are a subject."""
    if k >= len(tokens) or tokens[k].low in NOUN_LIKE_CUES or not (tokens[k].low in CUE_VERBS or tokens[k].low in QUOTE_CUES):
        # the cue must follow at once: not "a separate report published ..." (a noun), "the
        # site, a ..." (an apposition), "The plan will post troops" (another sense)
        return None
    if not _reads_as_verb(tokens, k):
        return None
    last = tokens[k - 1]
    if not last.is_word or last.is_cap or last.low in _NOT_A_MODIFIER or last.low.endswith(("ly", "ing", "ed")):
        return None
    i = k - 1
    if last.low in _NOT_IN_UNKNOWN_PHRASE:
        return None
    while i > floor and k - i <= 3 and tokens[i - 1].is_word and tokens[i - 1].low not in _CLAUSE_OPENERS:
        t = tokens[i - 1]
        if (t.low in _NOT_A_MODIFIER or t.low in CUE_VERBS or t.low in _NOT_IN_UNKNOWN_PHRASE
                or not t.is_cap and t.low.endswith(("ly", "ing", "ed")) and not t.low.endswith("-old")):
            return None
        i -= 1
    if i <= floor or tokens[i - 1].low not in _CLAUSE_OPENERS:
        return None
    d = i - 1
    if d > floor and tokens[d - 1].is_word and tokens[d - 1].low not in ("and", "but"):
        return None
    if tokens[d].low in ("a", "an") and tokens[k].low in CUE_VERBS and CUE_VERBS[tokens[k].low] == tokens[k].low:
        return None  # "a sharp decline": one thing and a bare form, so a noun
    return (d, k)


_AFTER_A_VERB = frozenset({"that", "the", "a", "an", "his", "her", "their", "its", "he", "she", "they", "it", "we",
                           "i", "to", "for", ",", ":", '"', "this", "these", "those", "there"})
_FINITE_AFTER_A_NOUN = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would", "can",
                                  "could", "may", "might", "must", "should", "by", "and", "or"})


def _reads_as_verb(tokens: list[Token], k: int) -> bool:
    """Whether the cue word at ``k`` after a noun phrase of unknown words is a verb, not the
    noun phrase's last noun: "the bomb blasts have ...", "The new notes and coins", "A similar
    dispute exists", "The men charged were" are nouns and participles. An "-s" form needs what
    a verb takes after it ("The suit charges that", "The manifesto proposes a ..."); a past
    form must not be followed by a verb or "by"; a bare form never follows "a"."""
    cue = tokens[k].low
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    if cue.endswith("s") and cue not in ("says", "tells"):
        return after is not None and (after.low in _AFTER_A_VERB or after.is_cap)
    if after is not None and (after.low in _FINITE_AFTER_A_NOUN or after.low == "to" and cue.endswith("ed")):
        return False  # "The men charged were ...", "The measure expected to pass ... raises"
    return True


QUANTIFIER_PRONOUNS = frozenset({"some", "many", "most", "few", "several", "both", "others"})
"""Words that stand alone as a group of speakers ("Some say", "Many said")."""


def quantifier_subject(tokens: list[Token], i: int, floor: int = 0) -> bool:
    """Whether ``tokens[i]`` is a quantifier standing alone as a clause's subject ("Some say",
    "..., but many said"), not a determiner ("some reports")."""
    return tokens[i].low in QUANTIFIER_PRONOUNS and (
        i == floor or not tokens[i - 1].is_word or tokens[i - 1].low in ("and", "but"))


_NOT_A_MODIFIER = frozenset({
    "to", "for", "of", "about", "on", "with", "by", "in", "at", "from", "as", "and", "or", "but",
    "that", "which", "who", "is", "was", "were", "are", "be", "been", "has", "have", "had",
    "will", "would", "not", "than", "then", "when", "while", "if",
})


def _modifiers_after_determiner(tokens: list[Token], i: int, floor: int) -> int:
    """Where a noun phrase starts when one or two plain words stand between its determiner
    and the words already read ("The ferry union", "the harbour board's website"); ``i``
    when no determiner stands there."""
    m = i
    while m > floor and i - m < 2:
        t = tokens[m - 1]
        if t.low in _OPENING_DETERMINERS:
            return m - 1 if m < i else i
        if not t.is_word or t.is_cap or t.low in _NOT_A_MODIFIER or t.low in CUE_VERBS:
            break
        m -= 1
    if m < i and m > floor and tokens[m - 1].low in _OPENING_DETERMINERS:
        return m - 1
    return i


_OPENING_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "this"})


def _name_of_body(tokens: list[Token], i: int, floor: int) -> tuple[int, int] | None:
    """The person in "Anna Berg of the Eastport harbour council (said)", when the phrase
    ending in that body's noun starts at ``i``: a name, "of" or "from", then a few words."""
    j = i
    while j > floor and i - j < 5 and tokens[j - 1].is_word and tokens[j - 1].low not in ("of", "from"):
        j -= 1
    if j - 1 <= floor or tokens[j - 1].low not in ("of", "from"):
        return None
    if not (tokens[j].low in DETERMINERS or tokens[j].is_cap):
        return None  # "in Washington of changing laws that critics call": not a body
    before = tokens[j - 2]
    if not (before.is_cap and before.is_word) or is_pronoun(before):
        return None
    name = np_before_plain(tokens, j - 1, floor)
    words = [t for t in tokens[name[0] : name[1]] if t.is_word] if name is not None else []
    if not words or not all(t.is_cap and t.low not in GROUP_NOUNS and t.low not in STOP_CAPS for t in words):
        return None  # ("Leaders of the organization said": a group, not a name)
    if len(words) == 1 and (name[0] == 0 or tokens[name[0] - 1].text in (".", "!", "?", '"')):
        return None  # one capitalised word opening a sentence ("Part of the document claimed")
    return name


_PAST_FORMS = frozenset({"began", "brought", "came", "gave", "got", "held", "kept", "left", "lost",
                         "made", "met", "ran", "sent", "spoke", "took", "went", "won", "wrote"})
"""Irregular past forms: a verb, not a word of the name, right after a name."""


def np_after(tokens: list[Token], i: int, stop: int | None = None) -> tuple[int, int] | None:
    """The noun phrase starting at token ``i`` (after a cue verb: "said the president").

    Takes lower-case role words before a name ("study co-author Karen Alley", "UCL
    astronomer Angelos Tsiaras") and stops at punctuation, prepositions that start a
    venue ("in a statement"), and verbs.

    Args:
        tokens: Tokens of the segment.
        i: First token after the cue.
        stop: Index not to pass.

    Returns:
        The token range, or None.
    """
    n = len(tokens) if stop is None else min(stop, len(tokens))
    if i >= n:
        return None
    first = tokens[i]
    if is_pronoun(first) and not (first.text.isupper() and len(first.text) > 1) or first.text in ("him", "them", "us", "me") or (first.low == "her" and (i + 1 >= n or not tokens[i + 1].is_word)):
        return (i, i + 1)
    if first.is_cap and first.low in STOP_CAPS and first.low not in DETERMINERS:
        return None
    if first.low.endswith(_ADVERB_ENDINGS) and i + 1 < n and not tokens[i + 1].is_cap:
        return None  # "Essentially, ...", "Obviously the ...": an adverb, not a name
    j = i
    last_cap = -1
    last_noun = -1
    while j < n and j - i < 12:
        t = tokens[j]
        if t.low in DETERMINERS and (j == i or tokens[j - 1].text == "'s"):
            j += 1
            continue
        if t.is_cap and t.is_word:
            if j > i and t.low in BOUNDARY_AFTER and not tokens[j - 1].is_cap:
                break
            last_cap = j
            j += 1
            continue
        if t.text == "'s" and j > i:
            j += 1
            continue
        if t.low in DETERMINERS and (j == i or tokens[j - 1].text == "'s"):
            j += 1
            continue
        if t.low in NAME_JOINERS and j + 1 < n and tokens[j + 1].is_cap and t.low not in ("and", "on", "&"):
            j += 1
            continue
        if t.is_word and "-" in t.text and t.text.split("-")[-1][:1].isupper():
            last_cap = j  # "el-Sisi", "al-Assad"
            j += 1
            continue
        if t.low in ("of", "for") and last_noun == j - 1 and last_noun >= 0:
            # "a spokesman for the Vell Harbour Trust": the body a role belongs to
            k = j + 1
            if k < n and tokens[k].low == "the":
                k += 1
            m = k
            while m < n and (tokens[m].is_cap and tokens[m].is_word or m > k and m + 1 < n and tokens[m + 1].is_cap
                             and tokens[m].low in NAME_JOINERS and tokens[m].low not in ("and", "on", "&")):
                m += 1
            if m > k and tokens[m - 1].is_cap:
                last_cap = m - 1
                j = m
                continue
        nounish = t.low in NOUNISH_LOWER or t.low.rstrip("s") in NOUNISH_LOWER
        if t.text[:1].isdigit() or (t.text == "/" and j > i and tokens[j - 1].text[:1].isdigit()):
            j += 1  # "9/11 widow Terry Strada", "the 34-year-old mother"
            continue
        if last_cap == j - 1 and not nounish and (t.low.endswith("ed") or t.low in _PAST_FORMS):
            break  # a verb after the name: "Owen Marsh started Lind's speech"
        if t.is_word and not t.is_cap and t.low not in BOUNDARY_AFTER and (nounish or t.low not in CUE_VERBS) and t.low not in DETERMINERS and not t.low.endswith(("ing",)):
            if t.low in NOUNISH_LOWER or t.low.rstrip("s") in NOUNISH_LOWER:
                last_noun = j
            j += 1
            continue
        break
    # keep up to the last name, or else up to the last known noun
    end = max(last_cap, last_noun) + 1
    if end <= i:
        return None
    while end > i and (tokens[end - 1].low in NAME_JOINERS or tokens[end - 1].text == "'s"):
        end -= 1
    words = [t for t in tokens[i:end] if t.is_word]
    if not words or all(t.low in DETERMINERS for t in words):
        return None
    return (i, end)


def with_possessed_head(tokens: list[Token], i: int, np: tuple[int, int] | None) -> tuple[int, int] | None:
    """The noun phrase starting at token ``i``, run on to its noun when a possessive opens it:
    "the union's" in "said the union's chief negotiator, ..." becomes "the union's chief
    negotiator" (such a phrase ends at its noun, which the role lists need not know).

    Args:
        tokens: Tokens of the segment.
        i: First token of the phrase.
        np: The phrase `np_after` found there, or None.

    Returns:
        The phrase with the lower-case words after the possessive (at most three, none a
        pronoun, an adverb or a verb form, then a break: punctuation, a preposition, the
        end), else ``np`` as it was.
    """
    a, b = (i, min(i + 2, len(tokens))) if np is None else np
    k = next((k for k in range(a, b) if tokens[k].text == "'s" or tokens[k].low.endswith("'s")), None)
    if k is None or any(not tokens[x].is_word for x in range(a, k)):
        return np
    j = k + 1
    while j < len(tokens) and j - k <= 4 and tokens[j].is_word and not tokens[j].is_cap and tokens[j].low not in BOUNDARY_AFTER:
        t = tokens[j]
        if t.low in PRONOUNS or t.low in DETERMINERS or t.low in CUE_VERBS or t.low.endswith(("ly", "ed")):
            return np
        if t.low.endswith("ing") and not (j + 1 < len(tokens) and tokens[j + 1].is_word and not tokens[j + 1].is_cap):
            return np  # ("the council's engineering office": an "-ing" word before the noun is a modifier)
        j += 1
    if j <= b or j - k > 4 or (j < len(tokens) and tokens[j].is_word and tokens[j].low not in BOUNDARY_AFTER):
        return np
    return (a, j)


def unknown_np_after(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """After a cue, an article and up to three plain words before the clause's end, a comma or
    a time: the inverted subject whose noun the word lists do not know ('"...," said the
    ruling.'); None otherwise."""
    n = len(tokens)
    if i >= n or tokens[i].low not in _CLAUSE_OPENERS:
        return None
    j = i + 1
    while j < n and j - i <= 3 and tokens[j].is_word and not tokens[j].is_cap and tokens[j].low not in _NOT_A_MODIFIER \
            and tokens[j].low not in CUE_VERBS and tokens[j].low not in _NOT_IN_UNKNOWN_PHRASE and not tokens[j].low.endswith("ly"):
        j += 1
    if j == i + 1 or j < n and tokens[j].text not in (".", "!", "?", ";", ",") and tokens[j].low not in ("on", "in", "at", "last"):
        return None  # (a comma or a time may follow: "said the ruling on Friday")
    return (i, j)


def with_issuer(tokens: list[Token], np: tuple[int, int]) -> tuple[int, int]:
    """A document with the one who issued it: "a statement released by the mayor's office",
    "a report by the council"; else the phrase as it was."""
    a, b = np
    k = b + 1 if b < len(tokens) and tokens[b].low in PUBLISHED else b
    if tokens[b - 1].low not in DOCUMENT_NOUNS or k + 1 >= len(tokens) or tokens[k].low != "by":
        return np
    issuer = with_possessed_head(tokens, k + 1, np_after(tokens, k + 1))
    return np if issuer is None else (a, issuer[1])


def classify(words: list[str]) -> str:
    """Kind of speaker a phrase names: person, organisation, group or unknown."""
    low = [w.lower().rstrip(".") for w in words]
    if not low:
        return "unknown"
    if len(low) == 1 and low[0] in PRONOUNS:
        return {"they": "group", "we": "group", "it": "organisation"}.get(low[0], "person")
    if any(w in ORG_WORDS for w in low) or low[-1] in COUNTRIES or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1):
        return "organisation"
    if low[-1] in GROUP_NOUNS or low[0] in ("some", "many", "several", "most", "few"):
        return "group"
    caps = [w for w in words if w[:1].isupper()]
    if caps and low[0] not in DETERMINERS:
        return "person"
    if low[-1] in ROLE_NOUNS:
        return "person"
    return "unknown"
