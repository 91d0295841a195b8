"""Loading and validation: every problem is reported with file, line and entry."""

from __future__ import annotations

import dataclasses
import os
import time

import pytest

from bot.knowledge.loader import MAX_DEPTH, MAX_FILE_BYTES, KnowledgeError, KnowledgeMissing, load_knowledge, read_yaml
from tests.conftest import TINY_BRIEF


def problems_for(write_kb, text: str) -> list[str]:
    root = write_kb({"tiny.yaml": text})
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(root)
    return [str(p) for p in info.value.problems]


def test_shipped_knowledge_loads(knowledge):
    brief = knowledge.brief("azerbaijan-moscow")
    assert brief.title == "Why Azerbaijan Is Turning Away from Moscow"
    assert brief.author == "Taras Kuzio" and brief.date == "2025-07-27"
    assert len(brief.entries) >= 20
    assert all(len(e.questions) >= 4 for e in brief.entries)


def test_shipped_knowledge_is_honest_about_the_fifth_context(knowledge):
    brief = knowledge.brief("azerbaijan-moscow")
    assert len([c for c in brief.contexts if c.ordinal]) == 4
    assert "only four" in brief.contexts_note


def test_shipped_source_text_is_cleaned(knowledge):
    text = " ".join(p.text for p in knowledge.brief("azerbaijan-moscow").paragraphs)
    for glued in ("Russia?The", "tone.’The", "energy.Further", "No comments"):
        assert glued not in text


def test_tiny_brief_loads(write_kb):
    k = load_knowledge(write_kb({"tiny.yaml": TINY_BRIEF}))
    assert [e.id for e in k.briefs[0].entries] == ["apples", "pears"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        k.briefs[0].entries[0].answer = "changed"


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "answer: On trees.",
            "answer: On trees.\n    colour: red",
            "tiny.yaml:18: entry 'apples': unknown field 'colour'",
        ),
        ("    answer: In autumn.\n", "", "entry 'pears': missing field 'answer'"),
        ("id: pears", "id: apples", "duplicate entry id 'apples'"),
        ("pear season", "apple trees", "'apple trees' is also asked under entry 'apples'"),
        (
            "quote: Pears ripen in autumn.",
            "quote: Pears ripen in spring.",
            "tiny.yaml:25: entry 'pears': quote is not verbatim in paragraph 1",
        ),
        ("related: [pears]", "related: [plums]", "related id 'plums' does not exist"),
        ("context: fruit\n    related", "context: veg\n    related", "context 'veg' does not exist"),
        (
            "paragraph: 1\n    context: fruit\n    related",
            "paragraph: 9\n    context: fruit\n    related",
            "paragraph 9 does not exist",
        ),
        (
            '["When do pears ripen?", pear season, ripening pears, when are pears ready]',
            '["When do pears ripen?"]',
            "needs at least 4 question phrasings",
        ),
        ("title: Tiny Brief\n", "", "missing field 'title' in brief"),
        ("paragraphs: [1]", "paragraphs: [1, 7]", "names paragraph 7, which does not exist"),
        ("title: Tiny Brief\n", "title: Tiny Brief\nsubtitle: x\n", "tiny.yaml:3: unknown field 'subtitle' in brief"),
        (
            "  - id: fruit\n",
            "  - id: fruit\n    title: Fruit\n    summary: s\n    paragraphs: [1]\n  - id: fruit\n",
            "duplicate context id 'fruit'",
        ),
        (
            "paragraphs:\n  - n: 1\n",
            "paragraphs:\n  - n: 1\n    text: x\n  - n: 1\n",
            "paragraph number 1 is used twice",
        ),
        ("id: apples", "id: Apples Big", "entry id 'Apples Big' must be 1-24 lower-case letters"),
        ("answer: On trees.", "answer: [On, trees]", "entry 'apples': answer must be non-empty text"),
        ("answer: On trees.", "answer: On trees.\n    stated: maybe", "entry 'apples': stated must be true or false"),
        (
            'questions: ["Where do apples grow?", apple trees, what grows on trees, apples location]',
            "questions: apples",
            "questions must be a list",
        ),
    ],
)
def test_each_validation_error_names_file_line_and_entry(write_kb, old, new, expected):
    assert old in TINY_BRIEF
    problems = problems_for(write_kb, TINY_BRIEF.replace(old, new, 1))
    assert any(expected in p and "tiny.yaml" in p for p in problems), problems


