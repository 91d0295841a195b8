"""`kb new`: cleaning, metadata, drafting; the draft validates and answers with sourced quotes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.core import BriefBot
from bot.kb.coverage import coverage_report
from bot.kb.draft import clean_article, draft_brief, parse_date, unglue, write_draft
from bot.knowledge.loader import load_knowledge
from bot.matching.text import fold
from tests.conftest import ROOT

RAW = ROOT / "tests" / "data" / "azerbaijan_raw.txt"
OTHER = ROOT / "tests" / "data" / "other_article.txt"


def words_of_draft(draft) -> list[str]:
    text = " ".join(draft.front + [f"{h or ''} {t}" for h, t in draft.paragraphs])
    return fold(text).split()


@pytest.mark.parametrize("path, boilerplate", [(RAW, ["No comments:"]), (OTHER, ["Share this:", "No comments:"])])
def test_cleaned_text_keeps_every_word_of_the_original_in_order(path, boilerplate):
    raw = path.read_text(encoding="utf-8")
    for line in boilerplate:
        raw = raw.replace(line, "")
    assert words_of_draft(clean_article(path.read_text(encoding="utf-8"))) == fold(raw).split()


def test_shipped_brief_raw_text_is_cleaned_like_the_knowledge(knowledge):
    draft = clean_article(RAW.read_text(encoding="utf-8"))
    assert (draft.title, draft.author, draft.date) == (
        "Why Azerbaijan Is Turning Away from Moscow",
        "Taras Kuzio",
        "2025-07-27",
    )
    assert [h for h, _ in draft.paragraphs if h] == ["Why Is Azerbaijan Angry with Russia?"]
    text = " ".join(t for _, t in draft.paragraphs)
    assert (
        "Russia?The" not in text
        and "tone.’The" not in text
        and "energy.Further" not in text
        and "No comments" not in text
    )
    shipped = " ".join(p.text for p in knowledge.brief("azerbaijan-moscow").paragraphs if p.number)
    assert fold(text) == fold(shipped)


def test_other_article_metadata_and_headings():
    draft = clean_article(OTHER.read_text(encoding="utf-8"))
    assert (draft.title, draft.author, draft.date) == (
        "Why Georgia's Ports Matter to the Middle Corridor",
        "Nino Beridze",
        "2024-03-03",
    )
    assert [h for h, _ in draft.paragraphs if h] == ["Ports and Politics"]


def test_missing_metadata_gets_todo_markers():
    draft = clean_article("Some text without a title line. It goes on.\n")
    assert draft.author.startswith("TODO") and draft.date.startswith("TODO")


@pytest.mark.parametrize(
    "line, iso",
    [
        ("27 July 2025", "2025-07-27"),
        ("March 3, 2024", "2024-03-03"),
        ("2023-01-09", "2023-01-09"),
        ("31 February 2024", None),
        ("Taras Kuzio", None),
        ("Sunday, July 27, 2025", "2025-07-27"),
        ("Jul 27, 2025", "2025-07-27"),
        ("July 27th, 2025", "2025-07-27"),
        ("27/07/2025", "2025-07-27"),
        ("27.07.2025", "2025-07-27"),
        ("Sat, 26 Jul 2025 14:03:00 +0000", "2025-07-26"),
        ("May 2025", None),
        ("2025", None),
        ("The 2025 Report", None),
        ("Why Is Azerbaijan Angry with Russia?", None),
        ("In 2025 the pipeline carried gas to Europe and beyond it.", None),
    ],
)
def test_parse_date(line, iso):
    assert parse_date(line) == iso


def test_unglue():
    assert unglue("Russia?The first is.") == ["Russia?", "The first is."]
    assert unglue("tone.’The third") == ["tone.’", "The third"]
    assert unglue("the U.S. Army and energy.Further, more") == ["the U.S. Army and energy.", "Further, more"]


@pytest.mark.parametrize("path, brief_id", [(RAW, "raw-az"), (OTHER, "georgia-ports")])
def test_draft_validates_covers_every_sentence_and_answers(tmp_path, path, brief_id):
    write_draft(path, brief_id, tmp_path)
    knowledge = load_knowledge(tmp_path)
    brief = knowledge.brief(brief_id)
    assert all(e.draft for e in brief.entries)
    bot = BriefBot(knowledge)
    assert not coverage_report(knowledge, bot).uncovered
    reply = bot.ask("who wrote the brief")
    assert reply.answered and reply.quote == brief.author and reply.source.paragraph == 0
    assert not bot.ask("what is the capital of france").answered


def test_draft_answers_a_question_from_its_sentences(tmp_path):
    write_draft(OTHER, "georgia-ports", tmp_path)
    reply = BriefBot(load_knowledge(tmp_path)).ask("what happened to the port at Anaklia?")
    assert reply.answered and "Anaklia was cancelled in 2020" in reply.quote


@pytest.mark.slow
def test_kb_new_cli_refuses_to_overwrite_and_bad_ids(tmp_path):
    run = lambda *a: subprocess.run([sys.executable, "-m", "bot", "--knowledge", str(tmp_path), "kb", "new", *a],  # noqa: E731
                                    cwd=ROOT, capture_output=True, text=True, timeout=60)
    first = run(str(OTHER), "--id", "georgia-ports")
    assert first.returncode == 0 and "OK: 1 brief(s)" in first.stdout and "draft: georgia-ports/" in first.stdout
    again = run(str(OTHER), "--id", "georgia-ports")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert run(str(OTHER), "--id", "Bad Id!").returncode == 1


def test_draft_dict_shape():
    brief, entries = draft_brief(OTHER.read_text(encoding="utf-8"), "x")
    assert brief["summary"].startswith("TODO") and brief["contexts"][0]["title"].startswith("TODO")
    questions = [fold(q) for e in entries["entries"] for q in e["questions"]]
    assert len(questions) == len(set(questions))
    json.dumps(brief)


def test_kb_new_reads_a_weekday_date_line():
    draft = clean_article("Sunday, July 27, 2025\nWhy Azerbaijan Is Turning Away from Moscow\nTaras Kuzio\n"
                          "Relations have sunk to their lowest point.\n")
    assert (draft.date, draft.date_line, draft.author) == ("2025-07-27", "Sunday, July 27, 2025", "Taras Kuzio")


def test_dateutil_is_imported_only_by_kb_new():
    import subprocess
    import sys

    code = "import sys, bot.cli, bot.kb.draft; from bot.kb.draft import clean_article; print('dateutil' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
