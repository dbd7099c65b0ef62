"""Reported speech and claims."""

from __future__ import annotations

import pytest

from tests.extraction.helpers import find, mention, run, words
from tuireader.extraction.pipeline import run_rules
from tuireader.model import Article

REPORTED = [
    ("Ilse Varga said the bridge would open in May.", "the bridge would open in May", "Ilse Varga", "reported.cue_clause"),
    ("Ilse Varga said that the bridge would open in May.", "the bridge would open in May", "Ilse Varga", "reported.cue_clause"),
    ("Tomas Brel told reporters the vote had been postponed.", "the vote had been postponed", "Tomas Brel", "reported.cue_clause"),
    ("According to Tomas Brel, the vote had been postponed until June.", "the vote had been postponed until June", "Tomas Brel", "reported.according_to"),
    ("The vote had been postponed until June, according to Tomas Brel.", "The vote had been postponed until June", "Tomas Brel", "reported.according_to"),
    ("The vote had been postponed until June, Tomas Brel said.", "The vote had been postponed until June", "Tomas Brel", "reported.cue_after"),
    # a subordinate clause opening the sentence ends at its comma, and its conjunction is
    # not part of the speaker's name
    ("While Anna Berg said the plan was fair, the fishing crews stayed in port.", "the plan was fair", "Anna Berg", "reported.cue_clause"),
    ("But when Mayor Tomas Brel said the bridge would open, nobody believed him.", "the bridge would open", "Tomas Brel", "reported.cue_clause"),
    ("Although Ilse Varga has condemned the new levy, the harbour board kept it.", "the new levy", "Ilse Varga", "reported.cue_clause"),
]


@pytest.mark.parametrize(("text", "content", "speaker", "rule"), REPORTED)
def test_reported_speech(text: str, content: str, speaker: str, rule: str) -> None:
    a = run(text)
    s = find(a, content, "indirect")
    assert words(a, s) == content
    assert s.speaker == speaker
    assert s.rule == rule


def test_coordinated_cues_share_a_subject_and_stop_at_but() -> None:
    text = "Veloria said 30 ferries were lost, but Castamir disputes the count and said the real number was far lower."
    a = run(text)
    assert words(a, find(a, "30 ferries", "indirect")) == "30 ferries were lost"
    assert find(a, "30 ferries", "indirect").speaker == "Veloria"
    assert find(a, "the count", "indirect").speaker == "Castamir"
    second = find(a, "real number", "indirect")
    assert words(a, second) == "the real number was far lower"
    assert second.speaker == "Castamir"


def test_role_noun_goes_to_the_role_holder() -> None:
    text = (
        "Governor Ilse Varga met Northland Governor Pavel Orsk on Monday.\n\n"
        "The governor said the talks had gone well."
    )
    a = run(text)
    s = find(a, "talks had gone well")
    assert mention(a, s) == "The governor"
    assert s.speaker == "Ilse Varga"


def test_organisation_is_a_speaker() -> None:
    a = run("The Harbour Authority said the pier would close for repairs.")
    s = find(a, "pier would close")
    assert s.speaker == "Harbour Authority"
    assert a.speaker("Harbour Authority").kind == "organisation"


def test_unsure_speaker_is_empty() -> None:
    a = run('"Nobody knows what happens next," he said.')
    assert find(a, "Nobody knows").speaker is None


def test_numeric_claim_without_source() -> None:
    a = run("The storm destroyed more than 300 homes along the coast.")
    s = find(a, "300 homes", "claim")
    assert s.speaker is None and s.rule == "claims.numeric"


def test_claim_with_source() -> None:
    a = run("Some estimates put the cost of the repairs as high as $4 million.")
    s = find(a, "$4 million", "claim")
    assert s.rule == "claims.sourced"
    assert mention(a, s) == "Some estimates"


def test_dates_alone_are_not_claims() -> None:
    a = run("The council met on March 3, 2024 in the old town hall.")
    assert [s for s in a.statements if s.kind == "claim"] == []


def test_relative_clause_subject() -> None:
    a = run("Priya Okafor, who led the campaign, said the ferry would keep running.")
    assert find(a, "ferry would keep running").speaker == "Priya Okafor"


def test_organisation_named_with_of() -> None:
    a = run("Friends of Brackenholt Parks said the figures were wrong.")
    assert find(a, "figures were wrong").speaker == "Friends of Brackenholt Parks"


def test_reported_speech_inside_reported_speech_has_a_parent() -> None:
    a = run("Ilse Varga said Tomas Brel had offered to mediate between the two unions.")
    outer = find(a, "Tomas Brel had offered")
    (inner,) = [s for s in a.statements if words(a, s) == "to mediate between the two unions"]
    assert inner.parent == a.statements.index(outer)
    assert outer.parent is None


def test_reported_speech_inside_a_quotation() -> None:
    a = run('"The mayor did say, and very firmly, that the pier will reopen in May," said Tomas Brel.')
    quote = find(a, "did say", "direct")
    inner = find(a, "the pier will reopen in May", "indirect")
    assert words(a, inner) == "the pier will reopen in May"
    assert inner.rule == "reported.in_quotation"
    assert inner.parent == a.statements.index(quote)
    assert quote.speaker == "Tomas Brel"


