"""What a button press means, as plain data: pure, shared by any front end with buttons."""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands import run_command
from bot.core import BriefBot
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


STALE = ButtonResult("Sorry, that button has expired. Please ask your question again.")


def press(core: BriefBot, data: str | None, brief_id: str | None = None) -> ButtonResult:
    """Resolve callback data to what the bot should do; unknown or stale data gets a polite toast."""
    parsed = parse_callback(data)
    if parsed is None:
        return STALE
    action, fields = parsed
    if action == "q" and len(fields) == 2:
        reply = core.entry_reply(*fields)
        if reply is None:
            return STALE
        return ButtonResult("", format_reply_html(reply), tuple(tuple(r) for r in reply_buttons(reply)))
    if action == "c" and len(fields) == 2:
        brief = core.knowledge.brief(fields[0])
        entry = brief.entry(fields[1]) if brief else None
        if entry is None:
            return STALE
        ctx, para = brief.context(entry.context), brief.paragraph(entry.paragraph)
        text = f"{para.heading}\n{para.text}" if para and para.heading else (para.text if para else None)
        return ButtonResult("", format_context_html(f"{ctx.title} (paragraph {entry.paragraph})", ctx.summary, text))
    if action == "t" and not fields:
        return ButtonResult("", format_document_html(run_command(core, "topics", brief_id)))
    if (
        action == "f"
        and len(fields) == 3
        and fields[0] in ("0", "1")
        and core.knowledge.find_entry(fields[1], fields[2])
    ):
        return ButtonResult("Thanks for the feedback!", feedback=(fields[1], fields[2], fields[0] == "1"))
    return STALE
