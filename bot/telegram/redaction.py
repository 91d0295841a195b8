"""Logging for the long-running bot: one format, quiet httpx, and no token in any record."""

from __future__ import annotations

import logging
import re

from bot.telegram.settings import TOKEN_SHAPE

_BOT_URL_TOKEN = re.compile(r"(/bot)[^/\s]+")


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Remove the given secrets and anything shaped like a bot token."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[REDACTED]")
    return TOKEN_SHAPE.sub("[REDACTED]", text)


class RedactingFilter(logging.Filter):
    """Rewrites each record (message, arguments and traceback) with secrets removed."""

    def __init__(self, secrets: tuple[str, ...] = ()):
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)
        self._formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message, self.secrets)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info:
            record.exc_text = redact(self._formatter.formatException(record.exc_info), self.secrets)
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.secrets)
        return True


def configure_logging(level: str | int = "INFO", secrets: tuple[str, ...] = ()) -> None:
    """Root logging to stderr through the redacting filter; httpx at WARNING (its URLs carry the token)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level if isinstance(level, int) else getattr(logging, str(level).upper(), logging.INFO))
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
