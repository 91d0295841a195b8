"""Coverage and quality report: uncovered sentences, thin entries, entries the matcher confuses."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.knowledge.models import Knowledge
from bot.knowledge.schema import MIN_PHRASINGS
from bot.matching.lexical import Matcher
from bot.matching.text import split_sentences, verbatim_key

MIN_OVERLAP = 25  # characters of a sentence a quote must share with it to cover it


@dataclass
class CoverageReport:
    uncovered: list[tuple[str, int, str]] = field(default_factory=list)  # brief, paragraph, sentence
    thin: list[tuple[str, str, int]] = field(default_factory=list)  # brief, entry, phrasings
    confusable: list[tuple[str, str, str, str]] = field(default_factory=list)  # brief, entry, phrasing, other entry
    sentences: int = 0

    @property
    def ok(self) -> bool:
        return not self.uncovered and not self.confusable

    def text(self) -> str:
        lines = [f"Coverage: {self.sentences - len(self.uncovered)}/{self.sentences} sentences quoted by an entry."]
        lines += [f"  uncovered: {b} ¶{n}: {s}" for b, n, s in self.uncovered]
        lines += [f"  thin: {b}/{e} has {n} phrasing(s); aim for {MIN_PHRASINGS}+" for b, e, n in self.thin]
        lines += [f"  confusable: {b}/{e}: {q!r} matches {o!r} as well or better" for b, e, q, o in self.confusable]
        lines.append("Coverage OK." if self.ok else "Coverage FAILED.")
        return "\n".join(lines)


def _spans(haystack: str, needle: str) -> list[tuple[int, int]]:
    spans, start = [], haystack.find(needle)
    while needle and start >= 0:
        spans.append((start, start + len(needle)))
        start = haystack.find(needle, start + 1)
    return spans


def coverage_report(knowledge: Knowledge, matcher: Matcher | None = None) -> CoverageReport:
    """Measure the knowledge against its own source text and against the matcher's scores."""
    matcher = matcher or Matcher(knowledge)
    report = CoverageReport()
    for brief in knowledge.briefs:
        for para in brief.paragraphs:
            if para.number == 0:
                continue
            body = verbatim_key(para.text)
            quoted = [
                s for e in brief.entries if e.paragraph == para.number for s in _spans(body, verbatim_key(e.quote))
            ]
            for sentence in split_sentences(para.text):
                report.sentences += 1
                lo = body.find(verbatim_key(sentence))
                hi = lo + len(verbatim_key(sentence))
                need = min(MIN_OVERLAP, hi - lo)
                if lo < 0 or not any(min(hi, b) - max(lo, a) >= need for a, b in quoted):
                    report.uncovered.append((brief.id, para.number, sentence))
        for entry in brief.entries:
            if len(entry.questions) < MIN_PHRASINGS:
                report.thin.append((brief.id, entry.id, len(entry.questions)))
            for q in entry.questions:
                ranked = matcher.rank(matcher.analyzer.query(q), brief.id)
                own = next((c.score for c in ranked if c.entry.id == entry.id), 0.0)
                rival = next((c for c in ranked if c.entry.id != entry.id), None)
                if not ranked:
                    report.confusable.append((brief.id, entry.id, q, "(nothing: no content words)"))
                elif rival and rival.score >= own:
                    report.confusable.append((brief.id, entry.id, q, rival.entry.id))
    return report
