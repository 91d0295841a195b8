"""The core call: one question in, one Reply out, for every kind of input."""

from __future__ import annotations

import pytest

from bot.core import MAX_QUESTION_CHARS, BriefBot, human_date
from bot.i18n import say
from bot.knowledge.loader import load_knowledge
from bot.matching.text import verbatim_key
from tests.conftest import JSON_KEYS, TINY_BRIEF


def test_answer_is_sourced_and_quotes_the_brief_verbatim(bot, knowledge):
    reply = bot.ask("Who shot down the Azerbaijani plane?")
    assert reply.answered and reply.kind == "answer" and reply.entry == "flight-8243"
    brief = knowledge.brief(reply.source.brief)
    assert verbatim_key(reply.quote) in verbatim_key(brief.paragraph(reply.source.paragraph).text)
    assert (reply.source.title, reply.source.author, reply.source.date) == (brief.title, brief.author, brief.date)
    assert reply.context == brief.context("introduction").summary
    assert reply.source.context == brief.context("introduction").title
    assert 0 < reply.score <= 1 and reply.related


def test_decline_says_what_the_brief_covers(bot):
    reply = bot.ask("What is the capital of Azerbaijan?")
    assert not reply.answered and reply.kind == "decline"
    assert reply.quote is None and reply.source is None
    assert "does not cover" in reply.answer and "Alma-Ata" in reply.answer and "/topics" in reply.answer


def test_near_miss_says_the_brief_does_not_say_and_offers_the_closest(bot):
    reply = bot.ask("How many passengers died on flight 8243?")
    assert not reply.answered and reply.kind == "not_said"
    assert "does not give that figure" in reply.answer
    assert [s.entry for s in reply.suggestions] == ["flight-8243"]
    assert reply.quote is None and reply.source is None


def test_low_confidence_offers_up_to_three_suggestions(bot):
    reply = bot.ask("russia")
    assert not reply.answered and reply.kind == "suggest"
    assert 1 <= len(reply.suggestions) <= 3


@pytest.mark.parametrize(
    "text, kind", [("", "empty"), ("   \n\t", "empty"), ("x" * (MAX_QUESTION_CHARS + 1), "too_long")]
)
def test_bad_input_gets_a_polite_reply(bot, text, kind):
    reply = bot.ask(text)
    assert not reply.answered and reply.kind == kind and reply.answer


def test_json_has_exactly_the_stable_keys(bot):
    for q in ["who wrote it", "tell me a joke", "", "how many people died on flight 8243"]:
        data = bot.ask(q).to_json()
        assert list(data) == JSON_KEYS
        assert isinstance(data["answered"], bool) and 0 <= data["score"] <= 1
        assert data["source"] is None or set(data["source"]) == {
            "brief",
            "title",
            "author",
            "date",
            "paragraph",
            "context",
        }
        assert all(isinstance(s, str) for s in data["suggestions"])


def test_entry_reply_for_unknown_ids_is_none(bot):
    assert bot.entry_reply("azerbaijan-moscow", "nope") is None
    assert bot.entry_reply("nope", "author") is None


def test_human_date():
    assert human_date("2025-07-27") == "27 July 2025"
    assert human_date("sometime") == "sometime"


def test_every_entry_quote_is_verbatim(knowledge, bot):
    for brief in knowledge.briefs:
        for entry in brief.entries:
            reply = bot.entry_reply(brief.id, entry.id)
            para = brief.paragraph(reply.source.paragraph)
            assert verbatim_key(reply.quote) in verbatim_key(f"{para.heading or ''} {para.text}")


@pytest.mark.parametrize("question, language, says", [
    ("Какая столица Франции?", "ru", "В статье об этом не говорится. Мои ответы основаны на статье «Почему"),
    ("Fransanın paytaxtı haradır?", "az", "Məqalədə bu barədə danışılmır. Cavablarım bu məqaləyə əsaslanır: “Azərb"),
])
def test_an_off_topic_question_is_declined_in_its_own_language(bot, question, language, says):
    reply = bot.ask(question)
    assert reply.kind == "decline" and reply.language == language
    assert reply.answer.startswith(says) and "/topics" in reply.answer
    assert "The brief" not in reply.answer and "by Taras" not in reply.answer


def test_a_russian_answer_keeps_the_quote_and_the_briefs_names(bot, knowledge):
    reply = bot.ask("Кто сбил самолёт Азербайджанских авиалиний?")
    brief = knowledge.brief(reply.source.brief)
    assert reply.answered and reply.language == "ru" and reply.quote_translation
    assert verbatim_key(reply.quote) in verbatim_key(brief.paragraph(reply.source.paragraph).text)
    assert (reply.source.title, reply.source.author) == (brief.title, brief.author)
    assert reply.source.context == brief.translation("ru").context(brief.entry(reply.entry).context).title


def test_an_entry_recording_a_gap_says_not_said_and_quotes_its_closest_sentence(bot):
    """The brief announces five contexts and describes four: the fifth is 'not said', never answered."""
    reply = bot.ask("what is the fifth context")
    assert (reply.kind, reply.entry, reply.answered) == ("not_said", "fifth-context", False)
    assert "five interrelated contexts" in reply.quote and reply.source.paragraph == 2
    assert bot.ask("how many contexts are there").kind == "answer"


@pytest.mark.parametrize("question, forced, entry", [
    ("who wrote it", "az", "author"),
    ("Кто сбил самолёт?", "en", "flight-8243"),
    ("Məqaləni kim yazıb?", "ru", "author"),
])
def test_a_forced_language_is_the_replys_and_the_words_are_matched_in_their_own(bot, question, forced, entry):
    """/lang and --lang choose the reply's language; the question's words are still read as what they are."""
    reply = bot.ask(question, language=forced)
    assert (reply.kind, reply.entry, reply.language) == ("answer", entry, forced)


