"""The decision policy: from a scorer's ranked candidates to answer, did-you-mean, not said, or decline.

It owns the thresholds' use and the reply kinds; any Scorer can sit in front of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Literal

from bot.matching.analyzer import Query
from bot.matching.scorer import Candidate, Thresholds

Outcome = Literal["answer", "suggest", "not_said", "not_understood", "decline", "small_talk"]

MAX_SUGGESTIONS = 3  # "did you mean" lists at most this many questions: more is a menu, not a suggestion
TIE_MARGIN = 0.02  # two briefs closer than this in confidence are a tie: ask, do not pick one arbitrarily
ON_TOPIC_SHARE = 0.5  # a question is on topic when at least this share of its content words are the knowledge's
MIN_SUPPORT = 0.4  # an answer's own words must explain this share of the question's weight (see support.py)


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    candidates: tuple[Candidate, ...] = ()
    unmet: str | None = None  # the kind of fact asked for that the best entry does not state

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    @property
    def confidence(self) -> float:
        return self.candidates[0].confidence if self.candidates else 0.0


def decide(query: Query, ranked: list[Candidate], thresholds: Thresholds,
           facts: Callable[[Candidate], frozenset[str]], support: Callable[[Candidate], float] = lambda c: 1.0) -> Decision:
    """Answer only a confident, unambiguous match that states the kind of fact asked for."""
    top = [c for c in ranked if c.confidence >= thresholds.suggest]
    if query.small_talk and not (top and top[0].confidence >= thresholds.answer):
        return Decision("small_talk")
    if not top:
        on_topic = query.terms and query.known_share >= ON_TOPIC_SHARE
        return Decision("not_understood" if on_topic else "decline", tuple(ranked[:MAX_SUGGESTIONS]) if on_topic else ())
    best = top[0]
    unmet = query.asks if query.asks and query.asks not in facts(best) else None
    if unmet:
        return Decision("not_said", (best,), unmet)
    tied = len(top) > 1 and top[1].brief.id != best.brief.id and best.confidence - top[1].confidence < TIE_MARGIN
    if best.confidence >= thresholds.answer and not tied and support(best) >= MIN_SUPPORT:
        return Decision("answer", tuple(top))
    return Decision("suggest", tuple(top[:MAX_SUGGESTIONS]))
