"""Validate one brief's merged YAML mapping and build its frozen dataclasses."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.knowledge.models import Brief, Context, Entry, Paragraph
from bot.matching.text import fold, verbatim_key

BRIEF_FIELDS = {
    "id",
    "title",
    "author",
    "date",
    "summary",
    "paragraphs",
    "contexts",
    "entries",
    "contexts_note",
    "aliases",
    "languages",
}
BRIEF_REQUIRED = {"id", "title", "author", "date", "summary", "paragraphs", "contexts", "entries"}
PARAGRAPH_FIELDS, PARAGRAPH_REQUIRED = {"n", "text", "heading", "kind"}, {"n", "text"}
CONTEXT_FIELDS, CONTEXT_REQUIRED = (
    {"id", "title", "summary", "paragraphs", "ordinal"},
    {"id", "title", "summary", "paragraphs"},
)
ENTRY_FIELDS = {"id", "questions", "answer", "quote", "paragraph", "context", "keywords", "related", "draft", "stated"}
ENTRY_REQUIRED = {"id", "questions", "answer", "quote", "paragraph", "context"}
MIN_PHRASINGS = 4
# A quote must show something on its own: a clause of at least two words, or a name or date of 8+ characters,
# or a whole line of the text (a one-word title line). "A" or "s" is verbatim in nearly every paragraph.
MIN_QUOTE_WORDS, MIN_QUOTE_CHARS = 2, 8
ID_SHAPE = re.compile(r"[a-z0-9][a-z0-9_-]{0,23}")  # short ASCII ids keep Telegram callback data under 64 bytes


class Problems:
    """Collects problems for one brief, turning YAML paths into file and line."""

    def __init__(self, origin: dict[str, list], fallback: Path, sink: list, make: Callable):
        self.origin, self.fallback, self.sink, self.make = origin, fallback, sink, make

    def locate(self, path: tuple) -> tuple[str, int | None]:
        segments = self.origin.get(path[0]) if path else None
        if not segments:
            return str(self.fallback), None
        offset, file, lines = segments[0]
        if len(path) > 1 and isinstance(path[1], int):
            offset, file, lines = max((s for s in segments if s[0] <= path[1]), key=lambda s: s[0])
            path = (path[0], path[1] - offset) + path[2:]
        while path and path not in lines:
            path = path[:-1]
        return str(file), lines.get(path)

    def add(self, path: tuple, message: str, entry: str | None = None) -> None:
        file, line = self.locate(path)
        self.sink.append(self.make(file, line, entry, message))


def _fields(item: Any, path: tuple, allowed: set, required: set, out: Problems, label: str, name: str | None) -> bool:
    if not isinstance(item, dict):
        out.add(path, f"each {label} must be a mapping", name)
        return False
    for key in sorted(set(item) - allowed, key=str):
        out.add(path + (key,), f"unknown field {key!r} in {label}", name)
    for key in sorted(required - set(item)):
        out.add(path, f"missing field {key!r} in {label}", name)
    return required <= set(item)


def _text(value: Any, path: tuple, out: Problems, name: str | None, what: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value).strip():
        out.add(path, f"{what} must be non-empty text", name)
        return ""
    return str(value).strip()


def _texts(value: Any, path: tuple, out: Problems, name: str | None, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        out.add(path, f"{what} must be a list", name)
        return ()
    return tuple(_text(v, path + (i,), out, name, f"each of {what}") for i, v in enumerate(value))


def _int(value: Any, path: tuple, out: Problems, name: str | None, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        out.add(path, f"{what} must be a whole number", name)
        return -1
    return value


def _paragraphs(raw: Any, out: Problems) -> tuple[Paragraph, ...]:
    result: list[Paragraph] = []
    for i, item in enumerate(raw if isinstance(raw, list) else []):
        path = ("paragraphs", i)
        if not _fields(item, path, PARAGRAPH_FIELDS, PARAGRAPH_REQUIRED, out, "paragraph", None):
            continue
        n = _int(item["n"], path + ("n",), out, None, "paragraph number 'n'")
        if any(p.number == n for p in result):
            out.add(path + ("n",), f"paragraph number {n} is used twice")
        heading = _text(item["heading"], path + ("heading",), out, None, "heading") if "heading" in item else None
        _text(item.get("kind", "paragraph"), path + ("kind",), out, None, "kind")  # a note for authors; not used
        result.append(Paragraph(n, _text(item["text"], path + ("text",), out, None, "paragraph text"), heading))
    if not isinstance(raw, list) or not result:
        out.add(("paragraphs",), "paragraphs must be a non-empty list")
    return tuple(result)


def _contexts(raw: Any, numbers: set[int], out: Problems) -> tuple[Context, ...]:
    result: list[Context] = []
    for i, item in enumerate(raw if isinstance(raw, list) else []):
        path = ("contexts", i)
        if not _fields(item, path, CONTEXT_FIELDS, CONTEXT_REQUIRED, out, "context", None):
            continue
        cid = _text(item["id"], path + ("id",), out, None, "context id")
        if any(c.id == cid for c in result):
            out.add(path + ("id",), f"duplicate context id {cid!r}")
        paras = tuple(
            _int(p, path + ("paragraphs", j), out, cid, "context paragraph")
            for j, p in enumerate(item["paragraphs"] or [])
        )
        for j, p in enumerate(paras):
            if p not in numbers:
                out.add(path + ("paragraphs", j), f"context {cid!r} names paragraph {p}, which does not exist")
        ordinal = _int(item["ordinal"], path + ("ordinal",), out, cid, "ordinal") if "ordinal" in item else None
        result.append(Context(cid, _text(item["title"], path + ("title",), out, cid, "title"),
                              _text(item["summary"], path + ("summary",), out, cid, "summary"), paras, ordinal))
    if not isinstance(raw, list) or not result:
        out.add(("contexts",), "contexts must be a non-empty list")
    return tuple(result)


def _id(value: Any, path: tuple, out: Problems, what: str) -> str:
    text = _text(value, path, out, None, what)
    if text and not ID_SHAPE.fullmatch(text):
        out.add(path, f"{what} {text!r} must be 1-24 lower-case letters, digits, '-' or '_'", text)
    return text


def _entry(item: dict, path: tuple, out: Problems) -> Entry:
    eid = _id(item["id"], path + ("id",), out, "entry id")
    draft = item.get("draft", False)
    if not isinstance(draft, bool):
        out.add(path + ("draft",), "draft must be true or false", eid)
    stated = item.get("stated", True)
    if not isinstance(stated, bool):
        out.add(path + ("stated",), "stated must be true or false", eid)
    questions = _texts(item["questions"], path + ("questions",), out, eid, "questions")
    if len(questions) < (1 if draft else MIN_PHRASINGS):
        out.add(path + ("questions",), f"needs at least {MIN_PHRASINGS} question phrasings, has {len(questions)}", eid)
    return Entry(
        id=eid, questions=questions,
        answer=_text(item["answer"], path + ("answer",), out, eid, "answer"),
        quote=_text(item["quote"], path + ("quote",), out, eid, "quote"),
        paragraph=_int(item["paragraph"], path + ("paragraph",), out, eid, "paragraph"),
        context=_text(item["context"], path + ("context",), out, eid, "context"),
        keywords=_texts(item.get("keywords"), path + ("keywords",), out, eid, "keywords"),
        related=_texts(item.get("related"), path + ("related",), out, eid, "related"),
        draft=bool(draft),
        stated=stated is not False,
    )


def _quote_problem(quote: str, para: Paragraph) -> str | None:
    """Why a quote is not a verbatim, meaningful span of its paragraph (None when it is)."""
    key, body = verbatim_key(quote), verbatim_key(f"{para.heading or ''} {para.text}")
    if key not in body:
        return f"quote is not verbatim in paragraph {para.number}"
    starts, i = [], body.find(key)
    while i >= 0:  # every occurrence, overlapping ones too
        starts.append(i)
        i = body.find(key, i + 1)
    if not any((i == 0 or not body[i - 1].isalnum()) and (i + len(key) == len(body) or not body[i + len(key)].isalnum())
               for i in starts):
        return f"quote cuts a word of paragraph {para.number}: quote whole words"
    lines = {verbatim_key(line) for line in [para.heading or "", *para.text.splitlines()]}
    if len(key.split()) < MIN_QUOTE_WORDS and len(key) < MIN_QUOTE_CHARS and key not in lines:
        return (f"quote {quote!r} is too short to show anything: quote a clause, at least {MIN_QUOTE_WORDS} words "
                f"or {MIN_QUOTE_CHARS} characters, or a whole line")
    return None


def _check_entries(
    entries: list[tuple[tuple, Entry]], paragraphs: tuple[Paragraph, ...], contexts: tuple[Context, ...], out: Problems
) -> None:
    ids = {e.id for _, e in entries}
    seen_ids: set[str] = set()
    asked: dict[str, str] = {}
    by_number = {p.number: p for p in paragraphs}
    by_context = {c.id: c for c in contexts}
    for path, e in entries:
        if e.id in seen_ids:
            out.add(path + ("id",), f"duplicate entry id {e.id!r}", e.id)
        seen_ids.add(e.id)
        for i, q in enumerate(e.questions):
            key = fold(q)
            if key in asked and asked[key] != e.id:
                out.add(path + ("questions", i), f"question {q!r} is also asked under entry {asked[key]!r}", e.id)
            asked.setdefault(key, e.id)
        para = by_number.get(e.paragraph)
        if para is None:
            out.add(path + ("paragraph",), f"paragraph {e.paragraph} does not exist", e.id)
        elif e.quote and (problem := _quote_problem(e.quote, para)):
            out.add(path + ("quote",), problem, e.id)
        ctx = by_context.get(e.context)
        if ctx is None:
            out.add(path + ("context",), f"context {e.context!r} does not exist", e.id)
        elif para is not None and e.paragraph not in ctx.paragraphs:
            out.add(path + ("paragraph",), f"paragraph {e.paragraph} is not part of context {e.context!r}", e.id)
        for i, rid in enumerate(e.related):
            if rid not in ids or rid == e.id:
                out.add(
                    path + ("related", i),
                    f"related id {rid!r} does not exist" if rid != e.id else "an entry cannot be related to itself",
                    e.id,
                )


def _aliases(raw: Any, out: Problems) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        out.add(("aliases",), "aliases must map a canonical word to a list of variants")
        return ()
    return tuple((str(k), _texts(v, ("aliases", k), out, None, f"aliases of {k!r}")) for k, v in raw.items())


def build_brief(data: dict, out: Problems) -> Brief | None:
    """Validate a brief mapping; return the Brief, or None when required parts are missing."""
    for key in sorted(set(data) - BRIEF_FIELDS, key=str):
        out.add((key,), f"unknown field {key!r} in brief")
    missing = sorted(BRIEF_REQUIRED - set(data))
    for key in missing:
        out.add((), f"missing field {key!r} in brief")
    if missing:
        return None
    paragraphs = _paragraphs(data["paragraphs"], out)
    contexts = _contexts(data["contexts"], {p.number for p in paragraphs}, out)
    entries: list[tuple[tuple, Entry]] = []
    raw_entries = data["entries"] if isinstance(data["entries"], list) else []
    if not isinstance(data["entries"], list):
        out.add(("entries",), "entries must be a list")
    for i, item in enumerate(raw_entries):
        name = item.get("id") if isinstance(item, dict) else None
        if _fields(item, ("entries", i), ENTRY_FIELDS, ENTRY_REQUIRED, out, "entry", name):
            entries.append((("entries", i), _entry(item, ("entries", i), out)))
    _check_entries(entries, paragraphs, contexts, out)
    g = lambda key: _text(data[key], (key,), out, None, key)  # noqa: E731
    note = (
        _text(data["contexts_note"], ("contexts_note",), out, None, "contexts_note")
        if "contexts_note" in data
        else None
    )
    return Brief(
        id=_id(data["id"], ("id",), out, "brief id"),
        title=g("title"),
        author=g("author"),
        date=g("date"),
        summary=g("summary"),
        paragraphs=paragraphs,
        contexts=contexts,
        entries=tuple(e for _, e in entries),
        contexts_note=note,
        aliases=_aliases(data.get("aliases"), out),
        languages=_languages(data.get("languages"), out),
    )


def _languages(raw: Any, out: Problems) -> tuple[str, ...]:
    """The brief's declared languages; English is always first (the brief's own text and quotes are English)."""
    from bot.matching.language import LANGUAGES

    if raw is None:
        return ("en",)
    langs = _texts(raw, ("languages",), out, None, "languages")
    for i, lang in enumerate(langs):
        if lang not in LANGUAGES:
            out.add(("languages", i), f"language {lang!r} is not one of {', '.join(LANGUAGES)}")
    return ("en", *dict.fromkeys(lang for lang in langs if lang in LANGUAGES and lang != "en"))
