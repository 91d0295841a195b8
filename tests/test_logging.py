"""Token secrecy in logs: message, arguments and tracebacks are redacted."""

from __future__ import annotations

import io
import logging

from bot.logging_setup import RedactingFilter, redact

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