@pytest.mark.parametrize("question, entry", [
    ("who wrote the 'why azerbaijan is turning away from moscow' piece?", "author"),  # the title names the brief
    ("кто написал статью «Почему Азербайджан отворачивается от Москвы»?", "author"),
    ("Azərbaycan niyə Moskvadan üz döndərir məqaləsini kim yazıb?", "author"),
    ("when was Why Azerbaijan Is Turning Away from Moscow published", "date"),
    ("Why Azerbaijan Is Turning Away from Moscow?", "roots"),  # the title alone asks its own question
    ("Почему Азербайджан отворачивается от Москвы?", "roots"),  # ... in every language, not "what is the title"
    ("Azərbaycan niyə Moskvadan üz döndərir?", "roots"),
    ("tell me why azerbaijan is turning away from moscow", "roots"),
    ("I'm a student of the region. Quick one: who wrote Why Azerbaijan Is Turning Away from Moscow?", "author"),
])
def test_a_title_inside_a_question_names_the_brief(bot, question, entry):
    assert bot.ask(question).entry == entry


@pytest.mark.parametrize("message, language, talk", [
    ("thanks!", "en", "thanks"),
    ("ok thanks, that helps a lot", "en", "thanks"),
    ("Спасибо, всё понятно!", "ru", "thanks"),
    ("Çox sağ olun", "az", "thanks"),
    ("sag ol", "az", "thanks"),  # typed without Azerbaijani letters
    ("tsk sag ol", "az", "thanks"),  # "təşəkkür" shortened, as on a phone
    ("aight peace", "en", "bye"),
    ("bye", "en", "bye"),
    ("fine, bye", "en", "bye"),
    ("пока", "ru", "bye"),
    ("hello", "en", "greeting"),
    ("Salam", "az", "greeting"),
    ("ok", "en", "ack"),
    ("понятно", "ru", "ack"),
    ("круто", "ru", "ack"),
    ("Привет, как дела?", "ru", "greeting"),  # asks after the bot: it introduces itself
    ("thanks", "en", "thanks"),  # typo repair reads "thanks" as "think": it is small talk all the same
    ("ok thanks", "en", "thanks"),
    ("thank you very much", "en", "thanks"),
    ("Thank you very much, you are kind.", "en", "thanks"),
    ("Thank you dear, have a nice day.", "en", "thanks"),
    ("hey there, how's it going?", "en", "greeting"),  # asks after the bot: it introduces itself
    ("пасиба бро", "ru", "thanks"),
    ("ok, tesekkurler", "az", "thanks"),  # "ok" is every language's
    ("çox sağ ol, kömək etdin", "az", "thanks"),  # "kömək" (help) is a word of the knowledge; nothing answers it
    # what a reader says of the answer, with thanks or alone, is no question ("helpful" is a word of the knowledge)
    ("Thanks, that's really helpful!", "en", "thanks"),
    ("thanks thats helpful", "en", "thanks"),
    ("that's helpful, thanks", "en", "thanks"),
    ("very interesting, thank you", "en", "thanks"),
    ("that was really useful", "en", "ack"),
    ("Спасибо, очень полезно", "ru", "thanks"),
    ("çox maraqlı idi, təşəkkürlər", "az", "thanks"),
])
def test_small_talk_is_answered_in_kind_and_in_its_language(bot, message, language, talk):
    from bot.i18n import say

    reply = bot.ask(message)
    assert not reply.answered and reply.language == language
    assert reply.answer.startswith(say(f"small_talk.{talk}", language, covers="").strip())


@pytest.mark.parametrize("question, not_entry", [
    # a leading clause sets the scene; the question after it says what is asked, and it is not read alone
    ("When Europe stopped buying Russian gas, who did it turn to?", "author"),
    # "after X, what else…?" sets X aside, as "besides X" does
    ("After the plane was downed, what else pushed the crisis to the forefront?", "flight-8243"),
    ("после того как самолёт сбили, что ещё случилось?", "flight-8243"),
])
def test_a_scene_setting_clause_is_part_of_the_question(bot, question, not_entry):
    reply = bot.ask(question)
    assert reply.entry != not_entry and reply.kind != "not_said"


@pytest.mark.parametrize("question, entry", [
    # the scene fits the entry the question names, and the scene's own entry does not fit the question
    ("Когда Европа перестала покупать российский газ, кто её заменил?", "energy-suppliers"),
    # something else than the scene's entry: one the knowledge relates to it
    ("After the plane was shot down, what else happened?", "arrests"),
])
def test_a_scene_setting_clause_and_its_question(bot, question, entry):
    assert bot.ask(question).entry == entry


@pytest.mark.parametrize("question", [
    "After the plane was shot down, what else did Putin eat?",  # "what else" of something the brief never names
    "When was the article on the Alma-Ata Declaration in The National Interest published?",  # another article
    "What does the author's mother think?",  # "mother" is a word, no typo of "other"
])
def test_questions_the_brief_does_not_answer_stay_unanswered(bot, question):
    assert not bot.ask(question).answered


