"""Score every entry against a question and decide: answer, suggest, or decline.

Scoring (all parts in 0..1, combined into one score):
  coverage  how much of the question's weight the entry explains; question words found in an
            entry's phrasings or keywords count fully, in its answer or quote partly. Weights are
            IDF over entries, and a word the knowledge never uses weighs as much as the rarest
            word: a question about something the brief never mentions cannot score high.
  overlap   the best weighted Dice overlap with one of the entry's phrasings.
  fuzzy     rapidfuzz token_set_ratio against the phrasings, for residual spelling variation.
Thresholds were calibrated on tests/dev_set.yaml with `make bench`; see README.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.knowledge.models import Brief, Entry, Knowledge
from bot.matching.analyzer import Analyzer, Query, fact_kinds

ANSWER_THRESHOLD = 0.50
SUGGEST_THRESHOLD = 0.36
TIE_MARGIN = 0.015
MIN_COVERAGE = 0.4  # an answer must explain a good part of the question's weight
MIN_INFORMATION = 1.0  # summed IDF of the matched words; below it a question is too vague to answer
WEIGHTS = (0.55, 0.30, 0.15)
WEAK_FIELD = 0.6
PREFIX = 5  # words sharing their first five letters count as a partial match
FACT_BONUS = 0.05  # a "when"/"how many" question prefers entries that state a date/figure


@dataclass(frozen=True)
class Candidate:
    brief: Brief
    entry: Entry
    score: float
    coverage: float = 0.0  # share of the question's weight this entry explains
    information: float = 0.0  # summed IDF of the question words found in the entry
    facts: frozenset[str] = frozenset()  # kinds of fact the entry states ("quantity", "date", "time")


@dataclass(frozen=True)
class Match:
    """The matcher's decision for one question."""

    outcome: str  # "answer", "suggest" or "decline"
    candidates: tuple[Candidate, ...]
    unmet: str | None = None  # the kind of fact asked for that the best entry does not state
    small_talk: bool = False

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    @property
    def score(self) -> float:
        return self.candidates[0].score if self.candidates else 0.0


@dataclass(frozen=True)
class _Indexed:
    brief: Brief
    entry: Entry
    strong: frozenset[str]
    weak: frozenset[str]
    phrasings: tuple[tuple[str, ...], ...]
    facts: frozenset[str]
    prefixes: frozenset[str]


class Matcher:
    """Built once from the knowledge; `match` is pure and deterministic."""

    def __init__(self, knowledge: Knowledge):
        self.analyzer = Analyzer(knowledge)
        terms = self.analyzer.terms
        self._items: list[_Indexed] = []
        for brief in knowledge.briefs:
            for e in brief.entries:
                phrasings = tuple(terms(q, repair=False) for q in e.questions)
                strong = frozenset(t for p in phrasings for t in p) | frozenset(
                    t for k in e.keywords for t in terms(k, repair=False)
                )
                weak = frozenset(terms(f"{e.answer} {e.quote}", repair=False))
                weak = (weak | {w for t in strong | weak for w in self.analyzer.alias_words.get(t, ())}) - strong
                prefixes = frozenset(t[:PREFIX] for t in strong if len(t) >= PREFIX)
                self._items.append(
                    _Indexed(brief, e, strong, weak, phrasings, fact_kinds(f"{e.quote} {e.answer}"), prefixes)
                )
        n = len(self._items)
        df: dict[str, int] = {}
        for item in self._items:
            for t in item.strong | item.weak:
                df[t] = df.get(t, 0) + 1
        self._idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self._unknown_idf = math.log((n + 1) / 0.5)
        self._postings: dict[str, set[int]] = {}
        for i, item in enumerate(self._items):
            for key in item.strong | item.weak | item.prefixes:
                self._postings.setdefault(key, set()).add(i)
        self._phrase_weight = [[sum(self.weight(t) for t in p) for p in item.phrasings] for item in self._items]
        self._phrase_text = [[" ".join(p) for p in item.phrasings] for item in self._items]

    def weight(self, term: str) -> float:
        return self._idf.get(term, self._unknown_idf)

    def _coverage(self, weights: dict[str, float], total: float, item: _Indexed) -> tuple[float, float]:
        """(coverage, information): weighted share of the question the entry explains, and the IDF it matched."""
        got = information = 0.0
        for t, w in weights.items():
            if t in item.strong:
                got, information = got + w, information + w
            elif t in item.weak:
                got, information = got + w * WEAK_FIELD, information + w
            elif len(t) >= PREFIX and t[:PREFIX] in item.prefixes:
                got += w * 0.7
        return got / total, information

    def _overlap(self, weights: dict[str, float], total: float, index: int) -> float:
        best = 0.0
        for p, pw in zip(self._items[index].phrasings, self._phrase_weight[index], strict=False):
            common = sum(weights[t] for t in p if t in weights)
            best = max(best, 2 * common / (total + pw))
        return best

    def rank(self, query: Query, brief_id: str | None = None) -> list[Candidate]:
        """Entries that share a word with the question and could reach a suggestion, best first (ties: entry order)."""
        if not query.terms:
            return []
        weights = {t: self.weight(t) for t in query.terms}
        total = sum(weights.values())
        pool: set[int] = set()
        for t in query.terms:
            pool.update(self._postings.get(t, ()))
            if len(t) >= PREFIX:
                pool.update(self._postings.get(t[:PREFIX], ()))
        text = " ".join(query.terms)
        a, b, c = WEIGHTS
        scored = []
        for i in pool:
            item = self._items[i]
            if brief_id and item.brief.id != brief_id:
                continue
            coverage, information = self._coverage(weights, total, item)
            if a * coverage + b * min(1.0, 2 * coverage) + c + FACT_BONUS < SUGGEST_THRESHOLD:
                continue  # cannot reach a suggestion: overlap is at most twice the coverage, fuzzy at most 1
            fuzzy = max(fuzz.token_set_ratio(text, p) for p in self._phrase_text[i]) / 100
            s = a * coverage + b * self._overlap(weights, total, i) + c * fuzzy
            if query.asks and query.asks in item.facts:
                s = min(1.0, s + FACT_BONUS)
            scored.append(
                (round(s, 4), -i, Candidate(item.brief, item.entry, round(s, 4), coverage, information, item.facts))
            )
        scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
        return [candidate for _, _, candidate in scored]

    def match(self, question: str, brief_id: str | None = None) -> Match:
        """Decide among answer, suggest and decline for one question."""
        query = self.analyzer.query(question)
        if query.small_talk:
            return Match("decline", (), small_talk=True)
        ranked = self.rank(query, brief_id)
        top = [c for c in ranked[:5] if c.score >= SUGGEST_THRESHOLD]
        if not top:
            return Match("decline", ())
        best = top[0]
        unmet = query.asks if query.asks and query.asks not in best.facts else None
        vague = best.information < MIN_INFORMATION
        tied_briefs = len(top) > 1 and top[1].brief.id != best.brief.id and best.score - top[1].score < TIE_MARGIN
        if (
            best.score >= ANSWER_THRESHOLD
            and best.coverage >= MIN_COVERAGE
            and not unmet
            and not tied_briefs
            and not vague
        ):
            return Match("answer", tuple(top))
        return Match("suggest", tuple(top[:3]), unmet)