def test_cue_after_with_a_trailing_clause() -> None:
    a = run("Ferry crews will strike for 48 hours from Friday, the Harbour Union announced on Monday, after talks broke down.")
    s = find(a, "Ferry crews will strike", "indirect")
    assert s.speaker == "Harbour Union"
    assert s.rule == "reported.cue_after"


def test_according_to_a_long_source() -> None:
    a = run("Turnout rose in both towns, according to early results of the exit poll.")
    s = find(a, "Turnout rose", "indirect")
    assert mention(a, s).startswith("early results of the exit poll")


def test_title_of_a_place_before_a_name() -> None:
    a = run('"The pier is safe," said Mayor of Vellmouth Ilse Varga on Friday.')
    assert find(a, "pier is safe").speaker == "Ilse Varga"


def test_sentence_initial_common_noun_is_the_same_speaker() -> None:
    a = run("Police said the road was closed. The road reopened at noon, police said later.")
    speakers = {s.speaker for s in a.statements if s.kind == "indirect"}
    assert speakers == {"police"}


def test_who_said_goes_to_the_person_before() -> None:
    a = run("The crowd cheered Tomas Brel, who said the ferry would run all winter.")
    assert find(a, "ferry would run").speaker == "Tomas Brel"


def test_title_of_a_two_word_place() -> None:
    a = run("Chief Executive of Port Calder Ilse Varga said the ferry would run. The chief executive said more.")
    s = find(a, "ferry would run")
    assert s.speaker == "Ilse Varga"
    assert a.speaker("Ilse Varga").matches("the chief executive")


def test_acronym_expands_only_to_a_name_it_fits() -> None:
    a = run("Leaders of the Harbour Workers Union (HWU) met. The HWU said the strike would go on.")
    assert find(a, "strike would go on").speaker == "Harbour Workers Union"
    b = run("The Eastport Society for Ships, Docks and Ferries (ESSDF) met. The ESSDF said fares would rise.")
    assert find(b, "fares would rise").speaker == "ESSDF"


def test_organisation_named_with_on() -> None:
    a = run("The Commission on Coastal Safety said the pier would close.")
    assert find(a, "pier would close").speaker in ("Commission on Coastal Safety", "The Commission on Coastal Safety")


def test_expectation_without_a_source() -> None:
    a = run("Tomas Brel is expected to return to the council next week.")
    s = find(a, "is expected to return", "indirect")
    assert s.rule == "reported.expected" and s.speaker is None


def test_cue_after_then_a_second_report_in_the_same_sentence() -> None:
    text = "The ferry was valued at 9 million crowns in 2019, records show, and harbour engineers say it is now worth half that."
    a = run(text)
    first = find(a, "valued at", "indirect")
    assert words(a, first) == "The ferry was valued at 9 million crowns in 2019"
    second = find(a, "now worth", "indirect")
    assert words(a, second) == "it is now worth half that"


@pytest.mark.parametrize(
    ("text", "content", "mention_words"),
    [
        ("Harbour engineers say the ferry is now worth much less.", "the ferry is now worth much less", "Harbour engineers"),
        ("Several ferry captains in the harbour said the fees were too high.", "the fees were too high", "Several ferry captains in the harbour"),
        ("Organizers of the river march said they expected ten thousand people.", "they expected ten thousand people", "Organizers of the river march"),
        ("Kessa Moor didn't say whether the bridge would reopen.", "whether the bridge would reopen", "Kessa Moor"),
    ],
)
def test_subject_opening_the_clause(text: str, content: str, mention_words: str) -> None:
    a = run(text)
    s = find(a, content.split()[1], "indirect")
    assert words(a, s) == content
    assert mention(a, s) == mention_words


@pytest.mark.parametrize(
    "text",
    [
        "The measure expected to pass next week raises the fee by a third.",
        "The men charged were between 22 and 30 years old.",
        "In a message posted online the mayor thanked the volunteers.",
        "The new notes come in denominations of five and ten.",
    ],
)
def test_no_subject_opening_the_clause_for_participles_and_nouns(text: str) -> None:
    a = run(text)
    assert [s for s in a.statements if s.kind == "indirect"] == []


def test_headline_in_title_case() -> None:
    a = run("Ilse Varga Says Harbour Fees Will Rise In Spring\n\nThe council met on Monday.")
    s = find(a, "Harbour Fees", "indirect")
    assert words(a, s) == "Harbour Fees Will Rise In Spring"
    assert mention(a, s) == "Ilse Varga"


def test_capitalised_cue_in_running_text_is_a_name() -> None:
    a = run("The poet Amal Said Hamdan read from her new book at the library.")
    assert [s for s in a.statements if s.kind == "indirect"] == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Mayor Ilse Varga condemned the harbour fee increase.", "the harbour fee increase"),
        ("The union touted its new contract with the ferry company.", "its new contract with the ferry company"),
        ("Tomas Brel opposed the bridge plan.", "the bridge plan"),
    ],
)
def test_verbs_of_judging_take_a_noun_phrase(text: str, content: str) -> None:
    a = run(text)
    assert words(a, find(a, content.split()[-1], "indirect")) == content


def test_a_document_published_somewhere_is_not_a_speaker() -> None:
    a = run("In findings published in the journal Nova, the survey team reported that the lake holds salt water.")
    indirect = [s for s in a.statements if s.kind == "indirect"]
    assert [words(a, s) for s in indirect] == ["the lake holds salt water"]
    assert mention(a, indirect[0]) == "the survey team"


