"""The slash commands every front end shares, as plain documents of styled blocks, in the chat's language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from bot.core import BriefBot
from bot.i18n import DEFAULT_LANGUAGE, human_date, say
from bot.knowledge.models import Brief

BlockStyle = Literal["title", "text", "item", "quote", "note"]
SHORT_DESCRIPTION = 120  # Telegram's limit for the short description
DESCRIPTION = 512  # and for the description


@dataclass(frozen=True)
class Block:
    """One piece of a document, styled by the front end that renders it."""

    style: BlockStyle
    text: str


Document = tuple[Block, ...]


def _briefs(bot: BriefBot, brief_id: str | None) -> tuple[Brief, ...]:
    chosen = bot.knowledge.brief(brief_id) if brief_id else None
    return (chosen,) if chosen else bot.knowledge.briefs


def _title(brief: Brief, language: str) -> str:
    """The brief's title in `language`, as its translation has it (the original title otherwise)."""
    translation = brief.translation(language) if language != DEFAULT_LANGUAGE else None
    return translation.title if translation else brief.title


def _example(brief: Brief, language: str) -> str | None:
    """A sample question: the first phrasing of the first entry on the body text (not the byline)."""
    entry = next((e for e in brief.entries if e.paragraph > 0), brief.entries[0] if brief.entries else None)
    text = brief.entry_text(entry.id, language) if entry else None
    return text.questions[0] if text and text.questions else None


def start(bot: BriefBot, brief_id: str | None = None, language: str = DEFAULT_LANGUAGE) -> Document:
    chosen = _briefs(bot, brief_id)
    blocks = [Block("title", say("start.title", language))]
    for b in chosen:
        named = say("brief_by", language, title=_title(b, language), author=b.author_in(language),
                    date=human_date(b.date, language))
        blocks.append(Block("text", say("start.text", language, brief=named)))
    if len(bot.languages) > 1:
        blocks.append(Block("text", say("start.languages", language)))
    example = _example(chosen[0], language) if chosen else None
    blocks.append(Block("note", say("start.try", language, example=example) if example
                        else say("start.try_commands", language)))
    return tuple(blocks)


def help_(bot: BriefBot, brief_id: str | None = None, language: str = DEFAULT_LANGUAGE) -> Document:
    blocks = [Block("title", say("help.title", language)), Block("text", say("help.text", language))]
    blocks += [Block("item", f"/{name} — {say('cmd.' + name, language)}") for name in COMMANDS]
    blocks.append(Block("item", say("help.brief", language)))
    blocks += [Block("title", say("help.telegram", language))]
    blocks += [Block("item", say(key, language))
               for key in ("help.lang", "help.groups", "help.inline", "help.buttons", "help.feedback")]
    return tuple(blocks)


def summary(bot: BriefBot, brief_id: str | None = None, language: str = DEFAULT_LANGUAGE) -> Document:
    blocks: list[Block] = []
    for b in _briefs(bot, brief_id):
        translation = b.translation(language) if language != DEFAULT_LANGUAGE else None
        blocks += [Block("title", say("summary.title", language, title=_title(b, language))),
                   Block("text", translation.summary if translation else b.summary),
                   Block("note", f"{b.author}, {human_date(b.date, language)}")]
    return tuple(blocks)


def contexts(bot: BriefBot, brief_id: str | None = None, language: str = DEFAULT_LANGUAGE) -> Document:
    blocks: list[Block] = []
    for b in _briefs(bot, brief_id):
        translation = b.translation(language) if language != DEFAULT_LANGUAGE else None
        blocks.append(Block("title", say("contexts.title", language, title=_title(b, language))))
        for c in b.contexts:
            text = translation.context(c.id) if translation else None
            paras = ", ".join(f"¶{n}" for n in c.paragraphs)
            blocks.append(Block("item", f"{text.title if text else c.title} ({paras})"))
        note = (translation.contexts_note if translation else None) or b.contexts_note
        if note:
            blocks.append(Block("note", note))
    return tuple(blocks)


