"""The pure core: a question goes in, a Reply comes out. No front-end imports."""

from __future__ import annotations

import datetime as dt

from bot.matching.lexical import SUGGEST_THRESHOLD, Candidate, Matcher
from bot.knowledge.models import Brief, Entry, Knowledge
from bot.reply import Reply, Source, Suggestion

MAX_QUESTION_CHARS = 1000
_UNMET = {"quantity": "give that figure", "date": "give that date", "time": "say when that happened"}


def human_date(iso: str) -> str:
    """'2025-07-27' -> '27 July 2025'; anything else is returned as given."""
    try:
        d = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.day} {d.strftime('%B')} {d.year}"


def covered_topics(knowledge: Knowledge) -> str:
    """One sentence on what the knowledge covers, for declines."""
    parts = []
    for b in knowledge.briefs:
        titles = [c.title.split(": ", 1)[-1] for c in b.contexts if c.ordinal is not None] or [c.title for c in b.contexts]
        parts.append(f"“{b.title}” by {b.author} ({human_date(b.date)})" + (": " + "; ".join(titles) if titles else ""))
    return " | ".join(parts)


class BriefBot:
    """Answers questions about the loaded briefs. Built once; every method is pure."""

    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge
        self.matcher = Matcher(knowledge)
        self.topics = covered_topics(knowledge)

    def _suggestion(self, brief: Brief, entry: Entry, name_brief: bool = False) -> Suggestion:
        """An entry offered as a question; name_brief labels it with its brief's title."""
        question = entry.questions[0]
        return Suggestion(brief.id, entry.id, f"{question} ({brief.title})" if name_brief else question)

    def _suggestions(self, candidates: tuple[Candidate, ...]) -> tuple[Suggestion, ...]:
        many = len(self.knowledge.briefs) > 1
        return tuple(self._suggestion(c.brief, c.entry, many) for c in candidates[:3])

    def entry_reply(self, brief_id: str, entry_id: str, question: str | None = None, score: float = 1.0) -> Reply | None:
        """The sourced answer of one entry, or None if it does not exist (e.g. stale buttons)."""
        brief = self.knowledge.brief(brief_id)
        entry = brief.entry(entry_id) if brief else None
        if entry is None:
            return None
        ctx = brief.context(entry.context)
        source = Source(brief.id, brief.title, brief.author, brief.date, entry.paragraph, ctx.title)
        related = tuple(self._suggestion(brief, r) for r in (brief.entry(i) for i in entry.related) if r)
        return Reply(question if question is not None else entry.questions[0], True, entry.answer, "answer",
                     quote=entry.quote, source=source, context=ctx.summary, score=score,
                     related=related[:3], entry=entry.id)

    def ask(self, question: str, brief_id: str | None = None) -> Reply:
        """Answer one question; never raises on any text."""
        text = question if isinstance(question, str) else ""
        if not text.strip():
            return Reply(text, False, "Please ask a question about the brief. " + self._covers(), "empty")
        if len(text) > MAX_QUESTION_CHARS:
            return Reply(text, False, f"That message is {len(text):,} characters long; please ask a shorter question "
                         f"(up to {MAX_QUESTION_CHARS:,} characters).", "too_long")
        match = self.matcher.match(text, brief_id)
        if match.outcome == "answer":
            best = match.best
            return self.entry_reply(best.brief.id, best.entry.id, text, best.score)
        if match.outcome == "suggest":
            suggestions = self._suggestions(match.candidates)
            if match.unmet:
                msg = f"The brief does not {_UNMET[match.unmet]}. The closest thing it does say is about:"
                return Reply(text, False, msg, "not_said", score=match.score, suggestions=suggestions[:1])
            return Reply(text, False, "I am not sure the brief answers that. Did you mean one of these?",
                         "suggest", score=match.score, suggestions=suggestions)
        if match.small_talk:
            return Reply(text, False, "Hello! I am BriefBot, and I answer questions about a policy brief. "
                         + self._covers(), "decline")
        return Reply(text, False, "The brief does not cover that. " + self._covers(), "decline", score=match.score)

    def top_answers(self, question: str, limit: int = 5, brief_id: str | None = None) -> list[Reply]:
        """Up to `limit` sourced entry replies that plausibly answer the question (for inline mode)."""
        text = question if isinstance(question, str) else ""
        if not text.strip() or len(text) > MAX_QUESTION_CHARS:
            return []
        ranked = self.matcher.rank(self.matcher.analyzer.query(text), brief_id)
        return [self.entry_reply(c.brief.id, c.entry.id, None, c.score) for c in ranked[:limit] if c.score >= SUGGEST_THRESHOLD]

    def _covers(self) -> str:
        return f"It covers: {self.topics}. Send /topics for questions you can ask."
