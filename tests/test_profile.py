"""The bot's profile at start-up: command menus (with /brief; /reload for admins only) and its descriptions."""

from __future__ import annotations

import json

import pytest

from bot.commands import bot_description, help_, menu
from tests.e2e.harness import TOKEN, BotProcess
from tests.fakeapi import FakeBotAPI

FAST = {"BRIEFBOT_POLL_TIMEOUT": "0.5", "BRIEFBOT_READ_TIMEOUT": "1"}


def _commands(params: dict) -> list[str]:
    commands = params["commands"]
    return [c["command"] for c in (json.loads(commands) if isinstance(commands, str) else commands)]


def _scope(params: dict) -> dict | None:
    scope = params.get("scope")
    return json.loads(scope) if isinstance(scope, str) else scope


@pytest.fixture
async def api():
    fake = FakeBotAPI()
    yield fake
    await fake.stop()


async def test_menus_and_descriptions_are_published_and_a_failure_is_not_fatal(api, tmp_path):
    api.fail("setMyDescription", 1, "400")  # a 5xx would be retried (and succeed)
    bot = BotProcess(await api.start(), tmp_path / "bot.log", env={**FAST, "BOT_ADMIN_IDS": "42,7"})
    try:
        await bot.wait_for_log("is serving as")
        menus = {(json.dumps(_scope(p), sort_keys=True), p.get("language_code")): _commands(p)
                 for p in api.params["setMyCommands"]}
        assert len(menus) == 3 * 3  # the default (English), Russian and Azerbaijani menus, and each admin's
        for code in (None, "ru", "az"):
            assert menus["null", code] == [name for name, _ in menu()] and "brief" in menus["null", code]
            assert "reload" not in menus["null", code]
            for admin in (7, 42):
                assert menus[json.dumps({"chat_id": admin, "type": "chat"}, sort_keys=True), code][-1] == "reload"
        shorts = api.params["setMyShortDescription"]
        assert len(shorts) == 3 and all(0 < len(short["short_description"]) <= 120 for short in shorts)
        assert "Could not publish the description" in bot.log()  # logged, and the bot still answers:
        api.push_text(5, "who wrote it")
        await api.wait_for(lambda: api.replies(5))
        assert "Taras Kuzio" in api.replies(5)[0].text
    finally:
        code, _ = await bot.stop()
    assert code == 0 and TOKEN not in bot.log()


def test_description_names_the_brief_within_telegram_limits(bot):
    description, short = bot_description(bot)
    assert "Why Azerbaijan Is Turning Away from Moscow" in description and "Taras Kuzio" in description
    assert len(description) <= 512 and len(short) <= 120


def test_help_explains_groups_inline_buttons_and_feedback(bot):
    text = " ".join(b.text for b in help_(bot))
    for needle in ("/brief ID", "mention me", "reply to one of my messages", "Inline", "Buttons", "👍"):
        assert needle in text
