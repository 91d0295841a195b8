"""Input lines for the console and `ask`, read so that one huge line costs neither minutes nor gigabytes."""

from __future__ import annotations

from dataclasses import replace
from typing import TextIO

from bot.core import MAX_QUESTION_CHARS
from bot.i18n import say
from bot.reply import Reply

MAX_LINE_CHARS = 100_000  # of a longer input line only its length is kept: 100 MB piped in took 6 GB and a minute


def read_bounded(stream: TextIO) -> tuple[str, int] | None:
    """The next input line (without its end) and its whole length; of a line longer than MAX_LINE_CHARS, only the
    first MAX_LINE_CHARS + 1 characters (it is too long to be a question anyway). None at the end of input."""
    line = stream.readline(MAX_LINE_CHARS + 1)
    if not line:
        return None
    length = len(line.rstrip("\r\n"))
    if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
        while chunk := stream.readline(MAX_LINE_CHARS):  # the rest of the line, counted and let go
            length += len(chunk.rstrip("\r\n"))
            if chunk.endswith("\n"):
                break
    return line.rstrip("\r\n"), length


def told_its_length(reply: Reply, length: int) -> Reply:
    """A reply to a line cut short by read_bounded, saying how long the whole line was."""
    if reply.kind != "too_long" or length <= MAX_LINE_CHARS:
        return reply
    return replace(reply, answer=say("too_long", reply.language, length=length, limit=MAX_QUESTION_CHARS))
