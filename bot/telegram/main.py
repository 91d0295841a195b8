"""`briefbot telegram`: read settings, load the knowledge once, run long polling or a webhook.

Only light imports at module level: the SIGHUP handler goes in before anything slow, so a reload
request during start-up is remembered instead of killing the process.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.knowledge.models import Knowledge

if TYPE_CHECKING:
    from bot.core import BriefBot

log = logging.getLogger("bot.telegram")


def _early_sighup() -> threading.Event:
    """Remember SIGHUPs that arrive before the event loop can handle them."""
    pending = threading.Event()
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, lambda *_: pending.set())
    return pending


def webhook_path(args: argparse.Namespace) -> str:
    """The local path the webhook listens on: --path, else the public URL's path (a proxy passing it through)."""
    from urllib.parse import urlsplit

    return (getattr(args, "path", None) or urlsplit(args.webhook_url or "").path).strip("/") or "telegram"


def run_telegram(args: argparse.Namespace, build: Callable[[], BriefBot], reload: Callable[[], Knowledge]) -> int:
    """Run the bot until SIGINT/SIGTERM or a fatal error. Returns the process exit code.

    build: the serving core (the CLI's cached build); reload: fresh knowledge for SIGHUP and /reload.
    """
    hup = _early_sighup()
    from bot.telegram.settings import ConfigError, Settings

    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"briefbot: {exc}", file=sys.stderr)
        return 2
    if args.webhook_url and not settings.webhook_secret:
        print(
            "briefbot: webhook mode needs TELEGRAM_WEBHOOK_SECRET (1-256 characters A-Z, a-z, 0-9, _ or -).",
            file=sys.stderr,
        )
        return 2
    from bot.telegram.redaction import configure_logging, guard_output

    token_secret = settings.token.split(":", 1)[1]
    secrets = (settings.token, token_secret if len(token_secret) >= 8 else "", settings.webhook_secret or "")
    guard_output(secrets)
    configure_logging(os.environ.get("BRIEFBOT_LOG_LEVEL", "INFO"), secrets=secrets)
    from bot.core import BriefBot
    from bot.telegram.app import build_application
    from bot.telegram.runner import run

    app = build_application(build(), settings, reload=lambda: BriefBot(reload()))
    return run(app, settings, args, hup)
