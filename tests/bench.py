"""Benchmark: accuracy on the dev and holdout sets, match latency and throughput. Prints what it measured.

Run with `make bench`. Nothing here asserts a time.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from bot.core import BriefBot
from bot.knowledge.loader import load_knowledge
from bot.knowledge.paths import knowledge_dir
from tests.evaluate import evaluate, load_dev_set

HOLDOUT = Path(__file__).with_name("holdout_set.yaml")


def _report(name: str, bot: BriefBot, path: Path | None = None) -> list[str]:
    ev = evaluate(bot, load_dev_set(path) if path else load_dev_set())
    print(f"{name}:")
    print(f"  in-scope top-1 accuracy : {ev.accuracy:6.1%}  ({ev.in_scope_correct}/{ev.in_scope_total})")
    print(f"  off-topic decline rate  : {ev.decline_rate:6.1%}  ({ev.off_topic_declined}/{ev.off_topic_total})")
    print(f"  near-miss honesty       : {ev.honesty:6.1%}  ({ev.near_miss_honest}/{ev.near_miss_total})")
    return ev.misses


def startup(runs: int = 9) -> tuple[float, float]:
    """Median wall time of `python -c pass` and of `python -m bot ask "who wrote it"`, interleaved, same interpreter."""
    def timed(args: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - start

    bare, ask = [], []
    for _ in range(runs):
        bare.append(timed(["-c", "pass"]))
        ask.append(timed(["-m", "bot", "ask", "who wrote it"]))
    return statistics.median(bare), statistics.median(ask)


def main() -> None:
    bare, ask = startup()
    print(
        f"startup: `python -m bot ask \"who wrote it\"` {ask * 1000:.0f} ms, "
        f"bare `python -c pass` {bare * 1000:.0f} ms: "
        f"{ask / bare:.1f}x (median of 9 each; the bar is 6x)"
    )
    t0 = time.perf_counter()
    knowledge = load_knowledge(knowledge_dir())
    bot = BriefBot(knowledge)
    load_ms = (time.perf_counter() - t0) * 1000
    tracemalloc.start()
    BriefBot(load_knowledge(knowledge_dir()))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"knowledge: {sum(len(b.entries) for b in knowledge.briefs)} entries; load + index {load_ms:.1f} ms, "
          f"peak Python allocations {peak / 1e6:.1f} MB")
    misses = _report("dev set (tests/dev_set.yaml)", bot)
    if HOLDOUT.exists():
        misses += _report("holdout set (tests/holdout_set.yaml, never tuned on)", bot, HOLDOUT)
    dev = load_dev_set()
    questions = [q for q, _ in dev["in_scope"]] + dev["off_topic"] + dev["near_miss"]
    bot.ask("warm up")
    timings, rounds = [], []
    for _ in range(7):
        bot.analyzer.clear_caches()  # each round as new questions: nothing of the last round's analysis remembered
        round_start = time.perf_counter()
        for q in questions:
            start = time.perf_counter()
            bot.ask(q)
            timings.append(time.perf_counter() - start)
        rounds.append((time.perf_counter() - round_start) / len(questions))
    timings.sort()
    mean = statistics.median(rounds) * 1e6
    p50 = timings[len(timings) // 2] * 1e6
    p99 = timings[int(len(timings) * 0.99)] * 1e6
    print(
        f"latency over {len(timings)} questions ({len(questions)} x 7 rounds): mean {mean:.0f} µs (median round; best "
        f"{min(rounds) * 1e6:.0f} µs), p50 {p50:.0f} µs, p99 {p99:.0f} µs; "
        f"{1e6 / mean:,.0f} questions/second (one core)"
    )
    if misses:
        print("misses:")
        print("\n".join(f"  {m}" for m in misses))


if __name__ == "__main__":
    main()
