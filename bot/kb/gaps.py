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


def similarity(a: tuple[str, ...], b: tuple[str, ...], matcher: Matcher) -> float:
    """IDF-weighted Dice overlap of two term lists; terms match when rapidfuzz finds them near-equal."""
    def matched(terms, others):
        return sum(matcher.weight(t) for t in terms if any(t == o or fuzz.ratio(t, o) >= SAME_TERM for o in others))

    total = sum(matcher.weight(t) for t in a) + sum(matcher.weight(t) for t in b)
    return (matched(a, b) + matched(b, a)) / total if total else float(a == b)


def find_gaps(records: list[dict], matcher: Matcher) -> list[Gap]:
    """Cluster unanswered questions by similarity of their analysed terms; most frequent first."""
    gaps: list[Gap] = []
    questions = [r["question"] for r in records if r.get("event") == "unanswered" and isinstance(r.get("question"), str)]
    for question in questions:
        terms = matcher.analyzer.query(question).terms or (question.lower().strip(),)
        home = next((g for g in gaps if similarity(terms, g.terms, matcher) >= SIMILAR), None)
        if home is None:
            home = Gap(question, terms)
            gaps.append(home)
        home.questions.append(question)
    for gap in gaps:
        ranked = matcher.rank(matcher.analyzer.query(gap.representative))
        if ranked:
            gap.closest, gap.closest_score = f"{ranked[0].brief.id}/{ranked[0].entry.id}", ranked[0].score
    return sorted(gaps, key=lambda g: (-g.count, g.representative))


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
            out.append(f"   closest entry: {gap.closest} (score {gap.closest_score:.2f}). If it answers this, add to its questions "
                       f"in knowledge/{brief}/entries.yaml:")
            out.append(f"      - {yaml_scalar(gap.representative)}")
        else:
            out.append("   no entry comes close: the brief may not cover this (or needs a new entry).")
    return "\n".join(out)


def yaml_scalar(text: str) -> str:
    import yaml

    return yaml.safe_dump(text, allow_unicode=True, width=1000).strip().removesuffix("\n...").removesuffix("...").strip()
