"""Per-chat conversations and languages in Telegram: the real PTB application, in process, over HTTP against
the fake Bot API.

In process (not a bot subprocess), so these run with the fast tests; tests/test_telegram_e2e.py has the
process-level restart.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import time
from pathlib import Path

import pytest
from telegram import Update

from bot.telegram.app import build_application
from bot.telegram.settings import Settings
from tests.e2e.harness import TOKEN
from tests.fakeapi import FakeBotAPI


@contextlib.asynccontextmanager
async def serving(core, api: FakeBotAPI, state_file: Path | None):
    """The bot's PTB application polling the fake API, stopped (and its memory saved) on exit."""
    settings = Settings(token=TOKEN, api_url=f"http://127.0.0.1:{api.port}/bot", poll_timeout=0.2,
                        read_timeout=1.0, backoff_max=0.5, state_file=state_file)
    app = build_application(core, settings)
    await app.initialize()
    try:
        await app.post_init(app)
        await app.updater.start_polling(poll_interval=0.0, timeout=dt.timedelta(seconds=0.2),
                                        allowed_updates=Update.ALL_TYPES)
        await app.start()
        yield app
    finally:
        if app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()


@pytest.fixture
async def api():
    fake = FakeBotAPI()
    await fake.start()
    yield fake
    await fake.stop()


def answer(html: str) -> str:
    """The answer line of a reply (before its quote, source and context, which may mention anything)."""
    return html.split("\n\n")[0]


async def said(api: FakeBotAPI, chat: int, text: str | None = None, **push) -> str:
    """Push a text (or any update) and return the bot's next message in the chat."""
    before = len(api.replies(chat))
    api.push_text(chat, text, **push) if text is not None else api.push(**push)
    await api.wait_for(lambda: len(api.replies(chat)) > before)
    return api.replies(chat)[before].text


async def test_follow_up_refers_to_the_chats_last_answer(bot, api, tmp_path):
    async with serving(bot, api, tmp_path / "state.sqlite3"):
        assert "Flight 8243" in await said(api, 5001, "who shot down the plane?")
        assert "Taras Kuzio" in await said(api, 5002, "who wrote the brief?")
        assert "December 2024" in answer(await said(api, 5001, "when was that?"))
        assert "December 2024" not in answer(await said(api, 5002, "when was that?"))  # each chat its own context


async def test_memory_survives_a_restart_and_the_file_holds_no_token(bot, api, tmp_path):
    state = tmp_path / "state.sqlite3"
    async with serving(bot, api, state):
        await said(api, 5011, "/brief azerbaijan-moscow")
        assert "Flight 8243" in await said(api, 5011, "who shot down the plane?")
    async with serving(bot, api, state) as app:
        assert app.chat_data[5011]["brief"] == "azerbaijan-moscow"
        assert "December 2024" in answer(await said(api, 5011, "when was that?"))
    raw = state.read_bytes()
    assert TOKEN.encode() not in raw and TOKEN.split(":")[1].encode() not in raw


async def test_a_suggestion_is_picked_by_its_number(bot, api, tmp_path):
    async with serving(bot, api, None):
        listed = await said(api, 5021, "russia")
        assert "•" in listed  # "did you mean" with the questions listed
        picked = await said(api, 5021, "2")
        assert "<blockquote>" in picked