@pytest.mark.parametrize("question, entry", [
    # the article named by what it is about: the question is of the article
    ("Who is the author of the piece about Azerbaijan distancing itself from Russia?", "author"),
    ("Кто написал статью о том, как Азербайджан отворачивается от России?", "author"),
    ("Moskvadan üz döndərən Azərbaycan haqqında məqaləni kim yazıb?", "author"),
    # a set-aside lead between commas, after the question word
    ("What, besides the plane, made things worse?", "triggers"),
    ("Какую фразу Путина про русского солдата приводит автор?", "putin-rule"),  # "фраза" is a quote
    ("Which of Putin's words does the author quote?", "putin-rule"),  # someone's words are his quote
    ("Putinin sozu nedir?", "putin-rule"),
    ("in other words, what are the contexts?", "contexts"),  # ... but "in other words" says how, not what
    ("bir sözlə, məqalə nə haqqındadır?", "overview"),  # "in a word"
    ("What is the full name of the pipeline abbreviated as TANAP?", "pipelines"),  # the name of a pipeline it names
    # a thing's role is what the brief says of it; "что насчёт" is "what about"
    ("What's Ukraine's role?", "ukraine-deals"),
    ("Which organizations does the Kremlin not tolerate?", "sphere-of-influence"),  # it names them, not the word
    ("What did the declaration establish?", "alma-ata"),
    ("ABŞ-ın rolu nədir?", "energy-suppliers"),  # a case ending after an abbreviation's hyphen: the abbreviation
    ("who is quoted saying azerbaijan wont tolerate russias arrogance", "huseynov"),  # "saying" names nothing
    ("Can you summarize the whole brief in three sentences?", "overview"),  # how briefly says nothing of what
    ("What is this brief about, in a sentence or two?", "overview"),  # its gist asked with "about"
    ("Can you tell me what this document is about in two sentences?", "overview"),  # a document, a story: the brief
    ("How does energy fit into this story?", "lost-revenue"),
    ("Which other suppliers does it name alongside Azerbaijan?", "energy-suppliers"),  # "alongside" names nothing
    ("What's the commercial angle in this brief?", "lost-revenue"),
    ("And what else besides the plane triggered things?", "triggers"),  # set aside with its article, then a verb
    ("Summarize the four contexts in one sentence each.", "contexts"),  # ... nor the request to sum up
    ("summarize the plane incident in one line", "flight-8243"),
    ("Besides the plane, what other recent events in Russia worsened relations?", "arrests"),  # the plane's kind
    ("Does it mention the war in Ukraine?", "lost-revenue"),  # the war in Ukraine is Russia's invasion
    ("what part of the brief discusses Putin?", "putin-rule"),  # where in the brief: its entry shows the paragraph
    ("Ermənistan bu məsələdə nə rol oynayır?", "karabakh"),  # "in this matter" names nothing
    ("so how bad is the crisis compared to the past?", "crisis-depth"),  # against its past: unprecedented
    ("а что насчет Армении?", "karabakh"),
    ("what declaration is relevant here?", "alma-ata"),  # "relevant" names nothing
    ("who else besides Armenia rejected the declaration?", "alma-ata"),  # set aside inside the question
    # the title asked as a question, a name swapped: its question, not the title
    ("Почему Азербайджан отворачивается от России?", "roots"),
    ("Скажите, с какого момента отношения между Азербайджаном и Россией не были в таком кризисе?", "crisis-depth"),
    # "besides X, what else…?" with nothing else that answers on its words: what the knowledge relates to X (one
    # that does not quote X again first, when the question names nothing of its own)
    ("Apart from the plane, what else has fuelled the crisis?", "triggers"),
    ("Что ещё, кроме самолёта, обострило отношения?", "triggers"),
    ("А что ещё, кроме самолёта, обострило отношения?", "triggers"),
    ("what else besides the plane?", "arrests"),
    ("ok. and what else besides the plane?", "arrests"),
    ("а ещё чё было кроме самолёта", "arrests"),  # at the end in Russian too; "чё" is "что"
    ("Təyyarədən başqa nə baş verib?", "arrests"),  # a thing set aside asks for another, "else" or not
    ("кто ещё кроме Путина цитируется?", None),  # (its verb after the thing: no set-aside at the end)
    # whether the brief speaks of a thing: the thing
    ("does the brief talk about NATO?", "sphere-of-influence"),
    ("Sülhməramlılar haqqında nəsə yazılıb?", "sphere-of-influence"),
    ("salam, bu yazida enerji barede ne deyilir?", "energy-suppliers"),
    ("есть ли в статье что-то про Норвегию?", "energy-suppliers"),
    # what a thing has to do with it is its role
    ("а причем тут армения", "karabakh"),
    ("лан, а норвегия тут причём", "energy-suppliers"),
    ("Какую роль играет энергетика?", "lost-revenue"),
    ("Что произошло в декабре 2024?", "flight-8243"),
    # Russian slang: a people for its country, "не поделили" (fell out), "каким боком" (what role)
    ("слыш, че там азеры с рашкой не поделили вообще??", "overview"),
    ("норм, а армяне тут каким боком?", "karabakh"),
    ("а нато туда каким боком", "sphere-of-influence"),
    ("здраствуйте, а кагда вышла эта стотья?", "date"),  # "кагда": a chat spelling of "когда"
    ("Anbarlar Ukraynanın hansı hissəsindədir?", "gas-storage"),  # "hissə" (part) names no thing
    ("Покажите, пожалуйста, абзац, где говорится про Алма-Ату.", "alma-ata"),
    ("movzu deyisim: Putinin 'rus esgerinin ayaq basdigi yer' sozu ne demekdir?", "putin-rule"),
    ("Explain how NATO's Article 5 works.", None),  # "article 5" is a part of some text, not the brief
    ("wich number the flight", "flight-8243"),  # the number of a flight is a label, not a count
    ("How does all this connect to Moscow's finances?", "lost-revenue"),  # finances are revenue
    ("What recent events involving Azerbaijani people inside Russia are mentioned?", "arrests"),  # a people as people
    ("wich pipline carys azeri gas thru the south caucasus", "pipelines"),  # a noun's verb names no other thing
    ("What does the author posit as the fundamental source of the rupture between Baku and Moscow?", "roots"),
    ("which declaration did Armenia refuse to follow?", "alma-ata"),  # following it is abiding by it
    ("people arrested", "arrests"),  # people in general name no one an answer must name
    ("What's the economic angle?", "lost-revenue"),
    ("so basically baku is sick of moscow bossing it around?", "roots"),  # bossed around: a subordinate
    # the author misspelt is still the brief's author, whose view is every answer's
    ("waht does the auther say about russias treatment of its neighbours, should we be suprised?", "first-context"),
    ("привет, чё там у Баку с Москвой случилось? коротко плз", "crisis-depth"),  # "плз": please
    ("Ок, а что автор говорит про НАТО и ЕС?", "sphere-of-influence"),  # what the author says of X: X
    ("Which international actors or arrangements does the Kremlin refuse to tolerate in its neighbourhood?",
     "sphere-of-influence"),
    ("кто написал статю про то что азербайджан отворачивается от москвы?", "author"),  # "статю": a typo of "статью"
    ("Ukrayna Azərbaycana hansı imkanı təklif edib?", "gas-storage"),  # an opportunity names no thing
    ("Alma-Ata Bəyannaməsi nəyi nəzərdə tuturdu?", "alma-ata"),  # "nəzərdə tuturdu": provided for
    ("какую роль тут может сыграть Украина?", "ukraine-deals"),
    ("He claims Russia doesn't tolerate outsiders in its neighbourhood. What exactly does he list?",
     "sphere-of-influence"),
    ("What position does Vasif Huseynov hold?", None),  # ("position" is no "posit")
    ("Which think tank does Vasif Huseynov work for?", None),  # ... "think tank" does
    ("What was the route of Azerbaijan Airline Flight 8243?", None),  # a route the flight's answer never gives
    # the last clause's "its" is the National Interest article's, whose title the brief does not give
    ("Which Taras Kuzio article in The National Interest was it, what was its title?", None),
    ("I'm on deadline, what's the title?", "title"),
    ("Какой был маршрут у самолёта?", None),
    ("what route does azerbaijani gas take to europe", "pipelines"),  # ... the pipelines' answer does
    ("Ukrayna Azerbaycana ne teklif etdi?", "gas-storage"),  # typed without Azerbaijani letters
    ("ermenistan 2020de hansi muharibeni uduzdu", "karabakh"),  # a year with its ending glued on
    # "which X" names X up to the clause's auxiliary: "push" is what they do, not a thing the brief lacks
    ("which pipelines will they push azeri gas through to europe", "pipelines"),
    # a thing named first, then asked of by a pronoun: the question with the thing in place
    ("Oh dear. And the people arrested, where were they?", "arrests"),
    ("The plane, when was it shot down?", "flight-8243"),
    ("So the pipelines, where do they go?", "pipelines"),  # "to Europe": a destination is a place
    ("where did russia shoot down the plane?", None),  # ... which the shoot-down's sentence does not give
    ("TANAP-ın tam adı nədir?", "pipelines"),
    ("men TANAP-in tam adini sorusurdum", "pipelines"),  # "I was asking…": a frame, in Azerbaijani last
    ("Salam, deyin görüm Avropaya enerji verən başqa ölkələr hansılardır?", "energy-suppliers"),  # a frame, no typo
    ("How does the article frame the historical significance of this crisis?", "crisis-depth"),
    ("Thanks! Can you summarise the whole thing in 3 sentences for my essay?", "overview"),
    ("Give me a quotable line from Putin that's in there.", "putin-rule"),
    ("Alma-Ata Bəyannaməsinə hansı ölkələr riayət etməyib?", "alma-ata"),  # "riayət etməyib": a verb, no thing
    ("Böhranı üzə çıxaran hadisələr hansılardır?", "triggers"),  # "üzə çıxaran": brought to the surface
    ("what is the title?", "title"),
    ("Какой заголовок у статьи?", "title"),
    ("Apart from the plane, what else has inflamed tensions lately?", "triggers"),  # "inflamed" is a trigger
])
def test_readers_ways_of_naming_things(bot, question, entry):
    assert bot.ask(question).entry == entry


