"""The cache of built bots (bot/cache.py), with real files: filled once, served after, refused when untrusted."""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path

import pytest

from bot.cache import knowledge_key, load_bot
from bot.core import BriefBot
from bot.knowledge.loader import load_knowledge
from tests.conftest import TINY_BRIEF


class Exploit:
    """A pickle that runs code when loaded: it touches a marker file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return Path.touch, (self.marker,)


@pytest.fixture
def setup(write_kb, tmp_path, monkeypatch):
    """(knowledge root, cache folder, build function, list of builds) with BRIEFBOT_CACHE_DIR pointing at the folder."""
    root = write_kb({"tiny.yaml": TINY_BRIEF})
    folder = tmp_path / "cache"
    monkeypatch.setenv("BRIEFBOT_CACHE_DIR", str(folder))
    builds: list[BriefBot] = []

    def build():
        builds.append(BriefBot(load_knowledge(root)))
        return builds[-1]

    return root, folder, build, builds


def planted(root: Path, folder: Path, tmp_path: Path) -> tuple[Path, Path]:
    """An exploit pickle where the cache entry for root would be; returns (entry, marker its loading would touch)."""
    folder.mkdir(mode=0o700, exist_ok=True)
    marker = tmp_path / "pwned"
    entry = folder / f"{knowledge_key(root)}.pickle"
    entry.write_bytes(pickle.dumps(Exploit(marker)))
    entry.chmod(0o600)
    return entry, marker


def test_the_first_load_fills_the_cache_and_the_second_is_served_from_it(setup):
    root, folder, build, builds = setup
    first = load_bot(root, build)
    (entry,) = folder.iterdir()  # one entry, no temporary file left behind
    assert len(builds) == 1 and entry.suffix == ".pickle"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(entry.stat().st_mode) == 0o600
    second = load_bot(root, build)
    assert len(builds) == 1 and second is not first
    assert second.ask("where do apples grow").entry == first.ask("where do apples grow").entry == "apples"


def test_a_trusted_entry_is_loaded_as_it_is(setup, tmp_path):
    """The control for the refusals below: the same planted pickle, trusted, is loaded (its code runs)."""
    root, folder, build, builds = setup
    entry, marker = planted(root, folder, tmp_path)
    load_bot(root, build)
    assert marker.exists() and len(builds) == 1  # not a BriefBot: rebuilt after loading


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777], ids=oct)
def test_a_folder_others_can_write_is_refused(setup, tmp_path, caplog, mode):
    root, folder, build, builds = setup
    entry, marker = planted(root, folder, tmp_path)
    folder.chmod(mode)
    bot = load_bot(root, build)
    assert not marker.exists() and builds == [bot] and bot.ask("where do apples grow").entry == "apples"
    assert [r.getMessage() for r in caplog.records] == [
        f"briefbot: not using the bot cache {folder}: writable by its group or others (mode {mode:o}); "
        "building without it"]
    assert entry.read_bytes() == pickle.dumps(Exploit(marker))  # an untrusted folder is not written either


def test_a_folder_owned_by_someone_else_is_refused(setup, tmp_path, caplog, monkeypatch):
    root, folder, build, builds = setup
    _, marker = planted(root, folder, tmp_path)
    monkeypatch.setattr(os, "geteuid", lambda: folder.stat().st_uid + 1)  # the folder now belongs to another user
    load_bot(root, build)
    assert not marker.exists() and len(builds) == 1
    assert len(caplog.records) == 1 and f"{folder}: owned by uid" in caplog.records[0].getMessage()


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666], ids=oct)
def test_an_entry_others_can_write_is_refused_and_replaced(setup, tmp_path, caplog, mode):
    root, folder, build, builds = setup
    entry, marker = planted(root, folder, tmp_path)
    entry.chmod(mode)
    load_bot(root, build)
    assert not marker.exists() and len(builds) == 1
    assert len(caplog.records) == 1 and f"{entry}: writable by its group or others" in caplog.records[0].getMessage()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600  # rewritten, private
    assert load_bot(root, build).ask("where do apples grow").entry == "apples" and len(builds) == 1


def test_an_entry_owned_by_someone_else_is_refused(setup, tmp_path, caplog, monkeypatch):
    root, folder, build, builds = setup
    entry, marker = planted(root, folder, tmp_path)
    if os.geteuid() == 0:
        os.chown(entry, 65534, -1)  # nobody
    else:  # only root can give a file away: report another owner for the opened entry (the folder stays ours)
        real = os.fstat
        monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((*real(fd)[:4], 65534, *real(fd)[5:])))
    load_bot(root, build)
    assert not marker.exists() and len(builds) == 1
    assert len(caplog.records) == 1 and f"{entry}: owned by uid 65534" in caplog.records[0].getMessage()


def test_a_symlinked_entry_is_not_followed(setup, tmp_path):
    root, folder, build, builds = setup
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    entry, marker = planted(root, elsewhere, tmp_path)
    folder.mkdir(mode=0o700)
    (folder / entry.name).symlink_to(entry)
    load_bot(root, build)
    assert not marker.exists() and len(builds) == 1


def test_an_unpicklable_bot_leaves_no_temporary_file(setup):
    root, folder, _, _ = setup

    def build():
        bot = BriefBot(load_knowledge(root))
        bot.unpicklable = lambda: None  # a lambda cannot be pickled: the write fails half way
        return bot

    assert load_bot(root, build).ask("where do apples grow").entry == "apples"
    assert list(folder.iterdir()) == []
