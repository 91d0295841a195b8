"""Faults: the real bot process and real PTB against a fault-injecting Bot API on loopback."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.e2e.harness import TOKEN, BotProcess
from tests.fakeapi import FakeBotAPI

FAST = {"BRIEFBOT_POLL_TIMEOUT": "0.5", "BRIEFBOT_READ_TIMEOUT": "1"}


STARTED: list[BotProcess] = []


@pytest.fixture
async def api():
    fake = FakeBotAPI()
    yield fake
    for bot in STARTED:  # never leave a bot process behind, even when a test fails
        if bot.proc.poll() is None:
            bot.proc.kill()
            bot.proc.wait()
    STARTED.clear()
    await fake.stop()


async def start_bot(api: FakeBotAPI, tmp_path, env: dict | None = None) -> BotProcess:
    url = await api.start()
    bot = BotProcess(url, tmp_path / "bot.log", env={**FAST, **(env or {})})
    STARTED.append(bot)
    await bot.wait_for_log("Application started")
    return bot


async def ask(api: FakeBotAPI, chat: int, text: str, timeout: float = 15.0) -> str:
    before = len(api.replies(chat))
    api.push_text(chat, text)
    await api.wait_for(lambda: len(api.replies(chat)) > before, timeout)
    return api.replies(chat)[-1].text


async def test_429_on_send_message_is_retried_once_after_retry_after(api, tmp_path):
    api.fail("sendMessage", 1, "429", retry_after=2, chat_id=11)
    bot = await start_bot(api, tmp_path)
    sent_at = time.monotonic()
    text = await ask(api, 11, "who wrote the brief")
    await asyncio.sleep(1)
    assert "Taras Kuzio" in text and len(api.replies(11)) == 1
    assert api.replies(11)[0].at - sent_at >= 2.0
    code, _ = await bot.stop()
    assert code == 0 and TOKEN not in bot.log()


async def test_huge_retry_after_gives_up_and_other_chats_are_served(api, tmp_path):
    api.fail("sendMessage", 1000, "429", retry_after=3600, chat_id=21)
    bot = await start_bot(api, tmp_path)
    api.push_text(21, "who wrote the brief")
    start = time.monotonic()
    assert "Taras Kuzio" in await ask(api, 22, "who wrote the brief", timeout=10)
    assert time.monotonic() - start < 5
    await bot.wait_for_log("giving up", timeout=10)
    assert api.replies(21) == []
    assert "27 July 2025" in await ask(api, 22, "when was it published", timeout=10)
    await bot.stop()


@pytest.mark.parametrize("kind", ["500", "timeout", "drop"])
async def test_get_updates_failing_five_times_then_polling_continues(api, tmp_path, kind):
    bot = await start_bot(api, tmp_path)
    api.fail("getUpdates", 5, kind)
    await api.wait_for(lambda: api.faults["getUpdates"][0].times == 0, timeout=45)
    assert "Taras Kuzio" in await ask(api, 31, "who wrote the brief", timeout=45)
    if kind != "timeout":  # PTB retries timeouts at once, without calling the error handler
        await bot.wait_for_log("Fetching updates failed")
    await bot.stop()


async def test_api_unreachable_for_ten_seconds_at_start_up(api, tmp_path):
    from tests.e2e.harness import free_port

    port = free_port()
    bot = BotProcess(f"http://127.0.0.1:{port}/bot", tmp_path / "bot.log", env=FAST)
    STARTED.append(bot)
    await asyncio.sleep(10)
    assert bot.proc.poll() is None, bot.log()
    await api.start(port)
    await bot.wait_for_log("Application started", timeout=40)
    assert "Taras Kuzio" in await ask(api, 41, "who wrote the brief")
    await bot.stop()


async def test_409_conflict_is_logged_and_backs_off(api, tmp_path):
    bot = await start_bot(api, tmp_path)
    api.fail("getUpdates", 4, "409")
    await bot.wait_for_log("409 Conflict")
    first = api.calls["getUpdates"][-1]
    await asyncio.sleep(4)
    during = [t for t in api.calls["getUpdates"] if first <= t <= first + 4]
    assert len(during) <= 5, f"{len(during)} getUpdates calls in 4 s: a tight loop"
    assert "Taras Kuzio" in await ask(api, 51, "who wrote the brief", timeout=60)
    await bot.stop()


async def test_handler_error_apologises_and_next_message_is_answered(api, tmp_path):
    api.fail("sendMessage", 1, "400", chat_id=61)
    bot = await start_bot(api, tmp_path)
    text = await ask(api, 61, "who wrote the brief")
    assert text.startswith("Sorry, something went wrong")
    await bot.wait_for_log("Error while handling an update")
    assert "Taras Kuzio" in await ask(api, 61, "who wrote the brief")
    assert "Traceback" not in text and "/work" not in text
    await bot.stop()


async def test_sigterm_with_replies_in_flight(api, tmp_path):
    bot = await start_bot(api, tmp_path)
    api.send_delay = 1.5
    for chat in range(71, 76):
        api.push_text(chat, "who wrote the brief")
    await api.wait_for(lambda: len(api.calls["sendMessage"]) >= 5, timeout=10)
    code, seconds = await bot.stop()
    assert code == 0 and seconds < 5, (code, seconds, bot.log())
    delivered = [s.chat_id for s in api.sent]
    assert len(delivered) == len(set(delivered)) <= 5


async def test_debug_polling_cycle_never_shows_the_token(api, tmp_path):
    bot = await start_bot(api, tmp_path, env={"BRIEFBOT_LOG_LEVEL": "DEBUG"})
    await ask(api, 81, "who wrote the brief")
    await ask(api, 81, "/summary")
    await bot.stop()
    log = bot.log()
    assert "DEBUG" in log and "getUpdates" in log
    assert TOKEN not in log and TOKEN.split(":")[1] not in log


async def test_a_poison_update_does_not_wedge_polling(api, tmp_path):
    bot = await start_bot(api, tmp_path)
    user = {"id": 91, "is_bot": False, "first_name": "U"}
    poison = api.push(message={"text": "no message_id, date or chat"})
    api.push(callback_query={"id": "7", "from": user, "chat_instance": "ci", "data": "t", "message": {"chat": {"id": 91, "type": "private"}}})
    await api.wait_for(lambda: len(api.replies(91)) == 1)
    assert "You can ask" in api.replies(91)[0].text  # the button press survived without its message
    assert "Taras Kuzio" in await ask(api, 92, "who wrote the brief")
    await bot.wait_for_log(f"Update {poison} cannot be parsed")
    await bot.stop()


async def test_reload_by_sighup_and_by_admin_only(api, tmp_path):
    import shutil
    import signal

    from tests.conftest import ROOT

    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "bot" / "knowledge" / "briefs", knowledge)
    bot = await start_bot(api, tmp_path, env={"BRIEFBOT_KNOWLEDGE": str(knowledge), "BOT_ADMIN_IDS": "4242"})
    entries = knowledge / "azerbaijan-moscow" / "entries.yaml"
    good = entries.read_text()
    entries.write_text(good.replace("related: [date, title]", "related: [nowhere]"))
    bot.proc.send_signal(signal.SIGHUP)
    await bot.wait_for_log("Reload refused")
    assert "Taras Kuzio" in await ask(api, 101, "who wrote the brief")  # the old knowledge still serves
    assert "only the bot's administrators" in await ask(api, 101, "/reload")  # user 101 is not an admin
    entries.write_text(good.replace("The brief was written by Taras Kuzio.", "Taras Kuzio wrote the brief."))
    api.push_text(4242, "/reload", user_id=4242)
    await api.wait_for(lambda: api.replies(4242))
    assert api.replies(4242)[0].text.startswith("Reloaded")
    assert "Taras Kuzio wrote the brief." in await ask(api, 101, "who wrote the brief")
    await bot.stop()


async def test_inline_query_returns_sourced_answers(api, tmp_path):
    bot = await start_bot(api, tmp_path)
    user = {"id": 111, "is_bot": False, "first_name": "U"}
    api.push(inline_query={"id": "iq1", "from": user, "query": "pipelines to europe", "offset": ""})
    api.push(inline_query={"id": "iq2", "from": user, "query": "<b>¿", "offset": ""})
    await api.wait_for(lambda: len(api.calls["answerInlineQuery"]) == 2)
    found, empty = api.inline_answers
    import json

    results = json.loads(found["results"])
    assert 1 <= len(results) <= 5 and "<blockquote>" in results[0]["input_message_content"]["message_text"]
    assert json.loads(empty["results"]) == [] and "button" in empty
    await bot.stop()
