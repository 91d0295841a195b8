"""`briefbot health`: a container health check. Light: no Telegram import, no knowledge loading.

The bot touches $BRIEFBOT_HEALTH_FILE after every successful getUpdates (long polling; at least every
poll timeout, 10 s by default) or every 10 s while its event loop lives (webhook). The check exits 0
when the file is younger than $BRIEFBOT_HEALTH_MAX_AGE seconds, 1 when it is stale or missing, and
2 when no health file is configured.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

DEFAULT_MAX_AGE = 60.0  # seconds: six missed long polls, longer than any back-off of a healthy bot (30 s)


def health_status(path: Path, max_age: float = DEFAULT_MAX_AGE, now: float | None = None) -> tuple[bool, str]:
    """(healthy, one line saying why)."""
    try:
        age = (time.time() if now is None else now) - path.stat().st_mtime
    except OSError:
        return False, f"unhealthy: {path} does not exist (the bot has not polled successfully yet)"
    if age > max_age:
        return False, f"unhealthy: last successful poll {age:.0f} s ago (limit {max_age:.0f} s)"
    return True, f"healthy: last successful poll {age:.0f} s ago"


def check_health(env: dict | None = None) -> int:
    """Print one line; return the exit code described in the module docstring."""
    env = os.environ if env is None else env
    raw = env.get("BRIEFBOT_HEALTH_FILE", "").strip()
    if not raw:
        print("briefbot: BRIEFBOT_HEALTH_FILE is not set; nothing to check", file=sys.stderr)
        return 2
    try:
        max_age = float(env.get("BRIEFBOT_HEALTH_MAX_AGE", "") or DEFAULT_MAX_AGE)
    except ValueError:
        print("briefbot: BRIEFBOT_HEALTH_MAX_AGE must be a number of seconds", file=sys.stderr)
        return 2
    healthy, line = health_status(Path(raw), max_age)
    print(line)
    return 0 if healthy else 1
