"""Shared fixtures: the real knowledge once per session, and small in-memory knowledge bases."""

from __future__ import annotations

import fcntl
import os
import textwrap
from pathlib import Path

import pytest

from bot.core import BriefBot
from bot.knowledge.loader import load_knowledge
from bot.knowledge.paths import knowledge_dir

ROOT = Path(__file__).resolve().parent.parent
# The stable keys of `ask --json` and Reply.to_json(), in order: scripts depend on them.
JSON_KEYS = [
    "question",
    "answered",
    "answer",
    "quote",
    "source",
    "context",
    "score",
    "suggestions",
    "language",
    "quote_translation",
]


@pytest.fixture(scope="session", autouse=True)
def shipped_bot(tmp_path_factory) -> BriefBot:
    """The bot for the shipped knowledge, fitted once per run, with a bot cache shared by the whole run.

    Fitting the shipped knowledge takes seconds of CPU. Without this, each xdist worker and each `python -m bot`
    process the tests start fitted it again on a fresh machine (and the tests wrote into the user's ~/.cache). The
    first worker to take the lock fits and caches the bot; the other workers, and every subprocess (they inherit
    BRIEFBOT_CACHE_DIR), load that cache entry. Tests of the cache itself set their own BRIEFBOT_CACHE_DIR.
    """
    from bot.cache import load_bot

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above the per-worker ones
    folder = base / "briefbot-cache"
    folder.mkdir(mode=0o700, exist_ok=True)
    os.environ["BRIEFBOT_CACHE_DIR"] = str(folder)
    with (base / "briefbot-cache.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one worker fits; the others wait, then load its cache entry
        return load_bot(knowledge_dir(), lambda: BriefBot(load_knowledge(knowledge_dir())))


@pytest.fixture(scope="session")
def bot(shipped_bot) -> BriefBot:
    return shipped_bot


@pytest.fixture(scope="session")
def knowledge(bot):
    return bot.knowledge


TINY_BRIEF = textwrap.dedent(
    """\
    id: tiny
    title: Tiny Brief
    author: A. Writer
    date: 2024-01-02
    summary: A tiny brief about apples and pears.
    paragraphs:
      - n: 1
        text: Apples grow on trees. Pears ripen in autumn.
    contexts:
      - id: fruit
        title: Fruit
        summary: Apples and pears.
        paragraphs: [1]
    entries:
      - id: apples
        questions: ["Where do apples grow?", apple trees, what grows on trees, apples location]
        answer: On trees.
        quote: Apples grow on trees.
        paragraph: 1
        context: fruit
        related: [pears]
      - id: pears
        questions: ["When do pears ripen?", pear season, ripening pears, when are pears ready]
        answer: In autumn.
        quote: Pears ripen in autumn.
        paragraph: 1
        context: fruit
    """
)


@pytest.fixture
def write_kb(tmp_path):
    """Write files into a fresh knowledge folder: write_kb({"tiny/brief.yaml": text}) -> root path."""

    def write(files: dict[str, str]) -> Path:
        root = tmp_path / "knowledge"
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    return write


@pytest.fixture
def tiny_bot(write_kb):
    return BriefBot(load_knowledge(write_kb({"tiny.yaml": TINY_BRIEF})))
