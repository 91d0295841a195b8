"""The decision policy over the served scorer: what kind of fact a question wants, and whether the entry gives it."""

from __future__ import annotations

import pytest

from bot.matching.analyzer import fact_kinds


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("Russia’s shooting down of Azerbaijan Airline Flight 8243 in December 2024", {"quantity", "date", "time"}),
        ("ample gas storage, ironically built during the Soviet era, in Western Ukraine", {"place", "time"}),
        ("Apples grow on trees.", {"place"}),
        ("As Putin recently said, ’There’s an old rule that wherever a Russian soldier sets foot’", set()),
        ("27 July 2025", {"day", "date", "time"}),
        ("in December 1991", {"date", "time"}),
    ],
)
def test_fact_kinds_a_quote_states(text, kinds):
    assert fact_kinds(text) - {"quantity"} == kinds - {"quantity"}


@pytest.mark.parametrize(
    "question, unmet",
    [
        ("in which town were the azerbaijanis detained", "detail"),  # the brief never names a town
        ("which airport had the plane left from", "detail"),
        ("what brand of missile hit the airliner", "detail"),
        ("where did putin make his remark about soldiers", "place"),
        ("на каком аэродроме сел самолёт", "detail"),
        ("Gaz anbarları hansı şəhərdədir?", "detail"),
        ("Vasif Hüseynov harada çalışır?", "place"),
        ("what day exactly did russia down the azerbaijani plane", "day"),
        ("what is the tonnage of the azerbaijani gas", "detail"),  # "what is the X": X names the kind asked for
        ("what did erdogan say about the shootdown", "detail"),  # a subject the brief never names
        ("what's his salary, that huseynov", "detail"),  # "what's" folds to "what": "what his X" asks for X
        ("Rusiyanın ordusu nə qədərdir?", "quantity"),  # a figure the brief does not give (of an army it never names)
        ("why did russia shoot down the azerbaijani plane", "reason"),  # the brief names the event, not its cause
        ("а почему самолёт сбили?", "reason"),
        ("Rusiyada nece azerbaycanli hebs olunub?", "quantity"),  # "neçə" (how many) typed without its letters
        ("when was kuzio's national interest piece published", "time"),  # the quote's date is the declaration's
        ("capital of norway?", "detail"),  # keywords: the head of "X of Y" is what is asked about
        ("at what event or interview did putin say the old rule line", "detail"),  # "what X or Y": Y too
        ("how tall is putin?", "quantity"),  # a measure: a figure the brief does not give
        ("did russia ever apologise for shooting down the plane", "detail"),  # did it happen? the brief never says
        ("Извинилась ли Россия за сбитый самолёт?", "detail"),
        ("Россия извинилась за самолёт?", "detail"),  # a yes/no question without "ли": its verb, all the same
        ("а сколько погибло?", "quantity"),  # the five contexts are a figure, but they count no dead
        ("Какова протяженность газопровода TANAP?", "quantity"),  # a measure, in Russian
        ("Каков объем украинских газовых хранилищ?", "quantity"),
        ("Почему Украина предложила хранилища большого объема?", "reason"),  # a "why" first, whatever it names
        ("Rusiya təyyarəyə görə üzr istəyibmi?", "detail"),
        ("what is vasif huseynov's job", "detail"),  # "X's job": the job is asked about
        # a word only inside a lexicon phrase ("north atlantic treaty organization") is no word of the knowledge
        ("what organization does vasif huseynov work for?", "identity"),  # his employer: who he is
        ("who is Armenia's prime minister?", "detail"),  # "who is X": the role X is asked about
        ("Кто был премьером Армении?", "detail"),
        ("Ermənistanın baş naziri kim idi?", "detail"),  # Azerbaijani asks "X kim idi?"
        ("Ermenistanin bas naziri o vaxt kim idi?", "detail"),  # past "o vaxt" (then), typed without letters
        ("where in Russia were azerbaijanis arrested?", "place"),  # a place inside the one the brief names
        ("Где именно на западе Украины находятся газовые хранилища?", "place"),
        ("Как Алиев отреагировал на сбитый самолёт?", "reaction"),  # a response, which the brief reports of no one
        ("is azerbaijan applying for eu membership?", "detail"),  # "is X doing Y?" asks whether it is happening
        ("Qarabağ FK dünən kimə qalib gəldi?", "detail"),  # "FK": an unknown name in capitals, however short
        ("Who is Vasif Huseynov?", "identity"),  # the brief quotes him; it never says who he is
        ("Кто такой Гусейнов?", "identity"),
        ("Vasif Hüseynov kimdir?", "identity"),
        ("Кем работает Васиф Гусейнов?", "identity"),  # "as whom does he work": what he is
        ("whats the capacity of those pipelines", "quantity"),  # "whats" typed without its apostrophe
        ("сколько людей арестовали?", "quantity"),  # "людей" (people) is a word of the knowledge's, not off topic
    ],
)
def test_a_fact_the_brief_does_not_give_is_not_said(bot, question, unmet):
    decision = bot.decide(question, None, bot.language_of(question))
    assert (decision.outcome, decision.unmet) == ("not_said", unmet), [c.entry.id for c in decision.candidates]
    reply = bot.ask(question)
    assert not reply.answered and reply.suggestions  # honest, and points at the closest thing it does say


