"""Webhook mode: the secret token is required and checked; wrong or missing secrets get 403."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.e2e.harness import ROOT, TOKEN, free_port
from tests.fakeapi import FakeBotAPI

pytestmark = pytest.mark.slow
SECRET = "s3cret-Webhook_token"


@pytest.fixture
async def api():
    fake = FakeBotAPI()
    yield fake
    await fake.stop()


def _post(url: str, body: dict, secret: str | None) -> int:
    headers = {"content-type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _update(update_id: int, chat: int, text: str) -> dict:
    user = {"id": chat, "is_bot": False, "first_name": "U"}
    return {"update_id": update_id, "message": {"message_id": update_id, "date": int(time.time()), "text": text,
                                                "from": user, "chat": {"id": chat, "type": "private"}}}


@pytest.fixture
async def webhook(api, tmp_path):
    """A webhook bot process against the fake API: yields (hook URL, process, log path)."""
    url = await api.start()
    port = free_port()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": url, "TELEGRAM_WEBHOOK_SECRET": SECRET,
           "BRIEFBOT_LOG_LEVEL": "DEBUG", "BRIEFBOT_STATE_FILE": str(tmp_path / "state.sqlite3")}
    path = tmp_path / "webhook.log"
    log = path.open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot",
            "telegram",
            "--webhook-url",
            f"http://127.0.0.1:{port}/telegram",
            "--listen",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while "Application started" not in path.read_text():
            assert proc.poll() is None and time.monotonic() < deadline, path.read_text()
            await asyncio.sleep(0.05)
        yield f"http://127.0.0.1:{port}/telegram", proc, path
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    text = path.read_text()
    assert TOKEN not in text and SECRET not in text


async def test_webhook_checks_the_secret(api, webhook):
    hook, _, _ = webhook
    loop = asyncio.get_running_loop()
    assert await loop.run_in_executor(None, _post, hook, _update(1, 5, "who wrote it"), None) == 403
    assert await loop.run_in_executor(None, _post, hook, _update(2, 5, "who wrote it"), "wrong") == 403
    assert await loop.run_in_executor(None, _post, hook, _update(3, 5, "who wrote it"), SECRET) == 200
    await api.wait_for(lambda: len(api.replies(5)) == 1)
    assert "Taras Kuzio" in api.replies(5)[0].text
    assert len(api.calls["setWebhook"]) == 1
    assert await loop.run_in_executor(None, _post, hook, _update(4, 5, "when was it published"), SECRET) == 200
    await api.wait_for(lambda: len(api.replies(5)) == 2)  # updates 1 and 2 never reached a handler


def _raw_post(hook: str, headers: dict, size: int, chunk: bytes = b"x" * 65536) -> int:
    """POST `size` bytes of junk, streamed; return the status, even if the server stops reading early."""
    import socket
    from urllib.parse import urlsplit

    url = urlsplit(hook)
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        head = "".join(f"{k}: {v}\r\n" for k, v in {"Host": url.netloc, **headers}.items())
        sock.sendall(f"POST {url.path} HTTP/1.1\r\n{head}\r\n".encode())
        try:
            for _ in range(size // len(chunk)):
                sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            return int(sock.recv(1024).split()[1])
        except (ConnectionResetError, IndexError):
            return 0


def _peak_rss_kb(pid: int) -> int:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


async def test_large_unauthenticated_posts_are_refused_before_the_body(webhook):
    hook, proc, _ = webhook
    before = _peak_rss_kb(proc.pid)
    size = 64 * 2**20
    statuses = await asyncio.gather(
        *(asyncio.to_thread(_raw_post, hook, {"Content-Length": size}, size) for _ in range(3))
    )
    assert all(status in (403, 0) for status in statuses) and 403 in statuses
    assert (
        await asyncio.to_thread(
            _raw_post, hook, {"Content-Length": 2 * 2**20, "X-Telegram-Bot-Api-Secret-Token": SECRET}, 2 * 2**20
        )
        == 413
    )
    assert _peak_rss_kb(proc.pid) - before < 16 * 1024, "memory grew with unauthenticated bodies"


async def test_junk_gets_400_and_a_replayed_update_is_answered_once(api, webhook):
    hook, _, _ = webhook
    loop = asyncio.get_running_loop()
    for junk in (b"not json", b"[1, 2]", b'{"no_update_id": 1}', b"[" * 400_000 + b"]" * 400_000):
        req = urllib.request.Request(
            hook, data=junk, method="POST", headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
        )
        try:
            status = await loop.run_in_executor(None, lambda req=req: urllib.request.urlopen(req, timeout=5).status)
        except urllib.error.HTTPError as exc:
            status = exc.code
        assert status == 400, junk
    for _ in range(3):
        assert await loop.run_in_executor(None, _post, hook, _update(7, 6, "who wrote it"), SECRET) == 200
    assert await loop.run_in_executor(None, _post, hook, _update(8, 6, "when was it published"), SECRET) == 200
    await api.wait_for(lambda: len(api.replies(6)) == 2)
    assert "Taras Kuzio" in api.replies(6)[0].text and "27 July 2025" in api.replies(6)[1].text


def test_webhook_without_secret_is_refused():
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN}
    env.pop("TELEGRAM_WEBHOOK_SECRET", None)
    result = subprocess.run([sys.executable, "-m", "bot", "telegram", "--webhook-url", "https://example.invalid/hook"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "TELEGRAM_WEBHOOK_SECRET" in result.stderr and "Traceback" not in result.stderr
    make = subprocess.run(["make", "-s", "run", "ARGS=--webhook-url https://example.invalid/hook"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert make.returncode != 0 and "TELEGRAM_WEBHOOK_SECRET" in make.stderr


@pytest.mark.parametrize("token", ["", "not-a-token", "abc:def", ":AAHnodigits", "123456:has spaces in it!!"])
def test_missing_or_malformed_token_exits_2_with_one_line(token):
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": token}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "telegram"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert token == "" or token not in result.stderr


@pytest.mark.parametrize("url, path, expected", [
    ("https://bot.example.org/telegram", None, "telegram"),
    ("https://example.org/bots/brief/hook", None, "bots/brief/hook"),
    ("https://example.org/", None, "telegram"), ("https://example.org/public", "/local/hook", "local/hook"),
])
def test_webhook_path_comes_from_the_url_or_path_option(url, path, expected):
    from bot.cli import build_parser
    from bot.telegram.main import webhook_path

    args = build_parser().parse_args(["telegram", "--webhook-url", url, "--listen", "0.0.0.0"]
                                     + (["--path", path] if path else []))
    assert webhook_path(args) == expected and args.listen == "0.0.0.0"
