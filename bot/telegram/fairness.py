"""Fairness between chats: one lane per chat, a cap on each lane, and a bounded, orderly shutdown.

PTB hands every update to `process_update` at once. Here each chat's updates run one at a time, in
order, so a chat that floods (or waits on its own rate limit) holds at most one slot; other chats
never queue behind it. A chat with more than `per_chat` updates waiting loses the excess, and is
told so once per flood. Lanes of idle chats are forgotten beyond `max_chats` (with their chat_data).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.telegram.transport import Ledger

log = logging.getLogger(__name__)
MAX_CHATS = 10_000  # lanes (and chat_data) kept for the most recent chats; idle older ones are dropped
INLINE_QUEUE_FACTOR = 10  # a lane's cap times this for inline queries: queued older ones cost nothing but a skip


class Lane:
    """One chat's queue: a FIFO lock, how many wait for it, and whether the chat was told of drops."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.waiting = 0
        self.dropped = 0
        self.running: asyncio.Task | None = None
        self.latest_inline: int | None = None  # the newest inline query queued: the older ones are superseded


def chat_key(update: object) -> int | None:
    """The chat (or, for inline queries, the user) whose lane an update belongs to."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


class FairUpdateProcessor(BaseUpdateProcessor):
    """Per-chat lanes in front of PTB's global concurrency limit (see the module docstring)."""

    def __init__(self, ledger: Ledger, per_chat: int = 5, max_concurrent: int = 256, max_chats: int = MAX_CHATS):
        super().__init__(max_concurrent)
        self.ledger, self.per_chat, self.max_chats = ledger, per_chat, max_chats
        self.lanes: OrderedDict[int, Lane] = OrderedDict()
        self.stopping = False
        self.on_overflow: Callable[[Update], Awaitable[None]] | None = None
        self.on_forget: Callable[[int], None] = lambda chat: None
        self.idle = asyncio.Event()
        self.idle.set()
        self._active = 0

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        await coroutine

    def _lane(self, key: int) -> Lane:
        lane = self.lanes.pop(key, None) or Lane()
        self.lanes[key] = lane
        while len(self.lanes) > self.max_chats:
            old_key, old = next(iter(self.lanes.items()))
            if old.waiting or old.lock.locked():
                break  # the oldest lane is busy: keep it, try again on the next update
            del self.lanes[old_key]
            self.on_forget(old_key)
        return lane

    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        update_id = getattr(update, "update_id", None)
        if self.stopping:
            coroutine.close()  # left unconfirmed: Telegram delivers it again after the restart
            return
        key = chat_key(update)
        if key is None:
            await self._run(update, coroutine, None)
            return
        lane = self._lane(key)
        # a user typing "@bot question" sends a query per keystroke: the newest is the one to answer, the queued
        # older ones are skipped when their turn comes (dropping the newest, as for messages, left it unanswered)
        inline = isinstance(update, Update) and update.inline_query is not None
        if lane.waiting >= self.per_chat * (INLINE_QUEUE_FACTOR if inline else 1):
            coroutine.close()
            self.ledger.done(update_id)
            await self._overflow(update, lane, key)
            return
        if inline:
            lane.latest_inline = update_id
        lane.waiting += 1
        try:
            async with lane.lock:
                lane.waiting -= 1
                if self.stopping:
                    coroutine.close()
                    return
                if inline and lane.latest_inline != update_id:
                    coroutine.close()
                    self.ledger.done(update_id)  # superseded by a newer query of the same user
                    return
                await self._run(update, coroutine, lane)
        finally:
            if lane.waiting == 0 and not lane.lock.locked():
                lane.dropped = 0

    async def _overflow(self, update: Update, lane: Lane, key: int) -> None:
        lane.dropped += 1
        if lane.dropped == 1:
            log.warning("Chat %s is sending faster than it can be answered; dropping its excess messages", key)
            if self.on_overflow is not None:
                await self.on_overflow(update)

    async def _run(self, update: object, coroutine: Awaitable[Any], lane: Lane | None) -> None:
        self._active += 1
        self.idle.clear()
        if lane is not None:
            lane.running = asyncio.current_task()
        try:
            async with self._semaphore:
                await self.do_process_update(update, coroutine)
            self.ledger.done(getattr(update, "update_id", None))
        except asyncio.CancelledError:
            if not self.stopping:
                raise  # only our own shutdown cancels quietly; anything else propagates
        except Exception:  # an update that breaks PTB itself, outside any handler: logged, done, and the next one
            log.exception("Update %s could not be processed; skipping it", getattr(update, "update_id", None))
            self.ledger.done(getattr(update, "update_id", None))
        finally:
            if lane is not None:
                lane.running = None
            self._active -= 1
            if self._active == 0:
                self.idle.set()

    async def drain(self, grace: float) -> None:
        """Let queued and running work finish for up to `grace` seconds, then cancel the rest."""
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._all_lanes_empty(), grace)
        self.stopping = True
        late = [lane.running for lane in self.lanes.values() if lane.running is not None]
        for task in late:
            task.cancel()
        if late:
            log.warning("Stopped %d unfinished repl%s at shutdown; Telegram will deliver them again",
                        len(late), "y" if len(late) == 1 else "ies")
            await asyncio.wait(late, timeout=1.0)

    async def _all_lanes_empty(self) -> None:
        while self._active or any(lane.waiting for lane in self.lanes.values()):
            await asyncio.sleep(0.05)
