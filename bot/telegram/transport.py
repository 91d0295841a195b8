"""Polite, robust transport.

* `SendRequest` retries sends that are safe to retry (5xx, connections that failed or were dropped
  before an answer) a bounded number of times with back-off, and remembers a 401/404 so start-up can
  say which of token or URL is wrong.
* `PollingRequest` backs off harder on 409 Conflict, defuses poison updates, records every fetched
  update in the `Ledger`, touches the health file, and at shutdown confirms only finished updates.
* `FairRateLimiter` rate-limits per chat: a 429 for one chat holds back only that chat.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import logging
import math
import re
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from aiolimiter import AsyncLimiter
from telegram import Update
from telegram.error import NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import BaseRateLimiter
from telegram.request import HTTPXRequest, RequestData
from telegram.request._requestparameter import RequestParameter

from bot.telegram.redaction import redact
from bot.telegram.settings import CONFLICT_GIVE_UP

log = logging.getLogger(__name__)
REJECTED = (401, 404)  # the Bot API's answers to a revoked token (401) or a wrong URL/token path (404)
RETRYABLE_STATUS = frozenset({500, 502, 503, 504})  # the server failed; the message was not sent
MAX_REMEMBERED = 10_000  # chats (rate buckets) or updates kept in memory; the oldest are forgotten
MAX_REPORTED, MAX_REPR = 100, 2000  # id-less poison items remembered (by their first characters) to log once
GROUP_RATE = (20, 60.0)  # Telegram: about 20 messages a minute in one group
MAX_INT_DIGITS = 19  # an integer in an update longer than int64 is no Bot API value (and Python refuses 4,300+)
_UPDATE_ID = re.compile(rb'"update_id"\s*:\s*(\d{1,19})\b')  # salvaged from an answer that does not parse


def _safe_to_resend(exc: BaseException) -> bool:
    """True when the request certainly or almost certainly produced no message."""
    cause = exc.__cause__
    if isinstance(exc, TimedOut):  # a read timeout may have been delivered: never resend it
        return isinstance(cause, (httpx.ConnectTimeout, httpx.PoolTimeout))
    return isinstance(cause, (httpx.ConnectError, httpx.RemoteProtocolError))


class SendRequest(HTTPXRequest):
    """Every request but getUpdates: bounded retries of safe failures, and the last 401/404 seen."""

    def __init__(self, retries: int = 3, backoff: float = 0.5, backoff_max: float = 30.0,
                 secrets: tuple[str, ...] = (), **kwargs: Any):
        super().__init__(**kwargs)
        self.retries, self.backoff, self.backoff_max = retries, backoff, backoff_max
        self.rejected: int | None = None
        self.secrets = tuple(s for s in secrets if s)

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        request_data = _without_secrets(request_data, self.secrets)
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                code, payload = await super().do_request(url, method, request_data, *args, **kwargs)
            except (NetworkError, TimedOut) as exc:
                if last or not _safe_to_resend(exc):
                    raise
                reason = type(exc.__cause__).__name__
            else:
                if code in REJECTED:
                    self.rejected = code
                if last or code not in RETRYABLE_STATUS:
                    return code, payload
                reason = f"HTTP {code}"
            wait = min(self.backoff_max, self.backoff * 2**attempt)
            log.warning("Sending failed (%s); retry %d of %d in %.1f s", reason, attempt + 1, self.retries, wait)
            await asyncio.sleep(wait)
        raise AssertionError("unreachable")


def _without_secrets(request_data: RequestData | None, secrets: tuple[str, ...]) -> RequestData | None:
    """The request with the token (and anything shaped like one) taken out of every text it sends: a reader who
    pastes the token ("/brief 123:AA…") never sees it echoed back."""
    sent = json.dumps(request_data.json_parameters, ensure_ascii=False) if request_data is not None else ""
    if redact(sent, secrets) == sent:
        return request_data

    def clean(value: object) -> object:
        if isinstance(value, str):
            return redact(value, secrets)
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [clean(v) for v in value]
        return value

    # a parameter that uploads a file is kept as it is (its bytes are no text of ours)
    return RequestData([p if p.input_files else RequestParameter.from_input(p.name, clean(p.value))
                        for p in request_data._parameters])


class Ledger:
    """Which fetched updates are not finished yet, so that shutdown confirms only finished ones."""

    def __init__(self) -> None:
        self.open: OrderedDict[int, None] = OrderedDict()
        self._stop = asyncio.Event()  # set when shutdown starts: no more fetching, and waits end at once
        self.final = False  # the last getUpdates confirms everything below the lowest open update

    @property
    def stopping(self) -> bool:
        """No more fetching; responses that arrive now are left unconfirmed."""
        return self._stop.is_set()

    @stopping.setter
    def stopping(self, value: bool) -> None:
        self._stop.set() if value else self._stop.clear()

    async def pause(self, seconds: float) -> None:
        """Wait up to `seconds`, or until shutdown starts: a back-off never holds up SIGTERM."""
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._stop.wait(), seconds)

    def fetched(self, update_ids: list[int]) -> None:
        for update_id in update_ids:
            self.open[update_id] = None
        while len(self.open) > MAX_REMEMBERED:
            self.open.popitem(last=False)

    def done(self, update_id: int | None) -> None:
        self.open.pop(update_id, None)

    def lowest_open(self) -> int | None:
        return min(self.open) if self.open else None


class PollingRequest(HTTPXRequest):
    """The getUpdates transport.

    * On 409 Conflict (another poller) it waits 1, 2, 4 … up to 30 s first: PTB's own back-off
      starts from the poll interval, and a second poller is not a blip.
    * 401/404 (token revoked, wrong URL), also when said in the body of an HTTP 200, and 409 that lasts
      `conflict_give_up` seconds stop PTB's polling for good: it calls `on_fatal` so the process ends
      with a clear line instead of living on without polling.
    * An answer that is not JSON Python can read (a 5,000-digit number, arrays nested 100,000 deep) is
      fetched again one update at a time; the update that still breaks it is skipped by its update_id.
    * 5xx answers and lost connections are retried here, waiting 0.5, 1, 2 … up to `backoff_max` s.
    * It defuses poison updates (see `defuse_updates`) and treats a malformed `result` as a server
      error (502), so PTB backs off instead of logging a traceback ten times a second.
    * After each good answer it touches the health file, if one is configured.
    """

    def __init__(self, ledger: Ledger | None = None, health_file: Path | None = None, backoff_max: float = 30.0,
                 conflict_give_up: float = CONFLICT_GIVE_UP, **kwargs: Any):
        super().__init__(**kwargs)
        self._wait = 0.0
        self.backoff_max = backoff_max
        self.ledger = ledger or Ledger()
        self.health_file = health_file
        self.on_fatal: Callable[[int], None] = lambda code: None
        self.conflict_give_up = conflict_give_up
        self._conflict_since: float | None = None

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        if self.ledger.stopping and not self.ledger.final:
            await asyncio.sleep(0.2)  # shutting down: fetch nothing more, wait for the last call
            return 200, NO_UPDATES
        if self.ledger.final and request_data is not None:
            request_data = _hold_offset(request_data, self.ledger.lowest_open())
        code, payload, ids = await self._fetch(url, method, request_data, *args, **kwargs)
        if code == UNPARSEABLE:  # one update breaks JSON itself: fetch one at a time to find it, skip only it
            code, payload, ids = await self._fetch(url, method, _one_at_a_time(request_data), *args, **kwargs)
            if code == UNPARSEABLE:
                code, payload, ids = _skip_unparseable(payload)
        if code == 409:
            self._wait = min(30.0, max(1.0, self._wait * 2))
            self._conflict_since = self._conflict_since or time.monotonic()
            if time.monotonic() - self._conflict_since + self._wait > self.conflict_give_up:
                self.on_fatal(409)  # the next try would come after the limit: give up now, without waiting
            else:
                await self.ledger.pause(self._wait)
        else:
            self._wait, self._conflict_since = 0.0, None
        if code == 429:  # Telegram asks polling to wait: wait here, where shutdown can end the wait, not in PTB
            await self.ledger.pause(max(MIN_POLL_WAIT, _retry_after(payload, self.backoff_max)))
            return 200, NO_UPDATES
        if code in REJECTED:
            self.on_fatal(code)
        if code != 200:
            return code, payload
        if self.ledger.stopping:
            return code, NO_UPDATES  # arrived during shutdown: leave them unconfirmed
        self.ledger.fetched(ids)
        touch(self.health_file)
        return code, payload


    async def _fetch(self, *args: Any, **kwargs: Any) -> tuple[int, bytes, list[int]]:
        """One usable getUpdates answer (defused) and its update ids; 5xx, lost connections and
        malformed results are retried here with a bounded back-off."""
        wait = 0.0
        while True:
            try:
                code, payload = await super().do_request(*args, **kwargs)
                ids: list[int] = []
                if code == 200:
                    code, payload, ids = defuse_updates(payload)
                if code not in RETRYABLE_STATUS:
                    return code, payload, ids
                failure = f"HTTP {code}"
            except TimedOut:
                raise  # PTB retries a timed-out long poll at once
            except NetworkError as exc:
                failure = f"{type(exc).__name__}: {exc}"
            wait = min(self.backoff_max, max(0.5, wait * 2))
            log.warning("Fetching updates failed (%s); retrying in %.1f s.", failure, wait)
            await self.ledger.pause(wait)
            if self.ledger.stopping:
                return 200, NO_UPDATES, []


def touch(path: Path | None) -> None:
    """Refresh the health file's time stamp (creating it); a failure is logged, never raised."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    except OSError as exc:
        log.warning("Could not touch the health file: %s", exc)


