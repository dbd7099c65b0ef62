"""Themes: YAML files turned into Textual themes, and the semantic styles they set.

Every semantic style ``NAME`` of `SEMANTIC_STYLES` becomes three theme variables that the
``.tcss`` uses: ``tr-NAME-color``, ``tr-NAME-background`` and ``tr-NAME-style`` (a Textual
``text-style`` value such as ``bold underline``; ``none`` for none).

Textual 8 does not resolve a variable whose value refers to another variable (a default of
``$primary 20%`` makes the stylesheet fail to parse), so every value handed to Textual here is
concrete: an opaque ``#rrggbb``, an ANSI colour name, or ``transparent``. References and
percentages in a theme file are resolved against that theme's own colours when it loads.

A theme file::

    name: dark
    dark: true                      # or  light: true
    primary: "#4a9fd8"              # the Textual base colours; only primary is required
    background: "#15191e"
    styles:                         # the semantic styles; any left out get a default
      direct: {color: "#8fd6ff", background: "$primary 15%", style: bold}
      mention: {style: [bold, underline]}
    variables:                      # optional: Textual's own theme variables
      block-cursor-text-style: reverse

A theme whose colours are all ANSI names (``ansi_blue``, ``ansi_default``, ...) is drawn with
the terminal's own palette (Textual's ``ansi`` themes).
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.color import Color, ColorParseError
from textual.css.parse import parse_declarations
from textual.theme import BUILTIN_THEMES, Theme

from tuireader.loading.errors import LoadError, os_reason
from tuireader.loading.safe_yaml import MAX_YAML_BYTES, parse_yaml
from tuireader.sanitize import clean_text

if TYPE_CHECKING:
    from textual.app import App

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

TEXT_ATTRIBUTES: tuple[str, ...] = ("bold", "italic", "underline", "reverse", "dim", "strike")
"""The attributes a semantic style may combine."""

BASE_COLOURS: tuple[str, ...] = (
    "primary",
    "secondary",
    "accent",
    "background",
    "surface",
    "panel",
    "foreground",
    "warning",
    "error",
    "success",
)
"""Textual's base colours, top-level keys of a theme file."""

DEFAULT_THEME = "dark"
"""The theme used when none is asked for and ``NO_COLOR`` is not set."""
MONOCHROME_THEME = "monochrome"
"""The theme ``NO_COLOR`` selects."""

BUNDLED = "bundled"
USER = "user"
TEXTUAL = "textual"

_STYLE_KEYS = ("color", "background", "style")
_OTHER_KEYS = ("name", "description", "dark", "light", "styles", "variables")
_ALPHA = re.compile(r"(\d{1,3}(?:\.\d+)?)%")
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
_COLOUR = "a colour such as '#1e90ff', 'ansi_blue' or '$primary 20%'"

_DEFAULTS: dict[str, tuple[str | None, str | None, str]] = {
    # name: (color, background, text-style) for themes that do not set the style, such as
    # Textual's built-in ones. Colours refer to the theme's own; None means "not set"
    # (the theme's foreground, no background). The attributes alone tell every style apart.
    "direct": ("$accent", None, "bold"),
    "indirect": (None, None, "italic"),
    "claim": ("$warning", None, "underline"),
    "mention": (None, None, "bold underline"),
    "current": (None, None, "reverse"),
    "match": ("$secondary", None, "reverse underline"),
    "match-current": ("$warning", None, "bold reverse"),
    "read": (None, None, "dim"),
    "unread": (None, None, "none"),
    "bookmark": ("$success", None, "italic underline"),
}


def _textual_variable_names() -> frozenset[str]:
    names: set[str] = {"ansi-background", "ansi-foreground"}
    for ansi in (False, True):
        names.update(Theme(name="probe", primary="ansi_blue" if ansi else "#000080", ansi=ansi)
                     .to_color_system().generate())
    return frozenset(names)


TEXTUAL_VARIABLES = _textual_variable_names()
"""Names of Textual's own theme variables, which a theme file may set under ``variables``."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a theme file."""

    key: str
    """Where in the file, as a dotted path such as ``styles.claim.color``."""
    expected: str
    """What the key should hold."""
    found: str = ""
    """What it held, shortened; empty when the key is missing."""

    def describe(self, where: str) -> str:
        """One line naming the file, the key and what was expected, safe to print."""
        found = f", found {self.found}" if self.found else ""
        # File names and keys come from the user's disk and may hold control characters.
        return clean_text(f"{where}: {self.key}: expected {self.expected}{found}")