def test_quote_check_ignores_whitespace_and_quote_style(write_kb):
    text = TINY_BRIEF.replace("text: Apples grow on trees.", "text: ‘Apples’ grow   on trees.")
    text = text.replace("quote: Apples grow on trees.", "quote: \"'Apples' grow on\n          trees.\"")
    assert load_knowledge(write_kb({"tiny.yaml": text}))


def test_all_problems_are_reported_at_once(write_kb):
    text = TINY_BRIEF.replace("related: [pears]", "related: [plums]").replace("id: pears", "id: apples")
    assert len(problems_for(write_kb, text)) >= 2


def test_invalid_yaml_names_file_and_line(write_kb):
    problems = problems_for(write_kb, TINY_BRIEF.replace("summary: A tiny", "summary: [A tiny"))
    assert any("tiny.yaml:" in p and "not valid YAML" in p for p in problems)


def test_python_tags_are_refused_not_executed(write_kb, tmp_path):
    marker = tmp_path / "pwned"
    evil = TINY_BRIEF.replace("summary: A tiny brief about apples and pears.",
                              f"summary: !!python/object/apply:os.system ['touch {marker}']")
    problems = problems_for(write_kb, evil)
    assert not marker.exists()
    assert any("tiny.yaml:5" in p for p in problems), problems


def test_oversized_file_is_refused(write_kb):
    problems = problems_for(write_kb, TINY_BRIEF + "#" * (MAX_FILE_BYTES + 1))
    assert any("limit" in p for p in problems)


def test_brief_split_over_a_folder_reports_the_right_file(write_kb):
    head, entries = TINY_BRIEF.split("entries:\n")
    root = write_kb(
        {
            "tiny/brief.yaml": head,
            "tiny/entries.yaml": "entries:\n" + entries.replace("related: [pears]", "related: [nope]"),
        }
    )
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(root)
    assert any("entries.yaml:8" in str(p) and "nope" in str(p) for p in info.value.problems), info.value.problems


def test_several_briefs_load_and_duplicate_ids_are_refused(write_kb):
    other = TINY_BRIEF.replace("id: tiny", "id: other")
    assert len(load_knowledge(write_kb({"a.yaml": TINY_BRIEF, "b.yaml": other})).briefs) == 2
    with pytest.raises(KnowledgeError, match="used by two briefs"):
        load_knowledge(write_kb({"a.yaml": TINY_BRIEF, "c.yaml": TINY_BRIEF}))


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(KnowledgeError, match="does not exist"):
        load_knowledge(tmp_path / "nowhere")


def test_missing_path_says_no_knowledge_found_not_invalid(tmp_path):
    with pytest.raises(KnowledgeMissing, match="no knowledge found at"):
        load_knowledge(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(KnowledgeMissing, match="no knowledge found at"):
        load_knowledge(tmp_path / "empty")


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "    paragraph: 1\n    context: fruit\n    related",
            "    paragraph: 1\n    context: fruit\n    related",
            None,
        ),  # control: unchanged text loads
        ("date: 2024-01-02\n", "date: 2024-01-02\nentries: []\n", "tiny.yaml:5: key 'entries' is given twice"),
        ("date: 2024-01-02\n", "date: 2024-01-02\nauthor: B. Other\n", "tiny.yaml:5: key 'author' is given twice"),
        ("date: 2024-01-02\n", "date: 2024-01-02\ndate: 1999-01-01\n", "tiny.yaml:5: key 'date' is given twice"),
        (
            "answer: On trees.",
            "answer: On trees.\n    answer: Underground.",
            "tiny.yaml:18: key 'answer' is given twice",
        ),
    ],
)
def test_duplicate_keys_are_errors_with_file_and_line(write_kb, old, new, expected):
    text = TINY_BRIEF.replace(old, new, 1)
    if expected is None:
        assert load_knowledge(write_kb({"tiny.yaml": text}))
        return
    if "entries: []" in new:  # a trailing `entries: []` must not silently wipe the entries
        text = TINY_BRIEF + "entries: []\n"
        expected = "tiny.yaml:28: key 'entries' is given twice"
    assert any(expected in p for p in problems_for(write_kb, text)), problems_for(write_kb, text)


