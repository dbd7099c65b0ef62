"""Finding a bookmarked statement again after its article's text was edited."""

from __future__ import annotations

from tuireader.model import Analysis, Article, Span, Statement
from tuireader.model.bookmark_place import MAX_WORDS, bookmark_words, place_bookmarks


def analysis_of(text: str, *quotes: str) -> Analysis:
    """An article whose statements are the given quotes, each at every place it occurs."""
    spans = sorted({(i, i + len(q)) for q in quotes for i in _all(text, q)})
    statements = tuple(Statement("direct", Span(s, e), "test") for s, e in spans)
    return Analysis(Article("a", text), statements, ())


def _all(text: str, words: str) -> list[int]:
    found, i = [], text.find(words)
    while i >= 0:
        found.append(i)
        i = text.find(words, i + 1)
    return found


BEFORE = 'Intro. "The ferry runs at dawn," said Ada Moss. "Tolls will fall," said Bo Reed.'
AFTER = "A new first paragraph about Port Wren.\n\n" + BEFORE


def key_of(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_a_statement_where_it_was_stays_and_gets_its_words_when_it_had_none() -> None:
    analysis = analysis_of(BEFORE, "The ferry runs at dawn,")
    key = key_of(BEFORE, "The ferry runs at dawn,")
    [kept] = place_bookmarks(analysis, [(key, "The ferry runs at dawn,")])
    assert (kept.index, kept.new_key, kept.changed) == (0, key, False)
    [old] = place_bookmarks(analysis, [(key, None)])  # saved by a version without words
    assert (old.index, old.new_key, old.words, old.changed) == (0, key, "The ferry runs at dawn,", True)


def test_text_added_before_moves_the_bookmark_to_its_words() -> None:
    words = "Tolls will fall,"
    old_key = key_of(BEFORE, words)
    [place] = place_bookmarks(analysis_of(AFTER, words, "The ferry runs at dawn,"), [(old_key, words)])
    assert place.index == 1 and place.new_key == key_of(AFTER, words) and place.changed
    assert AFTER[slice(*place.new_key)] == words


def test_the_occurrence_nearest_the_old_place_wins() -> None:
    words = "We will see."
    text = f'"{words}" said Ada. Then a long aside about the weather. "{words}" said Bo.'
    first, second = [(i, i + len(words)) for i in _all(text, words)]
    edited = "Added. " + text
    analysis = analysis_of(edited, words)
    assert place_bookmarks(analysis, [(second, words)])[0].index == 1
    assert place_bookmarks(analysis, [(first, words)])[0].index == 0
    # Two bookmarks on the same words never land on one statement.
    assert [p.index for p in place_bookmarks(analysis, [(first, words), (second, words)])] == [0, 1]


def test_rewrapped_lines_still_match() -> None:
    words = "The ferry runs at dawn,"
    edited = BEFORE.replace("runs at", "runs\n  at")
    [place] = place_bookmarks(analysis_of(edited, "The ferry runs\n  at dawn,"), [(key_of(BEFORE, words), words)])
    assert place.index == 0 and place.words == "The ferry runs\n  at dawn,"


def test_words_that_are_gone_leave_the_bookmark_not_found_with_its_words() -> None:
    edited = BEFORE.replace("Tolls will fall", "Tolls stay")
    old_key = key_of(BEFORE, "Tolls will fall,")
    analysis = analysis_of(edited, "Tolls stay,", "The ferry runs at dawn,")
    [place] = place_bookmarks(analysis, [(old_key, "Tolls will fall,")])
    assert (place.index, place.new_key, place.words, place.changed) == (None, old_key, "Tolls will fall,", False)
    # Without words (an old bookmark) there is nothing to look for.
    assert place_bookmarks(analysis, [((500, 510), None)])[0].index is None


def test_words_outside_any_statement_are_not_a_place() -> None:
    words = "The ferry runs at dawn,"
    edited = "Narration: The ferry runs at dawn, it seems. " + BEFORE.replace(words, "Boats leave late,")
    [place] = place_bookmarks(analysis_of(edited, "Boats leave late,"), [(key_of(BEFORE, words), words)])
    assert place.index is None


def test_a_bookmark_is_not_moved_onto_one_that_was_not_found() -> None:
    # The statement now at A's offsets holds B's words: moving B there would merge B into A.
    a_words, b_words = "Red boats sail.", "Tan ships dock."  # the same length
    text = f'"{a_words}" "{b_words}"'
    a_key, b_key = key_of(text, a_words), key_of(text, b_words)
    edited = f'"{b_words}" "Other words here."'
    places = place_bookmarks(analysis_of(edited, b_words, "Other words here."), [(a_key, a_words), (b_key, b_words)])
    assert [p.index for p in places] == [None, None] and {p.key for p in places} == {a_key, b_key}


def test_bookmark_words_are_bounded() -> None:
    assert bookmark_words("x" * 5000) == "x" * MAX_WORDS and bookmark_words("short") == "short"
