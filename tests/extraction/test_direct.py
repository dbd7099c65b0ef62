"""Direct quotations: pairing, cues on either side, interruptions, continuation, traps."""

from __future__ import annotations

import pytest

from tests.extraction.helpers import find, first_direct_mention, mention, run, words

# text, quoted fragment, expected speaker, expected mention, expected rule prefix
CUE_CASES = [
    ('"The bridge will open in May," said Mayor Ilse Varga.', "bridge will open", "Ilse Varga", "Mayor Ilse Varga", "direct.cue_after"),
    ('"The bridge will open in May," Ilse Varga said.', "bridge will open", "Ilse Varga", "Ilse Varga", "direct.cue_after"),
    ("“We are not finished yet,” she said after Ilse Varga spoke.", "not finished", None, "she", "direct.cue_after"),
    ('Ilse Varga said: "The bridge will open in May."', "bridge will open", "Ilse Varga", "Ilse Varga", "direct.cue_before"),
    ('Ilse Varga wrote on her blog: "The bridge will open in May."', "bridge will open", "Ilse Varga", "Ilse Varga", "direct.cue_before"),
    ('Ilse Varga told reporters, "The bridge will open in May."', "bridge will open", "Ilse Varga", "Ilse Varga", "direct.cue_before"),
    ('"Is the bridge safe?" asked Tomas Brel, a local engineer.', "bridge safe", "Tomas Brel", "Tomas Brel", "direct.cue_after"),
    ("«Nous avons gagné la partie ce soir», a dit Tomas Brel.", "gagné", None, None, "direct"),
]


@pytest.mark.parametrize(("text", "fragment", "speaker", "as_written", "rule"), CUE_CASES)
def test_cue_before_and_after(text: str, fragment: str, speaker: str | None, as_written: str | None, rule: str) -> None:
    a = run(text)
    s = find(a, fragment, "direct")
    assert s.rule.startswith(rule)
    if as_written is not None:
        assert mention(a, s) == as_written
    if speaker is not None:
        assert s.speaker == speaker
    assert '"' not in words(a, s) and "“" not in words(a, s)


def test_pronoun_after_a_named_speaker() -> None:
    text = 'Ilse Varga opened the bridge on Monday.\n\n"It took six years," she said.'
    a = run(text)
    s = find(a, "six years")
    assert mention(a, s) == "she"
    assert s.speaker == "Ilse Varga"


def test_interrupted_quotation_shares_group_and_speaker() -> None:
    a = run('"The first part," said Tomas Brel, "and the second part."')
    first, second = find(a, "first part"), find(a, "second part")
    assert first.group is not None and first.group == second.group
    assert first.speaker == second.speaker == "Tomas Brel"
    assert second.rule == "direct.interrupted"


def test_multi_paragraph_quotation_continues() -> None:
    text = (
        'Ilse Varga spoke at the opening. "The first paragraph of my remarks runs on and on,\n\n'
        '"and the second paragraph of them closes here," she said.'
    )
    a = run(text)
    first = find(a, "first paragraph")
    assert words(a, first).endswith("on and on,")
    assert find(a, "second paragraph").speaker == "Ilse Varga"


def test_quotation_only_paragraph_continues_previous_speaker() -> None:
    text = '"The roads are clear," said Tomas Brel.\n\n"We expect no delays on any route tomorrow."'
    a = run(text)
    s = find(a, "no delays")
    assert s.speaker == "Tomas Brel"
    assert s.rule == "direct.continues"


def test_pull_quote_takes_speaker_of_its_copy() -> None:
    text = (
        "'We will rebuild the harbour wall first.'\n\n"
        '"We will rebuild the harbour wall first. Then the pier," said Ilse Varga.'
    )
    a = run(text)
    pull = [s for s in a.statements if s.rule == "direct.pull_quote"]
    assert len(pull) == 1 and pull[0].speaker == "Ilse Varga"


