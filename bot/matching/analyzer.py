"""Turn text into weighted match terms: folding, aliases, typo repair, stop words, stems."""

from __future__ import annotations

import contextlib
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from bot.knowledge.models import Knowledge
from bot.matching.lexicon import CHAT_SPELLINGS, LEXICON, LEXICON_RU_AZ, MONTH_ABBREVIATIONS
from bot.matching.patterns import lazy_regex
from bot.matching.stemming import stem_word
from bot.matching.text import (
    ENGLISH_STOP_WORDS,
    QUESTION_WORDS,
    SOFT_STOP_WORDS,
    STOP_WORDS,
    clear_fold_cache,
    fold,
    stem,
    strip_fillers,
)

MAX_WORDS = 200  # words of a question that are analysed; the longest real questions have about 60
MAX_FOLDED_CHARS = 2000  # characters of a question that are analysed (twice the longest message we accept)
SHORT_WORD = 5  # up to this length, a word with one letter more than a knowledge word is a word of its own
_DOUBLED = lazy_regex(r"(\w)\1")  # "thhe", "artticle": the slip that adds a letter to a short word
MIN_REPAIR_LETTERS = 5  # shorter words are too often real words of their own to be snapped to a knowledge word
CORRECTION_CACHE = 50_000  # distinct unknown words whose repair is remembered (least recently used go first)
ANALYSIS_CACHE = 256  # questions whose analysis is remembered: those being answered now, read several times each

# Question types, on folded text, in English, Russian and Azerbaijani (folded: "nə qədər" -> "ne qeder").
_QUANTITY = lazy_regex(
    r"\bhow (many|much|big|large|long|far|often|old|tall|high|heavy|wide|rich|fast)\b"
    r"|\b(whats|what|which) (the )?(percentage|percent|share|proportion|number|amount|volume|figure|price|value)\b"
    r"|\b(number|amount|volume|value|cost|price) of\b|\bhow many\b|\bbcm\b|\b(billion|million)s?\b"
    # "nece" typed without its letters is "neçə" (how many) or "necə" (how): before a thing that is counted, a count
    r"|\bсколько\b|\bnece (nefer|adam|insan|dene|milyon|milyard|faiz|il|gun|ay|defe|olu|olen|ton|kub|sexs)\b"
    r"|\bnece (esger|olke|dovlet|hefte|sernisin|qurban|yarali|kontekst|sebeb|boru|kemer|sazis|razilasma"
    r"|muqavile|anbar|vetendas|miqrant|azerbaycanli)\w*\b"
    # "nə qədər" asks for a figure at the end ("əhalisi nə qədərdir?") or before a counted thing; before an
    # adjective it asks how much so ("nə qədər pisdir?": how bad), which is not a figure
    r"|\bne qeder\w*$|\bne qeder (pul|nefer|adam|insan|dene|milyon|milyard|faiz|qaz|neft|ton|kub|vaxt|il"
    r"|vetendas|sexs|miqrant|azerbaycanli|rus)\w*\b"  # (people counted: "nə qədər azərbaycanlı həbs edilib?")
    # ... and before a measurable adjective, as "how long" does: "TANAP nə qədər uzundur?", "насколько длинный?"
    # (length, height, width, distance and age: "how deep" and "how grave" a crisis is are no figure)
    r"|\bne qeder (uzun|hundur|genis|uzaq|yasli)\w*|\bнасколько (длинн|высок|широк|далек|далёк|стар)\w*"
)
_DATE = lazy_regex(r"\b(what|which|in what) (year|date|month|day)\b|\bdate of\b"
                   r"|\b(в )?(каком|какого|какой) (году|года|год|числа|месяце)\b|\bкакая дата\b|\bhansi (il|tarix|ay)"
                   r"|\bnecenci (il|ay)")  # "neçənci ildə…?": in which year
SmallTalk = Literal["greeting", "thanks", "bye", "ack", "judgement"]  # judgement: "is he right?", which the bot
# does not judge
COUNTED_WORDS = 3  # content words after "how many" that may name what is counted ("how many different contexts")
MIN_NAME_LETTERS = 3  # a shorter word ("us", "eu" aside, which are aliases) names nothing of its own
SMALL_TALK_WORDS = 6  # words after "thanks" that keep it small talk ("thank you very much, you are kind")
SMALL_TALK_QUESTION_WORDS = 2  # a question mark after more words than this asks something ("ok thanks?" does not)
_SMALL_TALK_QUESTION_WORDS = QUESTION_WORDS | {"haradan", "neden", "че", "чо", "шо", "кроме", "besides"}  # a question
# however it starts ("ok, and why?", "ок, а ещё чё было кроме самолёта")

# English "when" asks at the head of a question ("i broke my card when i bent my wallet" asks nothing of time);
# Russian and Azerbaijani put it anywhere.
_TIME = lazy_regex(r"^((and|so|but|ok|okay|then|also|just|exactly|roughly) )*(when|whens)\b"
                   r"|\b(since|until|till|by) when\b|\bwhat time\b|\bhow long ago\b"
                   r"|\bкогда\b|\bс каких пор\b|\bс какого (момента|времени)\b|\bne vaxt\b|\bne zaman\b|\bneceden\b")
# Small talk, in each language (folded): a message made of one of these and a few words more.
_GREETING = (r"hi|hello|hey|hiya|howdy|yo|greetings|good (morning|afternoon|evening|day)|привет|приветствую"
             r"|здравствуй(те)?|добр(ый|ое|ого) (день|вечер|утро|дня|вечера|утра)|salam( (eleykum|aleykum))?"
             r"|sabahiniz xeyir|gunortaniz xeyir|axsaminiz xeyir|gunaydin|slm|salamlar")
_THANKS = (r"thanks?|thank (you|u)|thx|thanx|thnx|ty|cheers|much appreciated|appreciate (it|that)|спасибо|спс|благодарю"
           r"|пасиба|пасибо|спасибки|спасиб|сенкс"
           r"|tesekkur(ler| edirem)?|(cox )?sag ?ol(un)?|minnetdaram|tsk|tsk(ler)? (edirem|ederem)|cox sag ol")
_BYE = (r"bye|goodbye|see (you|ya)|good night|peace|later|cya|that( s| is)? all( for now)?|thats all( for now)?"
        r"|i m done|im done|пока|до свидания|до встречи|всего доброго|это вс[её]|helelik|gorusenedek|sag qal(in)?")
_ACK = (r"ok|okay|k|cool|great|nice|awesome|perfect|got it|i see|understood|ок|понятно|ясно|хорошо|ладно|круто|класс"
        r"|отлично|супер|oldu|aydindir|anladim|yaxsi|ela|super")
# What a reader says of an answer, after thanks or an acknowledgement ("thanks, that's really helpful!", "спасибо,
# очень полезно", "sağ ol, faydalı idi"): appraisal, no question (folded)
_APPRAISAL = (r"(?:(?:that s|thats|that is|that was|that|it s|its|it is|it was|it|this is|this|very|really|so|super"
              r"|most|очень|было|cox) )*(?:helpful|useful|interesting|informative|insightful|clear|helps|helped"
              r"|makes sense|good to know|полезно|интересно|познавательно|помогло|помогли|доходчиво|faydali|maraqli"
              r"|komek etdi(?:n|niz)?)")
_SMALL_TALK_LEAD = (r"ok|okay|oh|well|great|alright|aight|fine|good|cool|right|and|many|ну|и|а|ещ[её] раз|большое"
                    r"|ладно|лан"
                    r"|cox|yaxsi")
_SMALL_TALK = lazy_regex(rf"^(({_SMALL_TALK_LEAD}) )*({_GREETING}|{_THANKS}|{_BYE}|{_ACK}|{_APPRAISAL})\b"
                         rf"(\s+\S+){{0,{SMALL_TALK_WORDS}}}$")
_CHAT = lazy_regex(rf"(?<!\S)({_SMALL_TALK_LEAD}|{_GREETING}|{_THANKS}|{_BYE}|{_ACK}|{_APPRAISAL}|a lot|so much"
                   rf"|very much)(?!\S)")
_SMALL_TALK_KINDS: tuple[tuple[SmallTalk, re.Pattern], ...] = tuple(
    (kind, lazy_regex(rf"(^|\s)({words})(\s|$)")) for kind, words in
    (("thanks", _THANKS), ("bye", _BYE), ("greeting", _GREETING), ("ack", f"{_ACK}|{_APPRAISAL}")))


# Whether the brief is right, asked of the bot (folded): "is kuzio right tho?", "do you agree?", "Прав ли автор?",
# "Müəllif haqlıdır?". Not "is it true that Russia shot down the plane?", which asks what the brief says.
_JUDGEMENT = lazy_regex(
    r"^((and|so|but|ok|okay|well|lol|lol ok|hmm|but like) )*(is|was|are) (he|she|kuzio|the author|that|this|it|they"
    r"|the (brief|article|piece|analysis|argument|author s argument|claim|thesis)|his (argument|analysis|view|claim"
    r"|thesis)) (really |even |actually |just )?(right|correct|true|accurate|wrong|biased|fair|credible|reliable|legit"
    r"|objective|trustworthy|propaganda)( (tho|though|or not|then|really))?$"
    r"|\bdo (you|u) (agree|believe (him|it|this|that)|buy (it|this|that))\b|\bwhat do (you|u) think (of|about) (it|this"
    r"|that|him|the (brief|article|author|argument))\b|\byour (opinion|view|take) on\b"
    r"|\bправ(а)? ли (автор|он|кузьо)\b|^(а )?(автор|он|кузьо) прав$|^(а )?это (правда|верно)$|\bсоглас(ен|на|ны) ли\b"
    r"|\b(ты|вы) соглас(ен|на|ны)\b|\bчто (ты|вы) (об этом )?думае(шь|те)\b|\b(ваше|твое) мнение\b"
    r"|\b(muellif|o|kuzio) haqlidir(mi)?$|^(bu|o) dogrudur(mu)?$|\brazisan(mi)?\b|\brazisiniz(mi)?\b"
    r"|\b(sen|siz) ne dusunursun(uz)?\b|\bfikrin(iz)? nedir\b"
    # the bot's own view asked, and nothing else: "in your opinion?", "по-вашему, кто прав?"
    r"|^(in your (opinion|view)|по (твоему|вашему)|sizce|sence)( who is right| кто прав| kim haqlidir)?$")


