"""`kb new` drafts reader questions: a fresh draft answers paraphrased questions about its sentences (issue 8, item 5).

The articles under tests/data/unseen/ and their questions (questions.yaml) were written before any draft's phrasings
were seen; `python -m tests.draft_eval -v` prints the full figures. These tables are a representative subset.
"""

from __future__ import annotations

import pytest

from bot.kb.lexicon import base_form, inflections
from bot.kb.questions import context_words, parse, reader_questions
from bot.matching.text import fold
from tests.draft_eval import UNSEEN, drafted_bot

ARTICLES = {"waste": "waste_policy.txt", "bank": "central_bank.txt", "health": "health_programme.txt"}


@pytest.fixture(scope="module")
def bots(tmp_path_factory):
    built = {}

    def get(name):
        if name not in built:
            built[name] = drafted_bot(UNSEEN / ARTICLES[name], name, tmp_path_factory.mktemp(name))
        return built[name]

    return get


@pytest.mark.parametrize("article, question, quote", [
    ("waste", "How much did residual waste fall after kerbside collection?", "residual waste fall by about a fifth"),
    ("waste", "By how much did recycling rates go up?", "from 41 per cent to 49 per cent"),
    ("waste", "How much landfill tax is saved per tonne?", "around £110"),
    ("waste", "Which council switched to electric vans?", "Stroud District Council"),
    ("waste", "Who is Amir Qureshi?", "finance director"),
    ("waste", "When will the review of the pilots be published?", "spring 2026"),
    ("bank", "How did the committee vote?", "seven to two"),
    ("bank", "How much did electricity bills drop?", "fell by 12 per cent"),
    ("bank", "How many mortgages were approved in September?", "48,000"),
    ("bank", "When do economists expect the first rate cut?", "February 2026"),
    ("health", "When did the catch-up programme start?", "In January 2025"),
    ("health", "How much did the vaccination drive cost?", "6.5 million dollars"),
    ("health", "How many villages did the mobile clinics go to?", "140 villages"),
    ("health", "How many parents doubt vaccine safety?", "one parent in ten"),
    ("health", "How many measles cases were there in 2024?", "reached 412 in 2024"),
    ("health", "When does the mobile clinic funding run out?", "March 2026"),
])
def test_a_fresh_draft_answers_paraphrases_with_the_verbatim_quote(bots, article, question, quote):
    reply = bots(article).ask(question)
    assert reply.answered and quote in reply.quote, (reply.kind, reply.quote)


@pytest.mark.parametrize("article, question", [
    ("waste", "What is the capital of Australia?"),
    ("waste", "What's the weather like in Madrid tomorrow?"),
    ("bank", "How do I open a savings account?"),
    ("bank", "Who painted the Mona Lisa?"),
    ("health", "Who is the president of France?"),
    ("health", "Tell me a joke about cats"),
])
def test_a_fresh_draft_declines_off_topic_questions(bots, article, question):
    assert not bots(article).ask(question).answered


def test_drafted_phrasings_are_real_questions_with_the_pronoun_resolved():
    previous = "Twelve councils in the Midlands began a weekly kerbside collection of food waste in 2022."
    sentence = "Councils that introduced it saw residual waste fall by about a fifth."
    questions = reader_questions(sentence, previous, "Early Results")
    assert questions[0].startswith("How much did councils that introduced a weekly kerbside collection of food waste")
    assert any(q.startswith("Did ") for q in questions) and all(q.endswith("?") for q in questions)
    assert not any("What does the brief say about" in q for q in questions)


@pytest.mark.parametrize("sentence, subject, verb", [
    ("Each tonne diverted from landfill saves £110 in tax.", "Each tonne diverted from landfill", "saves"),
    ("Running costs were higher than expected.", "Running costs", "were"),
    ("Average pay rose 5.4 per cent over the past year.", "Average pay", "rose"),
    ("Mobile clinics visited 140 villages that have no doctor.", "Mobile clinics", "visited"),
    ("Dr. Samuel Ortiz, who leads the board's team, called the fall encouraging.", "Dr. Samuel Ortiz, who leads the "
     "board's team", "called"),
    ("In January 2025 the regional health board launched a programme.", "the regional health board", "launched"),
    ("A year earlier it was 71 per cent full.", "it", "was"),
    ("Average daily use in Eastvale is 152 litres per person.", "Average daily use in Eastvale", "is"),
])
def test_a_clause_is_split_at_its_verb(sentence, subject, verb):
    clause = parse(sentence).clauses[0]
    assert (clause.subject, clause.verb) == (subject, verb)