@pytest.mark.parametrize("question, entry", [
    ("Where in Ukraine is the gas storage?", "gas-storage"),  # "in Western Ukraine" is finer than Ukraine
    ("Где именно находятся газовые хранилища?", "gas-storage"),  # "where exactly", of no place named
])
def test_where_inside_a_place_the_brief_names_more_finely_is_answered(bot, question, entry):
    assert bot.ask(question).entry == entry


def test_a_scene_setting_when_does_not_ask_when(bot):
    from bot.core import _SCENE_SETTING

    assert _SCENE_SETTING.match("when europe stopped buying russian energy, how did azerbaijan help?")
    assert not _SCENE_SETTING.match("when was the plane shot down, and by whom?")
    assert _SCENE_SETTING.match("когда самолёт сбили, что сказал путин?")
    assert not _SCENE_SETTING.match("since when is azerbaijan angry, and why?")  # asks since when
    assert not _SCENE_SETTING.match("Когда Россия сбила самолёт, и где?")  # asks when, and where


@pytest.mark.parametrize("message", ["thanks, and when was it published?", "hi, who wrote the article?"])
def test_small_talk_before_a_question_does_not_hide_it(bot, message):
    assert bot.ask(message).answered


@pytest.mark.parametrize("text, part", [
    ("I'm preparing a briefing for my boss and need to know what happened to the plane last December",
     "what happened to the plane last December"),
    ("Я пишу курсовую, подскажите, почему Москва лишилась доходов?", "почему Москва лишилась доходов?"),
    ("I'm a journalist. In one line: why is Baku angry with Moscow?", "why is Baku angry with Moscow?"),
    ("explain how a gas pipeline compressor works", None),  # asks for an explanation: no lead-in to drop
    # the last sentence that asks, before a remark after it
    ("So my professor mentioned Norway. Which countries are replacing Russian energy for Europe? I need it for an "
     "essay due Friday, cheers.", "Which countries are replacing Russian energy for Europe?"),
])
def test_the_question_after_a_lead_in(text, part):
    from bot.core import question_part

    assert question_part(text) == part


def test_a_question_inside_a_sentence_about_the_reader_is_answered(bot):
    reply = bot.ask("I'm preparing a briefing for my boss and need to know what happened to the Azerbaijani "
                    "passenger plane last December")
    assert reply.answered and reply.entry == "flight-8243"


@pytest.mark.parametrize("question, entry", [
    ("wat does the artcle say about NATO", "sphere-of-influence"),  # a mistyped frame goes as a well-typed one
    ("can u tell me abt the pipelines", "pipelines"),
    ("please explain what the triggers were", "triggers"),  # "please" and "explain" weigh nothing
    ("whats the deal w/ baku and moscow", "roots"),  # "w/" is "with"
    ("wher is the gas storage", "gas-storage"),  # a question word cut short where the question opens
    ("what year did the soviet union collapse according to the piece", "crisis-depth"),
    ("I only skimmed it - could you remind me which events brought the crisis into the open?", "triggers"),
    ("Avropaya qaz verən ölkələr hansılardır?", "energy-suppliers"),  # "verən" (giving) supplies
    ("Какую роль Азербайджан играет в энергоснабжении Европы?", "energy-suppliers"),  # (энерго)снабжение: supply
    ("скока там факторов у этого конфликта, пять что ли?", "contexts"),
    ("What happened in Dec 2024?", "flight-8243"),  # "Dec" is December, no name the brief lacks
    ("Какие газопроводы упоминаються в статье?", "pipelines"),  # "упоминаються" (sic): mentioned
    ("There's a quote about soldiers in there, what is it?", "putin-rule"),  # "what is it?" alone asks nothing
    ("tell me a bit about the pipelines", "pipelines"),
])
def test_a_mistyped_or_polite_frame_is_taken_off(bot, question, entry):
    reply = bot.ask(question)
    assert (reply.kind, reply.entry) == ("answer", entry)