def chat_only(folded: str) -> bool:
    """Whether a message is nothing but small talk: greetings, thanks, goodbyes and acknowledgements, and function
    words ("ok thanks", "thank you so much", "спасибо большое"). Typo repair may make a word of the knowledge of one
    ("thanks" is one letter from "think"); the message still asks nothing."""
    rest = _CHAT.sub(" ", folded)  # the phrases first: "thank you", "see you", "спасибо большое"
    return rest != folded and all(w in STOP_WORDS for w in rest.split())


def small_talk(folded: str, question: bool = False) -> SmallTalk | None:
    """The kind of small talk a message is ("thanks!", "спасибо, всё понятно", "sağ ol", "hi"), or None.

    `question`: the message ends with "?". A question word, or a question of more than two words, is a question
    however it starts ("ок, а почему?", "Пока что Россия молчит?" - "пока" is "bye" and "so far")."""
    words = folded.split()
    if not _SMALL_TALK.search(folded) or not _SMALL_TALK_QUESTION_WORDS.isdisjoint(words):
        return None
    if question and len(words) > SMALL_TALK_QUESTION_WORDS:
        return None
    return next((kind for kind, pattern in _SMALL_TALK_KINDS if pattern.search(folded)), "greeting")


# Questions to the bot itself, never about a brief however well their words match one ("what's your name?").
_ABOUT_BOT = lazy_regex(
    r"\bhow s it going\b|\bhow it going\b|\bhow is it going\b|\bhow are things\b|\bhow you doing\b"
    r"|\b(your name|who are you|what are you( exactly| really)?$|how are you|are you (a )?(bot|human|real|ai|robot)"
    r"|who (made|built|created|programmed) you|как тебя зовут|ты кто|кто ты|ты бот|adin nedir|sen kimsen)\b"
    # "how are you" in Russian and Azerbaijani only as the whole message, after a greeting at most: "как ты
    # понимаешь…?" and "как дела сейчас у Азербайджана с Россией?" are questions
    r"|^((привет|здравствуй\w*|салам|salam|hi|hello|hey) )?(как (ты|дела)( у тебя)?|necesen|nece sen|ne var ne yox)$"
)
# A figure is a number or a number word ("several" and "many" are not figures; "the two countries" names them).
_NUMBER_WORDS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|millions?|billions?|half"
)
# A number after a word that makes it a label ("flight 8243", "resolution 242") names something; it counts nothing.
_LABELS_OF_PARTS = frozenset("article articles section chapter clause paragraph page part статья статьи пункт"
                              " глава maddə madde bend".split())  # a word a number after names a part of a text
_LABEL_WORDS = "flight|route|number|no|resolution|article|chapter|section|page|room|line|bus|road|highway|platform|gate"
_LABELS = "".join(rf"(?<!\b{w} )" for w in _LABEL_WORDS.split("|"))  # one fixed-width look-behind per label word
_FRACTIONS = r"\ban? (quarter|third|fifth|tenth|half|dozen)\b|\bper ?cent\b|\bpercent\w*|%"  # "about a fifth"
_ANAPHORIC = r"(?<!\bthe )(?<!\bthese )(?<!\bthose )"  # "the two countries" names them, it counts nothing
# Words between "how many" and what it counts that say where or how exactly ("сколько *там* погибло", "how many *in
# total* died"): passed over (folded)
_COUNT_ADVERBS = frozenset("there total roughly approximately там тут всего примерно приблизительно же еще "
                           "orada burada texminen cemi".split())
_PARTICIPLE = lazy_regex(r"..(ed|ing)$")  # folded English
# whose role is asked (folded): "what role did Russian peacekeepers play…?", "какую роль сыграли российские
# миротворцы…?"
_ROLE_OF = lazy_regex(r"\b(what|which) (role|part) (did|does|do|could|can|will|would|might) (the )?"
                      r"(?P<x>(\w+ ){0,2}?\w+) play\b"
                      r"|\bкакую роль (\w+ )?(сыграли|сыграл|сыграла|играют|играет|играли|играл|играла|сыграют"
                      r"|сыграет|может сыграть|могут сыграть) (?P<x_ru>\w+( \w+)?)")
# whose view a question asks: "what does azerbaijan's president think about it?" (up to three words: a holder, not a
# clause)
_VIEW_OF = lazy_regex(r"\bwhat (does|do|did) (?P<x>(\w+ ){0,2}\w+) (think|believe|feel|reckon|make of|say about"
                      r"|say of|say on)\b|\bwhat (?P<x2>(\w+ ){0,2}\w+) (thinks|believes|feels|thought|believed)\b")
# whose relations a question asks: "Armenia's relationship with Russia now?" (not Azerbaijan's)
_RELATIONS_OF = lazy_regex(r"\b(?P<x>\w+) (relationship|relations|ties|dealings) (with|to)\b")
# "who is the president of Azerbaijan?", "who is Azerbaijan's president?" (folded: "azerbaijan s president")
_HOLDER_OF = lazy_regex(r"\bwho (is|was|are|were) (the )?(current |present |then )?(?P<x>\w+) of\b"
                        r"|\bwho (is|was|are|were) (the )?\w+( s)? (current |present |then )?(?P<y>\w+)$"
                        # "кто (сейчас) президент Азербайджана?": an office, then whose (folded)
                        r"|\bкто (сейчас |теперь |тогда |был |была |является )*(?P<z>\w+) \w{3,}(а|я|ы|и)$")
_NAME_OF = lazy_regex(r"\bnames? of (the |this |that |a |an |his |her |its |their )?(?P<x>.+)")  # folded
_COUNTING = lazy_regex(r"\bhow (many|much)\b|\bсколько\b|\bnece\b")  # the words after which a count names its thing
_HAS_QUANTITY = lazy_regex(rf"{_ANAPHORIC}\b({_NUMBER_WORDS})\b|{_LABELS}\b(?!(19|20)\d\d\b)\d[\d,.]*\b|{_FRACTIONS}")
_IDENTIFIER = lazy_regex(rf"\b({_LABEL_WORDS}) number\b|\bnumber (of )?(the )?({_LABEL_WORDS})\b|\bномер\w*\b"
                         r"|\bnomre\w*\b")  # ("wich number the flight": a label too)
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_AZ_HOW_MANY = lazy_regex(r"neçə(?!nci\w* kontekst)")  # (as typed, with its letters)
_HAS_DATE = lazy_regex(rf"\b(19|20)\d\d\b|\b({MONTHS})\b")
_HAS_TIME = lazy_regex(r"\b(era|during|since|ago)\b")
# "Why did it happen?" wants the cause of an event: the brief says what happened, and often not why (why Russia shot
# down the plane, why Azerbaijanis were arrested). "Why does Russia treat its neighbours so?" asks for an explanation,
# which an analysis gives throughout, in no fixed words: it is not checked. English asks it at the head of a
# question, with a past auxiliary ("why did", "why were", "what was the reason"); Russian and Azerbaijani anywhere,
# with a past verb ("а почему сбили?", "Ermənistanın iddiaları niyə bitdi?").
_PAST_VERB = r"\w{3,}(?:л|ла|ло|ли|лся|лась|лось|лись)\b"  # Russian past: сбили, отказалась (not "если", "роли")
_PAST_VERB_AZ = r"\w{3,}(?:di|du|ib|ub|ibdir|ubdur|mis|mus|misdir|musdur)\b"  # bitdi, qaldı, vurub (not "indi")
_LEAD_IN = r"^((and|so|but|ok|okay|then|also|just) )*"  # "so why did…", "and how come…": the question's head
# "how do gas pipelines work?" (folded): how things of a kind work, in general (see Analyzer.asks_how_it_works)
_MECHANISM = lazy_regex(r"^(?:(?:and|so|but|ok|then|also|just) )*how (?:does|do|did|would|can|could)"
                        r" (?P<en>(?:\w+ ){0,4}\w+) (?:work|function|operate)$"
                        r"|^(?:(?:and|so|but) )*how (?P<en2>(?:\w+ ){0,3}\w+) (?:works|functions|operates)$"
                        r"|^(?:а |и )?как (?:работает|работают|устроен|устроена|устроены|функционирует|функционируют)"
                        r" (?P<ru>(?:\w+ ){0,3}\w+)$"
                        r"|^(?P<az>(?:\w+ ){0,3}\w+) nece (?:isleyir|isleyirler|fealiyyet gosterir)$")
_REASON = lazy_regex(rf"{_LEAD_IN}(why|whys) (did|was|were|had|didnt|wasnt|werent|would)\b"
                     rf"|{_LEAD_IN}how come \w+( \w+)? \w+ed\b"
                     rf"|{_LEAD_IN}(why|whys) (is|are) \w+( \w+){{0,2}} being\b"
                     r"|\b(what|which) (was|were) the (main |real )?(reasons?|causes?|motives?)\b"
                     rf"|\b(почему|зачем|отчего|по какой причине)\b.*\b{_PAST_VERB}"
                     rf"|\b(niye|ne ucun|neden(?! ibaret))\b.*\b{_PAST_VERB_AZ}"
                     rf"|\bsebebi? ne (idi|olub)\b"
                     # what unnamed people are doing, an event too: "почему в России арестовывают азербайджанцев?",
                     # "niyə həbs edirlər?" (not "почему Россия не считает…", which asks for an explanation)
                     r"|\b(почему|зачем|за что)( (в|на) \w+)? \w+(ют|ут|ят)\b"
                     r"|\b(niye|ne ucun)\b.*\b\w+(irler|irlar|urlar|urler)\b")
