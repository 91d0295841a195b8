"""Per-chat memory: the plain-data record, its expiry and cap, and the SQLite state file (corrupt ones included)."""

from __future__ import annotations

import json
import logging
import sqlite3

import pytest

from bot.conversation import FOLLOW_UP_TTL, Conversation, respond
from bot.telegram.persistence import MAX_THREADS, SCHEMA, conversation, open_state, prune, remember

NOW = 1_800_000_000.0  # wall-clock seconds: the state must survive restarts, so it is stamped with time.time()


def test_conversation_round_trips_through_json():
    state = Conversation("b", "ru", "who shot the plane?", ("b", "e"), (("b", "x"), ("b", "y")), NOW, listed=("b", "c"))
    assert Conversation.from_dict(json.loads(json.dumps(state.to_dict()))) == state


def test_every_field_is_stored():
    from dataclasses import fields

    assert set(Conversation().to_dict()) == {f.name for f in fields(Conversation)}  # a new field needs storing too


def test_malformed_stored_fields_fall_back_to_defaults():
    assert Conversation.from_dict(None) == Conversation()
    state = Conversation.from_dict({"brief_id": 3, "last_entry": ["b"], "suggestions": [["b", "x"], 7, ["y", 1]],
                                    "updated": float("nan"), "unknown": "ignored"})
    assert state == Conversation(suggestions=(("b", "x"),))


def test_record_keeps_choices_and_live_context_only():
    live = {"last_question": "q", "last_entry": ["b", "e"], "suggestions": [], "updated": NOW - 60}
    stale = {**live, "updated": NOW - FOLLOW_UP_TTL - 1}
    future = {**live, "updated": NOW + 3600}  # the clock went back: not trusted
    record = {"brief": "b", "lang": "ru", "asked": "az", "talk": {"0": live, "7": stale, "8": future, "9": "junk"},
              "junk": object()}
    assert prune(record, NOW) == {"brief": "b", "lang": "ru", "asked": "az", "talk": {"0": live}}
    assert prune({"lang": "fr", "talk": {"0": stale}}, NOW) == {}
    assert prune("not a dict", NOW) == {}


def test_threads_per_chat_are_capped_most_recent_first():
    record: dict = {}
    for thread in range(MAX_THREADS + 5):
        remember(record, thread, Conversation(last_question="q", last_entry=("b", "e"), updated=NOW + thread), NOW)
    assert len(record["talk"]) == MAX_THREADS and "0" not in record["talk"] and str(MAX_THREADS + 4) in record["talk"]


def test_a_thread_state_is_the_chats_choices_plus_its_own_context(bot):
    record = {"brief": "azerbaijan-moscow", "lang": "en"}
    reply, state = respond(bot, conversation(record, 5, NOW), "who shot down the plane?", NOW)
    remember(record, 5, state, NOW)
    assert "brief_id" not in record["talk"]["5"] and "language" not in record["talk"]["5"]
    again = conversation(json.loads(json.dumps(record)), 5, NOW + 60)
    assert again.last_entry == (reply.source.brief, reply.entry) and again.brief_id == "azerbaijan-moscow"
    assert conversation(record, 6, NOW).last_entry is None  # another forum topic has its own context
    assert conversation(record, 5, NOW + FOLLOW_UP_TTL + 1).last_entry is None  # idle too long: forgotten
    reply, _ = respond(bot, again, "when was that?", NOW + 60)
    assert "December 2024" in reply.answer + (reply.quote or "")


def test_an_empty_context_is_not_stored():
    record = {"brief": "b", "talk": {"0": {"last_entry": ["b", "e"], "updated": NOW}}}
    remember(record, 0, Conversation(updated=NOW), NOW)
    assert record == {"brief": "b"}


async def _save(persistence, chats: dict[int, dict]) -> None:
    for chat_id, data in chats.items():
        await persistence.update_chat_data(chat_id, data)
    await persistence.flush()


