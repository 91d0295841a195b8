"""Where the knowledge lives. The only place the knowledge path is resolved."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

KNOWLEDGE_ENV = "BRIEFBOT_KNOWLEDGE"  # the environment variable naming a user's own knowledge folder


def shipped_knowledge() -> Path:
    """The briefs that ship inside the package (package data, read through importlib.resources)."""
    return Path(str(files("bot.knowledge").joinpath("briefs")))


def knowledge_dir(override: str | os.PathLike | None = None) -> Path:
    """The override, else $BRIEFBOT_KNOWLEDGE, else the shipped briefs."""
    chosen = override or os.environ.get(KNOWLEDGE_ENV)
    return Path(chosen) if chosen else shipped_knowledge()