class ThemeError(Exception):
    """A theme file could not be used. Its string form is one line naming the file."""

    def __init__(self, where: str, problems: Sequence[Problem]) -> None:
        self.where = where
        """The file."""
        self.problems = tuple(problems)
        """Everything found wrong, at least one."""
        first = self.problems[0].describe(where)
        more = len(self.problems) - 1
        super().__init__(first + (f" (and {more} more problem{'s' * (more > 1)})" if more else ""))

    def lines(self) -> list[str]:
        """One line per problem."""
        return [problem.describe(self.where) for problem in self.problems]


@dataclass(frozen=True, slots=True)
class SemanticStyle:
    """How one semantic style looks, with every colour resolved."""

    color: str
    """Text colour: ``#rrggbb`` or an ANSI name."""
    background: str
    """Background: ``#rrggbb``, an ANSI name, or ``transparent``."""
    attributes: tuple[str, ...]
    """Text attributes from `TEXT_ATTRIBUTES`, in that order; empty for none."""

    @property
    def text_style(self) -> str:
        """The attributes as a Textual ``text-style`` value."""
        return " ".join(self.attributes) or "none"


@dataclass(frozen=True, slots=True)
class ThemeFile:
    """A theme as loaded from a file (or one of Textual's, given our styles)."""

    theme: Theme
    """The Textual theme to register, with every ``tr-*`` variable set."""
    styles: Mapping[str, SemanticStyle]
    """Every semantic style, resolved."""
    origin: str
    """`BUNDLED`, `USER` or `TEXTUAL`."""
    path: Path | None = None
    """The file it came from; None for Textual's built-in themes."""
    description: str = ""
    """One line about the theme, from the file."""
    explicit_styles: frozenset[str] = frozenset()
    """The semantic styles the file set itself (the rest are defaults)."""
    overrides: str | None = None
    """The origin of a theme of the same name that this one replaced."""

    @property
    def name(self) -> str:
        """The theme's name."""
        return self.theme.name


@dataclass(slots=True)
class ThemeSet:
    """Every theme that loaded, and one error per file that did not."""

    themes: dict[str, ThemeFile] = field(default_factory=dict)
    """By name, in load order: Textual's, then bundled, then the user's."""
    errors: list[ThemeError] = field(default_factory=list)
    """Files that could not be used."""

    def add(self, loaded: ThemeFile) -> None:
        """Add a theme; a later one with the same name replaces the earlier."""
        previous = self.themes.pop(loaded.name, None)
        if previous is not None:
            loaded = replace(loaded, overrides=previous.origin)
        self.themes[loaded.name] = loaded

    @property
    def messages(self) -> list[str]:
        """One line per broken file."""
        return [str(error) for error in self.errors]


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _palette(theme: Theme) -> dict[str, str]:
    return {**theme.to_color_system().generate(), **theme.variables}


def resolve_colour(value: str, palette: Mapping[str, str], *, background: bool = False) -> str:
    """Turn a colour as written in a theme into one Textual can use without further lookup.

    Args:
        value: A Textual colour (``#1e90ff``, ``rgb(30,144,255)``, ``dodgerblue``,
            ``ansi_blue``), or ``$name`` for one of the theme's colours; either may be followed
            by a percentage, which blends it over the theme's background. ``transparent`` is
            allowed for backgrounds.
        palette: The theme's variables (``primary``, ``background``, ``primary-darken-1``...).
        background: Whether the value is a background.

    Returns:
        ``#rrggbb``, an ANSI colour name, or ``transparent``.

    Raises:
        ValueError: With what was expected instead.
    """
    tokens = value.split()
    if not 1 <= len(tokens) <= 2 or (len(tokens) == 2 and not _ALPHA.fullmatch(tokens[1])):
        raise ValueError(_COLOUR)
    head = tokens[0]
    alpha = float(tokens[1][:-1]) / 100 if len(tokens) == 2 else 1.0
    if alpha > 1:
        raise ValueError("a percentage from 0% to 100%")
    if head.startswith("$"):
        referred = palette.get(head[1:])
        if referred is None or referred.startswith("$"):
            raise ValueError(f"a colour of the theme after '$' ({head} is not one)")
        try:
            head = resolve_colour(referred, palette, background=background)
        except ValueError:
            raise ValueError(f"a plain colour of the theme ({head} is {referred!r})") from None
    if head == "transparent":
        if not background:
            raise ValueError("a colour ('transparent' is only for backgrounds)")
        if alpha < 1:
            raise ValueError("'transparent' without a percentage")
        return head
    try:
        colour = Color.parse(head)
    except ColorParseError:
        raise ValueError(_COLOUR) from None
    if colour.ansi is not None:
        if alpha < 1 or colour.a < 1:
            raise ValueError("an ANSI colour without a percentage (the terminal cannot blend them)")
        return colour.hex
    colour = colour.multiply_alpha(alpha)
    if colour.a < 1:
        base = Color.parse(palette.get("background", "ansi_default").split()[0])
        if base.ansi is not None:
            raise ValueError("an opaque colour (a percentage needs a theme background that is not ANSI)")
        colour = base + colour
    return colour.hex[:7]