def _hold_offset(request_data: RequestData, lowest_open: int | None) -> RequestData:
    """The same request, but never confirming an update that is not finished."""
    params = dict(request_data.parameters)
    if lowest_open is None or int(params.get("offset") or 0) <= lowest_open:
        return request_data
    log.info("Leaving updates from %d on unconfirmed; Telegram will deliver them again", lowest_open)
    params["offset"] = lowest_open
    return RequestData([RequestParameter.from_input(k, v) for k, v in params.items()])


def _parses(item: dict) -> bool:
    """Whether PTB reads the update into what the Bot API promises: a message has its chat and text is text."""
    try:
        update = Update.de_json(copy.deepcopy(item), None)
    except Exception:  # noqa: BLE001 - any parse failure makes the update poison
        return False
    message = update.effective_message if update is not None else None
    if message is None:
        return True
    return getattr(message, "chat", None) is not None and isinstance(getattr(message, "text", None), str | None)


def _valid_id(item: object) -> int | None:
    update_id = item.get("update_id") if isinstance(item, dict) else None
    return update_id if isinstance(update_id, int) and not isinstance(update_id, bool) else None


_reported: OrderedDict[str, None] = OrderedDict()  # id-less poison seen recently: it comes back until confirmed


def _report_once(item: object) -> None:
    key = repr(item)[:MAX_REPR]
    if key not in _reported:
        log.warning("Skipping an update without a valid update_id (%s)", type(item).__name__)
        _reported[key] = None
        if len(_reported) > MAX_REPORTED:
            _reported.popitem(last=False)


