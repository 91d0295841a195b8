"""A brief's translations: `<language>.yaml` files beside brief.yaml, validated against the brief."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from bot.knowledge.models import Brief, ContextText, EntryText, Translation

TRANSLATION_FIELDS = {"language", "title", "author", "summary", "contexts_note", "contexts", "entries"}
ENTRY_TEXT_FIELDS = {"questions", "answer", "quote", "keywords"}
MIN_TRANSLATED_PHRASINGS = 4  # as for English: fewer phrasings cannot teach the matcher a topic


def is_translation_file(path: Path) -> bool:
    """`ru.yaml`, `az.yaml`: a two-letter language code as the file name."""
    return len(path.stem) == 2 and path.stem.isalpha() and path.stem.islower()


def _str(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _strs(value: Any) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not all(
        isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value
    ):
        return None
    return tuple(str(v).strip() for v in value if str(v).strip())


def _translated_contexts(data: dict, brief: Brief, language: str, add) -> list:
    """(context id, ContextText) for each context of the brief; problems for missing and unknown ones."""
    contexts = []
    raw_contexts = data.get("contexts") if isinstance(data.get("contexts"), dict) else {}
    for c in brief.contexts:
        item = raw_contexts.get(c.id)
        title = _str(item.get("title")) if isinstance(item, dict) else None
        summary = _str(item.get("summary")) if isinstance(item, dict) else None
        if title is None or summary is None:
            add(
                ("contexts", c.id) if item else ("contexts",),
                f"context {c.id!r} lacks a {language} title or summary",
                c.id,
            )
            continue
        contexts.append((c.id, ContextText(title, summary)))
    for cid in sorted(set(raw_contexts) - {c.id for c in brief.contexts}, key=str):
        add(("contexts", cid), f"context {cid!r} does not exist in the brief", None)
    return contexts


def _translated_entries(data: dict, brief: Brief, language: str, add) -> list:
    """(entry id, EntryText) for each entry of the brief; problems for missing, thin and unknown ones."""
    entries = []
    raw_entries = data.get("entries") if isinstance(data.get("entries"), dict) else {}
    for e in brief.entries:
        item = raw_entries.get(e.id)
        if not isinstance(item, dict):
            add(("entries",), f"entry {e.id!r} has no {language} text", e.id)
            continue
        for key in sorted(set(item) - ENTRY_TEXT_FIELDS, key=str):
            add(("entries", e.id, key), f"unknown field {key!r} in translated entry", e.id)
        questions, answer, quote = _strs(item.get("questions")), _str(item.get("answer")), _str(item.get("quote"))
        keywords = _strs(item.get("keywords", [])) or ()
        if not questions or len(questions) < (1 if e.draft else MIN_TRANSLATED_PHRASINGS):
            add(("entries", e.id, "questions"), f"needs at least {MIN_TRANSLATED_PHRASINGS} {language} phrasings", e.id)
        if answer is None or quote is None:
            add(("entries", e.id), f"needs a {language} answer and a translation of the quote", e.id)
            continue
        entries.append((e.id, EntryText(questions or (), answer, quote, keywords)))
    for eid in sorted(set(raw_entries) - {e.id for e in brief.entries}, key=str):
        add(("entries", eid), f"entry {eid!r} does not exist in the brief", None)
    return entries


def build_translation(data: Any, brief: Brief, language: str, add) -> Translation | None:
    """Validate one translation mapping; `add(path, message, entry)` reports a problem with its YAML path."""
    if not isinstance(data, dict):
        add((), "a translation file must be a mapping", None)
        return None
    for key in sorted(set(data) - TRANSLATION_FIELDS, key=str):
        add((key,), f"unknown field {key!r} in translation", None)
    if data.get("language", language) != language:
        add(("language",), f"language {data.get('language')!r} does not match the file name ({language})", None)
    texts = {k: _str(data.get(k)) for k in ("title", "author", "summary", "contexts_note")}
    for key in ("title", "summary"):
        if texts[key] is None:
            add((key,), f"missing {key} in {language}", None)
    if brief.contexts_note and texts["contexts_note"] is None:
        add(("contexts_note",), f"missing contexts_note in {language}", None)
    contexts = _translated_contexts(data, brief, language, add)
    entries = _translated_entries(data, brief, language, add)
    return Translation(language, texts["title"] or brief.title, texts["summary"] or brief.summary,
                       texts["contexts_note"], tuple(contexts), tuple(entries), author=texts["author"])


def with_translations(brief: Brief, translations: list[Translation], add) -> Brief:
    """The brief with its translations attached; reports declared languages that have no file."""
    present = {t.language for t in translations}
    for lang in brief.languages[1:]:
        if lang not in present:
            add(("languages",), f"language {lang!r} is declared but has no {lang}.yaml", None)
    return dataclasses.replace(brief, translations=tuple(t for t in translations if t.language in brief.languages))


def ui_text_problems(knowledge) -> list[str]:
    """For each language a brief declares, the bot's own texts (bot/i18n.py keys) that lack it."""
    from bot.i18n import TEXTS, missing_texts

    problems = []
    for lang in dict.fromkeys(lang for b in knowledge.briefs for lang in b.languages):
        missing = missing_texts(lang)
        declared_by = ", ".join(b.id for b in knowledge.briefs if lang in b.languages)
        if len(missing) == len(TEXTS):
            problems.append(f"{declared_by}: declares {lang!r}, but the bot's own texts have no {lang} at all")
        else:
            problems += [f"{declared_by}: the bot's own text {key!r} has no {lang} text" for key in missing]
    return problems