@pytest.mark.parametrize(
    "text",
    [
        "The mayor's plan isn't ready and the council's vote won't happen.",  # apostrophes
        'Critics called the plan "bold" at the meeting.',  # a one-word scare quote
        'She starred in "The Long Harbour" in 1998 and retired soon after.',  # a title
        # a short phrase after a naming verb: a label, not a statement
        'The plan has been called "strategic ambiguity" by its critics.',
        # longer titles, after a verb of saying or publishing
        "The firm is set to publish ''Harbour Lights Revealed: The Life of a Ferry Town,'' a history.",
        'Her column, she said, will be called "Notes From the Far Side of the Tide" from May.',
    ],
)
def test_traps_are_not_quotations(text: str) -> None:
    a = run(text)
    assert [s for s in a.statements if s.kind == "direct"] == []


def test_stray_mark_degrades_only_its_paragraph() -> None:
    text = (
        'A stray " mark sits in this paragraph without a partner and nothing more.\n\n'
        '"The second paragraph is fine," said Tomas Brel.'
    )
    a = run(text)
    s = find(a, "second paragraph is fine")
    assert s.speaker == "Tomas Brel"


def test_nested_single_quotes_are_not_split_apart() -> None:
    a = run("\"He told me, 'we will win this', and I believed him,\" said Ilse Varga.")
    s = find(a, "believed him", "direct")
    assert "'we will win this'" in words(a, s)
    assert s.speaker == "Ilse Varga"


def test_markdown_emphasis_and_links_do_not_break_quotes() -> None:
    text = '*"The harbour is open,"* [Ilse Varga](https://example.invalid/iv) said.'
    a = run(text, markup="markdown")
    s = find(a, "harbour is open", "direct")
    assert mention(a, s) is not None and "Ilse Varga" in mention(a, s)


def test_quotation_paragraph_after_an_introduction() -> None:
    text = (
        "The harbour's chief engineer, Dr Ilse Varga, gave a briefing on Sunday.\n\n"
        '"The wall held overnight, but the next tide is higher.\n\n'
        '"Keep away from the pier until Tuesday."'
    )
    a = run(text)
    first, second = find(a, "wall held"), find(a, "Keep away")
    assert first.speaker == second.speaker == "Ilse Varga"
    assert first.rule == "direct.introduced"


def test_no_introduction_no_guess() -> None:
    text = 'The tide rose overnight.\n\n"Keep away from the pier until Tuesday."'
    assert find(run(text), "Keep away").speaker is None


@pytest.mark.parametrize(
    "text",
    [
        'On this weekend\'s broadcast of "Harbour Hour," Ilse Varga spoke about the pier.',
        'The new spot, titled "Undertow," said little about the budget.',
        'She bought a "floatel" near the pier, Tomas Brel said.',
    ],
)
def test_short_phrase_quoted_mid_sentence_is_not_a_quotation(text: str) -> None:
    a = run(text)
    assert [s for s in a.statements if s.kind == "direct"] == []


def test_paragraph_ending_in_a_colon_introduces_the_quotation() -> None:
    text = 'Ilse Varga spoke last. She said:\n\n"The wall will hold until spring, and then we rebuild."'
    s = find(run(text), "wall will hold")
    assert s.speaker == "Ilse Varga"
    assert s.rule == "direct.cue_before"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"The pier is safe," Rep. Ilse K. Varga (D-Vm.) said.', "Ilse K. Varga"),
        ('"The pier is safe," Mayor Tomas Brel, D-Vm., said on Tuesday.', "Tomas Brel"),
        ('"The pier is safe," Tomas Brel, the harbour master of Vellmouth, one of the towns affected, said.', "Tomas Brel"),
        ('"The pier is safe," said 9/11 survivor Ilse Varga.', "Ilse Varga"),
    ],
)
def test_long_speaker_phrases_after_a_quotation(text: str, speaker: str) -> None:
    assert find(run(text), "pier is safe").speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        "''The pier will reopen in May,'' said Ilse Varga.",
        "``The pier will reopen in May,'' said Ilse Varga.",
    ],
)
def test_doubled_apostrophes_and_backticks_are_quotation_marks(text: str) -> None:
    a = run(text)
    s = find(a, "pier will reopen", "direct")
    assert words(a, s) == "The pier will reopen in May,"
    assert s.speaker == "Ilse Varga"


