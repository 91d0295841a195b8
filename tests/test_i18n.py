"""The bot's own texts: every key in every language, with the same placeholders, in the right script."""

from __future__ import annotations

import re

import pytest

from bot.i18n import LANGUAGES, TEXTS, human_date, missing_texts, placeholders, say

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
AZERBAIJANI_LETTERS = re.compile(r"[əƏğĞıİşŞçÇöÖüÜ]")
KEYS = sorted(TEXTS)


@pytest.mark.parametrize("key", KEYS)
def test_every_key_has_every_language_with_the_same_placeholders(key):
    texts = TEXTS[key]
    assert set(texts) == set(LANGUAGES), f"{key}: languages {sorted(texts)}"
    assert all(t.strip() for t in texts.values())
    expected = placeholders(texts["en"])
    for lang in LANGUAGES:
        assert placeholders(texts[lang]) == expected, f"{key} in {lang}"


def _has_words(text: str) -> bool:
    """Letters outside {placeholders} and /commands: a text with words to translate."""
    return bool(re.search(r"[A-Za-z]{2}", re.sub(r"\{[^}]*\}|/\w+", "", text)))


WORDED = [k for k in KEYS if _has_words(TEXTS[k]["en"])]


def test_only_a_template_has_no_words():
    assert set(KEYS) - set(WORDED) == {"briefs.item"}


@pytest.mark.parametrize("key", WORDED)
def test_russian_is_cyrillic_and_azerbaijani_is_latin(key):
    ru, az = TEXTS[key]["ru"], TEXTS[key]["az"]
    assert CYRILLIC.search(ru), f"{key} ru has no Russian: {ru}"
    assert not CYRILLIC.search(az), f"{key} az has Cyrillic: {az}"
    assert az != TEXTS[key]["en"], f"{key} az is the English text"


def test_azerbaijani_uses_its_own_letters():
    assert sum(bool(AZERBAIJANI_LETTERS.search(t["az"])) for t in TEXTS.values()) > len(TEXTS) * 0.6


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_formats(language):
    values = {"covers": "C", "length": 1200, "limit": 1000, "topics": "T", "title": "X", "author": "A",
              "date": "D", "example": "E", "brief": "B", "n": 3, "id": "b", "paragraphs": 9, "entries": 40,
              "wanted": "w", "about": "ab", "count": 2, "name": "frob", "current": "c", "question": "q"}
    for key in TEXTS:
        assert say(key, language, **values)


def test_say_falls_back_to_english(monkeypatch):
    monkeypatch.setitem(TEXTS, "probe", {"en": "Hello {name}"})
    assert say("probe", "az", name="x") == "Hello x"
    assert "probe" in missing_texts("az") and "probe" not in missing_texts("en")


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "27 July 2025"), ("ru", "27 июля 2025 г."), ("az", "27 iyul 2025"), ("xx", "27 July 2025"),
])
def test_human_date(language, expected):
    assert human_date("2025-07-27", language) == expected
    assert human_date("sometime", language) == "sometime"


def test_no_key_lacks_a_language_today():
    assert missing_texts("ru") == [] and missing_texts("az") == []
