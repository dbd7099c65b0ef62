"""Rule ``resolve``: one speaker per person, organisation or group in an article.

Names are collected from the whole text: "President Donald Trump" gives the person
"Donald Trump" holding the title "president"; "Russian Federation President Vladimir Putin"
gives "Vladimir Putin" holding a *qualified* title, so plain "the president" is not him.
Each statement's speaker mention is then resolved:

- a full name, a surname or a titled form goes to the person whose name it ends;
- a role noun ("the president") goes to the person holding that role in the article;
- "he"/"she" go to the most recent compatible speaker or sentence subject, "they"/"it" to
  the most recent organisation or group;
- organisations and countries are their own speakers ("Ukraine"), acronyms are expanded
  when the article defines them ("African Union (AU)");
- unnamed groups keep their words ("officials", "some estimates").

When none of these is sure, the speaker stays empty.
"""

from __future__ import annotations

import bisect
import codecs
import re
import unicodedata
from functools import lru_cache
from operator import itemgetter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tuireader.extraction.doc import Candidate, Doc
from tuireader.extraction.lexicon import (
    COUNTRIES,
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    HONORIFIC_GENDER,
    ORG_WORDS,
    PRONOUNS,
    PUBLISHED,
    ROLE_NOUNS,
    STOP_CAPS,
    TIME_WORDS,
    TITLES,
)
from tuireader.extraction.phrases import DETERMINERS, QUANTIFIER_PRONOUNS, classify
from tuireader.model import Speaker

_RUN_JOINERS = "of|de|da|del|della|der|van|von|la|le|al|bin|ibn|du|dos|das|the|for"
"""Lower-case words that may join two capitalised words of a name ("Osama bin Laden")."""
_CAP_RUN = re.compile(
    r"[A-Z\u00C0-\u00DE][\w'\u2019.\-]*+(?:[ \t]++(?:[A-Z\u00C0-\u00DE]"
    r"|(?:" + _RUN_JOINERS + r")(?:[ \t]++(?:" + _RUN_JOINERS + r"))?[ \t]++[A-Z\u00C0-\u00DE])"
    r"[\w'\u2019.\-]*+)++"
)
"""Two or more capitalised words, maybe with one or two lower-case joiners between two of them:
names, titled names and organisations. Lone capitalised words are not scanned here (most
open a sentence); surnames are found afterwards.

The quantifiers are possessive (``*+``, ``++``): what follows a word or a gap can never
match inside it, so giving characters back could not make a match; not trying saves the
time of failing at every capital that opens a sentence. After a gap the next capital is
tried before the joiners (a joiner is lower-case, so at most one of them can match)."""
_CAP_RUN_CODED = re.compile(
    rb"\x01[\w\x01\x02'.\-]*+(?:[ \t]++(?:\x01|(?:" + _RUN_JOINERS.encode() + rb")(?:[ \t]++(?:"
    + _RUN_JOINERS.encode() + rb"))?[ \t]++\x01)"
    rb"[\w\x01\x02'.\-]*+)++"
)
"""`_CAP_RUN` for a text coded by `_code_for_runs`, where a capital is byte 1 and any other
word character that is not ASCII is byte 2.

Why: a pattern that opens with a class of characters makes the regular expression engine
test that class at every character of the text, several times slower than looking for one
byte, which is all a pattern opening with a literal needs."""


def _runs_byte(code: int) -> int:
    """The byte `_code_for_runs` gives the Latin-1 character ``code``."""
    char = chr(code)
    if "A" <= char <= "Z" or "\u00C0" <= char <= "\u00DE":
        return 1
    if code < 128:
        return 0x7F if code in (1, 2) else code  # (bytes 1 and 2 stand for other characters)
    return 2 if char.isalnum() else code


_RUNS_TABLE = bytes(map(_runs_byte, range(256)))


def _code_beyond_latin1(error: UnicodeEncodeError) -> tuple[str, int]:
    """Encode what Latin-1 cannot, one character each: a word character as a (non-ASCII)
    word character, a curly apostrophe as a straight one, anything else as neither."""
    return "".join(
        "\u00AA" if c.isalnum() else "'" if c == "\u2019" else "\x7F"
        for c in error.object[error.start : error.end]
    ), error.end


codecs.register_error("tuireader.runs", _code_beyond_latin1)


def _code_for_runs(norm: str) -> bytes:
    """``norm`` one byte a character (so offsets carry over), each character standing for
    what `_CAP_RUN` asks of it: capitals become byte 1, other non-ASCII word characters
    byte 2. Not for a text with "\u00D7", a capital for `_CAP_RUN` but no word character."""
    return norm.encode("latin-1", "tuireader.runs").translate(_RUNS_TABLE)


def _cap_runs(norm: str, start: int, end: int) -> list[tuple[int, str]]:
    """Where `_CAP_RUN` matches in ``norm[start:end]``, and what it matches, in order."""
    if "\u00D7" in norm:
        return [(m.start(), m.group()) for m in _CAP_RUN.finditer(norm, start, end)]
    spans = map(re.Match.span, _CAP_RUN_CODED.finditer(_code_for_runs(norm), start, end))
    return [(a, norm[a:b]) for a, b in spans]


_ACRONYM = re.compile(r"((?:[A-Z][\w'\-]*+[ \t]++(?:(?:of|for|and|the|on)[ \t]++)?){1,8}[A-Z][\w'\-]*+)[ \t]*+\(([A-Z][A-Za-z]{1,9})\)")
"""A name and the acronym after it. The possessive quantifiers (``*+``, ``++``) never give
back what the next part could not match anyway; the repeat over words still does."""
_APPOSITION_ROLE = re.compile(r"^,\s+(?:(?:the|a|an|his|her|its|their)\s+|[A-Z][\w'’]*(?:'s|’s)\s+)?((?:[a-z][\w\-]*\s+){0,4}?([a-z][\w\-]*))(?=\s+(?:of|for|at|in|to)\b|\s*[,.;]|\s+[A-Z])")
_WORD = re.compile(r"[\w'’.\-]+")
_NONSPACE = re.compile(r"\S+")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_DOCUMENT_SOURCE = re.compile(
    rf"(?:the\s+|a\s+|an\s+)?(?:\w+\s+){{0,2}}(?:{'|'.join(sorted(DOCUMENT_NOUNS))})"
    rf"\s+(?:(?:{'|'.join(sorted(PUBLISHED))})\s+)?(?:from|of|by)\s+(.+?)"
    rf"(?:\s+(?:on|in|last|this)\s+(?:{'|'.join(sorted(TIME_WORDS))}|\d)\b.*)?$",
    re.I,
)
"""A document and where it comes from ("data from the census", "a statement released by
the mayor on May 2"): the source, without the date, is the speaker."""
FEMININE_ROLES = {"spokeswoman", "chairwoman", "congresswoman", "actress", "queen", "princess",
                  "empress", "mother", "wife", "daughter", "sister", "woman", "girl", "lady"}


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


class _Keys(dict):
    """Each word's `_key`, worked out once: a plain dict that fills itself, so a word seen
    before costs one lookup done in C (`_key` runs for every word of every capitalised run,
    and an `lru_cache` lookup costs several times more). Emptied when it reaches
    `KEYS_CACHED` words."""

    def __missing__(self, word: str) -> str:
        if len(self) >= KEYS_CACHED:
            self.clear()
        key = word.lower().rstrip(".").replace("’", "'").removesuffix("'s")
        if not key.isascii():
            # "Erdoğan" and "Erdogan" are one name: letters without their accents
            key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
        self[word] = key
        return key