@pytest.mark.parametrize("question", [
    "who does vasif huseynov work for",  # the brief quotes him; whom he works for it does not say
    "На кого работает Гусейнов?",
    "Hüseynov kimin üçün işləyir?",
    "where does the author work?",  # where he works is who he is, not a place the brief names
    "muellif harada isleyir?",
])
def test_whom_someone_works_for_is_not_said(bot, question):
    reply = bot.ask(question)
    assert (reply.kind, reply.answered) == ("not_said", False)


@pytest.mark.parametrize("question, language, unmet", [
    ("how do gas pipelines work?", "en", "mechanism"),  # it names them, not how such things work
    ("как работают газопроводы?", "ru", "mechanism"),
    ("What's Norway's population?", "en", "quantity"),  # the head of "Norway's population"
    ("скока газа азербайджан поставляет в европу в год", "ru", "quantity"),  # "скока" is "сколько"
    ("Какого именно числа в декабре сбили самолёт?", "ru", "day"),
    ("Как отреагировал Алиев на то, что сбили самолёт?", "ru", "reaction"),  # "на то, что…": no question of its own
    # two names capitalised, no function word: no Title Case, and Yekaterinburg is a place the brief never names
    ("What happened to Azerbaijanis in Yekaterinburg?", "en", "detail"),
    # an ordinal names another thing of the same name: the First Karabakh War is not the Second's entry
    ("Who won the First Karabakh War?", "en", "detail"),
    ("Кто победил в первой карабахской войне?", "ru", "detail"),
    ("Tell me a joke about NATO", "en", "detail"),  # "a joke about": a joke, which it has none of
    ("Сколько человек погибло, когда сбили рейс 8243?", "ru", "quantity"),  # "…, когда…": a clause of one question
    ("Rusiyada nə qədər azərbaycanlı həbs edilib?", "az", "quantity"),  # "nə qədər" before people counted
    # what someone wants or plans, which the red lines the Kremlin draws do not say of Azerbaijan
    ("Does Azerbaijan want to join NATO?", "en", "intention"),
    ("Хочет ли Азербайджан вступить в НАТО?", "ru", "intention"),
    ("Azərbaycan NATO-ya qoşulmaq istəyir?", "az", "intention"),
    ("Who shot down a plane in October?", "en", "detail"),  # a month the brief never names
    ("hwo many people were arrested?", "en", "quantity"),  # "hwo" before "many" is "how"
    ("explain how a gas pipeline compressor works", "en", "detail"),  # it names pipelines, not compressors
    # the thing whose name or view is asked must be the answer's: the title names a brief, no president
    ("What is the name of Azerbaijan's president?", "en", "detail"),
    ("What does Azerbaijan's president think about the sphere of influence?", "en", "detail"),
    ("Ermenistan Qarabag muharibesinde nece esger itirib?", "az", "quantity"),  # "nece" before a thing counted
    ("Azərbaycan NATO-ya üzv olmaq istəyirmi?", "az", "intention"),
    ("Azerbaycan Avropa Ittifaqina daxil olmaq isteyir?", "az", "intention"),  # "daxil olmaq": to join
    ("Armenia's relationship with Russia now?", "en", "detail"),  # whose relations: the brief's are Azerbaijan's
    # his employer by another name, which the brief never gives
    ("What organization does Vasif Huseynov work for?", "en", "identity"),
    ("В какой организации работает Васиф Гусейнов?", "ru", "identity"),
    ("Vasif Hüseynov hansı təşkilatda işləyir?", "az", "identity"),
    ("Who is Vasif Huseynov, what organisation does he work for?", "en", "identity"),
    ("Who is Vasif Huseynov exactly?", "en", "identity"),
    ("Will Azerbaijan join NATO?", "en", "intention"),  # what someone will do: a plan
    # whose view, or which office-holder, is asked: someone no text of the knowledge names
    ("Does the brief say what Azerbaijan's president thinks?", "en", "detail"),
    ("Who is the president of Azerbaijan according to the brief?", "en", "detail"),
    ("who is Azerbaijan's president?", "en", "detail"),
    ("Is Azerbaijan going to join NATO?", "en", "intention"),
    # another work's title, which the brief's own title is not
    ("What was the title of Kuzio's article in The National Interest?", "en", "title"),
    ("Why would Russia refuse the Alma-Ata Declaration?", "en", "reason"),
    ("Какую роль сыграли российские миротворцы в Карабахе?", "ru", "detail"),  # whose role: peacekeepers
    # why unnamed people are doing something: an event's cause, which the brief does not give
    ("почему в России арестовывают азербайджанцев?", "ru", "reason"),
    ("bes rusiyada azerbaycanlilari niye hebs edirler?", "az", "reason"),
    # a response, which the brief reports of no one
    ("How did the Kremlin react to Baku's demand to be treated as an equal?", "en", "reaction"),
    ("How did Baku respond to the arrests?", "en", "reaction"),
    ("Как отреагировал Кремль на возмущение Баку?", "ru", "reaction"),
    # an outcome foretold, which the brief never does
    ("Will Russia lose the war in Ukraine?", "en", "future"),
    ("Чем всё это закончится?", "ru", "future"),
    ("Does the brief think Russia will lose the war in Ukraine?", "en", "future"),
    # a price, which a count ("five contexts") is not
    ("сколько стоит транзит через Украину?", "ru", "price"),
    ("how much does transit through Ukraine cost?", "en", "price"),
    ("Qazın qiyməti nə qədərdir?", "az", "price"),
])
def test_what_the_brief_does_not_give_is_not_said(bot, question, language, unmet):
    reply = bot.ask(question)
    assert (reply.kind, reply.language) == ("not_said", language)
    assert reply.answer.startswith(say(f"not_said.{unmet}", language))