def test_according_to_two_sources() -> None:
    a = run("According to the Vell Courier and Radio Marn, the harbour board met in secret.")
    s = find(a, "met in secret", "indirect")
    assert words(a, s) == "the harbour board met in secret"
    assert mention(a, s) == "the Vell Courier and Radio Marn"


def test_a_report_as_the_subject_of_said() -> None:
    a = run("Another report from the harbour board during the week said nine ferries were lost.")
    s = find(a, "nine ferries", "indirect")
    assert words(a, s) == "nine ferries were lost"
    assert mention(a, s) == "Another report from the harbour board during the week"


@pytest.mark.parametrize(
    "text",
    [
        "In findings published Tuesday in the Vell Journal, a team from Marn University mapped the reef.",
        "In a related press release issued the following day, the ministry thanked the volunteers.",
    ],
)
def test_published_documents_are_not_speakers(text: str) -> None:
    a = run(text)
    assert [s for s in a.statements if s.kind == "indirect"] == []


def test_a_dash_ends_the_tail_of_a_cue_after() -> None:
    a = run("Prosecutors charged the driver with arson, they said Sunday — a charge that carries ten years.")
    s = find(a, "charged the driver", "indirect")
    assert words(a, s) == "Prosecutors charged the driver with arson"


def test_a_news_organisation_before_a_cue_is_still_its_subject() -> None:
    a = run("Vell News reported the ferry would stop running in March.")
    s = find(a, "ferry would stop", "indirect")
    assert mention(a, s) == "Vell News"


@pytest.mark.parametrize(
    ("text", "content", "mention_words"),
    [
        ("The streets were quiet, a harbour official told reporters.", "The streets were quiet", "a harbour official"),
        ("The harbour will reopen in May, the mayor told the council on Monday.", "The harbour will reopen in May", "the mayor"),
        ("The fleet needs four new ferries, Harbour Master Jan Oort told a council panel.", "The fleet needs four new ferries", "Harbour Master Jan Oort"),
    ],
)
def test_cue_after_with_the_one_told(text: str, content: str, mention_words: str) -> None:
    a = run(text)
    s = find(a, content.split()[1], "indirect")
    assert words(a, s) == content
    assert mention(a, s) == mention_words


def test_a_judging_verb_may_take_one_name() -> None:
    a = run("Senator Ilse Varga blasted Oort and defended the council.")
    assert words(a, find(a, "Oort", "indirect")) == "Oort"
    assert find(a, "Oort", "indirect").speaker == "Ilse Varga"


def test_a_quotation_with_a_translation_after_it_is_not_also_reported_speech() -> None:
    a = run('Lind had said, "The ferry was quiet all winter. The ministers should apologise to the town." '
            '(in Norwegian: ferja var stille hele vinteren)')
    assert [s.kind for s in a.statements] == ["direct"]


def test_a_quotation_inside_a_longer_reported_clause_stays_reported() -> None:
    a = run('Lind said "the late ferry" was the reason the harbour lost two hundred passengers last winter.')
    assert any(s.kind == "indirect" for s in a.statements)


def test_a_sentence_opening_news_agency_keeps_its_capital() -> None:
    a = run("Reuters estimated around 200 people attended the harbour festival.\n\n"
            "Police said the crowd was calm. The police closed the quay at noon, police officers said.")
    speakers = {s.speaker for s in a.statements if s.speaker}
    assert "Reuters" in speakers and "reuters" not in speakers
    assert "police" in speakers  # "Police" opening a sentence is the "police" written elsewhere


@pytest.mark.parametrize("opener", ["While", "Because", "Today", "Monday"])
def test_a_sentence_opener_is_not_part_of_the_name(opener: str) -> None:
    a = run(f"{opener} Anna Berg told the council the harbour fees would rise again.")
    s = find(a, "harbour fees", "indirect")
    assert mention(a, s) == "Anna Berg"


QUOTED_IN_REPORTED = [
    # the cue's subject is the reported speech's, not a guess from the sentence
    ('Olga Brant praised the crew and said the storm had been "the worst anyone here can remember in forty years".',
     "the worst anyone here can remember", "Olga Brant"),
    ('According to prosecutor Lena Vos, the letter could help the case: "The key factor is that it shows a plan to frighten the town."',
     "The key factor", "Lena Vos"),
]


@pytest.mark.parametrize(("text", "quoted", "speaker"), QUOTED_IN_REPORTED)
def test_a_quotation_inside_reported_speech_takes_its_speaker(text: str, quoted: str, speaker: str) -> None:
    a = run(text)
    s = find(a, quoted, "direct")
    assert s.speaker == speaker
    assert s.rule == "direct.in_reported"


