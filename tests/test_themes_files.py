"""Theme files: broken ones, user themes, choosing a theme, and the ``themes`` command."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import yaml

from tuireader.cli import main
from tuireader.ui.theming import (
    BUNDLED,
    MONOCHROME_THEME,
    USER,
    ThemeError,
    choose_theme,
    load_theme_file,
    load_themes,
    parse_theme,
    resolve_colour,
)

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
name: harbour
description: A test theme
dark: true
primary: "#205080"
background: "#101010"
styles:
  direct: {color: "#a0d0ff", style: bold}
  claim: {background: "$primary 50%", style: [underline, italic]}
"""


def write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_a_good_user_theme_loads(tmp_path: Path) -> None:
    write(tmp_path, "harbour.yaml", GOOD)
    themes = load_themes(tmp_path)
    assert themes.messages == []
    harbour = themes.themes["harbour"]
    assert harbour.origin == USER and harbour.path == tmp_path / "harbour.yaml"
    assert harbour.styles["direct"].color == "#A0D0FF"
    assert harbour.styles["direct"].attributes == ("bold",)
    # "$primary 50%" is half #205080 over the #101010 background, made opaque.
    assert harbour.styles["claim"].background == "#183048"
    assert harbour.styles["claim"].attributes == ("italic", "underline")
    assert harbour.explicit_styles == {"direct", "claim"}
    # Styles the file leaves out still get a value.
    assert harbour.theme.variables["tr-bookmark-style"]


BROKEN = [
    # (case, file text, key named in the message, words of what was expected)
    ("bad yaml", "name: x\nprimary: [unclosed\n", "(file)", "valid YAML"),
    ("not a mapping", "- just\n- a list\n", "(file)", "a mapping"),
    ("unknown key", GOOD + "colour_scheme: odd\n", "colour_scheme", "a known key"),
    ("unknown style", GOOD.replace("direct:", "quote:"), "styles.quote", "a style from"),
    ("unknown style key", GOOD.replace("style: bold", "weight: bold"), "styles.direct.weight", "a known key"),
    ("bad base colour", GOOD.replace('"#205080"', "bluish"), "primary", "a colour"),
    ("bad style colour", GOOD.replace('"#a0d0ff"', "sky"), "styles.direct.color", "a colour"),
    ("unknown reference", GOOD.replace("$primary", "$primery"), "styles.claim.background", "a colour of the theme"),
    ("percentage over 100", GOOD.replace("50%", "150%"), "styles.claim.background", "0% to 100%"),
    ("ansi with percentage", GOOD.replace('"#a0d0ff"', '"ansi_blue 40%"'), "styles.direct.color",
     "without a percentage"),
    ("transparent text", GOOD.replace('"#a0d0ff"', "transparent"), "styles.direct.color", "only for backgrounds"),
    ("bad attribute", GOOD.replace("style: bold", "style: blink"), "styles.direct.style", "attributes from"),
    ("dark not a bool", GOOD.replace("dark: true", 'dark: "yes"'), "dark", "true or false"),
    ("styles not a mapping", GOOD.split("styles:")[0] + "styles: [direct]\n", "styles", "a mapping"),
    ("style not a mapping", GOOD.replace('{color: "#a0d0ff", style: bold}', "bold"), "styles.direct",
     "a mapping"),
    ("colour not a string", GOOD.replace('"#205080"', "205080"), "primary", "a colour"),
    ("missing primary", GOOD.replace('primary: "#205080"\n', ""), "primary", "required"),
    ("missing name", GOOD.replace("name: harbour\n", ""), "name", "a name"),
    ("bad name", GOOD.replace("name: harbour", "name: Harbour Blue"), "name", "lower-case"),
    ("unknown variable", GOOD + "variables:\n  tr-direct-color: red\n", "variables.tr-direct-color",
     "set semantic styles under 'styles'"),
    ("bad variable style", GOOD + "variables:\n  block-cursor-text-style: shouty\n",
     "variables.block-cursor-text-style", "a text style"),
    ("bad variable colour", GOOD + "variables:\n  border: nope\n", "variables.border", "a colour"),
    ("dark and light", GOOD + "light: true\n", "light", "not both"),
]


