"""Faults: the real bot process and real PTB against a fault-injecting Bot API on loopback."""

from __future__ import annotations

import asyncio
import subprocess
import time

import pytest

from tests.e2e.harness import TOKEN, BotProcess
from tests.fakeapi import FakeBotAPI

pytestmark = pytest.mark.slow
FAST = {"BRIEFBOT_POLL_TIMEOUT": "0.5", "BRIEFBOT_READ_TIMEOUT": "1", "BRIEFBOT_BACKOFF_MAX": "0.5"}


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
    assert "Taras Kuzio" in text and api.replies(11)[0].at - sent_at >= 2.0
    code, _ = await bot.stop()
    assert len(api.replies(11)) == 1
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
async def test_get_updates_failing_three_times_then_polling_continues(api, tmp_path, kind):
    bot = await start_bot(api, tmp_path)
    api.fail("getUpdates", 3, kind)
    await api.wait_for(lambda: api.faults["getUpdates"][0].times == 0, timeout=20)
    assert "Taras Kuzio" in await ask(api, 31, "who wrote the brief", timeout=20)
    if kind != "timeout":  # PTB retries timeouts at once, without calling the error handler
        await bot.wait_for_log("Fetching updates failed")
    await bot.stop()


async def test_api_unreachable_at_start_up(api, tmp_path):
    from tests.e2e.harness import free_port

    port = free_port()
    bot = BotProcess(f"http://127.0.0.1:{port}/bot", tmp_path / "bot.log", env=FAST)
    STARTED.append(bot)
    await bot.wait_for(lambda log: "Cannot reach the Bot API yet" in log)
    await api.start(port)
    await bot.wait_for_log("Application started", timeout=20)
    assert "Taras Kuzio" in await ask(api, 41, "who wrote the brief")
    await bot.stop()


async def test_409_conflict_is_logged_and_backs_off(api, tmp_path):
    bot = await start_bot(api, tmp_path)
    before = len(api.calls["getUpdates"])
    api.fail("getUpdates", 2, "409")
    await bot.wait_for_log("409 Conflict")
    assert "Taras Kuzio" in await ask(api, 51, "who wrote the brief", timeout=20)
    first, second, third = api.calls["getUpdates"][before:before + 3]
    assert second - first >= 0.9 and third - second >= 1.9, "no growing back-off after 409 Conflict"
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


@pytest.mark.parametrize("kind, options", [("429", {"retry_after": 3600}), ("409", {})])
async def test_sigterm_during_a_long_wait_on_polling_ends_at_once(api, tmp_path, kind, options):
    """Telegram asks polling to wait an hour (429), or another poller holds the token (409, a deploy's overlap): a
    SIGTERM meanwhile ends the bot within the grace period, not after the wait."""
    bot = await start_bot(api, tmp_path)
    before = len(api.calls["getUpdates"])
    api.fail("getUpdates", 1000, kind, **options)
    await api.wait_for(lambda: len(api.calls["getUpdates"]) >= before + 3 if kind == "409" else
                       len(api.calls["getUpdates"]) > before)
    code, seconds = await bot.stop()
    assert code == 0 and seconds < 5, (code, seconds)


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
    api.push(
        callback_query={
            "id": "7",
            "from": user,
            "chat_instance": "ci",
            "data": "t",
            "message": {"chat": {"id": 91, "type": "private"}},
        }
    )
    await api.wait_for(lambda: len(api.replies(91)) == 1)
    assert "You can ask" in api.replies(91)[0].text  # the button press survived without its message
    assert "Taras Kuzio" in await ask(api, 92, "who wrote the brief")
    await bot.wait_for_log(f"Update {poison} cannot be parsed")
    await bot.stop()


async def test_a_button_pressed_while_the_bot_was_down_is_still_answered(api, tmp_path):
    """answerCallbackQuery says 'query is too old' (a 400): the topics are sent anyway, with no apology."""
    bot = await start_bot(api, tmp_path)
    api.fail("answerCallbackQuery", 1, "400")
    user = {"id": 97, "is_bot": False, "first_name": "U"}
    message = {"message_id": 1, "date": 1, "chat": {"id": 97, "type": "private"}, "text": "an earlier answer"}
    api.push(callback_query={"id": "8", "from": user, "chat_instance": "ci", "data": "t", "message": message})
    await api.wait_for(lambda: len(api.replies(97)) == 1)
    assert "You can ask" in api.replies(97)[0].text
    assert "Taras Kuzio" in await ask(api, 97, "who wrote the brief")
    await bot.stop()
    assert "Error while handling an update" not in bot.log()


