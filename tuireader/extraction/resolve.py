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
import re
from functools import lru_cache
from dataclasses import dataclass

from tuireader.extraction.doc import Candidate, Doc
from tuireader.extraction.lexicon import (
    COUNTRIES,
    GROUP_NOUNS,
    HONORIFIC_GENDER,
    ORG_WORDS,
    PRONOUNS,
    ROLE_NOUNS,
    STOP_CAPS,
    TITLES,
)
from tuireader.extraction.phrases import DETERMINERS, classify
from tuireader.model import Speaker

_CAP_RUN = re.compile(
    r"[A-Z\u00C0-\u00DE][\w'\u2019.\-]*(?:[ \t]+(?:(?:of|de|da|del|della|der|van|von|la|le|al|bin|ibn|du|dos|das|the|for)[ \t]+)?"
    r"[A-Z\u00C0-\u00DE][\w'\u2019.\-]*)+"
)
"""Two or more capitalised words: names, titled names and organisations. Lone capitalised
words are not scanned here (most open a sentence); surnames are found afterwards."""
_ACRONYM = re.compile(r"((?:[A-Z][\w'\-]*[ \t]+(?:(?:of|for|and|the|on)[ \t]+)?){1,8}[A-Z][\w'\-]*)[ \t]*\(([A-Z][A-Za-z]{1,9})\)")
_APPOSITION_ROLE = re.compile(r"^,\s+(?:(?:the|a|an|his|her|its|their)\s+|[A-Z][\w'’]*(?:'s|’s)\s+)?((?:[a-z][\w\-]*\s+){0,4}?([a-z][\w\-]*))(?=\s+(?:of|for|at|in|to)\b|\s*[,.;]|\s+[A-Z])")
_WORD = re.compile(r"[\w'’.\-]+")
_NONSPACE = re.compile(r"\S+")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_POSSESSIVE = re.compile(r"['’]s$")
_DOCUMENT_SOURCE = re.compile(
    r"(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,2}(?:data|reports?|study|studies|statistics|figures|surveys?|records"
    r"|documents|estimates|analysis|statement|polls?|count|projections|forecasts|research)\s+(?:from|of|by)\s+(.+)$",
    re.I,
)
FEMININE_ROLES = {"spokeswoman", "chairwoman", "congresswoman", "actress", "queen", "princess",
                  "empress", "mother", "wife", "daughter", "sister", "woman", "girl", "lady"}


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=8192)
def _key(word: str) -> str:
    return word.lower().rstrip(".").replace("’", "'").removesuffix("'s")


class Entity:
    """A person or organisation named in the article."""

    __slots__ = ("name", "kind", "forms", "titles", "roles", "gender", "positions", "subject_positions", "keys")

    def __init__(self, name: str, kind: str) -> None:
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
        self.subject_positions: list[int] = []
        """Where it stands as the subject of a sentence (a likely antecedent for "he")."""
        self.keys = [_key(w) for w in name.split()]
        """The name's words, lower-cased, without possessives."""