def test_billion_laughs_is_refused_quickly_without_expanding(write_kb):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    start = time.perf_counter()
    problems = problems_for(write_kb, "\n".join(lines) + "\n" + TINY_BRIEF)
    assert time.perf_counter() - start < 2
    assert any("tiny.yaml:2: YAML aliases (*a0) are not allowed" in p for p in problems), problems


@pytest.mark.slow
def test_deep_nesting_is_a_knowledge_error_not_a_recursion_error(write_kb):
    for deep, line in [
        ("x: " + "[" * 2000 + "]" * 2000 + "\n", 28),
        ("x: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n", 28),
        ("x:\n" + "".join("  " * i + "- \n" for i in range(200)), 28 + MAX_DEPTH),
    ]:
        problems = problems_for(write_kb, TINY_BRIEF + deep)
        assert any(f"tiny.yaml:{line}: nesting deeper than {MAX_DEPTH} levels" in p for p in problems), problems


@pytest.mark.parametrize("make", ["fifo", "dev-zero", "directory"])
def test_only_regular_files_are_read(write_kb, make):
    root = write_kb({"tiny/brief.yaml": TINY_BRIEF.split("entries:\n")[0]})
    target = root / "tiny" / "entries.yaml"
    if make == "fifo":
        os.mkfifo(target)
    elif make == "dev-zero":
        target.symlink_to("/dev/zero")
    else:
        target.mkdir()
    start = time.perf_counter()
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(root)
    assert time.perf_counter() - start < 2
    assert any("entries.yaml: not a regular file" in str(p) for p in info.value.problems), info.value.problems


def test_a_growing_file_is_read_only_up_to_the_limit(tmp_path, monkeypatch):
    big = tmp_path / "big.yaml"
    big.write_text("x: 1\n", encoding="utf-8")
    real_fstat = os.fstat

    def lying_fstat(fd):  # a file that grows after stat: the read itself must be bounded
        info = real_fstat(fd)
        return os.stat_result((info.st_mode, *info[1:6], 10, *info[7:]))

    big.write_text("x: " + "y" * (MAX_FILE_BYTES + 10) + "\n", encoding="utf-8")
    monkeypatch.setattr(os, "fstat", lying_fstat)
    with pytest.raises(KnowledgeError, match="over the limit"):
        read_yaml(big)


def test_invalid_dates_and_odd_yaml_are_problems_not_tracebacks(write_kb):
    for old, new in [("date: 2024-01-02", "date: 2024-13-45"), ("summary: A tiny", "summary: !!binary A tiny"),
                     ("id: tiny", "? [a, b]\n: tiny"), ("id: tiny", "--- \nid: tiny\n---\nid: again")]:
        problems = problems_for(write_kb, TINY_BRIEF.replace(old, new, 1))
        assert any("tiny.yaml" in p and "not valid YAML" in p or "one YAML document" in p for p in problems), problems


@pytest.mark.parametrize(
    "quote, ok",
    [("Apples grow on trees.", True), ("Apples grow", True), ("on trees", True), ("A", False), ("s", False),
     ("pples grow on", False), ("Apples gr", False), ("trees", False)],
)
def test_a_quote_must_be_a_meaningful_span(write_kb, quote, ok):
    text = TINY_BRIEF.replace("quote: Apples grow on trees.", f"quote: {quote}")
    if ok:
        assert load_knowledge(write_kb({"tiny.yaml": text}))
    else:
        assert any("entry 'apples': quote" in p and "tiny.yaml:18" in p for p in problems_for(write_kb, text))


def test_a_short_whole_line_of_the_front_matter_is_a_meaningful_quote(write_kb):
    text = TINY_BRIEF.replace("paragraphs:\n", "paragraphs:\n  - n: 0\n    text: \"Peace\\nBy Ann Lee\"\n", 1)
    text = text.replace("paragraphs: [1]", "paragraphs: [0, 1]").replace(
        "quote: Apples grow on trees.\n    paragraph: 1", "quote: Peace\n    paragraph: 0"
    )
    assert load_knowledge(write_kb({"tiny.yaml": text}))