KEYS_CACHED = 16384
_key = _Keys().__getitem__
"""A word lower-cased, without a final full stop or possessive ("Trump's" -> "trump")."""


class Entity:
    """A person or organisation named in the article."""

    __slots__ = ("name", "kind", "forms", "titles", "roles", "gender", "positions", "keys", "_subjects", "_maybe_subjects")

    def __init__(self, name: str, kind: str, keys: list[str] | None = None) -> None:
        self.name = name
        self.kind = kind
        self.forms: set[str] = set()
        """Every way the article writes it."""
        self.titles: set[str] = set()
        """Role words held without qualification ("president" from "President Donald Trump")."""
        self.roles: set[str] = set()
        """Role words held with a qualification ("Russian Federation President", appositions)."""
        self.gender: str | None = None
        self.positions: list[int] = []
        """Where the article names it, kept sorted (`_recency` and others bisect it)."""
        self.keys = keys if keys is not None else [_key(w) for w in name.split()]
        """The name's words, lower-cased, without possessives (given when already known)."""
        self._subjects: list[int] = []
        """`subject_positions` found so far."""
        self._maybe_subjects: list[tuple[str, int, int]] = []
        """Mentions not yet tested as subjects: the text, the paragraph's start, the position."""

    @property
    def subject_positions(self) -> list[int]:
        """Where it stands as the subject of a sentence (a likely antecedent for "he"), sorted.

        Each mention is tested (`_at_subject`) on first use: most articles never ask.
        """
        if self._maybe_subjects:
            found = [at for norm, para_start, at in self._maybe_subjects if _at_subject(norm, para_start, at)]
            self._subjects = sorted(self._subjects + found)
            self._maybe_subjects = []
        return self._subjects

    def maybe_subject(self, norm: str, para_start: int, at: int) -> None:
        """Note a mention at ``at`` that is a subject if it opens its sentence (`_at_subject`)."""
        self._maybe_subjects.append((norm, para_start, at))

    def absorb_subjects(self, other: Entity) -> None:
        """Take ``other``'s subject positions, tested or not."""
        self._subjects = sorted(self._subjects + other._subjects)
        self._maybe_subjects += other._maybe_subjects


class Registry:
    """The named entities of one article, and lookups over them."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.acronyms: dict[str, str] = {}
        self.surnames: dict[str, list[Entity]] = {}
        """Each key of a person's name after the first -> those people, in the order they
        were added (the order of `entities`; a name repeating a word is listed twice)."""
        self.surname_forms: dict[str, set[str]] = {}
        """Each key of `surnames` -> the capitalised words of those people's names that have
        that key ("Cengiz"), as the article writes them."""

    def entity(self, name: str, kind: str, keys: Sequence[str] | None = None) -> Entity:
        """The entity called ``name``, added (as ``kind``, with the name's ``keys`` when they
        are known) if new; ``name`` becomes one of its forms."""
        ent = self.entities.get(name)
        if ent is None:
            ent = self.entities[name] = Entity(name, kind, None if keys is None else list(keys))
            if kind == "person":
                later = ent.keys[1:]
                for k in later:
                    self.surnames.setdefault(k, []).append(ent)
                words = name.split()
                # (the first word too when a later one shares its key: "Ali Ali")
                pairs = zip(words, ent.keys) if ent.keys[:1] and ent.keys[0] in later else zip(words[1:], later)
                for word, k in pairs:
                    if word[:1].isupper():
                        self.surname_forms.setdefault(k, set()).add(word)
        ent.forms.add(name)
        return ent

    def add(self, name: str, kind: str, position: int) -> Entity:
        """`entity`, mentioned at ``position``."""
        ent = self.entity(name, kind)
        bisect.insort(ent.positions, position)
        return ent

    def by_surname(self, words: list[str], before: int | None = None) -> Entity | None:
        """The person whose full name (longer than ``words``) ends with ``words``, or, for
        one word, has it after the first name; the most recent before ``before`` if several."""
        return self.by_surname_keys([_key(w) for w in words], before)

    def by_surname_keys(self, keys: list[str], before: int | None = None) -> Entity | None:
        """`by_surname` for words already turned into keys.

        Only the people whose name has the last key after its first word can match, so
        they are looked up in `surnames` rather than found among all the entities.
        """
        if not keys:
            return None
        n = len(keys)
        best: Entity | None = None
        for ent in self.surnames.get(keys[-1], ()):
            ek = ent.keys
            if len(ek) <= n or ent.kind != "person":
                continue
            if n == 1 or ek[-n:] == keys:
                if best is None or (ent is not best and _recency(ent, before) > _recency(best, before)):
                    best = ent
        return best

    def by_first_name(self, key: str) -> Entity | None:
        """The one person whose full name starts with ``key`` (none when two people share it)."""
        found = [e for e in self.entities.values() if e.kind == "person" and len(e.keys) >= 2 and e.keys[0] == key]
        return found[0] if len(found) == 1 else None

    def by_role(self, role: str, before: int | None) -> Entity | None:
        """The person holding ``role``, preferring an unqualified title."""
        for attr in ("titles", "roles"):
            holders = [e for e in self.entities.values() if e.kind == "person" and role in getattr(e, attr)]
            if holders:
                return max(holders, key=lambda e: _recency(e, before))
        return None


def _recency(ent: Entity, before: int | None) -> int:
    """The entity's last position up to ``before`` (or at all), else minus one less its first."""
    positions = ent.positions  # sorted
    if before is None:
        return positions[-1] if positions else -1
    i = bisect.bisect_right(positions, before)
    return positions[i - 1] if i else -1 - (positions[0] if positions else 0)


def _acronym_fits(acronym: str, full: str) -> bool:
    """Whether ``acronym`` can stand for ``full``: its letters follow the words' initials.

    "AU" fits "African Union"; "UNESCO" does not fit "Scientific Cultural Organization" (a
    name cut short at a comma).
    """
    initials = [w[0].upper() for w in full.split() if w[:1].isupper()]
    letters = [c for c in acronym.upper() if c.isalpha()]
    if not initials or not letters or letters[0] != initials[0]:
        return False
    it = iter(letters)
    return all(any(c == i for c in it) for i in initials)


def _titled_person(titles: list[str], name: list[str]) -> bool:
    """A person's title and name, even if the title names a place or body ("Chief Executive
    of Port Calder Jane Roe"), rather than an organisation's name ("Ministry of Foreign Affairs")."""
    return len(name) >= 2 and not _is_org(name) and _person_title(map(_key, titles))


_SHORT_TITLES = ("mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen")


def _person_title(title_keys: Iterable[str]) -> bool:
    """Whether one of the titles (as keys) is a person's: a role, an honorific or "Dr"."""
    for k in title_keys:
        k = k.rpartition("-")[2]  # "attorney-general"
        if k in ROLE_NOUNS or k in HONORIFIC_GENDER or k in _SHORT_TITLES:
            return True
    return False


