"""The extractor's version, known without importing the rules (the reader checks its cache
against it at every start, and needs the rules only for articles not yet in the cache)."""

from __future__ import annotations

import hashlib
from pathlib import Path


def _source_digest() -> str:
    """A digest of the extraction rules' source: any change to them changes the version."""
    digest = hashlib.sha1()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


EXTRACTOR_VERSION = f"0.2+{_source_digest()}"
"""Changes whenever extraction can change (the rules' source is part of it), so cached
results from another version are redone."""
