"""The webhook server (tornado): the secret and the size are checked before any of the body is read.

* A POST without the right `X-Telegram-Bot-Api-Secret-Token` gets 403 at the headers; one without a
  Content-Length gets 411 and one over `MAX_BODY` gets 413, also before the body. Memory stays flat
  however large an unauthenticated POST is.
* Junk (not JSON, not an object, no integer update_id) gets 400, not 500, so Telegram does not retry it.
* An update_id seen recently is answered 200 and skipped (Telegram re-sends when unsure).
"""

from __future__ import annotations

import argparse
import hmac
import json
import logging
import re
from collections import OrderedDict

import tornado.httpserver
import tornado.web
from telegram import Update
from telegram.ext import Application

from bot.telegram.settings import Settings
from bot.telegram.transport import _repair

log = logging.getLogger(__name__)
MAX_BODY = 1 << 20  # bytes; Telegram updates are a few KB, 1 MiB leaves room for long texts and entities
RECENT_UPDATES = 1_000  # update ids remembered to skip re-deliveries


class Hook:
    """What the handler needs: the application, the secret and the recently seen update ids."""

    def __init__(self, app: Application, secret: str):
        self.app, self.secret = app, secret
        self.recent: OrderedDict[int, None] = OrderedDict()

    def first_time(self, update_id: int) -> bool:
        if update_id in self.recent:
            return False
        self.recent[update_id] = None
        if len(self.recent) > RECENT_UPDATES:
            self.recent.popitem(last=False)
        return True


@tornado.web.stream_request_body
class WebhookHandler(tornado.web.RequestHandler):
    """POST /telegram: check, read at most MAX_BODY bytes, parse, queue."""

    def initialize(self, hook: Hook) -> None:
        self.hook, self.body, self.refused = hook, bytearray(), False

    def _refuse(self, status: int, reason: str) -> None:
        self.refused = True
        log.debug("Webhook: refused a request (%d %s)", status, reason)
        self.set_status(status)
        self.finish(reason)
        self.request.connection.stream.close()  # do not read the body we refused

    def prepare(self) -> None:
        if self.request.method != "POST":
            return self._refuse(405, "Method Not Allowed")
        secret = self.request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not hmac.compare_digest(secret.encode(), self.hook.secret.encode()):
            return self._refuse(403, "Forbidden")
        length = self.request.headers.get("Content-Length", "")
        if not length.isdigit():
            return self._refuse(411, "Length Required")
        if int(length) > MAX_BODY:
            return self._refuse(413, "Payload Too Large")
        self.request.connection.set_max_body_size(MAX_BODY)
        return None

    def data_received(self, chunk: bytes) -> None:
        if not self.refused:
            self.body += chunk

    async def post(self) -> None:
        try:
            data = json.loads(bytes(self.body))
        except (ValueError, RecursionError):  # (JSON nested 300,000 deep overflows the parser: as malformed)
            data = None
        update = _repair(data) if isinstance(data, dict) else None
        if update is None:
            self.set_status(400)
            self.finish("Bad Request")
            return
        if self.hook.first_time(update["update_id"]):
            await self.hook.app.update_queue.put(Update.de_json(update, self.hook.app.bot))
        else:
            log.info("Webhook: update %s was already received; skipping it", update["update_id"])
        self.finish()

    def get(self) -> None:
        self.set_status(405)


class WebhookServer:
    """A started tornado server; stop() closes it and every open connection."""

    def __init__(self, server: tornado.httpserver.HTTPServer):
        self.server = server

    async def stop(self) -> None:
        self.server.stop()
        await self.server.close_all_connections()


async def start_webhook(app: Application, settings: Settings, args: argparse.Namespace) -> WebhookServer:
    """Listen on args.listen:args.port at the webhook path, then tell Telegram where to POST updates."""
    from bot.telegram.main import webhook_path

    path = "/" + webhook_path(args)
    routes = [(re.escape(path), WebhookHandler, {"hook": Hook(app, settings.webhook_secret or "")})]
    server = tornado.httpserver.HTTPServer(tornado.web.Application(routes), max_body_size=MAX_BODY)
    server.listen(args.port, address=args.listen)
    await app.bot.set_webhook(url=args.webhook_url, secret_token=settings.webhook_secret,
                              allowed_updates=Update.ALL_TYPES)
    log.info("Webhook listening on %s:%s%s", args.listen, args.port, path)
    return WebhookServer(server)
