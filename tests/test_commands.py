"""Shared commands in every language, and the console renderer and session."""

from __future__ import annotations

import io
import re
from typing import get_args

import pytest

from bot.commands import COMMANDS, Block, BlockStyle, bot_description, menu, run_command, select_brief
from bot.console.render import format_document_text, format_reply_text
from bot.console.session import respond, run_console
from bot.reply import Reply, Source

CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_renders(bot, name):
    text = format_document_text(run_command(bot, name))
    assert text.strip()


def test_summary_is_the_whole_brief(bot, knowledge):
    text = format_document_text(run_command(bot, "summary"))
    assert "Taras Kuzio" in text and "27 July 2025" in text
    assert knowledge.briefs[0].summary.split()[0] in text


def test_contexts_are_honest_about_the_missing_fifth(bot):
    text = format_document_text(run_command(bot, "contexts"))
    assert "First context" in text and "Fourth context" in text and "Fifth context" not in text
    assert "only four" in text


def test_source_is_a_full_citation(bot):
    text = format_document_text(run_command(bot, "/source"))
    assert "Taras Kuzio, “Why Azerbaijan Is Turning Away from Moscow”, 27 July 2025." in text


def test_help_lists_every_command(bot):
    text = format_document_text(run_command(bot, "help"))
    assert all(f"/{name}" in text for name in COMMANDS)


def test_unknown_command(bot):
    assert run_command(bot, "frobnicate") is None
    assert "Unknown command /frobnicate" in respond(bot, "/frobnicate now")


def test_console_reply_shows_quote_source_and_context(bot):
    text = format_reply_text(bot.ask("what is TANAP"))
    assert "> “Ukraine’s infrastructure" in text
    assert "Why Azerbaijan Is Turning Away from Moscow, Taras Kuzio, 27 July 2025," in text and "paragraph 7" in text
    assert "Context:" in text and "Related:" in text


def test_console_shows_both_answers_of_two_questions(bot):
    text = format_reply_text(bot.ask("who wrote it and when?"))
    assert "> “Taras Kuzio”" in text and "The brief is dated 27 July 2025." in text


def test_console_suggestions_are_numbered(bot):
    assert "  1. " in format_reply_text(bot.ask("russia"))


# --- languages: every command in Russian and Azerbaijani, and the console's pure formatters ---



