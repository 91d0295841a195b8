"""What each chat remembers across restarts: PTB's chat_data, kept as JSON rows in one local SQLite file.

A chat's record is plain data (no pickled classes, so a code change never makes old state unreadable):
``{"brief": "<id>", "lang": "en|ru|az", "asked": "en|ru|az", "talk": {"<thread>": Conversation.to_dict()}}``.
"brief" and "lang" are the /brief and /lang choices; "asked" is the language the chat last asked in; "talk"
holds the follow-up context per thread (0 outside forum topics), which expires after FOLLOW_UP_TTL idle seconds.

Why SQLite rather than PicklePersistence: PicklePersistence rewrites the whole pickle in place on every change,
so a kill mid-write leaves a corrupt file, and unpickling runs whatever the file names. Here PTB's periodic
update writes only the chats that changed, in one transaction (atomic: a kill loses at most the last few
seconds), and rows are JSON. A file that cannot be read is moved aside (*.corrupt) with one log line, and the
bot starts afresh; if even that fails it serves without memory across restarts, never crashes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from telegram.ext import BasePersistence, PersistenceInput

from bot.conversation import FOLLOW_UP_TTL, Conversation
from bot.i18n import LANGUAGES
from bot.telegram.fairness import MAX_CHATS

log = logging.getLogger(__name__)
PERSIST_EVERY = 5.0  # seconds between PTB's writes of the chats that changed
LOCK_WAIT = 5.0  # seconds SQLite waits for a lock when the file is opened (its default)
LOCKED_AT_START_TRIES, LOCKED_AT_START_PAUSE = 4, 2.0  # a lock at start-up is waited out this long (plus SQLite's 5 s
# a try): a backup or the previous instance's last write; longer, and the bot starts without the file's chats
BUSY_TIMEOUT_MS = 200  # how long a commit waits for a lock another process holds (SQLite's default is 5 s a write)
MAX_THREADS = 50  # follow-up contexts kept per chat (forum topics); the most recent win
CLOCK_SKEW = 60.0  # a context stamped further in the future than this is not trusted (clock changed)
CHAT_ID_RANGE = (-(2**63), 2**63 - 1)  # SQLite INTEGER; Telegram ids use 52 bits, so nothing real falls outside
SCHEMA = "CREATE TABLE IF NOT EXISTS chats (chat_id INTEGER PRIMARY KEY, seen REAL NOT NULL, data TEXT NOT NULL)"


# -- the record: pure functions over plain data --------------------------------------------------------------
def prune(record: object, now: float) -> dict:
    """The record with only known, well-formed fields and live follow-up contexts (possibly empty)."""
    if not isinstance(record, dict):
        return {}
    kept = {"brief": record["brief"]} if isinstance(record.get("brief"), str) else {}
    kept |= {k: record[k] for k in ("lang", "asked") if record.get(k) in LANGUAGES}
    talk = record.get("talk") if isinstance(record.get("talk"), dict) else {}
    live = {str(k): v for k, v in talk.items() if isinstance(v, dict) and _live(v.get("updated"), now)}
    newest = sorted(live, key=lambda k: live[k]["updated"], reverse=True)[:MAX_THREADS]
    if newest:
        kept["talk"] = {k: live[k] for k in newest}
    return kept


def _live(updated: object, now: float) -> bool:
    number = isinstance(updated, int | float) and not isinstance(updated, bool)
    return number and now - FOLLOW_UP_TTL <= updated <= now + CLOCK_SKEW


def conversation(record: dict, thread: int, now: float) -> Conversation:
    """The chat's conversation state for one thread: its /brief and /lang choices and live follow-up context."""
    talk = record.get("talk") if isinstance(record.get("talk"), dict) else {}
    brief, lang = record.get("brief"), record.get("lang")
    return replace(Conversation.from_dict(talk.get(str(thread))).fresh(now),
                   brief_id=brief if isinstance(brief, str) else None, language=lang if lang in LANGUAGES else None)


def remember(record: dict, thread: int, state: Conversation, now: float) -> None:
    """Store a thread's follow-up context in the chat's record (in place); expired and empty ones are dropped."""
    talk = dict(record.get("talk") if isinstance(record.get("talk"), dict) else {})
    talk.pop(str(thread), None)
    if state.last_entry or state.suggestions or state.spoken:  # the language it last spoke, for "?" and "2"
        talk[str(thread)] = {k: v for k, v in state.to_dict().items() if k not in ("brief_id", "language")}
    record["talk"] = prune({"talk": talk}, now).get("talk", {})
    if not record["talk"]:
        del record["talk"]