def test_quotation_running_over_paragraphs_is_one_group() -> None:
    text = (
        '"The roads are clear and the ferries run on time," said Tomas Brel.\n\n'
        '"We expect no delays on any route tomorrow, and none at the weekend."'
    )
    a = run(text)
    first, second = find(a, "roads are clear"), find(a, "no delays")
    assert first.group is not None and first.group == second.group


def test_a_line_in_capitals_is_not_a_speaker() -> None:
    a = run('RED VALLEYS OUTNUMBER BLUE ONES: "The map of the valley has changed a great deal since the last count."')
    s = find(a, "The map", "direct")
    assert s.speaker_mention is None
    assert s.speaker is None


def test_token_window_opening_inside_a_word_skips_its_tail() -> None:
    from tuireader.extraction.doc import Doc
    from tuireader.model import Article

    doc = Doc.of(Article(id="w", text="alpha beta gamma"))
    assert [t.text for t in doc.tokens_near(2, 16)] == ["beta", "gamma"]
    assert [t.text for t in doc.tokens_near(5, 16)] == ["beta", "gamma"]


@pytest.mark.parametrize(
    "text",
    [
        '"We will," said Mayor Ana de Sagun Jr. The mayor left. "Done."',
        '"Soon," said Sen. Ilse Varga. She left at 9 a.m. on Friday. Then Dr. Oort spoke.',
        '"Soon," she said of the U.S. While it waited, Acme Corp. "No."',
        '"Yes," he said. "No," she said.',
    ],
)
def test_tokens_after_a_quotation_are_those_of_the_stretch(text: str) -> None:
    """Put together sentence by sentence, they are what tokenising the stretch gives."""
    from tuireader.extraction.attribution import _tokens_after
    from tuireader.extraction.doc import Doc
    from tuireader.extraction.pipeline import RULES
    from tuireader.extraction.tokens import tokenize
    from tuireader.model import Article

    doc = Doc.of(Article(id="t", text=text))
    RULES[0][1](doc)
    start = text.index('"', 1) + 1
    for end in range(start + 1, len(text) + 1):
        assert [(t.start, t.text) for t in _tokens_after(doc, 0, start, end)] == [
            (t.start, t.text) for t in tokenize(doc.norm, start, end)
        ], end


def test_pronoun_goes_to_a_subject_after_a_lead_in_and_a_role() -> None:
    text = (
        'Tomas Brel spoke first. "We will vote in May," he said. He claimed the harbour was safe.\n\n'
        'On Tuesday, Vellish prime minister Jan Oort speaking to the harbour council called the plan '
        '"null and void" and "geographically absurd". '
        '"The ferries cannot wait another winter for this," he added.'
    )
    a = run(text)
    assert find(a, "ferries cannot wait", "direct").speaker == "Jan Oort"


def test_a_name_with_a_digit_is_not_a_person() -> None:
    text = (
        "Pieter Vos, a 19-year-old cyclist, was struck by a Marlin GT40 on the coast road. He died later "
        "that night.\n\nPolice spoke with Anna Lind as a witness. She told them, \"The car never slowed "
        "down at the bend at all.\""
    )
    a = run(text)
    from tuireader.extraction.doc import Doc
    from tuireader.extraction.pipeline import RULES
    from tuireader.model import Article

    doc = Doc.of(Article(id="v", text=text))
    for _, rule in RULES:
        rule(doc)
    assert "Marlin GT40" not in doc.registry.entities  # type: ignore[attr-defined]
    assert doc.registry.entities["Pieter Vos"].gender == "m"  # type: ignore[attr-defined]
    assert find(a, "never slowed", "direct").speaker != "Pieter Vos"


@pytest.mark.parametrize(
    ("text", "speaker_words"),
    [
        ('"We are shocked, he was a friend to us," one Marlin & Co employee told Radio Vell.', "one Marlin & Co employee"),
        ('"She was always the first to help," another friend, Mira Toft told the Courier.', "another friend, Mira Toft"),
        ('"Would the ferry run on Sundays?" Oren Halvi pressed.', "Oren Halvi"),
    ],
)
def test_more_cue_after_speakers(text: str, speaker_words: str) -> None:
    assert first_direct_mention(text) == speaker_words


