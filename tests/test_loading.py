"""Every input format loads into Articles whose text is exactly what offsets point into."""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from tuireader.loading import LoadError, LoadWarning, iter_articles
from tuireader.model import Article, paragraph_spans


def split(items: Iterable[object]) -> tuple[list[Article], list[LoadError], list[LoadWarning]]:
    """Articles, errors and warnings of a load, each in order."""
    articles, errors, warnings = [], [], []
    for item in items:
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, LoadError):
            errors.append(item)
        else:
            assert isinstance(item, LoadWarning), item
            warnings.append(item)
    return articles, errors, warnings


def load_one(path: Path | str) -> Article:
    """The single article of ``path``, which must load cleanly."""
    articles, errors, warnings = split(iter_articles([path]))
    assert not errors and not warnings, [str(p) for p in errors + warnings]
    (article,) = articles
    return article


def paragraphs(article: Article) -> list[str]:
    return [p.slice(article.text) for p in article.paragraphs or ()]


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# --- plain text -------------------------------------------------------------------------

def test_text_with_a_date_prefix_keeps_the_whole_text(tmp_path: Path) -> None:
    content = (
        " date 2024-11-02 Councillor Ada Brisk opened the new ferry terminal in Gullhaven on a windy "
        "Saturday morning, cutting a rope instead of a ribbon.\n\n"
        '"It is a good day for the island," she said.\n'
    )
    article = load_one(write(tmp_path / "ferry.txt", content))
    assert article.text == content
    assert article.date == "2024-11-02"
    assert article.id == "ferry"
    assert article.markup == "plain"
    # The title is the first sentence, shortened at a word boundary with an ellipsis.
    assert article.title.startswith("Councillor Ada Brisk opened the new ferry terminal")
    assert article.title.endswith("…") and len(article.title) <= 80
    assert paragraphs(article) == [
        content[17:content.index("\n")],
        '"It is a good day for the island," she said.',
    ]


def test_text_header_lines_become_metadata(tmp_path: Path) -> None:
    content = (
        "Title: Gullhaven gets a new terminal\n"
        "Date: 2024-11-02\n"
        "Source: Gullhaven Weekly\n"
        "URL: https://example.org/terminal\n"
        "Author: Ben Tarr, Lia Moss\n"
        "\n"
        "The terminal opened on Saturday.\n"
    )
    article = load_one(write(tmp_path / "t.txt", content))
    assert (article.title, article.date, article.source, article.url) == (
        "Gullhaven gets a new terminal", "2024-11-02", "Gullhaven Weekly", "https://example.org/terminal",
    )
    assert article.authors == ("Ben Tarr", "Lia Moss")
    assert article.text == content
    assert paragraphs(article) == ["The terminal opened on Saturday."]


def test_text_without_header_takes_its_title_from_the_first_sentence(tmp_path: Path) -> None:
    article = load_one(write(tmp_path / "short.txt", "The pier reopened. Crowds came back.\n"))
    assert article.title == "The pier reopened."
    assert article.date is None and not article.metadata


def test_unknown_suffix_named_on_the_command_line_reads_as_text(tmp_path: Path) -> None:
    article = load_one(write(tmp_path / "notes.article", "The pier reopened."))
    assert article.text == "The pier reopened."


# --- Markdown --------------------------------------------------------------------------------

MARKDOWN = """---
title: Lighthouse keeper retires
date: 2023-07-09
source: Skerry Post
url: https://example.org/keeper
authors: [Ola Venn, Rhys Quarry]
fictional: true
tags: [coast, people]
---
After forty years, *Mara Lind* handed over the keys.

"I will miss the storms," she said.
"""


def test_markdown_front_matter_becomes_metadata(tmp_path: Path) -> None:
    article = load_one(write(tmp_path / "keeper.md", MARKDOWN))
    assert article.title == "Lighthouse keeper retires"
    assert article.date == "2023-07-09"
    assert (article.source, article.url) == ("Skerry Post", "https://example.org/keeper")
    assert article.authors == ("Ola Venn", "Rhys Quarry")
    assert dict(article.metadata) == {"fictional": True, "tags": ["coast", "people"]}
    assert article.markup == "markdown"
    # The text is the body after the front matter, unchanged.
    assert article.text == MARKDOWN[MARKDOWN.index("After") :]
    assert paragraphs(article) == ["After forty years, *Mara Lind* handed over the keys.",
                                   '"I will miss the storms," she said.']


