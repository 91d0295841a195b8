"""Opt-in JSON Lines log of unanswered questions and answer feedback. Holds no user ids or names.

Writing never breaks a reply: any error (disk, encoding, a lone surrogate) is logged and swallowed,
and text that cannot be encoded is written with replacement characters. The log is size-bounded:
past `max_bytes` it is rotated to `.1` (and `.1` to `.2`), so at most three files exist.
Feedback counts once per voter and message; voters live only in memory, in a bounded window.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path

from bot.reply import Reply

log = logging.getLogger(__name__)
MAX_LOGGED_QUESTION = 500
MAX_LOG_BYTES = 10 * 2**20  # rotate past 10 MiB: months of unanswered questions for a busy bot
LOG_BACKUPS = 2  # rotated files kept (path.1, path.2)
MAX_VOTERS = 10_000  # (voter, message) pairs remembered to refuse a second vote; the oldest are forgotten


class TrafficLog:
    """Appends one JSON object per event; failures are logged, never raised into a chat."""

    def __init__(self, path: Path | None, max_bytes: int = MAX_LOG_BYTES, backups: int = LOG_BACKUPS,
                 redact: Callable[[str], str] = lambda text: text):
        """`redact` cleans each line before it is written (the Telegram front end takes its token out of what
        readers typed: "is 123:AA… a thing?" is logged with the token redacted)."""
        self.path, self.max_bytes, self.backups, self.redact = path, max_bytes, backups, redact
        self._votes: OrderedDict[Hashable, None] = OrderedDict()

    def _rotate(self) -> None:
        if self.path.stat().st_size < self.max_bytes:
            return
        for n in range(self.backups, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{n}")
            newer = self.path.with_name(f"{self.path.name}.{n - 1}") if n > 1 else self.path
            if newer.exists():
                newer.replace(older)
        if self.backups == 0:
            self.path.unlink()

    def _write(self, record: dict) -> None:
        if self.path is None:
            return
        record = {"at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), **record}
        try:
            if self.path.exists():
                self._rotate()
            with self.path.open("a", encoding="utf-8", errors="replace") as fh:
                fh.write(self.redact(json.dumps(record, ensure_ascii=False)) + "\n")
        except Exception as exc:  # noqa: BLE001 - logging must never break a reply
            log.warning("Could not write the traffic log: %s", type(exc).__name__)

    def question(self, reply: Reply) -> None:
        """Log a declined or low-confidence question (answered ones are not logged)."""
        if reply.answered or reply.kind in ("empty", "too_long"):
            return
        closest = reply.suggestions[0] if reply.suggestions else None
        self._write(
            {
                "event": "unanswered",
                "kind": reply.kind,
                "question": reply.question[:MAX_LOGGED_QUESTION],
                "score": round(reply.score, 4),
                "closest": f"{closest.brief}/{closest.entry}" if closest else None,
            }
        )

    def feedback(self, brief: str, entry: str, useful: bool, voter: Hashable = None) -> bool:
        """Log a 👍/👎 once per voter and message; False (nothing written) for a repeated press."""
        if voter is not None:
            key = (voter, brief, entry)
            if key in self._votes:
                return False
            self._votes[key] = None
            if len(self._votes) > MAX_VOTERS:
                self._votes.popitem(last=False)
        self._write({"event": "feedback", "entry": f"{brief}/{entry}", "useful": useful})
        return True


def read_log(path: Path) -> list[dict]:
    """All well-formed records of a traffic log; malformed lines are skipped."""
    records = []
    # (records end at "\n" alone: a question may hold U+2028 or U+0085, which str.splitlines would break it at)
    for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(item, dict):
            records.append(item)
    return records