@pytest.mark.parametrize("question, entry", [
    ("how did baku and kyiv work together?", "ukraine-deals"),  # "how … work" of the brief's own things, not a kind
    ("how does the ukraine deal work", "ukraine-deals"),
    ("Ukrayna ilə razılaşma necə işləyir?", "ukraine-deals"),
    ("what pipelines connect azerbaijan and europe", "pipelines"),  # "what N V…": the noun, not its verb
    ("what storage facilities hold gas in ukraine", "gas-storage"),
    ("Хочу узнать о том, когда была опубликована статья", "date"),  # "о том, когда…" asks when
    ("what year did the soviet union collapse according to the piece", "crisis-depth"),
    ("В каком издании Кузьо писал про Алма-Атинскую декларацию?", "national-interest"),  # where it was published
    ("In which outlet did the author write about the Alma-Ata Declaration?", "national-interest"),
    ("привет, кто автор?", "author"),  # a greeting before a question
    ("Could you summarise the first context the author sets out?", "first-context"),
    ("how bad does the author think the crisis is?", "crisis-depth"),  # the author's view is every answer's
    ("What happened in Dec 2024?", "flight-8243"),  # "Dec" is December, which the brief names
    ("Məqalə neçənci ildə dərc olunub?", "date"),  # "neçənci" (which, of an order) asks a year, not a count
    # every content word explained: the function words it asks with do not sink it
    ("which things won't the kremlin tolerate?", "sphere-of-influence"),
    ("what's the brief basically about?", "overview"),
    ("Which nations took over as energy suppliers for Europe?", "energy-suppliers"),  # nations, took over
    ("is azerbaijan willing to tolerate russia's arrogance?", "huseynov"),  # "no longer willing": an intention stated
    ("Bakı Moskvadan nə istəyir?", "roots"),  # what Baku wants: a question of what, answered
    ("где находятся газовые хранилища украины о которых идет речь", "gas-storage"),  # "о которых идёт речь"
    ("Gas Storage Details", "gas-storage"),  # every word capitalised: Title Case, no names
    ("Sorry to bother you, what is the brief about?", "overview"),  # a clause of the brief's own words asks
    ("Как студент, хочу спросить, кто автор статьи?", "author"),  # "как" there opens no clause of a question
    ("Я прочитал статью, где говорится о газе, какие трубопроводы упоминаются?", "pipelines"),
    ("What publication date does the brief have?", "date"),  # a publication's date is a date, not a place
    ("how does the second context differ from the first context?", "first-context"),  # both ordinals named
    ("tell me a fact about the pipelines", "pipelines"),  # a fact is what is asked for, not a thing asked about
    ("can you give me an explanation of the first context", "first-context"),
    ("Azərbaycan necə Rusiyadan uzaqlaşır?", "roots"),  # "necə" (how) before a verb: no count
    ("What are bilateral relations with Russia like?", "crisis-depth"),  # whose relations: no name, Azerbaijan's
    ("What, apart from the downing, made things worse?", "triggers"),  # the thing set aside is no article
])
def test_questions_near_the_new_rules_are_still_answered(bot, question, entry):
    reply = bot.ask(question)
    assert (reply.kind, reply.entry) == ("answer", entry)


@pytest.mark.parametrize("question, whole", [
    ("give me a short summary of the whole brief", True),
    ("summarize the article", True),
    ("What is the main argument of this brief in one or two sentences?", True),
    ("кратко о чём статья?", True),
    ("Məqalənin qısa xülasəsi", True),
    ("how bad is the crisis?", False),  # a part of the brief: that part's summary
])
def test_a_question_about_the_whole_brief_is_answered_with_its_whole_summary(bot, question, whole):
    reply = bot.ask(question)
    brief = bot.knowledge.briefs[0]
    summaries = {brief.summary} | {brief.translation(lang).summary for lang in ("ru", "az")}
    assert reply.answered and (reply.answer in summaries) == whole


@pytest.mark.parametrize("question, kind", [
    ("What was the route of Flight 8243, where was it flying to?", "not_said"),  # the brief names no destination
    ("Tell me about the Alma-Ata Declaration, when was it signed?", "answer"),  # December 1991
    ("What was the route of Flight 8243, where was it flying to", "not_said"),  # no question mark: asked by its order
])
def test_a_question_clause_after_a_comma_says_what_is_asked(bot, question, kind):
    assert bot.ask(question).kind == kind


@pytest.mark.parametrize("question, entry", [
    ("other than putin, who does the author quote?", "huseynov"),  # the entry the lead names is set aside
    ("azerbaycandan basqa avropaya enerji veren olkeler hansilardir", "energy-suppliers"),  # Norway and the US
    ("avropaya enerji veren olkeler hansilardir azerbaycandan basqa", "energy-suppliers"),  # the lead at the end
    ("besides norway and the us, who supplies europe?", "energy-suppliers"),  # nothing else answers: read whole
])
def test_a_lead_that_sets_something_aside(bot, question, entry):
    reply = bot.ask(question)
    assert reply.answered and reply.entry == entry


@pytest.mark.parametrize("question", [
    "did the ruble collapse?",  # a bare "collapse" is no dissolution of the USSR
    "what does the brief say about the fall of Assad?",
    "who is fighting in Ukraine?",
    "my card is lost and i need to know how to report it",  # the lead-in names what it is about: not the brief
])
def test_words_of_the_lexicon_or_a_lead_in_make_no_off_topic_question_answerable(bot, question):
    assert not bot.ask(question).answered


def test_a_request_for_the_source_is_no_place_question(bot):
    reply = bot.ask("The brief quotes Putin, where is that in the text?")
    assert reply.answered and reply.entry == "putin-rule"


@pytest.mark.parametrize("message", ["Пока что Россия молчит?", "ok, but why did the crisis start?"])
def test_a_question_that_opens_with_a_small_talk_word_is_no_small_talk(bot, message):
    assert bot.analyzer.query(message).small_talk is None