@pytest.mark.parametrize(
    "question, entry",
    [
        ("where would ukraine keep the azerbaijani gas", "gas-storage"),
        ("which pipelines would carry the gas to europe", "pipelines"),
        ("on what day was the brief published", "date"),
        ("where has kuzio written about this before", "national-interest"),
        ("which countries refused to abide by the alma-ata declaration", "alma-ata"),
        ("what is the sphere of influence russia claims", "sphere-of-influence"),
        ("what was the second karabakh war", "karabakh"),
    ],
)
def test_a_fact_the_brief_gives_is_answered(bot, question, entry):
    reply = bot.ask(question)
    assert (reply.kind, reply.entry) == ("answer", entry)


def test_the_support_floor_is_measured_on_the_knowledges_own_phrasings(bot, tiny_bot):
    """Leave one phrasing out: a new phrasing of an entry is supported like its peers (the brief lands near 0.4)."""
    from bot.matching.support import DEFAULT_FLOOR, FLOOR_RANGE

    assert FLOOR_RANGE[0] <= bot.support.floor <= FLOOR_RANGE[1] and abs(bot.support.floor - 0.4) < 0.1
    assert tiny_bot.support.floor == DEFAULT_FLOOR  # four phrasings per entry measure nothing


@pytest.mark.parametrize("right, wrong, floor", [
    # held-out-topic questions below 0.4 (a third of them all) and no right answer there: the floor declines them
    ([0.8] * 90, [0.3] * 30 + [0.9] * 10, 0.4),
    # the floor would cost a right answer for every held-out-topic question it declines: worth none
    ([0.3] * 10 + [0.8] * 80, [0.3] * 10 + [0.9] * 30, 0.0),
    # what the score leaves of the held-out topics is explained as well as the right answers: no floor helps
    ([0.8] * 90, [0.9] * 40, 0.0),
])
def test_the_support_floor_is_kept_only_where_it_declines_more_than_it_costs(right, wrong, floor):
    """Of 100 in-scope checks and 100 held-out-topic ones, those the score answers: their support shares."""
    from bot.matching.support import choose_floor

    assert choose_floor(right, wrong, inside=100, outside=100) == pytest.approx(floor)


def test_a_question_none_of_whose_words_the_knowledge_uses_is_declined(tiny_bot):
    reply = tiny_bot.ask("what is the capital of france")
    assert reply.kind == "decline" and not reply.suggestions


def _tiny_bot(write_kb, *, pears: str | None = None, apples: str | None = None):
    """The tiny brief's bot, with the pears' (and the apples') phrasings replaced by a YAML list's items."""
    from bot.core import BriefBot
    from bot.knowledge.loader import load_knowledge
    from tests.conftest import TINY_BRIEF

    brief = TINY_BRIEF
    for old, new in (('"When do pears ripen?", pear season, ripening pears, when are pears ready', pears),
                     ('"Where do apples grow?", apple trees, what grows on trees, apples location', apples)):
        if new is not None:
            assert old in brief
            brief = brief.replace(old, new)
    return BriefBot(load_knowledge(write_kb({"tiny.yaml": brief})))


def test_an_entry_answers_the_kind_of_fact_its_phrasings_ask_for(write_kb):
    """'How many calories…?' phrasings declare a quantity answer, though the answer text names no figure."""
    bot = _tiny_bot(write_kb, pears='"How many pears ripen?", how many pears are ripe, how many ripe pears, pear count')
    assert "quantity" in bot.fact_kinds("tiny", "pears")
    assert "quantity" not in bot.fact_kinds("tiny", "apples")


