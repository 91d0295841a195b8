"""The cache of built bots (bot/cache.py), with real files."""

from __future__ import annotations

from bot.cache import load_bot
from bot.core import BriefBot
from bot.knowledge.loader import load_knowledge
from tests.conftest import TINY_BRIEF


def test_the_first_load_fills_the_cache_and_the_second_is_served_from_it(write_kb, tmp_path, monkeypatch):
    root = write_kb({"tiny.yaml": TINY_BRIEF})
    monkeypatch.setenv("BRIEFBOT_CACHE_DIR", str(tmp_path / "cache"))
    builds = []

    def build():
        builds.append(1)
        return BriefBot(load_knowledge(root))

    first = load_bot(root, build)
    assert len(builds) == 1 and len(list((tmp_path / "cache").glob("*.pickle"))) == 1
    second = load_bot(root, build)
    assert len(builds) == 1 and second is not first
    assert second.ask("where do apples grow").entry == first.ask("where do apples grow").entry == "apples"