def test_an_infinitive_clause_is_not_a_role_before_a_name() -> None:
    text = ('The ministry called the deal "fully lawful and binding on both sides". '
            'To settle the matter, they asked for talks.')
    a = run(text)
    s = find(a, "fully lawful", "direct")
    assert mention(a, s) != "To settle the matter, they"


@pytest.mark.parametrize(
    "text",
    [
        'Ilse Varga confirmed the closure and later said, "The bridge will stay shut until the spring thaw."',
        'Ilse Varga did not name the firms, but told the council, "The bridge will stay shut until the spring thaw."',
        'Ilse Varga defended the closure by saying, "The bridge will stay shut until the spring thaw."',
        # a verb after the name is not part of it, before a possessive ("Ilse Varga opened Holt's ...")
        "Ilse Varga opened Holt's hearing when she raised the cost and later said, "
        '"The bridge will stay shut until the spring thaw."',
        "Ilse Varga gave Holt’s report to the council and then said: "
        '"The bridge will stay shut until the spring thaw."',
    ],
)
def test_a_second_verb_before_a_quotation_has_the_sentence_subject(text: str) -> None:
    a = run(text)
    assert find(a, "stay shut", "direct").speaker == "Ilse Varga"


def test_a_piece_with_its_own_cue_is_not_joined_to_the_one_before() -> None:
    text = ('"A deal would help the valley," Ilse Varga told the Courier. '
            '"I know nobody here who wants the ferry to stop," the candidate said.')
    a = run(text)
    second = find(a, "nobody here", "direct")
    assert mention(a, second) == "the candidate"
    assert second.rule == "direct.cue_after"


def test_an_infinitive_cue_before_a_colon_takes_the_sentence_subject() -> None:
    a = run('Applicants are obliged to declare: "Have you lived in the valley for five years or more?"')
    assert mention(a, find(a, "five years", "direct")) == "Applicants"


@pytest.mark.parametrize(
    ("text", "speaker_words"),
    [
        ('Tomas Hale left before the vote ended, Nadia Ferro said, adding, "It was never a popular route."',
         "Nadia Ferro"),
        ('Tomas Hale left early, the harbour spokesman told reporters, adding: "Nobody asked us about the timetable."',
         "the harbour spokesman"),
        ('Tomas Hale criticised the timetable, saying, "Nobody asked us about the late ferries."', "Tomas Hale"),
    ],
)
def test_a_participle_after_a_cue_takes_that_cues_subject(text: str, speaker_words: str) -> None:
    assert first_direct_mention(text) == speaker_words


@pytest.mark.parametrize(
    ("text", "speaker_words"),
    [
        ('"The budget is a scandal," Mayor Rosa Lind shot back.', "Mayor Rosa Lind"),
        ('The clerk objected. Rosa Lind fired back: "The budget was published in March."', "Rosa Lind"),
        ('"We lost two crossings a week," Lind went on.', "Lind"),
    ],
)
def test_two_word_cues(text: str, speaker_words: str) -> None:
    assert first_direct_mention(text) == speaker_words


@pytest.mark.parametrize(
    ("text", "speaker_words"),
    [
        ('Harbour polls agree - Ana M. Ruiz: "The late crossings will return in spring."', "Ana M. Ruiz"),
        ('FERRY TIMES WILL CHANGE IN MAY - Oskar Lindqvist: "The early crossings go first."', "Oskar Lindqvist"),
    ],
)
def test_a_name_between_a_dash_and_a_colon_is_the_speaker(text: str, speaker_words: str) -> None:
    assert first_direct_mention(text) == speaker_words


def test_a_lower_case_piece_after_a_long_cue_resumes_the_quotation() -> None:
    text = ('The mayor will speak at the harbour festival.\n\n'
            '"Many people are worried this winter," Piet Alder wrote in a statement to Harbour Weekly '
            'explaining why he would speak, "but most of them agree the ferry must stay."')
    a = run(text)
    first, second = find(a, "worried this winter", "direct"), find(a, "most of them agree", "direct")
    assert second.speaker == first.speaker == "Piet Alder"
    assert second.group is not None and second.group == first.group


