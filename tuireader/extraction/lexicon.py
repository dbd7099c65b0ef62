"""Word lists the rules share: cue verbs, titles, pronouns, role nouns, organisation words.

These are facts about English news prose, not about any article: they must stay general.
"""

from __future__ import annotations

import re

# Verbs that introduce what someone said (speech) and, weaker, what someone holds (belief).
# Each entry: base form, and its irregular past form if any.
_SPEECH = """
say:said tell:told add ask warn insist argue claim note explain write:wrote state declare
announce reply respond answer comment remark observe suggest acknowledge admit concede
confirm deny allege assert contend maintain report recall predict promise vow pledge urge
caution complain emphasize emphasise stress tweet post testify conclude agree disagree
estimate reveal disclose indicate propose demand threaten question describe accuse blame
praise criticize criticise dispute reiterate repeat recount mention speculate charge
counter retort quip joke concede boast lament announce affirm advise assure inform
clarify hint signal predict forecast caution endorse support oppose cite defend reject
dismiss denounce condemn blast attack echo respond recommend refuse decline offer
acknowledge highlight underline release publish order request mention recommend
call encourage credit justify attribute invite second suppose assume posit
tout slam hail applaud welcome bash decry lambast laud remind
wonder brag underscore imply concur surmise theorize theorise
""" 
_BELIEF = """
believe think:thought hope fear expect feel:felt worry want know:knew doubt find:found
show:showed see:saw plan seek:sought decide consider
learn realize realise recognize recognise reckon
"""

_DOUBLING = {"admit", "commit", "regret", "refer", "prefer", "omit", "submit", "permit", "rebut"}

IRREGULAR_PARTICIPLE = {"write": "written", "know": "known", "tell": "told", "say": "said",
                        "think": "thought", "feel": "felt"}


def _forms(base: str, past: str | None) -> set[str]:
    if base.endswith("ee"):
        ing = base + "ing"
        ed = base + "d"
    elif base.endswith("e"):
        ing = base[:-1] + "ing"
        ed = base + "d"
    elif base.endswith("y") and base[-2] not in "aeiou":
        ing = base + "ing"
        ed = base[:-1] + "ied"
    elif base in _DOUBLING or re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", base) and len(base) <= 4:
        ing = base + base[-1] + "ing"
        ed = base + base[-1] + "ed"
    else:
        ing = base + "ing"
        ed = base + "ed"
    if base.endswith(("s", "sh", "ch", "x", "z")):
        third = base + "es"
    elif base.endswith("y") and base[-2] not in "aeiou":
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    out = {base, third, ing, past or ed}
    out.add(IRREGULAR_PARTICIPLE.get(base, past or ed))
    return out


