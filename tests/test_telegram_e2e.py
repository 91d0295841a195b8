"""End to end: the real bot process and real PTB, over HTTP, against the suite's one fake Bot API on loopback."""

from __future__ import annotations

import itertools
import json
from html.parser import HTMLParser

import pytest

from tests.e2e.harness import TOKEN, BotProcess
from tests.fakeapi import FakeBotAPI

pytestmark = pytest.mark.slow
chat_ids = itertools.count(1001)
FAST = {"BRIEFBOT_POLL_TIMEOUT": "0.5", "BRIEFBOT_READ_TIMEOUT": "1", "BRIEFBOT_BACKOFF_MAX": "0.5"}


@pytest.fixture
async def api(tmp_path):
    """A fake Bot API with a running bot (stopped and checked for the token afterwards)."""
    fake = FakeBotAPI()
    bot = BotProcess(await fake.start(), tmp_path / "bot.log", env=FAST)
    fake.bot = bot
    try:
        await bot.wait_for_log("Application started")
        yield fake
    finally:
        if bot.proc.poll() is None:
            await bot.stop()
        await fake.stop()
    assert TOKEN not in bot.log() and TOKEN.split(":")[1] not in bot.log()


async def said(api: FakeBotAPI, chat: int, text: str | None = None, count: int = 1, **push) -> list:
    """Push a text (or any update) and wait for `count` more bot messages in the chat."""
    before = len(api.replies(chat))
    if text is not None:
        api.push_text(chat, text, **push)
    else:
        api.push(**push)
    await api.wait_for(lambda: len(api.replies(chat)) >= before + count)
    return api.replies(chat)[before:]


def _strict_html_ok(text: str) -> bool:
    class P(HTMLParser):
        ok = True
        stack: list = []

        def handle_starttag(self, tag, attrs):
            self.ok &= tag in {"b", "i", "blockquote"}
            self.stack.append(tag)

        def handle_endtag(self, tag):
            self.ok &= bool(self.stack) and self.stack.pop() == tag

    p = P()
    p.feed(text)
    p.close()
    return p.ok and not p.stack


def _buttons(sent) -> list[dict]:
    return [b for row in json.loads(sent.reply_markup)["inline_keyboard"] for b in row]


def _press(chat: int, data: str) -> dict:
    user = {"id": chat, "is_bot": False, "first_name": "Tester"}
    return {"callback_query": {"id": str(next(chat_ids)), "from": user, "chat_instance": f"ci-{chat}", "data": data,
                               "message": {"message_id": 1, "date": 1, "chat": {"id": chat, "type": "private"}}}}


async def test_start_help_and_summary(api):
    chat = next(chat_ids)
    assert "BriefBot" in (await said(api, chat, "/start"))[0].text
    assert "/summary" in (await said(api, chat, "/help"))[0].text
    text = (await said(api, chat, "/summary"))[0].text
    assert "Taras Kuzio" in text and "Alma-Ata" in text


@pytest.mark.parametrize(
    "command, needle", [("/contexts", "only four"), ("/source", "27 July 2025"), ("/topics", "You can ask")]
)
async def test_other_commands(api, command, needle):
    assert needle in (await said(api, next(chat_ids), command))[0].text


async def test_sourced_answer_with_buttons(api):
    chat = next(chat_ids)
    message = (await said(api, chat, "Who shot down the AZAL plane?"))[0]
    assert api.params["sendMessage"][-1]["parse_mode"] == "HTML"
    assert (
        "<blockquote>Russia’s shooting down of Azerbaijan Airline Flight 8243 in December 2024</blockquote>"
        in message.text
    )
    assert "Taras Kuzio, 27 July 2025, paragraph 1" in message.text
    assert _strict_html_ok(message.text)
    buttons = _buttons(message)
    assert any(b["text"] == "📖 Context" for b in buttons)
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)


async def test_decline(api):
    text = (await said(api, next(chat_ids), "What is the capital of Azerbaijan?"))[0].text
    assert "does not cover" in text and "/topics" in text and "<blockquote>" not in text


async def test_button_press_related_and_context(api):
    chat = next(chat_ids)
    buttons = _buttons((await said(api, chat, "what is TANAP"))[0])
    related = next(b for b in buttons if b["text"].startswith("↪"))
    assert "<blockquote>" in (await said(api, chat, **_press(chat, related["callback_data"])))[0].text
    context = next(b for b in buttons if b["text"] == "📖 Context")
    assert "Fourth context" in (await said(api, chat, **_press(chat, context["callback_data"])))[0].text


async def test_stale_button_is_harmless(api):
    chat = next(chat_ids)
    api.push(**_press(chat, "q|no-such-brief|nothing"))
    assert "Taras Kuzio" in (await said(api, chat, "who wrote it"))[0].text
    assert len(api.replies(chat)) == 1 and api.calls["answerCallbackQuery"]