def _split_titles(words: list[str], keys: list[str] | None = None) -> tuple[list[str], list[str], list[str]]:
    """(qualifiers, titles, name) of a capitalised run like "Russian President Vladimir Putin".

    Args:
        words: The run's words.
        keys: Their `_key` values, when already known.
    """
    if keys is None:
        keys = list(map(_key, words))
    if any("-" in k for k in keys[:-1]):
        # "Attorney-General Kerry Shine": a hyphenated title is a title
        keys = [k.rpartition("-")[2] if "-" in k and all(part in TITLES for part in k.split("-")) else k for k in keys]
    if TITLES.isdisjoint(keys[:-1]) and not (len(words) > 2 and words[0].lower() == "of"):
        return [], [], words  # no title (the loop below would find none)
    last_title = -1
    for i, k in enumerate(keys[:-1]):
        if k in TITLES or (words[i].lower() == "of" and last_title == i - 1 and i + 1 < len(words) - 1):
            last_title = i
    if last_title < 0:
        return [], [], words
    first_title = last_title
    while first_title > 0 and (keys[first_title - 1] in TITLES or words[first_title - 1].lower() == "of"):
        first_title -= 1
    name = words[last_title + 1 :]
    if words[last_title].lower() == "of" and len(name) < 3:
        # "Director of Public Prosecutions": the words after "of" are the office's (a place
        # and a name after it take three words at least: "Mayor of London Sadiq Khan")
        return words[:first_title], words[first_title:], []
    if words[last_title].lower() == "of":
        # "Mayor of London Sadiq Khan", "Chief Executive of Hong Kong Carrie Lam": the place
        # belongs to the title, and the name is its last two words
        place = len(name) - 2
        last_title += place
        name = name[place:]
    if name[0].lower() in ("the", "of", "for", "on", "and"):
        # "Chancellor of the Exchequer", "Secretary of State for ...": no name ("de Vos" is one)
        return words[:first_title], words[first_title:], []
    return words[:first_title], words[first_title : last_title + 1], name


PLACE_WORDS = frozenset({"eastern", "western", "northern", "southern", "north", "south", "east", "west",
               "central", "sea", "ocean", "river", "island", "islands", "street", "avenue", "road",
               "county", "city", "province", "valley", "mountains", "mount", "lake", "bay", "gulf",
               "coast", "region", "district", "square", "park", "bridge", "airport", "mediterranean",
               "atlantic", "pacific", "strait", "peninsula", "desert", "canal", "port", "harbour",
               "harbor", "station", "day", "week", "year", "cup", "games", "award", "awards", "prize"})


def _is_org(words: list[str]) -> bool:
    return _is_org_t(tuple(words))


@lru_cache(maxsize=4096)
def _is_org_t(words: tuple[str, ...]) -> bool:
    return _is_org_keys(words, [_key(w) for w in words])


def _is_org_keys(words: Sequence[str], keys: list[str]) -> bool:
    """Whether capitalised ``words`` (with their `_key` values) name an organisation or a place."""
    if len(words) > 1:
        for w in words:
            if len(w) > 1 and w.isupper() and w.isalpha():
                return True  # "RAF Croughton", "UCL Hospital"
    if not (PLACE_WORDS.isdisjoint(keys) and ORG_WORDS.isdisjoint(keys)):
        return True
    return keys[-1] in COUNTRIES or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1)


_ACRONYM_PAREN = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")
ACRONYM_REACH = 400
"""How far before "(AU)" the words it stands for may start."""


def _acronyms(norm: str) -> list[re.Match]:
    """The ``Full Name (FN)`` definitions in the text, in order.

    Each "(XX)" is found first and the words before it matched from a short window, so the
    costly pattern never runs from every capital letter of the text.
    """
    found: list[re.Match] = []
    done = 0
    for paren in _ACRONYM_PAREN.finditer(norm):
        if paren.start() < done:
            continue
        window = max(done, paren.start() - ACRONYM_REACH)
        if window > done:
            window = norm.find(" ", window, paren.start()) + 1 or window
        m = _ACRONYM.search(norm, window, paren.end())
        if m is not None:
            found.append(m)
            done = m.end()
    return found


SURNAME_PLACE_WORDS = frozenset({"day", "park", "lake", "bay", "street"})
"""Place words that are also common surnames ("Independence Day", "Doris Day")."""
_PERSON_AFTER = re.compile(r"[ \t]+(?:said|says|told|died|dies|wrote|added|recalled)\b")
_PERSON_BEFORE = re.compile(r"\b([a-z]+)[ \t]+$")


def _surname_like_place(norm: str, at: int, run: str) -> tuple[tuple[int, int, tuple], ...]:
    """A two-word run ending in a place word that is also a surname, read as a person when
    the text says it is one: a verb only people do follows ("Doris Day died"), or a role
    stands before it ("singer Kevin Park"). Otherwise nothing, as before."""
    words = run.split()
    while len(words) > 2 and (_key(words[0]) in ROLE_NOUNS or _key(words[0]) in TITLES or _key(words[0]) in _STOP_OR_PRONOUN):
        words = words[1:]  # "Singer Mara Day", "The actor ...": the name after them
    if len(words) != 2 or _key(words[1]) not in SURNAME_PLACE_WORDS:
        return ()
    skipped = len(run) - len(" ".join(words)) if run.endswith(" ".join(words)) else -1
    if skipped < 0:
        return ()  # (words spaced unevenly: leave it)
    at += skipped
    run = run[skipped:]
    first = _key(words[0])
    if first in _STOP_OR_PRONOUN or first in PLACE_WORDS or first in ORG_WORDS or first in TITLES or first in COUNTRIES:
        return ()
    stop = at + len(run)
    before = _PERSON_BEFORE.search(norm, max(0, at - 30), at)
    if not (_PERSON_AFTER.match(norm, stop) or before is not None and before.group(1) in ROLE_NOUNS):
        return ()
    keys = (first, _key(words[1]))
    return ((skipped, skipped + len(run), (0, words[0], run, run, keys, None, None, False, None)),)


def build_registry(doc: Doc) -> Registry:
    """Collect the people and organisations named in the article."""
    reg = Registry()
    norm = doc.norm
    doc.quoted = sorted(
        (c.open_mark, (c.close_mark + 1) if c.close_mark >= 0 else c.end)
        for c in doc.candidates if c.kind == "direct" and c.open_mark >= 0
    )
    if "(" in norm:
        for m in _acronyms(norm):
            full = " ".join(w for w in m.group(1).split() if _key(w) not in STOP_CAPS or w[0].isupper() and w.lower() not in ("the",))
            words = full.split()
            # the longest tail of the capitalised words the acronym stands for ("Leaders of
            # African Union (AU)" gives "African Union")
            for start in range(len(words)):
                if _acronym_fits(m.group(2), " ".join(words[start:])):
                    reg.acronyms[m.group(2)] = " ".join(words[start:])
                    break
    paragraphs = doc.paragraphs
    if not paragraphs:
        return reg
    para_starts = doc.para_starts
    p = 0
    para_start, para_end = paragraphs[0].start, paragraphs[0].end
    for at, run in _cap_runs(norm, paragraphs[0].start, paragraphs[-1].end):
        people = _run_people(run)
        if not people:
            people = _surname_like_place(norm, at, run)
            if not people:
                continue
        q = max(0, bisect.bisect_right(para_starts, at) - 1)  # `Doc.para_of`, inlined
        if q != p:
            p = q
            para_start, para_end = paragraphs[p].start, paragraphs[p].end
        for start, stop, person in people:
            _register(doc, reg, norm, para_start, para_end, person, at + start, at + stop)
    _surname_mentions(doc, reg)
    if _mentions_gendered_pronoun(doc):
        _genders_from_pronouns(doc, reg)
    # a single-word entry that is the surname of a full name is that person
    for key in [k for k, e in reg.entities.items() if e.kind == "person" and " " not in k]:
        full = reg.by_surname([key])
        if full is not None and full.name != key:
            single = reg.entities.pop(key)
            full.forms |= single.forms
            full.titles |= single.titles
            full.roles |= single.roles
            full.positions = sorted(full.positions + single.positions)  # kept sorted: bisected
            full.absorb_subjects(single)
            full.gender = full.gender or single.gender
    return reg