SPEAKER_AND_CONTENT = [
    # a belief verb with a clause and no "that": a subject and a finite verb follow it
    ("Many residents think the ferry will stop running next year.", "the ferry will stop running next year", "Many residents"),
    # a sentence opening "But" before a subject the noun reader does not know
    ("But few on either side of the debate think the harbour tax will ever apply.", "the harbour tax will ever apply", "few on either side of the debate"),
    # a noun that can also be a cue ("plan") inside the subject
    ("Critics of the harbour plan say the levy is far too high.", "the levy is far too high", "Critics of the harbour plan"),
    # an addressee the noun reader does not know, before "that"
    ("In one advert, a narrator reminds viewers that Berg marched in 1963 as a student.", "Berg marched in 1963 as a student", "a narrator"),
    # a role, then the name between commas: the name
    ("According to the harbour mayor, Tomas Brel, the ferry will not run this winter.", "the ferry will not run this winter", "Tomas Brel"),
    # a parenthesis and a comma before the cue
    ("Director Tomas Brel of the Eastport Institute of Tides (EIT), announced the trial was stopped early.",
     "the trial was stopped early", "Director Tomas Brel of the Eastport Institute of Tides"),
    ("Anna Berg, head of the Eastport Institute (EI), said the trial was stopped early.", "the trial was stopped early", "Anna Berg"),
    ("Rep. Jon Tessel (D-Vell.), said the trial was stopped early.", "the trial was stopped early", "Rep. Jon Tessel"),
    # a relative "who" stands for the one before it
    ("The mayor met a retired captain who suggested that the ferry should be sold.", "the ferry should be sold", "a retired captain"),
    ("The levy gave fresh ammunition to residents who say the harbour is a money pit.", "the harbour is a money pit", "residents"),
    # an adverb opening the sentence is not part of the speaker
    ("Ever since Anna Berg announced her candidacy last year, she has praised the ferry crews.", "her candidacy last year", "Anna Berg"),
    ("Perhaps Vellmouth will oppose any move in this direction.", "any move in this direction", "Vellmouth"),
    ("Essentially, the lawyers read the letters and found that one sender had a harbour account.",
     "one sender had a harbour account", "the lawyers"),
    # the words around a speaker: a relative clause after an age, a conjunction before it
    ("Woodrow Bell, 58, who lives outside Vellmouth, says he did not know much about the ferry.",
     "he did not know much about the ferry", "Woodrow Bell"),
    ("Tomas Brel criticised the press, though he added that the coverage had helped him.", "the coverage had helped him", "he"),
]


@pytest.mark.parametrize(("text", "content", "speaker_as_written"), SPEAKER_AND_CONTENT)
def test_reported_clause_and_its_subject(text: str, content: str, speaker_as_written: str) -> None:
    a = run(text)
    s = find(a, content, "indirect")
    assert words(a, s) == content
    assert mention(a, s) == speaker_as_written


@pytest.mark.parametrize("text", [
    "Fishermen expect the worst from the new levy this winter.",
    "She did not know what day it was when the ferry left.",
])
def test_a_belief_verb_before_a_noun_phrase_or_a_question_is_not_reported_speech(text: str) -> None:
    assert [s for s in run(text).statements if s.kind == "indirect"] == []


def test_a_new_subject_and_cue_after_comma_and_end_the_clause() -> None:
    a = run("The ferry union has endorsed the mayor, and the harbour board opposed the levy.")
    first = find(a, "the mayor", "indirect")
    assert words(a, first) == "the mayor"
    assert mention(a, first) == "The ferry union"
    second = find(a, "the levy", "indirect")
    assert mention(a, second) == "the harbour board"


def test_a_comma_and_phrase_without_a_cue_stays_in_the_clause() -> None:
    a = run("Anna Berg said the levy, and the rules that came with it, were unfair.")
    assert words(a, find(a, "the levy", "indirect")) == "the levy, and the rules that came with it, were unfair"


@pytest.mark.parametrize("cue", ["went on to say", "went on to say that", "continued to insist"])
def test_went_on_to_say_takes_the_subject_before_went(cue: str) -> None:
    a = run(f"Anna Berg praised the crew. She {cue} the ferry would run again by spring.")
    s = find(a, "the ferry would run again", "indirect")
    assert words(a, s) == "the ferry would run again by spring"
    assert mention(a, s) == "She"
    assert s.speaker == "Anna Berg"


def test_according_to_a_document_keeps_the_name_in_the_content() -> None:
    a = run("According to the report, Anna Berg, the harbour master, will not run the ferry.")
    s = find(a, "will not run the ferry", "indirect")
    assert mention(a, s) == "the report"
    assert words(a, s).startswith("Anna Berg")


@pytest.mark.parametrize("text", [
    "Anna Berg tweeted in the early morning hours that the ferry was a disgrace.",
    "Anna Berg says at a campaign stop in Vellmouth, Eastshire, that the ferry was a disgrace.",
    "Anna Berg wrote in a column this month that the ferry was a disgrace.",
    "Anna Berg said on Tuesday the ferry was a disgrace.",
])
def test_a_phrase_of_place_or_time_before_the_content_is_skipped(text: str) -> None:
    a = run(text)
    assert words(a, find(a, "disgrace", "indirect")) == "the ferry was a disgrace"


@pytest.mark.parametrize("text", [
    '"It works," she said pleasantly into the phone.',
    '"I am a sailor," he said during a debate in Vellmouth last week.',
])
def test_a_phrase_of_place_after_a_quotation_cue_is_not_reported_speech(text: str) -> None:
    assert [s for s in run(text).statements if s.kind == "indirect"] == []


