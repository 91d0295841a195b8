"""Load benchmark (run by hand: `make load`): the real bot process against the fake Bot API on loopback.

50 simulated users each ask 20 questions (in-scope and off-topic mixed), one at a time, waiting for
each reply; then the same users ask 10x as many. Prints delivered/sent, duplicates, latency from
update to reply (p50/p95/p99), updates per second and the bot process's RSS. Asserts nothing.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.e2e.harness import BotProcess
from tests.evaluate import load_dev_set
from tests.fakeapi import FakeBotAPI

USERS = 50


def rss_kb(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def user(api: FakeBotAPI, chat: int, questions: list[str], latencies: list[float]) -> None:
    for q in questions:
        before = len(api.replies(chat))
        start = time.monotonic()
        api.push_text(chat, q)
        await api.wait_for(lambda before=before: len(api.replies(chat)) > before, timeout=60)
        latencies.append(api.replies(chat)[before].at - start)


async def phase(api: FakeBotAPI, pid: int, per_user: int, chat_base: int, pool: list[str]) -> dict:
    cycle = itertools.cycle(pool)
    plan = {chat_base + u: [next(cycle) for _ in range(per_user)] for u in range(USERS)}
    latencies: list[float] = []
    peak = 0

    async def sample() -> None:
        nonlocal peak
        while True:
            peak = max(peak, rss_kb(pid))
            await asyncio.sleep(0.1)

    sampler = asyncio.create_task(sample())
    cpu_before, own_before = cpu_seconds(pid), time.process_time()
    start = time.monotonic()
    await asyncio.gather(*(user(api, chat, qs, latencies) for chat, qs in plan.items()))
    elapsed = time.monotonic() - start
    cpu, own = cpu_seconds(pid) - cpu_before, time.process_time() - own_before
    await asyncio.sleep(1.0)  # let any duplicate arrive before counting
    sampler.cancel()
    sent = sum(len(qs) for qs in plan.values())
    delivered = sum(min(len(api.replies(c)), len(qs)) for c, qs in plan.items())
    duplicates = sum(max(len(api.replies(c)) - len(qs), 0) for c, qs in plan.items())
    latencies.sort()
    q = lambda p: latencies[min(int(len(latencies) * p), len(latencies) - 1)] * 1000  # noqa: E731
    return {"sent": sent, "delivered": delivered, "duplicates": duplicates, "elapsed": elapsed,
            "p50": q(0.50), "p95": q(0.95), "p99": q(0.99), "mean": statistics.fmean(latencies) * 1000,
            "rate": sent / elapsed, "cpu": cpu, "own": own, "rss_peak_kb": peak, "rss_end_kb": rss_kb(pid)}


def show(name: str, r: dict) -> None:
    print(f"{name}: {r['delivered']}/{r['sent']} replies delivered, {r['duplicates']} duplicates, "
          f"{r['rate']:.0f} updates/s over {r['elapsed']:.1f} s")
    print(
        f"  update→reply latency: p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms, p99 {r['p99']:.1f} ms "
        f"(mean {r['mean']:.1f} ms)"
    )
    print(f"  CPU: bot {r['cpu']:.1f} s ({r['cpu'] / r['sent'] * 1000:.2f} ms/message), "
          f"load generator + fake API {r['own']:.1f} s, over {r['elapsed']:.1f} s wall")
    print(f"  bot RSS: peak {r['rss_peak_kb'] / 1024:.1f} MiB, at end {r['rss_end_kb'] / 1024:.1f} MiB")


async def main() -> None:
    dev = load_dev_set()
    pool = [q for pair in zip((q for q, _ in dev["in_scope"]), itertools.cycle(dev["off_topic"])) for q in pair]
    api = FakeBotAPI()
    url = await api.start()
    log = Path(tempfile.mkdtemp()) / "bot.log"
    bot = BotProcess(
        url, log, env={"BRIEFBOT_LOG_LEVEL": "WARNING", "BRIEFBOT_MAX_RATE": "0", "BRIEFBOT_POLL_TIMEOUT": "1"}
    )
    print("starting the bot (log level WARNING; Telegram's 30 msg/s broadcast limit lifted with BRIEFBOT_MAX_RATE=0,"
          " since the fake API has none)")
    while not api.calls["getUpdates"]:  # polling has begun
        if bot.proc.poll() is not None:
            raise SystemExit(f"the bot exited:\n{log.read_text()}")
        await asyncio.sleep(0.05)
    pid = bot.proc.pid
    print(f"bot RSS after start-up: {rss_kb(pid) / 1024:.1f} MiB")
    small = await phase(api, pid, 20, 10_000, pool)
    show(f"run 1 ({USERS} users x 20 questions)", small)
    large = await phase(api, pid, 200, 20_000, pool)
    show(f"run 2 ({USERS} users x 200 questions)", large)
    growth = (large["rss_end_kb"] - small["rss_end_kb"]) * 1024 / max(large["sent"], 1)
    print(
        f"RSS change from end of run 1 to end of run 2: {(large['rss_end_kb'] - small['rss_end_kb']) / 1024:+.1f} MiB "
        f"over {large['sent']} more messages ({growth:+.1f} bytes/message)"
    )
    code, seconds = await bot.stop()
    print(f"bot stopped with exit code {code} in {seconds:.1f} s")
    await api.stop()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
