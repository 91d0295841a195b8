"""The seam between scoring and deciding: a Scorer ranks entries; the policy (bot.matching.policy) decides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.knowledge.models import Brief, Entry


@dataclass(frozen=True)
class Candidate:
    """One entry that may answer a question, with the scorer's calibrated confidence (0..1)."""

    brief: Brief
    entry: Entry
    confidence: float


@dataclass(frozen=True)
class Thresholds:
    """Where the policy draws its lines, in the scorer's confidence units."""

    answer: float
    suggest: float


class Scorer(Protocol):
    """Question in, ranked candidates out. Pure; built once per knowledge."""

    name: str
    thresholds: Thresholds

    def rank(self, question: str, brief_id: str | None = None, language: str | None = None) -> list[Candidate]:
        """Candidates best first; `brief_id` narrows to one brief; `language` is the question's, if known."""
        ...