def _surname_mentions(doc: Doc, reg: Registry) -> None:
    """Place every lone surname of a named person ("Cengiz said" after "Hatice Cengiz")."""
    if not reg.surnames:
        return
    norm = doc.norm
    size = len(norm)
    para_starts = doc.para_starts
    for key, people in reg.surnames.items():
        for form in reg.surname_forms.get(key, ()):
            at = norm.find(form)
            while at != -1:
                end = at + len(form)
                # a word of its own, not followed by another capitalised word ("Cengiz Bey")
                if ((at == 0 or not norm[at - 1].isalnum())
                        and (end == size or not norm[end].isalnum())
                        and not (norm.startswith(" ", end) and norm[end + 1 : end + 2].isupper())
                        and not (at and norm[at - 1] == " " and _after_capitalised_word(norm, at))
                        and not doc.in_quote(at)):
                    # a lone surname, not part of a longer capitalised run
                    ent = people[0] if len(people) == 1 else max(people, key=lambda e: _recency(e, at))
                    bisect.insort(ent.positions, at)  # kept sorted for `_recency`
                    para = doc.paragraphs[max(0, bisect.bisect_right(para_starts, at) - 1)]  # `Doc.para_of`
                    ent.maybe_subject(norm, para.start, at)
                at = norm.find(form, end)


def _after_capitalised_word(norm: str, at: int) -> bool:
    """Whether the last word before ``at`` (within 30 characters) is capitalised and ends
    with a letter ("Hatice" before "Cengiz"), and is not a word that never starts a name
    ("Yesterday Cengiz said", "But Cengiz said")."""
    prev = norm[max(0, at - 30) : at].rsplit(None, 1)[-1:]
    return bool(prev) and prev[0][:1].isupper() and prev[0][-1:].isalpha() and prev[0].lower() not in STOP_CAPS


_PRONOUN_SUBJECT = re.compile(r"[,.!?][\"')]*\s+((?:[Ss]h|[Hh])e)\s+(?!said|says)")
"""He/She opening a clause: after a comma, or after a sentence end and any closing marks,
and whitespace (group 1 is the pronoun). A comma followed by a closing mark opens nothing
(checked by hand); a pronoun opening the text is found by `_PRONOUN_AT_START`."""
_PRONOUN_AT_START = re.compile(r"((?:[Ss]h|[Hh])e)\s+(?!said|says)")


def _clause_pronouns(norm: str, start: int, end: int) -> list[tuple[int, str]]:
    """Where "he"/"she" open a clause in ``norm[start:end]`` (a paragraph), and which."""
    found = []
    if start == 0:
        m = _PRONOUN_AT_START.match(norm, 0, end)
        if m:
            found.append((0, m.group(1)))
    for m in _PRONOUN_SUBJECT.finditer(norm, start, end):
        if norm[m.start()] != "," or norm[m.start() + 1].isspace():
            found.append((m.start(1), m.group(1)))
    return found


_GENDERED_PRONOUNS = frozenset(p for p, g in PRONOUNS.items() if g in ("m", "f"))
"""The pronouns whose resolution looks at a person's gender ("he", "her")."""


def _mentions_gendered_pronoun(doc: Doc) -> bool:
    """Whether a statement's speaker mention has a word that is a gendered pronoun.

    Only those mentions read an entity's gender, so an article without one needs no
    genders from pronouns (a loose test: "a report by him" counts too).
    """
    norm = doc.norm
    for c in doc.candidates:
        if c.mention is not None and not _GENDERED_PRONOUNS.isdisjoint(norm[c.mention[0] : c.mention[1]].lower().split()):
            return True
    return False


def _genders_from_pronouns(doc: Doc, reg: Registry) -> None:
    """A "She ..." sentence right after a person's sentence tells that person's gender."""
    people = [e for e in reg.entities.values() if e.kind == "person"]
    if not any(e.gender is None and e.subject_positions for e in people):
        return  # no one whose gender is unknown stands as a subject
    subjects = _Mentions(people, "subject_positions")
    mentions: _Mentions | None = None
    for para in doc.paragraphs:
        if not subjects.any_between(para.start - 300, para.end):
            continue  # no one stands as a subject close enough before any pronoun here
        for at, pronoun in _clause_pronouns(doc.norm, para.start, para.end):
            if doc.in_quote(at):
                continue
            # the person standing as a subject last before the pronoun
            got = subjects.last_before(at)
            if got is None:
                continue
            pos, ent = got
            if at - pos >= 300 or ent.gender is not None:
                continue
            # and no one else named between them
            if mentions is None:
                mentions = _Mentions(people, "positions")
            if not mentions.other_between(ent, pos, at):
                ent.gender = "m" if pronoun.lower() == "he" else "f"


class _Mentions:
    """The positions of several entities merged into one sorted list, for nearest-mention
    queries in logarithmic time."""

    def __init__(self, entities: list[Entity], attr: str) -> None:
        merged = sorted((p, n) for n, e in enumerate(entities) for p in getattr(e, attr))
        self.positions = [p for p, _ in merged]
        self.owners = [entities[n] for _, n in merged]
        """Who stands at each position; among equal positions, the entities in list order."""

    def last_before(self, at: int) -> tuple[int, Entity] | None:
        """The latest position before ``at`` and its entity (the first listed on a tie)."""
        i = bisect.bisect_left(self.positions, at)
        if not i:
            return None
        pos = self.positions[i - 1]
        return pos, self.owners[bisect.bisect_left(self.positions, pos)]

    def any_between(self, after: int, before: int) -> bool:
        """Whether a position lies strictly between ``after`` and ``before``."""
        i = bisect.bisect_right(self.positions, after)
        return i < len(self.positions) and self.positions[i] < before

    def other_between(self, ent: Entity, after: int, before: int) -> bool:
        """Whether an entity other than ``ent`` stands strictly between ``after`` and ``before``."""
        i = bisect.bisect_right(self.positions, after)
        j = bisect.bisect_left(self.positions, before, i)
        return any(o is not ent for o in self.owners[i:j])


def _ends_sentence(word: str) -> bool:
    """Whether a word of a capitalised run ends a sentence: a full stop that is not a
    title's ("Gen.") or initials' ("J.R.")."""
    return word.endswith(".") and len(word) > 2 and _key(word) not in TITLES and not _INITIALS.fullmatch(word)


_WORD_AT_STOP = re.compile(r"(?<!\S)\S\S+\.(?!\S)")
"""A word of three or more characters ending with a full stop (what `_ends_sentence` needs)."""