def _attributes(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        words = value.split()
    elif isinstance(value, list) and all(isinstance(word, str) for word in value):
        words = list(value)
    else:
        raise ValueError("attributes as a list or words: " + ", ".join(TEXT_ATTRIBUTES))
    if words == ["none"]:
        return ()
    unknown = [word for word in words if word not in TEXT_ATTRIBUTES]
    if unknown:
        raise ValueError(f"attributes from {', '.join(TEXT_ATTRIBUTES)}")
    return tuple(name for name in TEXT_ATTRIBUTES if name in words)


def _style_from(spec: tuple[str | None, str | None, str], palette: Mapping[str, str]) -> SemanticStyle:
    color, background, style = spec
    return SemanticStyle(
        color=resolve_colour(color or "$foreground", palette),
        background=resolve_colour(background or "transparent", palette, background=True),
        attributes=_attributes(style),
    )


def _default_style(name: str, palette: Mapping[str, str]) -> SemanticStyle:
    color, background, style = _DEFAULTS[name]
    try:
        return _style_from((color, background, style), palette)
    except ValueError:
        # A palette the reference cannot be used in (say, ANSI with a blend): attributes only.
        return _style_from((None, None, style), palette)


def style_variables(styles: Mapping[str, SemanticStyle]) -> dict[str, str]:
    """The ``tr-*`` theme variables for resolved semantic styles."""
    out: dict[str, str] = {}
    for name, style in styles.items():
        out[f"tr-{name}-color"] = style.color
        out[f"tr-{name}-background"] = style.background
        out[f"tr-{name}-style"] = style.text_style
    return out


def variable_defaults(theme: Theme | None = None) -> dict[str, str]:
    """Default values of every semantic theme variable, for ``App.get_theme_variable_defaults``.

    Args:
        theme: The theme whose colours the defaults are drawn from; Textual's default theme
            when None. Pass ``app.current_theme`` so a theme without our styles still gets
            colours that suit it.

    Returns:
        ``tr-NAME-color``, ``tr-NAME-background`` and ``tr-NAME-style`` for every style.
    """
    return style_variables(_default_styles(theme or BUILTIN_THEMES["textual-dark"]))


def _default_styles(theme: Theme) -> dict[str, SemanticStyle]:
    """Every semantic style drawn from ``theme``'s colours (for a theme that sets none)."""
    palette = _palette(theme)
    return {name: _default_style(name, palette) for name in SEMANTIC_STYLES}


def _is_style_variable(name: str) -> bool:
    # Textual's text-style variables: block-cursor-text-style, link-style-hover, ...
    return "style" in name


def _is_ansi(values: Sequence[str]) -> bool:
    colours = [v for v in values if not v.startswith("$") and v.split()[0] != "transparent"]
    return bool(colours) and all(v.split()[0].startswith("ansi_") for v in colours)


@dataclass(slots=True)
class _Draft:
    """What the first pass over a theme file found, before any colour is resolved."""

    name: str = "?"
    description: str = ""
    dark: bool = True
    base: dict[str, str] = field(default_factory=dict)
    styles: dict[str, dict[str, Any]] = field(default_factory=dict)
    variables: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, key: str, expected: str, found: Any = None, *, show: bool = True) -> None:
        self.problems.append(Problem(key, expected, _show(found) if show else ""))

    def colours_written(self) -> list[str]:
        """Every colour the file gives, as written (to tell an ANSI theme)."""
        written = list(self.base.values())
        for spec in self.styles.values():
            written += [value for key, value in spec.items() if key != "style"]
        written += [v for k, v in self.variables.items() if k in TEXTUAL_VARIABLES
                    and isinstance(v, str) and not _is_style_variable(k)]
        return written


