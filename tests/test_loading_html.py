"""Web pages: main text by the standard library's parser, metadata from the head, nothing fetched."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from test_loading import load_one, paragraphs, write
from tuireader.loading.html import parse_html


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def text_of(html: str) -> str:
    return parse_html(html, "p.html", "p").text


def test_block_elements_become_paragraphs_separated_by_blank_lines() -> None:
    html = page(
        "<div><p>First   paragraph,\n  with <em>emphasis</em> and <a href='/x'>a link</a>.</p>"
        "<blockquote>Quoted block.</blockquote><ul><li>One item</li><li>Two item</li></ul>"
        "<p>Line one<br>line two<br/>line three</p><h2>Sub head</h2><p>Last.</p></div>"
    )
    article = parse_html(html, "p.html", "p")
    assert paragraphs(article) == [
        "First paragraph, with emphasis and a link.",
        "Quoted block.",
        "One item",
        "Two item",
        "Line one\nline two\nline three",
        "Sub head",
        "Last.",
    ]
    assert article.text == "\n\n".join(paragraphs(article))


def test_preformatted_text_keeps_its_spacing() -> None:
    assert text_of(page("<pre>a   b\n  c</pre>")) == "a   b\n  c"


def test_entities_are_decoded() -> None:
    html = page("<p>Fish &amp; chips, &ldquo;fresh&rdquo;, the cook&#x2019;s &#8220;best&#8221;&nbsp;dish &lt;3</p>")
    assert text_of(html) == "Fish & chips, “fresh”, the cook’s “best” dish <3"


@pytest.mark.parametrize("tag", ["script", "style", "nav", "header", "footer", "aside", "form", "noscript"])
def test_furniture_is_dropped(tag: str) -> None:
    html = page(f"<p>Kept before.</p><{tag}><p>DROPPED {tag}</p> more dropped</{tag}><p>Kept after.</p>")
    assert text_of(html) == "Kept before.\n\nKept after."


def test_furniture_marked_by_class_is_dropped() -> None:
    html = page('<article><p class="byline">By Ann Teller</p><p>Story.</p>'
                '<div class="share"><ul><li>Post<li>Mail</ul></div><p>End.</p></article>')
    assert text_of(html) == "Story.\n\nEnd."


def test_an_element_left_open_hides_nothing_after_the_body() -> None:
    html = "<html><body><p>Kept.</p><aside>never closed<p>hidden</p></body><p>Trailing text.</p></html>"
    assert text_of(html) == "Kept.\n\nTrailing text."


def test_the_longest_article_is_the_main_text() -> None:
    html = page(
        "<p>Site banner text.</p>"
        "<article><h3>Teaser</h3><p>Short teaser.</p></article>"
        "<article><h1>Main story</h1><p>The main story is much longer than the teaser.</p>"
        "<p>It has two paragraphs.</p></article>"
    )
    article = parse_html(html, "p.html", "p")
    assert article.title == "Main story"  # no <title>: the first heading of the main text
    # The headline is the title, so it is not repeated as the first paragraph.
    assert paragraphs(article) == ["The main story is much longer than the teaser.", "It has two paragraphs."]


def test_main_is_used_when_there_is_no_article() -> None:
    assert text_of(page("<div>Menu words</div><main><p>Main text.</p></main><div>Other</div>")) == "Main text."


HEAD = """
<title>Pier reopens | Gullhaven Weekly</title>
<meta property="og:title" content="Pier reopens after storm">
<meta property="og:site_name" content="Gullhaven Weekly">
<meta property="og:url" content="https://example.org/og-url">
<link rel="canonical" href="https://example.org/pier">
<meta property="article:published_time" content="2024-04-05T09:00:00Z">
<meta name="author" content="Ben Tarr">
<meta property="article:author" content="https://example.org/staff/ben">
<meta name="viewport" content="width=device-width">
<meta name="description" content="The pier is open again.">
<meta name="fictional" content="true">
"""


def test_metadata_from_the_head(tmp_path: Path) -> None:
    path = write(tmp_path / "pier.htm", f"<html lang='en'><head>{HEAD}</head><body><p>The pier is open.</p></body></html>")
    article = load_one(path)
    assert article.title == "Pier reopens after storm"
    assert article.date == "2024-04-05T09:00:00Z"
    assert article.url == "https://example.org/pier"
    assert article.source == "Gullhaven Weekly"
    assert article.authors == ("Ben Tarr",)
    assert dict(article.metadata) == {"lang": "en", "description": "The pier is open again.", "fictional": "true"}
    assert (article.id, article.path) == ("pier", str(path))


def test_fallbacks_title_tag_og_url_meta_date_and_time_element() -> None:
    head = '<title> Plain   title </title><meta property="og:url" content="https://example.org/u">'
    article = parse_html(page("<p>Body words.</p>", head + '<meta name="date" content="2024-01-02">'), "p", "p")
    assert (article.title, article.url, article.date) == ("Plain title", "https://example.org/u", "2024-01-02")
    timed = parse_html(page('<p>Posted <time datetime="2023-09-09">Saturday</time>. Body.</p>'), "p", "p")
    assert timed.date == "2023-09-09"
    assert timed.title == "Posted Saturday."


def test_nothing_is_fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the HTML loader tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    body = (
        '<link rel="stylesheet" href="http://example.org/s.css"><script src="http://example.org/a.js"></script>'
        '<img src="http://example.org/i.png" alt="x"><iframe src="http://example.org/f"></iframe>'
        '<p>Offline words.</p>'
    )
    assert load_one(write(tmp_path / "remote.html", page(body))).text == "Offline words."


def test_a_title_left_open_does_not_swallow_the_page() -> None:
    article = parse_html("<html><head><title>Open title<body><p>Body text.</p>", "p", "p")
    assert (article.title, article.text) == ("Open title", "Body text.")
