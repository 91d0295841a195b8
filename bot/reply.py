"""The Reply every front end renders, and its stable JSON form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ReplyKind = Literal[
    "answer",  # a sourced answer
    "suggest",  # did you mean: the closest questions
    "not_said",  # on topic, but the brief does not state that fact
    "not_understood",  # on topic, but no entry matched: rephrase, or pick a suggestion
    "decline",  # off topic: the brief does not cover that
    "clarify",  # a follow-up with nothing before it to refer to
    "other_language",  # a language we do not speak
    "empty",
    "too_long",
]


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


@dataclass(frozen=True, kw_only=True)
class Reply:
    """The core's answer to one question. Build it with keywords."""

    question: str
    kind: ReplyKind
    answer: str
    quote: str | None = None  # always the brief's verbatim (English) sentence
    quote_translation: str | None = None  # the knowledge's translation of the quote, in the reply's language
    source: Source | None = None
    context: str | None = None
    score: float = 0.0
    suggestions: tuple[Suggestion, ...] = ()
    related: tuple[Suggestion, ...] = ()
    entry: str | None = None
    language: str = "en"
    also: tuple[Reply, ...] = ()  # the answer to a second question in the same message ("who wrote it and when?")

    @property
    def answered(self) -> bool:
        return self.kind == "answer"

    def to_json(self) -> dict:
        """The stable batch interface: exactly these keys, in this order."""
        s = self.source
        return {
            "question": self.question,
            "answered": self.answered,
            "answer": "\n\n".join((self.answer, *(a.answer for a in self.also))),
            "quote": self.quote,
            "source": None if s is None else {
                "brief": s.brief, "title": s.title, "author": s.author,
                "date": s.date, "paragraph": s.paragraph, "context": s.context,
            },
            "context": self.context,
            "score": round(min(max(self.score, 0.0), 1.0), 4),
            "suggestions": [x.question for x in self.suggestions],
            "language": self.language,
            "quote_translation": self.quote_translation,
        }
