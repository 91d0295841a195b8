"""The CLI, run as a subprocess the way users and scripts run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import JSON_KEYS, ROOT, TINY_BRIEF

pytestmark = pytest.mark.slow  # every test starts `python -m bot`


def run(*args: str, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, **(env or {})}, timeout=60)


def test_ask_json_one_object_per_line_in_order():
    lines = ["who wrote it", "", "tell me a joke", "what is TANAP", "how many people died on flight 8243"]
    result = run("ask", "--json", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["question"] for o in objects] == lines
    assert all(list(o) == JSON_KEYS for o in objects)
    assert [o["answered"] for o in objects] == [True, False, False, True, False]
    assert objects[0]["source"]["author"] == "Taras Kuzio" and objects[3]["source"]["paragraph"] == 7
    assert objects[2]["quote"] is None and objects[2]["source"] is None


def test_ask_with_arguments_prints_readable_answers():
    result = run("ask", "who", "wrote", "it")
    assert result.returncode == 0 and "Taras Kuzio" in result.stdout
    result = run("ask", "who wrote it", "what is TANAP")
    assert result.stdout.count("Q: ") == 2


def test_validate_ok_on_shipped_knowledge():
    result = run("validate", "--coverage")
    assert result.returncode == 0 and "OK:" in result.stdout and "Coverage OK." in result.stdout


def test_validate_reports_problems_without_traceback(tmp_path):
    (tmp_path / "bad.yaml").write_text(TINY_BRIEF.replace("related: [pears]", "related: [plums]"), encoding="utf-8")
    result = run("--knowledge", str(tmp_path), "validate")
    assert result.returncode == 1
    assert "bad.yaml:21: entry 'apples': related id 'plums' does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_console_refuses_to_start_on_invalid_knowledge(tmp_path):
    (tmp_path / "bad.yaml").write_text("id: [unclosed", encoding="utf-8")
    result = run("--knowledge", str(tmp_path), "console")
    assert result.returncode == 1 and "not valid YAML" in result.stderr and "Traceback" not in result.stderr


def test_console_session_with_commands_and_eof():
    result = run("console", stdin="/summary\nwho wrote it\n\n/contexts\n/quit\nnever reached\n")
    assert result.returncode == 0
    session = result.stdout.split("brief> ", 1)[1]  # what the commands printed, not the greeting (it names /summary)
    assert session.startswith("Summary: Why Azerbaijan Is Turning Away from Moscow")
    assert "The brief was written by Taras Kuzio." in session and "Contexts of" in session
    assert result.stdout.rstrip().endswith("Bye.") and "never reached" not in result.stdout


def test_a_line_too_long_to_read_whole_is_told_its_length_and_the_next_is_answered():
    result = run("console", stdin="x" * 300_000 + "\nwho wrote it\n")
    assert result.returncode == 0 and "300,000 characters long" in result.stdout
    assert "The brief was written by Taras Kuzio." in result.stdout


def test_console_exits_cleanly_on_eof():
    result = run("console", stdin="who wrote it")
    assert result.returncode == 0 and "Bye." in result.stdout


def test_knowledge_path_can_be_overridden_by_environment(tmp_path):
    (tmp_path / "tiny.yaml").write_text(TINY_BRIEF, encoding="utf-8")
    result = run("ask", "--json", "where do apples grow", env={"BRIEFBOT_KNOWLEDGE": str(tmp_path)})
    assert json.loads(result.stdout)["source"]["brief"] == "tiny"


def test_undecodable_input_is_answered_not_a_traceback():
    result = subprocess.run([sys.executable, "-m", "bot", "ask", "--json"], input=b"who wrote it \xff\xfe\n\x00\x01\n",
                            capture_output=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    assert [json.loads(line)["answered"] for line in result.stdout.decode().splitlines()] == [True, False]


def test_missing_knowledge_says_no_knowledge_found_not_invalid(tmp_path):
    result = run("--knowledge", str(tmp_path / "nowhere"), "ask", "who wrote it")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"no knowledge found at {tmp_path / 'nowhere'}" in result.stderr and "invalid" not in result.stderr


def test_help_tells_the_truth_about_the_default_knowledge():
    text = " ".join(run("--help").stdout.split())
    assert "$BRIEFBOT_KNOWLEDGE, else the briefs shipped with BriefBot" in text and "else ./knowledge" in text


def test_version_prints_the_version():
    from bot import __version__

    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"briefbot {__version__}"


def test_package_version_matches_pyproject():
    import tomllib

    from bot import __version__

    assert tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"] == __version__


def test_kb_new_writes_into_the_current_folder_by_default(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("July 27, 2025\nA Small Title\nBy Jane Writer\nApples grow on trees. Pears ripen late.\n",
                       encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "BRIEFBOT_KNOWLEDGE"}
    result = subprocess.run([sys.executable, "-m", "bot", "kb", "new", str(article), "--id", "fruit"], cwd=tmp_path,
                            capture_output=True, text=True, env={**env, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "knowledge" / "fruit" / "brief.yaml").is_file()
    assert not (ROOT / "bot" / "knowledge" / "briefs" / "fruit").exists()
    assert "1 brief(s)" in result.stdout  # it validated the folder it wrote, not the shipped briefs


def test_ask_json_declines_a_russian_off_topic_question_in_russian():
    result = run("ask", "--json", "Какая столица Франции?", "Кто написал статью?")
    assert result.returncode == 0, result.stderr
    decline, answer = (json.loads(line) for line in result.stdout.splitlines())
    assert decline["language"] == "ru" and not decline["answered"] and decline["quote_translation"] is None
    assert decline["answer"].startswith("В статье об этом не говорится.")
    assert answer["language"] == "ru" and answer["quote"] == "Taras Kuzio" and answer["quote_translation"]


def test_console_lang_forces_the_language():
    result = run("console", "--lang", "ru", stdin="/help\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Здравствуйте! Я BriefBot.")
    assert "Как пользоваться BriefBot" in result.stdout and "В TELEGRAM" in result.stdout
    assert result.stdout.rstrip().endswith("До свидания!")
