"""Several briefs, reload without restart, the unanswered log and the gaps report."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest

from bot.commands import select_brief
from bot.core import BriefBot
from bot.kb.gaps import find_gaps, format_gaps
from bot.knowledge.loader import KnowledgeError, load_knowledge
from bot.telegram.reload import Reloader
from bot.traffic import TrafficLog, read_log
from tests.conftest import ROOT, TINY_BRIEF

OTHER = TINY_BRIEF.replace("id: tiny", "id: other").replace("title: Tiny Brief", "title: Other Brief")


@pytest.mark.slow
def test_a_question_is_matched_across_briefs_and_names_its_brief(write_kb, knowledge):
    import shutil

    root = write_kb({"tiny.yaml": TINY_BRIEF})
    shutil.copytree(ROOT / "bot" / "knowledge" / "briefs" / "azerbaijan-moscow", root / "azerbaijan-moscow")
    bot = BriefBot(load_knowledge(root))
    assert bot.ask("where do apples grow").source.brief == "tiny"
    assert bot.ask("what is TANAP").source.brief == "azerbaijan-moscow"
    assert bot.ask("where do apples grow", "azerbaijan-moscow").entry != "apples"


def test_same_question_in_two_briefs_is_told_apart_by_a_suggestion(write_kb):
    bot = BriefBot(load_knowledge(write_kb({"tiny.yaml": TINY_BRIEF, "other.yaml": OTHER})))
    reply = bot.ask("where do apples grow")
    assert not reply.answered and reply.kind == "suggest"
    assert {s.brief for s in reply.suggestions} == {"tiny", "other"}
    assert any("(Other Brief)" in s.question for s in reply.suggestions)
    assert bot.ask("where do apples grow", "other").source.brief == "other"


def test_brief_selection(write_kb):
    bot = BriefBot(load_knowledge(write_kb({"tiny.yaml": TINY_BRIEF, "other.yaml": OTHER})))
    assert select_brief(bot, "Other")[1] == "other"
    assert select_brief(bot, "all", "other")[1] is None
    doc, kept = select_brief(bot, "nope", "other")
    assert kept == "other" and any("tiny" in block.text for block in doc)


async def test_reload_with_a_broken_file_keeps_the_old_knowledge(write_kb):
    root = write_kb({"tiny.yaml": TINY_BRIEF})
    reloader = Reloader(BriefBot(load_knowledge(root)), lambda: BriefBot(load_knowledge(root)))
    old = reloader.core
    (root / "tiny.yaml").write_text(TINY_BRIEF.replace("related: [pears]", "related: [plums]"), encoding="utf-8")
    report = await reloader.reload()
    assert reloader.core is old and "Reload refused" in report and "plums" in report
    assert reloader.core.ask("where do apples grow").answered
    (root / "tiny.yaml").write_text(TINY_BRIEF.replace("On trees.", "On apple trees."), encoding="utf-8")
    assert (await reloader.reload()).startswith("Reloaded")
    assert reloader.core.ask("where do apples grow").answer == "On apple trees."


def test_unanswered_log_is_opt_in_and_holds_no_user_data(tmp_path, bot):
    TrafficLog(None).question(bot.ask("tell me a joke"))  # disabled: writes nowhere, raises nothing
    log = TrafficLog(tmp_path / "gaps.jsonl")
    log.question(bot.ask("who wrote it"))  # answered: not logged
    log.question(bot.ask("what is the population of baku"))
    log.question(bot.ask("how many people died on flight 8243"))
    log.feedback("azerbaijan-moscow", "author", False)
    records = read_log(tmp_path / "gaps.jsonl")
    assert [r["event"] for r in records] == ["unanswered", "unanswered", "feedback"]
    assert records[1]["closest"] == "azerbaijan-moscow/flight-8243"
    assert all(set(r) <= {"at", "event", "kind", "question", "score", "closest", "entry", "useful"} for r in records)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_a_question_holding_a_line_separator_stays_one_record(tmp_path, bot, separator):
    log = TrafficLog(tmp_path / "gaps.jsonl")
    log.question(bot.ask(f"what is the population{separator}of baku"))
    assert [r["question"] for r in read_log(tmp_path / "gaps.jsonl")] == [f"what is the population{separator}of baku"]


def test_gaps_groups_paraphrases_of_one_question(tmp_path, bot):
    questions = ["How many people died on flight 8243?", "how many passengers died on the AZAL flight",
                 "number of people killed on flight 8243", "What is the GDP of Azerbaijan?", "azerbaijan gdp",
                 "what's the weather in baku"]
    path = tmp_path / "log.jsonl"
    path.write_text("\n".join(json.dumps({"event": "unanswered", "question": q}) for q in questions) + "\nnot json\n")
    gaps = find_gaps(read_log(path), bot)
    assert gaps[0].count == 3 and gaps[0].closest == "azerbaijan-moscow/flight-8243"
    assert any(g.count == 2 and "gdp" in g.terms for g in gaps) and len(gaps) == 3
    text = format_gaps(gaps)
    assert "3× “How many people died on flight 8243?”" in text and "- How many people died on flight 8243?" in text


@pytest.mark.slow
def test_kb_gaps_cli(tmp_path):
    path = tmp_path / "log.jsonl"
    path.write_text(json.dumps({"event": "unanswered", "question": "azerbaijan gdp"}) + "\n")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "kb", "gaps", str(path)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "1× “azerbaijan gdp”" in result.stdout


def test_loader_error_type_for_reload(write_kb):
    root = write_kb({"tiny.yaml": "id: [broken"})
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(root)
    assert "tiny.yaml:1" in str(info.value)


async def test_reload_runs_in_a_thread_with_a_time_limit_while_the_old_core_serves(write_kb):
    import asyncio

    root = write_kb({"tiny.yaml": TINY_BRIEF})
    release = threading.Event()
    reloader = Reloader(BriefBot(load_knowledge(root)), lambda: release.wait(5) and BriefBot(load_knowledge(root)),
                        time_limit=0.3)
    old = reloader.core
    job = asyncio.ensure_future(reloader.reload())
    await asyncio.sleep(0)  # the event loop is free while the load runs
    assert reloader.core.ask("where do apples grow").answered
    assert "already running" in await reloader.reload()
    assert "gave up after" in await job and reloader.core is old
    release.set()


def test_traffic_log_survives_a_lone_surrogate_and_rotates(tmp_path):
    from bot.reply import Reply

    path = tmp_path / "log.jsonl"
    traffic = TrafficLog(path, max_bytes=300, backups=1)
    for _ in range(10):
        traffic.question(Reply(question="why \ud800 x" * 3, answer="no", kind="decline", score=0.1))
    assert "why ? x" in path.read_text(encoding="utf-8")
    assert path.stat().st_size < 600 and (tmp_path / "log.jsonl.1").exists() and not (tmp_path / "log.jsonl.2").exists()


def test_feedback_is_one_vote_per_voter_and_message(tmp_path):
    path = tmp_path / "log.jsonl"
    traffic = TrafficLog(path)
    assert traffic.feedback("b", "e", True, voter=(1, 2, 3))
    assert not any(traffic.feedback("b", "e", useful, voter=(1, 2, 3)) for useful in (True, False) * 10)
    assert traffic.feedback("b", "e", False, voter=(9, 2, 3))
    assert len(read_log(path)) == 2
