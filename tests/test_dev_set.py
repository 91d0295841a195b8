"""The dev evaluation set, asserted with accuracy floors (and each question as its own case)."""

from __future__ import annotations

import pytest

from tests.evaluate import evaluate, load_dev_set

DEV = load_dev_set()


@pytest.mark.parametrize("question, expected", DEV["in_scope"])
def test_in_scope(bot, question, expected):
    reply = bot.ask(question)
    assert reply.answered and reply.entry == expected, (reply.kind, reply.entry, reply.score)


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
    assert ev.accuracy >= 0.95, ev.misses
    assert ev.decline_rate >= 0.97, ev.misses
    assert ev.honesty >= 0.9, ev.misses