async def test_forum_topics_have_their_own_follow_ups(bot, api, tmp_path):
    chat = -1005031

    def topic(text: str, thread: int) -> dict:
        message = api.message(chat, f"@BriefFakeBot {text}", user_id=77, chat_type="supergroup")
        return {"message": {**message, "message_thread_id": thread, "is_topic_message": True}}

    async with serving(bot, api, None):
        assert "Flight 8243" in await said(api, chat, **topic("who shot down the plane?", 10))
        await said(api, chat, **topic("who wrote the brief?", 20))
        assert "December 2024" in answer(await said(api, chat, **topic("when was that?", 10)))
        assert "27 July 2025" in answer(await said(api, chat, **topic("when was that?", 20)))
        assert "refer to" in answer(await said(api, chat, **topic("when was that?", 30)))  # a fresh topic: of what?
        assert "27 July 2025" in answer(await said(api, chat, **topic("when was the brief published?", 30)))
        buttons = [b for row in json.loads(api.replies(chat)[-1].reply_markup)["inline_keyboard"] for b in row]
        context = next(b for b in buttons if b["text"].startswith("📖"))
        message = {**topic("", 30)["message"], "from": {"id": 777, "is_bot": True, "first_name": "BriefBot"}}
        user = {"id": 77, "is_bot": False, "first_name": "U"}
        await said(api, chat, callback_query={"id": "p3", "from": user, "chat_instance": "c", "message": message,
                                              "data": context["callback_data"]})
        assert str(api.params["sendMessage"][-1]["message_thread_id"]) == "30"  # in the topic, not in General


async def test_a_related_question_button_becomes_the_last_answer(bot, api, tmp_path):
    async with serving(bot, api, None):
        await said(api, 5041, "what is TANAP")
        markup = json.loads(api.replies(5041)[-1].reply_markup)
        related = next(b for row in markup["inline_keyboard"] for b in row if b["text"].startswith("↪"))
        user = {"id": 5041, "is_bot": False, "first_name": "U"}
        press = {"id": "p1", "from": user, "chat_instance": "c", "data": related["callback_data"],
                 "message": {"message_id": 1, "date": int(time.time()), "chat": {"id": 5041, "type": "private"}}}
        answered = await said(api, 5041, callback_query=press)
        source = await said(api, 5041, "source?")  # the pressed answer's paragraph and quote, not TANAP's
        quote = answered.split("<blockquote>", 1)[1].split("</blockquote>", 1)[0]
        assert "Paragraph 7" in source and f"<blockquote>{quote}</blockquote>" in source


def _from(api: FakeBotAPI, chat: int, text: str, language_code: str | None) -> dict:
    """A private message from a user whose Telegram app is in `language_code`."""
    message = api.message(chat, text)
    return {"message": {**message, "from": {**message["from"], "language_code": language_code}}}


async def test_lang_sets_the_chats_language_and_keeps_it(bot, api, tmp_path):
    chat, state = 5051, tmp_path / "state.sqlite3"
    async with serving(bot, api, state):
        assert "/lang ru" in await said(api, chat, "/lang")
        assert "/lang en, /lang ru or /lang az" in await said(api, chat, "/lang klingon")  # a polite usage note
        assert await said(api, chat, "/lang ru") == "Теперь в этом чате я отвечаю по-русски."
        assert "Россия" in answer(await said(api, chat, "who shot down the plane?"))  # answered in Russian
        assert "Как пользоваться" in await said(api, chat, "/help")
    async with serving(bot, api, state):
        assert "русский" in await said(api, chat, "/lang")  # kept across the restart
        assert "Россия" in answer(await said(api, chat, "who shot down the plane?"))


async def test_without_lang_commands_follow_the_app_and_questions_their_own_language(bot, api):
    async with serving(bot, api, None):
        assert "Salam" in await said(api, 5061, **_from(api, 5061, "/start", "az"))
        assert "Hello" in await said(api, 5062, **_from(api, 5062, "/start", "de"))  # any other language: English
        assert "Russia shot down" in answer(await said(api, 5061, **_from(api, 5061, "who shot down the plane?",
                                                                              "az")))
        assert "Россия" in answer(await said(api, 5062, **_from(api, 5062, "Кто сбил самолёт?", "en")))


