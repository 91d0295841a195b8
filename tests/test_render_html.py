"""Telegram HTML rendering, keyboards and button actions: pure functions, checked with a strict parser."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from bot.commands import COMMANDS, run_command
from bot.reply import Reply, Source, Suggestion
from bot.telegram.app import addressed_question
from bot.telegram.buttons import STALE, press, stale
from bot.telegram.render import (
    MAX_CALLBACK_BYTES,
    MAX_MESSAGE,
    callback_data,
    fit,
    format_document_html,
    format_reply_html,
    parse_callback,
    reply_buttons,
    visible_length,
)

ALLOWED = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-emoji",
}


class StrictParser(HTMLParser):
    """Fails on unknown tags, unbalanced tags or stray '<' / '&'."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.errors.append(f"tag {tag}")
        if tag == "blockquote" and any(name != "expandable" for name, _ in attrs):
            self.errors.append(f"attrs {attrs}")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unbalanced {tag}")

    def handle_data(self, data):
        if "<" in data or ">" in data:
            self.errors.append(f"raw bracket in {data[:30]!r}")

    def handle_entityref(self, name):
        if name not in ("lt", "gt", "amp", "quot"):
            self.errors.append(f"entity {name}")


def assert_valid(markup: str) -> None:
    p = StrictParser()
    p.feed(markup)
    p.close()
    assert not p.errors and not p.stack, (p.errors, p.stack, markup[:200])
    assert visible_length(markup) <= MAX_MESSAGE


HOSTILE = ["<b>", "&", "<script>alert(1)</script>", "<<title>>", "a & b < c > d", "&amp;", "</blockquote>", "\"'"]


def hostile_reply(text: str, size: int = 1) -> Reply:
    src = Source("b1", text * size, text, "2025-07-27", 3, text)
    return Reply(
        question=text * size,
        answer=text * size,
        kind="answer",
        quote=text * size,
        source=src,
        context=text * size,
        score=0.9,
        related=(Suggestion("b1", "e1", text * size),),
        entry="e1",
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_escaped_everywhere(text):
    markup = format_reply_html(hostile_reply(text))
    assert_valid(markup)
    assert "<script>" not in markup and "<<" not in markup


@pytest.mark.parametrize("size", [1, 300, 5000])
def test_length_cap_after_entity_parsing(size):
    markup = format_reply_html(hostile_reply("&<é😀", size))
    assert_valid(markup)


def test_fit_keeps_short_text_untouched():
    assert fit([("<b>{}</b>", "a&b")]) == "<b>a&amp;b</b>"


def test_real_answer_html(bot):
    markup = format_reply_html(bot.ask("Who shot down the AZAL plane?"))
    assert_valid(markup)
    assert markup.count("<blockquote>") == 1 and "<blockquote expandable>" in markup
    assert (
        "<i>— Why Azerbaijan Is Turning Away from Moscow, Taras Kuzio, 27 July 2025, paragraph 1 · Introduction"
        in markup
    )


def test_two_questions_show_both_answers_each_with_its_quote(bot):
    markup = format_reply_html(bot.ask("who wrote it and when?"))
    assert_valid(markup)
    assert markup.count("<blockquote>") == 2 and "Taras Kuzio" in markup and "27 July 2025" in markup


def test_suggestions_are_listed_in_the_message_too(bot):
    markup = format_reply_html(bot.ask("russia"))
    assert_valid(markup)
    assert markup.startswith("I am not sure the brief answers that. Did you mean one of these?\n• ")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_documents_are_valid_html(bot, name):
    assert_valid(format_document_html(run_command(bot, name)))


def test_keyboards(bot):
    answer = reply_buttons(bot.ask("what is TANAP"))
    labels = [label for row in answer for label, _ in row]
    assert "📖 Context" in labels and "👍" in labels and sum(x.startswith("↪") for x in labels) <= 3
    suggest = reply_buttons(bot.ask("russia"))
    assert all(label.startswith("↪ ") for row in suggest for label, _ in row) and 1 <= len(suggest) <= 3
    decline = reply_buttons(bot.ask("tell me a joke"))
    assert decline == [[("What can I ask?", "t")]]
    for rows in (answer, suggest, decline):
        assert all(len(data.encode()) <= MAX_CALLBACK_BYTES for row in rows for _, data in row)


def test_callback_data_size_is_enforced():
    assert parse_callback(callback_data("q", "a" * 24, "b" * 24)) == ("q", ["a" * 24, "b" * 24])
    with pytest.raises(ValueError):
        callback_data("q", "x" * 70)
    assert parse_callback("") is None and parse_callback("x" * 65) is None


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "garbage",
        "q|",
        "q|a|b|c",
        "c|azerbaijan-moscow|nope",
        "f|2|azerbaijan-moscow|author",
        "t|extra",
        "ü" * 40,
        "q|azerbaijan-moscow",
    ],
)
def test_garbage_callback_data_gets_a_polite_answer(bot, data):
    assert press(bot, data) == STALE


