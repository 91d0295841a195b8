"""Shared commands and the console renderer."""

from __future__ import annotations

import pytest

from bot.commands import COMMANDS, run_command
from bot.console.render import format_document_text, format_reply_text
from bot.console.session import respond


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


def test_console_suggestions_are_numbered(bot):
    assert "  1. " in format_reply_text(bot.ask("russia"))