# A reason in an (English) quote: a causal link ("because", "after Europe ended", "has led to", "the roots
# of ... lie in"). Loose on purpose: "why" is declined only when the entry gives no reason at all.
# what someone wants, plans or will do (folded): "no longer willing to tolerate", "offering its storage", "insists"
_HAS_INTENTION = lazy_regex(r"\b(want|wants|wanted|plan|plans|planned|intend|intends|intention|aim|aims|seek|seeks"
                            r"|hope|hopes|wish|wishes|willing|unwilling|ready|offer|offers|offered|offering|insist"
                            r"|insists|insistence|demand|demands|will not|refuse|refused|refusing)\b")
# a yes/no question on someone's intention (folded): "does azerbaijan want to join nato?", "хочет ли…", "…istəyir?"
_INTENTION = lazy_regex(r"^(and |so |but )?(does|do|did|is|are|would) (\w+ ){1,3}(want|wants|plan|plans|planning|intend"
                        r"|intends|intending|aim|aims|seek|seeks|hope|hopes|wish|wishes) to\b"
                        # what someone will do: "will Azerbaijan join NATO?", "is Azerbaijan going to join NATO?"
                        r"|^(and |so |but )?(will|is|are) (\w+ ){1,3}(going to )?(join|joining|apply|enter|become)\b"
                        r"|\b(хочет|хотят|планирует|планируют|собирается|собираются|намерен|намерена) ли\b"
                        r"|^(?!.*\b(ne|neye|neyi|kim|kime|harada|niye|hansi|nece)\b)(\w+ ){1,6}(isteyir|isteyirmi"
                        r"|planlasdirir|planlasdirirmi|niyyetindedir)\b")  # (not "Bakı nə istəyir?", which asks what)
_HAS_REASON = lazy_regex(r"\b(because|due to|owing to|thanks to|as a result|result of|resulted|led to|leads? to"
                         r"|leading to|caused?|causes|after|since|roots?|lies? in|so that|in order to|therefore|hence"
                         r"|insistence|reasons?|motives?|why)\b")
# "Which day" wants a day of the month; a month and year ("December 1991") does not give it.
# (not "the forecast for the day", "the news of the day": a day not asked for)
# (a date, "the date of the declaration", is December 1991 too; a day of the month is asked by "the exact date")
_DAY = lazy_regex(r"\b(what|which|(?<!for )(?<!of )(?<!per )the) day\b|\b(what|which|exact|precise) (day|date)\b"
                  r"|\bon what day\b"
                  r"|\bкакого (именно |точно )?числа\b|\b(в )?какой день\b|\bhansi gun\b|\bayin necesi\b")
_HAS_DAY = lazy_regex(rf"\b\d{{1,2}}(st|nd|rd|th)? ({MONTHS})\b|\b({MONTHS}) \d{{1,2}}(st|nd|rd|th)?\b")
# "Where" wants a place. Not "where does it say" (a citation) nor "where is <part of the brief>".
# English "where" asks only at the head of a question ("what did he say about where soldiers go" does not);
# Russian and Azerbaijani put it anywhere ("Кто он, где работает?", "Təyyarə harada düşüb?").
_PLACE = lazy_regex(r"^((and|so|but|ok|okay|then|also|а|и|так|ну) )*(where|wheres|где|куда|откуда)\b"
                    r"|\b(где|куда|откуда) (именно|находится|находятся|это|он|она|они|работает|работал|живет|родился)\b"
                    r"|\b(harada|haradan|hara)\b(?!( \w+){0,2}(sa|se)\b)"
                    r"|\b(in|at|from) (what|which) (place|city|town|country|region)\b|\bв каком (городе|месте)\b"
                    # where something was published: "in which outlet…?", "в каком издании…?", "hansı nəşrdə…?"
                    r"|\b(which|what) (outlet|publication|magazine|journal|newspaper)\b(?! (date|day|year|time)\b)"
                    r"|\bв (каком|какой) (издании|журнале|сми|газете|публикации)\b|\bhansi (nesrde|jurnalda|qezetde)\b")
_NOT_PLACE = lazy_regex(r"\bwhere (does|did|do) (it|the (brief|article|author|text)) (say|mention|discuss|talk)"
                        r"|\bin the (text|article|brief|piece|paper|report)\b"  # "where is that in the text?": a source
                        r"|\bв каком месте (статьи|текста|брифа)\b|\b(meqalenin|metnin) harasinda\b"
                        r"|\b(context|contexts|section|paragraph|part|kontekst|контекст\w*)\b"
                        # the reader's own errand ("where do i report fraud", "where can we read more"): a way to do
                        # something, not where something is or happened
                        r"|\bwhere (do|can|could|should|would|shall|will|may) (i|we)\b")
# A place in an (English) quote: a preposition of place before a word that is not a time ("in Russia", "on trees";
# not "in December 2024"). Loose on purpose: "where" is declined only when the quote names no place at all.
_HAS_PLACE = lazy_regex(rf"\b(in|at|on|near|from|into|across|throughout|inside|around) (the |a |an |its |their )?"
                        rf"(?!(?:{MONTHS}|order|addition|fact|turn|part|time|particular|general|short)\b)[a-z]{{3,}}",
                        re.IGNORECASE)
# ... or where something goes: "transported to Europe through the South Caucasus Pipeline" (to a name, capitalised
# as written: "to abide by" is no place)
_HAS_DESTINATION = lazy_regex(r"\b(to|towards|via|through) (the )?[A-Z][a-z]{2,}")
# Words that ask "which thing": the word they govern names the kind of fact asked for ("which city", "what type").
_WHICH = frozenset("which какой какая какое какие каком какого какую каким какими которой hansi".split())
_WHAT = frozenset({"what", "whats"})  # governs a noun right after it ("what city"; not "what did he say")
_COPULA = frozenset("is are was were s".split())
_WHO = frozenset("who кто".split())  # "who is Armenia's prime minister", "кто был премьером Армении": the role asked
_WHO_COPULA = _COPULA | frozenset("был была были является являлся являлась стал стала такой такая".split())
_MEASURES = frozenset("level levels rate rates size amount total count price cost value volume share percentage "
                      "proportion figure figures capacity population".split())  # nouns that ask for a figure
# Nouns that ask for one specific fact about a thing, not a figure (folded): "what was the *route* of Flight 8243?",
# "какова *столица*…?". An answer that never uses the word does not give it, however well the rest matches.
# In English the noun must be the attribute of something ("the route *of*…", "*which* route…": "my Capital One card" is
# a bank's name); Russian and Azerbaijani mark whose it is by case ("маршрут самолёта"), so their nouns stand anywhere.
_SPECIFIC_ATTRIBUTES_EN = frozenset("""route routes itinerary destination capital currency manufacturer headquarters
address""".split())
_SPECIFIC_ATTRIBUTES_CASED = frozenset("""маршрут маршрута маршруте столица столицей валюта валюты производитель marsrut
marsrutu paytaxt paytaxti valyuta istehsalci""".split())  # (folded)
# Azerbaijani puts what is asked about before the question word: "Azərbaycanın əhalisi nə qədərdir?" (population)
_AZ_COPULAR_QUESTION = lazy_regex(r"^(nedir|ne qeder\w*|hansidir|neceyedir|kimdir|kim idi|kim olub)$")
# A price asked for (folded): "how much does transit cost?", "what is the price of gas?", "сколько стоит транзит?",
# "qazın qiyməti nə qədərdir?": a money figure, which a count ("five contexts") is not
_PRICE = lazy_regex(r"\bhow much (does|did|do|would|will|could|is|was|are|were)\b.{0,60}\bcost\b|\bhow expensive\b"
                    r"|\b(what|whats|which) (is |was |are |were )?(the |its |their )?(\w+ )?(price|cost|prices|costs)\b"
                    r"|\b(price|prices|cost) of\b"
                    r"|\bсколько (стоит|стоят|стоил|стоила|стоило|стоили|стоить|будет стоить)\b"
                    r"|\b(какова|какая|какой) (\w+ )?(цена|стоимость)\b|\bпо какой цене\b|\bсколько денег\b"
                    r"|\b(qiymeti|qiymet|deyeri|meblegi) (ne qeder\w*|necedir|nece)\b|\bneceye\b")
# An outcome foretold (folded): "will Russia lose the war in Ukraine?", "will the crisis end soon?", "выиграет ли…?"
_FUTURE = lazy_regex(r"^((and|so|but|ok) )?(will|would|is|are) (\w+ ){1,3}(going to |likely to |ever )?(win|lose"
                     r"|survive|collapse|fall|end|recover|succeed|fail|last|reconcile|make up|back down)\b"
                     # ("does the brief think Russia will lose the war?", "does he expect Russia to lose?")
                     r"|\b(will|expects? (\w+ ){1,2}to|predicts? (\w+ ){1,2}(will|to)) (ever )?(win|lose|survive"
                     r"|collapse|recover|succeed|fail|reconcile)\b"
                     r"|\b(what|how) (will|is going to) happen\b|\bчем (это|все|всё)( это)? (закончится|кончится)\b"
                     r"|\b(выиграет|проиграет|закончится|помирятся) ли\b|\b(qazanacaq|uduzacaq|bitecek)(mi|mu)?\b")
# ... which a text states only with a future or a forecast
_HAS_FUTURE = lazy_regex(r"\b(will|going to|expects?|expected|likely|forecasts?|predicts?|predicted)\b")
# A response asked for (folded): "How did the Kremlin react to Baku's demand?", "как Баку отреагировал на аресты?"
_REACTION = lazy_regex(r"\bhow (did|has|have|does|do|would|will) (\w+ ){1,3}(respond|react|reply|retaliate)\b"
                       r"|\b(what|which) (was|is|were|are) (the )?(\w+ )?(response|reaction|reply)\b"
                       r"|\bкак (\w+ ){0,2}(отреагировал\w*|ответил\w*|реагирует|реагировал\w*)\b"
                       r"|\bnece (reaksiya verdi|reaksiya verib|cavab verdi|cavab verib)\b")
# ... which a text states only with a reaction of someone's
_HAS_REACTION = lazy_regex(r"\b(respond\w*|react\w*|retaliat\w*|protest\w*|condemn\w*|summon\w*|expel\w*"
                           r"|in response)\b")