def test_button_actions(bot):
    assert "<blockquote>" in press(bot, "q|azerbaijan-moscow|pipelines").html
    assert "Fourth context" in press(bot, "c|azerbaijan-moscow|pipelines").html
    assert "You can ask" in press(bot, "t").html
    assert press(bot, "f|1|azerbaijan-moscow|author").feedback == ("azerbaijan-moscow", "author", True)


@pytest.mark.parametrize("text, chat, replied, expected", [
    ("who wrote it", "private", False, "who wrote it"),
    ("who wrote it", "group", False, None),
    ("@BriefTestBot who wrote it", "supergroup", False, "who wrote it"),
    ("hey @brieftestbot, who wrote it", "group", False, "hey , who wrote it"),
    ("who wrote it", "group", True, "who wrote it"),
])
def test_group_addressing(text, chat, replied, expected):
    assert addressed_question(text, chat, "BriefTestBot", replied) == expected


def test_defuse_updates_repairs_or_neutralises_poison():
    import json

    from bot.telegram.transport import UNPARSEABLE, defuse_updates

    user = {"id": 1, "is_bot": False, "first_name": "U"}
    good = {"update_id": 1, "message": {"message_id": 1, "date": 1, "chat": {"id": 1, "type": "private"}, "text": "hi"}}
    bad_message = {
        "update_id": 2,
        "callback_query": {"id": "1", "from": user, "chat_instance": "c", "data": "t", "message": {"chat": {"id": 1}}},
    }
    poison = {"update_id": 3, "message": {"text": "no ids"}}
    payload = json.dumps({"ok": True, "result": [good]}).encode()
    assert defuse_updates(payload) == (200, payload, [1])
    no_id = [{"message": {"text": "x"}}, {"update_id": None}, {"update_id": True}, "text"]
    code, body, ids = defuse_updates(json.dumps({"ok": True, "result": [poison, *no_id, good, bad_message]}).encode())
    fixed = json.loads(body)["result"]
    assert code == 200 and ids == [1, 2, 3]  # sorted: PTB confirms up to the last one
    assert fixed[0] == good and "message" not in fixed[1]["callback_query"] and fixed[2] == {"update_id": 3}
    assert defuse_updates(b"not json") == (UNPARSEABLE, b"not json", [])  # fetched again one update at a time
    for result in (5, None, {"update_id": 1}):
        assert defuse_updates(json.dumps({"ok": True, "result": result}).encode())[0] == 502