@pytest.mark.parametrize(
    ("text", "speaker_words"),
    [
        ('"This is a waste of time," said Del. Anna Perez of the Harbour District.', "Del. Anna Perez"),
        ('"My reaction, that was outrageous," Lind\'s former campaign strategist said on Channel 4.',
         "Lind's former campaign strategist"),
        ('"Though the harbour is still closed, traders are hopeful," the article read.', "the article"),
        ('"Did you see him? He better be safe," she yells while running down the quay.', "she"),
    ],
)
def test_more_speakers_after_a_quotation(text: str, speaker_words: str) -> None:
    assert first_direct_mention(text) == speaker_words


def test_a_press_secretary_is_not_a_cue() -> None:
    a = run('"The ferry will run," White House press secretary Ana Ruiz said on Monday.')
    s = [s for s in a.statements if s.kind == "direct"][0]
    assert s.speaker == "Ana Ruiz"


@pytest.mark.parametrize(
    "text",
    [
        '"The levy is unfair," Oskar Berg, the harbour master, one of the officials at the hearing, said.',
        '"The levy is unfair," Oskar Berg, the Liberal councillor for Eastport, one of the towns suing '
        'the board, said Friday.',
    ],
)
def test_a_name_before_two_appositions_is_the_speaker(text: str) -> None:
    a = run(text)
    assert [s.speaker for s in a.statements if s.kind == "direct"] == ["Oskar Berg"]


@pytest.mark.parametrize(
    ("text", "speaker_words"),
    [
        ('The website said: "Crossings may be cancelled at short notice."', "The website"),
        ('"Welcome, travellers! The ferry is back," a message on the website reads.', "a message on the website"),
        ('The petition says: "We ask the board to keep the late ferry all year."', "The petition"),
    ],
)
def test_documents_and_pages_as_speakers(text: str, speaker_words: str) -> None:
    assert first_direct_mention(text) == speaker_words


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Views differed. Anna Berg of the Eastport harbour council said: "The ferry can run on tidal power."',
         "Anna Berg"),
        ('"The ferry can run on tidal power," said Melka Roth of the city\'s transport office.', "Melka Roth"),
    ],
)
def test_a_name_of_a_body_is_the_person_not_the_body(text: str, speaker: str) -> None:
    a = run(text)
    assert [s.speaker for s in a.statements if s.kind == "direct"] == [speaker]


def test_a_sentence_opening_word_of_a_body_is_not_a_name() -> None:
    a = run('Part of the harbour report claimed that "the ferry loses money every winter".')
    assert "Part" not in {s.speaker for s in a.statements}


def test_contracted_pronoun_is_the_pronoun_not_a_name() -> None:
    text = (
        "Mara Lind runs the ferry company.\n\n"
        "She's claiming that the harbour fees are \u201ca tax on every islander\u201d."
    )
    a = run(text)
    s = find(a, "tax on every islander", kind="direct")
    assert mention(a, s) == "She"
    assert s.speaker == "Mara Lind"


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('The mayor wrote on the harbour blog: "We Will Not Give Up."', "We Will Not Give Up."),
        ('The crowd shouted, "Save Our Ferry!"', "Save Our Ferry!"),
        ('The harbour sign read "CLOSED UNTIL FURTHER NOTICE" for a week.', "CLOSED UNTIL FURTHER NOTICE"),
    ],
)
def test_capitalised_words_introduced_by_a_cue_are_still_quotations(text: str, quoted: str) -> None:
    a = run(text)
    assert quoted in [words(a, s) for s in a.statements if s.kind == "direct"]


def test_a_capitalised_cue_word_inside_a_name_governs_nothing() -> None:
    # "States" in "the United States" is not the verb "states"
    a = run('Anna Berg said at the time that the United States had become a "dumping ground for other harbours."')
    assert all(s.speaker != "United" for s in a.statements)
    assert find(a, "dumping ground", "indirect").speaker == "Anna Berg"


