"""Statement extraction: pure functions over an Article, no I/O, no third-party NLP.

`extract` runs a named, ordered chain of small rules (see `pipeline.RULES`). Each rule works
paragraph by paragraph; a rule that fails on one paragraph leaves that paragraph alone and the
rest of the article is still processed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tuireader.extraction.version import EXTRACTOR_VERSION

if TYPE_CHECKING:
    from tuireader.extraction.pipeline import RULES
    from tuireader.model import Analysis, Article

__all__ = ["EXTRACTOR_VERSION", "RULES", "extract"]


def extract(article: Article) -> Analysis:
    """Find the statements and speakers of an article (`pipeline.extract`).

    The rules are imported on the first call: the reader opening a cached archive needs only
    `EXTRACTOR_VERSION`, and importing the rules (their patterns and word lists) takes tens
    of milliseconds at every start.
    """
    from tuireader.extraction.pipeline import extract as run

    return run(article)


def __getattr__(name: str) -> Any:
    if name == "RULES":
        from tuireader.extraction.pipeline import RULES

        return RULES
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