@pytest.mark.parametrize("message, kept", [
    ({"message_id": 1, "date": 1, "text": "hi", "chat": {"id": 1, "type": "private"}}, True),
    ({"message_id": 1, "date": 1, "text": "no chat"}, False),  # the Bot API always gives a message its chat
    ({"message_id": 1, "date": 1, "text": 12345, "chat": {"id": 1, "type": "private"}}, False),  # text is text
    ({"message_id": 1, "date": 1, "text": "ok", "chat": {"id": 1, "type": "private"}, "x": int("7" * 30)}, True),
])
def test_an_update_that_breaks_the_bot_apis_promises_is_kept_as_its_bare_id(message, kept):
    import json

    from bot.telegram.transport import defuse_updates

    answer = {"ok": True, "result": [{"update_id": 4, "message": message}]}
    code, body, ids = defuse_updates(json.dumps(answer).encode())
    assert (code, ids) == (200, [4]) and ("message" in json.loads(body)["result"][0]) == kept


def test_a_number_too_long_for_python_and_an_error_in_a_200_body():
    from bot.telegram.transport import UNPARSEABLE, defuse_updates

    huge = b'{"ok": true, "result": [{"update_id": 5, "x": ' + b"7" * 5000 + b"}]}"
    code, body, ids = defuse_updates(huge)
    assert (code, ids) == (200, [5]) and len(body) < 5200  # the digits kept as text, in a payload PTB can read
    assert defuse_updates(b'{"ok": false, "error_code": 401, "description": "Unauthorized"}')[0] == 401
    assert defuse_updates(b'{"ok": false}')[0] == 502  # an error without its code: back off, no traceback
    assert defuse_updates(b'{"ok": true, "result": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}")[0] == UNPARSEABLE


def test_an_unreadable_single_update_is_skipped_by_its_id_or_retried():
    from bot.telegram.transport import _skip_unparseable

    code, body, ids = _skip_unparseable(b'{"ok": true, "result": [{"update_id": 9, "x": [[[[ broken')
    assert (code, ids, body) == (200, [9], b'{"ok": true, "result": [{"update_id": 9}]}')
    assert _skip_unparseable(b"<html>bad gateway</html>")[0] == 502  # no id to skip by: back off and retry


@pytest.mark.parametrize("text, expected", [("@BriefTestBotX who wrote it", None), ("@BriefTestBot_2 hi", None),
                                            ("@BriefTestBot: who", ": who"), ("ask @BriefTestBot", "ask")])
def test_a_mention_needs_a_word_boundary(text, expected):
    assert addressed_question(text, "group", "BriefTestBot", False) == expected


# --- languages: the verbatim quote, its labelled translation, and buttons in the reply's language ---


def _translated(language: str, translation: str | None = "Перевод <цитаты> & всё") -> Reply:
    source = Source("b", "The Title", "A. Writer", "2025-07-27", 3, "Ctx")
    return Reply(question="q", kind="answer", answer="Ответ.", quote="The verbatim <sentence>.",
                 quote_translation=translation, source=source, context="Summary.", entry="e", language=language)


@pytest.mark.parametrize("language, label, where", [
    ("ru", "Перевод", "27 июля 2025 г., абзац 3 · Ctx"),
    ("az", "Tərcümə", "27 iyul 2025, abzas 3 · Ctx"),
])
def test_translation_is_labelled_under_the_verbatim_quote(language, label, where):
    markup = format_reply_html(_translated(language))
    assert_valid(markup)
    quote = markup.index("<blockquote>The verbatim &lt;sentence&gt;.</blockquote>")
    translated = markup.index(f"<blockquote><b>{label}:</b> Перевод &lt;цитаты&gt; &amp; всё</blockquote>")
    assert quote < translated < markup.index("<i>— The Title, A. Writer, ")
    assert where in markup and f"<b>{'Контекст' if language == 'ru' else 'Kontekst'}.</b>" in markup


def test_english_reply_has_no_translation_and_a_name_is_not_translated_again():
    assert "Translation" not in format_reply_html(_translated("en", None))
    same = Reply(question="q", kind="answer", answer="a", quote="Taras Kuzio", quote_translation="Taras Kuzio",
                 source=Source("b", "T", "A", "2025-07-27", 0, "C"), language="az")
    assert "Tərcümə" not in format_reply_html(same) and "müəllif sətri" in format_reply_html(same)


def test_long_translated_answer_still_fits():
    reply = _translated("ru", "перевод " * 900)
    assert visible_length(format_reply_html(reply)) <= MAX_MESSAGE


def test_real_russian_answer_html(bot):
    markup = format_reply_html(bot.ask("Кто сбил самолёт Азербайджанских авиалиний?"))
    assert_valid(markup)
    assert "<b>Перевод:</b>" in markup and "Why Azerbaijan Is Turning Away from Moscow, Taras Kuzio" in markup


@pytest.mark.parametrize("language, context, topics", [
    ("en", "📖 Context", "What can I ask?"), ("ru", "📖 Контекст", "О чём можно спросить?"),
    ("az", "📖 Kontekst", "Nə soruşa bilərəm?"),
])
def test_button_labels_follow_the_reply(language, context, topics):
    labels = [label for row in reply_buttons(_translated(language)) for label, _ in row]
    assert context in labels
    decline = Reply(question="q", kind="decline", answer="no", language=language)
    assert reply_buttons(decline) == [[(topics, "t")]]


@pytest.mark.parametrize("language, thanks, stale_text, context, topics", [
    ("ru", "Спасибо за отзыв!", "Извините, эта кнопка устарела.", "Четвёртый контекст", "О чём можно спросить"),
    ("az", "Rəyiniz üçün təşəkkürlər!", "Bağışlayın, bu düymənin", "Dördüncü kontekst", "bunları soruşa"),
])
def test_button_presses_in_the_chats_language(bot, language, thanks, stale_text, context, topics):
    assert press(bot, "f|1|azerbaijan-moscow|author", language=language).toast == thanks
    assert press(bot, "garbage", language=language) == stale(language)
    assert stale(language).toast.startswith(stale_text)
    answer = press(bot, "q|azerbaijan-moscow|pipelines", language=language).html
    assert "<blockquote>Ukraine’s infrastructure" in answer and ("Перевод" if language == "ru" else "Tərcümə") in answer
    shown = press(bot, "c|azerbaijan-moscow|pipelines", language=language).html
    assert context in shown and ("(абзац 7)" if language == "ru" else "(abzas 7)") in shown
    assert "Ukraine" in shown  # the paragraph itself stays verbatim
    assert topics in press(bot, "t", language=language).html


@pytest.mark.parametrize("language", ["ru", "az"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_documents_in_every_language_are_valid_html(bot, name, language):
    assert_valid(format_document_html(run_command(bot, name, language=language)))


@pytest.mark.parametrize("text, length, name", [
    ("/helpme", 5, "help"),  # the entity as PTB matched it, not the first word
    ("/help@BriefBot now", 13, "help"),
    ("/SUMMARY", 8, "summary"),
    ("/start x", None, "start"),  # no entity at all: the first word
])
def test_the_command_is_the_one_its_entity_names(text, length, name):
    from telegram import Message, MessageEntity

    from bot.telegram.app import command_name

    entities = [MessageEntity("bot_command", 0, length)] if length else []
    assert command_name(Message(1, None, None, text=text, entities=entities)) == name


def test_a_not_said_reply_names_its_closest_question_once(bot):
    from bot.telegram.render import format_reply_html

    reply = bot.ask("how many people died on flight 8243?")
    html = format_reply_html(reply)
    assert reply.kind == "not_said" and html.count(reply.suggestions[0].question) == 1


@pytest.mark.parametrize("retry_after, wait", [("5", 5.0), ("9" * 400, 30.0), ("1e400", 30.0), ('"soon"', 30.0),
                                               ("7200", 3600.0)])
def test_a_polling_429_waits_what_it_says_within_bounds(retry_after, wait):
    from bot.telegram.transport import _retry_after

    assert _retry_after(b'{"ok": false, "parameters": {"retry_after": ' + retry_after.encode() + b"}}", 30.0) == wait