def test_the_last_sentence_has_its_own_lead_in(bot):
    """Sentences about the reader, then "Leaving the plane aside, what has been happening to …?": the clause."""
    from bot.core import question_part

    text = ("I've been reading a lot about the South Caucasus lately, and I keep seeing references to a plane "
            "incident. Leaving the plane aside, what has been happening to Azerbaijanis in Russia according to this "
            "piece?")
    assert question_part(text) == "what has been happening to Azerbaijanis in Russia according to this piece?"
    assert bot.ask(text).entry == "arrests"


@pytest.mark.parametrize("question", ["Как дела у Азербайджана с Россией?", "Как дела сейчас у Азербайджана с Россией?",
                                      "А как ты понимаешь первый контекст?"])
def test_how_things_stand_between_two_countries_is_no_small_talk(bot, question):
    assert bot.decide(question, None, "ru").outcome != "small_talk"


@pytest.mark.parametrize("language", ["en", "ru", "az"])
def test_a_single_suggestion_is_offered_as_one(bot, language):
    from dataclasses import replace

    from bot.i18n import say

    many = bot.decide("russia", None, "en")
    assert many.outcome == "suggest" and len(many.candidates) > 1
    assert bot.compose("russia", many, language).answer == say("suggest", language)
    one = replace(many, candidates=many.candidates[:1])
    assert bot.compose("russia", one, language).answer == say("suggest.one", language)


def _tiny_bot_asked(write_kb, phrasings: str, instead: str) -> BriefBot:
    """The tiny brief with one entry's phrasings replaced."""
    text = TINY_BRIEF.replace(phrasings, instead)
    assert text != TINY_BRIEF
    return BriefBot(load_knowledge(write_kb({"tiny.yaml": text})))


def test_a_knowledge_whose_phrasings_ask_how_things_work_answers_that(write_kb):
    bot = _tiny_bot_asked(write_kb,
                          'questions: ["Where do apples grow?", apple trees, what grows on trees, apples location]',
                          'questions: ["How do apple trees work?", how do orchards work, "how do apples grow?", '
                          'how do fruit trees work]')
    assert bot.ask("how do apple trees work?").entry == "apples"
    assert "mechanism" in bot.fact_kinds("tiny", "apples")


@pytest.mark.parametrize("question", [
    "do you agree?",  # one word the brief uses is no question about it; "you" asks of the bot
    "who else got shot down?",  # "else" asks for another than the brief's
    "what will the budget do?",  # the future
    "are you at war?",
    "neçənci?",  # "neçənci" alone asks a rank, not a date
])
def test_function_words_that_change_the_question_still_count(bot, question):
    assert not bot.ask(question).answered


@pytest.mark.parametrize("question, entry", [
    ("where does ukraine's gas storage work?", "gas-storage"),  # a thing, not a person: no workplace
])
def test_a_workplace_is_asked_of_a_person(bot, question, entry):
    assert bot.ask(question).entry == entry


def test_long_texts_are_folded_without_being_remembered():
    from bot.matching.text import FOLD_CACHE_CHARS, _fold_remembered, clear_fold_cache, fold

    clear_fold_cache()
    fold("x" * (FOLD_CACHE_CHARS + 1))
    assert _fold_remembered.cache_info().currsize == 0
    assert fold("Short Text") == "short text" and _fold_remembered.cache_info().currsize == 1


def test_a_knowledge_whose_phrasings_ask_what_someone_wants_answers_that(write_kb):
    bot = _tiny_bot_asked(write_kb,
                          'questions: ["When do pears ripen?", pear season, ripening pears, when are pears ready]',
                          'questions: ["Do pears want to ripen?", does the pear want to ripen, "do pears plan to '
                          'ripen?", does a pear intend to ripen]')
    assert "intention" in bot.fact_kinds("tiny", "pears")


def test_azerbaijani_words_near_english_names_are_still_azerbaijani(bot):
    """"avropaya", "enerji", "norveç" are not misspellt names ("Europe", "energy", "Norway") of the English text."""
    reply = bot.ask("Norveç Avropaya enerji verir?")
    assert (reply.language, reply.kind, reply.entry) == ("az", "answer", "energy-suppliers")


@pytest.mark.parametrize("question, says", [
    ("Which paragraph talks about the Alma-Ata Declaration?", "Paragraph 5 of the brief"),
    ("в каком абзаце говорится про трубопроводы?", "Абзац 7 статьи"),
])
def test_the_paragraph_a_question_asks_for_is_its_answer(bot, question, says):
    reply = bot.ask(question)
    assert reply.answered and reply.answer.startswith(says)


@pytest.mark.parametrize("question", [
    "is kuzio right?", "lol ok. is kuzio right tho?", "do you agree with the author?", "Прав ли автор?",
    "Это правда?", "Müəllif haqlıdır?", "по-вашему, кто прав?",
])
def test_whether_the_brief_is_right_is_not_the_bots_to_judge(bot, question):
    reply = bot.ask(question)
    assert not reply.answered and reply.answer == say("small_talk.judgement", reply.language)


@pytest.mark.parametrize("message, paragraph", [
    ("show me the first paragraph", 1),  # its place in the text: not the first context (paragraph 3)
    ("quote paragraph 3", 3),
    ("what's in the 2nd paragraph?", 2),
    ("процитируй первый абзац", 1),
    ("ikinci abzası göstər", 2),
    ("show me the last paragraph", 7),
])
def test_a_paragraph_asked_for_by_its_number_is_shown_whole(bot, message, paragraph):
    reply = bot.ask(message)
    assert reply.answered and reply.source.paragraph == paragraph
    assert bot.knowledge.briefs[0].paragraph(paragraph).text in reply.answer


@pytest.mark.parametrize("message", ["show me paragraph 99", "which paragraph is it in?"])
def test_a_paragraph_number_the_brief_lacks_or_a_question_of_which_is_no_paragraph_shown(bot, message):
    assert "Paragraph" not in bot.ask(message).answer


