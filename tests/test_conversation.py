"""Conversations in the core: follow-ups resolved against the last answer, and nothing more."""

from __future__ import annotations

import pytest

from bot.conversation import FOLLOW_UP_TTL, Conversation, respond


def talk(bot, *lines: str, now: float = 0.0):
    state, replies = Conversation(), []
    for line in lines:
        reply, state = respond(bot, state, line, now)
        replies.append(reply)
    return replies, state


@pytest.mark.parametrize("lines, kind, entry", [
    (("who shot the plane?", "when was that?"), "answer", "flight-8243"),
    (("who shot the plane?", "how many died?"), "not_said", None),
    (("what did putin say", "source?"), "answer", "putin-rule"),
    (("what is the first context", "and the fourth?"), "answer", "lost-revenue"),
    (("why?",), "clarify", None),
    (("tell me more",), "clarify", None),
    (("and the fourth?",), "clarify", None),
    # a follow-up off topic on its own words stays off topic, whatever was asked before
    (("how did armenia lose karabakh", "who won the champions league"), "decline", None),
])
def test_follow_ups(bot, lines, kind, entry):
    replies, _ = talk(bot, *lines)
    assert (replies[-1].kind, replies[-1].entry) == (kind, entry)


def test_a_number_picks_the_suggestion_it_names(bot):
    replies, _ = talk(bot, "russia")
    assert replies[0].kind == "suggest" and len(replies[0].suggestions) >= 2
    picked, _ = talk(bot, "russia", "2")
    assert picked[-1].answered and picked[-1].entry == replies[0].suggestions[1].entry


def test_follow_up_context_expires_after_idle_time(bot):
    _, state = talk(bot, "who shot the plane?")
    reply, _ = respond(bot, state, "when was that?", now=FOLLOW_UP_TTL + 1)
    assert reply.entry != "flight-8243"