def _repair(item: object) -> dict | None:
    """A parseable version of one update, or None when it has no usable update_id."""
    update_id = _valid_id(item)
    if update_id is None:
        _report_once(item)
        return None
    if _parses(item):
        return item
    query = item.get("callback_query")
    if isinstance(query, dict) and "message" in query:
        trimmed = {**item, "callback_query": {k: v for k, v in query.items() if k != "message"}}
        if _parses(trimmed):
            log.warning("Update %s: dropped an unparseable callback message, kept the button press", update_id)
            return trimmed
    log.warning("Update %s cannot be parsed; skipping it so polling can go on", update_id)
    return {"update_id": update_id}


UNPARSEABLE = -1  # a status of our own: the answer is not JSON Python can read
MAX_POLL_WAIT = 3600.0  # at most an hour, whatever a 429 says ("Infinity" would be waited out until SIGTERM)
MIN_POLL_WAIT = 0.5  # seconds polling waits at least on a 429, whatever retry_after says (no busy loop on 0)
NO_UPDATES = b'{"ok": true, "result": []}'


def _retry_after(payload: bytes, default: float) -> float:
    """The retry_after of a 429 answer, in seconds (`default` if it gives none usable), at most MAX_POLL_WAIT."""
    try:
        seconds = json.loads(payload)["parameters"]["retry_after"]
        wait = float(seconds) if isinstance(seconds, int | float) and not isinstance(seconds, bool) else default
    except (ValueError, KeyError, TypeError, OverflowError):
        wait = default
    wait = min(MAX_POLL_WAIT, wait) if math.isfinite(wait) else default
    log.warning("Telegram asked polling to wait %.0f s (429); waiting", wait)
    return wait