@pytest.mark.parametrize("typed, repaired", [
    ("event", {"event"}),  # another form of the knowledge's "events", not a typo of "even"
    ("happend", {"happen", "happened"}),  # a function word typed wrong still reads as one
    ("type", {"type"}),  # a four-letter word is never repaired: "what type" asks for a kind, "live" is not "like"
    ("live", {"live"}),
    ("city", {"city"}),
    ("pipline", {"pipeline"}),
    ("night", {"night", "might"}),  # never a lexicon variant's word ("fight" had made it the crisis)
    ("paying", {"paying"}),  # nor of a relational stop word ("playing")
])
def test_typos_snap_to_known_and_function_words_only(bot, typed, repaired):
    assert bot.analyzer.correct(typed) in repaired


@pytest.mark.parametrize("question", [
    "does iran side with baku in this row",  # a subject the brief never names: declined or "not said"
    "what did erdogan say about the shootdown",
    "what is the national dish of azerbaijan",
])
def test_a_question_about_something_the_brief_never_names_is_not_answered(bot, question):
    assert not bot.ask(question).answered


@pytest.mark.parametrize("question", ["who programmed you?", "как тебя зовут?", "are you a robot or a person"])
def test_questions_to_the_bot_itself_get_small_talk_however_their_words_match(bot, question):
    decision = bot.decide(question, None, bot.language_of(question))
    assert decision.outcome == "small_talk" and not bot.ask(question).answered


@pytest.mark.parametrize("text, kinds", [
    ("Councils that introduced it saw residual waste fall by about a fifth.", {"quantity"}),
    ("Prices rose 4 percent.", {"quantity"}),
    ("The third is that, as I have written", set()),  # an ordinal counts nothing
    ("a deep crisis in relations between the two countries", set()),  # "the two countries" names them
])
def test_fractions_are_figures(text, kinds):
    assert fact_kinds(text) & {"quantity"} == kinds


@pytest.mark.parametrize("question, unknown", [
    ("who wrote hamlet", "hamlet"),  # the object of an authorship question the brief never names
    ("Rusiyanın ordusu nə qədərdir?", "ordusu"),  # Azerbaijani puts what is asked about first
    ("which treaty created the borders", None),  # "created" is the verb, not what is asked about
    ("which russian city", "city"),
    ("what did vladimir putin say recently", None),  # "vladimir" is part of the alias "vladimir putin"
    ("what was the straw that broke the camel's back", None),  # an idiom of the lexicon names its word ("trigger")
    ("Какие две страны отказались соблюдать Алма-Атинскую декларацию?", None),  # a number counts, names nothing
    ("which two pipelines carry the gas", None),
    ("Армения проиграла войну?", None),  # a yes/no question whose verb the knowledge uses
    ("Это модели поведения России?", None),  # "модели" is a noun: its stem keeps the "л" a past verb drops
    ("what's the energy angle here?", None),  # "angle", "aspect": which part of the brief, no detail it lacks
    ("Did Erdogan comment on the shootdown?", "erdogan"),  # a name inside the question that the brief never uses
    ("Что думает Турция об этом?", "турция"),
    ("What did Vladimir Putin say?", None),  # a name the knowledge knows, by its alias
    ("Where is Western Ukraine's gas storage?", None),
    ("What Are The Author's Main Takeaways?", None),  # Title Case capitalises words, not names
    ("What does the brief say about Putin's Regime?", None),  # a capitalised noun of a name's is no name
    ("Много ли у Украины мощностей для хранения газа?", None),  # "is there much?" is no measure asked for
])
def test_what_a_question_asks_about(bot, question, unknown):
    assert bot.analyzer.query(question).unknown_kind == unknown


def test_a_measure_noun_asks_for_a_figure_not_an_unknown_thing(bot):
    query = bot.analyzer.query("what is the storage capacity of the ukrainian facilities")
    assert (query.asks, query.unknown_kind) == ("quantity", None)


@pytest.mark.parametrize("question, asks", [
    ("Azərbaycan Avropaya nə qədər qaz satır?", "quantity"),
    ("Böhran nə qədər dərindir?", None),  # "how deep": a degree, not a figure
    ("Ehalisi ne qederdir?", "quantity"),
])
def test_azerbaijani_how_much_asks_for_a_figure_only_when_it_counts(bot, question, asks):
    assert bot.analyzer.query(question).asks == asks