# -- the file -------------------------------------------------------------------------------------------------
class SQLitePersistence(BasePersistence):
    """chat_data only (bot_data holds live objects, user_data is unused), in one SQLite file, capped in size."""

    def __init__(self, db: sqlite3.Connection, chats: dict[int, dict], max_chats: int = MAX_CHATS,
                 clock: Callable[[], float] = time.time, update_interval: float = PERSIST_EVERY,
                 reopen: Path | None = None):
        """`reopen`: the file, when `db` only reads it (it could not be written at start-up): each commit tries to
        open it for writing again, so that a lock or a permission fixed since lets the memory be saved."""
        super().__init__(PersistenceInput(bot_data=False, chat_data=True, user_data=False, callback_data=False),
                         update_interval)
        self.db, self.chats, self.max_chats, self.clock, self.reopen = db, chats, max_chats, clock, reopen
        self._unsaved: dict[int, tuple[float, str | None]] = {}  # chat -> (when, its JSON record, None: delete)
        self._commit_pending = False
        self._failed = False
        # (a lock another process holds is waited for this long per commit, not SQLite's 5 s per write: the
        # event loop serves every chat meanwhile; what is not saved stays unsaved and is tried again)
        with contextlib.suppress(sqlite3.Error):
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    async def get_chat_data(self) -> dict[int, dict]:
        return self.chats

    async def update_chat_data(self, chat_id: int, data: dict) -> None:
        if not (isinstance(chat_id, int) and CHAT_ID_RANGE[0] <= chat_id <= CHAT_ID_RANGE[1]):
            return  # no chat Telegram can have (an id of 2**70): answered from memory, never stored
        now = self.clock()
        record = prune(data, now)
        try:
            # ASCII JSON: a lone surrogate a client sent ("\ud800") is escaped, where UTF-8 could not store it
            self._change(chat_id, now, json.dumps(record) if record else None)
        except (ValueError, OverflowError, UnicodeError, RecursionError) as exc:  # whatever a value held
            self._failure(exc)

    async def drop_chat_data(self, chat_id: int) -> None:
        self._change(chat_id, self.clock(), None)

    async def flush(self) -> None:
        self._commit()

    def _change(self, chat_id: int, now: float, data: str | None) -> None:
        """Keep a chat's change until the next commit: one transaction for a batch of PTB's concurrent updates."""
        self._unsaved.pop(chat_id, None)
        self._unsaved[chat_id] = (now, data)
        while len(self._unsaved) > self.max_chats:  # (the file refusing for long: the oldest changes go first)
            self._unsaved.pop(next(iter(self._unsaved)))
        if not self._commit_pending:
            self._commit_pending = True
            asyncio.get_running_loop().call_soon(self._commit)

    def _commit(self) -> None:
        """Write every unsaved change in one transaction; if the file refuses, they stay unsaved for the next try."""
        self._commit_pending = False
        if not self._unsaved:
            return
        if self.reopen is not None:
            self._writable_again()
        try:
            for chat_id, (when, data) in self._unsaved.items():
                if data is None:
                    self.db.execute("DELETE FROM chats WHERE chat_id = ?", (chat_id,))
                else:
                    self.db.execute("INSERT OR REPLACE INTO chats VALUES (?, ?, ?)", (chat_id, when, data))
            self.db.execute("DELETE FROM chats WHERE chat_id NOT IN "
                            "(SELECT chat_id FROM chats ORDER BY seen DESC LIMIT ?)", (self.max_chats,))
            self.db.commit()
        except sqlite3.Error as exc:
            self._failure(exc)
            return
        self._unsaved.clear()
        if self._failed:
            log.info("Chat memory is saved to the state file again")
        self._failed = False

    def _writable_again(self) -> None:
        """Open the file for writing, if it can be now; the read-only connection serves until then."""
        try:
            db = sqlite3.connect(self.reopen, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error:
            return
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute(SCHEMA)
            db.commit()
        except sqlite3.Error:
            db.close()
            return
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        log.info("The state file %s can be written again", self.reopen)
        self.db, self.reopen = db, None

    def _failure(self, exc: Exception) -> None:
        if not self._failed:  # one line per run of failures, not one per chat
            log.error("Could not save chat memory to the state file (%s: %s); answering on from memory, and "
                      "trying again with the next change", type(exc).__name__, exc)
        self._failed = True
        with contextlib.suppress(sqlite3.Error):
            self.db.rollback()

    # Nothing else is stored.
    async def get_user_data(self) -> dict:
        return {}

    async def get_bot_data(self) -> dict:
        return {}

    async def get_callback_data(self) -> None:
        return None

    async def get_conversations(self, name: str) -> dict:
        return {}

    async def update_conversation(self, name: str, key: tuple, new_state: object) -> None:
        return None

    async def update_user_data(self, user_id: int, data: dict) -> None:
        return None

    async def update_bot_data(self, data: dict) -> None:
        return None

    async def update_callback_data(self, data: object) -> None:
        return None

    async def drop_user_data(self, user_id: int) -> None:
        return None

    async def refresh_user_data(self, user_id: int, user_data: dict) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: dict) -> None:
        return None

    async def refresh_bot_data(self, bot_data: dict) -> None:
        return None