class LongInt(str):
    """The digits of an integer too long for any Bot API field, kept as text."""


def _rewritten(data: dict, updates: list) -> tuple[int, bytes, list[int]]:
    """The answer written anew (over-long numbers as text), or UNPARSEABLE if even that overflows."""
    try:
        return 200, json.dumps(data).encode(), [u["update_id"] for u in updates]
    except (ValueError, RecursionError):
        return UNPARSEABLE, b"", []


def _one_at_a_time(request_data: RequestData | None) -> RequestData | None:
    """The same getUpdates request, asking for one update only."""
    if request_data is None:
        return RequestData([RequestParameter.from_input("limit", 1)])
    params = {**request_data.parameters, "limit": 1}
    return RequestData([RequestParameter.from_input(k, v) for k, v in params.items()])


def _skip_unparseable(payload: bytes) -> tuple[int, bytes, list[int]]:
    """An answer of one update that does not parse: that update, as its bare id, so that it is confirmed and
    polling goes on; a 502 (back off and retry) if not even its id can be read."""
    found = _UPDATE_ID.search(payload)
    if found is None:
        log.warning("getUpdates returned an answer that cannot be read, without a readable update_id; retrying")
        return 502, BAD_RESULT, []
    update_id = int(found.group(1))
    log.warning("Update %s cannot be read as JSON; skipping it so polling can go on", update_id)
    return 200, json.dumps({"ok": True, "result": [{"update_id": update_id}]}).encode(), [update_id]


BAD_RESULT = json.dumps(
    {"ok": False, "error_code": 502, "description": "Bad Gateway: malformed getUpdates result"}
).encode()