class Registry:
    """The named entities of one article, and lookups over them."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.acronyms: dict[str, str] = {}
        self.surnames: dict[str, list[Entity]] = {}

    def add(self, name: str, kind: str, position: int) -> Entity:
        ent = self.entities.get(name)
        if ent is None:
            ent = self.entities[name] = Entity(name, kind)
            if kind == "person":
                for k in ent.keys[1:]:
                    self.surnames.setdefault(k, []).append(ent)
        bisect.insort(ent.positions, position)
        ent.forms.add(name)
        return ent

    def by_surname(self, words: list[str], before: int | None = None) -> Entity | None:
        """The person whose full name ends with (or contains, in order) ``words``."""
        keys = [_key(w) for w in words]
        best: Entity | None = None
        for ent in self.entities.values():
            ek = ent.keys
            if len(ek) <= len(keys) or ent.kind != "person":
                continue
            if ek[-len(keys):] == keys or (len(keys) == 1 and keys[0] in ek[1:]):
                if best is None or _recency(ent, before) > _recency(best, before):
                    best = ent
        return best

    def by_role(self, role: str, before: int | None) -> Entity | None:
        """The person holding ``role``, preferring an unqualified title."""
        for attr in ("titles", "roles"):
            holders = [e for e in self.entities.values() if e.kind == "person" and role in getattr(e, attr)]
            if holders:
                return max(holders, key=lambda e: _recency(e, before))
        return None


def _recency(ent: Entity, before: int | None) -> int:
    if before is None:
        return max(ent.positions, default=-1)
    prior = [p for p in ent.positions if p <= before]
    return max(prior) if prior else -1 - min(ent.positions, default=0)


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
    return len(name) >= 2 and not _is_org(name) and any(
        _key(t) in ROLE_NOUNS or _key(t) in HONORIFIC_GENDER or _key(t) in ("mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen")
        for t in titles
    )


def _split_titles(words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(qualifiers, titles, name) of a capitalised run like "Russian President Vladimir Putin"."""
    keys = list(map(_key, words))
    if TITLES.isdisjoint(keys[:-1]) and not (len(words) > 2 and words[0].lower() == "of"):
        return [], [], words  # no title (the loop below would find none)
    last_title = -1
    for i, k in enumerate(keys[:-1]):
        if k in TITLES or (words[i].lower() == "of" and last_title == i - 1 and i + 1 < len(words) - 1):
            last_title = i
    if last_title < 0:
        return [], [], words
    first_title = last_title
    while first_title > 0 and (_key(words[first_title - 1]) in TITLES or words[first_title - 1].lower() == "of"):
        first_title -= 1
    name = words[last_title + 1 :]
    if words[last_title].lower() == "of" and len(name) >= 3:
        # "Mayor of London Sadiq Khan", "Chief Executive of Hong Kong Carrie Lam": the place
        # belongs to the title, and the name is its last two words
        place = len(name) - 2
        last_title += place
        name = name[place:]
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
    keys = set(map(_key, words))
    if len(words) > 1:
        for w in words:
            if len(w) > 1 and w.isupper() and w.isalpha():
                return True  # "RAF Croughton", "UCL Hospital"
    if not (PLACE_WORDS.isdisjoint(keys) and ORG_WORDS.isdisjoint(keys)):
        return True
    return _key(words[-1]) in COUNTRIES or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1)


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
    body = (paragraphs[0].start, paragraphs[-1].end)
    for m in _CAP_RUN.finditer(norm, *body):
        para = paragraphs[doc.para_of(m.start())]
        for words, start, stop in _split_run(m.group(), m.start()):
            _register(doc, reg, norm, para, words, start, stop)
    _surname_mentions(doc, reg)
    _genders_from_pronouns(doc, reg)
    # a single-word entry that is the surname of a full name is that person
    for key in [k for k, e in reg.entities.items() if e.kind == "person" and " " not in k]:
        full = reg.by_surname([key])
        if full is not None and full.name != key:
            single = reg.entities.pop(key)
            full.forms |= single.forms
            full.titles |= single.titles
            full.roles |= single.roles
            full.positions += single.positions
            full.subject_positions += single.subject_positions
            full.gender = full.gender or single.gender
    return reg


def _surname_mentions(doc: Doc, reg: Registry) -> None:
    """Place every lone surname of a named person ("Cengiz said" after "Hatice Cengiz")."""
    if not reg.surnames:
        return
    norm = doc.norm
    for key, people in reg.surnames.items():
        forms = {w for e in people for w in e.name.split() if _key(w) == key and w[:1].isupper()}
        for form in forms:
            at = norm.find(form)
            while at != -1:
                end = at + len(form)
                before = norm[at - 1] if at else " "
                after = norm[end] if end < len(norm) else " "
                nxt = norm[end + 1 : end + 2]
                if (not before.isalnum() and not after.isalnum() and not (after == " " and nxt[:1].isupper())
                        and not doc.in_quote(at)):
                    prev_word = norm[max(0, at - 30) : at].split()[-1:] if before == " " else []
                    if not (prev_word and prev_word[0][:1].isupper() and prev_word[0][-1:].isalpha()):
                        # a lone surname, not part of a longer capitalised run
                        ent = people[0] if len(people) == 1 else max(people, key=lambda e: _recency(e, at))
                        ent.positions.append(at)
                        p = doc.para_of(at)
                        if _at_subject(norm, doc.paragraphs[p].start, at):
                            ent.subject_positions.append(at)
                at = norm.find(form, end)
    for ent in reg.entities.values():
        ent.positions.sort()
        ent.subject_positions.sort()