def _read(path: Path, max_chats: int, now: float) -> tuple[sqlite3.Connection, dict[int, dict]]:
    """Open (or create) the file and load the most recent chats; raises sqlite3.Error if it is not usable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)  # chat ids and last questions: for the bot's user only
    db = sqlite3.connect(path, timeout=LOCK_WAIT)
    try:
        db.execute(SCHEMA)
        rows = db.execute("SELECT chat_id, data FROM chats ORDER BY seen DESC LIMIT ?", (max_chats,)).fetchall()
        db.execute("DELETE FROM chats WHERE chat_id NOT IN (SELECT chat_id FROM chats ORDER BY seen DESC LIMIT ?)",
                   (max_chats,))
        db.commit()
    except sqlite3.Error:
        db.close()
        raise
    return db, _records(rows, path, now)


def _records(rows: list, path: Path, now: float) -> dict[int, dict]:
    """The chats of the state file's rows; unreadable ones are skipped with one warning."""
    chats, bad = {}, 0
    for chat_id, data in rows:
        try:
            record = prune(json.loads(data), now)
        except (ValueError, TypeError, RecursionError):  # (a row of 100,000 nested brackets overflows the parser)
            bad += 1
            continue
        if record:
            chats[int(chat_id)] = record
    if bad:
        log.warning("Skipped %d unreadable chat record%s in the state file %s", bad, "" if bad == 1 else "s", path)
    return chats


def _read_waiting(path: Path, max_chats: int, clock: Callable[[], float]) -> tuple[sqlite3.Connection, dict[int, dict]]:
    """`_read`, tried again for a while when another process holds a lock (a backup, an operator's open transaction,
    the previous instance finishing its last write): its chats are worth a few seconds of start-up."""
    for attempt in range(LOCKED_AT_START_TRIES):
        try:
            return _read(path, max_chats, clock())
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == LOCKED_AT_START_TRIES - 1:
                raise
            log.warning("The state file %s is locked by another process; trying again", path)
            time.sleep(LOCKED_AT_START_PAUSE)
    raise AssertionError("unreachable")  # pragma: no cover


def _read_only(path: Path, max_chats: int, now: float) -> tuple[sqlite3.Connection, dict[int, dict]] | None:
    """The file opened read-only and its most recent chats, or None if even that fails."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
        rows = db.execute("SELECT chat_id, data FROM chats ORDER BY seen DESC LIMIT ?", (max_chats,)).fetchall()
    except (sqlite3.Error, OSError, ValueError):
        return None
    return db, _records(rows, path, now)


def _move_aside(path: Path) -> Path:
    """Rename the file (and any SQLite side files) to *.corrupt, or *.corrupt-<time> if that exists."""
    target = path.with_name(path.name + ".corrupt")
    if target.exists():
        target = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}")
    for suffix in ("-journal", "-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    path.rename(target)
    return target


def open_state(path: Path, max_chats: int = MAX_CHATS, clock: Callable[[], float] = time.time
               ) -> SQLitePersistence | None:
    """The persistence over `path`: a corrupt file is moved aside and a fresh one started; None if unusable."""
    try:
        db, chats = _read_waiting(path, max_chats, clock)
    except (sqlite3.OperationalError, OSError) as exc:
        # locked by another process, read-only, not ours: the file is sound, and moving it aside would lose every
        # chat's memory. Read it if it can be read (its chats remembered, changes kept in memory and tried again);
        # else serve without it, and leave it for the next start
        readable = _read_only(path, max_chats, clock())
        log.error("The state file %s cannot be written now (%s: %s); left as it is, %s", path, type(exc).__name__,
                  exc, "its chats read, and changes kept in memory until it can" if readable else
                  "and chats will be forgotten on restart until it can be used")
        return SQLitePersistence(*readable, max_chats, clock, reopen=path) if readable else None
    except sqlite3.Error as first:  # not a database, or a damaged one
        try:
            moved = _move_aside(path) if path.is_file() else None
            db, chats = _read(path, max_chats, clock())
        except (sqlite3.Error, OSError) as exc:
            log.error("The state file %s cannot be used (%s: %s); chats will be forgotten on restart",
                      path, type(exc).__name__, exc)
            return None
        where = f"moved it to {moved}" if moved else "left it as it is"
        log.error("The state file %s was unreadable (%s: %s); %s and started with fresh chat memory",
                  path, type(first).__name__, first, where)
    else:
        log.info("Chat memory: %d chat%s from %s", len(chats), "" if len(chats) == 1 else "s", path)
    return SQLitePersistence(db, chats, max_chats, clock)