def _split_run(run: str, at: int) -> list[tuple[tuple[str, ...], int, int]]:
    """Split a capitalised run where a sentence ends inside it ("Peace. President Putin").

    Returns:
        Each piece's words (without the sentence's full stop) and where it starts and
        stops, as offsets into the text (``run`` starts at ``at``).
    """
    if "." not in run:
        return [(tuple(run.split()), at, at + len(run))]
    out: list[tuple[tuple[str, ...], int, int]] = []
    start = 0
    # (only the words that could end a sentence are looked at, not every word)
    for m in _WORD_AT_STOP.finditer(run):
        if _ends_sentence(m.group()):
            stop = m.end() - 1
            out.append((tuple(run[start:stop].split()), at + start, at + stop))
            following = _NONSPACE.search(run, m.end())
            start = following.start() if following else len(run)
    if start < len(run):
        out.append((tuple(run[start:].split()), at + start, at + len(run)))
    return out


LEAD_INS = {"in", "on", "at", "after", "before", "during", "speaking", "according", "later",
            "meanwhile", "however", "yesterday", "today", "tonight", "tomorrow", "last", "earlier",
            "when", "while", "since", "as", "despite", "following", "under", "from", "with", "for",
            "by", "also", "yet", "still", "instead", "asked", "writing", "separately", "previously",
            "additionally", "moreover", "now", "then", "afterwards", "initially", "originally",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "this",
            "addressing", "responding", "announcing", "so", "but", "and", "although", "though"}
_SENTENCE_START = re.compile(r'[.!?]["\')\]]*\s+$|^\s*$')


_LAST_SENTENCE_GAP = re.compile(r'.*[.!?"] ', re.S)
"""Everything up to the last ". ", "! ", "? " or '" ' (which also ends '." '): matched from
the start of a window, the greedy ``.*`` runs to its end and backs off to the last gap,
which is found sooner than by searching for each of the four."""


def _at_subject(norm: str, para_start: int, at: int) -> bool:
    """Whether a name at ``at`` opens its sentence (after at most a short lead-in)."""
    # the sentence starts after the last gap in the 200 characters before the name,
    # within the paragraph
    lo = max(para_start, at - 200)
    gap = _LAST_SENTENCE_GAP.match(norm, lo, at) if at > lo else None
    if gap is not None:
        prefix = norm[gap.end() : at].strip()
    elif at - 200 > para_start:
        return False
    else:
        prefix = norm[lo:at].strip()
    if not prefix:
        return True
    words = prefix.split(None, 10)  # enough to tell the lengths below
    if len(words) <= 4 and "," not in prefix:
        return _NOT_SUBJECT_LEAD.isdisjoint(prefix.lower().split())
    if prefix.endswith(",") and len(words) <= 10 and (words[0].lower().strip(",") in LEAD_INS or words[0][:1].isdigit()):
        return True
    if prefix.endswith(",") and len(words) <= 6 and words[0].lower() in ("the", "a", "an", "its", "his", "her", "their"):
        return True  # an apposition to the subject: "The board's chief, Dr Jane Roe, said"
    lead, comma, rest = prefix.rpartition(",")
    if comma and lead and (lead.split()[0].lower() in LEAD_INS or lead[:1].isdigit()):
        # a lead-in, then a role before the name: "On Tuesday, Greek prime minister Jane Roe"
        rest_words = rest.split()
        return 0 < len(rest_words) <= 4 and _NOT_SUBJECT_LEAD.isdisjoint(w.lower() for w in rest_words)
    return False


_NOT_SUBJECT_LEAD = frozenset({"said", "says", "told", "and", "but", "with", "to", "by"})
"""Words that, before a name, show it is not the sentence's subject ("told Jane Roe")."""


_STOP_OR_PRONOUN = frozenset(STOP_CAPS) | frozenset(PRONOUNS)
_RUN_BREAKERS = _STOP_OR_PRONOUN - {"the", "a", "an", "of", "and", "for", "in", "on", "at", "to", "by",
                                    "from", "with", "new", "one", "two", "three", "first", "last",
                                    "next", "no", "not", "mr.", "ms.", "mrs.", "dr.", "may"}
"""Stop words that, capitalised inside a run, start a new clause ("U.S. While Clinton"): not
the joiners and modifiers names and titles contain ("Bank of America", "New York")."""


_RUN_TAIL_JOINERS = frozenset({"of", "the", "and", "for", "on", "de", "van", "von"})
"""Lower-case words dropped from the end of a run ("Bank of")."""


@lru_cache(maxsize=16384)
def _run_people(run: str) -> tuple[tuple[int, int, tuple], ...]:
    """The people a capitalised run names, from its text alone (cached across articles).

    Returns:
        For each piece of the run (see `_split_run`) that names a person: where the
        mention starts (after any skipped words) and where the piece stops, as offsets
        into ``run``, and the `_person_run` tuple.
    """
    digits = _has_digit(run)
    people = []
    for words, start, stop in _split_run(run, 0):
        keys = list(map(_key, words))
        person = _plain_run(run, words, keys, digits)
        if person is None:
            person = _person_run(words, digits, keys)
        if person:
            if person[0]:  # words skipped at the front: the mention starts at the first kept
                start = run.find(person[1], start)
            people.append((start, stop, person))
    return tuple(people)


_NAME_SHAPERS = _STOP_OR_PRONOUN | TITLES | ROLE_NOUNS | _RUN_TAIL_JOINERS
"""The keys of words that may start, end or split a name in a run, or give it a title (see
`_person_run`)."""
_ORG_MARKS = PLACE_WORDS | ORG_WORDS
_CAPITALS_PAIR = re.compile(r"[A-Z][A-Z]")


def _plain_run(run: str, words: tuple[str, ...], keys: list[str], digits: bool) -> tuple | None:
    """`_person_run` for the commonest runs, plain words after any stop words ("The",
    "But"): a person's name alone ("Jane Roe", "But Jane Roe") or an organisation's or
    place's ("Louisiana Recovery Authority").

    In such a piece every word after the stop words is an ASCII word that does not shape
    a name (`_NAME_SHAPERS`), and the last has no full stop, so those words are the name.
    (Half of the runs an article has not seen before.)

    Args:
        run: The whole run.
        words: The words of one piece of it (see `_split_run`), and keys: their `_key` values.
        digits: Whether a word has a digit.

    Returns:
        The `_person_run` tuple for a person's name; ``()`` for no name (one word after
        the stop words, an organisation's or place's name); None when `_person_run` must
        look closer (a digit, an acronym ("RAF" marks an organisation: no two capitals
        follow each other here), a possessive, a country, a word and a letter ("Plan
        A"), more than four words, or not that kind of run at all).
    """
    skip = 0
    while skip < len(keys) and keys[skip] in _STOP_OR_PRONOUN:
        skip += 1
    if len(keys) - skip < 2:
        return ()  # (`_person_run` only ever drops more words)
    if skip:
        words, keys = words[skip:], keys[skip:]
    if not run.isascii() or not _NAME_SHAPERS.isdisjoint(keys) or "-" in run:
        return None  # (a hyphen may make a title: "Attorney-General")
    if not _ORG_MARKS.isdisjoint(keys):
        return ()  # (`_is_org_keys`)
    last = words[-1]
    if (digits or len(words) > 4 or keys[-1] in COUNTRIES or (len(words) == 2 and len(last) == 1)
            or last.endswith(("'s", ".")) or _CAPITALS_PAIR.search(run) is not None):
        return None
    form = " ".join(words)
    return (skip, words[0], form, form, tuple(keys), None, None, False, None)


