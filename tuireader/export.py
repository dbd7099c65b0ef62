"""Statements as JSON, CSV and Markdown: used by `tuireader extract` and the reader's export."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from tuireader.model import Analysis, Span, Statement
from tuireader.sanitize import _UNSAFE as UNSAFE_CHARACTERS
from tuireader.sanitize import clean_text, safe_url

FORMATS = ("jsonl", "json", "csv", "md")


def _span(span: Span | None, text: str) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": span.slice(text)}


def statement_record(analysis: Analysis, statement: Statement, parent: int | None) -> dict[str, Any]:
    """One statement in the output schema.

    Args:
        analysis: The article and what was found in it.
        statement: The statement to write.
        parent: The index of the statement it is nested in, in the list written.
    """
    text = analysis.article.text
    return {
        "kind": statement.kind,
        "start": statement.start,
        "end": statement.end,
        "text": statement.content.slice(text),
        "speaker": statement.speaker,
        "speaker_mention": _span(statement.speaker_mention, text),
        "cue": _span(statement.cue, text),
        "group": statement.group,
        "parent": parent,
        "rule": statement.rule,
    }


def written_parents(analysis: Analysis, chosen: Sequence[Statement]) -> list[int | None]:
    """Each chosen statement's ``parent`` as an index into ``chosen``: None when the statement
    it is nested in was filtered out, so an index never points at some other statement."""
    if chosen is analysis.statements:
        return [s.parent for s in chosen]
    at = {id(s): n for n, s in enumerate(analysis.statements)}
    kept = {at[id(s)]: n for n, s in enumerate(chosen)}
    return [None if s.parent is None else kept.get(s.parent) for s in chosen]


def article_record(analysis: Analysis, statements: Sequence[Statement] | None = None) -> dict[str, Any]:
    """One article with its statements and speakers in the output schema.

    Args:
        analysis: The article and what was found in it.
        statements: A filtered subset to write; all statements when None.
    """
    article = analysis.article
    chosen = analysis.statements if statements is None else statements
    names = {s.speaker for s in chosen}
    return {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "date": article.date,
        "source": article.source,
        "url": article.url,
        "text": article.text,
        "statements": [
            statement_record(analysis, s, parent) for s, parent in zip(chosen, written_parents(analysis, chosen))
        ],
        "speakers": [
            {
                "name": sp.name,
                "aliases": list(sp.aliases),
                "kind": sp.kind,
                "count": sum(1 for s in chosen if s.speaker == sp.name),
            }
            for sp in analysis.speakers
            if sp.name in names
        ],
    }


CITATION_SEPARATOR = "” — "
"""Between a citation's quoted words and where they come from."""


CITED_KIND = {"direct": "", "indirect": "reported speech", "claim": "claim"}
"""What a citation adds to the speaker for each kind: only a quotation is the speaker's own words."""


def citation(analysis: Analysis, statement: Statement) -> str:
    """A one-line citation: “words” — speaker, title, source, date, url.

    The words of reported speech are the article's, not the speaker's, and a claim is the
    article's assertion: after the speaker (or alone, when there is none) the citation says
    ``(reported speech)`` or ``(claim)``, so that it cannot be passed on as a quotation.
    """
    article = analysis.article
    words = " ".join(statement.content.slice(article.text).split())
    kind = CITED_KIND.get(statement.kind, statement.kind)
    who = statement.speaker or ""
    if kind:
        who = f"{who} ({kind})" if who else kind
    parts = [p for p in (who, article.title, article.source, article.date, article.url) if p]
    return f"“{words}{CITATION_SEPARATOR}" + ", ".join(parts)


CSV_FIELDS = ("article_id", "title", "date", "url", "kind", "speaker", "text", "start", "end", "rule")


def dumps(value: Any) -> str:
    """JSON text that is safe to print: C1 controls and bidi overrides are escaped as well.

    ``json.dumps`` escapes only C0 controls when ``ensure_ascii`` is off; the rest are escaped
    here as ``\\uXXXX``, which decodes to the same text, so offsets into it still hold.
    """
    return UNSAFE_CHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