@pytest.mark.parametrize(
    ("text", "speaker_words", "speaker"),
    [
        ('"The fees will rise," said the union\'s chief negotiator, Tomas Brel.', "the union's chief negotiator, Tomas Brel", "Tomas Brel"),
        ('"It is rushed," said the Harbour Trust\'s senior legal counsel, Mara Velt. "We object."', "the Harbour Trust's senior legal counsel, Mara Velt", "Mara Velt"),
        ('"The fees will rise," said the mayor, Tomas Brel, who chairs the board.', "the mayor, Tomas Brel", "Tomas Brel"),
        ('"The fees will rise," said the union\'s chief negotiator.', "the union's chief negotiator", None),
        ('"The fees will rise," said Vellmouth\'s harbour master on Monday.', "Vellmouth's harbour master", None),
        ('"The fees will rise," said the union\'s negotiator, adding that talks would go on.', "the union's negotiator", None),
    ],
)
def test_a_role_after_a_cue_runs_to_its_noun_and_takes_the_name_beside_it(
    text: str, speaker_words: str, speaker: str | None
) -> None:
    a = run(text)
    s = next(s for s in a.statements if s.kind == "direct")
    assert mention(a, s) == speaker_words
    if speaker is not None:
        assert s.speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        '"The fees will rise," said the mayor\'s aide he trusted most.',
        '"The fees will rise," said the union\'s negotiator angrily.',
        '"The fees will rise," said the mayor, Tuesday.',
    ],
)
def test_a_role_after_a_cue_keeps_no_word_that_is_not_its_noun(text: str) -> None:
    a = run(text)
    words = mention(a, a.statements[0]) or ""
    assert not any(w in words for w in ("he trusted", "angrily", "Tuesday"))


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Mayor Ann Holt opened the meeting. "The bridge will open in May," according to a statement released by Holt.', "Ann Holt"),
        ('"The bridge will open in May," said a statement issued by the Vellmouth Harbour Trust on Monday.', "Vellmouth Harbour Trust"),
        ('"The bridge will open in May," read a report by the Orrin Valley Council.', "Orrin Valley Council"),
    ],
)
def test_a_document_speaks_for_the_one_who_issued_it(text: str, speaker: str) -> None:
    a = run(text)
    assert next(s for s in a.statements if s.kind == "direct").speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Prime Minister Karl Brandt opened the session. The Prime Minister said: "We will not merge."', "Karl Brandt"),
        ('President Ann Holt opened the session. "We will not merge," the President said.', "Ann Holt"),
        ('"We will not merge," the Prime Minister said.', "Prime Minister"),
        # an honorific and a name that is also a title; a lone surname that is one
        ('Tomas King runs the ferry firm. "We will not merge," Mr. King said.', "Tomas King"),
        ('Ilse Dean runs the ferry firm. "We will not merge," Dean said.', "Ilse Dean"),
    ],
)
def test_a_role_written_with_capitals_is_resolved_as_a_role(text: str, speaker: str) -> None:
    a = run(text)
    assert next(s for s in a.statements if s.kind == "direct").speaker == speaker


def test_a_title_with_of_and_no_name_names_no_one() -> None:
    a = run(
        "He met the Chancellor of the Duchy of Lancaster and the Secretary of State for Health Care "
        'on Monday. "Taxes will not rise," the Chancellor said. "Nor will fees," the Secretary said.'
    )
    # the words after "of" are the office's, not a person's name
    assert not any(sp.name.lower().startswith(("the ", "of ", "for ")) for sp in a.speakers), [
        sp.name for sp in a.speakers
    ]


