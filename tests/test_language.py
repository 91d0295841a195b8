"""Which language a question is in: ours (en, ru, az), or one we do not speak (None)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question, language", [
    ("who wrote the article", "en"),
    ("Кто написал статью?", "ru"),
    ("Bakı Moskvadan nə istəyir?", "az"),
    ("baki moskvadan ne isteyir", "az"),  # typed without its letters
    ("Qui a écrit cet article et quand a-t-il été publié ?", None),  # French: not answered as English
    ("Pourquoi l'Azerbaïdjan se détourne-t-il de Moscou ?", None),  # nor as Azerbaijani ("il", "de")
    ("Wer hat den Artikel geschrieben?", None),
    ("¿Quién escribió el artículo?", None),
    ("Які країни постачають енергію до Європи?", None),  # Ukrainian letters
])
def test_the_language_of_a_question(bot, question, language):
    assert bot.language_of(question) == language


def test_a_question_in_a_language_we_do_not_speak_is_told_which_we_do(bot):
    reply = bot.ask("Qui a écrit cet article et quand a-t-il été publié ?")
    assert not reply.answered and reply.kind == "other_language"


@pytest.mark.parametrize("question", ["komek et", "davam et", "etrafli izah et"])
def test_azerbaijani_et_is_not_french(bot, question):
    assert bot.ask(question).kind != "other_language"  # "et" ("do") is Azerbaijani as well as French
