"""Run the application: start-up with bounded retries, polling or a webhook, a watchdog, an orderly stop.

Anything that stops serving for good (a rejected token, a wrong URL, a polling loop that died) ends
the process with a non-zero exit code and one clear line, so that a supervisor restarts it.
SIGTERM/SIGINT stop within `shutdown_grace` seconds plus a moment: unfinished updates are left
unconfirmed, so Telegram delivers them again. SIGHUP reloads the knowledge in a worker thread.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import signal
import sys
import threading

from telegram import Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application

from bot.telegram.app import log_polling_error
from bot.telegram.settings import Settings
from bot.telegram.transport import touch

log = logging.getLogger("bot.telegram")
BOOTSTRAP_RETRIES = 10  # start-up attempts before giving up (about a minute and a half at full back-off)
POLL_INTERVAL = 0.1  # seconds between two getUpdates calls
POLLING_TASK = "Updater:start_polling:polling_task"  # the name PTB gives its polling task
HEARTBEAT_EVERY = 10.0  # webhook mode: seconds between touches of the health file while the loop lives


class Fatal(Exception):
    """Serving stopped for good; the message is safe to print (no secrets)."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code


def rejected_message(code: int | None) -> str:
    """What a 401, 404 or lasting 409 from the Bot API means, without echoing the token."""
    if code == 404:
        return "the API URL is wrong (404 Not Found from the Bot API); check TELEGRAM_API_URL"
    if code == 409:
        return ("another process has polled with this token, or a webhook has been set, for too long (409 Conflict); "
                "stop the other instance or delete the webhook")
    return "the token was rejected by the Bot API (401 Unauthorized); check TELEGRAM_BOT_TOKEN"


def _early_stop() -> tuple[threading.Event, dict]:
    """Remember a SIGINT or SIGTERM that arrives before the event loop's own handlers are in place (asyncio.run's
    would cancel the start-up, and python-telegram-bot's bootstrap retries take a cancellation for a stop of their
    own: the bot then polled on after the signal). Returns the event and the handlers it replaced."""
    stop = threading.Event()
    replaced = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    return stop, replaced


def run(app: Application, settings: Settings, args: argparse.Namespace, hup: threading.Event) -> int:
    """Serve until stopped; return the exit code (0 on SIGTERM/SIGINT, 2 for token/URL, 1 otherwise)."""
    early, replaced = _early_stop()
    try:
        return asyncio.run(serve(app, settings, args, hup, early))
    except Fatal as exc:
        print(f"briefbot: {exc}", file=sys.stderr, flush=True)
        return exc.code
    except Exception:  # noqa: BLE001 - the last line of defence: one redacted log record, exit 1
        log.exception("BriefBot stopped on an unexpected error")
        return 1
    finally:
        for sig, handler in replaced.items():
            signal.signal(sig, handler)


class Supervisor:
    """The stop event and the first fatal reason, shared by signals, transport and watchdog."""

    def __init__(self) -> None:
        self.stop = asyncio.Event()
        self.fatal: Fatal | None = None

    def fail(self, code: int, message: str) -> None:
        if self.fatal is None:
            self.fatal = Fatal(code, message)
        self.stop.set()


async def start_up(app: Application, settings: Settings, sup: Supervisor) -> bool:
    """Initialise (getMe) with bounded back-off; False if stopped meanwhile. Raises Fatal."""
    for attempt in range(BOOTSTRAP_RETRIES + 1):
        try:
            await app.initialize()
            return True
        except InvalidToken:
            raise Fatal(2, rejected_message(app.bot.request.rejected)) from None
        except NetworkError as exc:  # includes TimedOut
            if attempt == BOOTSTRAP_RETRIES:
                raise Fatal(
                    1, f"cannot reach the Bot API ({type(exc).__name__}) after {attempt + 1} attempts"
                ) from None
            wait = min(settings.backoff_max, 2.0**attempt)
            log.warning("Cannot reach the Bot API yet (%s); retrying in %.1f s", type(exc).__name__, wait)
        except TelegramError as exc:
            raise Fatal(1, f"the Bot API refused start-up ({type(exc).__name__})") from None
        try:
            await asyncio.wait_for(sup.stop.wait(), wait)
            return False
        except TimeoutError:
            pass
    return False


