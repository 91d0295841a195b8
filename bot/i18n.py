"""Every text the bot says itself (not the knowledge), in English, Russian and Azerbaijani.

Texts are written by hand; nothing is machine-translated at run time. `say(key, language, **values)` falls back to
English for a key a language lacks, so a missing translation never breaks a reply.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "empty": {
        "en": "Please ask a question about the brief. {covers}",
    },
    "too_long": {
        "en": "That message is {length:,} characters long; please ask a shorter question (up to {limit:,} characters).",
    },
    "covers": {
        "en": "It covers: {topics}. Send /topics for questions you can ask.",
    },
    "decline": {
        "en": "The brief does not cover that. {covers}",
    },
    "not_understood": {
        "en": "I could not match that to the brief. Try rephrasing it, or pick one of these questions:",
    },
    "suggest": {
        "en": "I am not sure the brief answers that. Did you mean one of these?",
    },
    "not_said.quantity": {
        "en": "The brief does not give that figure. The closest thing it does say is about:",
    },
    "not_said.date": {
        "en": "The brief does not give that date. The closest thing it does say is about:",
    },
    "not_said.time": {
        "en": "The brief does not say when that happened. The closest thing it does say is about:",
    },
    "small_talk": {
        "en": "Hello! I am BriefBot, and I answer questions about a policy brief. {covers}",
    },
    "other_language": {
        "en": "Sorry, I understand questions in English, Russian and Azerbaijani only. "
              "Я понимаю вопросы на английском, русском и азербайджанском. "
              "Mən ingilis, rus və Azərbaycan dillərində sualları başa düşürəm.",
    },
    "clarify": {
        "en": "What does that refer to? Please ask the whole question first, for example: {example}",
    },
    "translation_label": {
        "en": "Translation",
    },
}


def say(key: str, language: str = "en", **values) -> str:
    """The text for `key` in `language` (English when that language lacks it), with values filled in."""
    texts = TEXTS[key]
    return (texts.get(language) or texts["en"]).format(**values)
