"""Swap in a freshly loaded knowledge base without a restart; a broken one never replaces a good one.

The load runs in a worker thread with a time limit, so every chat keeps being answered from the old
knowledge while it runs. One reload at a time; a second request while one runs is told so.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from bot.core import BriefBot
from bot.knowledge.loader import KnowledgeError

log = logging.getLogger(__name__)
RELOAD_TIME_LIMIT = 60.0  # seconds; a sane base loads in well under one, a hostile one must not hang us


class Reloader:
    """Holds the serving core; reload() validates a new one and keeps the old on any problem."""

    def __init__(self, core: BriefBot, build: Callable[[], BriefBot] | None = None,
                 time_limit: float = RELOAD_TIME_LIMIT):
        self.core = core
        self._build = build
        self.time_limit = time_limit
        self._running = False

    async def reload(self) -> str:
        """Try to reload in a worker thread; return a report for the admin (also logged)."""
        if self._build is None:
            return "Reloading is not available in this mode."
        if self._running:
            return "A reload is already running; still serving the previous knowledge."
        self._running = True
        job = asyncio.ensure_future(asyncio.to_thread(self._build))
        job.add_done_callback(self._finished)  # a thread cannot be killed: the flag waits for it to end
        try:
            fresh = await asyncio.wait_for(asyncio.shield(job), self.time_limit)
        except TimeoutError:
            message = f"Reload gave up after {self.time_limit:.0f} s; still serving the previous knowledge."
            log.error(message)
            return message
        except KnowledgeError as exc:
            lines = [f"Reload refused: {len(exc.problems)} problem(s); still serving the previous knowledge."]
            lines += [f"- {p}" for p in exc.problems]
            log.error("\n".join(lines))
            return "\n".join(lines)
        except Exception as exc:  # noqa: BLE001 - any failure must leave the old knowledge serving
            log.error("Reload failed (%s); still serving the previous knowledge", type(exc).__name__, exc_info=True)
            return f"Reload failed ({type(exc).__name__}); still serving the previous knowledge."
        self.core = fresh
        entries = sum(len(b.entries) for b in fresh.knowledge.briefs)
        message = f"Reloaded: {len(fresh.knowledge.briefs)} brief(s), {entries} entries."
        log.info(message)
        return message

    def _finished(self, job: asyncio.Future) -> None:
        self._running = False
        if not job.cancelled():
            job.exception()  # retrieved, so a late failure after a time-out is not reported twice
