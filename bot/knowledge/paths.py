"""Where the knowledge lives. The only place the knowledge path is resolved."""

from __future__ import annotations

import os
from pathlib import Path

KNOWLEDGE_ENV = "BRIEFBOT_KNOWLEDGE"  # the environment variable naming a user's own knowledge folder
AUTHORING_DEFAULT = "knowledge"  # `kb new` writes here, relative to the current directory, when nothing is named


def shipped_knowledge() -> Path:
    """The briefs that ship inside the package (package data, located as importlib.resources locates it)."""
    beside = Path(__file__).resolve().parent / "briefs"
    if beside.is_dir():  # an installed wheel or a checkout: exactly what files("bot.knowledge") names, without the
        return beside   # ~5 ms that importing importlib.resources (tempfile, zipfile, ...) costs at start-up
    from importlib.resources import files

    return Path(str(files("bot.knowledge").joinpath("briefs")))


def knowledge_dir(override: str | os.PathLike | None = None) -> Path:
    """The override, else $BRIEFBOT_KNOWLEDGE, else the shipped briefs."""
    chosen = override or os.environ.get(KNOWLEDGE_ENV)
    return Path(chosen) if chosen else shipped_knowledge()


def authoring_dir(override: str | os.PathLike | None = None) -> Path:
    """Where `kb new` writes: the override, else $BRIEFBOT_KNOWLEDGE, else ./knowledge. Never the installed package."""
    chosen = override or os.environ.get(KNOWLEDGE_ENV)
    return Path(chosen) if chosen else Path.cwd() / AUTHORING_DEFAULT