@pytest.mark.parametrize("question, asks", [
    ("Ayın neçəsi idi?", "day"),  # "which day of the month", typed with its letters
    ("what was the cost of it", "price"),  # a cost asks for a money figure whether or not the brief uses the word
    ("what was the volume of it", "quantity"),  # ... a measure for a figure
    ("how many men were arrested", "quantity"),
])
def test_review_cases_of_what_is_asked(bot, question, asks):
    assert bot.analyzer.query(question).asks == asks


@pytest.mark.parametrize("word", ["solar", "polar", "devil", "indie"])
def test_english_words_are_never_repaired_into_another_languages_function_words(bot, word):
    assert bot.analyzer.correct(word) == word or bot.analyzer.correct(word) in bot.analyzer.vocab


@pytest.mark.parametrize("question, asks", [
    ("when did russia shoot down the plane", "time"),
    ("and when was that", "time"),
    ("i heard the plane was shot down when it was flying to grozny", None),  # "when" as a conjunction
    ("Россия когда сбила самолёт?", "time"),
])
def test_english_when_asks_for_a_time_at_the_head_of_a_question(bot, question, asks):
    assert bot.analyzer.query(question).asks == asks


@pytest.mark.parametrize("question, entry", [
    ("какие трубопроводы упоминаются в статье", "pipelines"),  # "упоминаются" is the verb, not what is asked about
    ("who wrote abt russia's arrogance", "huseynov"),  # chat spellings of function words ("abt") name nothing
    ("что случилось с азербайджанцами в России в последнее время", "arrests"),  # "lately" is a lead-in
    ("yo whats the deal with azerbaijan and russia beefing rn", "roots"),  # "yo" names nothing; "beefing" is angry
    ("ok cool, and who's the author again?", "author"),  # acknowledgements before a question
    ("what happend to azerbaijanis living in russia", "arrests"),  # "happend" is "happen", which names nothing
    ("who wrote this anyway?", "author"),  # "anyway" names nothing
    ("Какие вещи Кремль не терпит в своей сфере влияния?", "sphere-of-influence"),  # "things" name no kind
    ("What doesn't the Kremlin tolerate there?", "sphere-of-influence"),  # "there" weighs nothing
])
def test_readers_phrasings(bot, question, entry):
    reply = bot.ask(question)
    assert (reply.kind, reply.entry, reply.language) == ("answer", entry, bot.language_of(question))


def test_where_goes_to_the_entry_that_names_a_place_when_the_nearest_names_none(bot):
    """'Where did the author write about this before?' ranks the Alma-Ata sentence first, which names no place;
    the sentence citing The National Interest does, and is answered."""
    reply = bot.ask("ну и где же автор раньше писал про алма-атинскую декларацию?")
    assert (reply.kind, reply.entry) == ("answer", "national-interest")
    assert bot.ask("where did putin say that about soldiers").kind == "not_said"  # no entry names that place


@pytest.mark.parametrize("question, asks", [
    ("why did russia shoot down the plane", "reason"),  # the cause of an event: the brief may not give one
    ("why are azerbaijanis being arrested in russia", "reason"),
    ("how come europe stopped buying russian gas", "reason"),
    ("what was the main reason for the crisis", "reason"),
    ("why is baku angry at moscow", None),  # an explanation, which the analysis gives in no fixed words
    ("why does russia treat its neighbours so badly", None),
    ("а почему сбили?", "reason"),
    ("почему Россия не считает соседей суверенными", None),
    ("Rusiya niyə gəlirini itirib?", "reason"),
    ("İkinci kontekst nədən ibarətdir?", None),  # "what does it consist of", not "why"
    ("they asked why, and what did the author answer", None),  # English "why" asks only at the head
    ("nece bas verib?", None),  # "necə baş verib" (how did it happen): a compound verb, no count
    ("Rusiya Azerbaycana nece baxir?", None),  # "how does Russia see Azerbaijan"
    ("Baki Moskvadan nece davranmagi teleb edir?", None),  # "nece" before a verbal noun: how, not how many
    ("Rusiya niye indi Azerbaycana qarsi cixir?", None),  # "indi" (now) is no past verb
    ("почему Россия не уважает роли соседей", None),  # nor is "роли"
])
def test_what_a_why_question_and_a_plain_typed_nece_ask(bot, question, asks):
    assert bot.analyzer.query(question).asks == asks


