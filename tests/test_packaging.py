"""A wheel built from the project carries the seed articles and themes, and finds them installed."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ("pyproject.toml", "README.md", "tuireader", "seeds", "themes")

PROBE = """
import json, subprocess, sys
import tuireader
from tuireader.seeds import seeds_dir, themes_dir
seeds, themes = seeds_dir(), themes_dir()
run = subprocess.run([sys.executable, "-m", "tuireader", "extract", str(seeds), "--format", "jsonl"],
                     capture_output=True, text=True)
print(json.dumps({
    "package": tuireader.__file__,
    "seeds": str(seeds),
    "seed_files": sorted(p.name for p in seeds.iterdir() if p.is_file()),
    "themes": str(themes),
    "themes_is_dir": themes.is_dir(),
    "theme_files": sorted(p.name for p in themes.glob("*.yaml")),
    "extract_status": run.returncode,
    "extract_stderr": run.stderr,
    "articles": [json.loads(line)["id"] for line in run.stdout.splitlines()],
}))
"""


def _can_build_without_isolation() -> bool:
    """Whether this interpreter's setuptools can make a wheel by itself (70.1+, or `wheel`)."""
    return any(
        importlib.util.find_spec(name) is not None
        for name in ("wheel", "setuptools.command.bdist_wheel")
    )


def _pip(*args: str, cwd: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args],
        cwd=cwd, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What the probe reports from a wheel installed into a folder outside the checkout."""
    base = tmp_path_factory.mktemp("packaging")
    source = base / "source"
    source.mkdir()
    # Build from a copy so that build/ and *.egg-info never appear in the shared checkout.
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    for name in SHIPPED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, source / name)
    isolation = ["--no-build-isolation"] if _can_build_without_isolation() else []
    _pip("wheel", "--no-deps", *isolation, "-w", str(base / "dist"), ".", cwd=source)
    (wheel,) = (base / "dist").glob("tuireader-*.whl")
    _pip("install", "--no-deps", "--target", str(base / "target"), str(wheel), cwd=base)
    away = base / "elsewhere"
    away.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["PYTHONPATH"] = str(base / "target")
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=away, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    report["target"] = str(base / "target")
    return report


def test_the_installed_package_is_the_one_imported(installed: dict) -> None:
    assert Path(installed["package"]).is_relative_to(installed["target"])


def test_seeds_dir_lists_the_seed_files(installed: dict) -> None:
    assert Path(installed["seeds"]).is_relative_to(installed["target"])
    expected = sorted(p.name for p in (ROOT / "seeds").iterdir() if p.is_file())
    assert installed["seed_files"] == expected
    assert "000_d15860c4ebf66126.txt" in installed["seed_files"]


def test_themes_dir_exists_with_the_bundled_themes(installed: dict) -> None:
    assert installed["themes_is_dir"]
    assert Path(installed["themes"]).is_relative_to(installed["target"])
    assert installed["theme_files"] == sorted(p.name for p in (ROOT / "themes").glob("*.yaml"))


def test_the_installed_command_loads_every_seed(installed: dict) -> None:
    assert installed["extract_status"] == 0, installed["extract_stderr"]
    assert installed["extract_stderr"] == ""
    assert len(installed["articles"]) == len(installed["seed_files"])