async def test_a_command_entity_shorter_than_its_word_and_updates_breaking_the_schema(api, tmp_path):
    """'/helpme' whose entity covers '/help' is /help; a message without its chat, or whose text is a number,
    is skipped as the poison it is; a reply chain 300 deep (its repr overflows) breaks no logging."""
    bot = await start_bot(api, tmp_path, env={"BRIEFBOT_LOG_LEVEL": "DEBUG"})
    helpme = api.message(98, "/helpme")
    helpme["entities"] = [{"type": "bot_command", "offset": 0, "length": 5}]
    api.push(message=helpme)
    api.push(message={**api.message(99, "who wrote the brief"), "chat": None})
    api.push(message={**api.message(99, "x"), "text": 12345})
    deep = api.message(100, "who wrote the brief")
    inner = deep
    for _ in range(300):
        inner["reply_to_message"] = {"message_id": 1, "date": 1, "chat": {"id": 100, "type": "private"}, "text": "x"}
        inner = inner["reply_to_message"]
    api.push(message=deep)
    await api.wait_for(lambda: len(api.replies(98)) == 1)
    assert "/summary" in api.replies(98)[0].text  # the help text
    assert "Taras Kuzio" in await ask(api, 99, "who wrote the brief")
    await bot.stop()
    assert "Error while handling an update" not in bot.log()


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


async def test_a_user_typing_an_inline_query_gets_the_last_one_answered(api, tmp_path):
    """One query per keystroke while the first answer is slow: the queued older ones are skipped, never the last."""
    bot = await start_bot(api, tmp_path)
    user = {"id": 112, "is_bot": False, "first_name": "U"}
    api.fail("answerInlineQuery", 1, "delay", delay=1.0)
    typed = "pipelines to europe"
    for n in range(8, len(typed) + 1):
        api.push(inline_query={"id": f"k{n}", "from": user, "query": typed[:n], "offset": ""})
    await api.wait_for(lambda: any(a["inline_query_id"] == f"k{len(typed)}" for a in api.inline_answers))
    assert len(api.inline_answers) < len(typed) - 7  # the superseded ones were skipped, not answered late
    await bot.stop()


# -- issue 11: token leak, dead polling, fairness, shutdown, sends, small items ---------------------