@pytest.mark.parametrize("text", [
    "To be sure, the weapons charges are very important to the harbour.",
    "Nobody knows how the harbour report will influence the vote.",
    '"It is fine," she said, taking a break from her phone calls.',
])
def test_a_noun_or_a_participle_is_not_a_cue_with_content(text: str) -> None:
    assert [s for s in run(text).statements if s.kind == "indirect"] == []


@pytest.mark.parametrize(("text", "speaker"), [
    # a clause opening inside a capitalised run ("the U.S. While Anna Berg ...")
    ("Crews were banned from entering the U.S. While Anna Berg praised the crews, others did not.\n\n"
     "She said the ferry would stop.", "Anna Berg"),
    # a role opening the sentence before the name
    ("Singer Anna Berg retired on Monday.\n\nShe said the ferry would stop.", "Anna Berg"),
])
def test_a_pronoun_goes_to_the_name_without_the_words_before_it(text: str, speaker: str) -> None:
    a = run(text)
    assert find(a, "the ferry would stop", "indirect").speaker == speaker
    assert speaker in [s.name for s in a.speakers]


def test_a_quotation_inside_reported_speech_shares_its_group() -> None:
    a = run('Olga Brant said the new levy "costs the valley a fortune every winter" and must go.')
    reported = find(a, "the new levy", "indirect")
    quoted = find(a, "costs the valley a fortune", "direct")
    assert quoted.speaker == reported.speaker == "Olga Brant"
    assert quoted.group is not None and quoted.group == reported.group


def test_a_quotation_by_someone_else_inside_reported_speech_keeps_its_own_group() -> None:
    a = run('Olga Brant said the levy was what the mayor, Tomas Brel, has called "a fair price for a safe harbour".')
    quoted = [s for s in a.statements if s.kind == "direct"]
    reported = find(a, "the levy", "indirect")
    assert all(q.group is None or q.group != reported.group for q in quoted)


@pytest.mark.parametrize("name", ["Selin Doğan", "Mert Kağan", "Ana Núñez"])  # ("do an": a determiner if split)
def test_a_name_with_letters_outside_ascii_before_a_cue(name: str) -> None:
    a = run(f"{name} told reporters the levy would fall.")
    s = find(a, "the levy would fall", "indirect")
    assert mention(a, s) == name


def test_a_name_with_and_without_accents_is_one_speaker() -> None:
    a = run("Harbour master Zoë Ağaoğlu said the harbour would open.\n\n"
            "Agaoglu said the ferry was ready.\n\nAğaoğlu told reporters the levy would fall.")
    assert {s.speaker for s in a.statements if s.kind == "indirect"} == {"Zoë Ağaoğlu"}


@pytest.mark.parametrize("name", ["Ludwig van der Berg", "Carmen de la Vega", "Osama bin Tahir"])
def test_a_name_with_joiners_in_a_row_is_one_speaker(name: str) -> None:
    a = run(f"{name} said the harbour would open in May.")
    s = find(a, "the harbour would open", "indirect")
    assert mention(a, s) == name
    assert s.speaker == name


@pytest.mark.parametrize(("text", "content"), [
    ("Anna Berg said the ferry would stop in May, putting the island's school at risk.",
     "the ferry would stop in May"),
    ("Anna Berg said the levy helped the mayor, who does not need to win the vote.",
     "the levy helped the mayor"),
    # a relative clause closed by a comma stays inside the content
    ("Anna Berg said the levy, which was approved in May, would fail.",
     "the levy, which was approved in May, would fail"),
    # an "-ing" word with a finite verb after it is the subject of a clause
    ("Anna Berg announced that from June, wearing a life jacket would become compulsory.",
     "from June, wearing a life jacket would become compulsory"),
])
def test_reported_content_ends_before_the_writers_framing(text: str, content: str) -> None:
    a = run(text)
    assert words(a, find(a, content.split(",")[0], "indirect")) == content


@pytest.mark.parametrize(("text", "content", "speaker_as_written", "speaker"), [
    ("Some say they hear echoes of a painful past in the harbour plan.",
     "they hear echoes of a painful past in the harbour plan", "Some", "some"),
    ("The vote was close, but many said the levy was unfair to the island.",
     "the levy was unfair to the island", "many", "many"),
    ("Again, those surveyed said the mayor was best able to handle the ferries.",
     "the mayor was best able to handle the ferries", "those surveyed", "those surveyed"),
    ("Harbour Board and Ferry Union spokesmen said the ban stopped the crossings.",
     "the ban stopped the crossings", "Harbour Board and Ferry Union spokesmen", "Harbour Board and Ferry Union spokesmen"),
])
def test_unnamed_groups_as_subjects(text: str, content: str, speaker_as_written: str, speaker: str) -> None:
    a = run(text)
    s = find(a, content, "indirect")
    assert words(a, s) == content
    assert mention(a, s) == speaker_as_written
    assert s.speaker == speaker


def test_a_quantifier_before_a_noun_is_not_a_subject() -> None:
    a = run("The crews worked on while some reports said the ferry was late.")
    assert mention(a, find(a, "the ferry was late", "indirect")) == "some reports"


def test_a_second_verb_joined_by_and_takes_the_sentence_subject() -> None:
    a = run("The embassy declined the request and said the family left on advice from the ministry.")
    s = find(a, "the family left", "indirect")
    assert mention(a, s) == "The embassy"


