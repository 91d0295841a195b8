"""End to end: the real bot process and real PTB, over HTTP, against the Bot API emulator on loopback."""

from __future__ import annotations

import itertools
from html.parser import HTMLParser

import pytest

from tests.e2e.harness import TOKEN, BotProcess, Emulator

chat_ids = itertools.count(1001)


@pytest.fixture(scope="module")
def emulator():
    emu = Emulator()
    yield emu
    emu.close()


@pytest.fixture(scope="module")
def running_bot(emulator, tmp_path_factory):
    bot = BotProcess(f"{emulator.url}/bot", tmp_path_factory.mktemp("bot") / "bot.log")
    bot.wait_until_serving()
    yield bot
    if bot.proc.poll() is None:
        bot.terminate()


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


def test_start_help_and_summary(emulator, running_bot):
    chat = next(chat_ids)
    emulator.send_command(chat, "/start")
    assert "BriefBot" in emulator.replies(chat)[0]["text"]
    emulator.send_command(chat, "/help")
    assert "/summary" in emulator.replies(chat)[0]["text"]
    emulator.send_command(chat, "/summary")
    text = emulator.replies(chat)[0]["text"]
    assert "Taras Kuzio" in text and "Alma-Ata" in text


@pytest.mark.parametrize("command, needle", [("/contexts", "only four"), ("/source", "27 July 2025"), ("/topics", "You can ask")])
def test_other_commands(emulator, running_bot, command, needle):
    chat = next(chat_ids)
    emulator.send_command(chat, command)
    assert needle in emulator.replies(chat)[0]["text"]


def test_sourced_answer_with_buttons(emulator, running_bot):
    chat = next(chat_ids)
    emulator.send_text(chat, "Who shot down the AZAL plane?")
    message = emulator.replies(chat)[0]
    assert message["parse_mode"] == "HTML"
    assert "<blockquote>Russia’s shooting down of Azerbaijan Airline Flight 8243 in December 2024</blockquote>" in message["text"]
    assert "Taras Kuzio, 27 July 2025, paragraph 1" in message["text"]
    assert _strict_html_ok(message["text"])
    buttons = [b for row in message["reply_markup"]["inline_keyboard"] for b in row]
    assert any(b["text"] == "📖 Context" for b in buttons)
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)


def test_decline(emulator, running_bot):
    chat = next(chat_ids)
    emulator.send_text(chat, "What is the capital of Azerbaijan?")
    text = emulator.replies(chat)[0]["text"]
    assert "does not cover" in text and "/topics" in text and "<blockquote>" not in text


def test_button_press_related_and_context(emulator, running_bot):
    chat = next(chat_ids)
    emulator.send_text(chat, "what is TANAP")
    buttons = [b for row in emulator.replies(chat)[0]["reply_markup"]["inline_keyboard"] for b in row]
    related = next(b for b in buttons if b["text"].startswith("↪"))
    emulator.send_callback(chat, related["callback_data"])
    assert "<blockquote>" in emulator.replies(chat)[0]["text"]
    context = next(b for b in buttons if b["text"] == "📖 Context")
    emulator.send_callback(chat, context["callback_data"])
    assert "Fourth context" in emulator.replies(chat)[0]["text"]


def test_stale_button_is_harmless(emulator, running_bot):
    chat = next(chat_ids)
    emulator.send_callback(chat, "q|no-such-brief|nothing")
    emulator.send_text(chat, "who wrote it")
    assert "Taras Kuzio" in emulator.replies(chat)[0]["text"]


def test_hostile_html_is_escaped(emulator, running_bot):
    chat = next(chat_ids)
    emulator.send_text(chat, "<script>alert(1)</script> <b>who</b> wrote & <<title>>?")
    text = emulator.replies(chat)[0]["text"]
    assert "<script>" not in text and _strict_html_ok(text)


def test_over_long_message_then_still_answering(emulator, running_bot):
    chat = next(chat_ids)
    emulator.send_text(chat, "why " * 2500)
    assert "shorter question" in emulator.replies(chat)[0]["text"]
    emulator.send_text(chat, "when was the brief published")
    assert "27 July 2025" in emulator.replies(chat)[0]["text"]


def test_group_chatter_is_ignored_but_mentions_are_answered(emulator, running_bot):
    chat = -100 - next(chat_ids)
    emulator.send_text(chat, "lunch at noon?", chat_type="group")
    emulator.send_text(chat, "@BriefTestBot who wrote the brief?", chat_type="group")
    replies = emulator.replies(chat)
    assert len(replies) == 1 and "Taras Kuzio" in replies[0]["text"]


def test_sigterm_stops_cleanly_and_token_never_logged(emulator, tmp_path):
    bot = BotProcess(f"{emulator.url}/bot", tmp_path / "bot.log")
    bot.wait_until_serving()
    chat = next(chat_ids)
    emulator.send_text(chat, "what is the fifth context")
    assert "only four" in emulator.replies(chat)[0]["text"]
    code, seconds = bot.terminate()
    log = bot.log()
    assert code == 0 and seconds < 10, (code, seconds, log)
    assert TOKEN not in log and TOKEN.split(":")[1] not in log
    assert "DEBUG" in log  # the check ran against a debug-level log


def test_non_text_message_gets_a_note(emulator, running_bot):
    chat = next(chat_ids)
    photo = [{"file_id": "AgAD", "file_unique_id": "u1", "width": 10, "height": 10}]
    message = emulator._message(chat, "")
    del message["text"]
    emulator.post("/sendMessage", {**message, "photo": photo})
    assert "text questions" in emulator.replies(chat)[0]["text"]
