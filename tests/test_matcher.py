"""Matching: question -> expected entry, declines and near misses, on the real knowledge."""

from __future__ import annotations

import pytest

from bot.matching.lexical import Matcher


@pytest.fixture(scope="module")
def matcher(knowledge):
    return Matcher(knowledge)


@pytest.mark.parametrize(
    "question, entry",
    [
        ("Who is the author?", "author"),
        ("who's it by", "author"),
        ("When was it published", "date"),
        ("what is the title", "title"),
        ("why is baku mad at the kremlin", "roots"),
        ("Why is Azerbaijan turning away from Moscow?", "roots"),
        ("AZAL crash", "flight-8243"),
        ("azerbajian airlnes plane shot down", "flight-8243"),
        ("Azerbaijan Airlines flight", "flight-8243"),
        ("what is TANAP", "pipelines"),
        ("trans-anatolian pipeline", "pipelines"),
        ("South Caucasus Pipeline", "pipelines"),
        ("Alma Ata declaration", "alma-ata"),
        ("Almaty declaration", "alma-ata"),
        ("alma-ata", "alma-ata"),
        ("Nagorno-Karabakh", "karabakh"),
        ("qarabag war", "karabakh"),
        ("what did kiev and baku sign", "ukraine-deals"),
        ("Kyiv Baku agreements", "ukraine-deals"),
        ("putin soldier", "putin-rule"),
        ("Hüseynov", "huseynov"),
        ("what is the fifth context", "fifth-context"),
        ("what are the five contexts", "contexts"),
        ("NATO membership", "sphere-of-influence"),
        ("gas storage in western ukraine", "gas-storage"),
        ("Norway", "energy-suppliers"),
        ("Russia's budget revenue", "lost-revenue"),
        ("mass arrests", "arrests"),
        ("Can you tell me what triggered the crisis?", "triggers"),
    ],
)
def test_question_matches_expected_entry(matcher, question, entry):
    result = matcher.match(question)
    assert result.outcome == "answer", (result.outcome, result.score)
    assert result.best.entry.id == entry


@pytest.mark.parametrize(
    "question",
    ["What is the capital of Azerbaijan?", "tell me a joke", "weather in baku tomorrow", "", "   ", "?!?!",
     "who won the super bowl", "how old is putin", "hello", "what's your name"],
)
def test_off_topic_is_never_answered(matcher, question):
    assert matcher.match(question).outcome != "answer"


@pytest.mark.parametrize("question, kind", [("How many people died on flight 8243?", "quantity"),
                                            ("When did Russia invade Ukraine?", "time")])
def test_near_miss_names_the_missing_fact_and_suggests_the_closest(matcher, question, kind):
    result = matcher.match(question)
    assert result.outcome == "suggest" and result.unmet == kind
    assert result.candidates


def test_facts_the_brief_states_are_answered(matcher):
    assert matcher.match("When did Armenia lose Karabakh?").outcome == "answer"
    assert matcher.match("How many contexts are there?").outcome == "answer"


def test_vague_questions_get_suggestions_not_answers(matcher):
    result = matcher.match("russia")
    assert result.outcome == "suggest" and len(result.candidates) >= 2


def test_matching_is_deterministic(matcher):
    first = [(c.entry.id, c.score) for c in matcher.rank(matcher.analyzer.query("russia energy europe"))]
    assert first == [(c.entry.id, c.score) for c in matcher.rank(matcher.analyzer.query("russia energy europe"))]


def test_every_phrasing_finds_its_own_entry(knowledge, matcher):
    for brief in knowledge.briefs:
        for entry in brief.entries:
            for q in entry.questions:
                best = matcher.rank(matcher.analyzer.query(q))[0]
                assert best.entry.id == entry.id, (q, best.entry.id)


def test_typo_repair_only_snaps_to_close_words(matcher):
    a = matcher.analyzer
    assert a.correct("azerbajian") == "azerbaijan"
    assert a.correct("pipline") in ("pipeline", "pipelines")
    assert a.correct("sourdough") == "sourdough"
    assert a.correct("made") == "made"


def test_tiny_knowledge(tiny_bot):
    assert tiny_bot.ask("where do apples grow").entry == "apples"
    assert tiny_bot.ask("pears ripening season").entry == "pears"
    assert not tiny_bot.ask("who is the king of france").answered
