"""`briefbot kb gaps`: group logged unanswered questions into gaps, each with a ready-to-paste phrasing."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from bot.core import BriefBot
from bot.matching.text import STOP_WORDS

SIMILAR = 0.5  # weighted overlap of analysed terms at which two questions count as one gap
SAME_TERM = 85  # rapidfuzz ratio at which two terms count as the same word (typos, variants)


@dataclass
class Gap:
    representative: str
    terms: tuple[str, ...]
    questions: list[str] = field(default_factory=list)
    closest: str | None = None  # "brief/entry"
    closest_score: float = 0.0

    @property
    def count(self) -> int:
        return len(self.questions)


# Two terms are near when rapidfuzz's ratio, 200 * LCS / (l1 + l2), reaches SAME_TERM. Then the longer one of length
# l reaches their common subsequence by deleting at most l * NEAR_DELETES of its letters (the fewest common letters
# are SAME_TERM / (200 - SAME_TERM) * l, with a partner just long enough), and the shorter one by deleting fewer.
NEAR_DELETES = (200 - 2 * SAME_TERM) / (200 - SAME_TERM)
MAX_DELETES = 2  # deletion keys up to this many deletions (terms up to 11 letters); longer terms compare by length


def _deletes(term: str, k: int) -> set[str]:
    """The term with up to k of its letters deleted, in every way."""
    keys, frontier = {term}, {term}
    for _ in range(k):
        frontier = {t[:i] + t[i + 1:] for t in frontier for i in range(len(t))}
        keys |= frontier
    return keys


class _NearTerms:
    """For each term seen, the seen terms rapidfuzz finds near-equal (itself included), without comparing all pairs.

    Near terms share a deletion key: the term with some letters deleted, as many as NEAR_DELETES allows for its
    length (symmetric-deletion candidates); rapidfuzz then confirms each. A term too long for MAX_DELETES is instead
    compared with every seen term of a length that can be near it, and short terms with those long ones. Near-linear
    in the number of distinct terms (long terms are rare), where comparing all pairs was quadratic.
    """

    def __init__(self) -> None:
        self.near: dict[str, set[str]] = {}
        self._by_key: dict[str, list[str]] = {}
        self._by_length: dict[int, list[str]] = {}

    @staticmethod
    def _lengths(n: int) -> range:
        """The lengths a term of length n can be near to."""
        return range(math.ceil(n * SAME_TERM / (200 - SAME_TERM)), math.floor(n * (200 - SAME_TERM) / SAME_TERM) + 1)

    def _candidates(self, term: str) -> list[str]:
        k = math.floor(len(term) * NEAR_DELETES + 1e-9)
        found: list[str] = []
        if k <= MAX_DELETES:
            for key in _deletes(term, k):
                found += self._by_key.get(key, ())
                self._by_key.setdefault(key, []).append(term)
        long_only = k <= MAX_DELETES  # short partners of a short term share a key; only long ones need comparing
        for n in self._lengths(len(term)):
            if not long_only or math.floor(n * NEAR_DELETES + 1e-9) > MAX_DELETES:
                found += self._by_length.get(n, ())
        self._by_length.setdefault(len(term), []).append(term)
        return found

    def __getitem__(self, term: str) -> set[str]:
        found = self.near.get(term)
        if found is None:
            found = {term}
            for other in self._candidates(term):
                if other not in found and fuzz.ratio(term, other) >= SAME_TERM:
                    found.add(other)
                    self.near[other].add(term)
            self.near[term] = found
        return found


class ServedTerms:
    """A question as the serving bot sees it: the stems its scorer reads (content words only), weighted by the IDF
    its policy uses to judge an answer's support (bot.matching.support)."""

    def __init__(self, bot: BriefBot):
        self.bot = bot

    def terms(self, question: str) -> tuple[str, ...]:
        stems, words = self.bot.analyzer.model_terms(question, self.bot.language_of(question) or "en")
        return tuple(dict.fromkeys(s for s, w in zip(stems, words, strict=True) if w not in STOP_WORDS))

    def weight(self, term: str) -> float:
        return self.bot.support.weight(term)


def similarity(a: tuple[str, ...], b: tuple[str, ...], weight: Callable[[str], float],
               near: _NearTerms | None = None) -> float:
    """IDF-weighted Dice overlap of two term lists; terms match when rapidfuzz finds them near-equal."""
    near = near or _NearTerms()
    others_a, others_b = set(a), set(b)

    def matched(terms, others):
        return sum(weight(t) for t in terms if not near[t].isdisjoint(others))

    total = sum(weight(t) for t in a) + sum(weight(t) for t in b)
    return (matched(a, others_b) + matched(b, others_a)) / total if total else float(a == b)


