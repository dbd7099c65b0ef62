"""``tuireader [PATH...]`` with the reader's options builds the app it should."""

from __future__ import annotations

from pathlib import Path

import pytest

from tuireader.cli import build_parser
from tuireader.commands import read
from tuireader.seeds import seeds_dir
from tuireader.ui.app import ReaderApp


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[ReaderApp]:
    """Record the app instead of running it."""
    apps: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self, *a, **k: apps.append(self))
    return apps


def test_options_reach_the_app(launched: list[ReaderApp], tmp_path: Path, isolated_home: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "c.yaml"
    config.write_text("low_bandwidth: true\nkeymap: {down: x}\ncolour: red\n")
    args = build_parser().parse_args(["--config", str(config), "--theme", "light", "--no-state", "a.txt"])
    assert read.run(args) == 0
    app = launched[0]
    assert app.paths == ["a.txt"] and app.state.path is None and app.theme_name == "light"
    assert app.low_bandwidth and dict(app.config.keymap) == {"down": "x"}
    err = capsys.readouterr().err
    assert err.startswith(f"tuireader: warning: {config}: unknown setting 'colour'")
    assert any("'colour'" in n for n in app.notices)


def test_defaults_use_seeds_and_the_state_dir(launched: list[ReaderApp], isolated_home: Path) -> None:
    assert read.run(build_parser().parse_args([])) == 0
    app = launched[0]
    assert app.paths == [str(seeds_dir())]
    assert app.state.path == isolated_home / "data" / "state.json"
    assert not app.low_bandwidth


def test_configured_paths_when_none_given(launched: list[ReaderApp], isolated_home: Path) -> None:
    (isolated_home / "config").mkdir(parents=True)
    (isolated_home / "config" / "config.yaml").write_text("paths: [/srv/news]\n")
    read.run(build_parser().parse_args(["--low-bandwidth"]))
    assert launched[0].paths == ["/srv/news"] and launched[0].low_bandwidth
