"""Coverage report: the shipped brief is fully quoted and its entries are distinguishable."""

from bot.kb.coverage import coverage_report
from bot.knowledge.loader import load_knowledge
from tests.conftest import TINY_BRIEF


def test_shipped_brief_has_full_coverage(knowledge):
    report = coverage_report(knowledge)
    assert report.sentences == 15
    assert report.ok, report.text()


def test_uncovered_sentence_and_confusable_pair_are_reported(write_kb):
    text = TINY_BRIEF.replace("Pears ripen in autumn.", "Pears ripen in autumn. Plums are purple.", 1)
    text = text.replace("pear season", "apple tree")
    report = coverage_report(load_knowledge(write_kb({"t.yaml": text})))
    assert ("tiny", 1, "Plums are purple.") in report.uncovered
    assert any(e == "pears" and o == "apples" for _, e, _, o in report.confusable)
    assert not report.ok and "Coverage FAILED." in report.text()