_ASCII_DIGIT = re.compile(r"[0-9]")


def _has_digit(text: str) -> bool:
    """Whether a character of ``text`` is a digit (`str.isdigit`)."""
    if text.isascii():
        return _ASCII_DIGIT.search(text) is not None
    return any(map(str.isdigit, text))


def _person_run(run: tuple[str, ...], digits: bool = True, keys: list[str] | None = None) -> tuple | None:
    """The person a capitalised run names, from its words alone (see `_run_people`).

    Args:
        run: The run's words.
        digits: False when no word has a digit (saves looking).
        keys: The words' `_key` values, when already known (not changed).

    Returns:
        None when the run names no person: an organisation (taken as written when a
        statement names it), a lone capitalised word, or no name at all. Otherwise
        ``(skip, first, form, name, keys, role, role_head, qualified, gender)``:

        - skip: how many words were skipped at the front ("The", a pronoun);
        - first: the first word kept, to find where the mention starts after a skip;
        - form: the mention as written ("President Donald Trump");
        - name: the person's name ("Donald Trump"), and keys: its words' `_key` values;
        - role: the role the titles give ("vice president"), or None, and role_head: its
          last word ("president");
        - qualified: whether the role is held with a qualification ("Russian Federation
          President", "President Trump's");
        - gender: what the last gendered honorific ("Mrs") tells, or None.

        A plain tuple of strings, numbers and None, which the garbage collector ignores.
    """
    if keys is None:
        keys = list(map(_key, run))
    skip, end = 0, len(run)
    while skip < end and keys[skip] in _STOP_OR_PRONOUN:
        skip += 1
    for i in range(end - 1, skip, -1):
        if keys[i] in _RUN_BREAKERS and run[i][:1].isupper():
            skip = i + 1  # "the U.S. While Clinton ...": a new clause starts inside the run
            break
    while end - skip > 2 and keys[skip] in ROLE_NOUNS and keys[skip] not in TITLES:
        skip += 1  # "Singer Anna Berg" opening a sentence: a role, not part of the name
    while end > skip and run[end - 1].lower() in _RUN_TAIL_JOINERS:
        end -= 1
    if end - skip < 2:
        return None  # nothing, or a lone capitalised word (a surname seen elsewhere, or not a name)
    words, keys = list(run[skip:end]), keys[skip:end]
    last = words[-1]
    possessive = last.endswith(("'s", "’s"))
    words[-1] = (last[:-2] if possessive else last).rstrip(".") or last
    keys[-1] = _key(words[-1])
    qualifiers, titles, name = _split_titles(words, keys)
    if not name or len(name) > 4:
        return None
    if digits and any(map(_has_digit, name)):
        return None  # "Volvo XC90", "Apollo 11": a model, a mission, not a person
    if not titles:
        if len(name) == 1:
            return None  # a lone capitalised word: a surname seen elsewhere, or not a name
        if len(name) == 2 and len(name[1]) == 1:
            return None  # "Plan A", "Vitamin C": a word and a letter name a thing
        if _is_org_keys(name, keys) or STOP_CAPS.issuperset(keys):
            return None
        form = " ".join(words)
        return (skip, words[0], form, form, tuple(keys), None, None, possessive, None)
    name_keys = keys[len(words) - len(name) :]
    title_keys = keys[len(qualifiers) : len(qualifiers) + len(titles)]
    if _is_org_keys(name, name_keys) or STOP_CAPS.issuperset(name_keys):
        return None
    if _is_org_keys(words, keys) and not (len(name) >= 2 and _person_title(title_keys)):
        return None  # an organisation ("Ministry of Foreign Affairs")
    # the role is the title before any "of" ("Mayor" of "Mayor of London")
    lowered = [t.lower() for t in titles]
    head = title_keys[: lowered.index("of")] if "of" in lowered else title_keys
    role_words = [k for k in head if k not in ("former", "acting", "state")]
    genders = [g for g in map(HONORIFIC_GENDER.get, title_keys) if g]
    return (
        skip,
        words[0],
        " ".join(words),
        " ".join(name),
        tuple(name_keys),
        " ".join(role_words) if role_words else None,
        role_words[-1] if role_words else None,
        bool(qualifiers) or possessive,
        genders[-1] if genders else None,
    )


def _register(doc: Doc, reg: Registry, norm: str, para_start: int, para_end: int,
              person: tuple, start: int, stop: int) -> None:
    """Add a person named by a capitalised run (see `_person_run`) at ``start``; the run's
    piece stops at ``stop``."""
    _skip, _first, form, name, keys, role, role_head, qualified, gender = person
    # named inside someone's quotation: known, but neither a role holder nor an antecedent
    # for a pronoun outside it, so the mention is not recorded
    quoted = doc.in_quote(start)
    ent: Entity | None = None
    if len(keys) == 1:
        ent = reg.by_surname_keys(list(keys), start)
        if ent is not None and not quoted:
            ent.positions.append(start)
    if ent is None:
        ent = reg.entity(name, "person", keys)
        if not quoted:
            bisect.insort(ent.positions, start)
    ent.forms.add(form)
    if quoted:
        return
    ent.maybe_subject(norm, para_start, start)
    if gender:
        ent.gender = gender
    if role is not None:
        first_titled = not (ent.titles or ent.roles)
        qualified = qualified or (not first_titled and role_head in ent.roles)
        target = ent.roles if qualified else ent.titles
        target.add(role_head)
        target.add(role)
    # apposition: "Mike Pence, Trump's former vice president"
    if norm.startswith(",", stop, para_end):
        am = _APPOSITION_ROLE.match(norm[stop : min(para_end, stop + 80)])
        if am and (am.group(2) in ROLE_NOUNS or am.group(1) in ROLE_NOUNS):
            ent.roles.add(am.group(2))
            ent.roles.add(am.group(1))
            if am.group(2) in FEMININE_ROLES:
                ent.gender = "f"
    if start > para_start and norm[start - 1] == " ":
        # a role word right before the name: "executive director Sara Amundson"
        last = norm[max(para_start, start - 40) : start].rsplit(None, 1)[-1:]
        if last and last[0].islower() and last[0] in ROLE_NOUNS:
            ent.roles.add(last[0])


@dataclass
class _Salient:
    position: int
    entity: Entity


def _is_heading(raw: str) -> bool:
    """Whether a mention is a line in capitals ("TURNOUT DOESN'T RAISE EXPECTATIONS"):
    three or more words, every letter upper-case."""
    return raw.isupper() and len(raw.split()) >= 3


_CONTRACTED_PRONOUN = re.compile(r"(he|she|they|it|i|we|you)'(?:s|re|ve|d|ll|m)", re.IGNORECASE)


def _contracted_pronoun(raw: str) -> str | None:
    """The pronoun of a contraction standing as a mention ("He's", "I've"), else None."""
    m = _CONTRACTED_PRONOUN.fullmatch(raw)
    return m.group(1) if m else None


