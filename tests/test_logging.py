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