@pytest.mark.parametrize("question", [
    "Who is Vasif Huseynov and where does he work?",  # neither said: never the quote as if it answered
    "how long is the TANAP pipeline and who owns it",  # the pipelines' sentence names no owner
])
def test_two_questions_the_brief_answers_neither_of_are_not_answered(bot, question):
    reply = bot.ask(question)
    assert reply.kind == "not_said" and not reply.answered


def test_is_it_true_that_asks_what_the_brief_says(bot):
    assert bot.ask("is it true that Russia shot down the plane?").entry == "flight-8243"


@pytest.mark.parametrize("question, first, second", [
    ("who wrote it and when?", "author", "date"),  # a second question of no words of its own: of the byline's
    ("Кто автор и когда она вышла?", "author", "date"),
    ("Kim yazıb və nə vaxt?", "author", "date"),
    ("what did Putin say and what did Huseynov write?", "putin-rule", "huseynov"),
    ("who shot down the plane and when?", "flight-8243", None),  # one entry answers both
    ("where is the Ukrainian gas storage and when was it built", "gas-storage", None),  # "it": of the first's
    ("Who wrote it? When?", "author", "date"),  # two sentences
    ("Quick one, I'm on deadline: who wrote this piece and when was it published?", "author", "date"),  # a lead-in
    # a pronoun of the first one's subject ("её": Russia) in a question another entry answers
    ("почему у россии просели доходы бюджета и кто заменил её на европейском рынке", "lost-revenue",
     "energy-suppliers"),
    ("Какие газопроводы упоминаются и какую роль тут может сыграть Украина?", "pipelines", "ukraine-deals"),
    ("salam, bu yazini kim yazib ve ne vaxt?", "author", "date"),  # Azerbaijani puts its question word later
    ("Müəllif kimdir və məqalə nə vaxt dərc olunub?", "author", "date"),
    ("What does Baku insist on? And who is Azerbaijan's president?", "roots", "not_said"),  # the second not said
    ("who wrote it and when was it published?", "author", "date"),  # ... of the byline's: the brief
    # a bare "why?" asks nothing alone: the first answer says why ("following its full-scale invasion of Ukraine")
    ("What did Europe stop buying from Russia and why?", "lost-revenue", None),
    # a first question the brief does not answer: the answer of the second leads, the first is said to be unanswered
    ("Who is Vasif Huseynov and what did he write?", "huseynov", "not_said"),
    ("Vasif Huseynov kimdir ve ne deyib?", "huseynov", "not_said"),  # (pro-drop: "what did he say")
    ("Vasif Hüseynov kimdir və nə yazıb?", "huseynov", "not_said"),  # ... "what did he write": his words
    ("Кто такой Гусейнов и что написал?", "huseynov", "not_said"),
    # a second question of the first's subject that the brief does not answer: the first's answer, then "not said"
    ("What did Putin say and when?", "putin-rule", "not_said"),
    # a second question that opens with its preposition; one that names only the kind of fact, of the first's subject
    ("who stepped in to supply Europe, and through which pipelines?", "energy-suppliers", "pipelines"),
    ("how many agreements did Kyiv and Baku sign, and on what date?", None, "not_said"),
    # one answer says both: given once
    ("Какая декларация упоминается и когда она была принята?", "alma-ata", None),
    ("What declaration is mentioned and when was it signed?", "alma-ata", None),
    ("Putin nə deyib və bunu nə vaxt deyib?", "putin-rule", "not_said"),
    ("How many died and who shot the plane?", "flight-8243", "not_said"),
    ("Rusiya hansı təyyarəni vurub və nə vaxt?", "flight-8243", None),  # "nə vaxt" (when) names nothing: its date
])
def test_two_questions_in_one_message_get_both_answers(bot, question, first, second):
    reply = bot.ask(question)
    assert (reply.entry, [a.entry or a.kind for a in reply.also]) == (first, [second] if second else [])
    assert all(a.answer in reply.to_json()["answer"] for a in reply.also)


@pytest.mark.parametrize("question, entry", [
    ("кто такой Тарас Кузьо?", "author"),  # the author's name in the translation's script names the author
    ("Taras Kuzio kimdir?", "author"),
    ("slm bu meqale neden bahsedir", "overview"),  # a greeting as typed on a phone, and "bəhs edir" in Turkish spelling
])
def test_readers_own_spellings(bot, question, entry):
    assert bot.ask(question).entry == entry


@pytest.mark.parametrize("question", ["Where in the article does it talk about Norway?",
                                      "В каком месте статьи говорится о Норвегии?",
                                      "Məqalənin harasında Norveçdən danışılır?"])
def test_where_in_the_text_a_thing_is_is_the_entry_about_it(bot, question):
    assert bot.ask(question).entry == "energy-suppliers"  # (not the overview, nor "the brief does not say where")


@pytest.mark.parametrize("question", ["Процитируйте точные слова Гусейнова.", "Hüseynovun dəqiq sözlərini ver",
                                      "quote Huseynov's exact words"])
def test_a_request_for_someones_exact_words_is_theirs(bot, question):
    assert bot.ask(question).entry == "huseynov"


def test_an_unanswered_question_beside_an_answer_offers_nothing_already_answered(bot):
    reply = bot.ask("Who is Vasif Huseynov and what did he write?")
    assert reply.entry == "huseynov" and reply.also[0].answer == "The brief does not say who that is."
    assert not reply.also[0].suggestions


@pytest.mark.parametrize("message, entry", [
    ("I keep hearing that Azerbaijan is drifting away from Russia. Does this piece explain why?", "roots"),
    ("Говорят, что Азербайджан отдаляется от России. Почему?", "roots"),
    ("Europe stopped buying Russian gas. Why is that?", "lost-revenue"),
    ("The weather is nice today. Why?", None),  # (a statement the brief does not speak of)
    ("The crisis is called unprecedented. Since when?", "crisis-depth"),
    ("Europe didn't completely stop buying Russian energy though. What exactly does the brief claim?",
     "lost-revenue"),  # what the brief says of the statement
])
def test_a_statement_then_why_asks_why_it_is_so(bot, message, entry):
    assert bot.ask(message).entry == entry
