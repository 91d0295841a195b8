"""Evaluate the matcher on the dev set; shared by the tests and the benchmark."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.core import BriefBot

DEV_SET = Path(__file__).with_name("dev_set.yaml")


def load_dev_set(path: Path = DEV_SET) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass
class Evaluation:
    in_scope_total: int = 0
    in_scope_correct: int = 0
    off_topic_total: int = 0
    off_topic_declined: int = 0
    near_miss_total: int = 0
    near_miss_honest: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.in_scope_correct / max(self.in_scope_total, 1)

    @property
    def decline_rate(self) -> float:
        return self.off_topic_declined / max(self.off_topic_total, 1)

    @property
    def honesty(self) -> float:
        return self.near_miss_honest / max(self.near_miss_total, 1)


def evaluate(bot: BriefBot, dev: dict) -> Evaluation:
    ev = Evaluation()
    for question, expected in dev["in_scope"]:
        reply = bot.ask(question)
        ev.in_scope_total += 1
        if reply.entry == expected:  # an answer, or the "not said" of an entry that records a gap
            ev.in_scope_correct += 1
        else:
            got = reply.entry or reply.kind
            ev.misses.append(f"in-scope {question!r}: expected {expected}, got {got} ({reply.score:.3f})")
    ev.off_topic_total, ev.off_topic_declined = _declined(bot, dev["off_topic"], "off-topic", ev.misses)
    ev.near_miss_total, ev.near_miss_honest = _declined(bot, dev["near_miss"], "near-miss", ev.misses)
    return ev


def _declined(bot: BriefBot, questions: list[str], label: str, misses: list[str]) -> tuple[int, int]:
    """(asked, not answered) for questions the brief should not answer; answered ones become misses."""
    declined = 0
    for question in questions:
        reply = bot.ask(question)
        if reply.answered:
            misses.append(f"{label} {question!r}: answered {reply.entry} ({reply.score:.3f})")
        else:
            declined += 1
    return len(questions), declined