def _table(block: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for item in block.split():
        base, _, past = item.partition(":")
        for form in _forms(base, past or None):
            table[form] = base
    return table


SPEECH_VERBS: dict[str, str] = _table(_SPEECH)
"""Inflected form -> base form, for verbs of saying."""
BELIEF_VERBS: dict[str, str] = _table(_BELIEF)
"""Inflected form -> base form, for verbs of believing and wanting."""
CUE_VERBS: dict[str, str] = {**BELIEF_VERBS, **SPEECH_VERBS}

# Cue verbs that take the addressee before the content: "told reporters that ...".
ADDRESSEE_VERBS = {"tell", "warn", "inform", "assure", "advise", "remind", "ask"}
# Verbs that report with an object noun phrase rather than a clause ("disputed the figure").
OBJECT_VERBS = {"call", "encourage", "credit", "justify", "attribute", "invite", "second",
                "dispute", "deny", "confirm", "question", "criticize", "criticise", "praise",
                "propose", "demand", "announce", "reveal", "disclose", "predict", "estimate",
                "describe", "blame", "accuse", "doubt", "want", "fear", "condemn", "oppose",
                "support", "endorse", "defend", "reject", "dismiss", "denounce", "blast",
                "tout", "slam", "hail", "applaud", "welcome", "bash", "decry", "lambast", "laud"}

_VOCAL = """
continue conclude recall smile laugh shout yell cry whisper scream sigh exclaim muse plead
beg press react opine interject snap fume scoff marvel read:read
"""
PHRASAL_REPORT_CUES: dict[str, str] = {
    **{form: "point out" for form in _forms("point", None)},
    **{form: "make clear" for form in _forms("make", "made")},
}
"""Verbs that report only with the word after them ("pointed out that ...", "made (it) clear
that ..."): form -> base; the base's last word is that word."""

QUOTE_CUES = {f for f, b in SPEECH_VERBS.items() if not f.endswith("ing")} | {
    f for f, b in _table(_VOCAL).items() if not f.endswith("ing") and (f != b or b == "read")
} | {"marvelled", "started", "began"}
"""Said-like verbs that may stand after a quotation on their own ("..., he added.", "...,"
she yells, "...," the sign read); of the other verbs of voice only the inflected forms (the
bare "press" or "cry" is more often a noun)."""

PHRASAL_QUOTE_CUES = {
    "shot": "back", "fired": "back", "hit": "back", "pushed": "back", "snapped": "back",
    "wrote": "back", "went": "on", "chimed": "in", "piped": "up", "cut": "in", "broke": "in",
}
"""Two-word cues of a quotation, verb -> particle ("..., she shot back.", "he went on:")."""

PREPOSITIONAL_CUES = ("according to", "in the words of", "quoting")

PRONOUNS = {
    "he": "m", "she": "f", "they": "p", "it": "n", "i": "s", "we": "p", "you": "s",
    "him": "m", "her": "f", "them": "p",
}
SUBJECT_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you"}

# Honorifics and titles that stand before a name ("President Donald Trump", "Mr. Obama").
TITLES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "president", "vice", "premier", "prime", "minister", "secretary", "chancellor", "king",
    "queen", "prince", "princess", "pope", "cardinal", "bishop", "archbishop", "rev",
    "reverend", "father", "sister", "brother", "rabbi", "imam", "sheikh", "judge", "justice",
    "senator", "sen", "rep", "representative", "congressman", "congresswoman", "gov",
    "governor", "mayor", "councillor", "councilman", "councilwoman", "ambassador",
    "general", "gen", "admiral", "adm", "colonel", "col", "major", "maj", "captain", "capt",
    "lieutenant", "lt", "sergeant", "sgt", "officer", "detective", "inspector", "chief",
    "superintendent", "commissioner", "director", "chairman", "chairwoman", "chair", "ceo",
    "speaker", "leader", "attorney", "solicitor", "prosecutor", "commander", "coach",
    "emperor", "empress", "sultan", "emir", "dean", "deputy", "assistant", "former", "acting",
    "interim", "first", "foreign", "defence", "defense", "health", "finance", "interior",
    "state", "general", "chief", "executive", "spokesman", "spokeswoman", "spokesperson",
    "st", "saint", "gov.", "agent", "pastor", "doctor", "nurse", "mrs.", "mr.", "ms.", "dr.",
    "legislator", "lawmaker", "mp", "mep", "assemblyman", "assemblywoman", "alderman",
    "delegate", "del", "treasurer", "comptroller", "magistrate", "constable", "marshal",
}
HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f",
                    "lord": "m", "lady": "f", "king": "m", "queen": "f", "prince": "m",
                    "princess": "f", "father": "m", "sister": "f", "brother": "m",
                    "congressman": "m", "congresswoman": "f", "chairman": "m",
                    "chairwoman": "f", "spokesman": "m", "spokeswoman": "f", "emperor": "m",
                    "empress": "f"}

