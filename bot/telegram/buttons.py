"""What a button press means, as plain data: pure, shared by any front end with buttons."""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands import run_command
from bot.core import BriefBot
from bot.i18n import DEFAULT_LANGUAGE, say
from bot.telegram.render import (
    Button,
    format_context_html,
    format_document_html,
    format_reply_html,
    parse_callback,
    reply_buttons,
)


@dataclass(frozen=True)
class ButtonResult:
    """toast: the short callback answer; html/rows: a message to send, if any; feedback: (brief, entry, useful)."""

    toast: str
    html: str | None = None
    rows: tuple[tuple[Button, ...], ...] = ()
    feedback: tuple[str, str, bool] | None = None


def stale(language: str = DEFAULT_LANGUAGE) -> ButtonResult:
    """The polite toast for unknown or expired button data."""
    return ButtonResult(say("button.stale", language))


STALE = stale()


def _context(core: BriefBot, brief_id: str, entry_id: str, language: str) -> ButtonResult | None:
    """The Context button: the context's title and summary in `language`, and the verbatim paragraph."""
    brief = core.knowledge.brief(brief_id)
    entry = brief.entry(entry_id) if brief else None
    if entry is None:
        return None
    ctx, para = brief.context(entry.context), brief.paragraph(entry.paragraph)
    translation = brief.translation(language) if language != DEFAULT_LANGUAGE else None
    words = (translation.context(ctx.id) if translation else None) or ctx
    text = f"{para.heading}\n{para.text}" if para and para.heading else (para.text if para else None)
    title = say("button.context_title", language, title=words.title, n=entry.paragraph)
    return ButtonResult("", format_context_html(title, words.summary, text))


def press(core: BriefBot, data: str | None, brief_id: str | None = None,
          language: str = DEFAULT_LANGUAGE) -> ButtonResult:
    """Resolve callback data to what the bot should do, in `language`; unknown or stale data gets a polite toast."""
    parsed = parse_callback(data)
    if parsed is None:
        return stale(language)
    action, fields = parsed
    if action == "q" and len(fields) == 2:
        reply = core.entry_reply(*fields, language=language)
        if reply is None:
            return stale(language)
        return ButtonResult("", format_reply_html(reply), tuple(tuple(r) for r in reply_buttons(reply)))
    if action == "c" and len(fields) == 2:
        return _context(core, *fields, language) or stale(language)
    if action == "t" and not fields:
        return ButtonResult("", format_document_html(run_command(core, "topics", brief_id, language)))
    if (
        action == "f"
        and len(fields) == 3
        and fields[0] in ("0", "1")
        and core.knowledge.find_entry(fields[1], fields[2])
    ):
        return ButtonResult(say("button.thanks", language), feedback=(fields[1], fields[2], fields[0] == "1"))
    return stale(language)