def _mapping(draft: _Draft, data: Mapping[Any, Any], key: str, expected: str) -> dict[Any, Any]:
    value = data.get(key, {})
    if isinstance(value, dict):
        return value
    draft.problem(key, expected, value)
    return {}


def _first_pass(data: Mapping[Any, Any]) -> _Draft:
    draft = _Draft()
    for key in data:
        if key not in BASE_COLOURS and key not in _OTHER_KEYS:
            draft.problem(str(key), "a known key: " + ", ".join(_OTHER_KEYS + BASE_COLOURS), show=False)
    name = data.get("name")
    if isinstance(name, str) and _NAME.fullmatch(name):
        draft.name = name
    else:
        draft.problem("name", "a name of lower-case letters, digits, '-' and '_'", name, show="name" in data)
    description = data.get("description", "")
    if isinstance(description, str):
        draft.description = description.strip()
    else:
        draft.problem("description", "one line of text", description)
    for key, means_dark in (("dark", True), ("light", False)):
        if key in data:
            if isinstance(data[key], bool):
                draft.dark = data[key] == means_dark
            else:
                draft.problem(key, "true or false", data[key])
    if "dark" in data and "light" in data:
        draft.problem("light", "either dark or light, not both", show=False)
    for key in BASE_COLOURS:
        if key not in data:
            continue
        value = data[key]
        try:
            if not isinstance(value, str):
                raise ColorParseError("not a string")
            Color.parse(value)
        except ColorParseError:
            draft.problem(key, "a colour such as '#1e90ff' or 'ansi_blue'", value)
            continue
        draft.base[key] = value
    if "primary" not in data:
        draft.problem("primary", "a colour (primary is required)", show=False)

    raw_styles = _mapping(draft, data, "styles", "a mapping of style name to color, background and style")
    for style_name, spec in raw_styles.items():
        key = f"styles.{style_name}"
        if style_name not in SEMANTIC_STYLES:
            draft.problem(key, "a style from " + ", ".join(SEMANTIC_STYLES), show=False)
        elif not isinstance(spec, dict):
            draft.problem(key, "a mapping with color, background and style", spec)
        else:
            for sub, value in spec.items():
                if sub not in _STYLE_KEYS:
                    draft.problem(f"{key}.{sub}", "a known key: " + ", ".join(_STYLE_KEYS), show=False)
                elif sub != "style" and not isinstance(value, str):
                    draft.problem(f"{key}.{sub}", _COLOUR, value)
            draft.styles[style_name] = spec
    draft.variables = _mapping(draft, data, "variables", "a mapping of Textual variable name to value")
    return draft


def _resolve_variables(draft: _Draft, palette: Mapping[str, str], where: str) -> dict[str, str]:
    variables: dict[str, str] = {}
    for var, value in draft.variables.items():
        key = f"variables.{var}"
        if var not in TEXTUAL_VARIABLES:
            hint = " (set semantic styles under 'styles')" if str(var).startswith("tr-") else ""
            draft.problem(key, "the name of a Textual theme variable" + hint, show=False)
        elif not isinstance(value, str):
            draft.problem(key, "a string", value)
        elif _is_style_variable(var):
            try:
                parse_declarations(f"text-style: {value};", (where, key))
            except Exception:
                draft.problem(key, "a text style such as 'bold reverse' or 'none'", value)
            else:
                variables[var] = value
        else:
            try:
                variables[var] = resolve_colour(value, palette, background=True)
            except ValueError as exc:
                draft.problem(key, str(exc), value)
    return variables


