"""The archive: a cache of loaded and extracted articles, and search across them.

- `Archive.open(paths)` then `Archive.index()` (streaming `Progress`) fills the SQLite cache
  (WAL mode, in the user cache dir or ``$TUIREADER_CACHE_DIR``), keyed by path, size,
  modification time and `EXTRACTOR_VERSION`, using every core.
- `Archive.count`/`Archive.rows` give the sidebar light `ArticleRow` records on demand;
  `Archive.analysis` rebuilds one article's `Analysis`; `Archive.find` maps an article's own id
  to its cache id.
- `Archive.search` takes the query language of `tuireader.index.query`
  (``speaker:roe kind:direct date:2025-06 source:gazette "open the bridge"``) and returns `Hit`s;
  `Archive.speaker_statements` lists one speaker's statements newest first;
  `Archive.reported_elsewhere` finds the same words in other articles, as `Echo`s with a diff.

Imports neither textual nor rich.
"""

from __future__ import annotations

from tuireader.index.archive import Archive, ArticleRow, SpeakerRow
from tuireader.index.database import CACHE_ENV, CacheError, default_cache_dir
from tuireader.index.echo import Echo
from tuireader.index.indexer import Progress
from tuireader.index.query import Query, QueryError, parse_query
from tuireader.index.search import Hit

__all__ = [
    "CACHE_ENV",
    "Archive",
    "ArticleRow",
    "CacheError",
    "Echo",
    "Hit",
    "Progress",
    "Query",
    "QueryError",
    "SpeakerRow",
    "default_cache_dir",
    "parse_query",
]
