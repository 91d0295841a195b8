"""The one fake Bot API of the test suite: fault-injecting, on loopback (aiohttp).

It speaks enough of the Bot API's JSON for python-telegram-bot: getMe, getUpdates (short long-poll),
sendMessage, answerCallbackQuery, answerInlineQuery, setMyCommands, setWebhook, deleteWebhook.
Faults are scripted per method with `fail(method, times, kind, **options)`; `result=` replaces the
`result` of a successful answer (for malformed getUpdates answers). Waits are on events, never sleeps.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import defaultdict
from dataclasses import dataclass

from aiohttp import web

BOT_USER = {"id": 777, "is_bot": True, "first_name": "BriefBot", "username": "BriefFakeBot"}


class RawJSON(str):
    """One getUpdates element given as JSON text, sent as it is: what json.dumps cannot write (a 5,000-digit
    number, arrays nested 100,000 deep)."""


@dataclass
class Fault:
    kind: str  # "429", "500", "409", "401", "404", "timeout", "drop", "400", "result", "ok-false-401" (in a 200)
    times: int
    retry_after: int = 2
    delay: float = 0.0
    chat_id: int | None = None
    result: object = None  # for kind "result": the `result` to answer with
    after: bool = False  # for kind "timeout": handle the request (send the message), then answer late


@dataclass
class Sent:
    chat_id: int
    text: str
    at: float
    reply_markup: str | None = None


class FakeBotAPI:
    def __init__(self) -> None:
        self.pending: list[dict] = []  # updates not yet confirmed by an offset, as in the real Bot API
        self.update_added = asyncio.Event()
        self.sent: list[Sent] = []
        self._by_chat: dict[int, list[Sent]] = defaultdict(list)
        self.calls: dict[str, list[float]] = defaultdict(list)
        self.params: dict[str, list[dict]] = defaultdict(list)  # each call's parameters, by method
        self.faults: dict[str, list[Fault]] = defaultdict(list)
        self.send_delay = 0.0
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self.runner: web.AppRunner | None = None
        self.port = 0
        self.new_message = asyncio.Event()
        self.inline_answers: list[dict] = []
        self.timeout_after = 3.0  # seconds a "timeout" fault holds the answer (the tests' read timeout is 1 s)

    # -- scripting -------------------------------------------------------------------------
    def fail(self, method: str, times: int, kind: str, **options) -> None:
        self.faults[method].append(Fault(kind, times, **options))

    def message(self, chat_id: int, text: str, user_id: int | None = None, chat_type: str = "private") -> dict:
        user = {"id": user_id or (chat_id if chat_type == "private" else 4242), "is_bot": False, "first_name": "User"}
        chat = {"id": chat_id, "type": chat_type, "first_name": "User"} if chat_type == "private" else \
            {"id": chat_id, "type": chat_type, "title": "Group"}
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "text": text,
            "from": user,
            "chat": chat,
        }
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return message

    def push_text(self, chat_id: int, text: str, user_id: int | None = None, chat_type: str = "private",
                  kind: str = "message") -> int:
        """Queue a text message (kind "edited_message" for an edit) from a user in a chat."""
        return self.push(**{kind: self.message(chat_id, text, user_id, chat_type)})

    def push(self, **update) -> int:
        """Queue a raw update (any shape, even a malformed one) with the next update_id."""
        update_id = next(self._update_ids)
        return self.push_raw({"update_id": update_id, **update}, update_id)

    def push_raw(self, item: object, seq: int | None = None) -> int:
        """Queue anything as one element of getUpdates' result; confirmed like an update with id `seq`."""
        seq = next(self._update_ids) if seq is None else seq
        self.pending.append((seq, item))
        self.update_added.set()
        return seq

    def push_json(self, text: str) -> int:
        """Queue one update written as JSON text ("{update_id}" stands for its id), sent as it is."""
        update_id = next(self._update_ids)
        return self.push_raw(RawJSON(text.replace("{update_id}", str(update_id))), update_id)

    def unconfirmed(self) -> list[int]:
        """Ids of the updates the bot has not confirmed (they would be delivered again)."""
        return [seq for seq, _ in self.pending]

    def replies(self, chat_id: int) -> list[Sent]:
        return self._by_chat.get(chat_id, [])

    async def wait_for(self, predicate, timeout: float = 15.0) -> None:
        """Wait until predicate() holds, re-checking on every request the fake answers."""
        deadline = time.monotonic() + timeout
        while not predicate():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError("timed out waiting for the fake API condition")
            self.new_message.clear()
            try:
                await asyncio.wait_for(self.new_message.wait(), min(remaining, 0.2))
            except TimeoutError:
                pass

    # -- server ----------------------------------------------------------------------------
    async def start(self, port: int = 0) -> str:
        app = web.Application(client_max_size=2**20)
        app.router.add_route("*", "/bot{token}/{method}", self._dispatch)
        self.runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{self.port}/bot"

    async def stop(self) -> None:
        if self.runner:
            await self.runner.cleanup()

    async def _params(self, request: web.Request) -> dict:
        if request.content_type == "application/json":
            return await request.json()
        return dict(await request.post())

    def _fault(self, method: str, params: dict) -> Fault | None:
        for fault in self.faults.get(method, []):
            if fault.times > 0 and (fault.chat_id is None or str(fault.chat_id) == str(params.get("chat_id"))):
                fault.times -= 1
                return fault
        return None

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls[method].append(time.monotonic())
        self.params[method].append(params)
        self.new_message.set()
        fault = self._fault(method, params)
        if fault is not None and not fault.after:
            response = await self._inject(fault, request)
            if response is not None:
                return response
        handler = getattr(self, f"_m_{method}", None)
        result = await handler(params) if handler is not None else True
        if fault is not None and fault.after:
            return await self._inject(fault, request)
        if fault is not None and fault.kind == "result":
            result = fault.result
        if isinstance(result, list) and any(isinstance(item, RawJSON) for item in result):
            items = ",".join(item if isinstance(item, RawJSON) else json.dumps(item) for item in result)
            return web.Response(text=f'{{"ok": true, "result": [{items}]}}', content_type="application/json")
        return web.json_response({"ok": True, "result": result})

    async def _inject(self, fault: Fault, request: web.Request) -> web.StreamResponse | None:
        if fault.delay:
            await asyncio.sleep(fault.delay)
        if fault.kind == "429":
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {fault.retry_after}",
                    "parameters": {"retry_after": fault.retry_after},
                },
                status=429,
            )
        if fault.kind == "409":
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 409,
                    "description": "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                },
                status=409,
            )
        if fault.kind == "500":
            return web.json_response(
                {"ok": False, "error_code": 500, "description": "Internal Server Error"}, status=500
            )
        if fault.kind == "ok-false-401":  # the error in the body of an HTTP 200
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"})
        if fault.kind in ("401", "404"):
            description = "Unauthorized" if fault.kind == "401" else "Not Found"
            return web.json_response({"ok": False, "error_code": int(fault.kind), "description": description},
                                     status=int(fault.kind))
        if fault.kind == "400":
            return web.json_response(
                {"ok": False, "error_code": 400, "description": "Bad Request: injected failure"}, status=400
            )
        if fault.kind == "timeout":
            await asyncio.sleep(self.timeout_after)  # longer than the bot's read timeout in these tests
            return web.Response(status=504)
        if fault.kind == "drop":
            request.transport.close()
            return web.Response(status=500)
        return None

    # -- methods ---------------------------------------------------------------------------
    async def _m_getMe(self, params: dict) -> dict:
        return BOT_USER

    async def _m_getUpdates(self, params: dict) -> list:
        offset = int(params.get("offset") or 0)
        self.pending = [(seq, u) for seq, u in self.pending if seq >= offset]
        if not self.pending:
            self.update_added.clear()
            timeout = min(float(params.get("timeout") or 0), 1.0)
            try:
                await asyncio.wait_for(self.update_added.wait(), timeout)
            except TimeoutError:
                return []
        return [u for _, u in self.pending[: int(params.get("limit") or 100)]]

    async def _m_answerInlineQuery(self, params: dict) -> bool:
        self.inline_answers.append(params)
        return True

    async def _m_sendMessage(self, params: dict) -> dict:
        if self.send_delay:
            await asyncio.sleep(self.send_delay)
        chat_id = int(params["chat_id"])
        sent = Sent(chat_id, params.get("text", ""), time.monotonic(), params.get("reply_markup"))
        self.sent.append(sent)
        self._by_chat[chat_id].append(sent)
        self.new_message.set()
        return {"message_id": next(self._message_ids), "date": int(time.time()), "text": params.get("text", ""),
                "from": BOT_USER, "chat": {"id": chat_id, "type": "private", "first_name": "User"}}
