"""A cache of the built bot (knowledge, analyzer and fitted scorer), keyed by the knowledge files' content.

A second start with the same knowledge unpickles the bot instead of parsing YAML and fitting the scorer, so it
imports neither PyYAML's parser nor scikit-learn. The cache is best effort: an unreadable, corrupt or unwritable
cache is ignored, and the bot is built from the files as if there were none.

Unpickling runs code chosen by whoever wrote the file, so the cache is trusted only as far as its owner: the folder
is created 0700, and a folder or file not owned by the current user, or writable by its group or others, is refused
(one warning naming it) and the bot is built without the cache. Entries are written to a temporary file in the same
folder and renamed into place, so a reader never sees half a pickle.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path

CACHE_ENV = "BRIEFBOT_CACHE_DIR"  # where fitted bots are kept; empty string turns the cache off
FORMAT = "briefbot-cache-5"  # bump when the pickled classes change shape, so old entries are never misread
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


def untrusted(st: os.stat_result) -> str | None:
    """Why a cache folder or file with this status must not be trusted, or None: not ours, or others may write it."""
    if st.st_uid != os.geteuid():
        return f"owned by uid {st.st_uid}, not by the current user (uid {os.geteuid()})"
    if st.st_mode & 0o022:
        return f"writable by its group or others (mode {st.st_mode & 0o777:o})"
    return None


def _refuse(path: Path, reason: str) -> None:
    import logging  # only on this rare path: a warm start does not import it

    logging.getLogger("bot.cache").warning("briefbot: not using the bot cache %s: %s; building without it", path,
                                           reason)


def _trusted_folder(folder: Path) -> bool:
    """Create the folder 0700 if missing; True when it exists and is trusted (else one warning)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.stat(folder)
    except OSError:
        return False  # an unusable cache costs speed only
    reason = untrusted(st)
    if reason:
        _refuse(folder, reason)
    return reason is None


def _read(target: Path):
    """The cached bot at target, None when missing, unreadable or untrusted (one warning)."""
    try:
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None  # missing (the usual cold start), a symlink, or unreadable
    with os.fdopen(fd, "rb") as fh:
        reason = untrusted(os.fstat(fd))  # the opened file itself: no swap between the check and the read
        if reason:
            _refuse(target, reason)
            return None
        try:
            bot = pickle.load(fh)
        except Exception:  # noqa: BLE001 - a corrupt or stale entry is simply rebuilt
            return None
    from bot.core import BriefBot

    return bot if isinstance(bot, BriefBot) else None


def _write(folder: Path, target: Path, bot: object) -> None:
    """Write atomically: a private temporary file (0600) in the same folder, renamed over the entry."""
    import tempfile  # only when writing: a warm start does not pay for it

    temporary = None
    try:
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as fh:
            temporary = fh.name
            pickle.dump(bot, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
    except Exception:  # noqa: BLE001 - a cache we cannot write costs speed only
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def load_bot(root: Path, build: Callable[[], object]):
    """The bot for the knowledge at root: from the cache when its files are unchanged, else built and cached."""
    folder, key = cache_dir(), knowledge_key(root)
    if folder is None or key is None or not _trusted_folder(folder):
        return build()
    target = folder / f"{key}.pickle"
    bot = _read(target)
    if bot is None:
        bot = build()
        _write(folder, target, bot)
    return bot