def _prefix(terms: tuple[str, ...], weight: Callable[[str], float]) -> tuple[str, ...]:
    """The heaviest terms, until the rest weigh under half: a similar question matches one of them (see find_gaps)."""
    ranked = sorted(terms, key=weight, reverse=True)
    rest = sum(weight(t) for t in ranked)
    half = rest * SIMILAR * (1 - 1e-9)
    for n, term in enumerate(ranked, 1):
        rest -= weight(term)
        if rest < half or rest <= 0:
            return tuple(ranked[:n])
    return tuple(ranked)


def find_gaps(records: list[dict], bot: BriefBot, closest_for: int | None = None) -> list[Gap]:
    """Cluster unanswered questions by similarity of their analysed terms; most frequent first.

    Each question joins the first gap (in order of creation) whose representative is similar enough, as a scan of
    every gap would find, but only gaps that can reach SIMILAR are scored. Similarity (m_ab + m_ba) / (W_a + W_b)
    >= 1/2 needs m_ab >= W_a / 2 or m_ba >= W_b / 2: the matched terms carry half of one side's weight, so that
    side's prefix (its heaviest terms, down to where the rest weigh under half) holds a matched term. Candidates are
    therefore the gaps holding a term near the question's prefix, and the gaps whose prefix holds a term near any
    of the question's terms. Common, light terms ("azerbaijan") are rarely in a prefix, which keeps this
    near-linear. Terms and weights are the serving bot's (ServedTerms); the closest entry is its scorer's first
    candidate. closest_for: find the closest entry for only the first N gaps (None: all).
    """
    served = ServedTerms(bot)
    weight = served.weight
    near = _NearTerms()
    gaps: list[Gap] = []
    holding: dict[str, list[int]] = {}  # term -> gaps whose representative has it
    leading: dict[str, list[int]] = {}  # term -> gaps whose representative's prefix has it
    questions = [
        r["question"] for r in records if r.get("event") == "unanswered" and isinstance(r.get("question"), str)
    ]
    for question in questions:
        terms = served.terms(question) or (question.lower().strip(),)
        candidates: set[int] = set()
        for term in _prefix(terms, weight):
            for other in near[term]:
                candidates.update(holding.get(other, ()))
        for term in terms:
            for other in near[term]:
                candidates.update(leading.get(other, ()))
        home = next((gaps[g] for g in sorted(candidates) if similarity(terms, gaps[g].terms, weight, near) >= SIMILAR),
                    None)
        if home is None:
            home = Gap(question, terms)
            for term in terms:
                holding.setdefault(term, []).append(len(gaps))
            for term in _prefix(terms, weight):
                leading.setdefault(term, []).append(len(gaps))
            gaps.append(home)
        home.questions.append(question)
    gaps.sort(key=lambda g: (-g.count, g.representative))
    for gap in gaps[:closest_for]:
        ranked = bot.scorer.rank(gap.representative, None, bot.language_of(gap.representative) or "en")
        if ranked:
            gap.closest, gap.closest_score = f"{ranked[0].brief.id}/{ranked[0].entry.id}", ranked[0].confidence
    return gaps


def format_gaps(gaps: list[Gap], limit: int = 20) -> str:
    if not gaps:
        return "No unanswered questions in the log."
    out = []
    for i, gap in enumerate(gaps[:limit], 1):
        out.append(f"{i}. {gap.count}× “{gap.representative}”")
        for q in sorted(set(gap.questions) - {gap.representative})[:4]:
            out.append(f"     also: “{q}”")
        if gap.closest:
            brief, entry = gap.closest.split("/")
            out.append(
                f"   closest entry: {gap.closest} (confidence {gap.closest_score:.2f}). "
                "If it answers this, add to its questions "
                f"in knowledge/{brief}/entries.yaml:"
            )
            out.append(f"      - {yaml_scalar(gap.representative)}")
        else:
            out.append("   no entry comes close: the brief may not cover this (or needs a new entry).")
    return "\n".join(out)


def yaml_scalar(text: str) -> str:
    import yaml

    return (
        yaml.safe_dump(text, allow_unicode=True, width=1000).strip().removesuffix("\n...").removesuffix("...").strip()
    )