def test_markdown_without_front_matter_takes_its_title_from_a_heading(tmp_path: Path) -> None:
    article = load_one(write(tmp_path / "n.markdown", "# Storm warning  #\r\n\r\nWinds of 90 km/h are due.\r\n"))
    assert article.title == "Storm warning"
    assert article.text.startswith("# Storm warning")
    assert article.markup == "markdown"


def test_markdown_with_crlf_front_matter(tmp_path: Path) -> None:
    content = MARKDOWN.replace("\n", "\r\n")
    article = load_one(write(tmp_path / "crlf.md", content))
    assert article.title == "Lighthouse keeper retires"
    assert article.text == content[content.index("After") :]
    assert paragraphs(article)[1] == '"I will miss the storms," she said.'


# --- records: JSON, JSON Lines, YAML ---------------------------------------------------------

RECORD = {
    "id": "gh-17",
    "title": "Market hall to reopen",
    "date": "2024-02-01",
    "source": "Gullhaven Weekly",
    "url": "https://example.org/market",
    "authors": ["Ben Tarr"],
    "text": "  The market hall reopens on Monday.\n\n\"About time,\" said a trader.\n",
    "section": "Local",
    "tags": ["market"],
}


def check_record(article: Article, record: dict) -> None:
    assert article.text == record["text"]  # exactly as given: offsets match the input
    assert (article.id, article.title, article.date, article.source, article.url) == (
        record["id"], record["title"], record["date"], record["source"], record["url"],
    )
    assert article.authors == tuple(record["authors"])
    assert dict(article.metadata) == {"section": record["section"], "tags": record["tags"]}


def test_json_object(tmp_path: Path) -> None:
    check_record(load_one(write(tmp_path / "one.json", json.dumps(RECORD))), RECORD)


def test_json_list_names_each_record(tmp_path: Path) -> None:
    second = {"body": "The ferry was late again.", "date": 20240203}
    path = write(tmp_path / "many.json", json.dumps([RECORD, second]))
    articles, errors, _ = split(iter_articles([path]))
    assert not errors
    check_record(articles[0], RECORD)
    assert articles[1].text == "The ferry was late again."
    assert (articles[1].id, articles[1].path) == ("many-2", f"{path}#2")
    assert articles[1].title == "The ferry was late again."
    assert articles[1].date == "20240203"


def test_json_content_field_and_single_author(tmp_path: Path) -> None:
    record = {"content": "Gulls stole the bread.", "author": "Ola Venn", "extra": {"a": 1}}
    article = load_one(write(tmp_path / "c.json", json.dumps(record)))
    assert article.text == "Gulls stole the bread."
    assert article.authors == ("Ola Venn",)
    assert article.id == "c"
    assert dict(article.metadata) == {"extra": {"a": 1}}


def test_jsonl_one_article_per_line(tmp_path: Path) -> None:
    lines = [json.dumps(RECORD), "", json.dumps({"text": "Second story.", "id": 7})]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    articles, errors, _ = split(iter_articles([path]))
    assert not errors
    check_record(articles[0], RECORD)
    assert (articles[1].id, articles[1].text, articles[1].path) == ("7", "Second story.", f"{path}#3")


def test_jsonl_gz(tmp_path: Path) -> None:
    path = tmp_path / "feed.JSONL.GZ"
    path.write_bytes(gzip.compress((json.dumps(RECORD) + "\n" + json.dumps({"text": "Two."})).encode()))
    articles, errors, _ = split(iter_articles([path]))
    assert not errors
    check_record(articles[0], RECORD)
    assert articles[1].id == "feed.JSONL-2"


def test_yaml_mapping_and_list(tmp_path: Path) -> None:
    one = load_one(write(tmp_path / "one.yaml", json.dumps(RECORD)))  # JSON is YAML too
    check_record(one, RECORD)
    block = (
        "- title: First\n  date: 2024-05-01\n  text: |\n    Line one.\n\n    Line two.\n"
        "- text: Second.\n  fictional: true\n"
    )
    articles, errors, _ = split(iter_articles([write(tmp_path / "two.yml", block)]))
    assert not errors
    assert articles[0].text == "Line one.\n\nLine two.\n"
    assert (articles[0].title, articles[0].date, articles[0].id) == ("First", "2024-05-01", "two-1")
    assert paragraphs(articles[0]) == ["Line one.", "Line two."]
    assert dict(articles[1].metadata) == {"fictional": True}