_PRONOUN_SUBJECT = re.compile(r"[HhSs](?<!\S[HhSs])h?e\s+(?!said|says)")
"""He/She opening a clause (checked by `_opens_clause`). The pattern starts with a set of
letters so that re skips ahead fast; the few wrong words it lets through ("Hhe", "se")
are dropped by hand."""
_PRONOUNS_SUBJECT = ("He", "She", "he", "she")
_CLOSERS_AFTER_STOP = "\"')"


def _opens_clause(norm: str, start: int, at: int) -> bool:
    """Whether the word at ``at`` follows whitespace after a sentence end or a comma (or
    opens the text), looking no further back than ``start``."""
    if at == 0:
        return True
    k = at - 1
    if k < start or not norm[k].isspace():
        return False
    while k >= start and norm[k].isspace():
        k -= 1
    if k < start:
        return False
    if norm[k] == ",":
        return True
    while k >= start and norm[k] in _CLOSERS_AFTER_STOP:
        k -= 1
    return k >= start and norm[k] in ".!?"


def _genders_from_pronouns(doc: Doc, reg: Registry) -> None:
    """A "She ..." sentence right after a person's sentence tells that person's gender."""
    people = [e for e in reg.entities.values() if e.kind == "person"]
    for para in doc.paragraphs:
        for m in _PRONOUN_SUBJECT.finditer(doc.norm, para.start, para.end):
            at = m.start()
            pronoun = m.group().rstrip()
            if pronoun not in _PRONOUNS_SUBJECT or not _opens_clause(doc.norm, para.start, at) or doc.in_quote(at):
                continue
            prior = [(max(p for p in e.subject_positions if p < at), e) for e in people
                     if any(p < at for p in e.subject_positions)]
            if not prior:
                continue
            pos, ent = max(prior, key=lambda x: x[0])
            others = any(o is not ent and any(pos < p < at for p in o.positions) for o in people)
            if at - pos < 300 and ent.gender is None and not others:
                ent.gender = "m" if pronoun.lower() == "he" else "f"


def _split_run(run: str, at: int) -> list[tuple[list[str], int, int]]:
    """Split a capitalised run where a sentence ends inside it ("Peace. President Putin")."""
    if "." not in run:
        return [(run.split(), at, at + len(run))]
    out: list[tuple[list[str], int, int]] = []
    words: list[str] = []
    start = at
    pos = at
    for m in _NONSPACE.finditer(run):
        w = m.group()
        if not words:
            start = at + m.start()
        words.append(w)
        pos = at + m.end()
        if w.endswith(".") and len(w) > 2 and _key(w) not in TITLES and not _INITIALS.fullmatch(w):
            words[-1] = w[:-1]
            out.append((words, start, pos - 1))
            words = []
    if words:
        out.append((words, start, pos))
    return out


LEAD_INS = {"in", "on", "at", "after", "before", "during", "speaking", "according", "later",
            "meanwhile", "however", "yesterday", "today", "tonight", "tomorrow", "last", "earlier",
            "when", "while", "since", "as", "despite", "following", "under", "from", "with", "for",
            "by", "also", "yet", "still", "instead", "asked", "writing", "separately", "previously",
            "additionally", "moreover", "now", "then", "afterwards", "initially", "originally",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "this",
            "addressing", "responding", "announcing", "so", "but", "and", "although", "though"}
_SENTENCE_START = re.compile(r'[.!?]["\')\]]*\s+$|^\s*$')


def _at_subject(norm: str, para_start: int, at: int) -> bool:
    """Whether a name at ``at`` opens its sentence (after at most a short lead-in)."""
    window = norm[max(para_start, at - 200) : at]
    cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "), window.rfind('." '), window.rfind('" '))
    prefix = window[cut + 2 :] if cut >= 0 else (window if at - 200 <= para_start else window)
    if at - 200 > para_start and cut < 0:
        return False
    prefix = prefix.strip()
    if not prefix:
        return True
    words = prefix.split()
    if prefix.endswith(",") and len(words) <= 10 and (words[0].lower().strip(",") in LEAD_INS or words[0][:1].isdigit()):
        return True
    if prefix.endswith(",") and len(words) <= 6 and words[0].lower() in ("the", "a", "an", "its", "his", "her", "their"):
        return True  # an apposition to the subject: "The board's chief, Dr Jane Roe, said"
    return len(words) <= 4 and "," not in prefix and not any(w.lower() in ("said", "says", "told", "and", "but", "with", "to", "by") for w in words)


_STOP_OR_PRONOUN = frozenset(STOP_CAPS) | frozenset(PRONOUNS)