def defuse_updates(payload: bytes) -> tuple[int, bytes, list[int]]:
    """(status, payload, update ids) with poison updates repaired or skipped past.

    PTB cannot parse an update that breaks the Bot API schema and would fetch the same batch forever.
    An update whose callback message is malformed loses that message; another unparseable update
    becomes its bare update_id; one without a usable update_id is dropped. The kept updates are
    sorted, so PTB confirms up to the highest valid id. A `result` that is not a list is a 502.
    """
    long_ints: list[str] = []

    def bounded_int(digits: str) -> int | LongInt:
        if len(digits.lstrip("-")) <= MAX_INT_DIGITS:
            return int(digits)
        long_ints.append(digits)
        return LongInt(digits)

    try:
        data = json.loads(payload, parse_int=bounded_int)
    except (ValueError, RecursionError):
        return UNPARSEABLE, payload, []
    if isinstance(data, dict) and data.get("ok") is False:
        # {"ok": false, "error_code": 401} in an HTTP 200: the error it says; without a usable code, a server error
        error = data.get("error_code")
        valid = isinstance(error, int) and not isinstance(error, bool) and 400 <= error < 600
        return (error, payload, []) if valid else (502, BAD_RESULT, [])
    updates = data.get("result") if isinstance(data, dict) else None
    if isinstance(data, dict) and data.get("ok") is True and not isinstance(updates, list):
        log.warning(
            "getUpdates returned a malformed result (%s); treating it as a server error", type(updates).__name__
        )
        return 502, BAD_RESULT, []
    if not isinstance(updates, list):
        return 200, payload, []
    if all(_valid_id(u) is not None and _parses(u) for u in updates):
        if long_ints:  # an over-long number became its digits, at any depth: PTB reads the rewritten answer
            return _rewritten(data, updates)
        return 200, payload, [u["update_id"] for u in updates]
    fixed = sorted(filter(None, map(_repair, updates)), key=lambda u: u["update_id"])
    return _rewritten({**data, "result": fixed}, fixed)


class RetryAfterTooLong(TelegramError):
    """Telegram asked us to wait longer than we are willing to hold a reply."""


class FairRateLimiter(BaseRateLimiter[int]):
    """Telegram's limits without head-of-line blocking between chats.

    An overall rate (30 messages/s by default), about 20 messages a minute per group, and on a 429
    only the chat it was about waits `retry_after` (up to `max_wait`, else the reply is given up),
    retried at most `max_retries` times. Buckets are kept for the most recent chats only.
    """

    def __init__(self, overall_max_rate: float = 30.0, max_retries: int = 3, max_wait: float = 30.0):
        self.overall = AsyncLimiter(overall_max_rate, 1) if overall_max_rate else None
        self.max_retries, self.max_wait = max_retries, max_wait
        self.groups: OrderedDict[Any, AsyncLimiter] = OrderedDict()
        self.blocked_until: OrderedDict[Any, float] = OrderedDict()

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    def _group(self, chat: Any) -> AsyncLimiter | None:
        if not (isinstance(chat, str) or (isinstance(chat, int) and chat < 0)):
            return None
        limiter = self.groups.pop(chat, None) or AsyncLimiter(*GROUP_RATE)
        self.groups[chat] = limiter
        if len(self.groups) > MAX_REMEMBERED:
            self.groups.popitem(last=False)
        return limiter

    async def _wait_turn(self, chat: Any) -> None:
        delay = self.blocked_until.get(chat, 0.0) - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        group = self._group(chat) if chat is not None else None
        if group is not None:
            await group.acquire()
        if self.overall is not None:
            await self.overall.acquire()

    def _block(self, chat: Any, seconds: float) -> None:
        self.blocked_until.pop(chat, None)
        self.blocked_until[chat] = time.monotonic() + seconds
        if len(self.blocked_until) > MAX_REMEMBERED:
            self.blocked_until.popitem(last=False)

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):  # type: ignore[override]
        chat = data.get("chat_id")
        for attempt in range(self.max_retries + 1):
            await self._wait_turn(chat)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                wait = exc.retry_after if isinstance(exc.retry_after, (int, float)) else exc.retry_after.total_seconds()
                if wait > self.max_wait:
                    log.warning("Telegram asked to wait %.0f s before %s; giving up on this request", wait, endpoint)
                    raise RetryAfterTooLong(f"retry_after {wait:.0f} s exceeds {self.max_wait:.0f} s") from exc
                if attempt == self.max_retries:
                    raise
                log.info("429 for one chat on %s: that chat waits %.1f s, the others go on", endpoint, wait)
                self._block(chat, wait + 0.1)
        raise AssertionError("unreachable")
