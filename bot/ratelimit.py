"""Polite transport: bounded 429 retries for sending, and a harder back-off on 409 Conflict for polling."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram.error import RetryAfter, TelegramError
from telegram.ext import AIORateLimiter
from telegram.request import HTTPXRequest

log = logging.getLogger(__name__)


class RetryAfterTooLong(TelegramError):
    """Telegram asked us to wait longer than we are willing to hold a reply."""


class BoundedRateLimiter(AIORateLimiter):
    """Retries 429s up to max_retries, unless retry_after exceeds max_wait seconds: then it gives up."""

    def __init__(self, max_wait: float = 30.0, **kwargs: Any):
        super().__init__(**kwargs)
        self.max_wait = max_wait

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):  # type: ignore[override]
        async def guarded(*a: Any, **k: Any):
            try:
                return await callback(*a, **k)
            except RetryAfter as exc:
                wait = exc.retry_after if isinstance(exc.retry_after, (int, float)) else exc.retry_after.total_seconds()
                if wait > self.max_wait:
                    log.warning("Telegram asked to wait %.0f s before %s; giving up on this request", wait, endpoint)
                    raise RetryAfterTooLong(f"retry_after {wait:.0f} s exceeds {self.max_wait:.0f} s") from exc
                raise

        return await super().process_request(guarded, args, kwargs, endpoint, data, rate_limit_args)


class ConflictBackoffRequest(HTTPXRequest):
    """The getUpdates transport: on 409 Conflict (another poller) it waits 1, 2, 4 … up to 30 s first.

    PTB's own back-off starts from the poll interval; a second poller is not a blip, so we slow
    down harder and keep a clear log line (the error handler writes it).
    """

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self._wait = 0.0

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        code, payload = await super().do_request(*args, **kwargs)
        if code == 409:
            self._wait = min(30.0, max(1.0, self._wait * 2))
            await asyncio.sleep(self._wait)
        else:
            self._wait = 0.0
        return code, payload
