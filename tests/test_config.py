"""The configuration file: good settings kept, bad ones reported, never a crash."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tuireader.config import Config, default_config_path, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_full_config_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "theme: paper\nkeymap:\n  down: j,ctrl+n\n  quit: [q, ctrl+q]\n"
                 "paths: [~/news, /srv/a.txt]\nlow_bandwidth: true\n")
    config, problems = load_config(path)
    assert problems == []
    assert config.theme == "paper"
    assert dict(config.keymap) == {"down": "j,ctrl+n", "quit": "q,ctrl+q"}
    assert config.paths[1] == "/srv/a.txt" and not config.paths[0].startswith("~")
    assert config.low_bandwidth is True


def test_missing_default_file_is_silent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUIREADER_CONFIG_DIR", str(tmp_path / "nowhere"))
    assert default_config_path() == tmp_path / "nowhere" / "config.yaml"
    assert load_config() == (Config(), [])


def test_missing_explicit_file_is_reported(tmp_path: Path) -> None:
    config, problems = load_config(tmp_path / "absent.yaml")
    assert config == Config()
    assert problems == [f"{tmp_path / 'absent.yaml'}: cannot read config file (no such file or directory); "
                        "using defaults"]


def test_a_config_file_that_cannot_be_read_is_told_as_a_bad_article_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In the loader's words (lower case, no "[Errno 21]"), named relative to the current directory.
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "folder.yaml").mkdir()
    monkeypatch.chdir(tmp_path)
    assert load_config(tmp_path / "conf" / "folder.yaml") == (
        Config(), ["conf/folder.yaml: cannot read config file (is a directory); using defaults"])
    path = write(tmp_path, "theme: paper\n")

    def denied(self: Path) -> bytes:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert load_config(path) == (Config(), ["config.yaml: cannot read config file (permission denied); using defaults"])


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("theme: [1, 2\n", "invalid YAML"),
        ("- just\n- a list\n", "expected a mapping"),
        ("\xff\xfe", "UTF-8"),
        ("!!python/object:os.system {}\n", "invalid YAML"),
    ],
)
def test_unreadable_file_gives_defaults_and_one_line(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(text.encode("latin-1") if text == "\xff\xfe" else text.encode())
    config, problems = load_config(path)
    assert config == Config()
    assert len(problems) == 1 and str(path) in problems[0] and needle in problems[0]


def test_bad_fields_are_reported_and_good_ones_kept(tmp_path: Path) -> None:
    path = write(tmp_path, "theme: 7\ncolour: red\nkeymap:\n  down: ''\n  up: k\n"
                 "paths: [3]\nlow_bandwidth: sometimes\n")
    config, problems = load_config(path)
    assert dict(config.keymap) == {"up": "k"}
    assert config.theme is None and config.paths == () and config.low_bandwidth is False
    joined = "\n".join(problems)
    for needle in ("theme", "'colour'", "'down'", "paths", "low_bandwidth"):
        assert needle in joined
    assert all(p.startswith(str(path)) for p in problems)