def test_according_to_a_report_in_which_someone_said() -> None:
    a = run("The stores were calm, according to a report from the Courier in which the owners said they had no plans to limit sales.")
    assert mention(a, find(a, "The stores were calm", "indirect")) == "a report from the Courier"
    assert mention(a, find(a, "no plans to limit sales", "indirect")) == "the owners"


def test_a_surname_that_is_also_a_place_word() -> None:
    a = run("Singer Mara Day died on Monday at her home.\n\nDay said she was tired of the harbour.\n\n"
            '"I am done," she said.')
    assert find(a, "tired of the harbour", "indirect").speaker == "Mara Day"
    assert find(a, "I am done", "direct").speaker == "Mara Day"
    assert [s.kind for s in a.speakers if s.name == "Mara Day"] == ["person"]


def test_a_place_ending_in_a_place_word_is_still_no_person() -> None:
    a = run("The rally at Vell Park drew thousands, the organisers said on Monday.")
    assert all(s.kind != "person" for s in a.speakers)


def test_two_cues_with_one_content_do_not_fail_a_rule() -> None:
    text = ('"Prices rose by 69%," the survey said.\n\n'
            "Dr. Brel comments, alongside an EHA report, that Vellmouth has the most crowded port in the region.")
    analysis, errors = run_rules(Article(id="t", text=text))
    assert errors == []
    assert find(analysis, "the most crowded port", "indirect").speaker_mention is not None


def test_adjectives_in_a_list_are_not_a_participle_phrase() -> None:
    a = run("Tomas Brel called him a kind, loving and admirable person.")
    assert words(a, find(a, "him a kind", "indirect")) == "him a kind, loving and admirable person"


def test_a_word_and_a_letter_name_a_thing_not_a_person() -> None:
    a = run("The mayor kept Plan A in a drawer.\n\nShe said the ferry would stop.")
    assert find(a, "the ferry would stop", "indirect").speaker is None
    assert all(s.name != "Plan A" for s in a.speakers)


def test_a_first_name_alone_is_the_one_person_with_it() -> None:
    a = run("Army chief General Somchai Wattana said the vote was fair.\n\nSomchai told reporters the court must act.")
    assert find(a, "the court must act", "indirect").speaker == "Somchai Wattana"


def test_a_first_name_two_people_share_is_no_one_of_them() -> None:
    a = run("Anna Berg and Anna Lind met on Monday.\n\nAnna said the vote was fair.")
    assert find(a, "the vote was fair", "indirect").speaker not in ("Anna Berg", "Anna Lind")


def test_that_before_a_name_opens_a_clause() -> None:
    a = run("Officials said that Anna Berg told the council the ferry would stop.")
    inner = [s for s in a.statements if words(a, s) == "the ferry would stop"]
    assert [mention(a, s) for s in inner] == ["Anna Berg"]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Mayor Ann Holt opened the meeting. According to a statement released by Holt, the bridge will open in May next year.",
         "the bridge will open in May next year", "Ann Holt"),
        ("According to an article published by the Vell Courier on July 1, two of the farms do not exist.",
         "two of the farms do not exist", "Vell Courier"),
    ],
)
def test_according_to_a_document_and_the_one_who_issued_it(text: str, content: str, speaker: str) -> None:
    s = find(run(text), content, "indirect")
    assert s.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # another office with the same noun is someone else
        ("Orrin President Ilse Varga met Pell President Tomas Brel. The Pell president said the talks went well.", "Tomas Brel"),
        ("Orrin President Ilse Varga arrived late. The Pell president said the talks went well.", "The Pell president"),
        ("Secretary of State Anna Roe flew in. The Defence Secretary said the base would stay open.", "Defence Secretary"),
        # the same office, or words that only say when, fit the holder
        ("Defence Secretary Anna Roe flew in. The Defence Secretary said the base would stay open.", "Anna Roe"),
        ("President Ilse Varga arrived late. The former president said the talks went well.", "Ilse Varga"),
    ],
)
def test_a_role_with_another_office_is_not_its_holder(text: str, speaker: str) -> None:
    s = next(s for s in run(text).statements if s.kind == "indirect" and "said" in text[s.cue.start : s.cue.end])
    assert s.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker_words"),
    [
        ("The council lifted the ban, after Radio Vell agreed to a two-day suspension of its broadcasts.", "Radio Vell"),
        ("Ilse Varga left the board on Friday, hours after Tomas Brel said the vote had been unfair to her.", "Tomas Brel"),
    ],
)
def test_a_conjunction_before_the_subject_is_not_part_of_it(text: str, speaker_words: str) -> None:
    a = run(text)
    (s,) = [s for s in a.statements if s.kind == "indirect"]
    assert mention(a, s) == speaker_words


def test_please_is_not_a_speaker() -> None:
    a = run("The list was published on Monday. Please note that these are only the elected seats.")
    assert all(mention(a, s) != "Please" for s in a.statements)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # an office, then the name beside it
        ("The Orrin President, Ilse Varga, announced that the parliament would be dissolved.", "Ilse Varga"),
        ("Vell's Director of Public Prosecutions, Tomas Brel, said that the courts were too lenient.", "Tomas Brel"),
        # a title and a place alone name no one; a title with a place and a name names the person
        ("State Superintendent of Education Inez Vale, who admitted she had made the calls, said that she regretted them.", "Inez Vale"),
        # a name that ends in a title word is still the name
        ("Charlie King, a former director of the Vell Democratic Party, said that the group would focus on five states.", "Charlie King"),
    ],
)
def test_an_office_and_the_name_beside_it(text: str, speaker: str) -> None:
    s = next(s for s in run(text).statements if s.kind == "indirect" and s.rule == "reported.cue_clause")
    assert s.speaker == speaker