@pytest.mark.parametrize("question, entry", [
    ("why is baku angry at moscow", "roots"),  # the roots of the crisis "lie in" Baku's insistence: a reason
    ("why has russia lost its main budget revenue", "lost-revenue"),  # "after Europe ended the purchase"
    ("why did armenia's irredentism end", "karabakh"),  # its phrasings ask why: the defeat of 2020 is the reason
    ("why shouldn't we be surprised by russia", "first-context"),
])
def test_a_why_question_an_entry_gives_the_reason_for_is_answered(bot, question, entry):
    assert bot.ask(question).entry == entry


def test_an_entrys_phrasings_declare_the_measure_they_ask_for(write_kb):
    """Phrasings that ask "what is the rate of…" declare a figure, as the same words in a question ask for one."""
    bot = _tiny_bot(write_kb, pears='"What is the ripening rate of pears?", what is the pear rate, '
                                    'what rate do pears ripen at, pear season')
    assert "quantity" in bot.fact_kinds("tiny", "pears")


def test_an_entry_asked_about_ever_new_things_gets_its_own_lower_support_floor(write_kb):
    """Each phrasing of 'apples' names an apple, a farm and a place nobody else names; 'pears' is asked in the same
    words again and again, and far more often. Apples' own phrasings set a floor below the knowledge's, so that its
    readers' questions (which name new apples too) are answered; pears keep the knowledge's floor."""
    import itertools

    from bot.matching.support import FLOOR_RANGE

    kinds = "gala fuji braeburn jonagold honeycrisp pippin cortland macoun".split()
    places = "kent normandy oregon tyrol kashmir otago yakima hokkaido".split()
    farms = "hillside riverside orchardly oakfield elmwood ashgrove birchley cedarvale".split()
    apples = ", ".join(f"{k} apples {f} {p}" for k, p, f in zip(kinds, places, farms, strict=True))
    leads = "when why how where so and then but also really now please tell say ok".split()
    pears = ", ".join(f"{a} {b} do pears ripen in autumn" for a, b in itertools.permutations(leads, 2))
    support = _tiny_bot(write_kb, pears=pears, apples=apples).support
    assert FLOOR_RANGE[0] <= support.floor_for("tiny", "apples") < support.floor
    assert support.floor_for("tiny", "pears") == support.floor


def test_an_entry_asked_about_ever_new_things_answers_a_thing_the_knowledge_never_names(write_kb):
    """Most of the apples' phrasings ask which apple variety nobody else names; a reader's new variety is what that
    entry expects, not a detail the brief lacks. Pears, asked in the knowledge's own words, get "not said"."""
    kinds = "gala fuji braeburn jonagold honeycrisp pippin cortland macoun".split()
    apples = ", ".join(f"what does {k} taste like" for k in kinds) + ", apple trees"
    bot = _tiny_bot(write_kb, apples=apples)
    assert "detail" in bot.fact_kinds("tiny", "apples")
    assert "detail" not in bot.fact_kinds("tiny", "pears")
    assert bot.analyzer.query("what does pinova taste like").unknown_kind == "pinova"
    assert bot.ask("what does pinova taste like").entry == "apples"
    assert bot.ask("which orchard do pears ripen in").kind == "not_said"


def _decide(terms: tuple[str, ...], confidence: float, knowledge):
    from bot.matching.analyzer import Query
    from bot.matching.policy import decide
    from bot.matching.scorer import Candidate, Thresholds

    brief = knowledge.briefs[0]
    best = Candidate(brief, brief.entries[0], confidence)
    query = Query(terms, None, False, 1.0)
    return decide(query, [best], Thresholds(0.5, 0.2), lambda c: frozenset(), lambda c: (1.0, 5.0))


@pytest.mark.parametrize("terms, outcome", [
    ((), "answer"),  # "where are you from?": only function words, matched well by an entry that asks just that
    (("2", "2"), "suggest"),  # "2+2": small numbers only name nothing, however well they match
])
def test_only_small_numbers_are_a_bare_number_not_a_question_of_function_words(knowledge, terms, outcome):
    assert _decide(terms, 0.9, knowledge).outcome == outcome