def _run_to_exit(url: str, extra: dict | None = None) -> subprocess.CompletedProcess:
    import os
    import sys

    from tests.e2e.harness import ROOT

    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": url, "BRIEFBOT_STATE_FILE": "", **FAST,
           **(extra or {})}
    return subprocess.run([sys.executable, "-m", "bot", "telegram"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=30)


@pytest.mark.parametrize("kind, says", [("401", "token was rejected"), ("404", "API URL is wrong")])
@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
async def test_rejected_token_at_start_up_is_one_redacted_line_and_exit_2(api, kind, says, level):
    api.fail("getMe", 1, kind)
    url = await api.start()
    result = await asyncio.to_thread(_run_to_exit, url, {"BRIEFBOT_LOG_LEVEL": level})
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert TOKEN not in output and TOKEN.split(":")[1] not in output and "Traceback" not in output
    lines = [line for line in result.stderr.splitlines() if says in line]
    assert len(lines) == 1 and lines[0].startswith("briefbot: "), output


@pytest.mark.parametrize("kind", ["401", "404"])
async def test_rejected_get_updates_ends_the_process_with_a_clear_line(api, tmp_path, kind):
    bot = await start_bot(api, tmp_path)
    api.fail("getUpdates", 1, kind)
    assert await bot.wait_exit(timeout=15) == 2
    log = bot.log()
    assert "briefbot: the token was rejected" in log or "briefbot: the API URL is wrong" in log
    assert TOKEN not in log and TOKEN.split(":")[1] not in log


async def test_an_update_python_cannot_read_is_skipped_alone(api, tmp_path):
    """A 5,000-digit number and arrays nested 100,000 deep break json.loads itself (the whole answer, not one
    update): the batch is fetched again one at a time, and only the update that still breaks is skipped."""
    bot = await start_bot(api, tmp_path)
    api.push_text(95, "who wrote the brief")
    huge = api.push_json('{"update_id": {update_id}, "x": ' + "7" * 5000 + "}")
    deep = api.push_json('{"update_id": {update_id}, "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    await api.wait_for(lambda: len(api.replies(95)) == 1)
    assert "Taras Kuzio" in await ask(api, 96, "who wrote the brief")
    assert not {huge, deep} & set(api.unconfirmed())
    await bot.stop()
    log = bot.log()
    assert f"Update {deep} cannot be read as JSON" in log and "Traceback" not in log


async def test_a_conflict_that_lasts_ends_the_process_with_a_clear_line(api, tmp_path):
    bot = await start_bot(api, tmp_path, env={"BRIEFBOT_CONFLICT_GIVE_UP": "2"})
    api.fail("getUpdates", 1000, "409")
    assert await bot.wait_exit(timeout=30) == 1  # a supervisor restarts it: the other poller may be gone by then
    assert "409 Conflict" in bot.log() and "stop the other instance" in bot.log()


async def test_a_rejection_said_in_the_body_of_an_http_200_ends_the_process(api, tmp_path):
    bot = await start_bot(api, tmp_path)
    api.fail("getUpdates", 1000, "ok-false-401")
    assert await bot.wait_exit(timeout=15) == 2
    assert "the token was rejected" in bot.log() and len(api.calls["getUpdates"]) < 50  # no hot loop


async def test_updates_without_a_valid_update_id_are_skipped(api, tmp_path):
    bot = await start_bot(api, tmp_path)
    raw = [api.push_raw({"message": {"text": "no update_id at all"}}),
           api.push_raw({"update_id": None, "message": {"text": "null update_id"}}), api.push_raw("not even an object")]
    assert "Taras Kuzio" in await ask(api, 93, "who wrote the brief")
    await api.wait_for(lambda: not set(raw) & set(api.unconfirmed()))
    await bot.stop()
    log = bot.log()
    assert log.count("without a valid update_id") == 3 and "CRITICAL" not in log and "Traceback" not in log


@pytest.mark.parametrize("result", [5, None, {"update_id": 1}])
async def test_a_malformed_result_backs_off_without_tracebacks(api, tmp_path, result):
    bot = await start_bot(api, tmp_path)
    api.fail("getUpdates", 3, "result", result=result)
    await api.wait_for(lambda: api.faults["getUpdates"][0].times == 0)
    assert "Taras Kuzio" in await ask(api, 94, "who wrote the brief")
    await bot.stop()
    log = bot.log()
    assert log.count("malformed result") == 3 and "CRITICAL" not in log and "Traceback" not in log


async def test_health_file_is_touched_and_the_check_sees_staleness(api, tmp_path):
    import os
    import sys

    from tests.e2e.harness import ROOT

    health = tmp_path / "alive"
    bot = await start_bot(api, tmp_path, env={"BRIEFBOT_HEALTH_FILE": str(health)})
    await api.wait_for(lambda: health.exists())

    def check(max_age: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "BRIEFBOT_HEALTH_FILE": str(health), "BRIEFBOT_HEALTH_MAX_AGE": max_age}
        return subprocess.run(
            [sys.executable, "-m", "bot", "health"], cwd=ROOT, env=env, capture_output=True, text=True
        )

    assert (await asyncio.to_thread(check, "30")).returncode == 0
    await bot.stop()
    os.utime(health, (time.time() - 100, time.time() - 100))
    stale = await asyncio.to_thread(check, "30")
    assert stale.returncode == 1 and "unhealthy" in stale.stdout


async def test_a_flooding_group_neither_starves_others_nor_holds_up_sigterm(api, tmp_path):
    bot = await start_bot(api, tmp_path, env={"BRIEFBOT_SHUTDOWN_GRACE": "2"})
    group = -1001
    flood = [api.push_text(group, "@BriefFakeBot who wrote the brief", chat_type="group") for _ in range(60)]
    await api.wait_for(lambda: any("faster than I can answer" in s.text for s in api.replies(group)))
    start = time.monotonic()
    assert "Taras Kuzio" in await ask(api, 95, "who wrote the brief", timeout=10)
    assert time.monotonic() - start < 5
    code, seconds = await bot.stop()
    assert code == 0 and seconds < 10, (code, seconds)
    answered = [s for s in api.replies(group) if "Taras Kuzio" in s.text]
    assert sum("faster than I can answer" in s.text for s in api.replies(group)) == 1
    assert 1 <= len(answered) <= len(flood) - len([u for u in api.unconfirmed() if u in flood])


async def test_a_429_for_one_chat_does_not_hold_back_another(api, tmp_path):
    api.fail("sendMessage", 1, "429", retry_after=3, chat_id=96)
    bot = await start_bot(api, tmp_path)
    api.push_text(96, "who wrote the brief")
    await api.wait_for(lambda: len(api.calls["sendMessage"]) >= 1)
    start = time.monotonic()
    assert "Taras Kuzio" in await ask(api, 97, "who wrote the brief", timeout=10)
    assert time.monotonic() - start < 2
    await api.wait_for(lambda: api.replies(96), timeout=10)
    await bot.stop()


@pytest.mark.parametrize("kind, times", [("500", 1), ("drop", 2)])
async def test_failed_sends_are_retried_and_answered(api, tmp_path, kind, times):
    api.fail("sendMessage", times, kind, chat_id=98)
    bot = await start_bot(api, tmp_path)
    assert "Taras Kuzio" in await ask(api, 98, "who wrote the brief")
    await bot.stop()
    assert [s.text.startswith("Sorry") for s in api.replies(98)] == [False]


async def test_a_send_that_times_out_after_delivery_gets_no_apology(api, tmp_path):
    api.fail("sendMessage", 1, "timeout", chat_id=99, after=True)
    bot = await start_bot(api, tmp_path)
    assert "Taras Kuzio" in await ask(api, 99, "who wrote the brief")
    await bot.wait_for_log("Error while handling an update")
    assert "27 July 2025" in await ask(api, 99, "when was it published")
    await bot.stop()
    assert [s.text.startswith("Sorry") for s in api.replies(99)] == [False, False]


async def test_sighup_right_after_start_does_not_kill_the_bot(api, tmp_path):
    import signal

    url = await api.start()
    bot = BotProcess(url, tmp_path / "bot.log", env=FAST)
    STARTED.append(bot)
    spawned = time.monotonic()
    status = f"/proc/{bot.proc.pid}/status"

    def catches_hup() -> bool:
        fields = dict(line.split(":", 1) for line in open(status).read().splitlines() if ":" in line)
        return bool(int(fields["SigCgt"].strip(), 16) & (1 << (signal.SIGHUP - 1)))

    while not catches_hup():
        assert bot.proc.poll() is None and time.monotonic() - spawned < 10, bot.log()
        await asyncio.sleep(0.005)
    caught_after = time.monotonic() - spawned
    bot.proc.send_signal(signal.SIGHUP)
    await bot.wait_for_log("Application started")
    await bot.wait_for_log("Reloaded")
    assert "Taras Kuzio" in await ask(api, 121, "who wrote the brief")
    assert "SIGHUP arrived during start-up" in bot.log()  # caught before serving, not fatal
    assert caught_after < 2.0
    await bot.stop()


async def test_edited_messages_are_ignored_and_mentions_need_a_word_boundary(api, tmp_path):
    bot = await start_bot(api, tmp_path)
    api.push_text(131, "/summary", kind="edited_message")
    api.push_text(131, "who wrote the brief", kind="edited_message")
    api.push_text(-131, "@BriefFakeBotX who wrote the brief", chat_type="group")
    api.push_text(-131, "@BriefFakeBot, who wrote the brief", chat_type="group")
    await api.wait_for(lambda: api.replies(-131))
    assert "Taras Kuzio" in await ask(api, 131, "who wrote the brief")
    await bot.stop()
    assert len(api.replies(131)) == 1 and len(api.replies(-131)) == 1


async def test_per_chat_memory_is_bounded():
    from telegram import Update

    from bot.telegram.fairness import FairUpdateProcessor
    from bot.telegram.transport import Ledger

    forgotten: list[int] = []
    processor = FairUpdateProcessor(Ledger(), max_chats=3)
    processor.on_forget = forgotten.append
    api = FakeBotAPI()

    async def nothing() -> None:
        return None

    for chat in range(1, 8):
        update = Update.de_json({"update_id": chat, "message": api.message(chat, "hi")}, None)
        await processor.process_update(update, nothing())
    assert list(processor.lanes) == [5, 6, 7] and forgotten == [1, 2, 3, 4]


def test_a_stop_signal_before_the_event_loops_handlers_stops_the_bot_before_it_starts(monkeypatch):
    """SIGINT after the build but before the event loop handles signals (asyncio.run's own handler would cancel the
    start-up, and python-telegram-bot's bootstrap retries can take that for a stop of their own and poll on): it is
    remembered, and the bot stops without starting. The signal handlers are the process's own again after."""
    import os
    import signal
    import threading

    from bot.telegram import runner

    real_run = asyncio.run

    def run_after_a_signal(coro):
        os.kill(os.getpid(), signal.SIGINT)  # (this process: the handler run() installed sets the event)
        return real_run(coro)

    before = signal.getsignal(signal.SIGINT)
    monkeypatch.setattr(runner.asyncio, "run", run_after_a_signal)
    assert runner.run(object(), None, None, threading.Event()) == 0  # (the app is never touched)
    assert signal.getsignal(signal.SIGINT) is before