def _resolve_styles(draft: _Draft, palette: Mapping[str, str]) -> dict[str, SemanticStyle]:
    styles: dict[str, SemanticStyle] = {}
    for style_name in SEMANTIC_STYLES:
        spec = draft.styles.get(style_name)
        if spec is None:
            styles[style_name] = _default_style(style_name, palette)
            continue
        key = f"styles.{style_name}"
        try:
            attributes = _attributes(spec.get("style", "none"))
        except ValueError as exc:
            draft.problem(f"{key}.style", str(exc), spec.get("style"))
            attributes = ()
        resolved: dict[str, str] = {}
        for sub, fallback in (("color", "$foreground"), ("background", "transparent")):
            value = spec.get(sub, fallback)
            try:
                resolved[sub] = resolve_colour(value, palette, background=sub == "background")
            except ValueError as exc:
                draft.problem(f"{key}.{sub}", str(exc), value)
                resolved[sub] = "transparent"
        styles[style_name] = SemanticStyle(resolved["color"], resolved["background"], attributes)
    return styles


_PALETTE_KEYS = frozenset({"(file)", "dark", "light", *BASE_COLOURS})
"""Keys whose problems keep the palette from being built, so styles cannot be checked."""


def parse_theme(data: Any, where: str, origin: str = USER, path: Path | None = None) -> ThemeFile:
    """Build a theme from a loaded YAML value, checking every key.

    Every problem is reported together, except that colours referring to the theme's own
    colours ("$primary") are checked once those base colours are right.

    Args:
        data: What ``yaml.safe_load`` returned for the file.
        where: The file name for messages.
        origin: `BUNDLED` or `USER`.
        path: The file, kept on the result.

    Returns:
        The theme.

    Raises:
        ThemeError: Listing every problem found.
    """
    if not isinstance(data, dict):
        raise ThemeError(where, [Problem("(file)", "a mapping with name, primary and styles",
                                         type(data).__name__)])
    draft = _first_pass(data)
    if any(p.key in _PALETTE_KEYS for p in draft.problems):
        raise ThemeError(where, draft.problems)  # the styles' colours cannot be checked yet
    ansi = _is_ansi(draft.colours_written())
    try:
        probe = Theme(name=draft.name, dark=draft.dark, ansi=ansi, **draft.base)
        palette = _palette(probe)
    except Exception as exc:  # Textual's colour system rejected the combination.
        raise ThemeError(where, [Problem("(colours)", "colours Textual can build a theme from",
                                         _show(str(exc)))]) from None
    variables = _resolve_variables(draft, palette, where)
    styles = _resolve_styles(draft, palette)
    if draft.problems:
        raise ThemeError(where, draft.problems)
    if ansi:
        # Textual's screen CSS uses these, and only its own ANSI themes define them.
        variables = {"ansi-background": "transparent", "ansi-foreground": "transparent", **variables}
    return ThemeFile(
        theme=replace(probe, variables={**variables, **style_variables(styles)}),
        styles=styles,
        origin=origin,
        path=path,
        description=draft.description,
        explicit_styles=frozenset(draft.styles),
    )


def load_theme_file(path: Path, origin: str = USER) -> ThemeFile:
    """Read and check one theme file.

    Args:
        path: The ``.yaml`` file.
        origin: `BUNDLED` or `USER`.

    Returns:
        The theme.

    Raises:
        ThemeError: The file cannot be read, is not YAML, or is not a valid theme.
    """
    where = str(path)
    try:
        if path.stat().st_size > MAX_YAML_BYTES:
            raise ThemeError(where, [Problem("(file)", f"at most {MAX_YAML_BYTES} bytes")])
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ThemeError(where, [Problem("(file)", "UTF-8 text")]) from None
    except OSError as exc:
        raise ThemeError(where, [Problem("(file)", f"a readable file ({os_reason(exc)})")]) from None
    try:
        data = parse_yaml(text, where)
    except LoadError as exc:
        raise ThemeError(where, [Problem("(file)", "valid YAML", exc.reason)]) from None
    return parse_theme(data, where, origin, path)


def bundled_themes_dir() -> Path:
    """The folder of the themes that ship with tuireader (``tuireader.bundled_themes``)."""
    from tuireader.seeds import themes_dir

    found = themes_dir()
    if found.is_dir():
        return found
    # Installed from a wheel the folder is a namespace package, whose importlib.resources
    # path does not convert to a file path with str(); its __path__ does.
    try:
        package = importlib.import_module("tuireader.bundled_themes")
    except ImportError:
        return found
    return next((Path(entry) for entry in package.__path__ if Path(entry).is_dir()), found)


def user_themes_dir() -> Path:
    """The folder of the user's own themes: ``themes/`` in tuireader's config folder."""
    from tuireader.config import config_dir

    return config_dir() / "themes"