def test_an_entry_whose_phrasings_ask_about_the_bot_answers_questions_to_the_bot(write_kb):
    """An assistant's knowledge may have an entry about itself: its phrasings say so, and it answers them."""
    bot = _tiny_bot(write_kb, pears='"What is your name?", "what\'s your name", "tell me your name", '
                                    '"your name please"')
    assert "bot" in bot.fact_kinds("tiny", "pears") and "bot" not in bot.fact_kinds("tiny", "apples")
    decision = bot.decide("what was your name again", None, "en")
    assert (decision.outcome, decision.best.entry.id) == ("answer", "pears")


def test_nothing_but_small_talk_is_small_talk_however_well_it_matches(knowledge):
    from bot.matching.analyzer import Query
    from bot.matching.policy import decide
    from bot.matching.scorer import Candidate, Thresholds

    brief = knowledge.briefs[0]
    best = Candidate(brief, brief.entries[0], 0.9)
    thanks = Query(("think",), None, "thanks", 1.0, chat_only=True)  # typo repair made "thanks" a knowledge word
    assert decide(thanks, [best], Thresholds(0.5, 0.2), lambda c: frozenset(), lambda c: (1.0, 5.0)).outcome \
        == "small_talk"
    # ... unless the entry is one for small talk, as an assistant's "hello" entry is
    assert decide(thanks, [best], Thresholds(0.5, 0.2), lambda c: frozenset({"chat"}),
                  lambda c: (1.0, 5.0)).outcome == "answer"
    # small talk with more words ("sağ ol, kömək etdin") is small talk unless its words answer a question
    helped = Query(("help",), None, "thanks", 1.0)
    assert decide(helped, [best], Thresholds(0.5, 0.2), lambda c: frozenset(), lambda c: (0.1, 5.0)).outcome \
        == "small_talk"


def test_an_entry_whose_phrasings_are_small_talk_answers_it(write_kb):
    bot = _tiny_bot(write_kb, pears='"hello", "hi there", "good morning", "hey"')
    assert "chat" in bot.fact_kinds("tiny", "pears") and "chat" not in bot.fact_kinds("tiny", "apples")


@pytest.mark.parametrize("question, about_bot", [
    ("what are you", True),
    ("what are you really", True),
    ("what are you supposed to do with a 401k rollover", False),  # "what are you supposed to do" is general "you"
])
def test_what_a_question_to_the_bot_is(question, about_bot):
    from bot.matching.analyzer import asks_about_the_bot

    assert asks_about_the_bot(question) is about_bot


@pytest.mark.parametrize("question, years", [
    ("what happened in 1991?", {"1991"}), ("what happened in December 2024?", {"2024"}),
    ("Путин сказал это в 2022 году?", {"2022"}), ("1991-ci ildə nə baş verdi?", {"1991"}),
    ("i need 2000 to go to my checking account", set()),  # a sum
    ("what is the gas mileage on a 2012 ford fusion", set()),  # a model
    ("is my day open for march 4th 2019", set()),  # a day's date: a calendar's slot, not a time asked of
])
def test_a_year_is_read_where_it_says_when(question, years):
    from bot.core import _YEAR_AS_A_TIME
    from bot.matching.text import fold

    assert {y for found in _YEAR_AS_A_TIME.findall(fold(question)) for y in found if y} == years


@pytest.mark.parametrize("question, answered, entry", [
    ("what happened in 2020?", True, "karabakh"),  # a year the answer states
    ("when did russia shoot down the plane in 2024?", True, "flight-8243"),
    ("what happened in 1991?", False, None),  # not the plane of 2024, nor the arrests: only entries stating 1991
    ("Is the brief from 2024?", True, "date"),  # a year stated to be checked: the answer corrects it
    ("The plane was shot down in 2023, right?", True, "flight-8243"),
    ("Did Putin say that in 2022?", False, None),  # an answer with no year neither confirms one nor corrects it
    ("кто сейчас президент азербайджана", False, None),  # an office, whose holder the brief never names
    ("Vasif Huseynov kimdir, harda isleyir?", False, None),  # "harda": where, as it is spoken
])
def test_a_named_year_or_office_must_be_in_the_answer(bot, question, answered, entry):
    reply = bot.ask(question)
    assert reply.answered is answered and (entry is None or reply.entry == entry)