# Nouns for roles people hold; "the president" goes to whoever holds it in the article.
ROLE_NOUNS = {
    "president", "vice president", "prime minister", "minister", "premier", "chancellor",
    "secretary", "governor", "mayor", "senator", "judge", "justice", "king", "queen",
    "pope", "chief", "director", "commissioner", "chairman", "chairwoman", "chair", "ceo",
    "spokesman", "spokeswoman", "spokesperson", "prosecutor", "attorney", "lawyer",
    "ambassador", "general", "coach", "leader", "founder", "author", "scientist",
    "researcher", "professor", "doctor", "officer", "detective", "inspector", "sheriff",
    "manager", "owner", "executive", "head", "captain", "commander", "representative",
    "congressman", "congresswoman", "councillor", "councilman", "official", "actor",
    "actress", "singer", "writer", "campaigner", "activist", "analyst", "economist",
    "expert", "witness", "victim", "suspect", "defendant", "candidate", "nominee", "host",
    "editor", "reporter", "journalist", "astronaut", "pilot", "driver", "player", "star",
    "superintendent", "treasurer", "comptroller", "magistrate", "constable", "marshal",
    "rabbi", "imam", "bishop", "archbishop", "cardinal", "admiral", "colonel", "lieutenant",
    "sergeant", "emir", "sultan", "dean", "legislator", "lawmaker", "pastor", "solicitor",
}
GROUP_NOUNS = {
    "officials", "authorities", "police", "experts", "analysts", "critics", "supporters",
    "opponents", "residents", "witnesses", "scientists", "researchers", "investigators",
    "prosecutors", "lawyers", "doctors", "sources", "estimates", "reports", "observers",
    "activists", "protesters", "protestors", "democrats", "republicans", "lawmakers",
    "legislators", "leaders", "members", "officers", "organizers", "organisers", "workers",
    "employees", "parents", "students", "people", "locals", "economists", "historians",
    "astronomers", "diplomats", "campaigners", "voters", "polls", "surveys", "studies",
    "data", "figures", "others", "many", "some", "several", "both", "media", "advocates",
    "families", "relatives", "friends", "neighbours", "neighbors", "fans", "aides",
    "staff", "team", "government", "spokespeople", "troops", "rescuers", "firefighters",
    "medics", "paramedics", "health officials", "forecasters", "meteorologists",
}
ORG_WORDS = {
    "ministry", "department", "party", "council", "committee", "association", "union",
    "agency", "commission", "police", "court", "foundation", "inc", "corp", "corporation",
    "company", "co", "ltd", "llc", "plc", "group", "university", "institute", "bank",
    "organization", "organisation", "office", "army", "navy", "force", "forces",
    "government", "senate", "house", "congress", "parliament", "assembly", "board",
    "service", "services", "authority", "bureau", "center", "centre", "society", "church",
    "network", "news", "times", "post", "journal", "press", "agency", "fund", "trust",
    "club", "league", "federation", "nations", "un", "nato", "who", "fbi", "cia", "nasa",
    "bbc", "cnn", "npr", "reuters", "ap", "afp", "administration", "cabinet", "campaign",
    "coalition", "alliance", "movement", "front", "team", "tribunal", "secretariat",
    "embassy", "consulate", "hospital", "school", "college", "airline", "airlines",
    "railway", "museum", "guard", "command", "media", "television", "radio", "tv",
    "magazine", "newspaper", "herald", "telegraph", "guardian", "tribune", "gazette",
    "chronicle", "observer", "daily", "weekly", "review", "channel", "studios", "records",
    "institution", "laboratory", "lab", "observatory", "council", "parliament", "mission",
    "program", "programme", "initiative", "project", "ministry", "state", "states",
    "republic", "kingdom", "federation", "emirates", "union", "world",
}
COUNTRIES = {
    "afghanistan", "albania", "algeria", "argentina", "armenia", "australia", "austria",
    "azerbaijan", "bahrain", "bangladesh", "belarus", "belgium", "benin", "bolivia",
    "bosnia", "botswana", "brazil", "britain", "bulgaria", "burma", "cambodia", "cameroon",
    "canada", "chad", "chile", "china", "colombia", "congo", "croatia", "cuba", "cyprus",
    "czechia", "denmark", "ecuador", "egypt", "england", "eritrea", "estonia", "ethiopia",
    "europe", "finland", "france", "georgia", "germany", "ghana", "greece", "guatemala",
    "haiti", "honduras", "hungary", "iceland", "india", "indonesia", "iran", "iraq",
    "ireland", "israel", "italy", "jamaica", "japan", "jordan", "kazakhstan", "kenya",
    "korea", "kosovo", "kuwait", "laos", "latvia", "lebanon", "liberia", "libya",
    "lithuania", "luxembourg", "madagascar", "malawi", "malaysia", "mali", "malta",
    "mexico", "moldova", "mongolia", "montenegro", "morocco", "mozambique", "myanmar",
    "namibia", "nepal", "netherlands", "nicaragua", "niger", "nigeria", "norway", "oman",
    "pakistan", "palestine", "panama", "paraguay", "peru", "philippines", "poland",
    "portugal", "qatar", "romania", "russia", "rwanda", "scotland", "senegal", "serbia",
    "singapore", "slovakia", "slovenia", "somalia", "spain", "sudan", "sweden",
    "switzerland", "syria", "taiwan", "tajikistan", "tanzania", "thailand", "tibet", "togo",
    "tunisia", "turkey", "uganda", "ukraine", "uruguay", "uzbekistan", "venezuela",
    "vietnam", "wales", "yemen", "zambia", "zimbabwe", "washington", "moscow", "beijing",
    "london", "paris", "berlin", "tokyo", "kyiv", "kiev", "tehran", "brussels", "ankara",
    "jerusalem", "pyongyang", "seoul", "delhi", "cairo", "damascus", "baghdad", "kabul",
    "us", "usa", "uk", "eu", "america", "hollywood", "pentagon", "kremlin", "vatican",
    "whitehall", "downing",
}

WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                    "september", "october", "november", "december", "jan", "feb", "mar", "apr",
                    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
TIME_WORDS = WEEKDAYS | MONTHS | {"today", "yesterday", "tomorrow", "tonight"}
"""Days, months and nearby times: dates are never quantities, names or speakers."""

STOP_CAPS = {
    "the", "a", "an", "this", "that", "these", "those", "it", "in", "on", "at", "but", "and",
    "or", "if", "when", "while", "after", "before", "as", "since", "because", "however",
    "meanwhile", "although", "though", "yet", "so", "then", "there", "here", "now", "today",
    "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "his", "her", "their", "its",
    "our", "my", "your", "we", "they", "he", "she", "i", "you", "what", "who", "why", "how",
    "where", "which", "many", "some", "most", "all", "both", "each", "every", "no", "not",
    "according", "also", "still", "even", "only", "just", "despite", "during", "under",
    "over", "for", "from", "with", "without", "by", "to", "of", "last", "next", "earlier",
    "later", "first", "one", "two", "three", "new", "mr.", "ms.", "mrs.", "dr.", "ever",
    "perhaps", "maybe", "indeed", "thus", "therefore", "hence", "finally", "eventually",
    "ultimately", "nevertheless", "nonetheless", "whether", "please", "once", "instead",
    "again", "soon", "afterwards", "afterward", "otherwise", "besides", "moreover", "furthermore",
    "likewise", "overall", "together", "sometimes", "often", "elsewhere", "altogether", "tonight",
    "following",
}

NUMBER_WORDS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
    "billion", "billions", "trillion", "dozen", "dozens", "half", "quarter", "percent",
    "per", "twice", "triple", "double", "score",
}


SOURCE_DOCUMENTS = {"data", "report", "reports", "study", "statistics", "figures", "survey",
                    "records", "documents", "estimates", "analysis", "statement", "poll", "count",
                    "projections", "forecasts", "polls", "surveys", "studies", "research"}
"""Documents that are cited as sources ("according to data from ...")."""
DOCUMENT_NOUNS = SOURCE_DOCUMENTS | {"findings", "results", "paper", "papers", "article", "letter",
                                    "letters", "document", "video", "footage", "images", "photos",
                                    "release", "releases", "statements"}
"""Things that are published rather than speak."""
PUBLISHED = frozenset({"published", "released", "issued", "posted"})
"""After a document noun, these are always participles ("a press release issued the next day")."""

NOUN_LIKE_CUES = frozenset({
    "state", "states", "report", "reports", "support", "claims", "claim", "attack", "attacks",
    "order", "plan", "plans", "second", "release", "post", "note", "call", "offer", "show",
    "see", "know", "find", "hope", "credit", "blast", "estimate", "estimates", "question",
    "demand", "charge", "comment", "answer", "reply", "counter", "signal", "forecast", "fear",
    "want", "doubt", "joke", "promise", "pledge", "vow", "warning", "concern", "respond",
})
"""Cue words that are as often nouns ("the report", "a separate claim")."""