class _DefaultStyles(Mapping[str, "SemanticStyle"]):
    """The semantic styles of one of Textual's themes, worked out when first asked for.

    Working them out takes Textual's whole colour system for the theme (a few ms each, for
    some twenty themes at every start); the reader needs them only for the theme in use,
    and gets its variables from `variable_defaults` (``App.get_theme_variable_defaults``),
    which gives the same values.
    """

    def __init__(self, theme: Theme) -> None:
        self._theme = theme
        self._styles: dict[str, SemanticStyle] | None = None

    def _resolved(self) -> dict[str, SemanticStyle]:
        if self._styles is None:
            self._styles = _default_styles(self._theme)
        return self._styles

    def __getitem__(self, name: str) -> SemanticStyle:
        return self._resolved()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._resolved())

    def __len__(self) -> int:
        return len(SEMANTIC_STYLES)


def _textual_theme(theme: Theme) -> ThemeFile:
    return ThemeFile(theme=theme, styles=_DefaultStyles(theme), origin=TEXTUAL)


def load_themes(user_dir: Path | None = None, bundled_dir: Path | None = None) -> ThemeSet:
    """Load Textual's themes, the bundled ones, then the user's; later names win.

    Args:
        user_dir: The folder of user themes; `user_themes_dir` when None. A missing folder
            is no problem.
        bundled_dir: The folder of bundled themes; `bundled_themes_dir` when None.

    Returns:
        The themes by name, and the files that could not be used.
    """
    found = ThemeSet()
    for theme in BUILTIN_THEMES.values():
        found.add(_textual_theme(theme))
    sources = ((bundled_dir or bundled_themes_dir(), BUNDLED), (user_dir or user_themes_dir(), USER))
    for folder, origin in sources:
        try:
            files = sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("."))
        except OSError:
            files = []
        for path in files:
            try:
                found.add(load_theme_file(path, origin))
            except ThemeError as exc:
                found.errors.append(exc)
    return found


def no_color(environ: Mapping[str, str] | None = None) -> bool:
    """Whether ``NO_COLOR`` is set; like Textual, any value (even empty) counts."""
    return "NO_COLOR" in (os.environ if environ is None else environ)


def ansi_color_for(environ: Mapping[str, str] | None = None) -> bool | None:
    """The ``ansi_color`` argument for ``App.__init__``.

    Under ``NO_COLOR`` Textual adds a filter, chosen once in ``App.__init__``. For a non-ANSI
    theme it turns colours to greys, and the terminal's default colours (which the monochrome
    theme uses) to black on black. With ``ansi_color=True`` it strips colours instead,
    leaving the attributes, which is what ``NO_COLOR`` asks for.
    """
    return True if no_color(environ) else None


def choose_theme(requested: str | None, available: Sequence[str],
                 environ: Mapping[str, str] | None = None) -> tuple[str, list[str]]:
    """Pick the theme to start with.

    Args:
        requested: The theme the user chose (``--theme``, config, or saved), or None.
        available: Names of the loaded themes.
        environ: The environment; ``os.environ`` when None.

    Returns:
        The theme's name, and a line for the user when the requested theme does not exist.
    """
    if requested and requested in available:
        return requested, []
    wanted = MONOCHROME_THEME if no_color(environ) else DEFAULT_THEME
    if wanted not in available:
        wanted = "textual-dark"
    if requested:
        return wanted, [f"unknown theme {requested!r}, using {wanted!r} ('tuireader themes' lists them)"]
    return wanted, []


def install_themes(app: App[Any], requested: str | None, user_dir: Path | None = None,
                   environ: Mapping[str, str] | None = None) -> list[str]:
    """Register every theme on ``app`` and switch to the one to start with.

    Args:
        app: The application (before or after it starts running).
        requested: The theme the user chose explicitly, or None.
        user_dir: The folder of user themes; `user_themes_dir` when None.
        environ: The environment; ``os.environ`` when None.

    Returns:
        One line per problem (a broken theme file, an unknown theme) to show the user.
    """
    themes = load_themes(user_dir)
    for loaded in themes.themes.values():
        app.register_theme(loaded.theme)
    name, messages = choose_theme(requested, list(themes.themes), environ)
    app.theme = name
    return themes.messages + messages
