"""Bundled themes: every semantic style set and distinct, and what Textual draws with them."""

from __future__ import annotations

import io
from itertools import combinations
from pathlib import Path
from typing import Any, ClassVar

import pytest
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.app import App, ComposeResult
from textual.color import Color
from textual.theme import Theme
from textual.widget import Widget
from textual.widgets import Footer, Input, OptionList, Static

from tuireader.ui.theming import (
    BUNDLED,
    SEMANTIC_STYLES,
    TEXT_ATTRIBUTES,
    ThemeFile,
    ansi_color_for,
    install_themes,
    load_themes,
    variable_defaults,
)

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ("dark", "light", "high-contrast", "terminal", "monochrome")


@pytest.fixture(scope="module")
def bundled() -> dict[str, ThemeFile]:
    """The bundled themes, loaded with an empty user folder."""
    themes = load_themes(user_dir=ROOT / "tests" / "no-such-folder", bundled_dir=ROOT / "themes")
    assert themes.messages == []
    return {name: t for name, t in themes.themes.items() if t.origin == BUNDLED}


def test_the_promised_themes_ship(bundled: dict[str, ThemeFile]) -> None:
    assert set(SHIPPED) <= set(bundled)
    assert bundled["dark"].theme.dark and not bundled["light"].theme.dark
    for name, loaded in bundled.items():
        assert loaded.path is not None and loaded.path.stem == name
        assert loaded.description


@pytest.mark.parametrize("name", SHIPPED)
def test_every_semantic_style_is_set_in_the_file(bundled: dict[str, ThemeFile], name: str) -> None:
    assert bundled[name].explicit_styles == set(SEMANTIC_STYLES)
    variables = bundled[name].theme.variables
    for style in SEMANTIC_STYLES:
        for part in ("color", "background", "style"):
            assert variables[f"tr-{style}-{part}"]


@pytest.mark.parametrize("name", SHIPPED)
def test_semantic_styles_are_distinct(bundled: dict[str, ThemeFile], name: str) -> None:
    styles = bundled[name].styles
    for a, b in combinations(SEMANTIC_STYLES, 2):
        assert styles[a] != styles[b], f"{name}: {a} and {b} look the same"


@pytest.mark.parametrize("name", ["monochrome", "terminal", "high-contrast"])
def test_styles_are_distinct_by_attributes_alone(bundled: dict[str, ThemeFile], name: str) -> None:
    styles = bundled[name].styles
    for a, b in combinations(SEMANTIC_STYLES, 2):
        assert styles[a].attributes != styles[b].attributes, f"{name}: {a} and {b}"


def _colour_values(theme: Theme) -> dict[str, str]:
    """Every colour-valued variable Textual will see for ``theme``."""
    variables = {**theme.to_color_system().generate(), **theme.variables}
    return {k: v for k, v in variables.items() if "style" not in k}


def test_monochrome_has_no_colour_at_all(bundled: dict[str, ThemeFile]) -> None:
    theme = bundled["monochrome"].theme
    assert theme.ansi
    for key, value in _colour_values(theme).items():
        assert value.split()[0] in ("ansi_default", "transparent"), key
    for style in bundled["monochrome"].styles.values():
        assert (style.color, style.background) == ("ansi_default", "transparent")


def test_terminal_theme_uses_only_the_terminal_palette(bundled: dict[str, ThemeFile]) -> None:
    theme = bundled["terminal"].theme
    assert theme.ansi
    for key, value in _colour_values(theme).items():
        head = value.split()[0]
        assert head == "transparent" or head.startswith("ansi_"), (key, value)


# -- the variables reach Textual's CSS --------------------------------------------------------

