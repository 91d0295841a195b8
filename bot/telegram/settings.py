"""Telegram settings from the environment, read once in main()."""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

TOKEN_FORMAT = re.compile(r"\d+:[A-Za-z0-9_-]+")  # what a bot token must look like to be tried at all
# anything this shaped (URL-encoded too) is redacted; (?<!\d): linear on a long run of digits
TOKEN_SHAPE = re.compile(r"(?<!\d)\d{5,}(?::|%3[aA])[A-Za-z0-9_-]{20,}")
CONFLICT_GIVE_UP = 90.0  # seconds of nothing but 409 Conflict after which polling is given up: a deploy's overlap
# lasts seconds; a second poller or a webhook that stays is a setup to fix, and a supervisor should hear of it
DEFAULT_API_URL = "https://api.telegram.org/bot"
STATE_FILE_NAME = "state.sqlite3"


def state_file(env) -> Path | None:
    """BRIEFBOT_STATE_FILE (empty: no memory across restarts), else systemd's $STATE_DIRECTORY, else
    $XDG_STATE_HOME/briefbot or ~/.local/state/briefbot."""
    chosen = env.get("BRIEFBOT_STATE_FILE")
    if chosen is not None:
        return Path(chosen.strip()).expanduser() if chosen.strip() else None
    systemd = env.get("STATE_DIRECTORY", "").split(":")[0]
    xdg = Path(env.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    base = Path(systemd) if systemd else xdg / "briefbot"
    return base / STATE_FILE_NAME


class ConfigError(Exception):
    """A setting is missing or malformed; the message is safe to print (no secrets)."""


USER_ID = re.compile(r"-?[0-9]{1,20}")  # a Telegram user id: ASCII digits ("²" is a digit to str.isdigit, not to int)
MAX_SETTING = 1e9  # no delay, rate or count this large is meant: a typo, which would hang or overflow somewhere


def _ids(raw: str) -> frozenset[int]:
    ids = set()
    for part in filter(None, (p.strip() for p in raw.split(","))):
        if not USER_ID.fullmatch(part):
            raise ConfigError(f"BOT_ADMIN_IDS must be numeric Telegram user ids separated by commas, got {part[:20]!r}")
        ids.add(int(part))
    return frozenset(ids)


def _number(env, name: str, default: float, low: float = 0.0) -> float:
    """A finite number from `low` to MAX_SETTING ("nan", "inf" and "1e999" are none)."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds or a rate, got {raw[:20]!r}") from None
    if not math.isfinite(value) or not low <= value <= MAX_SETTING:
        raise ConfigError(f"{name} must be a number from {low:g} to {MAX_SETTING:g}, got {raw[:20]!r}")
    return value


def _rate(env) -> float:
    """BRIEFBOT_MAX_RATE: 0 turns the overall limit off; otherwise at least one message a second (the limiter's
    window is a second: a lower rate is no rate it can keep)."""
    rate = _number(env, "BRIEFBOT_MAX_RATE", 30.0)
    if 0 < rate < 1:
        raise ConfigError("BRIEFBOT_MAX_RATE must be 0 (no limit) or at least 1 message a second")
    return rate


@dataclass(frozen=True)
class Settings:
    token: str
    api_url: str = DEFAULT_API_URL
    admin_ids: frozenset[int] = frozenset()
    webhook_secret: str | None = None
    unanswered_log: Path | None = None
    max_retry_wait: float = 30.0  # seconds of 429 retry_after we will wait before giving up on a reply
    max_rate: float = 30.0  # messages per second overall: Telegram's broadcast limit
    poll_timeout: float = 10.0  # long-polling timeout of getUpdates, seconds
    read_timeout: float = 5.0  # HTTP read timeout added to it, seconds
    health_file: Path | None = None  # touched after every good getUpdates (a container health check reads it)
    backoff_max: float = 30.0  # longest wait between retries (start-up and sends); tests shorten it
    shutdown_grace: float = 5.0  # seconds replies may finish after SIGTERM; the rest are left unconfirmed
    chat_queue: int = 5  # updates one chat may have waiting; beyond that its excess is dropped (and it is told)
    reload_time_limit: float = 60.0  # a reload that takes longer is abandoned; the old knowledge serves on
    state_file: Path | None = None  # each chat's memory (/brief, /lang, follow-ups) across restarts; None: none
    conflict_give_up: float = CONFLICT_GIVE_UP  # seconds of nothing but 409 Conflict before polling ends (exit 1)

    @classmethod
    def from_env(cls, env: dict | None = None) -> Settings:
        env = os.environ if env is None else env
        token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
        if not token:
            raise ConfigError("TELEGRAM_BOT_TOKEN is not set; get a token from @BotFather and export it.")
        if not TOKEN_FORMAT.fullmatch(token):
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is malformed; it should look like 123456789:AAE... "
                "(digits, a colon, then letters, digits, _ or -)."
            )
        log = env.get("BRIEFBOT_UNANSWERED_LOG", "").strip()
        if log and (Path(log).is_fifo() or Path(log).is_dir()):
            # (a FIFO no one reads would block the first write, and the bot with it; a directory cannot be appended)
            raise ConfigError("BRIEFBOT_UNANSWERED_LOG must be a file (or not exist yet), not a FIFO or a directory")
        health = env.get("BRIEFBOT_HEALTH_FILE", "").strip()
        return cls(
            token=token,
            api_url=env.get("TELEGRAM_API_URL", "").strip() or DEFAULT_API_URL,
            admin_ids=_ids(env.get("BOT_ADMIN_IDS", "")),
            webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET", "").strip() or None,
            unanswered_log=Path(log) if log else None,
            max_rate=_rate(env),
            poll_timeout=_number(env, "BRIEFBOT_POLL_TIMEOUT", 10.0),
            read_timeout=_number(env, "BRIEFBOT_READ_TIMEOUT", 5.0),
            health_file=Path(health) if health else None,
            backoff_max=_number(env, "BRIEFBOT_BACKOFF_MAX", 30.0),
            shutdown_grace=_number(env, "BRIEFBOT_SHUTDOWN_GRACE", 5.0),
            chat_queue=max(1, int(_number(env, "BRIEFBOT_CHAT_QUEUE", 5))),
            reload_time_limit=_number(env, "BRIEFBOT_RELOAD_TIMEOUT", 60.0),
            state_file=state_file(env),
            conflict_give_up=_number(env, "BRIEFBOT_CONFLICT_GIVE_UP", CONFLICT_GIVE_UP),
        )