def test_a_title_and_the_words_after_of_are_no_ones_name() -> None:
    a = run("The Director of Public Prosecutions called today for tougher courts. He said that the courts were too lenient.")
    assert "Public Prosecutions" not in {sp.name for sp in a.speakers}


@pytest.mark.parametrize(
    "text",
    [
        "The new rosters add up to fourteen extra hours a month for each crew member.",
        "The union called off the strike planned for Monday after late talks.",
        "The ministry called up thousands of reservists to help with the floods.",
        "The council has assumed control of the harbour and its ferry services.",
        "Vell and Orrin have already concluded an agreement on fishing rights in the bay.",
        "The harbour board maintains a list of every ship in the port and its owners.",
        "The new rosters add fourteen hours a month to every shift of the crews.",
    ],
)
def test_a_cue_verb_in_another_sense_reports_nothing(text: str) -> None:
    assert [s for s in run(text).statements if s.kind == "indirect"] == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The inquiry concluded the ferry company was to blame for the delays.", "the ferry company was to blame"),
        ("The union wrote back that the rosters were unsafe for the crews.", "the rosters were unsafe"),
        ("The harbour board maintains that the ships were never at risk.", "the ships were never at risk"),
    ],
)
def test_the_same_verbs_still_report_a_clause(text: str, content: str) -> None:
    find(run(text), content, "indirect")


def test_the_one_told_and_a_venue_are_not_what_was_said() -> None:
    assert [s for s in run("Karl Brandt told the nation in a live address on Monday evening.").statements if s.kind == "indirect"] == []
    a = run("Karl Brandt told the nation in a live address that the harbour would reopen in May.")
    assert words(a, find(a, "harbour", "indirect")) == "the harbour would reopen in May"
    find(run("The government warned its citizens in Vell to keep a low profile until the talks end."), "to keep a low profile", "indirect")


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Ann Holt pointed out that the bridge was two years late and over budget.", "the bridge was two years late", "Ann Holt"),
        ("Critics have pointed out the bridge was two years late and over budget.", "the bridge was two years late", "critics"),
        ("Ann Holt made clear that the bridge would not open before May next year.", "the bridge would not open", "Ann Holt"),
        ("Ann Holt has made it clear that the bridge would not open before May.", "the bridge would not open", "Ann Holt"),
    ],
)
def test_pointed_out_and_made_clear_report(text: str, content: str, speaker: str) -> None:
    assert find(run(text), content, "indirect").speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Ann Holt pointed to the figures from the council as proof of the delay.",
        "The council made a profit of four million pounds on the sale of the harbour.",
    ],
)
def test_pointed_or_made_without_their_word_do_not_report(text: str) -> None:
    assert [s for s in run(text).statements if s.kind == "indirect"] == []


@pytest.mark.parametrize(
    ("text", "content", "speaker_words"),
    [
        ("Tomas Brel soon learned that his parents had never filed the papers.", "his parents had never filed", "Tomas Brel"),
        ("When the team leader realized the boats were not coming, he turned back.", "the boats were not coming", "the team leader"),
    ],
)
def test_learning_and_realising_are_held_views(text: str, content: str, speaker_words: str) -> None:
    a = run(text)
    assert mention(a, find(a, content, "indirect")) == speaker_words


def test_learning_a_lesson_is_no_view() -> None:
    assert [s for s in run("The council learned a lesson from the flood of 1990 and its damage.").statements if s.kind == "indirect"] == []


def test_an_example_between_commas_is_not_the_subject() -> None:
    a = run("Several officials, including Tomas Brel, said that the harbour would reopen in May.")
    assert mention(a, find(a, "harbour would reopen", "indirect")) == "Several officials"


@pytest.mark.parametrize(
    ("text", "speaker_words"),
    [
        ("The grandmaster said he will retire at the end of the season.", "The grandmaster"),
        ("A hotel employee stated that the guests left at half past eight.", "A hotel employee"),
        ("The suit charges that the council ignored the warnings for years.", "The suit"),
    ],
)
def test_a_subject_of_unknown_words_opening_its_sentence(text: str, speaker_words: str) -> None:
    a = run(text)
    (s,) = [s for s in a.statements if s.kind == "indirect"]
    assert mention(a, s) == speaker_words


@pytest.mark.parametrize(
    "text",
    [
        "A similar dispute exists between the two towns over the harbour fees.",
        "The bomb blasts have sent ripples of fear across the whole region.",
        "The new notes and coins come into use across the country today.",
        "The plan will post three thousand troops in the north of the region.",
        "Critics point to a sharp decline in public services across the region.",
        "The Senate late last night agreed to pass the harbour bill without changes.",
    ],
)
def test_unknown_words_before_a_noun_or_a_verb_in_another_sense_are_no_subject(text: str) -> None:
    assert [s for s in run(text).statements if s.kind == "indirect"] == []


