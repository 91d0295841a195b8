"""Opt-in JSON Lines log of unanswered questions and answer feedback. Holds no user ids or names."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

from bot.reply import Reply

log = logging.getLogger(__name__)
MAX_LOGGED_QUESTION = 500


class TrafficLog:
    """Appends one JSON object per event; failures are logged, never raised into a chat."""

    def __init__(self, path: Path | None):
        self.path = path

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def _write(self, record: dict) -> None:
        if self.path is None:
            return
        record = {"at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), **record}
        try:
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        except OSError as exc:
            log.warning("Could not write the traffic log: %s", exc)

    def question(self, reply: Reply) -> None:
        """Log a declined or low-confidence question (answered ones are not logged)."""
        if reply.answered or reply.kind in ("empty", "too_long"):
            return
        closest = reply.suggestions[0] if reply.suggestions else None
        self._write({"event": "unanswered", "kind": reply.kind, "question": reply.question[:MAX_LOGGED_QUESTION],
                     "score": round(reply.score, 4), "closest": f"{closest.brief}/{closest.entry}" if closest else None})

    def feedback(self, brief: str, entry: str, useful: bool) -> None:
        self._write({"event": "feedback", "entry": f"{brief}/{entry}", "useful": useful})


def read_log(path: Path) -> list[dict]:
    """All well-formed records of a traffic log; malformed lines are skipped."""
    records = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(item, dict):
            records.append(item)
    return records
