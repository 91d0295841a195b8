"""Swap in a freshly loaded knowledge base without a restart; a broken one never replaces a good one."""

from __future__ import annotations

import logging
from typing import Callable

from bot.core import BriefBot
from bot.knowledge.loader import KnowledgeError

log = logging.getLogger(__name__)


class Reloader:
    """Holds the serving core; reload() validates a new one and keeps the old on any problem."""

    def __init__(self, core: BriefBot, build: Callable[[], BriefBot] | None = None):
        self.core = core
        self._build = build

    def reload(self) -> str:
        """Try to reload; return a report for the admin (also logged)."""
        if self._build is None:
            return "Reloading is not available in this mode."
        try:
            fresh = self._build()
        except KnowledgeError as exc:
            lines = [f"Reload refused: {len(exc.problems)} problem(s); still serving the previous knowledge."]
            lines += [f"- {p}" for p in exc.problems]
            log.error("\n".join(lines))
            return "\n".join(lines)
        except Exception as exc:  # noqa: BLE001 - any failure must leave the old knowledge serving
            log.exception("Reload failed; still serving the previous knowledge")
            return f"Reload failed ({type(exc).__name__}); still serving the previous knowledge."
        self.core = fresh
        entries = sum(len(b.entries) for b in fresh.knowledge.briefs)
        message = f"Reloaded: {len(fresh.knowledge.briefs)} brief(s), {entries} entries."
        log.info(message)
        return message