def source(bot: BriefBot, brief_id: str | None = None, language: str = DEFAULT_LANGUAGE) -> Document:
    """The citation names the brief as it is (original title); a translated title follows it."""
    blocks: list[Block] = []
    for b in _briefs(bot, brief_id):
        body = sum(1 for p in b.paragraphs if p.number > 0)
        blocks += [Block("title", say("source.title", language)),
                   Block("text", f"{b.author}, “{b.title}”, {human_date(b.date, language)}".rstrip(".") + ".")]
        if _title(b, language) != b.title:
            blocks.append(Block("text", say("source.title_translation", language, title=_title(b, language))))
        blocks.append(Block("note", say("source.note", language, id=b.id, paragraphs=body, entries=len(b.entries))))
    return tuple(blocks)


def topics(bot: BriefBot, brief_id: str | None = None, language: str = DEFAULT_LANGUAGE) -> Document:
    blocks: list[Block] = []
    for b in _briefs(bot, brief_id):
        translation = b.translation(language) if language != DEFAULT_LANGUAGE else None
        blocks.append(Block("title", say("topics.title", language, title=_title(b, language))))
        for c in b.contexts:
            text = translation.context(c.id) if translation else None
            examples = [b.entry_text(e.id, language).questions[0] for e in b.entries if e.context == c.id][:4]
            blocks.append(Block("item", f"{text.title if text else c.title}: " + " · ".join(examples)))
    return tuple(blocks)


def briefs(bot: BriefBot, brief_id: str | None = None, language: str = DEFAULT_LANGUAGE) -> Document:
    blocks = [Block("title", say("briefs.title", language))]
    for b in bot.knowledge.briefs:
        item = say("briefs.item", language, id=b.id, title=_title(b, language), author=b.author_in(language),
                   date=human_date(b.date, language))
        blocks.append(Block("item", item + (" " + say("briefs.selected", language) if b.id == brief_id else "")))
    blocks.append(Block("note", say("briefs.note", language)))
    return tuple(blocks)


COMMANDS: dict[str, tuple[str, Callable[..., Document]]] = {  # name: (English description, document)
    name: (say("cmd." + name), fn)
    for name, fn in (("start", start), ("help", help_), ("summary", summary), ("contexts", contexts),
                     ("source", source), ("topics", topics), ("briefs", briefs))
}


BRIEF_COMMAND = say("cmd.brief")


def menu(admin: bool = False, language: str = DEFAULT_LANGUAGE) -> list[tuple[str, str]]:
    """The command menu as (command, description) in `language`: the shared commands, /brief and /lang;
    /reload for admins only."""
    names = [*COMMANDS, "brief", "lang"] + (["reload"] if admin else [])
    return [(name, say("cmd." + name, language)) for name in names]


def bot_description(bot: BriefBot, language: str = DEFAULT_LANGUAGE) -> tuple[str, str]:
    """(description, short description) for the bot's profile: at most 512 and 120 characters."""
    briefs = bot.knowledge.briefs
    if len(briefs) == 1:
        b = briefs[0]
        about = say("describe.one", language, title=_title(b, language), author=b.author_in(language),
                    date=human_date(b.date, language))
    else:
        about = say("describe.many", language, count=len(briefs))
    description = say("describe.long", language, about=about)
    short = say("describe.short", language, about=about)
    if len(short) > SHORT_DESCRIPTION:
        short = say("describe.short_generic", language)
    return description[:DESCRIPTION], short


def select_brief(bot: BriefBot, wanted: str, current: str | None = None,
                 language: str = DEFAULT_LANGUAGE) -> tuple[Document, str | None]:
    """/brief ID narrows a chat to one brief, /brief all widens it; an unknown id lists the briefs, keeps the choice."""
    wanted = wanted.strip().lower() or "all"
    if wanted == "all":
        return (Block("text", say("select.all", language)),), None
    if bot.knowledge.brief(wanted) is None:
        return (Block("note", say("select.unknown", language, wanted=wanted)), *briefs(bot, current, language)), current
    return (Block("text", say("select.one", language, wanted=wanted)),), wanted


def run_command(bot: BriefBot, name: str, brief_id: str | None = None,
                language: str = DEFAULT_LANGUAGE) -> Document | None:
    """The document for a shared command in `language`, or None if the command is unknown."""
    found = COMMANDS.get(name.lower().lstrip("/"))
    return found[1](bot, brief_id, language) if found else None