def _watch_polling(app: Application, sup: Supervisor) -> None:
    """If PTB's polling task ends while we are not stopping, end the process (no silent dead polling)."""
    task = next((t for t in asyncio.all_tasks() if t.get_name() == POLLING_TASK), None)
    if task is None:
        sup.fail(1, "polling did not start")
        return

    def ended(done: asyncio.Task) -> None:
        if not app.bot_data["ledger"].stopping:
            error = None if done.cancelled() else done.exception()
            sup.fail(
                1,
                f"polling stopped for good ({type(error).__name__ if error else 'no error'}); "
                "exiting so a supervisor restarts the bot",
            )

    task.add_done_callback(ended)


async def _heartbeat(settings: Settings) -> None:
    while True:
        touch(settings.health_file)
        await asyncio.sleep(HEARTBEAT_EVERY)


async def reload_now(app: Application) -> None:
    """SIGHUP: reload in a worker thread; the report is logged by the reloader."""
    await app.bot_data["reloader"].reload()


async def serve(app: Application, settings: Settings, args: argparse.Namespace, hup: threading.Event,
                early: threading.Event | None = None) -> int:
    """The bot's whole life inside one event loop; `early`: a stop signal that came before the loop's handlers."""
    loop, sup = asyncio.get_running_loop(), Supervisor()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, sup.stop.set)
    if early is not None and early.is_set():
        log.info("BriefBot stopped before it started")  # (a signal during start-up: nothing to flush)
        return 0
    if hasattr(signal, "SIGHUP"):
        loop.add_signal_handler(signal.SIGHUP, lambda: asyncio.ensure_future(reload_now(app)))
    # a rejected token or URL is a setup a restart cannot fix (exit 2); another poller may go away (exit 1: restart)
    app.bot_data["polling"].on_fatal = lambda code: sup.fail(1 if code == 409 else 2, rejected_message(code))
    log.info("Starting BriefBot (%s)", "webhook" if args.webhook_url else "long polling")
    if not await start_up(app, settings, sup):
        await app.shutdown()
        return 0
    server, beat = None, None
    try:
        await app.post_init(app)
        if args.webhook_url:
            from bot.telegram.webhook import start_webhook

            server = await start_webhook(app, settings, args)
            beat = asyncio.ensure_future(_heartbeat(settings))
        else:
            await app.updater.start_polling(
                poll_interval=POLL_INTERVAL,
                timeout=dt.timedelta(seconds=settings.poll_timeout),
                bootstrap_retries=BOOTSTRAP_RETRIES,
                allowed_updates=Update.ALL_TYPES,
                error_callback=log_polling_error,
            )
            _watch_polling(app, sup)
        await app.start()
        if hup.is_set():
            log.info("SIGHUP arrived during start-up; reloading now")
            asyncio.ensure_future(reload_now(app))
        await sup.stop.wait()
    finally:
        await stop_gracefully(app, settings, server, beat)
    if sup.fatal is not None:
        raise sup.fatal
    log.info("BriefBot stopped")
    return 0


async def stop_gracefully(app: Application, settings: Settings, server, beat) -> None:
    """Finish what can be finished within the grace period; leave the rest unconfirmed."""
    ledger, processor = app.bot_data["ledger"], app.bot_data["processor"]
    ledger.stopping = True
    if beat is not None:
        beat.cancel()
    if server is not None:
        await server.stop()
    if app.running:
        await processor.drain(settings.shutdown_grace)
    ledger.final = True
    if app.updater.running:
        try:
            await app.updater.stop()
        except TelegramError as exc:  # polling already died of it; the supervisor reports why
            log.debug("Polling had ended with %s", type(exc).__name__)
    if app.running:
        await app.stop()
    await app.shutdown()