@pytest.mark.parametrize("language", ["ru", "az"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_its_titles_in_the_chats_language(bot, name, language):
    doc = run_command(bot, name, language=language)
    titles = [b.text for b in doc if b.style == "title"]
    assert titles
    for title in titles:
        assert bool(CYRILLIC.search(title)) == (language == "ru"), title


@pytest.mark.parametrize("name, language, expected", [
    ("summary", "ru", "Краткое содержание: Почему Азербайджан отворачивается от Москвы"),
    ("summary", "az", "İcmal: Azərbaycan niyə Moskvadan üz döndərir"),
    ("summary", "ru", "Тарас Кузьо утверждает"),
    ("contexts", "ru", "Первый контекст: имперский взгляд России на соседей (¶3)"),
    ("contexts", "az", "beşincisi mətndə yoxdur"),
    ("topics", "az", "Birinci kontekst"),
    ("topics", "ru", "Почему Азербайджан злится на Россию?"),
    ("source", "ru", "Taras Kuzio, “Why Azerbaijan Is Turning Away from Moscow”, 27 июля 2025 г. Название"),
    ("source", "ru", "Название в переводе: «Почему Азербайджан отворачивается от Москвы»."),
    ("source", "az", "Başlığın tərcüməsi: “Azərbaycan niyə Moskvadan üz döndərir”."),
    ("start", "en", "Try: What is the brief about? · /summary"),
    ("start", "ru", "Например: О чём статья? · /summary"),
    ("start", "az", "Məsələn: Məqalə nədən bəhs edir? · /summary"),
    ("briefs", "az", "azerbaijan-moscow — “Azərbaycan niyə Moskvadan üz döndərir”, Taras Kuzio, 27 iyul 2025"),
    ("help", "ru", "/summary — краткое содержание всей статьи"),
])
def test_command_texts_use_the_knowledges_translations(bot, name, language, expected):
    text = " ".join(b.text for b in run_command(bot, name, language=language))
    assert expected in text


def test_english_source_has_no_translated_title(bot):
    text = " ".join(b.text for b in run_command(bot, "source"))
    assert "translation" not in text


def test_start_is_general_for_any_brief(tiny_bot):
    text = " ".join(b.text for b in run_command(tiny_bot, "start"))
    assert "“Tiny Brief” by A. Writer (2 January 2024)" in text and "Try: Where do apples grow?" in text
    assert "Russian" not in text  # an English-only brief does not offer languages it lacks


@pytest.mark.parametrize("language", ["en", "ru", "az"])
def test_menu_per_language_has_the_same_commands(language):
    english = [name for name, _ in menu(admin=True)]
    items = menu(admin=True, language=language)
    assert [name for name, _ in items] == english and english[-1] == "reload"
    assert all(0 < len(desc) <= 256 for _, desc in items)
    assert all(bool(CYRILLIC.search(desc)) == (language == "ru") for _, desc in items)
    assert "reload" not in [name for name, _ in menu(language=language)]


@pytest.mark.parametrize("language", ["en", "ru", "az"])
def test_bot_description_fits_in_every_language(bot, tiny_bot, language):
    for b in (bot, tiny_bot):
        description, short = bot_description(b, language)
        assert len(description) <= 512 and len(short) <= 120 and "/help" in description
    assert "Почему Азербайджан" in bot_description(bot, "ru")[0]


def test_select_brief_speaks_the_chats_language(bot):
    assert select_brief(bot, "all", language="ru")[0][0].text == "Теперь отвечаю по всем статьям."
    doc, kept = select_brief(bot, "nope", "azerbaijan-moscow", language="az")
    assert kept == "azerbaijan-moscow" and "'nope' identifikatorlu məqalə yoxdur." == doc[0].text
    assert any("(seçilib)" in b.text for b in doc)


def test_block_style_is_a_closed_set():
    assert set(get_args(BlockStyle)) == {"title", "text", "item", "quote", "note"}


def test_wrapped_items_hang_under_their_text_with_one_bullet():
    text = format_document_text((Block("item", "word " * 40),))
    lines = text.splitlines()
    assert len(lines) > 1 and lines[0].startswith("  • ")
    assert all(line.startswith("    ") and "•" not in line for line in lines[1:])


def test_azerbaijani_headings_capitalize_dotted_i():
    assert format_document_text((Block("title", "x"), Block("title", "Məqalələr və giriş"))).endswith(
        "MƏQALƏLƏR VƏ GİRİŞ")
    assert format_document_text((Block("title", "x"), Block("title", "Briefs"))).endswith("BRIEFS")


def _answer(language: str, translation: str | None) -> Reply:
    source = Source("b", "The Title", "A. Writer", "2025-07-27", 3, "Ctx title")
    return Reply(question="q", kind="answer", answer="Ответ.", quote="The verbatim sentence.",
                 quote_translation=translation, source=source, context="Summary.", language=language)


@pytest.mark.parametrize("language, label, where", [
    ("ru", "Перевод", "27 июля 2025 г., абзац 3"), ("az", "Tərcümə", "27 iyul 2025, abzas 3"),
])
def test_console_shows_the_labelled_translation_under_the_verbatim_quote(language, label, where):
    text = format_reply_text(_answer(language, "Дословное предложение."))
    quote, translated = text.index("“The verbatim sentence.”"), text.index(f"{label}: Дословное предложение.")
    assert quote < translated < text.index("— The Title, A. Writer, ")
    assert where in text


def test_console_english_reply_has_no_translation_label():
    text = format_reply_text(_answer("en", None))
    assert "Translation" not in text and "27 July 2025, paragraph 3 (Ctx title)" in text


@pytest.mark.parametrize("line, language, expected", [
    ("Кто написал статью?", None, "Тарас Кузьо"),
    ("Кто написал статью?", None, "Перевод:"),
    ("what is TANAP", "az", "Tərcümə:"),
    ("/summary", "ru", "Краткое содержание:"),
    ("/contexts", "az", "Birinci kontekst"),
    ("/frobnicate", "az", "Naməlum əmr: /frobnicate."),
])
def test_console_respond_in_the_questions_or_forced_language(bot, line, language, expected):
    assert expected in respond(bot, line, language=language)


def test_console_session_follows_the_readers_language(bot):
    out = io.StringIO()
    run_console(bot, io.StringIO("Кто написал статью?\n/summary\n"), out)
    text = out.getvalue()
    assert text.index("Hello! I am BriefBot.") < text.index("Перевод:") < text.index("Краткое содержание:")
    assert text.rstrip().endswith("До свидания!")


def test_console_forced_language(bot):
    out = io.StringIO()
    run_console(bot, io.StringIO("what is TANAP\n"), out, language="az")
    text = out.getvalue()
    assert text.startswith("Salam! Mənim adım BriefBot.") and "Tərcümə:" in text and "Görüşənədək!" in text


def test_console_lang_command_switches_the_reply_language(bot):
    """/lang in the console works as in Telegram: it sets the replies' language, and /lang alone shows it."""
    out = io.StringIO()
    run_console(bot, io.StringIO("/lang ru\nwho wrote it\n/lang\n/lang xx\n/lang en\nкто написал статью\n"), out)
    text = out.getvalue()
    assert "Теперь в этом чате я отвечаю по-русски." in text and "Статью написал Тарас Кузьо." in text
    assert text.count("Язык моих ответов здесь: русский.") == 2  # /lang alone, and a language we do not speak
    assert "The brief was written by Taras Kuzio." in text.split("From now on I answer in English")[1]
