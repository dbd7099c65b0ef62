"""The bundled seed articles: the original one untouched, fictional samples that load cleanly.

The samples are also material for the extraction tests, so the quotation styles they are
meant to cover are checked here: if a seed is edited and loses one, this says which.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from test_loading import paragraphs, split
from tuireader.loading import iter_articles
from tuireader.model import Article
from tuireader.seeds import seeds_dir

ORIGINAL = "000_d15860c4ebf66126.txt"
ORIGINAL_SHA256 = "59e2d18ff349f73688de9449c7fa74258f0b037c9c7e251ba11f88280dc24949"


def seed_files() -> list[Path]:
    return sorted(p for p in seeds_dir().iterdir() if p.is_file())


def load_seeds() -> dict[str, Article]:
    """Every seed's article by file name; the whole folder must load without a message."""
    articles, errors, warnings = split(iter_articles([seeds_dir()]))
    assert not errors and not warnings, [str(p) for p in errors + warnings]
    by_file = {Path(a.path).name: a for a in articles}
    assert len(by_file) == len(articles), "one article per seed file"
    return by_file


SEEDS = load_seeds()
SAMPLES = {name: a for name, a in SEEDS.items() if name != ORIGINAL}


def test_seeds_dir_is_the_seeds_folder(seeds: Path) -> None:
    assert seeds_dir().resolve() == seeds.resolve()
    assert sorted(SEEDS) == [p.name for p in seed_files()]


def test_the_original_seed_is_untouched() -> None:
    data = (seeds_dir() / ORIGINAL).read_bytes()
    assert hashlib.sha256(data).hexdigest() == ORIGINAL_SHA256
    article = SEEDS[ORIGINAL]
    assert article.date == "2025-06-04"
    assert article.text == data.decode("utf-8")
    assert paragraphs(article)[0].startswith("President Donald Trump revealed")


def test_a_handful_of_samples_each_in_its_own_format() -> None:
    assert 4 <= len(SAMPLES) <= 5
    suffixes = [Path(name).suffix for name in SAMPLES]
    assert len(set(suffixes)) == len(suffixes)
    assert {".md", ".html", ".json"} <= set(suffixes)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_is_marked_fictional_with_full_metadata(name: str) -> None:
    article = SAMPLES[name]
    assert article.metadata.get("fictional") in (True, "true")
    assert "fictional" in str(article.metadata.get("note", "")).lower()
    assert article.title and article.date and article.source and article.url and article.authors
    assert article.url.startswith("https://example.org/")


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_reads_like_a_short_news_story(name: str) -> None:
    article = SAMPLES[name]
    words = len(article.text.split())
    assert 150 <= words <= 400, words
    assert len(article.paragraphs or ()) >= 5
    # Text exactly as written: no markup or page furniture left in it.
    assert not re.search(r"</?[a-z]+[ >]|&[a-z]+;|\x00", article.text)


def test_the_html_sample_drops_its_page_furniture() -> None:
    (page,) = [a for name, a in SAMPLES.items() if name.endswith(".html")]
    for furniture in ("analytics", "Subscribe", "Related", "Contact us", "By Felix Amadi", "font-family"):
        assert furniture not in page.text
    assert page.title == "Port Calder ferry crews to strike over rosters"


def multi_paragraph_quote(article: Article) -> bool:
    """A paragraph opens a quotation it does not close, and the next opens another."""
    paras = paragraphs(article)
    for first, second in zip(paras, paras[1:]):
        opened = first[:1] in "\"“" and first.count(first[0]) % 2 == 1
        closing = "”" if first[0] == "“" else '"'
        if opened and (first[0] == '"' or closing not in first) and second[:1] == first[0]:
            return True
    return False


STYLES = {
    "curly quotes": lambda t: "“" in t and "”" in t,
    "straight quotes": lambda t: re.search(r'"[A-Z][^"]+[,.]" (?:she|he) said', t),
    "interrupted quotation": lambda t: re.search(r'[“"][^”"]+,[”"] (?:said [^,]+(?:, [^,]+)*|\w+ said), [“"][a-z]', t),
    "reported speech with 'said that'": lambda t: re.search(r"\b[A-Z]\w+ said that ", t),
    "'according to' a source": lambda t: "according to" in t,
    "a number with a source": lambda t: re.search(r"£[\d.,]+(?: million)?[^.]*, according to|[\d,]+[^.]*, the [A-Z]", t),
    "an organisation speaking": lambda t: re.search(r"\b(?:the union|Calder Ferries|Water Board) said\b", t),
    "'she said' after a full name": lambda t: re.search(r"[A-Z]\w+ [A-Z]\w+[^.]*\. [“\"][^”\"]+[,.][”\"] she said", t),
    "the mayor as a role noun": lambda t: "The mayor " in t or " the mayor " in t,
    "a quotation nested in a quotation": lambda t: re.search(r"\"[^\"]* '[^']+'[^\"]*\"", t),
}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_some_sample_has_each_quotation_style(style: str) -> None:
    assert any(STYLES[style](a.text) for a in SAMPLES.values()), style


def test_some_sample_has_a_quotation_running_over_two_paragraphs() -> None:
    assert any(multi_paragraph_quote(a) for a in SAMPLES.values())
    assert not multi_paragraph_quote(SAMPLES[next(n for n in SAMPLES if n.endswith(".md"))])