def test_a_possessive_office_then_the_name_after_a_quotation() -> None:
    a = run('"We are to be held responsible," Vell\'s Prime Minister, Karl Brandt, told the nation. "Every dollar will be returned."')
    assert [s.speaker for s in a.statements if s.kind == "direct"] == ["Karl Brandt", "Karl Brandt"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Alex Wodak of the Reform Association in an interview with Vell Radio said "I think this is about the vote."', "Alex Wodak"),
        ('Tomas Brel wrote to Mayor Ann Holt saying: "Tradition is not enough."', "Tomas Brel"),
        ('A memo from Tomas Brel to Secretary Ann Holt said, "We have to be convincing."', "A memo"),
        # "according to" names the source itself
        ('According to a Courier report, "The plan will cost more."', "Courier"),
    ],
)
def test_the_one_after_with_or_to_is_not_the_speaker(text: str, speaker: str) -> None:
    a = run(text)
    s = next(s for s in a.statements if s.kind == "direct")
    assert s.speaker is not None and speaker in s.speaker


@pytest.mark.parametrize(
    ("text", "speaker_words", "speaker"),
    [
        ('"We remain concerned," said a spokesman for the Vell Harbour Trust.', "a spokesman for the Vell Harbour Trust", None),
        ('"We remain concerned," said the head of the Vell Harbour Trust on Monday.', "the head of the Vell Harbour Trust", None),
        ('"We remain concerned," said the mayor of Vellmouth, Ann Holt.', "the mayor of Vellmouth, Ann Holt", "Ann Holt"),
    ],
)
def test_a_role_after_a_cue_keeps_the_body_it_belongs_to(text: str, speaker_words: str, speaker: str | None) -> None:
    a = run(text)
    s = next(s for s in a.statements if s.kind == "direct")
    assert mention(a, s) == speaker_words
    if speaker is not None:
        assert s.speaker == speaker


def test_a_subject_of_unknown_words_before_a_quotation() -> None:
    a = run('Tomas Brel spoke first. The Vell businessman says of Holt, "If she gets the chance, she will sell the harbour."')
    assert mention(a, next(s for s in a.statements if s.kind == "direct")) == "The Vell businessman"


def test_a_surname_after_a_capitalised_lead_in_word_is_an_antecedent() -> None:
    a = run(
        "Supporters of Ann Holt tried to keep Tomas Brel off the ballot.\n\n"
        '"I placed the calls as a concerned member," Karl Stam told reporters.\n\n'
        "Yesterday Brel officially withdrew from the race.\n\n"
        '"I am shocked by the vote," he said in a statement.'
    )
    assert find(a, "I am shocked", "direct").speaker == "Tomas Brel"


@pytest.mark.parametrize(
    "text",
    [
        'Once in my early twenties, when the talk turned to it, I laughed and said, "I do not believe in it."',
        'Instead, at the end of the meeting, I stood up and said, "I do not believe in it."',
        'Likewise, at the end of the meeting, I stood up and said, "I do not believe in it."',
    ],
)
def test_once_and_instead_opening_a_sentence_are_no_speaker(text: str) -> None:
    a = run(text)
    assert mention(a, next(s for s in a.statements if s.kind == "direct")) == "I"


@pytest.mark.parametrize(
    "text",
    [
        'The mayor spoke next.\n\n"You think I am going to change?" Tomas Brel asked reporters rhetorically during a news conference late last week.',
        '"I mean, what is this about unity?" Tomas Brel added during his appearance on Vell Radio on Monday morning.',
    ],
)
def test_a_cue_after_a_question_keeps_a_long_venue(text: str) -> None:
    a = run(text)
    assert next(s for s in a.statements if s.kind == "direct").speaker == "Tomas Brel"


def test_a_new_sentence_after_a_quotation_is_not_its_cue() -> None:
    a = run('Tomas Brel spoke.\n\n"This is an extremely irresponsible plan for the harbour." The harbour board, a regulator which keeps data on ships, declined to comment.')
    assert next(s for s in a.statements if s.kind == "direct").speaker is None


def test_told_his_supporters_before_a_quotation() -> None:
    a = run('Tomas Brel named none of his rivals, but told his supporters, "our town is in horrible trouble and needs help."')
    assert next(s for s in a.statements if s.kind == "direct").speaker == "Tomas Brel"


def test_a_long_apposition_before_a_cue_keeps_the_name() -> None:
    a = run('Ilse Varga, co-founder of the Vell Institute and an advocate of a new effort to build the harbour, welcomed "the recognition that we need more money for it."')
    assert next(s for s in a.statements if s.kind == "direct").speaker == "Ilse Varga"


