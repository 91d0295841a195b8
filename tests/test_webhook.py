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


async def test_webhook_checks_the_secret(api, tmp_path):
    url = await api.start()
    port = free_port()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": url, "TELEGRAM_WEBHOOK_SECRET": SECRET,
           "BRIEFBOT_LOG_LEVEL": "DEBUG"}
    log = (tmp_path / "webhook.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "bot", "telegram", "--webhook-url", f"http://127.0.0.1:{port}/telegram",
                             "--listen", "127.0.0.1", "--port", str(port)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        hook = f"http://127.0.0.1:{port}/telegram"
        for _ in range(600):
            if "Application started" in (tmp_path / "webhook.log").read_text():
                break
            assert proc.poll() is None, (tmp_path / "webhook.log").read_text()
            await asyncio.sleep(0.05)
        else:
            raise AssertionError("the webhook bot did not start within 30 s")
        loop = asyncio.get_running_loop()
        assert await loop.run_in_executor(None, _post, hook, _update(1, 5, "who wrote it"), None) == 403
        assert await loop.run_in_executor(None, _post, hook, _update(2, 5, "who wrote it"), "wrong") == 403
        await asyncio.sleep(0.5)
        assert api.replies(5) == [], "a handler ran for a request without the right secret"
        assert await loop.run_in_executor(None, _post, hook, _update(3, 5, "who wrote it"), SECRET) == 200
        await api.wait_for(lambda: len(api.replies(5)) == 1)
        assert "Taras Kuzio" in api.replies(5)[0].text
        assert len(api.calls["setWebhook"]) == 1
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    text = (tmp_path / "webhook.log").read_text()
    assert TOKEN not in text and SECRET not in text


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
    result = subprocess.run([sys.executable, "-m", "bot", "telegram"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=30)
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