class Sample(Widget):
    """A widget with one component class per semantic style, styled from the variables."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"sample--{name}" for name in SEMANTIC_STYLES}
    DEFAULT_CSS = "\n".join(
        f"Sample > .sample--{n} {{ color: $tr-{n}-color; background: $tr-{n}-background; "
        f"text-style: $tr-{n}-style; }}"
        for n in SEMANTIC_STYLES
    )


class ThemedApp(App[None]):
    """A tiny app wired the way the reader is meant to be."""

    def __init__(self, requested: str | None, user_dir: Path, environ: dict[str, str]) -> None:
        super().__init__(ansi_color=ansi_color_for(environ))
        self.problems = install_themes(self, requested, user_dir, environ)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **variable_defaults(self.current_theme)}

    def compose(self) -> ComposeResult:
        yield Sample()
        yield Static("plain words", id="plain")
        yield OptionList("first", "second", "third")
        yield Input("typed")
        yield Footer()


def _expected_rich(theme: ThemeFile, name: str) -> tuple[Any, Any, dict[str, bool]]:
    style = theme.styles[name]
    color = Color.parse(style.color).rich_color
    background = None if style.background == "transparent" else Color.parse(style.background).rich_color
    return color, background, {attr: attr in style.attributes for attr in TEXT_ATTRIBUTES}


async def test_variables_resolve_in_css_for_every_theme(tmp_path: Path) -> None:
    app = ThemedApp(None, tmp_path, {})
    themes = load_themes(tmp_path)
    checked = [*SHIPPED, "nord", "ansi-light"]
    async with app.run_test() as pilot:
        sample = app.query_one(Sample)
        for theme_name in checked:
            app.theme = theme_name
            await pilot.pause()
            for name in SEMANTIC_STYLES:
                got: Style = sample.get_component_rich_style(f"sample--{name}", partial=True)
                color, background, attributes = _expected_rich(themes.themes[theme_name], name)
                assert got.color == color, (theme_name, name)
                assert got.bgcolor == background, (theme_name, name)
                assert {a: bool(getattr(got, a)) for a in TEXT_ATTRIBUTES} == attributes, (theme_name, name)


def test_defaults_without_a_theme_are_concrete() -> None:
    defaults = variable_defaults()
    assert set(defaults) == {f"tr-{n}-{p}" for n in SEMANTIC_STYLES for p in ("color", "background", "style")}
    assert not any(value.startswith("$") or "%" in value for value in defaults.values())


def _segments(app: App[Any]) -> list[Segment]:
    # The compositor's output is what reaches the terminal, after Textual's filters.
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor",
                      record=True, width=app.size.width)
    console.print(app.screen._compositor.render_update(full=True))
    return [s for s in console._record_buffer if s.text.strip() and not s.control]


def _colourless(style: Style | None) -> bool:
    if style is None:
        return True
    return all(c is None or c.is_default for c in (style.color, style.bgcolor))


@pytest.mark.parametrize("no_color", [False, True])
async def test_monochrome_draws_no_colour(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          no_color: bool) -> None:
    environ = {"NO_COLOR": "1"} if no_color else {}
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app = ThemedApp(None if no_color else "monochrome", tmp_path, environ)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert app.theme == "monochrome"
        segments = _segments(app)
    assert any("plain words" in s.text for s in segments)
    assert any("first" in s.text for s in segments)
    coloured = [(s.text, str(s.style)) for s in segments if not _colourless(s.style)]
    assert coloured == []
    # The highlighted option is still visible without colour.
    first = next(s for s in segments if "first" in s.text)
    assert first.style is not None and first.style.underline
    second = next(s for s in segments if "second" in s.text)
    assert not (second.style and second.style.underline)


async def test_no_color_keeps_an_explicit_colour_theme_choice(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = ThemedApp("dark", tmp_path, {"NO_COLOR": "1"})
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert app.theme == "dark"
        segments = _segments(app)
    # Textual still honours NO_COLOR: every colour is stripped, attributes stay.
    assert any("plain words" in s.text for s in segments)
    assert [(s.text, str(s.style)) for s in segments if not _colourless(s.style)] == []