@pytest.mark.parametrize("question, kind", [
    ("When Russia shot down the plane, how many people died?", "quantity"),  # the main clause asks
    ("When Russia shot down the plane, where did it crash?", "place"),
    ("Когда сбили самолёт, сколько людей погибло?", "quantity"),
    ("when you have free time, what do you do", None),
    ("When did it happen, and why?", "time"),  # "when" opens the question itself
    ("when was that, 2024?", "time"),
    ("whats the forecast for the day", None),  # a day named, not asked for
    ("what is the date of the alma-ata declaration?", "date"),  # a date: December 1991 gives it
    ("On what date did Armenia lose Karabakh in 2023?", "day"),  # the day of the month
    ("bu neçənci kontekstdə deyilir?", None),  # which one in order, not how many
    ("Neçə kontekst var?", "quantity"),
    ("what was the date of the brief", "date"),
])
def test_the_kind_asked_is_the_main_clauses(bot, question, kind):
    assert bot.analyzer.kind_asked(question) == kind


@pytest.mark.parametrize("question, entry", [
    ("when did the crisis start", "triggers"),  # its phrasings ask when: the quote's December 2024 answers
    ("when was the alma-ata declaration signed", "alma-ata"),
    ("when did russia shoot down the plane", "flight-8243"),
])
def test_a_date_in_a_quote_answers_when_the_entrys_phrasings_ask_when(bot, question, entry):
    assert bot.ask(question).entry == entry


@pytest.mark.parametrize("question, entry", [
    ("which countries besides azerbaijan stepped in to supply europe with energy", "energy-suppliers"),
    ("which country besides russia refused the alma-ata declaration?", "alma-ata"),
    ("какие страны кроме азербайджана поставляют энергию в европу", "energy-suppliers"),
    ("why did Europe stop buying from Russia in the first place?", "lost-revenue"),  # an idiom, not the 1st context
    ("roots of the crisis", "roots"),  # keywords whose head the brief uses
])
def test_function_words_and_idioms_name_nothing_asked_about(bot, question, entry):
    assert bot.ask(question).entry == entry


@pytest.mark.parametrize("question, asks", [
    ("where did putin make his remark", "place"),
    ("where is the gas storage", "place"),
    ("where do i report fraud on my card", None),  # the reader's own errand: a way to do something
    ("where can we read more about the crisis", None),
])
def test_where_asks_a_place_unless_it_asks_the_way_to_an_errand(bot, question, asks):
    assert bot.analyzer.query(question).asks == asks


@pytest.mark.parametrize("question, entry", [
    ("did armenia drop its territorial claims on azerbaijan?", "karabakh"),  # "drop" is "end" (the lexicon)
    ("did ukraine and azerbaijan sign any deals with each other?", "ukraine-deals"),
    ("has the crisis gotten worse", "crisis-depth"),
    ("have russian leaders always viewed neighbours as not sovereign", "not-sovereign"),
])
def test_whether_something_happened_is_answered_when_the_brief_tells_it(bot, question, entry):
    assert bot.ask(question).entry == entry


@pytest.mark.parametrize("question, entry", [
    ("ok so like why is baku mad at moscow lol", "roots"),  # chat noise names nothing, and weighs nothing
    ("does the article say anything about armenia", "karabakh"),  # the subject is Armenia
    ("Ermenistan haqqinda ne deyilir?", "karabakh"),
    ("что говорится в статье об Армении", "karabakh"),
    ("So I've been following the Caucasus for a while and I'm curious, according to this article, what is the "
     "first context for understanding the crisis?", "first-context"),  # the question after a comma-led lead-in
    ("Besides the plane, what else happened to Azerbaijanis in Russia?", "arrests"),
])
def test_lead_ins_and_chat_noise_leave_the_question(bot, question, entry):
    assert bot.ask(question).entry == entry


@pytest.mark.parametrize("question", [
    "what are fruit growers worried about",  # "worried" is a verb form after the noun, not what is asked about
    "did students pay less after the change",  # "less", "after" are function words
])
def test_function_words_and_verb_forms_are_not_the_unknown_thing_asked_about(question):
    from bot.matching.analyzer import asked_about
    from bot.matching.text import STOP_WORDS, fold

    asked = list(asked_about(fold(question).split()))
    assert not {"worried", "less", "after"} & set(asked) and all(w not in STOP_WORDS for w in asked)