def rule_resolve(doc: Doc) -> None:
    """Resolve every statement's speaker mention to a canonical speaker."""
    reg = build_registry(doc)
    text = doc.text
    speakers: dict[str, Entity] = {}
    history: list[_Salient] = []
    for c in sorted(doc.candidates, key=lambda c: (c.mention or (c.start, c.end))[0]):
        if c.mention is None:
            continue
        raw = " ".join(doc.norm[c.mention[0] : c.mention[1]].split())
        if "'" in raw:
            pronoun = _contracted_pronoun(raw)
            if pronoun is not None:
                # "He's claiming that ...": the speaker is "He", not a name "He's"
                c.mention = (c.mention[0], c.mention[0] + len(pronoun))
                raw = pronoun
        if _is_heading(raw):
            c.mention = c.speaker = None  # "RED STATES OUTNUMBER BLUE": a subheading, not a speaker
            continue
        ent = _resolve(raw, c.mention[0], reg, history, doc)
        if ent is None:
            c.speaker = None
            continue
        c.speaker = ent.name
        speakers[ent.name] = ent
        g = PRONOUNS.get(raw.lower())
        if g is None:
            ent.forms.add(" ".join(text[c.mention[0] : c.mention[1]].split()))
        elif g in ("m", "f") and ent.gender is None:
            ent.gender = g
        history.append(_Salient(c.mention[0], ent))
    doc.entities = speakers
    doc.registry = reg


_OBJECT_PRONOUNS = {"him": "he", "them": "they", "us": "we", "me": "i"}
"""Object pronouns and their subject forms (a mention of "her" is resolved as "she")."""


def _resolve(raw: str, at: int, reg: Registry, history: list[_Salient], doc: Doc) -> Entity | None:
    words = _words(raw)
    if not words:
        return None
    low = raw.lower()
    if low in ("who", "which"):
        return _relative_antecedent(at, reg)
    low = _OBJECT_PRONOUNS.get(low, low)
    if low in PRONOUNS and low != "her":
        return _pronoun(low, at, reg, history, doc)
    if low == "her":
        return _pronoun("she", at, reg, history, doc)
    if ", " in raw:
        # "the mayor of Vellmouth, Ann Holt": the name set beside the role
        tail = raw.rpartition(", ")[2].split()
        if len(tail) >= 2 and all(w[:1].isupper() for w in tail):
            return _resolve(" ".join(tail), at, reg, history, doc)
    # (the pattern needs " from ", " of " or " by "; raw is single-spaced)
    m = _DOCUMENT_SOURCE.match(raw) if " of " in low or " by " in low or " from " in low else None
    if m:
        return _resolve(m.group(1), at, reg, history, doc)
    keys = list(map(_key, words))
    if len(keys) == 1 and keys[0] in QUANTIFIER_PRONOUNS:
        # "Some say", "Many said": an unnamed group keeps its word
        return reg.entities.get(keys[0]) or reg.add(keys[0], "group", at)
    # drop determiners and possessive owners: "the president", "Trump's spokesman"
    determined = bool(keys) and keys[0] in DETERMINERS
    while keys and keys[0] in DETERMINERS:
        words, keys = words[1:], keys[1:]
    owner = max((n for n, w in enumerate(words[:-2]) if w.endswith(("'s", "\u2019s"))), default=-1)
    if owner >= 0 and all(w[:1].isupper() for w in words[owner + 1 :]):
        # "The Vell Rights Fund's Jacqueline De Leon": the person after the body's possessive
        words = words[owner + 1 :]
        keys = list(map(_key, words))
    if not words:
        return None
    # "Ryan Cloutier of the Harvard Center", "Abdel el-Sisi of Egypt": the name before "of"
    if "of" in keys[1:] and words[0][:1].isupper():
        cut = keys.index("of", 1)
        before_of, after_of = words[:cut], [w for w in words[cut + 1 :] if _key(w) != "the"]
        person_before = len(before_of) >= 2 or reg.by_surname(before_of, at) is not None
        if person_before and after_of and _is_org(after_of) and not _is_org(before_of) and keys[cut - 1] not in TITLES:
            words, keys = words[:cut], keys[:cut]
    def capish(n: int) -> bool:
        w = words[n]
        if w[:1].isupper() or "-" in w and w.split("-")[-1][:1].isupper():
            return True
        # a joiner between capitalised words: "Mayor of London", "Osama bin Laden"
        return (0 < n < len(words) - 1 and w.lower() in ("of", "de", "van", "von", "bin", "al", "la", "le", "del", "da")
                and words[n - 1][:1].isupper() and words[n + 1][:1].isupper())

    caps = [w for n, w in enumerate(words) if capish(n)]
    if caps and len(caps) < len(words) and words[-1] in caps:
        # role words before a name: "study co-author Karen Alley", "UCL astronomer A. Tsiaras"
        k = len(words)
        while k > 0 and words[k - 1] in caps:
            k -= 1
        tail = words[k:]
        role_before = k > 0 and keys[k - 1] not in ("on", "of", "for", "at", "in", "to", "the", "with", "from")
        if role_before and not _is_org(tail) and (len(tail) >= 2 or reg.by_surname(tail, at) is not None or keys[k - 1] in ROLE_NOUNS):
            words, keys = tail, [_key(w) for w in tail]
            caps = tail
    # "the Prime Minister", "the President": a role written with capitals, resolved as
    # "the prime minister" is (but "Mr. King" and a lone "Dean" are names)
    only_titles = all(k in TITLES for k in keys) and (determined or len(keys) >= 2 and keys[0] not in HONORIFIC_GENDER)
    if caps and len(caps) == len(words) and not only_titles:
        if len(words) == 1 and keys[0] in SURNAME_PLACE_WORDS:
            # "Day said" after "Doris Day": the person, not the place word
            ent = reg.by_surname(words, at)
            if ent is not None and ent.kind == "person":
                return ent
        if len(words) == 1 and words[0] in reg.acronyms:
            full = reg.acronyms[words[0]]
            ent = reg.entities.get(full) or reg.add(full, "organisation", at)
            ent.forms.add(words[0])
            return ent
        if (len(words) == 1 and not determined and (keys[0] in GROUP_NOUNS or keys[0] in ORG_WORDS)
                and _sentence_initial(doc.norm, at) and (keys[0] in GROUP_NOUNS or _written_lower(doc.norm, words[0].lower()))):
            # "Police said" at a sentence start is the same speaker as "police" elsewhere
            # (but "Reuters", never written in lower case, keeps its capital, and so does a
            # word after "The": "The Times" is a name even where "three times" is written)
            name = words[0].lower()
            return reg.entities.get(name) or reg.add(name, "group" if name in GROUP_NOUNS else "organisation", at)
        qualifiers, titles, name = _split_titles(words, keys)
        if _is_org_keys(words, keys) and not _titled_person(titles, name):
            name = " ".join(words)
            return reg.entities.get(name) or reg.add(name, "organisation", at)
        if not name:
            # the role is the title before any "of": "Director" of "Director of Public Prosecutions"
            head_titles = [_key(t) for t in titles]
            head_titles = head_titles[: head_titles.index("of")] if "of" in head_titles else head_titles
            role = head_titles[-1] if head_titles else ""
            return reg.by_role(role, at) if role else None
        full = " ".join(name)
        ent = reg.entities.get(full)
        if ent is None or ent.kind != "person":
            ent = reg.by_surname(name, at) or ent
        if ent is None and len(name) == 1:
            ent = reg.by_first_name(_key(name[0]))  # "Boonsrang said" after "Boonsrang Niempradit"
        if ent is None:
            ent = reg.add(full, classify(name) if len(name) > 1 else "person", at)
        return ent
    head = keys[-1]
    if head in ROLE_NOUNS or (len(keys) >= 2 and " ".join(keys[-2:]) in ROLE_NOUNS):
        role = " ".join(keys[-2:]) if " ".join(keys[-2:]) in ROLE_NOUNS else head
        ent = reg.by_role(role, at)
        if ent is not None and not any(k in ("one", "another", "other", "a", "an") for k in _words(low)[:1]) and _fits_office(
            keys[: len(keys) - len(role.split())], head, ent
        ):
            return ent
    if len(keys) == 1 and determined and keys[0] not in ("news", "media", "press", "public", "people"):
        body = _body_by_head(reg, keys[0], at)  # ("the news" is no reference to "CBS News")
        if body is not None:
            return body  # "the union" after "the Vell Dockers Union"
    # a group or an unnamed source keeps its own words
    name = " ".join(w for w in raw.split())
    if low.split()[0] in ("the",) and (only_titles or not any(w[:1].isupper() for w in words)):
        name = " ".join(raw.split()[1:])
    kind = "group" if head in GROUP_NOUNS or head.endswith("s") else classify(words)
    ent = reg.entities.get(name) or reg.add(name, kind if kind != "unknown" else "group", at)
    return ent