@pytest.mark.parametrize("sentence, expected", [
    ("By July, 38,000 children had received a first or second dose.", "How many children had received"),
    ("Mobile clinics visited 140 villages that have no doctor.", "How many villages did mobile clinics visit"),
    ("Household electricity bills fell by 12 per cent in July.", "By how much did household electricity bills fall"),
    ("Ministers will publish a review of the pilots in spring 2026.", "When will ministers publish a review"),
    ("Two members, Clara Jensen and Tomas Berg, wanted a cut.", "Who is Clara Jensen?"),
    ("Measles cases in the region reached 412 in 2024.", "How many measles cases in the region were there in 2024?"),
    ("Twelve councils in the Midlands began a collection in 2022.", "Where did twelve councils begin a collection?"),
    ("Smaller councils say the grant covers only the first year.", "How long do smaller councils say the grant"),
    ("It was the third meeting in a row without a change.", "How many meeting"),
    ("The ban covers 1.8 million customers across four counties.", "How many customers does the ban cover"),
    ("A manager said the investment paid for itself in three years.", "How long did the investment pay for itself?"),
    ("The authority repaired 2,300 leaking pipes in May.", "Who repaired 2,300 leaking pipes"),
])
def test_wh_questions_come_from_the_facts_a_sentence_states(sentence, expected):
    assert any(q.startswith(expected) for q in reader_questions(sentence)), reader_questions(sentence)


def test_a_date_is_not_a_figure_and_a_role_is_asked_for():
    questions = reader_questions("The authority banned hosepipes on 12 August 2025.")
    assert not any("How many August" in q for q in questions) and "When did the authority ban hosepipes?" in questions
    questions = reader_questions("Its manager, Grace Whitfield, said the mill saved money.", "A paper mill cut it.")
    assert "Who is the manager of a paper mill?" in questions and "Who is Grace Whitfield?" in questions


@pytest.mark.parametrize("article", ["waste", "health"])
def test_a_fresh_draft_passes_its_own_coverage_check(tmp_path, article):
    from bot.kb.coverage import coverage_report
    from bot.kb.draft import write_draft
    from bot.knowledge.loader import load_knowledge

    write_draft(UNSEEN / ARTICLES[article], article, tmp_path)
    report = coverage_report(load_knowledge(tmp_path))
    assert not report.uncovered and not report.confusable and not report.thin, report.text()


def test_every_drafted_question_names_something():
    assert "What is that?" not in reader_questions("That is what it was.")
    assert reader_questions("It is that.") == []


def test_causes_are_asked_with_why():
    assert reader_questions("Bus use fell because fares rose by 20 per cent.")[0] == "Why did bus use fall?"
    assert not any(q.startswith("reason") for q in reader_questions("Bus use fell because fares rose."))
    # ", after the …" states why a news sentence's action was taken; a leading "After the meeting" is a time
    hosepipes = "The authority banned garden hosepipes on 12 August, after the driest July since 1911."
    assert reader_questions(hosepipes)[0] == "Why did the authority ban garden hosepipes on 12 August?"
    assert not any(q.startswith("Why") for q in reader_questions("After the meeting, the board raised rates."))


def test_context_words_only_for_a_sentence_that_leans_on_its_neighbours():
    previous = "Stroud District Council bought electric vans."
    assert "stroud" in context_words("They paid for themselves.", previous, None)
    assert context_words("Mortgage approvals dropped to 48,000 in September, the lowest level since 2023.",
                         previous, None) == []


def test_verb_forms_and_families():
    assert [base_form(w) for w in ("fell", "introduced", "dropped", "switching", "voted", "visited")] == [
        "fall", "introduce", "drop", "switch", "vote", "visit"]
    assert inflections("switching") == ("switch", "switches", "switched", "switching")


def test_drafted_questions_stay_unique_and_few_enough_for_the_default_support_floor(tmp_path):
    from bot.kb.draft import draft_brief

    _, entries = draft_brief((UNSEEN / "central_bank.txt").read_text(encoding="utf-8"), "bank")
    questions = [fold(q) for e in entries["entries"] for q in e["questions"]]
    assert len(questions) == len(set(questions))
    assert len(questions) < 8 * len(entries["entries"])  # bot.matching.support measures a floor from 8 per entry


def test_question_drafting_never_fails_and_is_deterministic_on_any_text():
    import random
    import string

    rng = random.Random(8)
    alphabet = string.ascii_letters + string.digits + " ,.;:'’£$%-()?!\"" + "əüöğıçş"
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
        first = reader_questions(text, text[:40], text[:10])
        assert first == reader_questions(text, text[:40], text[:10])
        assert all(q.strip() for q in first)
    assert reader_questions("") == [] and reader_questions("in " * 2000) == []


def test_long_sentences_give_short_yes_no_questions():
    sentence = ("Democratic and imperialistic Russians have both viewed the former Soviet space, Eurasia, as Russia’s "
                "exclusive sphere of influence, where the Kremlin does not tolerate UN peacekeepers or outside powers.")
    questions = reader_questions(sentence)
    assert all(len(q.split()) <= 15 for q in questions), questions
    assert "Have democratic and imperialistic Russians viewed the former Soviet space?" in questions