@pytest.mark.parametrize(("case", "text", "key", "expected"), BROKEN, ids=[c[0] for c in BROKEN])
def test_a_broken_file_gives_one_message_and_the_rest_load(
    tmp_path: Path, case: str, text: str, key: str, expected: str
) -> None:
    broken = write(tmp_path, "broken.yaml", text)
    write(tmp_path, "harbour.yaml", GOOD.replace("harbour", "harbour2") if "harbour" in text else GOOD)
    themes = load_themes(tmp_path)
    assert len(themes.messages) == 1, themes.messages
    message = themes.messages[0]
    assert "\n" not in message
    assert message.startswith(f"{broken}: {key}: expected")
    assert expected in message
    assert BUNDLED in {t.origin for t in themes.themes.values()}
    assert {"dark", "monochrome"} <= set(themes.themes)
    assert any(t.origin == USER for t in themes.themes.values())


def test_several_problems_are_reported_together(tmp_path: Path) -> None:
    text = GOOD.replace('"#205080"', "bluish").replace("dark: true", "dark: 1") + "extra: 1\n"
    with pytest.raises(ThemeError) as caught:
        load_theme_file(write(tmp_path, "t.yaml", text))
    keys = [line.split(": ")[1] for line in caught.value.lines()]
    assert sorted(keys) == ["dark", "extra", "primary"]
    assert str(caught.value).endswith("(and 2 more problems)")


def test_a_bad_style_name_does_not_hide_the_other_styles_problems(tmp_path: Path) -> None:
    text = ('name: harbour\nprimary: "#1e90ff"\nstyles:\n  direct: {color: "#zzz", style: blink}\n'
            '  quotes: {color: red}\n  claim: {background: "$nosuch"}\n')
    with pytest.raises(ThemeError) as caught:
        load_theme_file(write(tmp_path, "t.yaml", text))
    keys = sorted(line.split(": ")[1] for line in caught.value.lines())
    assert keys == ["styles.claim.background", "styles.direct.color", "styles.direct.style", "styles.quotes"]
    assert any(line.endswith("underline, reverse, dim, strike, found 'blink'") for line in caught.value.lines())


def test_file_level_problems(tmp_path: Path) -> None:
    with pytest.raises(ThemeError, match="UTF-8"):
        load_theme_file(write(tmp_path, "latin.yaml", b"name: caf\xe9\nprimary: red\n"))
    with pytest.raises(ThemeError, match="readable file"):
        load_theme_file(tmp_path / "missing.yaml")
    aliases = "a: &a [x]\nb: [" + ", ".join(["*a"] * 200) + "]\n"
    with pytest.raises(ThemeError, match="aliases"):
        load_theme_file(write(tmp_path, "bomb.yaml", aliases))


def test_a_user_theme_replaces_a_bundled_one(tmp_path: Path) -> None:
    write(tmp_path, "mine.yaml", GOOD.replace("name: harbour", "name: dark"))
    themes = load_themes(tmp_path)
    dark = themes.themes["dark"]
    assert dark.origin == USER and dark.overrides == BUNDLED
    assert dark.theme.primary == "#205080"
    bundled_only = load_themes(tmp_path / "empty")
    assert bundled_only.themes["dark"].origin == BUNDLED
    assert bundled_only.themes["dark"].theme.primary != "#205080"


def test_only_yaml_files_in_the_user_folder_are_read(tmp_path: Path) -> None:
    write(tmp_path, "notes.txt", "not a theme")
    write(tmp_path, ".hidden.yaml", "broken: [")
    assert load_themes(tmp_path).messages == []


@pytest.mark.parametrize(
    ("requested", "environ", "expected"),
    [
        (None, {}, "dark"),
        (None, {"NO_COLOR": "1"}, MONOCHROME_THEME),
        (None, {"NO_COLOR": ""}, MONOCHROME_THEME),
        ("light", {"NO_COLOR": "1"}, "light"),
        ("terminal", {}, "terminal"),
    ],
)
def test_choosing_the_starting_theme(requested: str | None, environ: dict[str, str], expected: str) -> None:
    names = list(load_themes(Path("/nonexistent")).themes)
    assert choose_theme(requested, names, environ) == (expected, [])


def test_an_unknown_requested_theme_is_reported_and_replaced() -> None:
    names = list(load_themes(Path("/nonexistent")).themes)
    name, messages = choose_theme("sepia", names, {"NO_COLOR": "1"})
    assert name == MONOCHROME_THEME
    assert len(messages) == 1 and "sepia" in messages[0] and "monochrome" in messages[0]


