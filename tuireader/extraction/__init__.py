"""Statement extraction: pure functions over an Article, no I/O, no third-party NLP.

`extract` runs a named, ordered chain of small rules (see `pipeline.RULES`). Each rule works
paragraph by paragraph; a rule that fails on one paragraph leaves that paragraph alone and the
rest of the article is still processed.
"""

from __future__ import annotations

from tuireader.extraction.pipeline import EXTRACTOR_VERSION, RULES, extract

__all__ = ["EXTRACTOR_VERSION", "RULES", "extract"]
