"""Semantic styles as Textual theme variables.

Every semantic style ``NAME`` of `SEMANTIC_STYLES` becomes three theme variables that the
``.tcss`` uses: ``tr-NAME-color``, ``tr-NAME-background`` and ``tr-NAME-style`` (a Textual
``text-style`` value such as ``bold underline``; ``none`` for none).
"""

from __future__ import annotations

SEMANTIC_STYLES: tuple[str, ...] = (
    "direct",
    "indirect",
    "claim",
    "mention",
    "current",
    "match",
    "match-current",
    "read",
    "unread",
    "bookmark",
)
"""The styles a theme sets for the reader's own highlights."""

_DEFAULTS: dict[str, tuple[str, str, str]] = {
    # name: (color, background, text-style) — used until a theme overrides them
    "direct": ("$text", "$primary 20%", "none"),
    "indirect": ("$text", "transparent", "italic"),
    "claim": ("$text", "$warning 15%", "underline"),
    "mention": ("$accent", "transparent", "bold"),
    "current": ("$text", "$primary 45%", "reverse"),
    "match": ("$text", "$secondary 40%", "underline"),
    "match-current": ("$text", "$secondary 80%", "bold reverse"),
    "read": ("$text-muted", "transparent", "dim"),
    "unread": ("$text", "transparent", "bold"),
    "bookmark": ("$success", "transparent", "bold"),
}


def variable_defaults() -> dict[str, str]:
    """Default values of every semantic theme variable, for ``App.get_theme_variable_defaults``."""
    out: dict[str, str] = {}
    for name, (color, background, style) in _DEFAULTS.items():
        out[f"tr-{name}-color"] = color
        out[f"tr-{name}-background"] = background
        out[f"tr-{name}-style"] = style
    return out
