"""The interactive console: a full peer of the Telegram front end, reading from a terminal."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from bot.commands import run_command, select_brief
from bot.console.lines import read_bounded, told_its_length
from bot.console.render import format_document_text, format_reply_text
from bot.conversation import Conversation
from bot.conversation import respond as converse
from bot.core import BriefBot
from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES, say

PROMPT = "brief> "
HISTORY = Path.home() / ".briefbot_history"


def respond(bot: BriefBot, line: str, brief_id: str | None = None, language: str | None = None) -> str:
    """One console input line to the text to print (commands and questions alike).

    `language` forces the replies' language; without it a question is answered in its own language and a
    command's document is in English."""
    text = line.strip()
    if text.startswith("/"):
        name = text[1:].split(maxsplit=1)[0] if len(text) > 1 else ""
        doc = run_command(bot, name, brief_id, language or DEFAULT_LANGUAGE)
        if doc is None:
            return say("console.unknown_command", language or DEFAULT_LANGUAGE, name=name)
        return format_document_text(doc)
    return format_reply_text(bot.ask(text, brief_id, language))


def _readline_input() -> Callable[[str], str]:
    try:
        import readline
    except ImportError:  # pragma: no cover - platform without readline
        return input
    try:
        readline.read_history_file(HISTORY)
    except OSError:
        pass
    readline.set_history_length(500)
    import atexit

    def save() -> None:
        try:
            readline.write_history_file(HISTORY)
        except OSError:
            pass

    atexit.register(save)
    return input


def run_console(bot: BriefBot, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout,
                language: str | None = None) -> int:
    """Loop until /quit, Ctrl-D or Ctrl-C. Uses readline (editing, history) on a terminal.

    `language` (--lang) forces every reply's language; otherwise each question is answered in its own language,
    and commands follow the language of the last question."""
    interactive = stdin.isatty() and stdout.isatty()
    read = _readline_input() if interactive else None
    brief_id: str | None = None
    shown = language or DEFAULT_LANGUAGE  # the language of commands and of the console's own lines
    state = Conversation(language=language)  # follow-ups ("when was that?", "2") refer to earlier answers
    print(format_document_text(run_command(bot, "start", language=shown)), file=stdout)
    print(say("console.leave", shown) + "\n", file=stdout)
    while True:
        try:
            line, length = (read(PROMPT), 0) if read else _plain_read(stdin, stdout)
        except (EOFError, KeyboardInterrupt):
            print("\n" + say("console.bye", shown), file=stdout)
            return 0
        if line.strip().lower() in ("/quit", "/exit", "quit", "exit"):
            print(say("console.bye", shown), file=stdout)
            return 0
        words = line.split()
        if words and words[0].lower() == "/lang":
            language, text = choose_language(words[1:], language, shown)
            shown, state = language or shown, replace(state, language=language)
            print(text + "\n", file=stdout, flush=True)
        elif words and words[0].lower() == "/brief":
            doc, brief_id = select_brief(bot, words[1] if len(words) > 1 else "all", brief_id, shown)
            print(format_document_text(doc) + "\n", file=stdout, flush=True)
        elif words and not line.strip().startswith("/"):
            reply, state = converse(bot, replace(state, brief_id=brief_id), line.strip(), time.monotonic())
            reply = told_its_length(reply, length)
            shown = language or reply.language
            print(format_reply_text(reply) + "\n", file=stdout, flush=True)
        elif words:
            print(respond(bot, line, brief_id, shown) + "\n", file=stdout, flush=True)


def choose_language(args: list[str], current: str | None, shown: str) -> tuple[str | None, str]:
    """/lang ru sets the console's reply language (as Telegram's /lang does); /lang alone shows it."""
    wanted = args[0].lower() if args else ""
    if wanted in LANGUAGES:
        return wanted, say("lang_set", wanted)
    return current, say("lang_usage", shown, current=say(f"language_name.{shown}", shown))


def _plain_read(stdin: TextIO, stdout: TextIO) -> tuple[str, int]:
    stdout.write(PROMPT)
    stdout.flush()
    line = read_bounded(stdin)
    if line is None:
        raise EOFError
    return line