async def test_state_file_round_trip_cap_and_drop(tmp_path):
    path, clock = tmp_path / "state" / "chats.sqlite3", iter(NOW + i for i in range(100))
    persistence = open_state(path, max_chats=3, clock=lambda: next(clock))
    assert await persistence.get_chat_data() == {}
    await _save(persistence, {i: {"brief": f"b{i}"} for i in range(1, 6)})  # chats 1 and 2 fall off the cap
    await persistence.drop_chat_data(5)
    await _save(persistence, {3: {}})  # nothing left to remember: the row goes
    reopened = open_state(path, max_chats=3, clock=lambda: NOW)
    assert await reopened.get_chat_data() == {4: {"brief": "b4"}}


async def test_rows_are_plain_json_and_expired_context_is_dropped_on_load(tmp_path):
    path = tmp_path / "state.sqlite3"
    talk = {"last_question": "who shot the plane?", "last_entry": ["b", "e"], "suggestions": [], "updated": NOW}
    await _save(open_state(path, clock=lambda: NOW), {11: {"lang": "ru", "talk": {"0": talk}}})
    with sqlite3.connect(path) as db:
        (data,) = db.execute("SELECT data FROM chats WHERE chat_id = 11").fetchone()
    assert json.loads(data) == {"lang": "ru", "talk": {"0": talk}}
    later = open_state(path, clock=lambda: NOW + FOLLOW_UP_TTL + 1)
    assert await later.get_chat_data() == {11: {"lang": "ru"}}


async def test_what_no_real_chat_sends_is_answered_from_memory_and_breaks_no_write(tmp_path, caplog):
    """A chat id of 2**70 cannot be an SQLite INTEGER and is not stored; a lone surrogate is stored escaped."""
    path = tmp_path / "state.sqlite3"
    persistence = open_state(path, clock=lambda: NOW)
    talk = {"last_question": "who wrote \ud800 it?", "last_entry": ["b", "e"], "suggestions": [], "updated": NOW}
    with caplog.at_level(logging.ERROR):
        await _save(persistence, {2**70: {"lang": "ru"}, 12: {"talk": {"0": talk}}})
    assert not caplog.records  # no failure to log: neither value reached SQLite in a form it refuses
    assert await open_state(path, clock=lambda: NOW).get_chat_data() == {12: {"talk": {"0": talk}}}


async def test_corrupt_state_file_is_moved_aside_with_one_log_line(tmp_path, caplog):
    path = tmp_path / "state.sqlite3"
    path.write_bytes(b"this is not a database, and not a pickle either\n" * 100)
    with caplog.at_level(logging.INFO, "bot.telegram.persistence"):
        persistence = open_state(path, clock=lambda: NOW)
    assert persistence is not None and await persistence.get_chat_data() == {}
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(errors) == 1 and "unreadable" in errors[0] and "state.sqlite3.corrupt" in errors[0], errors
    assert (tmp_path / "state.sqlite3.corrupt").read_bytes().startswith(b"this is not a database")
    await _save(persistence, {1: {"brief": "b"}})
    assert await open_state(path, clock=lambda: NOW).get_chat_data() == {1: {"brief": "b"}}


async def test_unreadable_rows_are_skipped_and_the_rest_kept(tmp_path, caplog):
    path = tmp_path / "state.sqlite3"
    await _save(open_state(path, clock=lambda: NOW), {1: {"brief": "b"}, 2: {"brief": "c"}})
    with sqlite3.connect(path) as db:
        db.execute("UPDATE chats SET data = '{not json' WHERE chat_id = 2")
    with caplog.at_level(logging.WARNING, "bot.telegram.persistence"):
        assert await open_state(path, clock=lambda: NOW).get_chat_data() == {1: {"brief": "b"}}
    assert "Skipped 1 unreadable chat record" in caplog.text


@pytest.mark.parametrize("data", ["[" * 100_000 + "]" * 100_000, "7", "null"])
async def test_a_row_too_deep_or_not_a_record_is_skipped_not_a_crash_at_start_up(tmp_path, data):
    path = tmp_path / "state.sqlite3"
    await _save(open_state(path, clock=lambda: NOW), {1: {"brief": "b"}, 2: {"brief": "c"}})
    with sqlite3.connect(path) as db:
        db.execute("UPDATE chats SET data = ? WHERE chat_id = 2", (data,))
    assert await open_state(path, clock=lambda: NOW).get_chat_data() == {1: {"brief": "b"}}