# A spreadsheet evaluates a cell that starts with one of these as a formula ("=HYPERLINK(..."
# in an article's title would run when a fact-checker opens the file). The first character
# becomes its full-width form: the same length, shown alike, and no formula.
_FORMULA_START = {"=": "\uff1d", "+": "\uff0b", "-": "\uff0d", "@": "\uff20", "\t": "\u2409"}


def csv_cell(value: Any) -> Any:
    """A value made safe for a CSV cell: controls as visible stand-ins, and a text that would
    start a spreadsheet formula with its first character in full width. Same length as the
    text, so offsets in other cells still count its characters. Numbers pass unchanged."""
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    if value[:1] in _FORMULA_START:
        value = _FORMULA_START[value[0]] + value[1:]
    return value


def iter_csv(items: Iterable[tuple[Analysis, Sequence[Statement]]]) -> Iterator[str]:
    """CSV text, a header and then one row per statement."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    yield buf.getvalue()
    for analysis, statements in items:
        a = analysis.article
        for s in statements:
            buf.seek(0)
            buf.truncate()
            row = (a.id, a.title, a.date or "", a.url or "", s.kind, s.speaker or "",
                   s.content.slice(a.text), s.start, s.end, s.rule)
            writer.writerow([csv_cell(v) for v in row])
            yield buf.getvalue()


# Backslash-escaped in Markdown output: emphasis, code, links and images, and raw HTML, so a
# quote sheet rendered by a Markdown viewer shows the article's words and runs nothing.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", clean_text(" ".join(text.split())))


def iter_markdown(items: Iterable[tuple[Analysis, Sequence[Statement]]], title: str = "Statements") -> Iterator[str]:
    """A quote sheet in Markdown, grouped by speaker, each quote with its citation.

    Args:
        items: Analyses with the statements to write from each.
        title: What the sheet holds, its heading (escaped here: it may quote article text).
    """
    by_speaker: dict[str, list[tuple[Analysis, Statement]]] = {}
    for analysis, statements in items:
        for s in statements:
            by_speaker.setdefault(s.speaker or "(no speaker)", []).append((analysis, s))
    yield f"# {_md_escape(title)}\n"
    for name in sorted(by_speaker, key=lambda n: (n == "(no speaker)", -len(by_speaker[n]), n)):
        yield f"\n## {_md_escape(name)}\n\n"
        for analysis, s in by_speaker[name]:
            a = analysis.article
            where = ", ".join(_md_escape(p) for p in (a.title, a.source, a.date) if p)
            url = md_url(a.url)
            words = _md_escape(s.content.slice(a.text))
            yield f"- {s.kind}: “{words}” — *{where}*{url}\n"


_WEB_SCHEME = re.compile(r"(?:https?|ftp|mailto):", re.IGNORECASE)


def md_url(url: str | None) -> str:
    """An article's address for Markdown output, after a space: a link (``<...>``) for a web or
    mail address, the address as code for any other scheme (a ``javascript:`` address from
    an article must not become a link), nothing without one."""
    if not url:
        return ""
    safe = safe_url(url)
    return f" <{safe}>" if _WEB_SCHEME.match(safe) else f" `{safe}`"


def iter_output(fmt: str, items: Iterable[tuple[Analysis, Sequence[Statement]]],
                title: str = "Statements") -> Iterator[str]:
    """Output text for the chosen format, in chunks.

    Args:
        fmt: One of `FORMATS`.
        items: Analyses with the statements to write from each.
        title: What is written, as a heading (Markdown only: the other formats have none).
    """
    if fmt == "jsonl":
        for analysis, statements in items:
            yield dumps(article_record(analysis, statements)) + "\n"
    elif fmt == "json":
        yield "["
        for n, (analysis, statements) in enumerate(items):
            yield ("," if n else "") + "\n" + dumps(article_record(analysis, statements))
        yield "\n]\n"
    elif fmt == "csv":
        yield from iter_csv(items)
    elif fmt == "md":
        yield from iter_markdown(items, title)
    else:
        raise ValueError(f"unknown format {fmt!r}")