# A title asked for (folded): "what was the title of his National Interest article?", "заголовок", "başlığı"
_TITLE_ASKED = lazy_regex(r"\b(title|titles|titled|headline|заголов\w*|назван\w* (стат\w*|материал\w*)|basliq\w*"
                          r"|basligi\w*|serlovhe\w*)\b")
# a money figure in a text: a currency sign or name
_HAS_PRICE = lazy_regex(r"[$€£₽₼]|\b(dollars?|euros?|roubles?|rubles?|manats?|pounds sterling|usd|eur|rub|azn"
                        r"|доллар\w*|евро|рубл\w*|манат\w*|dollar|avro|rubl|manat)\b")
_MEASURE_ASKED = lazy_regex(r"\b(whats|what|which) (is |was |are |were )?(the |its |their )?(\w+ )?(level|levels|rate"
                            r"|rates"
                            r"|size|amount|total|count|price|cost|value|volume|percentage|proportion|capacity)\b"
                            # Russian and Azerbaijani measures, however asked ("Какова протяженность TANAP?",
                            # "TANAP-ın uzunluğu nə qədərdir?"); folded
                            # asked for, not mentioned: "Много ли у Украины мощностей…?" asks whether there is much
                            r"|\b(какова|каков|каково|каковы|какой|какая|какие)( \w+){0,2}"
                            r" (протяженност|длин[аеуы]|объем|размер|стоимост|вместимост|мощност)\w*"
                            r"|\b(uzunlugu|hecmi|tutumu|olcusu|qiymeti) (ne qeder\w*|nedir|nece\w*)")
_EVENT_AUXILIARY = frozenset("did has have had".split())  # at the head: did it happen?
_AZ_DID_IT = lazy_regex(r"\w{3,}(ib|ub|di|du)(mi|mu)$")  # folded "istəyibmi", "imzalayıbmı": did it happen?
EVENT_REACH = 3  # content words after it that hold its subject and verb ("did the kremlin ever apologise")
_AUXILIARY = frozenset("did does do has have had will would can could".split())  # before a question's subject
_WH = frozenset("what when where why how who whom which".split())
# "tell me a bit about…", "give me an explanation of…": how much, or the answer itself, not a thing asked for
_THE_ANSWER_ITSELF = frozenset("""bit little lot word couple few fact facts thing things detail details explanation
    overview summary description rundown breakdown example examples quote quotes""".split())
_ASKED_FOR = frozenset("tell write give make compose share send me us".split())  # "tell me a joke about…"
# Azerbaijani "bəs" (and, what about) opens a follow-up and asks nothing; typed with its "ə" only, as "bes" may be
# "beş" (five) typed without its "ş"
_AZ_AND = lazy_regex(r"^\s*bəs\s+", re.IGNORECASE)
_HOW_WHAT = frozenset("many much long far often big bad old serious".split())  # "how many", "how bad"
_ENGLISH_QUESTION_WORDS = ("what", "which", "who", "whom", "whose", "when", "where", "why", "how")
_WORKS = frozenset("work works working function functions operate operates".split())  # "how does X work": X's head
_AUTHORED = frozenset("wrote write writes written penned authored directed painted composed sang invented".split())
# The word after "which <noun>" that is the verb, not part of the noun: English -ed/-ing, Russian finite and
# reflexive verb endings ("какие трубопроводы упоминаются"), Azerbaijani tense endings ("hansı ölkələr imzalayıb").
_EN_VERB_FORM = lazy_regex(r"[a-z](ed|ing)$")  # an English participle: "fuelled", "happening"
_VERB_FORM = lazy_regex(r"(ed|ing|ются|ется|ются|ятся|ится|ют|ят|ет|ит|ал|ала|али|ался|алась|ались|ib|ub|ibdir|ubdur"
                        r"|acaq|ecek|mis|mus|di|du)$")
# "nece" typed without diacritics is "neçə" (how many) before a noun and "necə" (how) before a verb, or before the
# noun of a compound verb ("necə baş verib", "necə kömək edir": the noun and a light verb ver-/et-/ol-).
_AZ_HOW_MANY_PLAIN = lazy_regex(r"\bnece (?!\w+ (ver|et|ed|ol|el)\w*\b)(?!\w*(ib|ub|ir|ur|ar|er|di|du|mis|mus|acaq|ecek"
                                r"|sin|siniz|im|iq|uq|maq|mek|magi|megi|maga|mege|ma|me)\b)\w{2,}")  # not "davranmağı"
_DETERMINERS = frozenset("the a an its their his her this that these those".split())
# Words that count, never name what is asked about: "which two countries", "какие две страны" ask about the
# countries (folded). ("What type of aircraft" does ask for a type: a detail the brief may not give.)
_NOT_NAMING = frozenset("""two three four five six seven eight nine ten both
    два две три четыре пять шесть семь восемь девять десять оба обе iki uc dord bes alti yeddi sekkiz doqquz
    thing things stuff вещи вещь вещей штуки sey seyler момент момента моменты
    organisation organisations organization organizations institution institutions bodies entities
    организации организаций организацию qurum qurumlar qurumlara qurumlari teskilat teskilatlar""".split())
# (and things in general: "какие вещи…?", "с какого момента…?" (since when), "which organizations does the Kremlin
# not tolerate?", which names them, not the word)
_CYRILLIC_WORD = lazy_regex(r"[а-я]")
_RU_QUESTION_WORDS = frozenset("""что чем чего чему кто кого кому когда где куда откуда почему зачем отчего как какой
    какая какое какие каких каком какую сколько чей чья чьи ли""".split())  # folded (ё as е)
_RU_PAST = lazy_regex(r"^[а-я]{3,}(л|ла|ло|ли|лся|лась|лось|лись)$")  # "извинилась", "отказался", "сбили"
# A capitalised word after another word of the same sentence (not after ". ", "? ", ": ", or a quote mark)
_POSSESSIVE_BEFORE = lazy_regex(r"['’]s\s+$")
_UPPER, _LOWER = "[A-ZА-ЯЁƏÇĞİÖŞÜ]", "[a-zа-яёəçğıöşü]"  # the letters of our three alphabets
_NAME_INSIDE = lazy_regex(rf"(?<=[\w,)] )(?P<name>{_UPPER}{_LOWER}{{2,}}|[A-ZА-ЯЁ]{{2,5}})\b")  # or "FK"
# "riayət etməyib", "qəbul olunub": a noun and its verb (folded)
_ADJECTIVE_FORM = lazy_regex(r"(ern|ian|ean|ese|ish|al|ic|an|ful|ous|ive)$")  # "western", "russian", "european"
_AZ_LIGHT_VERB = lazy_regex(r"(et|ed|olun|ol|eyle)\w*$")
WH_PHRASE_WORDS = 3  # words of a question word's phrase before its auxiliary: "how much money does…"
WHICH_REACH = 2  # content words after "which" that may name the kind asked for ("which western city")
_CLAUSE_AUXILIARY = _AUXILIARY | frozenset("is are was were r".split())  # where the noun after "which" ends
# Words opening a clause set before a question ("When Russia shot down the plane, how did Baku react?") (folded)
_SUBORDINATORS = frozenset("when whenever if once after before while когда если".split())
_CONJUNCTIONS = frozenset("and but or so и а но или ve".split())
# What opens the question after it: a question word or an auxiliary (folded)
_MAIN_QUESTION_OPENERS = QUESTION_WORDS | _RU_QUESTION_WORDS | _CLAUSE_AUXILIARY | _COPULA | {"whats", "hows", "whos"}
COPULA_REACH = 3  # words after "what is" that may: a name of two words, then its head ("what is vasif huseynov's job")
# A question with no subject left ("when's it from?", "who's it by?") is about the brief itself.
_BARE_QUESTION = {"time": "date", "date": "date"}


@dataclass(frozen=True)
class Query:
    """An analysed question: its terms and what kind of fact it asks for."""

    terms: tuple[str, ...]
    asks: str | None  # "quantity", "day", "date" (a calendar date), "time" (any when), "place", "reason",
    # "identity" (who someone is), "mechanism" (how a thing works) or None
    small_talk: SmallTalk | None = None  # "hi", "thanks!", "пока": answered in kind unless it matches well
    known_share: float = 0.0  # share of the question's content words that the knowledge uses
    unknown_kind: str | None = None  # "which X" where no text of the knowledge ever uses X: a fact it cannot give
    about_bot: bool = False  # asks about the bot itself ("what's your name?"): small talk, whatever it matches
    chat_only: bool = False  # nothing but small talk ("ok thanks"): answered in kind, whatever it matches


def fact_kinds(text: str) -> frozenset[str]:
    """Which kinds of fact ('quantity', 'price', 'day', 'date', 'time', 'place', 'reason', 'identity', 'intention',
    'future', 'reaction') a text (a quote) states."""
    folded = fold(text)
    # (each kind with what states it: in the text as written, where capitals matter, or folded)
    as_written = (("identity", _HAS_IDENTITY), ("place", _HAS_PLACE))
    stated = (("price", _HAS_PRICE), ("future", _HAS_FUTURE), ("reaction", _HAS_REACTION), ("day", _HAS_DAY),
              ("quantity", _HAS_QUANTITY), ("reason", _HAS_REASON), ("intention", _HAS_INTENTION))
    kinds = {kind for kind, pattern in as_written if pattern.search(text)}
    if _HAS_DESTINATION.search(text):
        kinds.add("place")
    kinds |= {kind for kind, pattern in stated if pattern.search(folded)}
    if _HAS_DATE.search(folded):
        kinds.update(("date", "time"))
    elif _HAS_TIME.search(folded):
        kinds.add("time")
    return frozenset(kinds)


def any_stems(word: str) -> set[str]:
    """A word's stems by the English and the Azerbaijani stemmer (a Cyrillic word always takes the Russian one): a
    word of any of our languages is known by any of its forms ("anbarını" by the knowledge's "anbarlarını")."""
    return {stem_word(word, "en"), stem_word(word, "az")}


