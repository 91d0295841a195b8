"""Loading and validation: every problem is reported with file, line and entry."""

from __future__ import annotations

import pytest

from bot.knowledge.loader import MAX_FILE_BYTES, KnowledgeError, load_knowledge
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
    with pytest.raises(Exception):
        k.briefs[0].entries[0].answer = "changed"  # frozen


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("answer: On trees.", "answer: On trees.\n    colour: red", "tiny.yaml:18: entry 'apples': unknown field 'colour'"),
        ("    answer: In autumn.\n", "", "entry 'pears': missing field 'answer'"),
        ("id: pears", "id: apples", "duplicate entry id 'apples'"),
        ("pear season", "apple trees", "'apple trees' is also asked under entry 'apples'"),
        ("quote: Pears ripen in autumn.", "quote: Pears ripen in spring.", "tiny.yaml:25: entry 'pears': quote is not verbatim in paragraph 1"),
        ("related: [pears]", "related: [plums]", "related id 'plums' does not exist"),
        ("context: fruit\n    related", "context: veg\n    related", "context 'veg' does not exist"),
        ("paragraph: 1\n    context: fruit\n    related", "paragraph: 9\n    context: fruit\n    related", "paragraph 9 does not exist"),
        ('["When do pears ripen?", pear season, ripening pears, when are pears ready]', '["When do pears ripen?"]', "needs at least 4 question phrasings"),
        ("title: Tiny Brief\n", "", "missing field 'title' in brief"),
        ("paragraphs: [1]", "paragraphs: [1, 7]", "names paragraph 7, which does not exist"),
        ("title: Tiny Brief\n", "title: Tiny Brief\nsubtitle: x\n", "tiny.yaml:3: unknown field 'subtitle' in brief"),
        ("  - id: fruit\n", "  - id: fruit\n    title: Fruit\n    summary: s\n    paragraphs: [1]\n  - id: fruit\n", "duplicate context id 'fruit'"),
        ("paragraphs:\n  - n: 1\n", "paragraphs:\n  - n: 1\n    text: x\n  - n: 1\n", "paragraph number 1 is used twice"),
        ("id: apples", "id: Apples Big", "entry id 'Apples Big' must be 1-24 lower-case letters"),
        ("answer: On trees.", "answer: [On, trees]", "entry 'apples': answer must be non-empty text"),
        ('questions: ["Where do apples grow?", apple trees, what grows on trees, apples location]', "questions: apples", "questions must be a list"),
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
    root = write_kb({"tiny/brief.yaml": head, "tiny/entries.yaml": "entries:\n" + entries.replace("related: [pears]", "related: [nope]")})
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
