"""`briefbot telegram`: read settings, load the knowledge once, run long polling or a webhook."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import signal
import sys
from typing import Callable

from telegram import Update

from bot.telegram.settings import ConfigError, Settings
from bot.core import BriefBot
from bot.telegram.redaction import configure_logging
from bot.knowledge.models import Knowledge

log = logging.getLogger("bot.telegram")
BOOTSTRAP_RETRIES = 10  # about a minute and a half of back-off before giving up at start-up
POLL_INTERVAL = 0.1


def webhook_path(args: argparse.Namespace) -> str:
    """The local path the webhook listens on: --path, else the public URL's path (a proxy passing it through)."""
    from urllib.parse import urlsplit

    return (getattr(args, "path", None) or urlsplit(args.webhook_url or "").path).strip("/") or "telegram"


def run_telegram(args: argparse.Namespace, load: Callable[[], Knowledge], reload: Callable[[], Knowledge]) -> int:
    """Run the bot until SIGINT/SIGTERM. Returns the process exit code."""
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"briefbot: {exc}", file=sys.stderr)
        return 2
    if args.webhook_url and not settings.webhook_secret:
        print("briefbot: webhook mode needs TELEGRAM_WEBHOOK_SECRET (1-256 characters A-Z, a-z, 0-9, _ or -).", file=sys.stderr)
        return 2
    token_secret = settings.token.split(":", 1)[1]
    secrets = (settings.token, token_secret if len(token_secret) >= 8 else "", settings.webhook_secret or "")
    configure_logging(os.environ.get("BRIEFBOT_LOG_LEVEL", "INFO"), secrets=secrets)
    from bot.telegram.app import build_application

    core = BriefBot(load())
    app = build_application(core, settings, reload=lambda: BriefBot(reload()))
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, lambda *_: app.bot_data["reloader"].reload())
    log.info("Starting BriefBot (%s)", "webhook" if args.webhook_url else "long polling")
    if args.webhook_url:
        app.run_webhook(listen=args.listen, port=args.port, url_path=webhook_path(args), webhook_url=args.webhook_url,
                        secret_token=settings.webhook_secret, allowed_updates=Update.ALL_TYPES,
                        bootstrap_retries=BOOTSTRAP_RETRIES)
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=BOOTSTRAP_RETRIES,
                        poll_interval=POLL_INTERVAL, timeout=dt.timedelta(seconds=settings.poll_timeout))
    log.info("BriefBot stopped")
    return 0
