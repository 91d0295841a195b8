"""The Reply every front end renders, and its stable JSON form."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    brief: str
    title: str
    author: str
    date: str
    paragraph: int
    context: str


@dataclass(frozen=True)
class Suggestion:
    """A question the user can pick instead: names its brief and entry."""

    brief: str
    entry: str
    question: str


@dataclass(frozen=True)
class Reply:
    """The core's answer to one question.

    kind is one of: "answer", "suggest" (did you mean), "not_said" (on topic, but the brief
    does not state that fact), "decline" (off topic), "empty", "too_long".
    """

    question: str
    answered: bool
    answer: str
    kind: str
    quote: str | None = None
    source: Source | None = None
    context: str | None = None
    score: float = 0.0
    suggestions: tuple[Suggestion, ...] = ()
    related: tuple[Suggestion, ...] = ()
    entry: str | None = None

    def to_json(self) -> dict:
        """The stable batch interface: exactly these keys, in this order."""
        s = self.source
        return {
            "question": self.question,
            "answered": self.answered,
            "answer": self.answer,
            "quote": self.quote,
            "source": None if s is None else {
                "brief": s.brief, "title": s.title, "author": s.author,
                "date": s.date, "paragraph": s.paragraph, "context": s.context,
            },
            "context": self.context,
            "score": round(min(max(self.score, 0.0), 1.0), 4),
            "suggestions": [x.question for x in self.suggestions],
        }
