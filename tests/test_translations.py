"""Validation of a brief's languages against the bot's own texts (bot/i18n.py)."""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.i18n import TEXTS
from bot.knowledge.translations import ui_text_problems


def test_the_shipped_knowledge_has_every_ui_text(knowledge):
    assert ui_text_problems(knowledge) == []


def test_a_missing_text_is_reported_for_a_declared_language_only(knowledge, tiny_bot, monkeypatch):
    monkeypatch.setitem(TEXTS, "decline", {k: v for k, v in TEXTS["decline"].items() if k != "az"})
    assert ui_text_problems(knowledge) == ["azerbaijan-moscow: the bot's own text 'decline' has no az text"]
    assert ui_text_problems(tiny_bot.knowledge) == []  # an English-only brief needs no az


def test_validate_exits_non_zero_on_a_missing_ui_text(monkeypatch, capsys):
    assert main(["validate"]) == 0
    monkeypatch.setitem(TEXTS, "apology", {"en": "Sorry.", "az": "Bağışlayın."})
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    assert "(1 problem(s))" in err and "'apology' has no ru text" in err


@pytest.mark.parametrize("language, author", [("ru", "Тарас Кузьо"), ("az", "Taras Kuzio"), ("en", "Taras Kuzio")])
def test_our_sentences_name_the_author_in_the_languages_script(bot, language, author):
    """The Russian translation spells the author in Cyrillic for the bot's own sentences (the decline's "covers");
    the Azerbaijani, in Latin letters, keeps the original."""
    off_topic = {"ru": "какая погода в Москве?", "az": "Ən yaxşı pizza haradadır?", "en": "what's the weather"}
    reply = bot.ask(off_topic[language])
    assert reply.kind == "decline" and reply.language == language and author in reply.answer
