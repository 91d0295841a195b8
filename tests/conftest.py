"""Shared fixtures: the real knowledge once per session, and small in-memory knowledge bases."""

from __future__ import annotations

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


@pytest.fixture(scope="session")
def knowledge():
    return load_knowledge(knowledge_dir())


@pytest.fixture(scope="session")
def bot(knowledge):
    return BriefBot(knowledge)


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
