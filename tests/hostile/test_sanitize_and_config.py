"""clean_text on any string, and a config file that is hostile or broken."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hostile.helpers import ESC, PAYLOADS, unsafe_characters
from tuireader.config import load_config, parse_config
from tuireader.sanitize import clean_text

DANGEROUS = [chr(c) for c in range(0x20)] + [chr(c) for c in range(0x7F, 0xA0)] + list(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ud800\udbff\udc00\udc9b\udcff"
)
ANY_TEXT = st.text(st.one_of(st.characters(), st.sampled_from(DANGEROUS)), max_size=200)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_clean_text_on_any_string(text: str) -> None:
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)  # one for one: offsets into the text still hold
    assert unsafe_characters(cleaned) == []
    cleaned.encode("utf-8")  # strict: no lone surrogate is left
    for before, after in zip(text, cleaned):
        if not unsafe_characters(before):
            assert after == before  # tab, newline and everything printable are kept


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (PAYLOADS["osc0-title"], "␛]0;pwned␇"),
        (PAYLOADS["csi-red-background"], "␛[41m"),
        (PAYLOADS["dcs-query"], "␛P1$qm␛\\"),
        ("\x9b31m", "\ufffd31m"),
        ("a\rb\bc\x7f", "a␍b␈c␡"),
        ("\u202egnirts\u202c", "\ufffdgnirts\ufffd"),
        ("caf\udce9 \udc9b41m", "caf\ufffd \ufffd41m"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
    ],
    ids=["osc-title", "csi", "dcs", "c1-csi", "cr-bs-del", "bidi", "surrogates", "kept"],
)
def test_clean_text_shows_what_it_replaced(text: str, shown: str) -> None:
    assert clean_text(text) == shown


def test_keymap_entries_with_controls_or_spaces_are_refused() -> None:
    config, problems = parse_config(
        {"keymap": {"help": f"f1,{ESC}]0;pwned\a", "top": "g, home", "down": ["j", "ctrl+ n"],
                    "bottom": "[b]x[/b]"}},
        "config.yaml",
    )
    # Spaces around commas are fine; a key with a control or a space inside is not.
    assert dict(config.keymap) == {"top": "g,home", "bottom": "[b]x[/b]"}
    assert len(problems) == 2 and all("expected keys such as" in p for p in problems)
    for problem in problems:
        assert unsafe_characters(problem) == [], problem


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, c in zip("abcdefgh", "bcdefghi")), "alias"),
        ("k: " + "[" * 5000 + "]" * 5000 + "\n", ""),
        ("theme: !!python/object/apply:os.system ['echo pwned']\n", ""),
        ('theme: dark\n"\\e]0;pwned\\a": 1\n', "unknown setting"),  # YAML's own escapes
    ],
    ids=["alias-bomb", "deep-nesting", "python-tag", "hostile-key"],
)
def test_a_hostile_config_file_gives_defaults_and_clean_lines(tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(content, encoding="utf-8")
    config, problems = load_config(path)
    assert problems and needle in " ".join(problems)
    assert config.keymap == {} and config.paths == ()
    for problem in problems:
        assert unsafe_characters(problem) == [] and "\n" not in problem, problem


def test_a_binary_or_huge_config_file(tmp_path: Path) -> None:
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00\x01" * 100)
    huge = tmp_path / "huge.yaml"
    huge.write_text("paths:\n" + "  - /tmp/x\n" * 2_000_000, encoding="utf-8")
    for path in (binary, huge):
        config, problems = load_config(path)
        assert len(problems) == 1 and str(path) in problems[0]
        assert config.paths == ()
