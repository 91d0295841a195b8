"""The dev evaluation set, asserted with accuracy floors (and each question as its own case)."""

from __future__ import annotations

import pytest

from tests.evaluate import evaluate, load_dev_set

DEV = load_dev_set()


@pytest.mark.parametrize("question, expected", DEV["in_scope"])
def test_in_scope_finds_its_entry_first(bot, question, expected):
    """Each in-scope question is answered by its entry, or offers it as the first "did you mean"."""
    reply = bot.ask(question)
    first = reply.entry or (reply.suggestions[0].entry if reply.suggestions else None)
    assert first == expected, (reply.kind, reply.entry, reply.score)


@pytest.mark.parametrize("question", DEV["off_topic"])
def test_off_topic_declined(bot, question):
    assert not bot.ask(question).answered


@pytest.mark.parametrize("question", DEV["near_miss"])
def test_near_miss_not_passed_off_as_answer(bot, question):
    reply = bot.ask(question)
    assert not reply.answered and reply.quote is None


def test_dev_set_size_and_thresholds(bot):
    assert len(DEV["in_scope"]) >= 80 and len(DEV["off_topic"]) >= 30 and len(DEV["near_miss"]) >= 10
    ev = evaluate(bot, DEV)
    assert ev.accuracy >= 0.97, ev.misses  # answered outright; the rest must at least suggest their entry first
    assert ev.decline_rate == 1.0, ev.misses
    assert ev.honesty >= 0.9, ev.misses
