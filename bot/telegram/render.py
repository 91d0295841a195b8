"""Render Replies and documents as Telegram HTML, and describe their buttons as plain data.

Everything here is pure: no Telegram imports. Every piece of user or knowledge text is escaped,
and every message fits Telegram's 4,096-character limit after entity parsing.
"""

from __future__ import annotations

import html
import re

from bot.commands import Document
from bot.i18n import human_date, say
from bot.reply import Reply, Suggestion

MAX_MESSAGE = 4096
MAX_CALLBACK_BYTES = 64
MAX_BUTTON_LABEL = 60
_TAG = re.compile(r"<[^>]+>")

Button = tuple[str, str]  # (label, callback_data)


def _units(text: str) -> int:
    """Length in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def visible_length(markup: str) -> int:
    """Length Telegram counts after parsing entities: tags removed, entities decoded, in UTF-16 units."""
    return _units(html.unescape(_TAG.sub("", markup)))


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _clip(text: str, limit: int) -> str:
    """Shorten plain text to at most limit UTF-16 units, ending with an ellipsis."""
    if _units(text) <= limit:
        return text
    out = text[: max(limit - 1, 0)]
    while _units(out) > limit - 1:
        out = out[:-1]
    return out.rstrip() + "…"


def fit(parts: list[tuple[str, str]], limit: int = MAX_MESSAGE) -> str:
    """Join (template, text) parts, where template holds one {} for escaped text; shrink texts to fit."""
    budget = limit - sum(visible_length(t.replace("{}", "")) for t, _ in parts) - (len(parts) - 1) * 2
    texts = [text for _, text in parts]
    for i in sorted(range(len(texts)), key=lambda i: -len(texts[i])):
        excess = sum(_units(t) for t in texts) - budget
        if excess <= 0:
            break
        texts[i] = _clip(texts[i], max(_units(texts[i]) - excess, 1))
    return "\n\n".join(t.format(_e(x)) for (t, _), x in zip(parts, texts, strict=False))


def format_source_line(reply: Reply) -> str:
    """The citation line: the brief's title, author and context as the brief has them; date and place localized."""
    s, lang = reply.source, reply.language
    where = say("where.byline", lang) if s.paragraph == 0 else say("where.paragraph", lang, n=s.paragraph)
    return f"— {s.title}, {s.author}, {human_date(s.date, lang)}, {where} · {s.context}"


def _label(key: str, language: str) -> str:
    """A bold label for a template: escaped, and with its braces doubled so format() leaves them alone."""
    return _e(say(key, language)).replace("{", "{{").replace("}", "}}")


def format_reply_html(reply: Reply) -> str:
    """A Reply as Telegram HTML: answer, verbatim quote, its labelled translation, source line and context (and so
    for the answer to a second question in the same message)."""
    parts = [part for r in (reply, *reply.also) for part in _reply_parts(r)]
    return fit(parts).replace("\n\n• ", "\n• ")


def _reply_parts(reply: Reply) -> list[tuple[str, str]]:
    """One answer's (template, text) parts."""
    lang = reply.language
    parts = [("{}", reply.answer)]
    if reply.quote and reply.source:  # a "not said" entry quotes its closest sentence too
        parts.append(("<blockquote>{}</blockquote>", reply.quote))
        if reply.quote_translation and reply.quote_translation != reply.quote:  # a name is its own translation
            parts.append((f"<blockquote><b>{_label('translation_label', lang)}:</b> {{}}</blockquote>",
                          reply.quote_translation))
        parts.append(("<i>{}</i>", format_source_line(reply)))
        if reply.context:
            parts.append((f"<blockquote expandable><b>{_label('context_label', lang)}.</b> {{}}</blockquote>",
                          reply.context))
    if reply.kind != "not_said":  # a "not said" answer names its closest question itself (and has its button)
        parts += [("• {}", s.question) for s in reply.suggestions[:3]]
    return parts


def format_context_html(title: str, summary: str, paragraph: str | None) -> str:
    """The Context button's message: the part of the brief an answer belongs to."""
    parts = [("<b>{}</b>", title), ("{}", summary)]
    if paragraph:
        parts.append(("<blockquote expandable>{}</blockquote>", paragraph))
    return fit(parts)


def format_document_html(doc: Document) -> str:
    """A shared command's document as Telegram HTML."""
    templates = {"title": "<b>{}</b>", "item": "• {}", "quote": "<blockquote>{}</blockquote>", "note": "<i>{}</i>"}
    return fit([(templates.get(b.style, "{}"), b.text) for b in doc]).replace("\n\n• ", "\n• ")


def callback_data(action: str, *fields: str) -> str:
    """Compact callback data such as 'q|brief|entry'; refuses anything over Telegram's 64 bytes."""
    data = "|".join((action, *fields))
    if len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data[:20]}…")
    return data


def parse_callback(data: str | None) -> tuple[str, list[str]] | None:
    """Inverse of callback_data; None for anything malformed."""
    if not isinstance(data, str) or not data or len(data.encode("utf-8", "replace")) > MAX_CALLBACK_BYTES:
        return None  # (a forged update may carry a number or a list where Telegram sends a string)
    action, *fields = data.split("|")
    return action, fields


def _question_button(prefix: str, s: Suggestion) -> Button:
    return (_clip(f"{prefix}{s.question}", MAX_BUTTON_LABEL), callback_data("q", s.brief, s.entry))


def reply_buttons(reply: Reply, feedback: bool = True) -> list[list[Button]]:
    """Inline keyboard rows for a Reply, as (label, callback_data) pairs."""
    rows: list[list[Button]] = []
    if reply.answered and reply.source and reply.entry:
        rows += [[_question_button("↪ ", s)] for s in reply.related[:3]]
        last = [(say("button.context", reply.language), callback_data("c", reply.source.brief, reply.entry))]
        if feedback:
            last += [("👍", callback_data("f", "1", reply.source.brief, reply.entry)),
                     ("👎", callback_data("f", "0", reply.source.brief, reply.entry))]
        rows.append(last)
    elif reply.suggestions:
        rows += [[_question_button("↪ ", s)] for s in reply.suggestions[:3]]
    elif reply.kind == "decline":
        rows.append([(say("button.topics", reply.language), callback_data("t"))])
    return rows