def main_clause(text: str) -> str:
    """A question without the clause set before it and off by a comma: "When Russia shot down the plane, how did
    Baku react?" asks how, not when; "Когда сбили самолёт, что сделал Баку?" asks what. "When did it happen, and
    why?" and "When was that, 2024?" set no clause before a question: "when" opens a question there."""
    head, comma, rest = text.partition(",")
    if not comma:
        return text
    words = fold(head).split()
    while words and words[0] in _CONJUNCTIONS:
        words = words[1:]
    following = fold(rest).split()[:1]
    if (len(words) < 3 or words[0] not in _SUBORDINATORS or words[1] in _CLAUSE_AUXILIARY
            or not following or following[0] not in _MAIN_QUESTION_OPENERS):
        return text
    return rest.strip()


def asks_about_the_bot(text: str) -> bool:
    """A question to the bot itself ("what's your name?", "кто ты?"), not about what it knows."""
    return bool(_ABOUT_BOT.search(fold(text)[:MAX_FOLDED_CHARS]))


def asked_kind(text: str, folded: str | None = None) -> str | None:
    """The kind of fact a question asks for: 'quantity', 'price', 'day', 'date', 'time', 'place', 'reason' or None
    (and see Analyzer.query for 'identity' and 'mechanism')."""
    folded = fold(text)[:MAX_FOLDED_CHARS] if folded is None else folded
    asks = (
        "price"
        if _PRICE.search(folded)
        else "quantity"
        if _QUANTITY.search(folded)
        else "date"
        if _DATE.search(folded)
        else "time"
        if _TIME.search(folded)
        else None
    )
    if asks == "quantity" and _IDENTIFIER.search(folded):  # "the flight number" asks for a label, not a count
        asks = None
    if asks in ("date", "time", None) and _DAY.search(folded):
        asks = "day"
    if asks is None and _PLACE.search(folded) and not _NOT_PLACE.search(folded):
        asks = "place"
    if asks is None and _REASON.search(folded):  # first: "почему … большого объема?" asks why, not how big
        asks = "reason"
    if asks is None:  # (each of these kinds asked by its own words alone, the first that matches)
        asks = next((kind for kind, pattern in (("title", _TITLE_ASKED), ("future", _FUTURE), ("reaction", _REACTION))
                     if pattern.search(folded)), None)
    if asks is None and _MEASURE_ASKED.search(folded):  # "what was the cost?", known word or not
        asks = "quantity"
    lowered = text.lower()
    # Azerbaijani "how many" (folded "nece" is also "how"), but not of a label ("reysin nömrəsi neçə idi?")
    # (not of a context's place in the order: "bu neçənci kontekstdə deyilir?" asks which context it is)
    if _AZ_HOW_MANY.search(lowered) and asks not in ("day", "date", "price") and not _IDENTIFIER.search(folded):
        asks = "quantity"
    elif asks is None and "necə" not in lowered and _AZ_HOW_MANY_PLAIN.search(folded):
        asks = "quantity"  # typed without diacritics: "nece azerbaycanli hebs olunub" counts; "nece bas verib" not
    return asks



def _thing_asked_for(words: list[str], i: int) -> list[str] | None:
    """The thing a request asks for ("(tell me) a *joke* about nato", "write a *poem* on baku") or whose working
    "how" asks ("how does a gas pipeline *compressor* work?": the last word before the verb), if the word at `i`
    opens either; else None."""
    word = words[i]
    if word in ("a", "an") and all(w in _ASKED_FOR for w in words[:i]) and words[i + 2 : i + 3] in (
            ["about"], ["on"], ["of"]) and words[i + 1] not in STOP_WORDS and words[i + 1] not in _THE_ANSWER_ITSELF:
        return words[i + 1 : i + 2]
    if word in _WORKS and i > 0 and "how" in words[:i] and words[i - 1] not in STOP_WORDS:
        return [words[i - 1]]
    return None


def _after_what(words: list[str], i: int) -> list[str]:
    """The noun "what" governs: "what missile", "what X or Y", "what is the main religion", "what's his job"."""
    following = words[i + 1 : i + 2] + words[i + 3 : i + 4] * (words[i + 2 : i + 3] == ["or"])  # "what X or Y"
    # ("what's" folds to "what": the "'s" goes with possessives, so "what the/his X" is "what is")
    start = i + 2 if following[0] in _COPULA else i + 1 if following[0] in _DETERMINERS else None
    if start is None:  # "what pushed the crisis…?", "what happened": a verb, asking what did it (but "what
        # meeting did Putin attend?": a noun, its verb after it)
        noun = any(w in _AUXILIARY or w in _COPULA for w in words[i + 2 : i + 3])
        if _VERB_FORM.search(following[0]) and not noun:
            return []
        # the noun phrase to its head, where it ends the question: "what's norway's population" (the possessive
        # folded away); not "what pipelines connect azerbaijan…", whose next word is its verb
        head = words[i + 2 : i + 1 + COPULA_REACH]
        ends = i + 2 + len(head) == len(words) and all(w not in STOP_WORDS and not _VERB_FORM.search(w) for w in head)
        return following + head if ends and following == words[i + 1 : i + 2] else following
    # the noun phrase, to its head: "what is vasif huseynov's job" (the possessive is folded away)
    rest = [w for w in words[start : start + 2 * COPULA_REACH] if w not in _DETERMINERS]
    return [] if not rest or rest[0] in STOP_WORDS else rest[:1] + [  # not "worried", "of"
        w for w in rest[1:COPULA_REACH] if w not in STOP_WORDS and not _VERB_FORM.search(w)]


_OPENERS = frozenset("and so but а и bes".split())  # words before a question's own first word ("and who is…?")


def _role_or_event(words: list[str], i: int) -> list[str] | None:
    """What "who is X?" and "did/is X doing Y?" ask about, if the word at `i` (the question's first, after "and"
    or "so") opens either; else None."""
    word, head = words[i], words[1 : 1 + EVENT_REACH]
    opening = all(w in _OPENERS for w in words[:i])
    if word in _WHO and opening and (verb := _who_copula(words, i)) is not None:
        # the role, past an article or a name's possessive: "who is the president", "who was armenia s leader",
        # "кто тогда был премьером"; in English only so ("who is responsible for…?" asks who did it)
        after = [w for w in words[verb + 1 : verb + 1 + 2 * COPULA_REACH] if w != "s"]  # "armenia s leader"
        noun_phrase = after[:1] and after[0] in _DETERMINERS or after[1:2] and after[1] not in STOP_WORDS
        if _CYRILLIC_WORD.match(word) is None and not noun_phrase:
            return None  # "who is responsible for …?" asks who did it
        rest = [w for w in after if w not in _DETERMINERS and w != "s"]
        return [w for w in rest[:COPULA_REACH] if w not in STOP_WORDS][:COPULA_REACH]
    if word in _EVENT_AUXILIARY and i == 0:
        # "did russia apologise for …?", "has armenia dropped its claims?": whether something happened, so its
        # verb too (a paraphrase meets the knowledge through the lexicon: "drop" is "end")
        return [w for w in words[1 : 1 + 2 * EVENT_REACH] if w not in STOP_WORDS][:EVENT_REACH]
    if word in _COPULA and i == 0 and not SOFT_STOP_WORDS.intersection(head):  # not "is the article saying…?"
        # "is azerbaijan applying for eu membership?", "is russia apologising?": whether it is happening, as "did
        # it happen?" asks: its subject and verb
        content = [w for w in head if w not in STOP_WORDS]
        verb = next((k for k, w in enumerate(content) if w.endswith("ing")), None)
        return content[: verb + 1] if verb is not None else None
    return None


# A person described where named, by a name of two words or more: "Its finance director, Amir Qureshi, said…",
# "Amir Qureshi, the finance director, said" (not "However, the war…", "Moscow, the capital")
_NAME = rf"{_UPPER}{_LOWER}+(?: {_UPPER}{_LOWER}+)+"
_HAS_IDENTITY = lazy_regex(rf"\b(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Aa]n?) [a-z]+(?: [a-z]+){{0,3}}, {_NAME},"
                           rf"|{_NAME}, (?:the|a|an|its|his|her|their|who) ")
# "who is X?" of a name of one to three words (folded): in English and Russian the name follows, in Azerbaijani it
# comes first
_IDENTITY = lazy_regex(r"^(?:and |so |а |и |bes )?(?:who is|whos|who s|who was|кто такой|кто такая|кто такие"
                       r"|кто это|кто был|кто была) (?P<name>\w+(?: \w+){0,2}?)"
                       r"(?: exactly| really| again| then| anyway| anyways| именно)?$"
                       r"|^(?:bes )?(?P<az>\w+(?: \w+){0,2}) (?:kimdir|kim idi|kimdi)$"
                       # "Кем работает Васиф Гусейнов?" (as whom does he work): what he is
                       r"|^(?:а |и )?кем (?:работает|работал|является|был|была) (?P<ru>\w+(?: \w+){0,2})$"
                       # whom he works for, which a quote of his words does not say either
                       r"|^(?:and |so )?who (?:does|did|do) (?P<employee>\w+(?: \w+){0,2}) work for$"
                       r"|^(?:а |и )?на кого (?:работает|работал) (?P<ru_employee>\w+(?: \w+){0,2})$"
                       r"|^(?:bes )?(?P<az_employee>\w+(?: \w+){0,2}) kimin ucun isleyir$"
                       # "what organisation does X work for?", "в какой организации работает X?", "X hansı
                       # təşkilatda işləyir?": his employer, by another name
                       r"|^(?:and |so )?(?:for )?(?:what|which) (?:\w+ ){1,2}(?:does|did|do|is|was) "
                       r"(?P<employee2>\w+(?: \w+){0,2}) (?:work|working|employed) (?:for|at|in|by)$"
                       r"|^(?:а |и )?в как(?:ой|ом) (?:\w+ )?(?:работает|работал|трудится) "
                       r"(?P<ru_employee2>\w+(?: \w+){0,2})$"
                       r"|^(?:bes )?(?P<az_employee2>\w+(?: \w+){0,2}) hansi (?:\w+ )?(?:isleyir|calisir)$")


