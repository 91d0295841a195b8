"""Logging for the long-running bot: one format, quiet httpx, and no token in any record."""

from __future__ import annotations

import atexit
import functools
import io
import logging
import re
import sys
import threading
import traceback

from bot.telegram.settings import TOKEN_SHAPE

_BOT_URL_TOKEN = re.compile(r"(/bot)[^/\s]+")
_URL_PASSWORD = re.compile(r"(?<=://)[^/\s?#]{0,512}@")  # "http://user:pass@word@proxy/": all before the last "@"
QUIET_ERRORS = {"InvalidToken"}  # logged without a traceback: the bot ends with one clear line about it
MIN_SECRET_HALF = 12  # a token's part after the colon is redacted alone too, when it is this long (real ones: 35)
MAX_PENDING = 8192  # characters held back waiting for the end of a line before they are written anyway


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Remove the given secrets and anything shaped like a bot token: also a token's secret half alone, its
    URL-encoded form ("%3A" for the colon) and any of these in another letter case (an error text lowercased)."""
    for secret in secrets:
        if secret:
            text = _secret_pattern(secret).sub("[REDACTED]", text)
    return _URL_PASSWORD.sub("[REDACTED]@", TOKEN_SHAPE.sub("[REDACTED]", text))


@functools.lru_cache(maxsize=8)
def _secret_pattern(secret: str) -> re.Pattern:
    bot_id, colon, half = secret.partition(":")
    whole = re.escape(bot_id) + "(?::|%3a)" + re.escape(half) if colon else re.escape(secret)
    alone = f"|{re.escape(half)}" if colon and len(half) >= MIN_SECRET_HALF else ""
    return re.compile(whole + alone, re.IGNORECASE)


class RedactingFilter(logging.Filter):
    """Rewrites each record (message, arguments and traceback) with secrets removed."""

    def __init__(self, secrets: tuple[str, ...] = ()):
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)
        self._formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception as exc:  # noqa: BLE001 - an argument that cannot be printed (a 300-deep reply chain
            # overflows repr) must not break the code that logs: a filter's exception reaches the caller
            text = record.msg if isinstance(record.msg, str) else type(record.msg).__name__
            message = f"{text} [arguments not printable: {type(exc).__name__}]"
            record.msg, record.args = message, None
        clean = redact(message, self.secrets)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and type(record.exc_info[1]).__name__ in QUIET_ERRORS:
            record.exc_info = None  # the runner reports these itself, in one line
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
    # (a name logging knows as a level; anything else - "basic_format" is an attribute of logging too - is INFO)
    known = logging.getLevelNamesMapping()
    root.setLevel(level if isinstance(level, int) else known.get(str(level).strip().upper(), logging.INFO))
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


class RedactingStream(io.TextIOBase):
    """A text stream that redacts secrets line by line before passing text on (stdout/stderr guard)."""

    def __init__(self, stream, secrets: tuple[str, ...] = ()):
        super().__init__()
        self._stream, self._secrets, self._pending = stream, tuple(s for s in secrets if s), ""

    def write(self, text: str) -> int:
        self._pending += text
        if "\n" in self._pending:
            done, self._pending = self._pending.rsplit("\n", 1)
            self._stream.write(redact(done + "\n", self._secrets))
        if len(self._pending) > MAX_PENDING:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._stream.write(redact(self._pending, self._secrets))
            self._pending = ""
        self._stream.flush()

    def fileno(self) -> int:
        return self._stream.fileno()

    def isatty(self) -> bool:
        return self._stream.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", "utf-8")


def guard_output(secrets: tuple[str, ...]) -> None:
    """Every path that can print goes through redaction: stdout, stderr, uncaught exceptions, warnings."""
    sys.stdout = RedactingStream(sys.stdout, secrets)
    sys.stderr = RedactingStream(sys.stderr, secrets)
    sys.excepthook = lambda kind, exc, tb: traceback.print_exception(kind, exc, tb, file=sys.stderr)
    threading.excepthook = lambda args: traceback.print_exception(args.exc_type, args.exc_value, args.exc_traceback,
                                                                  file=sys.stderr)
    sys.unraisablehook = lambda unraisable: print(redact(f"Unraisable exception: {unraisable.exc_value!r}", secrets),
                                                  file=sys.stderr)
    logging.captureWarnings(True)
    atexit.register(sys.stderr.flush)
    atexit.register(sys.stdout.flush)
