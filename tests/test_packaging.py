"""The package as a user installs it: a wheel in a fresh venv outside the checkout, run from another folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

BRIEF_FILES = {
    "bot/knowledge/briefs/azerbaijan-moscow/brief.yaml",
    "bot/knowledge/briefs/azerbaijan-moscow/entries.yaml",
}


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BRIEFBOT_KNOWLEDGE", "PYTHONPATH", "VIRTUAL_ENV")}
    return {**env, **extra}


def _run(args: list, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=120,
                            env=_clean_env(), **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """Build the wheel from a copy of the sources (no network, no build isolation) and install it into a new venv."""
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    shutil.copytree(ROOT / "bot", src / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, src / name)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
          "-w", work / "dist", "."], cwd=src)
    (wheel,) = (work / "dist").glob("briefbot-*.whl")
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=work)
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel], cwd=work)
    # The runtime dependencies come from the test environment (no network): a path line, not an install.
    site = Path(
        _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=work).stdout.strip()
    )
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "zz_test_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    return venv


@pytest.mark.slow
def test_wheel_and_sdist_contain_the_shipped_briefs(installed):
    (wheel,) = (installed.parent / "dist").glob("briefbot-*.whl")
    assert BRIEF_FILES <= set(zipfile.ZipFile(wheel).namelist())
    src = installed.parent / "src"
    _run([sys.executable, "-c", "from setuptools import build_meta; build_meta.build_sdist('sdist')"], cwd=src)
    (sdist,) = (src / "sdist").glob("briefbot-*.tar.gz")
    names = {n.split("/", 1)[1] for n in tarfile.open(sdist).getnames() if "/" in n}
    assert BRIEF_FILES <= names


@pytest.mark.slow
def test_installed_wheel_answers_from_another_folder(installed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run([installed / "bin" / "python", "-c", "import bot; print(bot.__file__)"], cwd=elsewhere).stdout
    assert where.startswith(str(installed)), where  # the installed copy, not the checkout
    result = _run([installed / "bin" / "briefbot", "ask", "--json", "who wrote it"], cwd=elsewhere)
    reply = json.loads(result.stdout)
    assert reply["answered"] and reply["quote"] == "Taras Kuzio"
    assert reply["source"]["paragraph"] == 0 and reply["source"]["date"] == "2025-07-27"
    shipped = Path(where).parent / "knowledge" / "briefs" / "azerbaijan-moscow" / "brief.yaml"
    assert reply["quote"] in shipped.read_text(encoding="utf-8")
    version = _run([installed / "bin" / "briefbot", "--version"], cwd=elsewhere).stdout
    assert version.strip() == "briefbot 0.1.0"


@pytest.mark.slow
def test_installed_kb_new_writes_into_the_current_folder_not_site_packages(installed, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(
        "Sunday, July 27, 2025\nA Small Title\nBy Jane Writer\nApples grow on trees. Pears ripen late.\n",
        encoding="utf-8",
    )
    site = Path(
        _run([installed / "bin" / "python", "-c", "import bot; print(bot.__file__)"], cwd=tmp_path).stdout
    ).parent
    before = sorted(p.name for p in (site / "knowledge" / "briefs").iterdir())
    _run([installed / "bin" / "briefbot", "kb", "new", article, "--id", "fruit"], cwd=tmp_path)
    assert (tmp_path / "knowledge" / "fruit" / "brief.yaml").is_file()
    assert sorted(p.name for p in (site / "knowledge" / "briefs").iterdir()) == before


def test_lock_file_pins_every_runtime_dependency_and_nothing_else():
    sys.path.insert(0, str(ROOT / "deploy"))
    try:
        from lock import closure
    finally:
        sys.path.remove(str(ROOT / "deploy"))
    lines = [ln for ln in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines() if ln and ln[0] != "#"]
    assert all("==" in ln for ln in lines)
    names = {ln.split("==")[0].lower() for ln in lines}
    assert names == {name.lower() for name in closure()}  # versions may move on a fresh install; the set may not


def test_env_example_lists_every_variable_the_code_reads():
    import re

    names = set()
    for path in (ROOT / "bot").rglob("*.py"):
        names |= set(re.findall(r"[\"']((?:TELEGRAM|BOT|BRIEFBOT)_[A-Z_]+)[\"']", path.read_text(encoding="utf-8")))
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z_]+)=", (ROOT / ".env.example").read_text(encoding="utf-8"), re.M))
    assert "TELEGRAM_BOT_TOKEN" in names and not names - listed, sorted(names - listed)


def test_deployment_files_exist_and_agree():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "FROM python:3.11-slim" in dockerfile and "USER briefbot" in dockerfile
    assert "requirements.lock" in dockerfile and 'HEALTHCHECK' in dockerfile and "TELEGRAM_BOT_TOKEN" not in dockerfile
    unit = (ROOT / "deploy" / "briefbot.service").read_text(encoding="utf-8")
    for line in ("EnvironmentFile=", "Restart=on-failure", "ExecReload=/bin/kill -HUP $MAINPID"):
        assert line in unit
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