@pytest.mark.parametrize(
    ("text", "content", "quoted", "speaker"),
    [
        ('Mike Roe of the Vell Health Board told the press the new drugs were only part of the solution: "What will stop it is a vaccine."',
         "the new drugs were only part of the solution", "What will stop it", "Mike Roe"),
        ('According to Tomas Brel, the letter helps the case: "The key factor is intent."', "the letter helps the case", "The key factor", "Tomas Brel"),
    ],
)
def test_reported_speech_ends_at_a_colon_that_opens_a_quotation(text: str, content: str, quoted: str, speaker: str) -> None:
    a = run(text)
    reported = find(a, content, "indirect")
    assert words(a, reported) == content
    assert reported.speaker == find(a, quoted, "direct").speaker == speaker


def test_a_speech_participle_after_a_comma_starts_another_statement() -> None:
    a = run("Tomas Brel called for a regional fund for the harbour, claiming a right for Vell to decide on its use.")
    assert words(a, find(a, "regional fund", "indirect")) == "a regional fund for the harbour"


def test_content_after_that_skips_a_parenthesis_between_commas() -> None:
    a = run("Vell's mayor, Ann Holt, assured people that, for the sailors' release, no ransom was paid.")
    (s,) = [s for s in a.statements if s.kind == "indirect"]
    assert words(a, s) == "no ransom was paid"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The wall is negotiable. Tomas Brel was quick to add that the negotiation does not include dropping the idea.", "Tomas Brel"),
        ("Ann Holt was careful to note that the figures were not final.", "Ann Holt"),
    ],
)
def test_quick_to_add_reports(text: str, speaker: str) -> None:
    (s,) = [s for s in run(text).statements if s.kind == "indirect"]
    assert s.speaker == speaker


def test_a_plain_infinitive_cue_still_reports_nothing() -> None:
    assert [s for s in run("The board has a chance to note that the figures were not final.").statements if s.kind == "indirect"] == []


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("The BBC is reporting that the talks in Vell have broken down for good.", "the talks in Vell have broken down", "BBC"),
        ("Tomas Brel has been saying for months that the bridge would never open.", "the bridge would never open", "Tomas Brel"),
    ],
)
def test_a_progressive_cue_reports(text: str, content: str, speaker: str) -> None:
    assert find(run(text), content, "indirect").speaker == speaker


def test_an_ing_word_after_be_that_is_no_cue_reports_nothing() -> None:
    assert [s for s in run("The ferry is running late again this morning because of the storm.").statements if s.kind == "indirect"] == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Tomas Brel implied that the council had known about the cracks for years.", "the council had known"),
        ("Ann Holt underscored that the ferry would keep running through the winter.", "the ferry would keep running"),
        ("Some wondered whether the council would ever finish the bridge.", "the council would ever finish"),
    ],
)
def test_more_verbs_of_saying(text: str, content: str) -> None:
    find(run(text), content, "indirect")


@pytest.mark.parametrize(
    "text",
    [
        "Brel has not yet answered Holt's remarks, although he did keep up his attacks on the council.",
        "Editor's note: the harbour figures in this article were corrected on Monday morning.",
        "The mayor's support rose four points since the last poll of the town.",
    ],
)
def test_a_cue_word_after_a_possessive_is_a_noun(text: str) -> None:
    assert [s for s in run(text).statements if s.kind == "indirect"] == []


def test_the_union_is_the_union_that_spoke_before() -> None:
    a = run("The Vell Dockers Union called a strike, and the Vell Dockers Union said that talks had failed. "
            "The union said that the rosters were unsafe.")
    assert find(a, "rosters were unsafe", "indirect").speaker == "Vell Dockers Union"
    assert [sp.name for sp in a.speakers] == ["Vell Dockers Union"]


def test_a_time_clause_after_the_cue_is_not_what_was_said() -> None:
    a = run('"It is not for money or worldly gain," Tomas Brel said, when talking to his six month old daughter.')
    assert [s for s in a.statements if s.kind == "indirect"] == []


@pytest.mark.parametrize(
    ("text", "speaker_words"),
    [
        ("David Vell on Wednesday called on Ann Holt to apologise to the council for the remarks.", "David Vell"),
        ("Tomas Brel has written that the harbour will close for good in May.", "Tomas Brel"),
    ],
)
def test_a_day_before_the_cue_is_not_part_of_the_subject(text: str, speaker_words: str) -> None:
    a = run(text)
    (s,) = [s for s in a.statements if s.kind == "indirect"]
    assert mention(a, s) == speaker_words


def test_written_without_has_or_was_is_a_participle() -> None:
    assert [s for s in run("It was revealed in a letter by prosecutor Tomas Brel, written January 23 and filed on Monday.").statements
            if s.kind == "indirect"] == []


def test_the_times_keeps_its_capital_where_times_is_written() -> None:
    a = run("The harbour flooded three times this year. The Times wrote that the council had ignored the warnings.")
    assert find(a, "ignored the warnings", "indirect").speaker == "Times"


def test_according_to_a_report_by_a_body_with_an_ing_modifier() -> None:
    a = run("The bridge is expected to cost four million pounds, according to a report by the council's engineering office.")
    (s,) = [s for s in a.statements if s.kind == "indirect"]
    assert s.speaker == "council's engineering office"