# --- directories and standard input -------------------------------------------------------

def test_directory_is_walked_recursively_in_sorted_order_hidden_skipped(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Bee story.")
    (tmp_path / "a").mkdir()
    write(tmp_path / "a" / "z.md", "Zed story.")
    write(tmp_path / "a" / "c.json", json.dumps({"text": "Sea story."}))
    write(tmp_path / ".hidden.txt", "Hidden story.")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git" / "x.txt", "Git story.")
    write(tmp_path / "notes.csv", "not,an,article")
    write(tmp_path / "README", "no suffix")
    articles, errors, _ = split(iter_articles([tmp_path]))
    assert not errors
    assert [a.text for a in articles] == ["Sea story.", "Zed story.", "Bee story."]


def test_a_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    write(tmp_path / "d" / "s.txt", "Loop story.")
    (tmp_path / "d" / "again").symlink_to(tmp_path / "d", target_is_directory=True)
    articles, errors, _ = split(iter_articles([tmp_path]))
    assert [a.text for a in articles] == ["Loop story."]
    assert not errors


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch):
    def feed(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    return feed


@pytest.mark.parametrize(
    ("data", "texts"),
    [
        (b"Plain words from a pipe.\n", ["Plain words from a pipe.\n"]),
        (json.dumps([{"text": "A."}, {"text": "B."}]).encode(), ["A.", "B."]),
        (b'{"text": "One."}\n{"text": "Two."}\n', ["One.", "Two."]),
        (b"---\ntitle: T\n---\nBody.\n", ["Body.\n"]),
        (b"<!doctype html><title>T</title><p>Page&nbsp;text.</p>", ["Page text."]),
        (b"[Editor's note] Not JSON at all.", ["[Editor's note] Not JSON at all."]),
    ],
    ids=["text", "json", "jsonl", "markdown", "html", "bracket-text"],
)
def test_standard_input(stdin, data: bytes, texts: list[str]) -> None:
    stdin(data)
    articles, errors, _ = split(iter_articles(["-"]))
    assert not errors
    assert [a.text for a in articles] == texts
    assert all(a.path.startswith("-") for a in articles)


def test_empty_standard_input_is_an_error(stdin) -> None:
    stdin(b"  \n")
    _, errors, _ = split(iter_articles(["-"]))
    assert [str(e) for e in errors] == ["-: standard input is empty"]


# --- encodings and line ends -----------------------------------------------------------------

def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    article = load_one(write(tmp_path / "bom.txt", b"\xef\xbb\xbf\xe2\x80\x9cHi,\xe2\x80\x9d she said."))
    assert article.text == "“Hi,” she said."


def test_utf16_with_bom_is_decoded_not_called_binary(tmp_path: Path) -> None:
    article = load_one(write(tmp_path / "wide.txt", "\ufeff“Hi,” she said.".encode("utf-16-le")))
    assert article.text == "“Hi,” she said."


def test_crlf_text_is_kept_exactly_and_paragraphs_still_split(tmp_path: Path) -> None:
    content = 'Title: Windows\r\n\r\nFirst line\r\nsame paragraph.\r\n\r\n"Second," he said.\r\n \r\nThird.\r\n'
    article = load_one(write(tmp_path / "crlf.txt", content))
    assert article.text == content
    assert article.title == "Windows"
    assert paragraphs(article) == ["First line\r\nsame paragraph.", '"Second," he said.', "Third."]


def test_paragraph_spans_treat_crlf_blank_lines_as_breaks() -> None:
    text = "a\r\nb\r\n\r\nc\r\n\t\r\n\r\nd"
    assert [s.slice(text) for s in paragraph_spans(text)] == ["a\r\nb", "c", "d"]
    trailing = "x\r\n\r\n"
    assert [s.slice(trailing) for s in paragraph_spans(trailing)] == ["x"]