_PERSONAL_PRONOUNS = frozenset("he she him her он она его ее её o onu".split())  # folded
_WHO_S = lazy_regex(r"\bwho['’]s\b", re.IGNORECASE)  # "who's Putin?" is "who is Putin?" (fold drops the "'s")


def _who_copula(words: list[str], i: int) -> int | None:
    """Where the verb of "who is/was X" is, past a function word or two ("кто тогда был", "who then was")."""
    for j in range(i + 1, min(len(words), i + 3)):
        if words[j] in _WHO_COPULA:
            return j
        if words[j] not in STOP_WORDS:
            return None
    return None


def _heads_the_question(words: list[str], i: int) -> bool:
    """Whether words[i] is the first auxiliary or copula after the question word that opens the question ("how much
    money *does* radiohead earn", "when *was* toyota founded"): the subject follows it."""
    word = words[i]
    return (word in _AUXILIARY or word in _COPULA) and 0 < i <= WH_PHRASE_WORDS and words[0] in _WH and all(
        w not in _AUXILIARY and w not in _COPULA for w in words[1:i])


def asked_about(words: list[str]) -> Iterator[str]:
    """The words naming what a question asks about, in order.

    The noun a "which"/"what" governs ("which city", "what missile", "what is the main religion"), the subject of
    a question ("what did aliyev say", "does turkey back baku"), the thing whose working "how" asks ("how does a
    pipeline compressor work"), the subject and verb of "did it happen?" ("did
    russia apologise", "извинилась ли"), the object of "who wrote X" and the head of a question made of keywords
    ("capital of norway").
    """
    for i, word in enumerate(words):
        if word in _WHAT and i + 1 < len(words):
            following = _after_what(words, i)
        elif (found := _role_or_event(words, i)) is not None:
            following = found
        elif (i == 0 and words[1:2] == ["ли"]) or _AZ_DID_IT.search(word):
            # Russian "Извинилась ли Россия…?" and Azerbaijani "…üzr istəyibmi?" ask whether it happened: the verb
            following = [word]
        elif (word in _AUXILIARY and i == 0 or _heads_the_question(words, i)) and i + 1 < len(words):
            # "what did aliyev say", "does turkey back baku": the subject (not the verb: readers paraphrase
            # verbs - "does russia regard its neighbours as sovereign" - far more than they rename what they ask
            # about); so too after a question word's phrase, "how much money does radiohead earn", and before a
            # copula's subject, "when was toyota founded"
            # ("what has fuelled the crisis?": a verb right after it, the question has no subject of its own)
            following = [] if words[i + 1] in STOP_WORDS or _EN_VERB_FORM.search(words[i + 1]) else words[i + 1 : i + 2]
        elif i > 0 and _AZ_COPULAR_QUESTION.match(" ".join(words[i : i + 2])):
            # "əhalisi nə qədərdir?"; past "o vaxt" (then): "baş naziri o vaxt kim idi?"
            before = [w for w in words[:i] if w not in ("o", "vaxt", "onda", "zaman")]
            following = [] if not before or before[-1] in STOP_WORDS else [before[-1]]
        elif word in _WHICH:
            # (to the clause's auxiliary: "which pipelines *will* they push the gas through" names pipelines only)
            reach = list(itertools.takewhile(lambda w: w not in _CLAUSE_AUXILIARY,
                                             words[i + 1 : i + 1 + 2 * WHICH_REACH]))
            near = [(j, w) for j, w in enumerate(reach, start=i + 1) if w not in STOP_WORDS][:WHICH_REACH]
            # (not a verb: "which law did"; nor the noun of an Azerbaijani light verb, "riayət etməyib": complied)
            # (nor a singular noun's verb, however misspelt: "which pipeline carys gas"; "which western cities" names
            # cities)
            following = [w for n, (j, w) in enumerate(near) if n == 0 or not (
                _VERB_FORM.search(w) or _AZ_LIGHT_VERB.match(" ".join(words[j + 1 : j + 2]))
                or w.endswith("s") and not near[0][1].endswith("s") and not _ADJECTIVE_FORM.search(near[0][1]))]
        elif word in _AUTHORED and i + 1 < len(words) and (i == 0 or words[i - 1] in _WH):
            following = [w for w in words[i + 1 : i + 4] if w not in STOP_WORDS][:1]  # "who wrote hamlet"
        elif (found := _thing_asked_for(words, i)) is not None:
            following = found
        elif words[i + 1 : i + 2] == ["of"] and word not in STOP_WORDS and word not in _THE_ANSWER_ITSELF and all(
                w in _DETERMINERS for w in words[:i]):
            following = [word]  # a question of keywords: "capital of norway?", "the population of azerbaijan"
        else:
            continue
        yield from (w for w in following if w not in _NOT_NAMING and not w.isdigit())
    if words and _CYRILLIC_WORD.match(words[0]) and _RU_QUESTION_WORDS.isdisjoint(words):
        # a Russian question with no question word asks whether it happened ("Россия извинилась за самолёт?"):
        # its verbs in the past tense, as "Извинилась ли Россия…?" asks for its verb
        # (a noun in -ли/-ла keeps its "л" in its stem: "недели" -> "недел"; a verb loses it: "извинилась" -> "извин")
        yield from (w for w in words if _RU_PAST.search(w) and w not in STOP_WORDS
                    and not stem_word(w, "ru").endswith("л"))