@pytest.mark.parametrize("kind, times", [("timeout", 1), ("500", 8), ("400", 1)])
async def test_a_button_whose_press_cannot_be_answered_still_sends_its_message(api, kind, times):
    chat = next(chat_ids)
    api.fail("answerCallbackQuery", times, kind)
    assert "You can ask about" in (await said(api, chat, **_press(chat, "t")))[0].text


@pytest.mark.parametrize("data", [12345, ["q", "x"], {"q": 1}])
async def test_forged_callback_data_that_is_no_text_gets_the_stale_toast(api, data):
    chat = next(chat_ids)
    api.push(**_press(chat, data))
    assert "Taras Kuzio" in (await said(api, chat, "who wrote it"))[0].text
    assert api.params["answerCallbackQuery"] and "expired" in api.params["answerCallbackQuery"][-1].get("text", "")


async def test_hostile_html_is_escaped(api):
    text = (await said(api, next(chat_ids), "<script>alert(1)</script> <b>who</b> wrote & <<title>>?"))[0].text
    assert "<script>" not in text and _strict_html_ok(text)


async def test_over_long_message_then_still_answering(api):
    chat = next(chat_ids)
    assert "shorter question" in (await said(api, chat, "why " * 2500))[0].text
    assert "27 July 2025" in (await said(api, chat, "when was the brief published"))[0].text


async def test_group_chatter_is_ignored_but_mentions_are_answered(api):
    chat = -100 - next(chat_ids)
    api.push_text(chat, "lunch at noon?", chat_type="group")
    replies = await said(api, chat, "@BriefFakeBot who wrote the brief?", chat_type="group")
    assert len(api.replies(chat)) == 1 and "Taras Kuzio" in replies[0].text


async def test_sigterm_stops_cleanly_and_token_never_logged(api):
    chat = next(chat_ids)
    assert "only four" in (await said(api, chat, "what is the fifth context"))[0].text
    code, seconds = await api.bot.stop()
    log = api.bot.log()
    assert code == 0 and seconds < 10, (code, seconds, log)
    assert "DEBUG" in log  # the token check in the fixture ran against a debug-level log


async def test_non_text_message_gets_a_note(api):
    chat = next(chat_ids)
    message = api.message(chat, "")
    del message["text"]
    photo = [{"file_id": "AgAD", "file_unique_id": "u1", "width": 10, "height": 10}]
    assert "text questions" in (await said(api, chat, message={**message, "photo": photo}))[0].text


@pytest.fixture
async def fake_api():
    """A fake Bot API only: the test starts and stops its own bot processes."""
    fake = FakeBotAPI()
    await fake.start()
    fake.bots = []
    yield fake
    for bot in fake.bots:
        if bot.proc.poll() is None:
            await bot.stop()
    await fake.stop()


async def _started(api: FakeBotAPI, log, state) -> BotProcess:
    bot = BotProcess(f"http://127.0.0.1:{api.port}/bot", log, env={**FAST, "BRIEFBOT_STATE_FILE": str(state)})
    api.bots.append(bot)
    await bot.wait_for_log("Application started")
    return bot


async def test_a_follow_up_is_understood_after_a_restart(fake_api, tmp_path):
    chat, state = next(chat_ids), tmp_path / "state.sqlite3"
    first = await _started(fake_api, tmp_path / "first.log", state)
    assert "Flight 8243" in (await said(fake_api, chat, "who shot down the plane?"))[0].text
    assert (await first.stop())[0] == 0
    second = await _started(fake_api, tmp_path / "second.log", state)
    assert "Chat memory: 1 chat from" in second.log()
    answer = (await said(fake_api, chat, "when was that?"))[0].text.split("\n\n")[0]
    assert "December 2024" in answer, answer
    await second.stop()
    for log in (first.log(), second.log(), state.read_bytes().decode("utf-8", "replace")):
        assert TOKEN not in log and TOKEN.split(":")[1] not in log


async def test_a_corrupt_state_file_is_moved_aside_and_the_bot_answers(fake_api, tmp_path):
    state = tmp_path / "state.sqlite3"
    state.write_text("garbage, not a database\n" * 50)
    bot = await _started(fake_api, tmp_path / "bot.log", state)
    assert "Taras Kuzio" in (await said(fake_api, next(chat_ids), "who wrote the brief?"))[0].text
    lines = [line for line in bot.log().splitlines() if "state file" in line]
    assert len(lines) == 1 and "unreadable" in lines[0] and "state.sqlite3.corrupt" in lines[0], lines
    assert (tmp_path / "state.sqlite3.corrupt").read_text().startswith("garbage") and "Traceback" not in bot.log()
