"""Coverage and quality report: uncovered sentences, thin entries, phrasings the serving bot does not answer."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core import BriefBot
from bot.knowledge.models import Knowledge
from bot.knowledge.schema import MIN_PHRASINGS
from bot.matching.text import split_sentences, verbatim_key

MIN_OVERLAP = 25  # characters of a sentence a quote must share with it to cover it


@dataclass
class CoverageReport:
    uncovered: list[tuple[str, int, str]] = field(default_factory=list)  # brief, paragraph, sentence
    thin: list[tuple[str, str, int]] = field(default_factory=list)  # brief, entry, phrasings
    # brief, entry, phrasing, other entry: the phrasing is answered with the other entry, or gets a "did you mean"
    # that offers it (the bot cannot choose)
    confusable: list[tuple[str, str, str, str]] = field(default_factory=list)
    # brief, entry, phrasing, "(outcome: best entry)": an own phrasing the bot does not answer (e.g. it asks for a
    # figure the entry does not state); reported, but not a failure, as thin entries are not
    unanswered: list[tuple[str, str, str, str]] = field(default_factory=list)
    sentences: int = 0

    @property
    def ok(self) -> bool:
        return not self.uncovered and not self.confusable

    def text(self) -> str:
        lines = [f"Coverage: {self.sentences - len(self.uncovered)}/{self.sentences} sentences quoted by an entry."]
        lines += [f"  uncovered: {b} ¶{n}: {s}" for b, n, s in self.uncovered]
        lines += [f"  thin: {b}/{e} has {n} phrasing(s); aim for {MIN_PHRASINGS}+" for b, e, n in self.thin]
        lines += [f"  confusable: {b}/{e}: {q!r} is not told apart from {o!r}" for b, e, q, o in self.confusable]
        lines += [f"  unanswered: {b}/{e}: {q!r} gets {o}" for b, e, q, o in self.unanswered]
        lines.append("Coverage OK." if self.ok else "Coverage FAILED.")
        return "\n".join(lines)


def _spans(haystack: str, needle: str) -> list[tuple[int, int]]:
    spans, start = [], haystack.find(needle)
    while needle and start >= 0:
        spans.append((start, start + len(needle)))
        start = haystack.find(needle, start + 1)
    return spans


def coverage_report(knowledge: Knowledge, bot: BriefBot | None = None) -> CoverageReport:
    """Measure the knowledge against its own source text and against what the bot serves for its own phrasings."""
    bot = bot or BriefBot(knowledge)
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
            for language, text in brief.entry_texts(entry.id):
                for q in text.questions:
                    _check_phrasing(report, bot, brief.id, entry.id, q, language)
    return report



def _check_phrasing(report: CoverageReport, bot: BriefBot, brief_id: str, entry_id: str, question: str,
                    language: str) -> None:
    """Ask one of an entry's own phrasings as served (the scorer, then the policy) and record what goes wrong."""
    decision = bot.decide(question, brief_id, language)
    best = decision.best
    rival = next((c.entry.id for c in decision.candidates if c.entry.id != entry_id), None)
    if decision.outcome == "answer":
        if best.entry.id != entry_id:
            report.confusable.append((brief_id, entry_id, question, best.entry.id))
    elif decision.outcome == "suggest" and rival:
        report.confusable.append((brief_id, entry_id, question, rival))
    else:
        outcome = f"({decision.outcome}{': best ' + best.entry.id if best else ''})"
        report.unanswered.append((brief_id, entry_id, question, outcome))
