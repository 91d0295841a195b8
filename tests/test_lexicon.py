"""The shared lexicon: everyday word families every brief gets, and a brief's own aliases first."""

from __future__ import annotations

import pytest

from bot.knowledge.loader import load_knowledge
from bot.matching.analyzer import Analyzer
from bot.matching.lexicon import LEXICON
from bot.matching.text import fold
from tests.conftest import TINY_BRIEF


def test_every_family_is_a_tuple_of_distinct_words():
    for canonical, variants in LEXICON.items():
        assert isinstance(variants, tuple) and variants, canonical
        folded = [fold(v) for v in variants]
        assert len(set(folded)) == len(folded), (canonical, [v for v in folded if folded.count(v) > 1])


@pytest.mark.parametrize("words, canonical", [
    ("moscow is broke", "revenue"),
    ("short of cash", "revenue"),
    ("how is azerbaijan hurting russia's wallet", "revenue"),
    ("whats europe got to do with it", "role"),
    ("Какой инцидент обострил кризис?", "incident"),
    ("у москвы нет денег", "revenue"),
    ("what set it off", "trigger"),
    ("what was the straw that broke the camel's back", "trigger"),  # idioms are word families too
    ("moscow's energy money went up in smoke", "lost"),
    ("baku has beef with moscow", "angry"),
    ("Qaz anbarları", "storage"),
])
def test_a_brief_without_aliases_still_reads_everyday_words(write_kb, words, canonical):
    analyzer = Analyzer(load_knowledge(write_kb({"tiny.yaml": TINY_BRIEF})))
    assert canonical in analyzer._alias(fold(words).split())


def test_a_briefs_own_alias_wins_over_the_lexicon(write_kb):
    brief = TINY_BRIEF.replace("paragraphs:\n", "aliases:\n  orchard: [broke]\nparagraphs:\n", 1)
    analyzer = Analyzer(load_knowledge(write_kb({"tiny.yaml": brief})))
    assert analyzer._alias(["broke"]) == ["orchard"]


def test_the_shipped_brief_keeps_only_its_own_terms(knowledge):
    """General families live in the lexicon, not in one brief's aliases (names and the brief's terms stay there)."""
    own = {canonical for canonical, _ in knowledge.brief("azerbaijan-moscow").aliases}
    assert not own & {"angry", "revenue", "lost", "crisis", "storage", "supply", "trigger"}
    assert {"azal", "karabakh", "tanap", "putin"} <= own


@pytest.mark.parametrize("question, language, entry", [
    ("böhranı nə qabartdı?", "az", "triggers"),  # "qabartdı" is of the trigger family
    ("Почему Москва осталась без главного источника бюджетных поступлений?", "ru", "lost-revenue"),
    ("когда развалился СССР?", "ru", "crisis-depth"),  # the USSR's dissolution, 1991
    ("what year did the ussr collapse", "en", "crisis-depth"),
    ("Azərbaycan-Rusiya böhranı neçə bir-biri ilə əlaqəli kontekstdə başa düşülməlidir?", "az", "contexts"),
])
def test_a_family_word_in_russian_or_azerbaijani_meets_the_english_phrasings(bot, question, language, entry):
    """The lexicon's word for a family is English: it is stemmed as English whatever the question's language, so a
    Russian or Azerbaijani member meets the entry's English phrasings of the same family."""
    canonical = bot.analyzer.model_terms("qabartdı", "az")
    assert canonical == bot.analyzer.model_terms("trigger", "en")
    reply = bot.ask(question)
    assert (reply.answered, reply.entry, reply.language) == (True, entry, language)


@pytest.mark.parametrize("question, entry", [
    ("what r the contexts", "contexts"),  # chat spellings of function words weigh as those words
    ("How does the author characterise the way Moscow handles the countries next door?", "first-context"),
    ("y is baku mad at moscow", "roots"),
])
def test_chat_spellings_read_as_the_words_they_stand_for(bot, question, entry):
    reply = bot.ask(question)
    assert reply.answered and reply.entry == entry
