"""Coverage report: the shipped brief is fully quoted and its entries are distinguishable."""

from bot.kb.coverage import coverage_report
from bot.knowledge.loader import load_knowledge
from tests.conftest import TINY_BRIEF


def test_shipped_brief_has_full_coverage(knowledge, bot):
    report = coverage_report(knowledge, bot)  # the session's bot: the same knowledge, fitted once
    assert report.sentences == 15
    assert report.ok, report.text()


def test_uncovered_sentence_and_confusable_pair_are_reported(write_kb):
    text = TINY_BRIEF.replace("Pears ripen in autumn.", "Pears ripen in autumn. Plums are purple.", 1)
    text = text.replace("pear season", "apple tree")
    report = coverage_report(load_knowledge(write_kb({"t.yaml": text})))
    assert ("tiny", 1, "Plums are purple.") in report.uncovered
    assert any(e == "pears" and o == "apples" for _, e, _, o in report.confusable)
    assert not report.ok and "Coverage FAILED." in report.text()


def test_an_own_phrasing_the_bot_does_not_answer_is_listed_not_failed(write_kb):
    """Checked as served: 'how many…' asks for a figure the apples entry does not state (and one phrasing in eleven
    does not make the entry a figure's: bot.core.DECLARED_KIND_SHARE), so the policy answers "not said"."""
    more = ", ".join(f"apples {w}" for w in "orchard branches trees growing grown harvest fruit".split())
    text = TINY_BRIEF.replace("apples location]", f"apples location, {more}, how many apples grow on trees]")
    report = coverage_report(load_knowledge(write_kb({"t.yaml": text})))
    assert report.unanswered == [("tiny", "apples", "how many apples grow on trees", "(not_said: best apples)")]
    assert report.ok and "unanswered: tiny/apples: 'how many apples grow on trees' gets (not_said" in report.text()
