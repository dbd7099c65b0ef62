"""Web pages: the main text of an HTML file, read with the standard library's parser.

Nothing is fetched: links, images, stylesheets and scripts are ignored. The article text is
built once from the page's paragraphs (one per block element, separated by blank lines) and
never changes afterwards, so offsets point into it, not into the HTML.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from tuireader.loading.errors import LoadError
from tuireader.loading.text import binary_kind, decode_bytes, title_from_text
from tuireader.model import Article, Span

SKIPPED = frozenset({
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript",
    "template", "svg", "math", "iframe", "object", "canvas", "button", "select", "textarea",
})
"""Elements whose content is never article text."""
SKIPPED_CLASSES = frozenset({
    "byline", "dateline", "related", "share", "social", "newsletter", "advert", "ad", "promo", "comments",
})
"""Class names (whole words) that mark page furniture inside an article; dropped too."""
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})
"""Elements that never have an end tag."""
BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption",
    "table", "tr", "address", "hr", "details", "summary", "center",
})
"""Elements that start and end a paragraph."""
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
DATE_KEYS = (
    "article:published_time", "datepublished", "og:published_time", "date", "dc.date",
    "dcterms.date", "dc.date.issued", "pubdate", "publish-date", "publication_date",
)
"""Meta names or properties that give the publication date, in order of preference."""
IGNORED_META = frozenset({
    "viewport", "robots", "googlebot", "generator", "theme-color", "referrer", "format-detection",
    "color-scheme", "handheldfriendly", "mobileoptimized",
})
"""Meta names that say nothing about the article; other named meta tags become metadata."""
_IGNORED_META_PREFIXES = ("twitter:", "msapplication", "apple-", "google-", "fb:", "al:")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


@dataclass(slots=True)
class _Block:
    text: str
    tag: str
    article: int | None
    """Index of the outermost ``<article>`` it is in, if any."""
    in_main: bool


class _Page(HTMLParser):
    """Collects paragraphs and metadata; used once per page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self.meta: dict[str, list[str]] = {}
        """Content of named meta tags, by lower-case name or property."""
        self.links: dict[str, str] = {}
        """First ``href`` of each ``<link rel>``."""
        self.title = ""
        self.lang: str | None = None
        self.first_time: str | None = None
        """``datetime`` of the first ``<time>`` element."""
        self._parts: list[str] = []
        self._block_tag = "p"
        self._skip: list[str] = []
        self._in_title = False
        self._pre = 0
        self._articles = 0
        self._article_depth = 0
        self._main_depth = 0

    def flush(self) -> None:
        raw = "".join(self._parts)
        self._parts.clear()
        if self._pre:
            lines = [line.rstrip() for line in raw.split("\n")]
        else:
            lines = [" ".join(line.split()) for line in raw.split("\n")]
        text = "\n".join(line for line in lines if line.strip())
        if text:
            article = self._articles - 1 if self._article_depth else None
            self.blocks.append(_Block(text, self._block_tag, article, self._main_depth > 0))
        self._block_tag = "p"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key and "content" in a:
                self.meta.setdefault(key, []).append(a["content"].strip())
            return
        if tag == "link":
            for rel in a.get("rel", "").lower().split():
                self.links.setdefault(rel, a.get("href", "").strip())
            return
        if tag == "html":
            self.lang = a.get("lang") or None
            return
        if tag == "time" and self.first_time is None and a.get("datetime"):
            self.first_time = a["datetime"].strip()
        if self._skip:
            if tag not in VOID:
                self._skip.append(tag)
            return
        if tag == "title":
            self._in_title = True
            return
        if tag == "body" or tag in BLOCKS:
            self._in_title = False  # a <title> left open must not swallow the page
        if tag in SKIPPED or not SKIPPED_CLASSES.isdisjoint(a.get("class", "").lower().split()):
            if tag not in VOID:
                self.flush()
                self._skip.append(tag)
        elif tag == "br":
            self._parts.append("\n")
        elif tag in BLOCKS:
            self.flush()
            self._block_tag = tag
            if tag == "pre":
                self._pre += 1
            elif tag == "article":
                if not self._article_depth:
                    self._articles += 1
                self._article_depth += 1
            elif tag == "main":
                self._main_depth += 1
        elif tag in ("td", "th"):
            self._parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            # Close the innermost open element of this name and everything opened inside it
            # (end tags of <li>, <p> and the like are optional). An element left open in broken
            # HTML hides nothing after </body>.
            if tag in self._skip:
                del self._skip[len(self._skip) - 1 - self._skip[::-1].index(tag):]
            elif tag in ("body", "html"):
                self._skip.clear()
            return
        if tag == "title":
            self._in_title = False
        elif tag in BLOCKS:
            self.flush()
            if tag == "pre":
                self._pre = max(0, self._pre - 1)
            elif tag == "article":
                self._article_depth = max(0, self._article_depth - 1)
            elif tag == "main":
                self._main_depth = max(0, self._main_depth - 1)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._parts.append(data if self._pre else data.replace("\n", " "))

    def first(self, *keys: str) -> str | None:
        """The first non-empty meta content under any of ``keys``, whitespace collapsed."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value:
                    return " ".join(value.split())
        return None


def _main_blocks(blocks: list[_Block]) -> list[_Block]:
    """The blocks of the longest ``<article>``, else of ``<main>``, else all of them."""
    sizes: dict[int, int] = {}
    for b in blocks:
        if b.article is not None:
            sizes[b.article] = sizes.get(b.article, 0) + len(b.text)
    if sizes:
        best = max(sizes, key=lambda k: (sizes[k], -k))
        return [b for b in blocks if b.article == best]
    if any(b.in_main for b in blocks):
        return [b for b in blocks if b.in_main]
    return blocks


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _metadata(page: _Page) -> dict[str, str | list[str]]:
    meta: dict[str, str | list[str]] = {}
    if page.lang:
        meta["lang"] = page.lang
    description = page.first("og:description", "description")
    if description:
        meta["description"] = description
    for key, values in page.meta.items():
        if (
            key in IGNORED_META or key in DATE_KEYS or key.startswith(_IGNORED_META_PREFIXES)
            or key.startswith(("og:", "article:")) or key in ("description", "author")
        ):
            continue
        meta[key] = values[0] if len(values) == 1 else list(values)
    return meta


def parse_html(text: str, path: str, article_id: str) -> Article:
    """Build an article from the main text of a web page.

    Args:
        text: The decoded HTML.
        path: Where it came from.
        article_id: Id for the article.

    Returns:
        The article: paragraphs of the longest ``<article>`` (else ``<main>``, else the
        body) joined by blank lines; title, date, url, source and authors from the head.

    Raises:
        LoadError: The page has no text outside navigation, scripts and the like.
    """
    page = _Page()
    page.feed(text)
    page.close()
    page.flush()
    blocks = _main_blocks(page.blocks)
    title = page.first("og:title") or " ".join(page.title.split())
    if not title:
        title = next((b.text for b in blocks if b.tag in HEADINGS), "")
    if blocks and blocks[0].tag in HEADINGS and title and _same(blocks[0].text, title):
        blocks = blocks[1:]  # the headline, shown as the title already
    if not blocks:
        raise LoadError(path, "no article text in the page")
    spans = []
    at = 0
    for b in blocks:
        spans.append(Span(at, at + len(b.text)))
        at += len(b.text) + 2
    body = "\n\n".join(b.text for b in blocks)
    authors = [a for a in page.meta.get("author", []) + page.meta.get("article:author", [])
               if a and not a.startswith(("http://", "https://"))]
    return Article(
        id=article_id,
        text=body,
        path=path,
        title=title or title_from_text(body, tuple(spans)),
        date=page.first(*DATE_KEYS) or page.first_time,
        source=page.first("og:site_name"),
        url=page.links.get("canonical") or page.first("og:url"),
        authors=tuple(dict.fromkeys(authors)),
        metadata=_metadata(page),
        paragraphs=tuple(spans),
    )


def _declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first kilobytes, when Python knows it."""
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    # Browsers read pages labelled Latin-1 or ASCII as Windows-1252; so do we.
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def decode_html(data: bytes, where: str) -> tuple[str, list[str]]:
    """Decode a page: UTF-8 unless it declares another charset (a BOM wins over both).

    Raises:
        LoadError: The data looks binary.
    """
    charset = _declared_charset(data)
    if charset in (None, "utf-8") or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_bytes(data, where)
    if kind := binary_kind(data):
        raise LoadError(where, f"binary file ({kind}), skipped")
    try:
        return data.decode(charset), []
    except UnicodeDecodeError as exc:
        return data.decode(charset, errors="replace"), [
            f"{where}: not valid {charset} at byte {exc.start}; undecodable bytes shown as \ufffd"
        ]


def load_html(path: Path, data: bytes) -> tuple[Article, list[str]]:
    """Load a ``.html`` or ``.htm`` file."""
    text, warnings = decode_html(data, str(path))
    return parse_html(text, str(path), path.stem), warnings
