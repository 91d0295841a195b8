"""Polite transport: bounded 429 retries for sending, and a harder back-off on 409 Conflict for polling."""

from __future__ import annotations

import asyncio
import copy
import json
import logging
from typing import Any

from telegram import Update
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


class PollingRequest(HTTPXRequest):
    """The getUpdates transport.

    * On 409 Conflict (another poller) it waits 1, 2, 4 … up to 30 s first: PTB's own back-off
      starts from the poll interval, and a second poller is not a blip.
    * It defuses poison updates: PTB cannot parse an update that breaks the Bot API schema and then
      fetches the same batch forever, so no later message is ever answered. An update whose
      callback message is malformed loses that optional message; any other unparseable update is
      replaced by its bare update_id, so polling moves past it. Both are logged.
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
        if code == 200:
            payload = defuse_updates(payload)
        return code, payload


def _parses(item: dict) -> bool:
    try:
        Update.de_json(copy.deepcopy(item), None)
        return True
    except Exception:  # noqa: BLE001 - any parse failure makes the update poison
        return False


def defuse_updates(payload: bytes) -> bytes:
    """Repair or neutralise updates that python-telegram-bot cannot parse (see PollingRequest)."""
    try:
        data = json.loads(payload)
    except ValueError:
        return payload
    updates = data.get("result") if isinstance(data, dict) else None
    if not isinstance(updates, list) or all(isinstance(u, dict) and _parses(u) for u in updates):
        return payload
    fixed = []
    for item in updates:
        if not isinstance(item, dict) or _parses(item):
            fixed.append(item)
            continue
        query = item.get("callback_query")
        if isinstance(query, dict) and "message" in query:
            trimmed = {**item, "callback_query": {k: v for k, v in query.items() if k != "message"}}
            if _parses(trimmed):
                log.warning("Update %s: dropped an unparseable callback message, kept the button press", item.get("update_id"))
                fixed.append(trimmed)
                continue
        log.warning("Update %s cannot be parsed; skipping it so polling can go on", item.get("update_id"))
        fixed.append({"update_id": item.get("update_id")})
    return json.dumps({**data, "result": fixed}).encode()