class Analyzer:
    """Knowledge-aware text analysis; built once, then pure and deterministic."""

    def __init__(self, knowledge: Knowledge):
        self.aliases = self._aliases(knowledge)
        self.longest_alias = max((len(k) for k in self.aliases), default=1)
        self.canonical = frozenset(self.aliases.values())
        # The words inside multi-word aliases ("caucasus" in "south caucasus pipeline"), so that a partial
        # mention still finds the entries that use the name.
        self.alias_words: dict[str, frozenset[str]] = {}
        for variant, canonical in self.aliases.items():
            if len(variant) >= 3:
                words = frozenset(stem(w) for w in variant if w not in STOP_WORDS)
                self.alias_words[canonical] = self.alias_words.get(canonical, frozenset()) | words
        vocab: set[str] = set()
        for t in self.texts(knowledge):
            vocab.update(fold(t).split())
        # A word the knowledge names: its texts' words and one-word aliases. A word only inside a longer alias is
        # not one ("organization" of "north atlantic treaty organization" names no organisation the brief knows);
        # it is still a word typos snap to.
        named = vocab | {variant[0] for variant in self.aliases if len(variant) == 1}
        for variant in self.aliases:
            vocab.update(variant)
        self.vocab = frozenset(w for w in vocab if w not in STOP_WORDS)
        self.named = frozenset(w for w in named if w not in STOP_WORDS)
        # Stems in every language we stem, so that "anbarını" is known when the knowledge says "anbarlarını".
        self.vocab_stems = frozenset(s for w in self.vocab for s in any_stems(w))
        self.named_stems = frozenset(s for w in self.named for s in any_stems(w))
        # Naming the author ("what does Kuzio say about...") refers to the brief, not to a topic.
        # (in every language's script: "кто такой Тарас Кузьо?" asks who wrote it)
        self.soft = SOFT_STOP_WORDS | {w for b in knowledge.briefs for t in (b, *map(b.translation, b.languages))
                                       if t is not None and t.author for w in fold(t.author).split()}
        # Typos snap to the knowledge's words, and to the English function words readers mistype ("happend", "whoz").
        self._function_words = sorted(w for w in ENGLISH_STOP_WORDS if len(w) >= MIN_REPAIR_LETTERS - 1)
        # ("happend" -> "happen"; four-letter words are not repaired at all: "live" is not a typo of "like")
        # (not words found only inside a longer alias: "night" is no typo of a phrase's "fight", "master" of "matter")
        self._vocab_list = sorted(self.named | set(self._function_words))
        self.proper = self._proper_names(knowledge)
        self._caches()

    @staticmethod
    def _proper_names(knowledge: Knowledge) -> frozenset[str]:
        """The names of people, places and bodies (folded): words the brief and its answers capitalise inside a
        sentence and never write in lower case ("Vasif Huseynov", "Гусейнов", "Norway", "NATO"; not "war", which
        "the Second Karabakh War" capitalises). Readers' phrasings are left out: they capitalise as they please."""
        texts = [t for b in knowledge.briefs for t in (b.author, *(p.text for p in b.paragraphs))]  # not Title Case
        texts += [t for b in knowledge.briefs for e in b.entries for _, x in b.entry_texts(e.id)
                  for t in (x.answer, x.quote or "")]
        lower = {fold(w) for t in texts for w in t.split() if w[:1].islower()}
        return frozenset(w for t in texts for m in _NAME_INSIDE.finditer(t) if (w := fold(m.group())) not in lower)

    @staticmethod
    def texts(knowledge: Knowledge) -> Iterator[str]:
        """Every text of the knowledge: titles, author, summaries, paragraphs, and each entry's texts."""
        for brief in knowledge.briefs:
            yield from (brief.title, brief.author, brief.summary, *(p.text for p in brief.paragraphs))
            yield from (c.title for c in brief.contexts)
            for e in brief.entries:
                for _, text in brief.entry_texts(e.id):
                    yield from (*text.questions, *text.keywords, text.answer)
                yield e.quote

    @staticmethod
    def stem_counts(knowledge: Knowledge) -> Counter:
        """For each stem (in any of our languages), how many of the knowledge's texts use it."""
        return Counter(s for t in Analyzer.texts(knowledge) for s in {s for w in fold(t).split() for s in any_stems(w)})

    @classmethod
    def _aliases(cls, knowledge: Knowledge) -> dict[tuple[str, ...], str]:
        """Word sequences to canonical words: the briefs' own aliases, then the shared lexicon."""
        aliases: dict[tuple[str, ...], str] = {}
        families = [alias for brief in knowledge.briefs for alias in brief.aliases]  # a brief's own terms win
        families += [(canonical, variants) for canonical, variants in LEXICON.items()]  # then everyday language
        for canonical, variants in families:
            for variant in (canonical, *variants):
                aliases.setdefault(tuple(fold(variant).split()), fold(canonical).replace(" ", ""))
        used = {s for w in cls._words(knowledge) for s in any_stems(w)}
        for canonical, variants in LEXICON_RU_AZ.items():
            for variant in variants:
                words = tuple(fold(variant).split())
                if len(words) > 1 or not any_stems(words[0]) & used:
                    aliases.setdefault(words, fold(canonical).replace(" ", ""))
        known = cls._words(knowledge)
        for month, shortened in MONTH_ABBREVIATIONS.items():
            if month in known:  # "Dec 2024" where the knowledge says December; not "Oct", which it never names
                for variant in shortened:
                    aliases.setdefault((variant,), month)
        return aliases

    @staticmethod
    def _words(knowledge: Knowledge) -> set[str]:
        """Every folded word of the knowledge's own texts, in every language."""
        words: set[str] = set()
        for brief in knowledge.briefs:
            for e in brief.entries:
                for _, text in brief.entry_texts(e.id):
                    for t in (*text.questions, *text.keywords, text.answer, text.quote or ""):
                        words.update(fold(t).split())
        return words

    def _caches(self) -> None:
        """The analysis caches: each question is read several times while it is answered (the policy, the support
        check, its clauses), and typos recur."""
        self._repair = lru_cache(maxsize=CORRECTION_CACHE)(self._nearest)
        self._query = lru_cache(maxsize=ANALYSIS_CACHE)(self._analyse)
        self._model_terms = lru_cache(maxsize=ANALYSIS_CACHE)(self._read_terms)
        self._unframed = lru_cache(maxsize=ANALYSIS_CACHE)(self._unframe)
        self._building: dict | None = None

    def clear_caches(self) -> None:
        """Forget every remembered analysis of a question (for benchmarks that ask the same questions again); typo
        repairs, remembered by word for the life of the process, stay."""
        repair = self._repair
        self._caches()
        self._repair = repair
        clear_fold_cache()

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        for cache in ("_repair", "_query", "_model_terms", "_unframed"):
            del state[cache]  # rebuilt on load
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._caches()

    def _nearest(self, word: str) -> str:
        limit = 1 if len(word) <= 8 else 2  # longer words tolerate two slips
        hit = process.extractOne(word, self._vocab_list, scorer=DamerauLevenshtein.distance, score_cutoff=limit)
        if hit and len(hit[0]) < len(word) <= SHORT_WORD and not _DOUBLED.search(word) and word != hit[0] + "s" \
                and any_stems(word).isdisjoint(any_stems(hit[0])):
            # a short word one letter longer is another word ("ruble", not "rule"), unless a letter doubled or it is
            # another form of it ("kinds", "bakus anger")
            return word
        return hit[0] if hit else word

    def correct(self, word: str) -> str:
        """Repair a typo by snapping an unknown word to the closest knowledge or function word, if close enough."""
        if word in CHAT_SPELLINGS:
            return CHAT_SPELLINGS[word]
        if word in self.vocab or word in STOP_WORDS or word in self.soft or len(word) < MIN_REPAIR_LETTERS or (
                not word.isalpha()):
            return word  # (nor a word naming the brief: "story" is no typo of "storage")
        if not any_stems(word).isdisjoint(self.vocab_stems):
            return word  # another form of a knowledge word ("event" where it says "events"), not a typo of "even"
        repaired = self._repair(word)
        # a typo of a function word keeps its first letter ("happend", "whta"): "mother" is a word, not "other"
        return word if repaired in STOP_WORDS and repaired[:1] != word[:1] else repaired

    def model_terms(
        self, text: str, language: str = "en", repair: bool = True
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(stems, words) of text for a learned scorer: folded, filler-free, typo-repaired, aliased; stop words kept."""
        if self._building is not None and not repair:  # (the knowledge's own texts, read by each part of a build)
            key = (text, language)
            if key not in self._building:
                self._building[key] = self._read_terms(text, language, repair)
            return self._building[key]
        return self._model_terms(text, language, repair)

    @contextlib.contextmanager
    def building(self):
        """While a bot is built from the knowledge, remember every knowledge text's terms: the scorer's fit, the
        support check and the kinds of fact each read the same thirty thousand texts of a large base."""
        self._building = {}
        try:
            yield self
        finally:
            self._building = None

    def _read_terms(self, text: str, language: str, repair: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
        words = self._alias(self.unframed(text, repair).split()[:MAX_WORDS])
        # a lexicon word stands for its family in every language, so it is stemmed as the English word it is
        # ("qabartdı" -> "trigger" -> "trigger", as the English phrasings have it, not the Azerbaijani "trigg")
        return tuple(stem_word(w, "en" if w in self.canonical else language) for w in words), tuple(words)

    def unframed(self, text: str, repair: bool = True) -> str:
        """Folded text, its typos repaired, without the conversational frame around its question: a frame is taken
        off after repair, so that a mistyped one ("wat does the artcle say about nato") goes as a well-typed one."""
        return self._unframed(text, repair) if len(text) <= MAX_FOLDED_CHARS else self._unframe(text, repair)

    def _unframe(self, text: str, repair: bool = True) -> str:
        folded = fold(_AZ_AND.sub("", text, count=1))[:MAX_FOLDED_CHARS]
        if not repair:
            return strip_fillers(folded)
        words = [self.correct(w) for w in folded.split()]
        if words != folded.split():
            # (a well-typed frame is taken off before repair too: "deyin görüm" is no typo of "dərin" (deep); only
            # when something was repaired, as the frames cost a pass over the text)
            words = [self.correct(w) for w in strip_fillers(folded).split()]
        if words:
            words[0] = self._question_word(words[0], words[1:2])
        return strip_fillers(" ".join(words))

    def _question_word(self, word: str, following: list[str]) -> str:
        """A question's first word mistyped from a question word ("wher did…", "wen was…", "hwo many…"): the
        question word. Too short for typo repair elsewhere, it is one only where a question opens, before what that
        question word opens ("way out" is no question), and keeps its first letter."""
        if len(word) < 3 or word in STOP_WORDS or word in self.vocab or not word.isalpha() or not following:
            return word
        near = [q for q in _ENGLISH_QUESTION_WORDS if q[0] == word[0] and DamerauLevenshtein.distance(word, q) <= 1]
        cut_short = [q for q in near if q.startswith(word)]  # "wher" is "where" cut short, not "when" mistyped
        found = near[0] if len(near) == 1 else cut_short[0] if len(cut_short) == 1 else word
        # before what the question word would open: "hwo many…", "hwo wrote…", "wen did…"
        opens = following[0] in _AUXILIARY or following[0] in _COPULA or (
            found == "how" and following[0] in _HOW_WHAT) or found == "who"
        return found if opens else word

    def _alias(self, words: list[str]) -> list[str]:
        out, i = [], 0
        while i < len(words):
            for size in range(min(self.longest_alias, len(words) - i), 0, -1):
                canonical = self.aliases.get(tuple(words[i : i + size]))
                if canonical and size == 1 and words[i + 1 : i + 2] and words[i + 1].isdigit() and (
                        words[i] in _LABELS_OF_PARTS):
                    canonical = None  # "article 5", "section 3": a numbered part of some text, not the brief
                if canonical:
                    out.append(canonical)
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        return out

    def terms(self, text: str, repair: bool = True) -> tuple[str, ...]:
        """Content terms of text, in order, without duplicates."""
        words = fold(text).split()[:MAX_WORDS]
        if repair:
            words = [self.correct(w) for w in words]
        words = self._alias(words)
        content = [w for w in words if w not in STOP_WORDS]
        hard = [w for w in content if w not in self.soft]
        return tuple(dict.fromkeys(stem(w) for w in (hard or content)))

    def query(self, text: str) -> Query:
        """The question analysed: its terms, the kind of fact it asks for, its small talk and what it names."""
        return self._query(text)

    def kind_asked(self, text: str) -> str | None:
        """The kind of fact a question asks for (`asked_kind`, read with its chat spellings and its opening question
        word repaired), or how a kind of thing works ('mechanism'), or what someone wants ('intention'): its main
        clause's (`main_clause`)."""
        text = main_clause(text)
        spelled = [CHAT_SPELLINGS.get(w, w) for w in fold(text)[:MAX_FOLDED_CHARS].split()]  # "y is baku mad"
        if spelled:
            spelled[0] = self._question_word(spelled[0], spelled[1:2])  # "wher did the plane crash?"
        read = " ".join(spelled)
        asks = asked_kind(text, read)
        if asks is None and self.asks_how_it_works(read):
            asks = "mechanism"
        if asks is None and _INTENTION.search(read):
            asks = "intention"  # "does azerbaijan want to join nato?": what it wants, which an entry must say
        return asks

    def _analyse(self, text: str) -> Query:
        folded = fold(text)[:MAX_FOLDED_CHARS]
        asks = self.kind_asked(text)
        unframed = self.unframed(text)
        content = [w for w in self._alias(unframed.split()[:MAX_WORDS]) if w not in STOP_WORDS and w not in self.soft]
        # no content word but the soft ones ("who is the author?"): nothing in it is unknown
        known = sum(1 for w in content if self._known(w)) / len(content) if content else 1.0
        terms = self.terms(unframed)
        unknown_kind = self.unknown_kind(unframed.split()[:MAX_WORDS]) or self.unknown_name(text)
        if asks is None and self.asks_identity(text):
            asks = "identity"  # "who is Vasif Huseynov?": who he is, which a quote of his words does not say
        if unknown_kind in _MEASURES:  # "what was the reservoir level": a figure, whatever the brief calls it
            asks, unknown_kind = asks or "quantity", None
        if not terms and asks in _BARE_QUESTION:
            terms = self.terms(_BARE_QUESTION[asks])
        talk = "judgement" if _JUDGEMENT.search(folded) else small_talk(folded, text.rstrip().endswith("?"))
        return Query(terms, asks, talk, known, unknown_kind, bool(_ABOUT_BOT.search(folded)),
                     talk is not None and chat_only(folded))

    def asks_how_it_works(self, folded: str) -> bool:
        """Whether a question asks how things of a kind work in general ("how do gas pipelines work?", "как работают
        газопроводы?"): a bare noun phrase, with no article, pronoun or name, that a brief speaks of only as it
        bears on its subject; not "how does the ukraine deal work?" or "how do the contexts work together?"."""
        if "how" not in folded and "как" not in folded and "nece" not in folded:
            return False  # (most questions: the pattern need not run)
        found = _MECHANISM.match(folded.rstrip(" ?"))
        if not found:
            return False
        words = next(group for group in found.groups() if group).split()
        return all(w not in STOP_WORDS and w not in self.proper for w in words)

    def asks_identity(self, text: str) -> bool:
        """Whether a question asks who someone is ("who is Vasif Huseynov?", "Кто такой Гусейнов?", "Vasif Hüseynov
        kimdir?"): a name (capitalised, or one the knowledge capitalises) with nothing more, not a role ("who is the
        author?", "Məqalənin müəllifi kimdir?" ask for a name)."""
        found = _IDENTITY.match(fold(_WHO_S.sub("who is", text))[:MAX_FOLDED_CHARS])
        clauses = text[:MAX_FOLDED_CHARS].split(",")
        last = _IDENTITY.match(fold(clauses[-1])) if not found and len(clauses) > 1 else None
        if last and next(group for group in last.groups() if group) in _PERSONAL_PRONOUNS:
            # "Who is Vasif Huseynov, what organisation does he work for?": the last clause asks of the name before
            found = _IDENTITY.match(fold(_WHO_S.sub("who is", clauses[0])))
            text = clauses[0]
        if not found:
            return False
        name = next(group for group in found.groups() if group).split()
        words = text.split()
        # a capital inside the question, unless it capitalises everything ("WHO WROTE THIS?", "Who Shot The
        # Plane?"); not its first word ("Müəllif kimdir?" capitalises the author, which is a role)
        shouting = all(w.isupper() for w in words) or all(w[:1].isupper() for w in words if len(w) >= 3)
        raw = set() if shouting else {fold(w) for w in words[1:] if w[:1].isupper()}
        return all(w not in STOP_WORDS and w not in self.soft and not _VERB_FORM.search(w)
                   and (w in self.proper or w in raw) for w in name)

    def _known(self, word: str) -> bool:
        """A word of the knowledge, an alias, or another form of one ("growing" where the knowledge says "grow")."""
        return (word in self.named or word in self.canonical
                or not any_stems(word).isdisjoint(self.named_stems))

    def _may_name(self, word: str) -> bool:
        """Whether a word could name a thing: a word of letters, long enough, neither a function word nor one naming
        the brief."""
        return len(word) >= MIN_NAME_LETTERS and word.isalpha() and word not in STOP_WORDS and word not in self.soft

    def _unknown(self, word: str) -> bool:
        """A real word (not a typo of a knowledge word, not an alias) that no text of the knowledge uses."""
        repaired = self.correct(word)  # "happend" is "happen", a function word: it names nothing either
        return self._may_name(word) and repaired not in STOP_WORDS and not any(
            self._known(w) for w in self._alias([repaired]))

    def _in_longer_alias(self, words: list[str]) -> set[str]:
        """The words of a question inside a longer alias it uses ("vladimir" of "vladimir putin"): they name what the
        alias does, whatever they would name alone."""
        return {w for size in range(2, self.longest_alias + 1) for i in range(len(words) - size + 1)
                if tuple(words[i : i + size]) in self.aliases for w in words[i : i + size]}

    def names_its_own(self, question: str, counts: Counter) -> bool:
        """Whether a phrasing of the knowledge asks about something no other text of it names ("what does
        *idiosyncratic* mean"): `counts` holds, for each stem, how many of the knowledge's texts use it."""
        for word in asked_about(strip_fillers(fold(question)[:MAX_FOLDED_CHARS]).split()[:MAX_WORDS]):
            if self._may_name(word) and word not in self.canonical and all(counts[s] <= 1 for s in any_stems(word)):
                return True
        return False

    def counted(self, text: str, language: str = "en") -> tuple[str, ...]:
        """The stems of what a "how many" question counts: the content words right after "how many", "сколько" or
        "neçə" ("how many *died*", "сколько *погибло*", "neçə *kontekst*"), as the support check stems them."""
        folded = self.unframed(text)
        found = _COUNTING.search(folded)
        if not found:
            return ()
        # the words right after it, to the first function word: "how many different *contexts*"; none when a
        # function word comes first ("how much did the drive cost" counts the cost)
        words = list(itertools.dropwhile(lambda w: w in _COUNT_ADVERBS, folded[found.end():].split()))
        after = list(itertools.takewhile(lambda w: w not in STOP_WORDS, words))[:COUNTED_WORDS]
        return self.model_terms(" ".join(after), language)[0] if after else ()

    def head_asked(self, text: str, language: str = "en") -> tuple[str, ...]:
        """The stems of the thing a question asks of, where an answer must name it: the thing whose name is asked
        ("the name of Azerbaijan's *president*", "the name of the *airline* that…") and the one whose view is asked
        ("what does Azerbaijan's *president* think about it?"), as the support check stems them. The brief's own
        author and the brief itself are no such thing: every answer is theirs."""
        unframed = self.unframed(text)
        holder = _HOLDER_OF.search(unframed)  # "who is the president of Azerbaijan?": a president
        office = holder and (holder.group("x") or holder.group("y") or holder.group("z"))
        if office and office not in self.soft and office not in STOP_WORDS:
            return self.model_terms(office, language)[0]
        found = _NAME_OF.search(unframed)
        if found:
            # (to the first function word or participle: "the pipeline *abbreviated* as TANAP" names a pipeline)
            phrase = list(itertools.takewhile(lambda w: w not in STOP_WORDS and not _PARTICIPLE.search(w),
                                              found.group("x").split()))[:COUNTED_WORDS]
        else:
            role = _ROLE_OF.search(unframed)
            if role:  # "what role did Russian peacekeepers play in Karabakh?": the answer must name peacekeepers
                return self._head((role.group("x") or role.group("x_ru")).split(), language)
            found = _VIEW_OF.search(unframed)
            if found and found.group("x2"):  # "does the brief say what Azerbaijan's president thinks?"
                return self._head(found.group("x2").split(), language)
            relations = None if found else _RELATIONS_OF.search(unframed)
            # (whose relations: a name, as written - "Armenia's relationship", not "bilateral relations")
            if relations and any(fold(w) == relations.group("x") and w[:1].isupper() and (i or fold(w) in self.proper)
                                 for i, w in enumerate(text.split())):
                found = relations
            phrase = found.group("x").split() if found else []
        head = self._head(phrase, language)
        words = unframed.split()
        named = [w for i, w in enumerate(words) if w in _SPECIFIC_ATTRIBUTES_CASED or w in _SPECIFIC_ATTRIBUTES_EN and (
            words[i + 1:i + 2] == ["of"] or words[i - 1:i] in (["what"], ["which"]))]
        if not head and named:  # "what was the route of Flight 8243?", "какая столица…?": the answer must give a
            return self.model_terms(" ".join(named), language)[0]  # route, a capital
        return head

    def _head(self, phrase: list[str], language: str) -> tuple[str, ...]:
        """The stem of a noun phrase's head, read with the phrase around it ("the Russian president" is Putin, by the
        knowledge's alias), or none for the brief or its author."""
        phrase = [w for w in phrase if w not in STOP_WORDS]
        # (misspelt too: "what does the auther say about…" asks what the brief says)
        if not phrase or phrase[-1] in self.soft or any(
                len(s) >= MIN_REPAIR_LETTERS and DamerauLevenshtein.distance(phrase[-1], s) <= 1 for s in self.soft):
            return ()
        return self.model_terms(" ".join(phrase), language)[0][-1:]

    def unknown_name(self, text: str) -> str | None:
        """A name inside the question (a capitalised word that does not open a sentence) that no text of the
        knowledge uses: "Что думает *Турция* об этом?", "Did *Erdogan* comment?". The brief cannot say what it never
        names, in any language; a name the knowledge knows, in any form or alias, is no such word."""
        raw = text[:MAX_FOLDED_CHARS].split()
        capitals = [fold(w) for w in raw[1:] if w[:1].isupper()]
        lettered = [w for w in raw if w[:1].isalpha()]
        if (len(capitals) + 1) * 2 >= len(raw) and any(w in STOP_WORDS for w in capitals) or (
                len(lettered) > 1 and all(w[:1].isupper() for w in lettered)):
            return None  # Title Case ("What Are The Author's Main Takeaways?", "Gas Storage Details") capitalises
            # words, not names (but "What happened to Azerbaijanis in Yekaterinburg?" capitalises two names only)
        aliased = self._in_longer_alias(fold(text[:MAX_FOLDED_CHARS]).split()[:MAX_WORDS])
        for found in _NAME_INSIDE.finditer(text[:MAX_FOLDED_CHARS]):
            if _POSSESSIVE_BEFORE.search(text[: found.start()]):
                continue  # "Putin's Regime": a capitalised noun of a name's, no name of its own
            word = fold(found.group("name"))
            short = found.group("name").isupper() and len(word) < MIN_NAME_LETTERS  # "FK": a name however short
            if " " not in word and word not in aliased and (self._unknown(word) or short and word.isalpha()
                                                            and word not in STOP_WORDS and not self._known(word)):
                return word
        return None

    def unknown_kind(self, words: list[str]) -> str | None:
        """A word naming what is asked about that no text of the knowledge uses, or None. A word of a longer alias
        the question uses ("vladimir" of "vladimir putin", "straw" of "the last straw") names what the alias does."""
        aliased = self._in_longer_alias(words)
        return next((w for w in asked_about(words) if w not in aliased and self._unknown(w)), None)
