"""Render Replies and documents as plain console text."""

from __future__ import annotations

import textwrap

from bot.commands import Document
from bot.core import human_date
from bot.reply import Reply

WIDTH = 78


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent) if text else ""


def format_source(reply: Reply) -> str:
    s = reply.source
    where = "byline" if s.paragraph == 0 else f"paragraph {s.paragraph}"
    return f"— {s.title}, {s.author}, {human_date(s.date)}, {where} ({s.context})"


def format_reply_text(reply: Reply) -> str:
    """A Reply as readable console text."""
    lines = [_wrap(reply.answer)]
    if reply.answered and reply.quote and reply.source:
        lines += ["", _wrap(f"“{reply.quote}”", "  > "), _wrap(format_source(reply), "  ")]
        if reply.context:
            lines += ["", _wrap(f"Context: {reply.context}")]
        if reply.related:
            lines += ["", "Related: " + " · ".join(r.question for r in reply.related)]
    elif reply.suggestions:
        lines += [f"  {i}. {s.question}" for i, s in enumerate(reply.suggestions, 1)]
    return "\n".join(lines)


def format_document_text(doc: Document) -> str:
    """A command's document as console text."""
    out: list[str] = []
    for block in doc:
        if block.style == "title":
            out += ["", block.text.upper() if len(block.text) < 40 else block.text, ""] if out else [block.text, ""]
        elif block.style == "item":
            out.append(_wrap(block.text, "  • ").replace("  • ", "  • ", 1))
        elif block.style == "quote":
            out.append(_wrap(f"“{block.text}”", "  > "))
        else:
            out.append(_wrap(block.text))
    return "\n".join(out).strip("\n")
