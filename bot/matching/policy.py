"""The decision policy: from a scorer's ranked candidates to answer, did-you-mean, not said, or decline.

It owns the thresholds' use and the reply kinds; any Scorer can sit in front of it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from bot.matching.analyzer import Query, SmallTalk
from bot.matching.scorer import Candidate, Thresholds

Outcome = Literal["answer", "suggest", "not_said", "not_understood", "decline", "small_talk"]

MAX_SUGGESTIONS = 3  # "did you mean" lists at most this many questions: more is a menu, not a suggestion
TIE_MARGIN = 0.02  # two briefs closer than this in confidence are a tie: ask, do not pick one arbitrarily
ON_TOPIC_SHARE = 0.5  # a question is on topic when more than this share of its content words are the knowledge's
# ("the weather in baku": half known, half not, is off topic)
MIN_SUPPORT = 0.4  # an answer's own words must explain this share of the question's weight (see support.py, which
# calibrates the floor a knowledge actually gets from its own phrasings; this is the default for other callers)
MIN_INFORMATION = 0.5  # summed IDF of the words an answer shares with the question: below it, the words are in most
# entries ("russia") and the question is too vague to answer
SMALL_NUMBER_DIGITS = 2  # a question whose only content is numbers this short ("2+2", "3") names nothing to answer


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    candidates: tuple[Candidate, ...] = ()
    unmet: str | None = None  # the kind of fact asked for that the best entry does not state
    small_talk: SmallTalk | None = None  # for "small_talk": which ("greeting" for questions to the bot itself)

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    @property
    def confidence(self) -> float:
        return self.candidates[0].confidence if self.candidates else 0.0


def decide(query: Query, ranked: list[Candidate], thresholds: Thresholds,
           facts: Callable[[Candidate], frozenset[str]],
           support: Callable[[Candidate], tuple[float, float]] = lambda c: (1.0, math.inf), *,
           min_support: float | Callable[[Candidate], float] = MIN_SUPPORT) -> Decision:
    """`support(candidate)` is (share of the question the entry's words explain, their summed IDF); `min_support`
    is the share an answer needs, for every entry or per entry."""
    top = [c for c in ranked if c.confidence >= thresholds.suggest]
    if query.small_talk == "judgement":  # "is he right?": the bot reports the brief, it does not judge it
        return Decision("small_talk", small_talk="judgement")
    about_bot = query.about_bot and not (top and "bot" in facts(top[0]))
    if about_bot or (query.chat_only and not (top and "chat" in facts(top[0]))):
        return Decision("small_talk", small_talk="greeting" if about_bot else query.small_talk)
    decision = _decide(query, top, ranked, thresholds, facts, support,
                       min_support if callable(min_support) else lambda c: min_support)
    if query.small_talk and decision.outcome != "answer":
        # "sağ ol, kömək etdin" (thanks, you helped): small talk, unless its words answer a question
        return Decision("small_talk", small_talk=query.small_talk)
    return decision


def _decide(query: Query, top: list[Candidate], ranked: list[Candidate], thresholds: Thresholds,
            facts: Callable[[Candidate], frozenset[str]], support: Callable[[Candidate], tuple[float, float]],
            floor: Callable[[Candidate], float]) -> Decision:
    on_topic = bool(query.terms) and query.known_share > ON_TOPIC_SHARE
    if top and not on_topic and top[0].confidence < thresholds.answer:
        top = []  # a weak match for a question mostly made of words the knowledge never uses: off topic
    if not top:
        return Decision(
            "not_understood" if on_topic else "decline", tuple(ranked[:MAX_SUGGESTIONS]) if on_topic else ()
        )
    best = top[0]
    if query.asks == "place" and "place" not in facts(best):
        # "where did the author write about this before?": an entry that names a place ("in The National
        # Interest") and that the scorer and the support check would answer with too, rather than "not said"
        best = next((c for c in top[1:] if c.confidence >= thresholds.answer and "place" in facts(c)
                     and support(c)[0] >= floor(c)), best)
        top = [best] + [c for c in top if c is not best]
    unmet = query.asks if query.asks and query.asks not in facts(best) else None
    if not unmet and query.unknown_kind and "detail" not in facts(best):
        # "which city ...?" where the knowledge never names a city: the brief cannot say (unless the entry's own
        # phrasings keep naming new things, as "what does *idiosyncratic* mean" does: then a new word is expected)
        unmet = "detail"
    if unmet:
        return Decision("not_said", (best,), unmet)
    tied = len(top) > 1 and top[1].brief.id != best.brief.id and best.confidence - top[1].confidence < TIE_MARGIN
    share, information = support(best)
    # "2+2" names nothing; a question of function words only ("where are you from?") is no number at all
    bare_number = bool(query.terms) and all(t.isdigit() and len(t) <= SMALL_NUMBER_DIGITS for t in query.terms)
    if bare_number:
        return Decision("suggest" if on_topic else "decline", tuple(top[:MAX_SUGGESTIONS]) if on_topic else ())
    if best.confidence >= thresholds.answer and not tied and share >= floor(best) and information >= MIN_INFORMATION:
        return Decision("answer", tuple(top))
    return Decision("suggest", tuple(top[:MAX_SUGGESTIONS]))