@pytest.mark.parametrize(
    ("value", "palette", "background", "expected"),
    [
        ("#FF0000", {}, False, "#FF0000"),
        ("red", {}, False, "#FF0000"),
        ("#ff0000 50%", {"background": "#000000"}, False, "#7F0000"),
        ("$accent", {"accent": "#123456"}, False, "#123456"),
        ("ansi_bright_blue", {}, False, "ansi_bright_blue"),
        ("transparent", {}, True, "transparent"),
    ],
)
def test_resolving_colours(value: str, palette: dict[str, str], background: bool, expected: str) -> None:
    assert resolve_colour(value, palette, background=background) == expected


def test_a_percentage_needs_a_background_it_can_blend_over() -> None:
    with pytest.raises(ValueError, match="not ANSI"):
        resolve_colour("#ff0000 50%", {"background": "ansi_default"})


# -- the command --------------------------------------------------------------------------

@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty tuireader config folder for the command to find user themes in."""
    monkeypatch.setenv("TUIREADER_CONFIG_DIR", str(tmp_path))
    return tmp_path


def test_themes_lists_every_theme_and_its_source(config_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(config_dir / "themes", "harbour.yaml", GOOD)
    write(config_dir / "themes", "dark.yaml", GOOD.replace("name: harbour", "name: dark"))
    broken = write(config_dir / "themes", "broken.yaml", "name: [")
    assert main(["themes"]) == 0
    out, err = capsys.readouterr()
    rows = {line.split()[0]: line for line in out.splitlines()}
    assert "user" in rows["harbour"] and str(config_dir / "themes" / "harbour.yaml") in rows["harbour"]
    assert "user (replaces bundled)" in rows["dark"]
    for name in ("light", "high-contrast", "terminal", "monochrome"):
        assert "bundled" in rows[name] and f"{name}.yaml" in rows[name]
    assert "built into Textual" in rows["nord"]
    assert err.count("\n") == 1 and str(broken) in err


def test_check_accepts_every_bundled_theme(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in (ROOT / "themes").glob("*.yaml"))
    assert main(["themes", "--check", *files]) == 0
    out, err = capsys.readouterr()
    assert out.count(": ok: ") == len(files) and err == ""


def test_check_reports_problems_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "good.yaml", GOOD)
    bad = write(tmp_path, "bad.yaml", GOOD.replace('"#205080"', "bluish") + "extra: 1\n")
    assert main(["themes", "--check", str(good), str(bad)]) == 1
    out, err = capsys.readouterr()
    assert f"{good}: ok: theme 'harbour'" in out
    lines = err.splitlines()
    assert len(lines) == 2
    # One line per problem in the README's form, FILE: KEY: expected ..., and nothing before it.
    assert any(line.startswith(f"{bad}: primary: expected a colour") for line in lines)
    assert any(line.startswith(f"{bad}: extra: expected a known key") for line in lines)
    assert main(["themes", "--check", str(tmp_path / "missing.yaml")]) == 1
    missing = capsys.readouterr().err.splitlines()
    assert missing == [f"{tmp_path / 'missing.yaml'}: (file): expected a readable file (no such file or directory)"]


def test_the_readme_example_theme_is_valid() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Writing a theme", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    loaded = parse_theme(yaml.safe_load(example), "README.md")
    assert loaded.name == "harbour"
    assert loaded.explicit_styles == {"direct", "mention"}
    assert loaded.theme.variables["block-cursor-text-style"] == "reverse"


def test_the_bundled_themes_are_packaged() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = project["tool"]["setuptools"]
    assert "tuireader.bundled_themes" in setuptools["packages"]
    assert setuptools["package-dir"]["tuireader.bundled_themes"] == "themes"
    assert "*.yaml" in setuptools["package-data"]["tuireader.bundled_themes"]


def test_messages_carry_no_control_characters(tmp_path: Path) -> None:
    write(tmp_path, "evil.yaml", GOOD + '"\\e]52;c;aGk=\\a": 1\n')
    (message,) = load_themes(tmp_path).messages
    assert "\x1b" not in message and "\x07" not in message
    assert "evil.yaml" in message and "expected a known key" in message
