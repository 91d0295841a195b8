"""Token secrecy in logs: message, arguments and tracebacks are redacted."""

from __future__ import annotations

import io
import logging

import pytest

from bot.telegram.redaction import RedactingFilter, redact
from bot.telegram.settings import ConfigError, Settings

TOKEN = "987654321:AAFakeTokenForRedactionTests_abcdefghij"


def _capture(secrets=(TOKEN,)):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter(secrets))
    logger = logging.getLogger("redaction-test")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    return logger, stream


def test_token_in_message_and_args_is_redacted():
    logger, stream = _capture()
    logger.debug("POST https://api.telegram.org/bot%s/getUpdates", TOKEN)
    logger.info(f"token {TOKEN} inline")
    assert TOKEN not in stream.getvalue() and "[REDACTED]" in stream.getvalue()


def test_token_shaped_string_in_exception_is_redacted():
    logger, stream = _capture(secrets=())
    try:
        raise RuntimeError(f"connect failed for https://api.telegram.org/bot{TOKEN}/getMe")
    except RuntimeError:
        logger.exception("boom")
    assert TOKEN not in stream.getvalue() and "Traceback" in stream.getvalue()


def test_redact_leaves_ordinary_text():
    assert redact("flight 8243 in 2024: ok") == "flight 8243 in 2024: ok"


@pytest.mark.parametrize("bad", ["abc", "123:", "12 3:abc", "123:a b", ":abc"])
def test_malformed_tokens_are_refused_without_echoing_them(bad):
    with pytest.raises(ConfigError) as info:
        Settings.from_env({"TELEGRAM_BOT_TOKEN": bad})
    assert bad not in str(info.value)


def test_short_test_tokens_are_accepted():
    assert Settings.from_env({"TELEGRAM_BOT_TOKEN": "123:abc"}).token == "123:abc"


def test_admin_ids_must_be_numeric():
    with pytest.raises(ConfigError, match="numeric"):
        Settings.from_env({"TELEGRAM_BOT_TOKEN": "123:abc", "BOT_ADMIN_IDS": "42,@alice"})
    assert Settings.from_env({"TELEGRAM_BOT_TOKEN": "123:abc", "BOT_ADMIN_IDS": "42, 7"}).admin_ids == {42, 7}


@pytest.mark.parametrize("name, value", [
    ("BOT_ADMIN_IDS", "²"), ("BOT_ADMIN_IDS", "--5"), ("BOT_ADMIN_IDS", "9" * 5000),
    ("BRIEFBOT_MAX_RATE", "nan"), ("BRIEFBOT_MAX_RATE", "0.5"), ("BRIEFBOT_CHAT_QUEUE", "inf"),
    ("BRIEFBOT_POLL_TIMEOUT", "nan"), ("BRIEFBOT_CONFLICT_GIVE_UP", "nan"), ("BRIEFBOT_READ_TIMEOUT", "1e999"),
    ("BRIEFBOT_SHUTDOWN_GRACE", "-1"),
])
def test_a_setting_out_of_its_range_is_a_config_error_not_a_traceback(name, value):
    with pytest.raises(ConfigError):
        Settings.from_env({"TELEGRAM_BOT_TOKEN": "123:abc", name: value})


def test_an_unanswered_log_that_is_no_regular_file_is_refused(tmp_path):
    import os

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError):
        Settings.from_env({"TELEGRAM_BOT_TOKEN": "123:abc", "BRIEFBOT_UNANSWERED_LOG": str(fifo)})


def test_a_password_in_a_url_is_redacted_and_an_unknown_log_level_is_info():
    import logging

    from bot.telegram.redaction import configure_logging

    assert "hunter2" not in redact("Set Bot API URL: http://bob:hunter2pass@127.0.0.1:8080/bot")
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        configure_logging("basic_format")  # an attribute of logging, no level: INFO, not a traceback
        assert root.level == logging.INFO
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in handlers:
            root.addHandler(handler)
        root.setLevel(level)


def test_an_argument_that_cannot_be_printed_never_breaks_the_code_that_logs():
    """A 300-deep reply chain overflows repr: the record says so, and the caller goes on."""
    class Deep:
        def __str__(self):
            raise RecursionError("maximum recursion depth exceeded")

    logger, stream = _capture()
    logger.info("Processing update %s", Deep())  # must not raise
    logger.info("token %s", TOKEN)
    assert "Processing update %s [arguments not printable: RecursionError]" in stream.getvalue()
    assert TOKEN not in stream.getvalue()


def test_a_token_a_reader_pasted_is_never_sent_back():
    """'/brief 123:AA…' echoed in 'there is no brief …': every text a request sends is redacted, nested ones too."""
    from telegram.request import RequestData
    from telegram.request._requestparameter import RequestParameter

    from bot.telegram.transport import _without_secrets

    params = {"chat_id": 5, "text": f"There is no brief '{TOKEN}'.",
              "reply_markup": {"inline_keyboard": [[{"text": TOKEN, "callback_data": "t"}]]}}
    sent = _without_secrets(RequestData([RequestParameter.from_input(k, v) for k, v in params.items()]), (TOKEN,))
    assert TOKEN not in str(sent.json_parameters) and sent.parameters["chat_id"] == 5
    plain = RequestData([RequestParameter.from_input("text", "who wrote it?")])
    assert _without_secrets(plain, (TOKEN,)) is plain  # nothing to take out: the request as it was


def test_the_unanswered_log_never_holds_the_token(tmp_path, bot):
    from functools import partial

    from bot.traffic import TrafficLog

    log = TrafficLog(tmp_path / "gaps.jsonl", redact=partial(redact, secrets=(TOKEN,)))
    log.question(bot.ask(f"is {TOKEN} a thing?"))
    written = (tmp_path / "gaps.jsonl").read_text()
    assert "[REDACTED]" in written and TOKEN not in written and TOKEN.split(":")[1] not in written


@pytest.mark.parametrize("leak", [
    TOKEN.lower(),  # an error text that lowercased the URL
    TOKEN.split(":")[1],  # the secret half alone
    TOKEN.replace(":", "%3A"),  # URL-encoded
    TOKEN.replace(":", "%3a").upper(),
])
def test_every_form_of_the_token_is_redacted(leak):
    assert redact(f"Something about {leak} here", (TOKEN,)) == "Something about [REDACTED] here"
