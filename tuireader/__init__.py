"""tuireader: a keyboard-driven terminal reader that shows who said what in news articles."""

from __future__ import annotations

__version__ = "0.1.0"