@lru_cache(maxsize=16384)
def _parse_run(run: tuple[str, ...]) -> tuple | None:
    """What a capitalised run names, from its words alone (cached across articles).

    Returns:
        None for no name, else (kind, words skipped at the front, words, possessive,
        qualifiers, titles, name).
    """
    words = list(run)
    skip = 0
    while words and (_key(words[0]) in _STOP_OR_PRONOUN):
        words = words[1:]
        skip += 1
    while words and words[-1].lower() in ("of", "the", "and", "for", "on", "de", "van", "von"):
        words = words[:-1]
    if not words:
        return None
    possessive = words[-1].endswith(("'s", "’s"))
    words[-1] = _POSSESSIVE.sub("", words[-1]).rstrip(".") or words[-1]
    qualifiers, titles, name = _split_titles(words)
    if _is_org(words) and not _titled_person(titles, name):
        return ("organisation", skip, tuple(words), possessive, (), (), ())
    if not name or _is_org(name) or all(_key(w) in STOP_CAPS for w in name):
        return None
    if len(name) == 1 and not titles:
        return None  # a lone capitalised word: a surname seen elsewhere, or not a name
    if len(name) > 4:
        return None
    return ("person", skip, tuple(words), possessive, tuple(qualifiers), tuple(titles), tuple(name))


def _register(doc: Doc, reg: Registry, norm: str, para, words: list[str], start: int, stop: int) -> None:
    """Add one capitalised run to the registry."""
    parsed = _parse_run(tuple(words))
    if parsed is None:
        return
    kind, skip, kept, possessive, qualifiers, titles, name = parsed
    if skip:
        start = norm.find(kept[0], start)
    words = list(kept)
    quoted = doc.in_quote(start)
    if kind == "organisation":
        return  # organisations are taken as written when a statement names them
    name = list(name)
    ent: Entity | None
    if len(name) == 1:
        ent = reg.by_surname(name, start)
        if ent is None:
            ent = reg.add(name[0], "person", start)
        else:
            ent.positions.append(start)
    else:
        ent = reg.add(" ".join(name), "person", start)
    ent.forms.add(" ".join(words))
    if not quoted and _at_subject(norm, para.start, start):
        ent.subject_positions.append(start)
    if quoted:
        # named inside someone's quotation: known, but neither a role holder nor
        # an antecedent for a pronoun outside it
        ent.positions.remove(start)
        return
    # the role is the title before any "of" ("Mayor" of "Mayor of London")
    head = titles[: [t.lower() for t in titles].index("of")] if "of" in [t.lower() for t in titles] else titles
    role_words = [_key(t) for t in head if _key(t) not in ("former", "acting", "state")]
    for t in titles:
        g = HONORIFIC_GENDER.get(_key(t))
        if g:
            ent.gender = g
    if role_words:
        role = " ".join(role_words)
        first_titled = not (ent.titles or ent.roles)
        qualified = qualifiers or possessive or (not first_titled and role_words[-1] in ent.roles)
        target = ent.roles if qualified else ent.titles
        target.add(role_words[-1])
        target.add(role)
    # apposition: "Mike Pence, Trump's former vice president"
    tail = norm[stop : min(para.end, stop + 80)]
    am = _APPOSITION_ROLE.match(tail)
    if am and (am.group(2) in ROLE_NOUNS or am.group(1) in ROLE_NOUNS):
        ent.roles.add(am.group(2))
        ent.roles.add(am.group(1))
        if am.group(2) in FEMININE_ROLES:
            ent.gender = "f"
    before = norm[max(para.start, start - 40) : start]
    if before.endswith(" "):
        # a role word right before the name: "executive director Sara Amundson"
        last = before.split()[-1:] if before.strip() else []
        if last and last[0].islower() and last[0] in ROLE_NOUNS:
            ent.roles.add(last[0])


@dataclass
class _Salient:
    position: int
    entity: Entity


