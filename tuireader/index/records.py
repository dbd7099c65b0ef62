"""Load and extract in a worker process, and flatten the results into rows for the cache.

Everything here runs in the process pool (or in-process for small jobs) and returns plain
tuples, cheap to send back to the parent, which only writes them.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tuireader.extraction import extract
from tuireader.loading import LoadError, LoadWarning, load_file, problem_line
from tuireader.loading.records import MAX_LINE_BYTES, parse_line
from tuireader.model import Analysis, Article, Speaker

ALIAS_SEPARATOR = " ; "
"""Between the names of a speaker in the ``speaker_names`` column (so phrases do not join them)."""

StatementRow = tuple[Any, ...]
"""seq, kind, start, end, cue start/end, mention start/end, speaker, speaker_names, group,
parent, rule, text."""
SpeakerRow = tuple[Any, ...]
"""seq, name, aliases (JSON), kind, statement count."""


@dataclass(slots=True)
class ArticleRecord:
    """One article flattened for the cache."""

    seq: int
    """Position in its file (the line number for JSON Lines): the sidebar's order."""
    row: tuple[Any, ...]
    """key, location, title, date, source, url, authors, metadata, markup, paragraphs, text,
    statement count, quote count."""
    statements: list[StatementRow]
    speakers: list[SpeakerRow]


@dataclass(slots=True)
class Batch:
    """What one task produced: articles of one file (or part of one) and its messages."""

    path: str
    """The file, as the cache keys it."""
    records: list[ArticleRecord] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    """One line each, ``error: `` or ``warning: `` then the file (or record) and the problem."""


def pack_spans(pairs: Iterable[tuple[int, int]]) -> bytes:
    """Paragraph or other spans as a compact blob."""
    flat = array("I")
    for start, end in pairs:
        flat.extend((start, end))
    return flat.tobytes()


def unpack_spans(blob: bytes) -> list[tuple[int, int]]:
    """The spans `pack_spans` packed."""
    flat = array("I")
    flat.frombytes(blob)
    return list(zip(flat[::2], flat[1::2]))


def _json(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return json.dumps({str(k): str(v) for k, v in dict(value).items()}, ensure_ascii=False)


def _names(speaker: Speaker | None) -> str:
    if speaker is None:
        return ""
    return ALIAS_SEPARATOR.join(dict.fromkeys((speaker.name, *speaker.aliases)))


def flatten(analysis: Analysis, seq: int) -> ArticleRecord:
    """Turn an analysis into rows.

    Args:
        analysis: The article and its statements.
        seq: Its position in its file.
    """
    article = analysis.article
    text = article.text
    by_name = {sp.name: sp for sp in analysis.speakers}
    statements: list[StatementRow] = []
    for n, s in enumerate(analysis.statements):
        cue, mention = s.cue, s.speaker_mention
        statements.append((
            n, s.kind, s.start, s.end,
            cue.start if cue else None, cue.end if cue else None,
            mention.start if mention else None, mention.end if mention else None,
            s.speaker, _names(by_name.get(s.speaker) or (Speaker(s.speaker) if s.speaker else None)),
            s.group, s.parent, s.rule, s.content.slice(text),
        ))
    counts: dict[str | None, int] = {}
    for s in analysis.statements:
        counts[s.speaker] = counts.get(s.speaker, 0) + 1
    speakers = [
        (n, sp.name, _json(list(sp.aliases)), sp.kind, counts.get(sp.name, 0))
        for n, sp in enumerate(analysis.speakers)
    ]
    row = (
        article.id, article.path, article.title, article.date, article.source, article.url,
        _json(list(article.authors)), _json(dict(article.metadata)), article.markup,
        pack_spans((p.start, p.end) for p in article.paragraphs or ()), text,
        len(analysis.statements), sum(1 for s in analysis.statements if s.kind == "direct"),
    )
    return ArticleRecord(seq, row, statements, speakers)


def _analyse(article: Article, seq: int, batch: Batch) -> None:
    try:
        analysis = extract(article)
    except Exception as exc:  # noqa: BLE001 - one article's failure must not lose the file
        batch.messages.append(
            f"warning: {article.path}: extraction failed ({type(exc).__name__}); shown without statements"
        )
        analysis = Analysis(article, (), ())
    batch.records.append(flatten(analysis, seq))


def _collect(path: str, items: Iterator[Article | LoadError | LoadWarning]) -> Batch:
    batch = Batch(path)
    seq = 1
    for item in items:
        if isinstance(item, Article):
            _analyse(item, seq, batch)
            seq += 1
        else:
            batch.messages.append(problem_line(item))
    return batch


def analyse_file(path: str) -> Batch:
    """Load every article of one file and extract its statements.

    Args:
        path: The file (absolute, as the cache keys it).
    """
    return _collect(path, load_file(Path(path)))


def analyse_files(paths: list[str]) -> list[Batch]:
    """`analyse_file` for several small files in one task."""
    return [analyse_file(p) for p in paths]


def analyse_lines(path: str, first_line: int, lines: list[bytes | None]) -> Batch:
    """Load and extract a run of lines of a big JSON Lines file.

    Args:
        path: The file.
        first_line: Number of the first line (from 1), so records keep their place and ids.
        lines: The raw lines; None for a line too long to load.
    """
    batch = Batch(path)
    where = Path(path)
    for n, raw in enumerate(lines, first_line):
        if raw is None:
            batch.messages.append(f"error: {path}#{n}: line longer than {MAX_LINE_BYTES:,} bytes, skipped")
            continue
        if not raw.strip():
            continue
        for item in parse_line(raw, where, n):
            if isinstance(item, Article):
                _analyse(item, n, batch)
            else:
                batch.messages.append(problem_line(item))
    return batch
