"""Render Replies and documents as plain console text."""

from __future__ import annotations

import textwrap

from bot.commands import Document
from bot.i18n import DEFAULT_LANGUAGE, human_date, say
from bot.reply import Reply

WIDTH = 78
BULLET = "  • "
HANGING = " " * len(BULLET)  # wrapped lines of an item line up under its text, not under a new bullet
TITLE_CAPITALS = 40  # shorter titles are shown in capitals
_AZERBAIJANI = set("əƏğĞıİşŞ")


def _wrap(text: str, indent: str = "", hanging: str | None = None) -> str:
    later = indent if hanging is None else hanging
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=later) if text else ""


def _upper(text: str) -> str:
    """Capitals for a heading; Azerbaijani text (ə, ğ, ı, ş…) capitalizes i as İ, as Turkic alphabets do."""
    if any(ch in _AZERBAIJANI for ch in text):
        text = text.replace("i", "İ")
    return text.upper()


def format_source(reply: Reply) -> str:
    """The citation line: the brief's title, author and context as the brief has them; date and place localized."""
    s, lang = reply.source, reply.language
    where = say("where.byline", lang) if s.paragraph == 0 else say("where.paragraph", lang, n=s.paragraph)
    return f"— {s.title}, {s.author}, {human_date(s.date, lang)}, {where} ({s.context})"


def format_reply_text(reply: Reply) -> str:
    """A Reply as readable console text, its labels in the reply's language."""
    lang = reply.language or DEFAULT_LANGUAGE
    lines = [_wrap(reply.answer)]
    if reply.quote and reply.source:  # a "not said" entry quotes its closest sentence too
        lines += ["", _wrap(f"“{reply.quote}”", "  > ")]
        if reply.quote_translation and reply.quote_translation != reply.quote:  # "Taras Kuzio" is not translated
            lines.append(_wrap(f"{say('translation_label', lang)}: {reply.quote_translation}", "    "))
        lines.append(_wrap(format_source(reply), "  "))
        if reply.context:
            lines += ["", _wrap(f"{say('context_label', lang)}: {reply.context}")]
        if reply.related:
            lines += ["", f"{say('related_label', lang)}: " + " · ".join(r.question for r in reply.related)]
    elif reply.suggestions:
        lines += [f"  {i}. {s.question}" for i, s in enumerate(reply.suggestions, 1)]
    lines += [line for also in reply.also for line in ("", format_reply_text(also))]  # a second question's answer
    return "\n".join(lines)


def format_document_text(doc: Document) -> str:
    """A command's document as console text."""
    out: list[str] = []
    for block in doc:
        if block.style == "title":
            heading = _upper(block.text) if len(block.text) < TITLE_CAPITALS else block.text
            out += ["", heading, ""] if out else [block.text, ""]
        elif block.style == "item":
            out.append(_wrap(block.text, BULLET, HANGING))
        elif block.style == "quote":
            out.append(_wrap(f"“{block.text}”", "  > "))
        else:
            out.append(_wrap(block.text))
    return "\n".join(out).strip("\n")
