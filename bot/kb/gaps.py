"""`briefbot kb gaps`: group logged unanswered questions into gaps, each with a ready-to-paste phrasing."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from bot.matching.lexical import Matcher

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


class _NearTerms:
    """For each term seen, the seen terms rapidfuzz finds near-equal (itself included), without comparing all pairs.

    Candidates share a one-deletion key (a typo: one insertion, deletion, substitution or transposition apart);
    rapidfuzz then confirms each. Near-linear in the number of distinct terms, where comparing all pairs was quadratic.
    """

    def __init__(self) -> None:
        self.near: dict[str, set[str]] = {}
        self._by_key: dict[str, list[str]] = {}

    def __getitem__(self, term: str) -> set[str]:
        found = self.near.get(term)
        if found is None:
            keys = {term} | {term[:i] + term[i + 1:] for i in range(len(term))}
            found = {term}
            for key in keys:
                for other in self._by_key.get(key, ()):
                    if other not in found and fuzz.ratio(term, other) >= SAME_TERM:
                        found.add(other)
                        self.near[other].add(term)
                self._by_key.setdefault(key, []).append(term)
            self.near[term] = found
        return found


def similarity(a: tuple[str, ...], b: tuple[str, ...], matcher: Matcher, near: _NearTerms | None = None) -> float:
    """IDF-weighted Dice overlap of two term lists; terms match when rapidfuzz finds them near-equal."""
    near = near or _NearTerms()
    others_a, others_b = set(a), set(b)

    def matched(terms, others):
        return sum(matcher.weight(t) for t in terms if not near[t].isdisjoint(others))

    total = sum(matcher.weight(t) for t in a) + sum(matcher.weight(t) for t in b)
    return (matched(a, others_b) + matched(b, others_a)) / total if total else float(a == b)


def _prefix(terms: tuple[str, ...], matcher: Matcher) -> tuple[str, ...]:
    """The heaviest terms, until the rest weigh under half: a similar question matches one of them (see find_gaps)."""
    ranked = sorted(terms, key=matcher.weight, reverse=True)
    rest = sum(matcher.weight(t) for t in ranked)
    half = rest * SIMILAR * (1 - 1e-9)
    for n, term in enumerate(ranked, 1):
        rest -= matcher.weight(term)
        if rest < half or rest <= 0:
            return tuple(ranked[:n])
    return tuple(ranked)


def find_gaps(records: list[dict], matcher: Matcher, closest_for: int | None = None) -> list[Gap]:
    """Cluster unanswered questions by similarity of their analysed terms; most frequent first.

    Each question joins the first gap (in order of creation) whose representative is similar enough, as a scan of
    every gap would find, but only gaps that can reach SIMILAR are scored. Similarity (m_ab + m_ba) / (W_a + W_b)
    >= 1/2 needs m_ab >= W_a / 2 or m_ba >= W_b / 2: the matched terms carry half of one side's weight, so that
    side's prefix (its heaviest terms, down to where the rest weigh under half) holds a matched term. Candidates are
    therefore the gaps holding a term near the question's prefix, and the gaps whose prefix holds a term near any
    of the question's terms. Common, light terms ("azerbaijan") are rarely in a prefix, which keeps this
    near-linear. closest_for: find the closest entry for only the first N gaps (None: all).
    """
    near = _NearTerms()
    gaps: list[Gap] = []
    holding: dict[str, list[int]] = {}  # term -> gaps whose representative has it
    leading: dict[str, list[int]] = {}  # term -> gaps whose representative's prefix has it
    questions = [
        r["question"] for r in records if r.get("event") == "unanswered" and isinstance(r.get("question"), str)
    ]
    for question in questions:
        terms = matcher.analyzer.query(question).terms or (question.lower().strip(),)
        candidates: set[int] = set()
        for term in _prefix(terms, matcher):
            for other in near[term]:
                candidates.update(holding.get(other, ()))
        for term in terms:
            for other in near[term]:
                candidates.update(leading.get(other, ()))
        home = next((gaps[g] for g in sorted(candidates) if similarity(terms, gaps[g].terms, matcher, near) >= SIMILAR),
                    None)
        if home is None:
            home = Gap(question, terms)
            for term in terms:
                holding.setdefault(term, []).append(len(gaps))
            for term in _prefix(terms, matcher):
                leading.setdefault(term, []).append(len(gaps))
            gaps.append(home)
        home.questions.append(question)
    gaps.sort(key=lambda g: (-g.count, g.representative))
    for gap in gaps[:closest_for]:
        ranked = matcher.rank(matcher.analyzer.query(gap.representative))
        if ranked:
            gap.closest, gap.closest_score = f"{ranked[0].brief.id}/{ranked[0].entry.id}", ranked[0].score
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
                f"   closest entry: {gap.closest} (score {gap.closest_score:.2f}). "
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
