"""Drive the real bot process through the telegram-test-api emulator on loopback, as a user would."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EMULATOR = Path(__file__).with_name("emulator.js")
TOKEN = "123456789:AAHtestTOKENforEndToEnd_only-0123456789"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def require_node() -> str:
    """Path to node, or a clear failure (never a silent skip) when node or the emulator is missing."""
    node = shutil.which("node")
    if node is None or shutil.which("npm") is None:
        raise RuntimeError("The end-to-end tests need node and npm (node 20). Install them, then run `make test`.")
    if not (ROOT / "node_modules" / "telegram-test-api").is_dir():
        raise RuntimeError("telegram-test-api is not installed; `make test` runs `npm install` for it.")
    return node


class Emulator:
    """The patched telegram-test-api server, plus its client API."""

    def __init__(self) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen([require_node(), str(EMULATOR), str(self.port)], cwd=ROOT,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("READY"):
            raise RuntimeError(f"emulator did not start: {line}")
        self.url = f"http://127.0.0.1:{self.port}"
        self._message_id = 1000

    def post(self, path: str, body: dict) -> dict:
        req = urllib.request.Request(self.url + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"content-type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read() or b"null")

    def _message(self, chat_id: int, text: str, chat_type: str = "private", **extra) -> dict:
        self._message_id += 1
        user = {"id": chat_id if chat_type == "private" else 4242, "is_bot": False, "first_name": "Tester", "username": "tester"}
        chat = {"id": chat_id, "type": chat_type, "first_name": "Tester"} if chat_type == "private" else {"id": chat_id, "type": chat_type, "title": "Group"}
        return {"botToken": TOKEN, "from": user, "chat": chat, "date": int(time.time()), "text": text, **extra}

    def send_text(self, chat_id: int, text: str, **kw) -> None:
        self.post("/sendMessage", self._message(chat_id, text, **kw))

    def send_command(self, chat_id: int, command: str, **kw) -> None:
        length = len(command.split()[0])
        self.post("/sendCommand", self._message(chat_id, command, entities=[{"offset": 0, "length": length, "type": "bot_command"}], **kw))

    def send_callback(self, chat_id: int, data: str) -> None:
        user = {"id": chat_id, "is_bot": False, "first_name": "Tester"}
        self.post("/sendCallback", {"botToken": TOKEN, "from": user, "date": int(time.time()), "data": data,
                                    "message": {"chat": {"id": chat_id, "type": "private"}, "from": user}})

    def replies(self, chat_id: int, count: int = 1, timeout: float = 15.0) -> list[dict]:
        """Wait for at least `count` new bot messages in the chat; return their message bodies."""
        got: list[dict] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = self.post("/getUpdates", {"token": TOKEN, "chatId": chat_id})["result"]
            got += [item["message"] for item in result]
            if len(got) >= count:
                return got
            time.sleep(0.1)
        raise AssertionError(f"expected {count} bot message(s) in chat {chat_id} within {timeout}s, got {len(got)}: {got}")

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class BotProcess:
    """`python -m bot telegram` as a subprocess pointed at the emulator, with its log captured."""

    def __init__(self, api_url: str, log_path: Path, env: dict | None = None):
        environment = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": api_url,
                       "BRIEFBOT_LOG_LEVEL": "DEBUG", "PYTHONUNBUFFERED": "1", **(env or {})}
        self.log_path = log_path
        self._log = log_path.open("w")
        self.proc = subprocess.Popen([sys.executable, "-m", "bot", "telegram"], cwd=ROOT, env=environment,
                                     stdout=self._log, stderr=subprocess.STDOUT)

    def wait_until_serving(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if "Application started" in self.log():
                return
            if self.proc.poll() is not None:
                raise AssertionError(f"bot exited early:\n{self.log()}")
            time.sleep(0.1)
        raise AssertionError(f"bot did not start:\n{self.log()}")

    async def wait_for_log(self, needle: str, timeout: float = 30.0) -> None:
        """Like wait_until_serving, but yields to the event loop (for in-process fake servers)."""
        await self.wait_for(lambda log: needle in log, timeout, f"{needle!r} in the bot log")

    async def wait_for(self, predicate, timeout: float = 30.0, what: str = "the log condition", alive: bool = True) -> None:
        """Poll the log until predicate(log) holds; fail if the bot exits first (when alive) or on the deadline."""
        import asyncio

        deadline = time.monotonic() + timeout
        while not predicate(self.log()):
            if alive and self.proc.poll() is not None:
                raise AssertionError(f"bot exited early:\n{self.log()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no {what} within {timeout}s:\n{self.log()}")
            await asyncio.sleep(0.05)

    async def wait_exit(self, timeout: float = 15.0) -> int:
        """Wait for the process to end by itself; return its exit code."""
        import asyncio

        deadline = time.monotonic() + timeout
        while self.proc.poll() is None:
            if time.monotonic() > deadline:
                raise AssertionError(f"the bot did not exit within {timeout}s:\n{self.log()}")
            await asyncio.sleep(0.05)
        return self.proc.returncode

    async def stop(self, timeout: float = 10.0) -> tuple[int, float]:
        """SIGTERM without blocking the event loop; return (exit code, seconds taken)."""
        import asyncio

        start = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        while self.proc.poll() is None and time.monotonic() - start < timeout:
            await asyncio.sleep(0.05)
        if self.proc.poll() is None:
            self.proc.kill()
        code = self.proc.wait()
        self._log.close()
        return code, time.monotonic() - start

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def terminate(self, timeout: float = 10.0) -> tuple[int, float]:
        """SIGTERM; return (exit code, seconds taken)."""
        start = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self._log.close()
        return code, time.monotonic() - start