_NOT_OFFICE = frozenset({"former", "then", "new", "current", "acting", "outgoing", "incoming", "interim", "late", "same"})
"""Words before a role that say when it was held, not which office it is."""


def _fits_office(modifiers: list[str], head: str, ent: Entity) -> bool:
    """Whether the words before a role ("Brazilian" in "the Brazilian president", "Defence" in
    "the Defence Secretary") fit the holder: a holder written with another office of the
    same noun ("Venezuelan President Hugo Chavez", "Secretary of State Colin Powell") is
    someone else. Possessives and words of time are not checked; a holder written with no
    qualifier fits any.

    Args:
        modifiers: The mention's words before the role, as keys.
        head: The role's noun.
        ent: The holder found for the role.
    """
    wanted = {m for m in modifiers if m not in _NOT_OFFICE and not m.endswith(("'s", "s'"))}
    if not wanted:
        return True
    for form in ent.forms:
        keys = [_key(w) for w in _words(form)]
        for i, k in enumerate(keys):
            if k != head:
                continue
            office = set()
            if i > 0 and keys[i - 1] not in TITLES and keys[i - 1] not in DETERMINERS:
                office.add(keys[i - 1])
            if i + 2 < len(keys) and keys[i + 1] == "of":
                office.add(keys[i + 3] if keys[i + 2] == "the" and i + 3 < len(keys) else keys[i + 2])
            if office and not office & wanted:
                return False
    return True


def _body_by_head(reg: Registry, head: str, at: int) -> Entity | None:
    """The one organisation named before ``at`` whose name ends in ``head`` ("the union" for
    "Vell Dockers Union"), else None (none, or more than one)."""
    found = [e for e in reg.entities.values()
             if e.kind == "organisation" and len(e.keys) > 1 and e.keys[-1] == head and e.positions and e.positions[0] < at]
    return found[0] if len(found) == 1 else None


def _written_lower(norm: str, word: str) -> bool:
    """Whether ``word`` (lower case) stands as a word of its own somewhere in the text."""
    at = norm.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not norm[at - 1].isalnum()) and (end == len(norm) or not norm[end].isalnum()):
            return True
        at = norm.find(word, at + 1)
    return False


def _sentence_initial(norm: str, at: int) -> bool:
    """Whether the word at ``at`` opens a sentence or a paragraph."""
    before = norm[max(0, at - 4) : at].rstrip(" \t\"'(")
    return not before or before[-1] in ".!?\n"


def _relative_antecedent(at: int, reg: Registry) -> Entity | None:
    """For "who said": the person named just before ("Jane Roe, who ... said")."""
    best: tuple[int, Entity] | None = None
    for ent in reg.entities.values():
        if ent.kind != "person":
            continue
        i = bisect.bisect_left(ent.positions, at)
        if i and at - ent.positions[i - 1] < 80 and (best is None or ent.positions[i - 1] > best[0]):
            best = (ent.positions[i - 1], ent)
    return best[1] if best else None


HISTORY_LOOKBACK = 40
"""Statements looked back over for a pronoun's antecedent."""


def _pronoun(low: str, at: int, reg: Registry, history: list[_Salient], doc: Doc) -> Entity | None:
    gender = PRONOUNS[low]
    if gender in ("m", "f", "s"):
        # the latest person standing as a subject (a speaker or a sentence subject) before the
        # pronoun, else the latest person named at all
        def fits(ent: Entity) -> bool:
            return ent.kind == "person" and (gender not in ("m", "f") or ent.gender in (None, gender))

        best_subject: tuple[int, Entity] | None = None
        best_any: tuple[int, Entity] | None = None
        gendered = gender in ("m", "f")
        for ent in reg.entities.values():
            if ent.kind != "person" or (gendered and ent.gender is not None and ent.gender != gender):
                continue  # not `fits` (inlined: this loop runs over every entity)
            subject = ent.subject_positions
            if subject:
                i = bisect.bisect_left(subject, at)
                if i and (best_subject is None or subject[i - 1] > best_subject[0]):
                    best_subject = (subject[i - 1], ent)
            i = bisect.bisect_left(ent.positions, at)
            if i and (best_any is None or ent.positions[i - 1] > best_any[0]):
                best_any = (ent.positions[i - 1], ent)
        for s in reversed(history[-HISTORY_LOOKBACK:]):
            if s.position < at and fits(s.entity):
                if best_subject is None or s.position > best_subject[0]:
                    best_subject = (s.position, s.entity)
                break
        if best_subject is not None and at - best_subject[0] < 1200:
            return best_subject[1]
        if best_any is not None and at - best_any[0] < 800:
            return best_any[1]
        return None
    # they / it / we: the latest organisation or group
    for s in reversed(history[-HISTORY_LOOKBACK:]):
        if s.position < at and s.entity.kind in ("organisation", "group"):
            return s.entity
    return None


def build_speakers(doc: Doc, candidates: list[Candidate]) -> list[Speaker]:
    """The speakers with at least one statement, most statements first."""
    entity_of: dict[str, Entity] = doc.entities
    counts: dict[str, int] = {}
    for c in candidates:
        if c.speaker:
            counts[c.speaker] = counts.get(c.speaker, 0) + 1
    out = []
    # most statements first, then by name (sorting is stable, also in reverse)
    for name, count in sorted(sorted(counts.items()), key=itemgetter(1), reverse=True):
        ent = entity_of.get(name)
        seen = {name.casefold()}
        aliases = []
        forms = sorted(sorted(ent.forms), key=len) if ent else []  # shortest first, then by text
        if ent is not None:
            forms += sorted(f"the {r}" for r in ent.titles)
        for form in forms:
            folded = form.casefold()
            if folded not in seen:
                seen.add(folded)
                aliases.append(form)
        kind = ent.kind if ent is not None else "unknown"
        if kind not in ("person", "organisation", "group"):
            kind = "unknown"
        out.append(Speaker(name=name, aliases=tuple(aliases), kind=kind))  # type: ignore[arg-type]
    return out