async def test_a_state_file_that_cannot_be_written_is_read_and_left_as_it_is(tmp_path, monkeypatch):
    """Read-only or another user's (tests run as root, whom chmod does not stop: the refusal is SQLite's own)."""
    import bot.telegram.persistence as persistence_module

    path = tmp_path / "state.sqlite3"
    await _save(open_state(path, clock=lambda: NOW), {1: {"lang": "ru"}})

    def refuse(*args):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(persistence_module, "_read", refuse)
    persistence = open_state(path, clock=lambda: NOW)
    assert await persistence.get_chat_data() == {1: {"lang": "ru"}}
    assert not list(tmp_path.glob("*.corrupt*"))
    await _save(persistence, {2: {"lang": "az"}})  # the file is writable again by now: the change is saved
    monkeypatch.undo()
    assert await open_state(path, clock=lambda: NOW).get_chat_data() == {1: {"lang": "ru"}, 2: {"lang": "az"}}


@pytest.fixture
def short_lock_waits(monkeypatch):
    """The state file's waits for a lock, in milliseconds rather than seconds."""
    import bot.telegram.persistence as persistence_module

    monkeypatch.setattr(persistence_module, "LOCK_WAIT", 0.05)
    monkeypatch.setattr(persistence_module, "LOCKED_AT_START_PAUSE", 0.05)


def test_a_state_file_locked_at_start_up_is_read_once_the_lock_goes(tmp_path, short_lock_waits):
    import threading

    path = tmp_path / "state.sqlite3"
    sqlite3.connect(path).execute(SCHEMA).connection.commit()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO chats VALUES (1, ?, ?)", (NOW, json.dumps({"lang": "ru"})))
    holder = sqlite3.connect(path, isolation_level=None, timeout=0, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    released = threading.Timer(0.12, lambda: (holder.execute("ROLLBACK"), holder.close()))
    released.start()
    try:
        persistence = open_state(path, clock=lambda: NOW)
    finally:
        released.join()
    assert persistence is not None and persistence.chats == {1: {"lang": "ru"}}


def test_a_state_file_locked_by_another_process_is_left_as_it_is(tmp_path, caplog, short_lock_waits):
    path = tmp_path / "state.sqlite3"
    sqlite3.connect(path).execute(SCHEMA).connection.commit()
    holder = sqlite3.connect(path, isolation_level=None, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with caplog.at_level(logging.ERROR, "bot.telegram.persistence"):
            assert open_state(path, clock=lambda: NOW) is None
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert path.is_file() and not list(tmp_path.glob("*.corrupt*")) and "left as it is" in caplog.text


async def test_changes_a_lock_refused_are_saved_once_it_is_gone(tmp_path):
    path = tmp_path / "state.sqlite3"
    persistence = open_state(path, clock=lambda: NOW)
    holder = sqlite3.connect(path, isolation_level=None, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    await _save(persistence, {1: {"lang": "ru"}})  # refused: the lock is held
    holder.execute("ROLLBACK")
    holder.close()
    await _save(persistence, {2: {"lang": "az"}})  # the next commit takes the refused change with it
    assert await open_state(path, clock=lambda: NOW).get_chat_data() == {1: {"lang": "ru"}, 2: {"lang": "az"}}


def test_a_state_path_that_cannot_be_a_file_means_no_memory_not_a_crash(tmp_path, caplog):
    (tmp_path / "taken").mkdir()  # a directory where the file should be
    with caplog.at_level(logging.ERROR, "bot.telegram.persistence"):
        assert open_state(tmp_path / "taken") is None
    assert "cannot be written" in caplog.text and "forgotten on restart" in caplog.text


def test_the_language_a_chat_last_spoke_is_stored_even_without_an_answer():
    """'привет' then '?': the chat spoke Russian, though nothing was answered."""
    record: dict = {}
    remember(record, 0, Conversation(spoken="ru", updated=NOW), NOW)
    assert conversation(record, 0, NOW).spoken == "ru"