async def test_buttons_follow_the_language_of_the_answer_they_sit_under(bot, api):
    async with serving(bot, api, None):
        await said(api, 5071, **_from(api, 5071, "Кто сбил самолёт?", "en"))
        labels = [b["text"] for row in json.loads(api.replies(5071)[-1].reply_markup)["inline_keyboard"] for b in row]
        context = next(b for row in json.loads(api.replies(5071)[-1].reply_markup)["inline_keyboard"] for b in row
                       if b["text"].startswith("📖"))
        assert "📖 Context" not in labels
        user = {"id": 5071, "is_bot": False, "first_name": "U", "language_code": "en"}
        press = {"id": "p2", "from": user, "chat_instance": "c", "data": context["callback_data"],
                 "message": {"message_id": 1, "date": int(time.time()), "chat": {"id": 5071, "type": "private"}}}
        assert "абзац" in (await said(api, 5071, callback_query=press)).lower()


async def test_menus_and_descriptions_are_published_in_every_language(bot, api):
    async with serving(bot, api, None):
        pass
    codes = [p.get("language_code") for p in api.params["setMyCommands"]]
    assert sorted(codes, key=str) == sorted([None, "ru", "az"], key=str)
    descriptions = {p.get("language_code"): p["description"] for p in api.params["setMyDescription"]}
    assert set(descriptions) == {None, "ru", "az"} and len(set(descriptions.values())) == 3


async def test_inline_results_follow_the_users_language(bot, api):
    user = {"id": 5081, "is_bot": False, "first_name": "U", "language_code": "ru"}
    async with serving(bot, api, None):
        api.push(inline_query={"id": "iq1", "from": user, "query": "TANAP", "offset": ""})
        await api.wait_for(lambda: api.inline_answers)
    results = json.loads(api.inline_answers[0]["results"])
    assert results and all(any("\u0400" <= ch <= "\u04ff" for ch in r["description"]) for r in results), results


async def test_a_chat_forgotten_by_the_fairness_window_is_dropped_from_the_state_file(bot, api, tmp_path):
    state = tmp_path / "state.sqlite3"
    async with serving(bot, api, state) as app:
        app.bot_data["processor"].max_chats = 2
        for chat in (5091, 5092, 5093):
            await said(api, chat, "/brief azerbaijan-moscow")
        assert 5091 not in app.chat_data
    async with serving(bot, api, state) as app:
        assert sorted(app.chat_data) == [5092, 5093]


async def test_a_brief_choice_the_knowledge_no_longer_has_is_ignored(bot, api, tmp_path):
    async with serving(bot, api, None) as app:
        await said(api, 5101, "/brief azerbaijan-moscow")
        app.chat_data[5101]["brief"] = "a-brief-since-removed"  # as if a reload or a new version dropped it
        assert "Flight 8243" in await said(api, 5101, "who shot down the plane?")


async def test_a_group_upgraded_to_a_supergroup_keeps_its_memory(bot, api):
    old, new = -5111, -1005111
    async with serving(bot, api, None) as app:
        await said(api, old, "/lang az", chat_type="group")
        notice = api.message(old, "", chat_type="group")
        del notice["text"]
        api.push(message={**notice, "migrate_to_chat_id": new})
        await api.wait_for(lambda: (app.chat_data.get(new) or {}).get("lang") == "az")
        api.push(message={**api.message(new, "", chat_type="supergroup"), "text": None, "migrate_from_chat_id": old})
        assert "Azərbaycan" in await said(api, new, "/lang", chat_type="supergroup")  # the twin notice undid nothing
        assert old not in app.chat_data


async def test_in_a_group_a_reply_to_the_bots_answer_is_a_follow_up(bot, api):
    chat = -5121
    async with serving(bot, api, None):
        assert "Flight 8243" in await said(api, chat, "@BriefFakeBot who shot down the plane?", chat_type="group")
        reply = {**api.message(chat, "when was that?", user_id=78, chat_type="group"),
                 "reply_to_message": {"message_id": 1, "date": int(time.time()), "text": "…",
                                      "chat": {"id": chat, "type": "group", "title": "Group"},
                                      "from": {"id": 777, "is_bot": True, "first_name": "BriefBot"}}}
        assert "December 2024" in answer(await said(api, chat, message=reply))  # another member follows up
