"""PTB's AIORateLimiter, retrying short 429s but giving up at once on unreasonable retry_after."""

from __future__ import annotations

import logging
from typing import Any

from telegram.error import RetryAfter, TelegramError
from telegram.ext import AIORateLimiter

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
