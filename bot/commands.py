"""The slash commands every front end shares, as plain documents of styled blocks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.core import BriefBot, human_date
from bot.knowledge.models import Brief


@dataclass(frozen=True)
class Block:
    """One piece of a document: style is 'title', 'text', 'item', 'quote' or 'note'."""

    style: str
    text: str


Document = tuple[Block, ...]


def _briefs(bot: BriefBot, brief_id: str | None) -> tuple[Brief, ...]:
    chosen = bot.knowledge.brief(brief_id) if brief_id else None
    return (chosen,) if chosen else bot.knowledge.briefs


def start(bot: BriefBot, brief_id: str | None = None) -> Document:
    blocks = [Block("title", "Hello! I am BriefBot.")]
    for b in _briefs(bot, brief_id):
        blocks.append(Block("text", f"Ask me anything about “{b.title}” by {b.author} ({human_date(b.date)}). "
                                    "Every answer quotes the brief and names its paragraph."))
    blocks.append(
        Block(
            "note",
            "Try: Why is Azerbaijan angry with Russia? · /summary · /topics · /help"
            if any(b.id == "azerbaijan-moscow" for b in bot.knowledge.briefs)
            else "Try /summary, /topics or /help.",
        )
    )
    return tuple(blocks)


def help_(bot: BriefBot, brief_id: str | None = None) -> Document:
    blocks = [Block("title", "How to use BriefBot"),
              Block("text", "Type a question in your own words; typos and keywords are fine. If the brief does not "
                            "answer it, I say so instead of guessing.")]
    blocks += [Block("item", f"/{name} — {desc}") for name, (desc, _) in COMMANDS.items()]
    blocks.append(Block("item", f"/brief ID — {BRIEF_COMMAND} (/brief all: every brief)"))
    blocks += [Block("title", "In Telegram"),
               Block("item", "Groups: mention me (@my name) in your question, or reply to one of my messages; "
                             "I answer commands too, and stay quiet otherwise."),
               Block("item", "Inline: type @my name and a question in any chat to share a sourced answer."),
               Block("item", "Buttons under an answer ask a related question or show the full context."),
               Block("item", "Feedback: 👍 or 👎 under an answer tells the authors what worked; no names are kept.")]
    return tuple(blocks)


def summary(bot: BriefBot, brief_id: str | None = None) -> Document:
    blocks: list[Block] = []
    for b in _briefs(bot, brief_id):
        blocks += [Block("title", f"Summary: {b.title}"), Block("text", b.summary),
                   Block("note", f"{b.author}, {human_date(b.date)}")]
    return tuple(blocks)


def contexts(bot: BriefBot, brief_id: str | None = None) -> Document:
    blocks: list[Block] = []
    for b in _briefs(bot, brief_id):
        blocks.append(Block("title", f"Contexts of “{b.title}”"))
        for c in b.contexts:
            paras = ", ".join(f"¶{n}" for n in c.paragraphs)
            blocks.append(Block("item", f"{c.title} ({paras})"))
        if b.contexts_note:
            blocks.append(Block("note", b.contexts_note))
    return tuple(blocks)


def source(bot: BriefBot, brief_id: str | None = None) -> Document:
    blocks: list[Block] = []
    for b in _briefs(bot, brief_id):
        body = sum(1 for p in b.paragraphs if p.number > 0)
        blocks += [Block("title", "Source"),
                   Block("text", f"{b.author}, “{b.title}”, {human_date(b.date)}."),
                   Block("note", f"Brief id: {b.id}. {body} paragraphs; {len(b.entries)} answerable topics.")]
    return tuple(blocks)


def topics(bot: BriefBot, brief_id: str | None = None) -> Document:
    blocks: list[Block] = []
    for b in _briefs(bot, brief_id):
        blocks.append(Block("title", f"You can ask about “{b.title}”:"))
        for c in b.contexts:
            examples = [e.questions[0] for e in b.entries if e.context == c.id][:4]
            blocks.append(Block("item", f"{c.title}: " + " · ".join(examples)))
    return tuple(blocks)


def briefs(bot: BriefBot, brief_id: str | None = None) -> Document:
    blocks = [Block("title", "Briefs")]
    blocks += [Block("item", f"{b.id} — “{b.title}”, {b.author}, {human_date(b.date)}"
                     + (" (selected)" if b.id == brief_id else "")) for b in bot.knowledge.briefs]
    blocks.append(Block("note", "Send /brief ID to ask about one brief only, or /brief all for every brief."))
    return tuple(blocks)


COMMANDS: dict[str, tuple[str, Callable[..., Document]]] = {
    "start": ("welcome and what I can do", start),
    "help": ("how to ask, and the commands", help_),
    "summary": ("a summary of the whole brief", summary),
    "contexts": ("the parts of the brief, one line each", contexts),
    "source": ("the full citation", source),
    "topics": ("what you can ask about", topics),
    "briefs": ("the briefs I know", briefs),
}


BRIEF_COMMAND = "answer from one brief only: /brief ID"


def menu(admin: bool = False) -> list[tuple[str, str]]:
    """The command menu as (command, description): the shared commands and /brief; /reload for admins only."""
    items = [(name, desc) for name, (desc, _) in COMMANDS.items()] + [("brief", BRIEF_COMMAND)]
    return items + [("reload", "reload the knowledge (admins)")] if admin else items


def bot_description(bot: BriefBot) -> tuple[str, str]:
    """(description, short description) for the bot's profile: at most 512 and 120 characters."""
    briefs = bot.knowledge.briefs
    if len(briefs) == 1:
        b = briefs[0]
        about = f"“{b.title}” by {b.author} ({human_date(b.date)})"
    else:
        about = f"{len(briefs)} policy briefs (/briefs lists them)"
    description = (f"I answer questions about {about}. Every answer quotes the brief verbatim and names its "
                   "paragraph; when the brief does not say, I tell you so instead of guessing. Ask in your own "
                   "words, or send /help.")
    short = f"Sourced answers about {about}."
    if len(short) > 120:
        short = "Sourced answers, with verbatim quotes, about a policy brief."
    return description[:512], short


def select_brief(bot: BriefBot, wanted: str, current: str | None = None) -> tuple[Document, str | None]:
    """/brief ID narrows a chat to one brief, /brief all widens it; an unknown id lists the briefs, keeps the choice."""
    wanted = wanted.strip().lower() or "all"
    if wanted == "all":
        return (Block("text", "Now answering from every brief."),), None
    if bot.knowledge.brief(wanted) is None:
        return (Block("note", f"There is no brief {wanted!r}."), *briefs(bot, current)), current
    return (Block("text", f"Now answering from {wanted} only."),), wanted


def run_command(bot: BriefBot, name: str, brief_id: str | None = None) -> Document | None:
    """The document for a shared command, or None if the command is unknown."""
    found = COMMANDS.get(name.lower().lstrip("/"))
    return found[1](bot, brief_id) if found else None
