"""Run the real bot process (`python -m bot telegram`) against a fake Bot API on loopback, with its log captured."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456789:AAHtestTOKENforEndToEnd_only-0123456789"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BotProcess:
    """`python -m bot telegram` as a subprocess pointed at a fake Bot API, with its log captured."""

    def __init__(self, api_url: str, log_path: Path, env: dict | None = None):
        environment = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": api_url,
                       "BRIEFBOT_LOG_LEVEL": "DEBUG", "PYTHONUNBUFFERED": "1",
                       "BRIEFBOT_STATE_FILE": str(log_path.with_name(log_path.stem + "-state.sqlite3")), **(env or {})}
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

    async def wait_for(
        self, predicate, timeout: float = 30.0, what: str = "the log condition", alive: bool = True
    ) -> None:
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