def test_a_cue_sentence_between_two_quotations_closes_the_first() -> None:
    a = run(
        'The mayor spoke.\n\n"You think I am going to change?" Tomas Brel asked reporters during a news conference '
        'late last month. "I am not changing."'
    )
    first = find(a, "You think", "direct")
    assert first.speaker == "Tomas Brel" and first.rule == "direct.cue_after"


def test_a_cue_ending_in_a_comma_between_two_quotations_opens_the_second() -> None:
    a = run('Ilse Varga spoke.\n\n"The ferry is late again and nobody knows why." Tomas Brel adds, "And it will stay late for years."')
    assert find(a, "ferry is late", "direct").rule != "direct.cue_after"
    assert find(a, "stay late", "direct").speaker == "Tomas Brel"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Tomas Brel said the field was open.\n\nIlse Varga of Vell University agreed. "Mainstream members are running out of time to find another leader."', "Ilse Varga"),
        ('The council met. Ilse Varga disagreed strongly. "That is simply not what the figures show at all."', "Ilse Varga"),
    ],
)
def test_a_short_cue_sentence_before_a_quotation_gives_its_speaker(text: str, speaker: str) -> None:
    s = next(s for s in run(text).statements if s.kind == "direct")
    assert (s.speaker, s.rule) == (speaker, "direct.cue_sentence")


def test_a_longer_sentence_before_a_quotation_gives_no_speaker() -> None:
    a = run('The council met. Ilse Varga disagreed with the plan for the harbour. "That is simply not what the figures show at all."')
    assert next(s for s in a.statements if s.kind == "direct").speaker is None


def test_a_subject_ending_in_of_and_a_number() -> None:
    a = run('Asked why the plan leaves out fathers, the 34-year-old mother of three replied, "It is meant to help the mother who has given birth."')
    assert mention(a, next(s for s in a.statements if s.kind == "direct")) == "the 34-year-old mother of three"


@pytest.mark.parametrize(
    "text",
    [
        'The court ruled on Friday.\n\n"A state cannot avoid the conclusion that its process removes voters," said the ruling.',
        '"A state cannot avoid the conclusion that its process removes voters," said the ruling on Friday.',
    ],
)
def test_said_the_noun_after_a_quotation(text: str) -> None:
    a = run(text)
    assert mention(a, next(s for s in a.statements if s.kind == "direct")) == "the ruling"


def test_said_the_and_more_than_a_noun_phrase_is_no_speaker() -> None:
    a = run('"A state cannot avoid the conclusion that its process removes voters," said the judge who wrote for the court majority.')
    assert mention(a, next(s for s in a.statements if s.kind == "direct")) != "the judge who wrote for the court majority"


def test_the_news_is_not_a_short_form_of_an_organisation() -> None:
    a = run('Vell News said that the vote in the harbour ward was close.\n\n'
            '"Turnout was the highest we have seen in the town for years," the news said.')
    assert next(s for s in a.statements if s.kind == "direct").speaker != "Vell News"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"The bridge will open," said Vell Attorney-General Kerry Shine.', "Kerry Shine"),
        ('The Vell Rights Fund\'s Jacqueline De Leon said: "The vote was unfair to the island towns."', "Jacqueline De Leon"),
    ],
)
def test_a_hyphenated_title_or_a_body_s_possessive_before_a_name(text: str, speaker: str) -> None:
    assert next(s for s in run(text).statements if s.kind == "direct").speaker == speaker


def test_following_opening_a_sentence_is_no_speaker() -> None:
    a = run('Following are several excerpts from the tape: "Security measures are not the reason there have been no attacks."')
    assert all(mention(a, s) != "Following" for s in a.statements)


def test_a_day_after_a_name_before_a_cue_is_not_part_of_it() -> None:
    a = run('A statement posted by Vell Islanders on Sunday said, "Your brothers launched a well-planned attack on the prison."')
    assert mention(a, next(s for s in a.statements if s.kind == "direct")) == "Vell Islanders"
