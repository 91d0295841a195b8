"""Frozen dataclasses for the knowledge: briefs, their paragraphs, contexts and entries."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    """One numbered block of a brief's cleaned source text."""

    number: int
    text: str
    heading: str | None = None


@dataclass(frozen=True)
class Context:
    """A part of the brief: its title, summary and the paragraphs it spans."""

    id: str
    title: str
    summary: str
    paragraphs: tuple[int, ...]
    ordinal: int | None = None


@dataclass(frozen=True)
class Entry:
    """One question-answer entry resting on a verbatim quote."""

    id: str
    questions: tuple[str, ...]
    answer: str
    quote: str
    paragraph: int
    context: str
    keywords: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    draft: bool = False
    stated: bool = True  # False: the entry records what the brief does NOT say; its reply is "not said", quoting
    # the closest sentence (the brief announces five contexts but describes four)


@dataclass(frozen=True)
class EntryText:
    """An entry's words in one language."""

    questions: tuple[str, ...]
    answer: str
    quote: str | None = None  # a translation of the quote; None in English, where the quote itself is shown
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContextText:
    """A context's title and summary in one language."""

    title: str
    summary: str


@dataclass(frozen=True)
class Translation:
    """A brief's texts in one more language, written by hand (never machine-translated at run time)."""

    language: str
    title: str
    summary: str
    contexts_note: str | None
    contexts: tuple[tuple[str, ContextText], ...]
    entries: tuple[tuple[str, EntryText], ...]
    author: str | None = None  # the author's name in this language's script ("Тарас Кузьо"), for our sentences

    def entry(self, entry_id: str) -> EntryText | None:
        return next((t for i, t in self.entries if i == entry_id), None)

    def context(self, context_id: str) -> ContextText | None:
        return next((t for i, t in self.contexts if i == context_id), None)


@dataclass(frozen=True)
class Brief:
    """A brief with its metadata, source text, contexts and entries."""

    id: str
    title: str
    author: str
    date: str
    summary: str
    paragraphs: tuple[Paragraph, ...]
    contexts: tuple[Context, ...]
    entries: tuple[Entry, ...]
    contexts_note: str | None = None
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    languages: tuple[str, ...] = ("en",)
    translations: tuple[Translation, ...] = ()

    def translation(self, language: str) -> Translation | None:
        return next((t for t in self.translations if t.language == language), None)

    def author_in(self, language: str) -> str:
        """The author's name for a sentence in `language` ("Тарас Кузьо"); citations keep the original."""
        translation = self.translation(language)
        return translation.author if translation and translation.author else self.author

    def entry_texts(self, entry_id: str):
        """(language, EntryText) for English and every translation of one entry."""
        entry = self.entry(entry_id)
        if entry is None:
            return
        yield "en", EntryText(entry.questions, entry.answer, None, entry.keywords)
        for t in self.translations:
            text = t.entry(entry_id)
            if text is not None:
                yield t.language, text

    def entry_text(self, entry_id: str, language: str) -> EntryText | None:
        """The entry's words in `language`, or in English when that language has none."""
        texts = dict(self.entry_texts(entry_id))
        return texts.get(language) or texts.get("en")

    def entry(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def context(self, context_id: str) -> Context | None:
        return next((c for c in self.contexts if c.id == context_id), None)

    def paragraph(self, number: int) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.number == number), None)


@dataclass(frozen=True)
class Knowledge:
    """Every loaded brief, in a stable order."""

    briefs: tuple[Brief, ...]
    source: str = ""

    def brief(self, brief_id: str) -> Brief | None:
        return next((b for b in self.briefs if b.id == brief_id), None)

    def find_entry(self, brief_id: str, entry_id: str) -> Entry | None:
        brief = self.brief(brief_id)
        return brief.entry(entry_id) if brief else None