def _is_heading(raw: str) -> bool:
    """Whether a mention is a line in capitals ("TURNOUT DOESN'T RAISE EXPECTATIONS"):
    three or more words, every letter upper-case."""
    return len(raw.split()) >= 3 and raw.isupper()


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
        if _is_heading(raw):
            c.mention = c.speaker = None  # "RED STATES OUTNUMBER BLUE": a subheading, not a speaker
            continue
        ent = _resolve(raw, c.mention[0], reg, history, doc)
        if ent is None:
            c.speaker = None
            continue
        c.speaker = ent.name
        speakers[ent.name] = ent
        if raw.lower() not in PRONOUNS:
            ent.forms.add(" ".join(text[c.mention[0] : c.mention[1]].split()))
        else:
            g = PRONOUNS[raw.lower()]
            if g in ("m", "f") and ent.gender is None:
                ent.gender = g
        history.append(_Salient(c.mention[0], ent))
    doc.entities = speakers
    doc.registry = reg


def _resolve(raw: str, at: int, reg: Registry, history: list[_Salient], doc: Doc) -> Entity | None:
    words = _words(raw)
    if not words:
        return None
    low = raw.lower()
    if low in ("who", "which"):
        return _relative_antecedent(at, reg)
    low = {"him": "he", "them": "they", "us": "we", "me": "i"}.get(low, low)
    if low in PRONOUNS and low != "her":
        return _pronoun(low, at, reg, history, doc)
    if low == "her":
        return _pronoun("she", at, reg, history, doc)
    m = _DOCUMENT_SOURCE.match(raw)
    if m:
        return _resolve(m.group(1), at, reg, history, doc)
    keys = [_key(w) for w in words]
    # drop determiners and possessive owners: "the president", "Trump's spokesman"
    while keys and keys[0] in DETERMINERS:
        words, keys = words[1:], keys[1:]
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
    if caps and len(caps) == len(words):
        if len(words) == 1 and words[0] in reg.acronyms:
            full = reg.acronyms[words[0]]
            ent = reg.entities.get(full) or reg.add(full, "organisation", at)
            ent.forms.add(words[0])
            return ent
        if len(words) == 1 and (keys[0] in GROUP_NOUNS or keys[0] in ORG_WORDS) and _sentence_initial(doc.norm, at):
            # "Police said" at a sentence start is the same speaker as "police" elsewhere
            name = words[0].lower()
            return reg.entities.get(name) or reg.add(name, "group" if name in GROUP_NOUNS else "organisation", at)
        qualifiers, titles, name = _split_titles(words)
        if _is_org(words) and not _titled_person(titles, name):
            name = " ".join(words)
            return reg.entities.get(name) or reg.add(name, "organisation", at)
        if not name:
            role = _key(titles[-1]) if titles else ""
            return reg.by_role(role, at) if role else None
        full = " ".join(name)
        ent = reg.entities.get(full)
        if ent is None or ent.kind != "person":
            ent = reg.by_surname(name, at) or ent
        if ent is None:
            ent = reg.add(full, classify(name) if len(name) > 1 else "person", at)
        return ent
    head = keys[-1]
    if head in ROLE_NOUNS or (len(keys) >= 2 and " ".join(keys[-2:]) in ROLE_NOUNS):
        role = " ".join(keys[-2:]) if " ".join(keys[-2:]) in ROLE_NOUNS else head
        ent = reg.by_role(role, at)
        if ent is not None and not any(k in ("one", "another", "other", "a", "an") for k in _words(low)[:1]):
            return ent
    # a group or an unnamed source keeps its own words
    name = " ".join(w for w in raw.split())
    if low.split()[0] in ("the",) and not any(w[:1].isupper() for w in words):
        name = " ".join(raw.split()[1:])
    kind = "group" if head in GROUP_NOUNS or head.endswith("s") else classify(words)
    ent = reg.entities.get(name) or reg.add(name, kind if kind != "unknown" else "group", at)
    return ent


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
        for ent in reg.entities.values():
            if not fits(ent):
                continue
            i = bisect.bisect_left(ent.subject_positions, at)
            if i and (best_subject is None or ent.subject_positions[i - 1] > best_subject[0]):
                best_subject = (ent.subject_positions[i - 1], ent)
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
    for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        ent = entity_of.get(name)
        seen = {name.casefold()}
        aliases = []
        forms = sorted(ent.forms, key=lambda a: (len(a), a)) if ent else []
        if ent is not None:
            forms += sorted(f"the {r}" for r in ent.titles)
        for form in forms:
            if form.casefold() not in seen:
                seen.add(form.casefold())
                aliases.append(form)
        kind = ent.kind if ent is not None else "unknown"
        if kind not in ("person", "organisation", "group"):
            kind = "unknown"
        out.append(Speaker(name=name, aliases=tuple(aliases), kind=kind))  # type: ignore[arg-type]
    return out
