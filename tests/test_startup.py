"""Start-up: `ask` imports only what it uses, and starts within a few times a bare interpreter."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

NOT_FOR_ASK = ("telegram", "httpx", "httpcore", "aiohttp", "tornado", "dateutil", "bot.telegram", "bot.kb",
               "importlib.metadata", "importlib.resources", "bot.console.session", "readline",
               "random",  # only fitting draws random numbers
               "snowballstemmer")  # the package imports all its languages; the two used are imported alone


def imported_modules(*args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "bot", *args], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.slow
def test_ask_imports_nothing_it_does_not_use():
    imported_modules("ask", "who wrote it")  # the first run may build and cache the fitted bot
    modules = imported_modules("ask", "who wrote it")
    assert "bot.core" in modules and "bot.cache" in modules  # the measurement sees the imports that do happen
    assert "sklearn" not in modules and "numpy" not in modules  # a warm start unpickles; it fits nothing
    unwanted = sorted(m for m in modules if m.startswith(NOT_FOR_ASK))
    assert not unwanted, unwanted


def test_the_loader_uses_libyaml_when_it_is_installed():
    import yaml

    from bot.knowledge import yamlfile

    assert yaml.__with_libyaml__ and yamlfile.FAST_LOADER is yaml.CSafeLoader


def test_cache_key_never_reads_a_huge_knowledge_file(tmp_path, monkeypatch):
    from pathlib import Path

    from bot.cache import MAX_FILE_BYTES, knowledge_key
    from bot.knowledge.loader import MAX_FILE_BYTES as LOADER_LIMIT

    assert MAX_FILE_BYTES == LOADER_LIMIT
    (tmp_path / "brief.yaml").write_text("id: x\n", encoding="utf-8")
    assert knowledge_key(tmp_path)
    with (tmp_path / "entries.yaml").open("wb") as fh:
        fh.truncate(8 * 1024**3)  # sparse: 8 GB that must not be read into memory to compute a hash
    read = []  # which files are read (not how long it takes: the machine is shared)
    read_bytes = Path.read_bytes
    def recorded(path: Path) -> bytes:  # a regression fails on the assertion below, not on reading 8 GB
        read.append(path.name)
        return b"" if path.name == "entries.yaml" else read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", recorded)
    assert knowledge_key(tmp_path) is None
    assert "entries.yaml" not in read


def test_a_code_change_gives_a_new_cache_key(tmp_path):
    """A cached bot holds what the code computed: an edited or upgraded module must not be served stale."""
    from bot.cache import code_fingerprint

    (tmp_path / "analyzer.py").write_text("RULE = 1\n", encoding="utf-8")
    before = code_fingerprint(tmp_path)
    assert code_fingerprint(tmp_path) == before
    (tmp_path / "analyzer.py").write_text("RULE = 22\n", encoding="utf-8")
    assert code_fingerprint(tmp_path) != before


@pytest.mark.slow
def test_ask_from_the_cache_does_not_import_the_yaml_parser(shipped_bot):
    # shipped_bot has put the shipped knowledge's bot into the run's cache ($BRIEFBOT_CACHE_DIR): this run is served
    # from it (tests/test_cache.py covers filling the cache)
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "bot", "ask", "who wrote it"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Taras Kuzio" in result.stdout, result.stderr
    modules = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "bot.core" in modules  # the measurement sees the imports that do happen
    assert "yaml" not in modules and "bot.knowledge.schema" not in modules and "tempfile" not in modules
    # what start-up costs is printed by `make bench` (the 6x bar), never timed here; what would cost it is checked:
    assert not {"telegram", "sklearn", "scipy", "random"} & modules, sorted({"telegram", "sklearn", "scipy"} & modules)
