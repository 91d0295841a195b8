"""A cache of the built bot (knowledge, analyzer and fitted scorer), keyed by the knowledge files' content.

A second start with the same knowledge unpickles the bot instead of parsing YAML and fitting the scorer, so it
imports neither PyYAML's parser nor scikit-learn. The cache is best effort: an unreadable, corrupt or unwritable
cache is ignored, and the bot is built from the files as if there were none.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path

CACHE_ENV = "BRIEFBOT_CACHE_DIR"  # where fitted bots are kept; empty string turns the cache off
FORMAT = "briefbot-cache-4"  # bump when the pickled classes change shape, so old entries are never misread
MAX_FILE_BYTES = 1_000_000  # as the loader's limit (bot.knowledge.loader.MAX_FILE_BYTES, which a test checks)
MAX_FILES = 500  # files hashed for a knowledge folder; more is not a knowledge folder


def cache_dir() -> Path | None:
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefbot"


def code_fingerprint(package: Path) -> str:
    """The path, size and modification time of every module of the package that builds the bot.

    A cached bot holds the analysis and scoring code's results, so an upgrade or an edit must rebuild it.
    """
    parts = [package.as_posix()]
    for source in sorted(package.rglob("*.py")):
        try:
            stat = source.stat()
        except OSError:
            continue
        parts.append(f"{source.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


def knowledge_key(root: Path) -> str | None:
    """A digest of every knowledge file's path and bytes and of this code's files, or None if unreadable."""
    digest = hashlib.sha256(FORMAT.encode())
    digest.update(code_fingerprint(Path(__file__).resolve().parent).encode())
    try:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files[:MAX_FILES]:
            if path.stat().st_size > MAX_FILE_BYTES:  # the loader refuses it; never read a huge file to hash it
                return None
            digest.update(str(path.relative_to(root) if path != root else path.name).encode())
            digest.update(path.read_bytes())
    except (OSError, ValueError):
        return None
    return digest.hexdigest()[:32]


def load_bot(root: Path, build: Callable[[], object]):
    """The bot for the knowledge at root: from the cache when its files are unchanged, else built and cached."""
    folder, key = cache_dir(), knowledge_key(root)
    target = folder / f"{key}.pickle" if folder and key else None
    if target is not None:
        try:
            with target.open("rb") as fh:
                bot = pickle.load(fh)
            from bot.core import BriefBot

            if isinstance(bot, BriefBot):
                return bot
        except Exception:  # noqa: BLE001 - any unreadable cache entry is simply rebuilt
            pass
    bot = build()
    if target is not None:
        try:
            import tempfile  # only when writing: a warm start does not pay for it

            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as fh:
                pickle.dump(bot, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(fh.name, target)
        except Exception:  # noqa: BLE001 - a cache we cannot write costs speed only
            try:
                os.unlink(fh.name)
            except Exception:  # noqa: BLE001
                pass
    return bot