@pytest.mark.parametrize("question, asked", [
    ("is azerbaijan applying for eu membership", ["azerbaijan", "applying"]),
    ("is the article saying we should be surprised", []),  # its subject is the brief: a question about its content
    ("who is the prime minister of armenia", ["prime", "minister"]),
    ("кто был премьером армении", ["премьером", "армении"]),
    ("who wrote it", []),
    ("what pushed the crisis to the forefront", []),  # a verb after "what" asks what did it
])
def test_the_words_a_question_asks_about(question, asked):
    """The words "what", "who" or "is" govern: a word no text of the knowledge uses among them is not said."""
    from bot.matching.analyzer import asked_about

    assert list(asked_about(question.split())) == asked


@pytest.mark.parametrize("question, identity", [
    ("Who is Vasif Huseynov?", True),
    ("who's putin", True),
    ("Vasif Hüseynov kimdir?", True),
    ("WHO WROTE THIS?", False),  # capitals everywhere make no name
    ("Who Shot The Plane?", False),
    ("who is the author?", False),  # a role
    ("Who is Taras Kuzio?", False),  # the author: the brief says who he is
    ("who is responsible for the plane crash?", False),
    ("Who is Vasif?", True),  # a normally capitalised question: its capitals still mark the name
    ("Кто это Путин?", True),
])
def test_which_questions_ask_who_someone_is(bot, question, identity):
    assert bot.analyzer.asks_identity(question) is identity


@pytest.mark.parametrize("text, identity", [
    ("Its finance director, Amir Qureshi, said the savings paid for the vans.", True),
    ("The council said Amir Qureshi, the finance director, agreed.", True),
    ("However, the war went on.", False),
    ("Yes, a deal was signed.", False),
    ("Moscow, the capital, said no.", False),  # one word: a place described, not a person
    ("Ilham Aliyev, the president, spoke.", True),  # at the head of its sentence too
])
def test_a_quote_that_says_who_someone_is(text, identity):
    assert ("identity" in fact_kinds(text)) is identity


def test_a_clause_after_like_says_what_is_asked(bot):
    reply = bot.ask("who is vasif huseynov, like where does he work?")  # the clause after "like" asks where
    assert (reply.kind, reply.answer.split(".")[0]) == ("not_said", "The brief does not say where")


@pytest.mark.parametrize("question, entry", [
    ("who is the author?", "author"),  # a role: it asks for a name, which the brief gives
    ("Müəllif kimdir?", "author"),  # its capital opens the question: a role, not a name
    ("Bu meqale kimin terefinden yazilib?", "author"),  # "by whom", typed without Azerbaijani letters
])
def test_who_is_of_a_role_asks_for_a_name(bot, question, entry):
    assert bot.ask(question).entry == entry


def test_a_form_of_a_knowledge_word_is_not_repaired_into_another_word(bot):
    assert bot.ask("What event brought the crisis to the forefront?").entry == "triggers"


def test_the_front_matter_states_no_fact_of_its_own(bot):
    """'Why Azerbaijan Is Turning Away from Moscow' gives neither a reason nor a place (only the brief's title); the
    date entry gives dates because its phrasings ask when."""
    assert bot.fact_kinds("azerbaijan-moscow", "title") == frozenset({"title"})
    assert "date" in bot.fact_kinds("azerbaijan-moscow", "date")


@pytest.mark.parametrize("question", ["How many different contexts are there?", "How many deep contexts?"])
def test_a_count_reads_past_the_adjectives_to_its_noun(bot, question):
    reply = bot.ask(question)
    assert reply.answered and reply.entry == "contexts"


def test_a_count_of_something_the_brief_never_names_may_be_its_own_thing_in_other_words(bot):
    """'How many lenses…?': lenses are the contexts in other words; only a thing the brief names elsewhere (the
    killings) tells that an entry's figure counts something else."""
    reply = bot.ask("How many lenses does the author look at this crisis through?")
    assert reply.answered and reply.entry == "contexts"


def test_whether_there_is_much_is_answered_by_ample(bot):
    """'Много ли у Украины мощностей…?' (a knowledge phrasing): the brief's "ample gas storage" answers it; a
    measure word only asks for a figure when the question asks for the measure ("Каков объем…?")."""
    assert bot.ask("Много ли у Украины мощностей для хранения газа?").entry == "gas-storage"
