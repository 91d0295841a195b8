"""The pure core: a question goes in, a Reply comes out. No front-end imports."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from bot.i18n import human_date, say
from bot.knowledge.models import Brief, Entry, Knowledge
from bot.matching.analyzer import MONTHS, Analyzer, asks_about_the_bot, chat_only, fact_kinds
from bot.matching.language import DEFAULT_LANGUAGE, detect
from bot.matching.patterns import lazy_regex
from bot.matching.policy import MAX_SUGGESTIONS, ON_TOPIC_SHARE, Decision, decide
from bot.matching.scorer import Candidate, Scorer
from bot.matching.stemming import stem_word
from bot.matching.support import Support
from bot.matching.text import (
    HAS_CYRILLIC,
    ORDINALS,
    PARAGRAPH_REQUEST_AZ,
    PARAGRAPH_REQUEST_EN,
    PARAGRAPH_REQUEST_RU,
    QUESTION_WORDS,
    SOFT_STOP_WORDS,
    STOP_WORDS,
    fold,
    stem,
    without_chat_lead,
)
from bot.reply import Reply, Source, Suggestion

MAX_QUESTION_CHARS = 1000  # longer messages are pasted documents, not questions
INLINE_RESULTS = 5  # inline mode offers at most this many answers


_CLAUSE_END = lazy_regex(r"(?<=[.:;!?])\s+|(?<!\s)\s+[-–—]\s+")  # (?<!\s): linear on long runs of spaces
DECLARED_KIND_SHARE = 0.1  # an entry answers a kind of fact ("how many") if this share of its phrasings ask for it
DECLARED_KIND_COUNT = 2  # ... or this many of them, however many phrasings it has: two phrasings of a hundred that
# ask "how many" are the author's word that the entry answers a count (a hundred-phrasing intent)
_WHEN_KINDS = frozenset({"date", "time", "day"})  # the kinds a date in a quote gives, if the entry answers "when"
WHEN_EVIDENCE_PHRASINGS = 8  # phrasings from which none asking "when" says the entry does not answer it (a draft
# has 3-5, asked of its sentences: too few to tell)
OPEN_SLOT_SHARE = 0.1  # an entry expects words nobody else uses if this share of its phrasings name one ...
OPEN_SLOT_COUNT = 3  # ... and at least this many do: one stray word (a typo, an inflection) is no pattern
NAME_MIN_LETTERS = 5  # shorter words are too alike across languages to call one a spelling of another
NAME_SIMILARITY = 85  # rapidfuzz ratio from which an Azerbaijani-only word is a spelling of a source name
ROLE_NAMING_SHARE = 0.25  # "X's role" is read as X alone when at most this share of the entries use X's words (the
# role of Ukraine, of Europe, of energy; not Russia's, which every entry speaks of)
TITLE_SUBJECT_WORDS = 3  # a title's first words, which a question near it must all use: its subject is among them
TITLE_LIKENESS = 85  # fuzz.ratio from which a question is its brief's title asked (a name swapped, words reordered)
MIN_TITLE_WORDS = 3  # a shorter title ("Energy") is a word readers use, not a reference to the brief
# A question inside a sentence about the reader: "(I need to) know / tell me / I wonder" + a question word ("explain
# how a compressor works" is no lead-in: it asks for an explanation)
_EMBEDDED = lazy_regex(r"\b(know|tell me|remind me|wondering|wonder|curious|find out|asking|ask you)"
                       r"\s+(?P<wh>what|who|whom|when|where|why|how|which|whether)\b"
                       r"|\b(знать|узнать|скажите|скажи|подскажите|подскажи|интересно),?"
                       r"\s+(?P<wh_ru>что|кто|когда|где|почему|как|какой|какая|какие|сколько|зачем)\b", re.IGNORECASE)
# "Besides X, what …?", "Кроме X, что ещё …?", "X-dən başqa, …?" (folded): X names an entry the question sets aside
SET_ASIDE_EN = r"besides|apart from|aside from|other than|except for|except"  # the words that set a thing aside
SET_ASIDE_RU = r"кроме|помимо|не считая"
_SET_ASIDE = lazy_regex(rf"^(?:{SET_ASIDE_EN}|{SET_ASIDE_RU}) "
                        r"(?P<x>.+?) (?P<q>(?:what|which|who|how|why|when|where|is|are|was|were|did|does|do|has|have"
                        r"|что|какие|какой|какая|кто|как|почему|когда|где|чем|зачем)\b.*)$")
# ... or with no question after it at all: "and besides the plane?", "а кроме самолёта?", "təyyarədən başqa?" (what
# else, then)
_SET_ASIDE_BARE = lazy_regex(rf"^(?:{SET_ASIDE_EN}|{SET_ASIDE_RU}) (?P<x>.+)$"
                             r"|^(?P<x_az>.+?)(?:dan|den|tan|ten|nan|nen) (?:basqa|savayi)$")
_WHAT_ELSE = {"ru": "что еще", "az": "basqa ne"}  # (folded) the question a bare set-aside asks; English "what else"
# ... or at the end, in English: "what else besides the plane?" (folded; Russian puts its verb anywhere: "кто ещё
# кроме Путина цитируется?")
_SET_ASIDE_END = lazy_regex(rf"^(?P<q2>(?:what|which|who|how|why|when|where)\b.*?) (?:{SET_ASIDE_EN})"
                            r" (?P<x2>(?!(?:(?:the|a|an) )?\S+ \S+(ed|ing)\b)\S+(?: \S+){0,3})$")
# (no verb after it: "who else besides Armenia rejected it?" sets Armenia aside inside the question, whose verb follows)
# ... and in Russian at the end, with nothing after the thing set aside: "а что ещё обострило отношения кроме
# самолёта?", "а ещё чё было кроме самолёта" (folded; "кто ещё кроме Путина цитируется?" has its verb after it)
_SET_ASIDE_END_RU = lazy_regex(rf"^(?P<q4>(?:(?:ещ[её]) )?(?:что|че|чо|кто|какие|какой|какая|чем|где|когда|почему|как)"
                               rf"\b.*?) (?:{SET_ASIDE_RU}) (?P<x4>\S+(?: \S+)?)$"
                               r"(?<!ся)(?<!ет)(?<!ит)(?<!ют)(?<!ят)(?<!ут)(?<!ал)(?<!ял)(?<!ил)(?<!ла)(?<!ли)(?<!ло)")
_LEADING_AND = lazy_regex(r"^(and|so|but|а|и|ну|bes) ")  # "and what else besides the plane?" (folded)
_SET_ASIDE_MID = lazy_regex(rf"^(?P<q3>(?:what|which|who)) (?:else )?(?:{SET_ASIDE_EN})"
                            r" (?P<x3>(?:the|a|an) \S+|(?!(?:the|a|an)\b)\S+)"
                            r" (?P<r3>\S+(?:ed|ing)\b.*)$")  # "who else besides Armenia rejected it?" (folded)
_SET_ASIDE_AZ = lazy_regex(r"^(?P<x>.+?)(?:dan|den|tan|ten|nan|nen) (?:basqa|savayi) (?P<q>.+)$"
                           r"|^(?P<q2>.+) (?P<x2>\S+?)(?:dan|den|tan|ten|nan|nen) (?:basqa|savayi)$")  # or at the end
_SET_ASIDE_INSIDE = lazy_regex(rf"^(?:(?:and|so|а|и|ну)\s+)?(?P<qw>\w+(?: else| ещё| еще)?),?\s+"
                               rf"(?:{SET_ASIDE_EN}|{SET_ASIDE_RU})"
                               r"\s+(?P<x>[^,]+),\s*(?P<rest>\S.*)$", re.IGNORECASE)
_WH = (r"(?:who|when|where|what|which|why|how|кто|когда|где|что|какой|какая|какое|какие|какую|каким|каких|почему"
       r"|зачем|сколько|kim"
       r"|ne vaxt|harada|niye|hansi|nece)")
# two questions in one message, each opening with its question word: "who wrote it and when?" (folded)
# (a second question may open with its preposition: "…, and through which pipelines?", "…и через какие трубы?")
_PREPOSITION = r"(?:through|by|in|from|to|with|for|via|at|on|через|в|во|из|по|с|со|к|на)"
_TWO_QUESTIONS = lazy_regex(rf"^(?P<a>{_WH}\b.+?) (?:and|и|а также|ve) (?P<b>(?:{_PREPOSITION} )?{_WH}\b.*)$"
                            # (Azerbaijani puts its question word later: "bu yazını kim yazıb və nə vaxt?")
                            rf"|^(?P<a_az>(?:\w+ ){{0,3}}(?:kim\w*|ne|hansi\w*|harada|niye)\b.*?) ve"
                            r" (?P<b_az>(?:\w+ ){0,3}(?:kim\w*|ne|hansi\w*|harada|niye|nece)\b.*)$")
# a why with nothing of its own after a statement (folded): "does this piece explain why?", "why is that?", "почему?"
_BARE_WHY = lazy_regex(r"^((and|so|but|а|и|bes|ну) )?(?P<wh>why|why is that|why so|how come|(does|can|will|did) (this"
                       r"|the|it)( (piece|brief|article|text|author|paper|report))? (explain|say|tell( us| me)?) why"
                       r"|почему|почему так|отчего|объясняет ли (статья|автор) почему|niye|niye bele|neden"
                       r"|since when|с какого (момента|времени)|с каких пор|neceden|ne vaxtdan"
                       r"|(?P<what>what (exactly )?(does|did) (the brief|it|the author|the article|he)"
                       r" (claim|say|argue|list|name|mention)( about (it|that|this))?"
                       r"|что (же )?(говорится|сказано) (об этом )?в статье))$")
# the lead of a statement that reports it ("I keep hearing that…", "говорят, что…", "deyirlər ki…") (folded)
_HEARD = lazy_regex(r"^((i|we) (keep hearing|hear|heard|read|have read|keep reading|saw|have seen|was told)"
                    r"|(people|they|everyone|many) (say|said|are saying|claim)|apparently|it seems)( that)? "
                    r"|^(я )?(слышал|слышала|читал|читала|говорят|пишут)(,)?( что)? |^(esitdim|deyirler|oxudum) ki ")
# what a message of two questions, or of a statement and "why?", must hold: a joining word or a second sentence
_MAY_BE_SHAPED = lazy_regex(r"\s(and|и|ve|və|а также)\s|[.!?…]\s+\S", re.IGNORECASE)
_SINCE_WHEN = frozenset({"since when", "с какого момента", "с какого времени", "с каких пор", "neceden", "ne vaxtdan"})
# ... or two question sentences: "What does Baku insist on? And who is Azerbaijan's president?"
_TWO_SENTENCES = lazy_regex(r"^(?P<a>[^?]{3,}\?)\s+(?:(?:and|also|а|и|ещё|еще|bəs|bes|və|ve)\s+)?(?P<b>[^?]{3,}\?)$",
                            re.IGNORECASE)
_ASKS_BY_ORDER = lazy_regex(r"^(where|when|why|how|who|what|which) (is|was|are|were|did|does|do|has|have|had|can"
                            r"|could|will|would)\b")  # "where was it flying to": asks, with no question mark
# "When Russia shot the plane down, what did Putin say?": a leading clause that sets the scene (its "when" is
# followed by a subject, not by a verb as in "when did…"), then the question; the question says what is asked
_SCENE_SETTING = lazy_regex(r"^(?:when|whenever|once|after|before|while|if|since|как только|когда|после того как|пока"
                            r"|если|после того, как|с тех пор как)"
                            r" (?!(?:is|was|are|were|did|does|do|has|have|had|can|could|will|would|should|when|был"
                            r"|была|было|были)\b)[^,?]+, (?P<main>(?:whats|what|which|who|whom|whose|when|where|why"
                            r"|how|is|was|are|were|did|does|do|has|have|had|can|could|will|would|should|что|какой"
                            r"|какая|какие|какое|кто|когда|где|почему|зачем|как|сколько)\b.*)$", re.IGNORECASE)
# (a question that goes on after "and" asks both: "Когда Россия сбила самолёт, и где?" asks when, and where)
# Personal pronouns point back into a scene-setting clause: "When Europe stopped buying Russian gas, who did *it* turn
# to?" is no question on its own (folded)
_POINTS_BACK = lazy_regex(r"\b(it|its|they|them|their|he|she|him|her|his|there|он|она|оно|они|его|ее|ей|ему|им|их"
                          r"|ней|нем|нему|него|ним|ними|них|onu|onun|ona|onda|ondan)\b")
_SCENE_ELSE = lazy_regex(r"\b(else|other|ещ[её]|другого|другое|basqa)\b")  # "after the plane, what else…?" (folded)
# "he"/"she" in a question after a lead-in: someone the lead-in named ("who is vasif huseynov, like where does *he*
# work?"), so the question is not one on its own (folded)
_SOMEONE_BEFORE = lazy_regex(r"\b(he|she|him|her|his|hers)\b")  # (Russian "он", "её" are "it" as often)
_THAT_CLAUSE = frozenset("то того тому тем том".split())  # (folded) "на то, что…", "о том, что…": a clause, no question
# The words of a question about the brief as a whole, besides those naming the brief (stemmed as query terms are):
# one that asks for its gist, and any of those that say how briefly
_GIST_STEMS = frozenset(stem(w) for w in """summary argument point thesis idea about кратко вкратце коротко суть мысль
    идея перескажи перескажите пересказ qisaca xulase xulasesi xulas fikir fikri mahiyyeti""".split())
_WHOLE_BRIEF_STEMS = _GIST_STEMS | frozenset(stem(w) for w in """short shortly main whole entire overall one two three
    sentence sentences line lines quick quickly nutshell главное главная главный основная основной статья статье статьи
    двух словах слова всю всей целиком статью qisa esas meqale meqalenin meqalede meqaleni et thing 1 2 3 4 5
    """.split())  # ("the whole thing in 3 sentences")
_HOW_BRIEFLY = frozenset(stem(w) for w in """short shortly one two three four five sentence sentences line lines quick
    quickly nutshell paragraph paragraphs words 1 2 3 4 5""".split())
_ASKS_PARAGRAPH = lazy_regex(r"\b(which|what) (paragraph|passage)\b|\bв каком (абзаце|отрывке)\b"
                             rf"|\bhansi (paraqraf|abzas)|{PARAGRAPH_REQUEST_EN}\b|\b{PARAGRAPH_REQUEST_RU}\b"
                             rf"|\b(paraqrafi|abzasi) goster|{PARAGRAPH_REQUEST_AZ}")  # folded
_SUM_UP = frozenset("summarize summarise summary sum up recap each кратко перескажи xulase".split())  # folded
# (folded) words that open a Russian clause inside a question ("…, когда сбили рейс?"), not a question of its own
_RU_SUBORDINATE = frozenset("когда где что как куда откуда чтобы если пока".split())
_POINTING = frozenset("it that this they them he she него это он она".split())  # "…, what is it?": of the lead
# where someone works (folded): what he does, not a place an entry names ("where does the author work?")
_WORKPLACE = lazy_regex(r"^(and |so )?where (does|did|do|is|was) (?P<en>(\w+ ){0,2}\w+) (work|works|working|teach"
                        r"|teaches|teaching|employed)\b"
                        r"|\bгде (работает|работал|работала|преподает|преподаёт) (?P<ru>\w+( \w+)?)"
                        r"|(?P<az>\w+) harada (isleyir|isleyib|isledi|calisir|dərs deyir)\b")
# (folded) a person a workplace question asks of
_PEOPLE = frozenset(("the author", "author", "he", "she", "the writer", "автор", "он", "она", "muellif", "o"))
CONTENT_SHARE_WEIGHT = 0.5  # an entry that explains all of a question's content words explains at least this share of
# it, whatever function words the question asks with ("which things won't the kremlin tolerate?"); an unknown content
# word ("fjords", "weather") still sinks it
MIN_CONTENT_STEMS = 2  # ... when it names two things at least: one word the brief uses is no question about it ("do
# you agree?")
# function words that change what a question asks, and count as content for that rule (folded): "who *else* got shot
# down?", "what *will* the budget do?", "are *you* at war?", "will it happen *again*?"
_STILL_ASKED = frozenset("""else other another others will would should shall must might may can could you your yours
    u ur again ещё еще другой другие другого другая будет будут ты вы тебе вам тебя вас снова опять basqa diger sen
    siz sizin senin yene""".split())
_CLAUSE_FILLERS = frozenset("like i mean so and or but as in say ну то есть типа".split())  # before a clause's question
# The article named by what it is about (folded): "the piece about Azerbaijan distancing itself from Russia", "статью о
# том, как…", "Moskvadan üz döndərən Azərbaycan haqqında məqaləni"
_ARTICLE_ABOUT = lazy_regex(r"\b(?:the|this|that|a) (?P<article>article|piece|brief|paper|analysis) (?:about|on)"
                            r" (?P<about>.+)$"
                            r"|\b(?P<article_ru>стат(?:ья|ьи|ью|ьей|ье|ю|я)|материал[ае]?) (?:о|об|про)"
                            r" (?P<about_ru>.+)$"
                            r"|^(?P<about_az>.+?) haqqinda (?P<article_az>meqale|meqaleni|meqalesi|yazi|yazini)\b")
# ... asked for its author, date or title (folded): "who wrote…", "кто автор…", "… kim yazıb?"
_ASKS_OF_ARTICLE = lazy_regex(r"^(?:and |so )?(?:who (?:wrote|penned|authored|is the author|s the author|is the writer)"
                              r"|when (?:was|did)|what is the title|whats the title|what s the title)\b"
                              r"|^(?:а |и )?(?:кто (?:написал|автор|является автором)|когда (?:вышла|вышел|опубликова)"
                              r"|как называется)|\b(?:kim yazib|kim yazmisdir|kimin terefinden|ne vaxt)\b")
# Words that point at a place in the text or the talk, never at what is asked ("what doesn't the Kremlin tolerate
# *there*?"): the support check leaves them out (folded)
_DEICTIC = frozenset("there here там тут здесь orada burada ora bura orda burda".split())
# a person or people in general names no one an answer must name: "people getting arrested" are the Azerbaijanis
_ANYONE = frozenset("""people person persons folks guys individuals anyone anybody someone somebody everyone люди людей
    человек лица кто-то кто-нибудь insanlar adamlar kimse""".split())
# a thing's role is what the brief says of it: "what's Ukraine's role?", "how does Azerbaijan fit in?" ask of Ukraine
# and Azerbaijan, and the role names nothing an answer must say as well (folded; "fit in" reads as "role")
_ROLE = frozenset("""role roles play plays played playing роль роли ролью играет играют играл играла играть сыграть
    сыграет сыграла rol rolu rolunu
    oynayir oynayib oynayiblar oynayacaq""".split())
_IN = frozenset("in within inside в во на".split())  # a place named as where something is ("Azerbaijanis in Russia")
_PLACE_INSIDE = lazy_regex(r"\b(?:where (?:exactly |precisely )?in|which part of|whereabouts in) (?:the )?(?P<x>\w+)"
                           r"|\b(?:где именно (?:в|на)|в какой части) (?P<x_ru>\w+(?: \w+)?)")  # folded
MIN_PART_WORDS = 3  # a last clause shorter than this ("why?") leans on what came before; it is not the question


@functools.cache
def _ordinal_stems() -> dict[str, int]:
    """Each ordinal's stem in our three languages ("перв" of "первой"), and its number."""
    return {stem_word(w, lang): n for w, n in ORDINALS.items() if w.isalpha() for lang in ("en", "ru", "az")}


def _ordinal_pairs(stems: tuple[str, ...]) -> frozenset[tuple[int, str]]:
    """(number, the stem after it) for each ordinal in a text's stems: (1, "karabakh") of "the First Karabakh War"."""
    ordinals = _ordinal_stems()
    return frozenset((ordinals[a], b) for a, b in zip(stems, stems[1:], strict=False) if a in ordinals)


# A paragraph asked for by its number (folded): "show me paragraph 3", "quote the first paragraph", "процитируй первый
# абзац", "ikinci abzası göstər". Its place in the text, not a context: "the first paragraph" is not the first context.
# (the shared ordinals, with the genitive a paragraph takes - "первого абзаца" - and the further places a text has)
_ORDINAL_WORDS = {
    **ORDINALS, "первого": 1, "второго": 2, "третьего": 3, "четвертого": 4, "пятого": 5,
    **dict.fromkeys(("sixth", "6th", "шестой", "шестого", "altinci"), 6),
    **dict.fromkeys(("seventh", "7th", "седьмой", "седьмого", "yeddinci"), 7),
    **dict.fromkeys(("last", "final", "последний", "последнего", "sonuncu", "son"), -1),
}
_PARAGRAPH_NOUN = r"(?:paragraph|para|passage|абзац|абзаца|абзаце|параграф|abzas\w*|paraqraf\w*)"
_NUMBERED_PARAGRAPH = lazy_regex(rf"\b(?:(?P<word>{'|'.join(_ORDINAL_WORDS)}) {_PARAGRAPH_NOUN}"
                                 rf"|{_PARAGRAPH_NOUN} (?:no |number |№ ?)?(?P<n>\d{{1,2}})"
                                 rf"|(?P<n2>\d{{1,2}})(?:st|nd|rd|th|-?й|-?ый|-?ci|-?cu)? {_PARAGRAPH_NOUN})\b")
# ... asked for, not mentioned: "what does the first paragraph say?", "show me…" ("which paragraph is it in?" is not)
_WHICH_ONE = lazy_regex(r"\b(which|what|в каком|какой|hansi)\s+" + _PARAGRAPH_NOUN)


# A thing named first and asked of after a comma by a pronoun: "And the people arrested, where were they?", "The
# plane, when was it shot down?" (English; the thing is a noun phrase, not a place or a time: "in Russia, where…")
_DISLOCATED = lazy_regex(r"^(?:(?:and|so|but|ok|okay|oh|hmm|also)\W+)*"
                         # (back to a thing named before: "go back to the declaration, when was it signed?")
                         r"(?:(?:let'?s |now )?(?:(?:go|going|get|come|coming) )?back to |return(?:ing)? to )?"
                         r"(?P<np>(?!(?:in|at|on|after|before|since|when|if|as|for|by|from|to|with|about|during)\b)"
                         r"(?:[\w'-]+ ){0,4}[\w'-]+),\s*(?P<wh>where|when"
                         r"|why|how|what|who|which)\s+(?P<aux>is|are|was|were|did|does|do|has|have|had)\s+(?:it|they|he"
                         r"|she|them)\b(?P<rest>[^,?]*)\?*$", re.IGNORECASE)


# Azerbaijani and Russian verbs in the past or the present (folded): "yazib", "isleyir", "написал", "работает"
_VERB_FORM_AZ_RU = lazy_regex(r"^[a-z]{2,}(y?[iu]b|[dt][iu]|m[iu]s(d[iu]r)?|y?[iu]r)$"
                              r"|^[а-я]{3,}(л|ла|ло|ли|лся|лась|ет|ит|ют|ят)$")
_KIND_NOUNS = frozenset("""date year day month time figure number place дата год году года день месяц время число
    место tarix il ilde ay gun vaxt reqem yer""".split())  # (folded) the kinds of fact, named
_CONJUNCTIONS = frozenset("and so but then а и но ve bes".split())  # before a question word (folded)
_YEAR = lazy_regex(r"\b(?:1[89]|20)\d\d\b")  # a year named: 1991, 2024 (not a flight number, 8243)
# ... as a time: "in 1991", "since 2020", "in December 2024", "в 2022 году", "1991-ci ildə" (folded; not a sum, "i need
# 2000", nor a model, "a 2012 ford fusion", nor a day's date, "march 4th 2019")
_YEAR_AS_A_TIME = lazy_regex(rf"\b(?:in|since|by|during|before|after|until|till|from|в|с|до|после|к) (?:(?:{MONTHS}"
                             r"|январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре) )?"
                             r"((?:1[89]|20)\d\d)\b|\b((?:1[89]|20)\d\d) (?:году|год|года|ilde|ilinde|ilin)\b")
_ARTICLES = frozenset("the a an this that these those".split())


def undislocated(text: str) -> str | None:
    """The question with its thing put back in place ("where were the people arrested?" of "And the people
    arrested, where were they?"), or None."""
    found = _DISLOCATED.match(text.strip().split(". ")[-1])
    if not found:
        return None
    thing = found.group("np")
    first, _, others = thing.partition(" ")
    if others and first.lower() in _ARTICLES:  # "The plane" is no name inside the question
        thing = f"{first.lower()} {others}"
    return f"{found.group('wh')} {found.group('aux')} {thing}{found.group('rest')}?"


def sets_aside_only(text: str) -> bool:
    """Whether a message only sets a thing aside, asking nothing after it: "а кроме самолёта?"."""
    return bool(_SET_ASIDE_BARE.match(_LEADING_AND.sub("", fold(text))))


def question_part(text: str) -> str | None:
    """The question after a lead-in, or None: the last sentence or clause ("I'm a journalist. In one line: why…?"),
    a question inside a sentence about the reader ("I'm preparing a briefing and need to know what happened to
    the plane"), or the last comma-clause a question word opens ("I've followed the Caucasus for years, and I'm
    curious, according to this article, what is the first context?") - of the last sentence too ("… Leaving the
    plane aside, what has been happening to Azerbaijanis in Russia?")."""
    clauses = [c for c in _CLAUSE_END.split(text.strip()) if c]
    # (the last that asks, before a remark after it: "… What set off this row? Thanks in advance, my uncle asks.")
    asked = [c for c in clauses if c.rstrip().endswith("?")]
    sentence = (asked or clauses)[-1] if len(clauses) >= 2 else text
    if len(sentence.split()) < MIN_PART_WORDS:
        return None
    inner = _inner_question(sentence)
    return inner or (sentence if sentence is not text else None)


def may_hold_two(text: str) -> bool:
    """Whether a message may hold two questions, or a statement and a question: a joining word or a second
    sentence (most messages have neither, and are read as one question at once)."""
    return bool(_MAY_BE_SHAPED.search(text))


def _why_of_statement(text: str) -> str | None:
    """"I keep hearing that Azerbaijan is drifting away from Russia. Does this piece explain why?": a statement, then
    a why with nothing of its own, asks why the statement is so - the question "why" and the statement; else None."""
    sentences = [c for c in re.split(r"(?<=[.!?])\s+", text.strip()) if c]
    bare = _BARE_WHY.match(" ".join(fold(sentences[-1]).split())) if len(sentences) >= 2 else None
    if bare is None:
        return None
    statement = _HEARD.sub("", " ".join(fold(" ".join(sentences[:-1])).split()))
    if bare.group("what"):  # "Europe didn't completely stop buying Russian energy though. What exactly does the
        return statement or None  # brief claim?": what the brief says of the statement
    if not statement:
        return None
    if bare.group("wh") in _SINCE_WHEN:  # "В статье кризис называют беспрецедентным. С какого момента?"
        return f"{bare.group('wh')} {statement}"
    # (in Russian "почему"; Azerbaijani's "niyə" reads as English's "why" for the matcher too)
    return f"{'почему' if HAS_CYRILLIC.search(statement) else 'why'} {statement}"


def _inner_question(text: str) -> str | None:
    """The question inside one sentence: after "need to know" and the like, or in its last comma-clause."""
    embedded = list(_EMBEDDED.finditer(text))
    if embedded:  # "I'm preparing a briefing and need to know what happened to the plane": the question is inside
        found = embedded[-1]
        rest = text[found.start("wh") if found.group("wh") else found.start("wh_ru"):].strip()
        if len(rest.split()) >= MIN_PART_WORDS:
            return rest
    parts = text.strip().split(",")
    for i in range(len(parts) - 1, 0, -1):
        ends, opens, first = fold(parts[i - 1]).split()[-1:], fold(parts[i]).split()[:1], fold(parts[0]).split()[:1]
        if ends and ends[0] in _THAT_CLAUSE and opens == ["что"]:
            continue  # "Как отреагировал Алиев на то, что сбили самолёт?": "на то, что…" is no question of its own
            # (but "Хочу узнать о том, когда была опубликована статья" asks when)
        if opens and opens[0] in _RU_SUBORDINATE and first and first[0] in QUESTION_WORDS and first[0] != "как":
            continue  # "Сколько человек погибло, когда сбили рейс?": Russian sets off its clauses with commas
        raw = ",".join(parts[i:]).split()
        lead = next((k for k, w in enumerate(raw) if fold(w) and fold(w) not in _CLAUSE_FILLERS), len(raw))
        if lead < len(raw) and fold(raw[lead]).split()[:1] and fold(raw[lead]).split()[0] in QUESTION_WORDS:
            rest = " ".join(raw[lead:])  # "…, like where does he work?", "…, - I mean - where does he work?"
            words = fold(rest).split()
            if all(w in STOP_WORDS or w in SOFT_STOP_WORDS for w in words) and not _POINTING.isdisjoint(words):
                return None  # "There's a quote about soldiers in there, what is it?": the lead says what is asked
            return rest if len(rest.split()) >= MIN_PART_WORDS else None
    return None


def _only_a_kind(question: str) -> bool:
    """Whether a question names nothing but the kind of fact it wants ("…, and on what date?", "и в каком году?"):
    a second question of the first one's subject."""
    return _content_only(question, _KIND_NOUNS.__contains__)


def _only_a_verb(question: str) -> bool:
    """Whether a question's only content words are verbs: a second question that drops its subject, as Azerbaijani
    and Russian do ("Vasif Hüseynov kimdir və nə *yazıb*?", "Кто такой Гусейнов и что *написал*?"): of the first's."""
    return _content_only(question, _VERB_FORM_AZ_RU.search)


def _content_only(question: str, test: Callable[[str], object]) -> bool:
    """Whether a question has content words, and all of them pass `test`."""
    content = [w for w in fold(question).split() if w not in STOP_WORDS]
    return bool(content) and all(test(w) for w in content)


def _without_offering(reply: Reply, entry: str | None) -> Reply:
    """A "not said" reply without its closest question when that is the entry answered beside it ("Who is Vasif
    Huseynov and what did he write?": the quote, then only "the brief does not say who that is")."""
    if not reply.suggestions or reply.suggestions[0].entry != entry:
        return reply
    offered = " " + say("not_said.closest", reply.language, question=reply.suggestions[0].question)
    return replace(reply, answer=reply.answer.removesuffix(offered), suggestions=())


def not_said(unmet: str, language: str, closest: str | None) -> str:
    """The "the brief does not say" sentence, and the closest question it does answer, if one is offered."""
    return say(f"not_said.{unmet}", language) + (" " + say("not_said.closest", language, question=closest)
                                                   if closest else "")


def covered_topics(knowledge: Knowledge, language: str = "en") -> str:
    """One sentence on what the knowledge covers, for declines."""
    parts = []
    for b in knowledge.briefs:
        t = b.translation(language)
        contexts = [(t.context(c.id) if t else None) or c for c in b.contexts]
        numbered = [c for c, orig in zip(contexts, b.contexts, strict=False) if orig.ordinal is not None] or contexts
        titles = [c.title.split(": ", 1)[-1] for c in numbered]
        named = say("brief_by", language, title=t.title if t else b.title, author=b.author_in(language),
                    date=human_date(b.date, language))
        parts.append(named + (": " + "; ".join(titles) if titles else ""))
    return " | ".join(parts)


class BriefBot:
    """Answers questions about the loaded briefs. Built once; every method is pure."""

    def __init__(self, knowledge: Knowledge, scorer: Scorer | None = None, analyzer: Analyzer | None = None):
        self.knowledge = knowledge
        self.analyzer = analyzer or Analyzer(knowledge)
        with self.analyzer.building():  # (each part below reads the knowledge's texts: once is enough)
            self._build(knowledge, scorer)

    def _build(self, knowledge: Knowledge, scorer: Scorer | None) -> None:
        if scorer is None:
            from bot.matching.learned import LearnedScorer

            scorer = LearnedScorer.fit(knowledge, self.analyzer)
        self.scorer = scorer
        self.languages = tuple(dict.fromkeys(lang for b in knowledge.briefs for lang in b.languages))
        self._english, self._azerbaijani = self._language_words(knowledge)
        titles = {fold(t.title) for b in knowledge.briefs for t in (b, *(b.translation(lang) for lang in b.languages))
                  if t is not None}
        self._titles = tuple(sorted((t for t in titles if len(t.split()) >= MIN_TITLE_WORDS), key=len, reverse=True))
        model = getattr(scorer, "model", None)
        checks = getattr(model, "checks", None)  # the learned scorer's calibration: the support floor's too
        calibration = (*checks, scorer.classes, model.calibration["answer_score"]) if checks else None
        self.support = Support(knowledge, self.analyzer, calibration)
        if checks:
            model.checks = None  # not cached: thousands of questions the warm start never needs
        self._entry_count = sum(len(b.entries) for b in knowledge.briefs)
        self._role_stems = frozenset(s for lang in self.languages for s in self.analyzer.model_terms(
            " ".join(sorted(_ROLE)), lang, repair=False)[0])
        counts = self.analyzer.stem_counts(knowledge)
        self._facts = {(b.id, e.id): self._fact_kinds(b, e, counts) for b in knowledge.briefs for e in b.entries}
        self._entry_ordinals = {(b.id, e.id): self._ordinals_named(b, e) for b in knowledge.briefs for e in b.entries}
        self._entry_years = {(b.id, e.id): frozenset(_YEAR.findall(" ".join(
            [e.quote] + [t for _, text in b.entry_texts(e.id) for t in (text.answer, text.quote) if t])))
            for b in knowledge.briefs for e in b.entries}
        # an entry whose own phrasings name years it does not state takes any year (a calendar's "in 2019")
        self._any_year = frozenset((b.id, e.id) for b in knowledge.briefs for e in b.entries if not frozenset(
            _YEAR.findall(" ".join(q for _, text in b.entry_texts(e.id) for q in text.questions))) <= self._entry_years[
            (b.id, e.id)])

    def fact_kinds(self, brief_id: str, entry_id: str) -> frozenset[str]:
        """The kinds of fact an entry gives: 'quantity', 'day', 'date', 'time', 'place', 'reason', 'detail' (see
        _fact_kinds), and 'bot' for an entry about the bot itself, 'chat' for one that answers small talk."""
        return self._facts.get((brief_id, entry_id), frozenset())

    def _fact_kinds(self, brief: Brief, entry: Entry, counts: Counter) -> frozenset[str]:
        """The kinds of fact an entry gives: those its quote states, and those its own phrasings ask for.

        The phrasings are the knowledge author's word on what the entry answers: an entry written for "how many
        calories…?" answers a quantity even if its answer text names none. An entry whose phrasings keep asking
        about things no other text names ("what does *idiosyncratic* mean", "what does *paean* mean") gives
        'detail': it expects a word the knowledge has never seen (`counts`: the texts that use each stem).
        """
        declared: set[str] = set()
        ever: set[str | None] = set()  # every kind any phrasing asks for
        phrasings = own = 0
        for _, text in brief.entry_texts(entry.id):  # each language's phrasings on their own
            asked = [self.analyzer.kind_asked(q) for q in text.questions]
            ever.update(asked)
            phrasings += len(asked)
            enough = max(1.0, min(DECLARED_KIND_SHARE * len(asked), DECLARED_KIND_COUNT))
            declared |= {k for k in set(asked) if k and asked.count(k) >= enough}
            if sum(map(asks_about_the_bot, text.questions)) >= enough:
                declared.add("bot")  # an assistant's entry about itself ("what is your name?"): it answers those
            if sum(chat_only(fold(q)) for q in text.questions) >= enough:
                declared.add("chat")  # an entry for "hello" or "thanks": it answers them, not the small talk reply
            own += sum(1 for q in text.questions if self.analyzer.names_its_own(q, counts))
        if own >= max(OPEN_SLOT_COUNT, OPEN_SLOT_SHARE * phrasings):  # in all its languages: a slot, not a word
            declared.add("detail")
        # the brief's words (the answer is ours: "Two things brought it…"); the front matter (title, byline, date)
        # states no fact of its own: "Why … Away from Moscow" gives neither a reason nor a place
        stated = fact_kinds(entry.quote) if entry.paragraph else frozenset()
        if fold(entry.quote) in {fold(t.title) for t in (brief, *map(brief.translation, brief.languages)) if t}:
            declared.add("title")  # the title entry gives the brief's title, which another work's title is not
        if phrasings >= WHEN_EVIDENCE_PHRASINGS and ever.isdisjoint(_WHEN_KINDS):
            # A date in the quote that none of many phrasings asks about dates something else: "as I have written
            # in The National Interest, only Russia and Armenia refused to abide by the December 1991 Alma-Ata
            # Declaration" does not say when the article came out.
            stated -= _WHEN_KINDS
        return stated | declared

    @staticmethod
    def _language_words(knowledge: Knowledge) -> tuple[frozenset[str], frozenset[str]]:
        words: dict[str, set[str]] = {"en": set(), "az": set()}
        names: set[str] = set()  # the English source's own words ("vasif", "baku") say nothing of the language
        for b in knowledge.briefs:
            for p in b.paragraphs:
                names.update(fold(f"{p.heading or ''} {p.text}").split())
            for e in b.entries:
                for lang, text in b.entry_texts(e.id):
                    if lang in words:
                        for q in text.questions:
                            words[lang].update(fold(q).split())
        azerbaijani = words["az"] - words["en"] - names
        from rapidfuzz import fuzz, process  # names spelt another way ("husenov" for Huseynov) are names too

        # (the whole word near a name: the default scorer's partial matches took "avropaya" and "enerji" for names)
        near = {w for w in azerbaijani if len(w) >= NAME_MIN_LETTERS
                and process.extractOne(w, names, scorer=fuzz.ratio, score_cutoff=NAME_SIMILARITY) is not None}
        return frozenset(words["en"] - words["az"]), frozenset(azerbaijani - near)

    def language_of(self, text: str, default: str | None = DEFAULT_LANGUAGE) -> str | None:
        """The language of a question: one the knowledge speaks, `default` when unclear, None when foreign."""
        found = detect(text, self._english, self._azerbaijani, default)
        return found if found is None or found in self.languages else default

    def topics(self, language: str = "en") -> str:
        return covered_topics(self.knowledge, language)

    def _covers(self, language: str) -> str:
        return say("covers", language, topics=self.topics(language))

    def suggestion(self, brief: Brief, entry: Entry, language: str, name_brief: bool = False) -> Suggestion:
        """An entry offered as a question; name_brief labels it with its brief's title."""
        text = brief.entry_text(entry.id, language)
        question = text.questions[0] if text and text.questions else entry.questions[0]
        return Suggestion(brief.id, entry.id, f"{question} ({brief.title})" if name_brief else question)

    def _suggestions(self, candidates: tuple[Candidate, ...], language: str) -> tuple[Suggestion, ...]:
        many = len(self.knowledge.briefs) > 1
        return tuple(self.suggestion(c.brief, c.entry, language, many) for c in candidates[:MAX_SUGGESTIONS])

    def entry_reply(self, brief_id: str, entry_id: str, question: str | None = None, score: float = 1.0,
                    language: str = "en") -> Reply | None:
        """The sourced answer of one entry, or None if it does not exist (e.g. stale buttons)."""
        brief = self.knowledge.brief(brief_id)
        entry = brief.entry(entry_id) if brief else None
        if entry is None:
            return None
        ctx = brief.context(entry.context)
        translation = brief.translation(language) if language != "en" else None
        text = brief.entry_text(entry.id, language)
        ctx_text = translation.context(ctx.id) if translation else None
        source = Source(brief.id, brief.title, brief.author, brief.date, entry.paragraph,
                        ctx_text.title if ctx_text else ctx.title)  # the brief's names stay; our label is translated
        related = tuple(self.suggestion(brief, r, language) for r in (brief.entry(i) for i in entry.related) if r)
        kind = "answer" if entry.stated else "not_said"
        return Reply(question=question if question is not None else text.questions[0], kind=kind,
                     answer=text.answer, quote=entry.quote, quote_translation=text.quote if language != "en" else None,
                     source=source, context=ctx_text.summary if ctx_text else ctx.summary, score=score,
                     related=related[:MAX_SUGGESTIONS], entry=entry.id, language=language if text.quote else "en")

    def check(self, text: str, language: str) -> Reply | None:
        """The reply to a message that is not a question we can match (empty, too long, foreign), else None."""
        if not text.strip():
            return Reply(question=text, kind="empty", answer=say("empty", language, covers=self._covers(language)),
                         language=language)
        if len(text) > MAX_QUESTION_CHARS:
            return Reply(question=text, kind="too_long", language=language,
                         answer=say("too_long", language, length=len(text), limit=MAX_QUESTION_CHARS))
        return None

    def ask(self, question: str, brief_id: str | None = None, language: str | None = None, *,
            focus: str | None = None, exclude: frozenset[str] = frozenset()) -> Reply:
        """Answer one question; never raises on any text. `language` forces the reply's language.

        `focus` is the part of the question that says what kind of fact is wanted, when the question was rebuilt
        from a follow-up ("when was that?" after "who shot the plane?" asks for a time, whatever the first asked).
        """
        text = question if isinstance(question, str) else ""
        # (a pasted document's language from its opening: folding megabytes only to say "too long" stalled every chat)
        detected = self.language_of(text[:MAX_QUESTION_CHARS]) if language is None else language
        if detected is None:
            return Reply(question=text, kind="other_language", answer=say("other_language"), language="en")
        lang = detected
        early = self.check(text, lang)
        if early:
            return early
        typed, text = text, without_chat_lead(text)  # "ok cool, and who's the author again?": the question after
        numbered = self.numbered_paragraph(text, brief_id, lang) if focus is None and not exclude else None
        if numbered is not None:
            return replace(numbered, question=typed)
        shaped = self._by_its_shape(text, brief_id, lang) if focus is None and not exclude else None
        if shaped is not None:
            return replace(shaped, question=typed)
        # A forced language (/lang, --lang) is the reply's; the words are matched in the language they are in.
        words = self.language_of(text, default=None) or lang if language is not None else lang
        part = undislocated(text) or question_part(text)
        part = part and self._refer_to_titles(part)
        wanted = focus
        scene = _SCENE_SETTING.match(text.strip()) if focus is None else None
        if scene:
            wanted = scene.group("main")  # "when you arrived, what did you see?" asks what, not when
        elif (wanted is None and part and (text.rstrip().endswith("?") or _ASKS_BY_ORDER.match(fold(part)))
                and self.analyzer.query(part).asks and not self.analyzer.query(text).asks):
            # (a question mark, or a question word and its verb: ", where the Kremlin…" in a pasted quote asks nothing)
            wanted = part  # "What was the route of Flight 8243, where was it flying to?": the last clause asks where
        decision = (self._set_aside(text, brief_id, words, exclude)
                    or (scene and self._after_scene(text, scene, brief_id, words, exclude))
                    or self.decide(self._refer_to_titles(text), brief_id, words, focus=wanted, exclude=exclude))
        # (not when the whole message already asks for the kind of fact the last clause does and the brief lacks it:
        # "Which Taras Kuzio article in The National Interest was it, what was its title?" - *its* title is not the
        # brief's)
        same_kind = decision.outcome == "not_said" and part and decision.unmet == self.analyzer.query(part).asks
        if decision.outcome != "answer" and part and focus is None and not same_kind and (
                not _EMBEDDED.search(text) or self._names_something(part)) and not scene and not (
                _SOMEONE_BEFORE.search(fold(part))):
            # (a question inside a sentence only when it names something of its own: "my card is lost and i need to
            # know how to report it" is about a card, whatever "how to report it" alone would match; and not after a
            # scene-setting clause, which is part of the question: "who did it turn to?" alone is not about the author)
            # "I'm a student writing on the Caucasus, quickly: what's the first context?" - the lead-in is about
            # the reader, not the brief; the question after it may be answerable on its own.
            alone = self.decide(part, brief_id, words, exclude=exclude)
            decision = alone if alone.outcome == "answer" else decision
        if focus is None:  # (whatever the whole matched: "who wrote the article about…?" asks for the author)
            decision = self._of_the_article(text, brief_id, words, exclude) or decision
        if decision.outcome == "suggest" and focus is None and not _ROLE.isdisjoint(fold(text).split()):
            # "ABŞ-ın rolu nədir?": a thing's role is what the brief says of the thing (the scorer weighs the role
            # words too, which every entry's phrasings share alike) - a thing few entries name, not "Russia's role"
            thing = " ".join(w for w in fold(text).split() if w not in _ROLE and w not in STOP_WORDS)
            stems = self.support_stems(thing, words)
            if stems and all(self._few_use(s) for s in stems):
                alone = self.decide(thing, brief_id, words, exclude=exclude)
                decision = alone if alone.outcome == "answer" else decision
        said = fold(text).split()
        briefly = [w for w in said if stem(w) not in _HOW_BRIEFLY]
        whole = focus is None and self._of_the_whole_brief(text)
        asked = briefly if whole else [w for w in briefly if w not in _SUM_UP]
        summed = whole or not _SUM_UP.isdisjoint(said)  # (a request to sum up: "the two triggers" is no length)
        if summed and focus is None and asked and len(asked) < len(said) and (
                decision.outcome != "answer" or not whole):
            # "summarize the whole brief in three sentences", "summarize the four contexts in one sentence each",
            # "summarize the plane incident in one line": how briefly to put it says nothing of what to put, nor
            # the request to sum up, of something it names
            gist = self.decide(" ".join(asked), brief_id, words, exclude=exclude)
            decision = gist if gist.outcome == "answer" else decision
        return self.compose(typed, decision, lang)

    def _by_its_shape(self, text: str, brief_id: str | None, language: str) -> Reply | None:
        """A message whose shape says how to read it: two questions in one, or a statement then "why?" ("I keep
        hearing that Azerbaijan is drifting away from Russia. Does this piece explain why?": why it is so); None to
        read it as one question."""
        if not may_hold_two(text):  # (a quick look first: most questions are one question, one sentence)
            return None
        both = self._two_questions(text, brief_id, language)
        if both is not None:
            return both
        said = _why_of_statement(text)
        why = self.ask(said, brief_id, language) if said is not None else None
        return why if why is not None and why.answered else None

    def _two_questions(self, text: str, brief_id: str | None, language: str) -> Reply | None:
        """"Who wrote it and when?", "Кто автор и когда она вышла?": two questions, each with its question word,
        answered by two entries - the first's reply with the second's as `also`; None to read the message whole. A
        second question with no words of its own asks of the first one's subject ("…and when?": of the byline's, the
        brief's date)."""
        part = question_part(text)  # (after a lead-in: "Quick one, I'm on deadline: who wrote it and when?")
        sentences = _TWO_SENTENCES.match(text.strip())
        found = (_TWO_QUESTIONS.match(" ".join(fold(text).split())) or sentences
                 or (part and _TWO_QUESTIONS.match(" ".join(fold(part).split()))))
        if not found:
            return None
        parts = {k: v for k, v in found.groupdict().items() if v}
        first_asked, asked = parts.get("a") or parts["a_az"], parts.get("b") or parts["b_az"]
        first = self.ask(first_asked, brief_id, language)
        # (the second leans on the first: "…and when was it built?", and Azerbaijani's pro-drop "…və nə deyib?")
        leans = (_POINTS_BACK.search(asked) or not self._names_something(asked) or _only_a_verb(asked)
                 or _only_a_kind(asked))
        if first.kind == "not_said" and not first.answered:
            # "Who is Vasif Huseynov and where does he work?": the brief says neither, and the whole message must
            # not be read as a question its quote answers; "…and what did he write?" gets the quote as the second
            second = self.ask(f"{first_asked} {asked}" if leans else asked, brief_id, language, focus=asked)
            if second.answered and self._names_something(asked) and self.support.share(
                    self.support_stems(asked, language), second.source.brief, second.entry) < self.support.floor_for(
                    second.source.brief, second.entry):
                return first  # "how long is TANAP and who owns it?": the pipelines' sentence names no owner
            about = first.suggestions[0].entry if first.suggestions else None
            if second.answered and leans and about is not None and second.entry != about:
                return first  # "how many agreements did they sign, and on what date?": theirs, not the brief's date
            if second.answered:  # the answer first, as every reply that answers leads with it
                return replace(second, question=text, also=(_without_offering(first, second.entry),))
            return replace(first, also=(second,)) if second.kind == "not_said" else first
        if not first.answered:
            return None
        if leans and self.knowledge.find_entry(first.source.brief, first.entry).paragraph == 0:
            second = self.byline_reply(first.source.brief, asked, language)  # "who wrote it and when?": the date
        elif leans:
            second = self.ask(first_asked, brief_id, language, focus=asked)
            # (a bare "…and why?" names nothing to ask alone: the first answer, which may say why, is read whole)
            alone = self.ask(asked, brief_id, language) if self._names_something(asked) and (
                second.entry == first.entry or not second.answered) else None
            if alone is not None and alone.answered and alone.entry != first.entry and (
                    self.knowledge.find_entry(alone.source.brief, alone.entry).paragraph != 0):
                second = alone  # "почему просели доходы и кто заменил её?": "её" is the first one's subject
        else:
            second = self.ask(asked, brief_id, language)
        # (a second question the brief does not answer is said so: "… And who is Azerbaijan's president?")
        if second is not None and second.answered and second.entry == first.entry and leans:
            return first  # "Какая декларация упоминается и когда она была принята?": one answer says both
        # (nor of the first's subject: "Putin nə deyib və bunu nə vaxt deyib?", his words, and not when)
        if second is None or second.kind not in ("answer", "not_said") or second.entry == first.entry or (
                second.kind == "not_said" and not sentences and not leans):
            return None
        return replace(first, also=(_without_offering(second, first.entry),))

    def byline_reply(self, brief_id: str, question: str, language: str) -> Reply | None:
        """The reply of the brief's byline entry (paragraph 0) that states the kind of fact a question asks for
        ("when?" after "who wrote it?": its date), or None."""
        asks = self.analyzer.query(question).asks
        brief = self.knowledge.brief(brief_id) if asks else None
        entry = next((e for e in brief.entries if e.paragraph == 0 and asks in self.fact_kinds(brief.id, e.id)),
                     None) if brief else None
        return self.entry_reply(brief.id, entry.id, question, language=language) if entry else None

    def _of_the_article(self, text: str, brief_id: str | None, language: str,
                        exclude: frozenset[str]) -> Decision | None:
        """"Who is the author of the piece about Azerbaijan distancing itself from Russia?": the article named by
        what it is about, asked for its author, date or title; None when the question is not one of those."""
        folded = fold(text)
        named = _ARTICLE_ABOUT.search(folded)
        if not named or not _ASKS_OF_ARTICLE.search(folded):
            return None
        article = named.group("article") or named.group("article_ru") or named.group("article_az")
        about = named.group("about") or named.group("about_ru") or named.group("about_az")
        # what it is about must be this brief's subject, as its title and summary put it: "the article on the
        # Alma-Ata Declaration in The National Interest" is another article
        said = set().union(*(stems for b, stems in self._subject_stems.items() if brief_id in (None, b)))
        stems = [s for s, w in zip(*self.analyzer.model_terms(about, language), strict=True) if w not in STOP_WORDS]
        if not stems or sum(s in said for s in stems) * 2 < len(stems):
            return None
        reduced = folded[: named.start()] + " " + article + " " + folded[named.end():]
        found = self.decide(" ".join(reduced.split()), brief_id, language, exclude=exclude)
        return found if found.outcome == "answer" and found.best.entry.paragraph == 0 else None

    @functools.cached_property
    def _subject_stems(self) -> dict[str, frozenset[str]]:
        """Each brief's subject as the stems of its title and summary, in every language (once per bot)."""
        return {b.id: frozenset(s for lang, t in (("en", b), *((lang, b.translation(lang)) for lang in b.languages))
                                if t for text in (t.title, t.summary)
                                for s in self.analyzer.model_terms(text, lang)[0])
                for b in self.knowledge.briefs}

    def _after_scene(self, text: str, scene: re.Match, brief_id: str | None, language: str,
                     exclude: frozenset[str]) -> Decision | None:
        """The question after a scene-setting clause, answered on its own words, when that reads it better; None to
        read the message whole.

        "After the plane was downed, what else pushed the crisis to the forefront?" sets the plane aside, as "besides
        the plane" would. "Since Europe stopped buying Russian energy, what's Azerbaijan's role been?" is answered by
        the entry the question names, when the scene fits that entry too and the entry the scene names does not fit
        the question ("Когда Европа перестала покупать российский газ, кто её заменил?": the suppliers, not the lost
        revenue). A question that points back into the scene ("who did *it* turn to?") is read alone only so: "who
        did it turn to?" alone is about the author, whom the scene does not fit."""
        main, setting = scene.group("main"), text.strip()[: scene.start("main")]
        named = self.scorer.rank(setting, brief_id, language)
        if _SCENE_ELSE.search(fold(main)) and named and named[0].confidence >= self.scorer.thresholds.answer:
            return self._other_than(named[0], _SCENE_ELSE.sub(" ", fold(text)), _SCENE_ELSE.sub(" ", fold(main)),
                                    brief_id, language, exclude)
        alone = self.decide(main, brief_id, language, exclude=exclude)
        whole = self.decide(self._refer_to_titles(text), brief_id, language, focus=main, exclude=exclude)
        if alone.outcome != "answer" or (whole.outcome == "answer" and whole.best.entry.id == alone.best.entry.id):
            return None

        def explains(decision: Decision, part: str) -> bool:
            c = decision.best
            return self.support.share(self.support_stems(part, language), c.brief.id, c.entry.id) >= \
                self.support.floor_for(c.brief.id, c.entry.id)

        fits = explains(alone, setting) and not (whole.outcome == "answer" and explains(whole, main))
        return alone if fits or (whole.outcome != "answer" and not _POINTS_BACK.search(fold(main))) else None

    def _other_than(self, aside: Candidate, asked: str, main: str, brief_id: str | None, language: str,
                    exclude: frozenset[str]) -> Decision | None:
        """Another thing than the entry set aside ("after the plane…, what else…?", "besides the plane, what else…?"):
        what answers the question without it; else, when the question (`main`, without the thing set aside) asks
        nothing the knowledge cannot speak of ("what else did Putin eat?"), the closest of the entries the knowledge
        relates to it, or, when it names nothing of its own ("what else happened?"), the first of them. Of those,
        one whose quote does not quote the thing set aside again comes first: "what else besides the plane?" is the
        arrests, not the pair of events that names the plane again."""
        found = self.decide(asked, brief_id, language, exclude=exclude | {aside.entry.id})
        again = fold(aside.entry.quote)

        def quotes_it(candidate: Candidate) -> bool:
            return again in fold(candidate.entry.quote)

        def first_other(candidates: list[Candidate]) -> list[Candidate]:
            """The candidates, those that do not quote the thing set aside first."""
            return sorted(candidates, key=quotes_it)

        if found.outcome == "answer" and found.best.entry.id not in aside.entry.related:
            # "besides the plane, what other recent events worsened relations?": another of the plane's own kind, when
            # the knowledge relates one to it that the question fits too (not "how bad relations are")
            sibling = next(iter(first_other([c for c in self.scorer.rank(asked, brief_id, language)
                                             if c.entry.id in aside.entry.related and c.entry.id not in exclude
                                             and c.confidence >= self.scorer.thresholds.suggest])), None)
            if sibling is not None and self.support.share(self.support_stems(main, language), sibling.brief.id,
                                                          sibling.entry.id) >= self.support.floor_for(
                                                              sibling.brief.id, sibling.entry.id):
                return Decision("answer", (sibling,))
        if found.outcome == "answer":
            return found
        query = self.analyzer.query(main)
        if query.known_share <= ON_TOPIC_SHARE or query.unknown_kind or query.asks:
            return None
        related = first_other([c for c in self.scorer.rank(asked, brief_id, language) if c.entry.id in
                               aside.entry.related and c.entry.id not in exclude
                               and c.confidence >= self.scorer.thresholds.suggest])
        unranked = first_other([Candidate(aside.brief, e, self.scorer.thresholds.answer) for e in map(
            aside.brief.entry, aside.entry.related) if e and e.id not in exclude])
        # (a question naming nothing of its own takes the related entry that does not quote the thing set aside
        # again, ranked or not: "what else besides the plane?" is the arrests)
        if related and not (not query.terms and unranked and quotes_it(related[0]) and not quotes_it(unranked[0])):
            return Decision("answer", (related[0],))
        # (of the related entries, the first that does not name the thing set aside again, if any)
        first = unranked[0].entry if unranked else None
        # (at the least confidence an answer takes: the knowledge relates it, the scorer did not rank it)
        return Decision("answer", (Candidate(aside.brief, first, self.scorer.thresholds.answer),)) if (
            first and not query.terms) else None

    def _names_something(self, text: str) -> bool:
        """Whether a question has a content word that is neither a function word nor one naming the brief."""
        return any(w not in STOP_WORDS and w not in self.analyzer.soft for w in fold(text).split())

    def _set_aside(self, text: str, brief_id: str | None, language: str, exclude: frozenset[str]) -> Decision | None:
        """"Apart from the plane, what else angered Baku?": the question after the lead, answered by anything but
        the entry the lead names; None (read the message whole) when the lead names nothing the brief says or
        nothing else answers (the suppliers "besides Norway" are in the entry that names Norway)."""
        folded = _LEADING_AND.sub("", fold(text))
        lead = (_SET_ASIDE.match(folded) or _SET_ASIDE_AZ.match(folded) or _SET_ASIDE_END.match(folded)
                or _SET_ASIDE_MID.match(folded) or _SET_ASIDE_END_RU.match(folded))
        parts = {k: v for k, v in lead.groupdict().items() if v} if lead else {}
        aside = parts.get("x") or parts.get("x2") or parts.get("x3") or parts.get("x4")
        asked = parts.get("q") or parts.get("q2") or parts.get("q4") or (
            f"{parts['q3']} {parts['r3']}" if "q3" in parts else None)
        inside = None if lead else _SET_ASIDE_INSIDE.match(text.strip())
        if inside:  # "Что, помимо сбитого самолёта, обострило отношения?": the lead inside, between commas
            aside, asked = inside.group("x"), f"{inside.group('qw')} {inside.group('rest')}"
        bare = None if lead or inside else _SET_ASIDE_BARE.match(folded)
        if bare:  # "а кроме самолёта?": what else, then
            aside, asked = bare.group("x") or bare.group("x_az"), _WHAT_ELSE.get(language, "what else")
        named = self.scorer.rank(aside, brief_id, language) if aside else []
        if not named or named[0].confidence < self.scorer.thresholds.answer:
            return None
        # "besides the plane, what else has fuelled the crisis?", "Təyyarədən başqa nə baş verib?": a thing set aside
        # asks for another, with "else" or without it
        asked = " ".join(_SCENE_ELSE.sub(" ", fold(asked)).split())
        return self._other_than(named[0], asked, asked, brief_id, language, exclude)

    def _refer_to_titles(self, text: str) -> str:
        """A brief's title inside a question names the brief: "who wrote 'Why Azerbaijan Is Turning Away from
        Moscow'?" asks who wrote the article, not why Azerbaijan turns away. A question that is the title, or the
        title with only function words around it ("tell me why azerbaijan is turning away from moscow"), asks it."""
        folded = fold(text)
        for title in self._titles:
            if title in folded:
                rest = folded.replace(title, " ")
                if self.analyzer.terms(rest):
                    return " ".join(folded.replace(title, " article ").split())
        return text

    def _is_title(self, text: str) -> bool:
        """Whether a question is a brief's title, or the title with a word or two another ("Why is Azerbaijan
        turning away from Moscow?", "Почему Азербайджан отворачивается от России?")."""
        folded = fold(text)
        if folded in self._titles:
            return True
        from rapidfuzz import fuzz, process

        found = process.extractOne(folded, self._titles, scorer=fuzz.ratio, score_cutoff=TITLE_LIKENESS)
        # (with its subject: "Почему Армения отворачивается от Москвы?" is another country's question)
        return found is not None and set(found[0].split()[:TITLE_SUBJECT_WORDS]) <= set(folded.split())

    def decide(self, text: str, brief_id: str | None, language: str, *, focus: str | None = None,
               exclude: frozenset[str] = frozenset()) -> Decision:
        """The policy's decision; `exclude` names entries the question rules out ("who else is quoted?")."""
        query = self.analyzer.query(text)
        if focus is not None:
            wanted = self.analyzer.query(focus)
            query = replace(query, asks=wanted.asks, unknown_kind=wanted.unknown_kind)
        ranked = [c for c in self.scorer.rank(text, brief_id, language) if c.entry.id not in exclude]
        if self._is_title(text):
            # the title asked as a question asks the title's question ("Почему Азербайджан отворачивается от
            # Москвы?", "…от России?"), not what the title is: the entry whose quote is the title does not answer it
            ranked = [c for c in ranked if fold(c.entry.quote) not in self._titles]
        stems = self.support_stems(text, language)
        # (a role names nothing an answer must say too: of an entry that does not speak of roles, the rest is weighed -
        # the role of a thing few entries name: "Russia's role" is every entry's)
        unroled = tuple(s for s in stems if s not in self._role_stems)
        unroled = unroled if len(unroled) < len(stems) and all(
            self._few_use(s) for s in unroled if s not in STOP_WORDS and s not in self.analyzer.soft) else ()
        # (not of a follow-up rebuilt with the last question's words, which its last entry explains by construction)
        content = self.content_stems(text, language) if focus is None else ()
        content = content if len(set(content)) >= MIN_CONTENT_STEMS else ()
        # what a "how many" question counts, if the brief names it somewhere ("how many *angles*" may be the
        # contexts in other words; "сколько *погибло*" names the killings the brief speaks of elsewhere)
        counted = [s for s in self.analyzer.counted(focus or text, language) if self.support.knows(s)] \
            if query.asks == "quantity" else []
        # "where in Russia…?", "где именно на западе Украины…?": a place inside the one an entry names, which it
        # does not give (but "where in Ukraine…?" is answered by "in Western Ukraine")
        inside = _PLACE_INSIDE.search(fold(focus or text)) if query.asks == "place" else None
        # "where does the author work?": a workplace, which a place where he wrote is not
        workplace = query.asks == "place" and self._asks_workplace(fold(focus or text))

        def facts(c: Candidate) -> frozenset[str]:
            kinds = self._facts[(c.brief.id, c.entry.id)]
            if counted and not any(self.support.uses(s, c.brief.id, c.entry.id) for s in counted):
                return kinds - {"quantity"}  # an entry's figure counts something else: the five contexts, no dead
            if workplace or (inside and self._names_no_finer(c, inside.group("x") or inside.group("x_ru"))):
                return kinds - {"place"}
            return kinds

        def support(c: Candidate) -> tuple[float, float]:
            return (max(self.support.share(stems, c.brief.id, c.entry.id),
                        self.support.share(unroled, c.brief.id, c.entry.id) if unroled else 0.0,
                        CONTENT_SHARE_WEIGHT * self.support.share(content, c.brief.id, c.entry.id) if content else 0.0),
                    self.support.information(stems, c.brief.id, c.entry.id))

        def policy(candidates: list[Candidate]) -> Decision:
            return decide(query, candidates, self.scorer.thresholds, facts, support,
                          min_support=lambda c: self.support.floor_for(c.brief.id, c.entry.id))

        decision = policy(ranked)
        decision = self._of_its_year(fold(focus or text).split(), decision, ranked, policy)
        if decision.outcome == "answer" and self._other_ordinal(text, language, decision.best):
            return Decision("not_said", (decision.best,), "detail")  # the First Karabakh War, of the Second's entry
        head = self.analyzer.head_asked(focus or text, language)
        if decision.outcome in ("suggest", "not_understood") and decision.candidates and head and not any(
                self.support.knows(s) for s in head):
            # "does the brief say what Azerbaijan's president thinks?": on topic, matched by nothing, and of a
            # president no text of the knowledge names - the brief does not say
            return Decision("not_said", decision.candidates[:1], "detail")
        if decision.outcome == "answer" and head and not any(
                self.support.uses(s, decision.best.brief.id, decision.best.entry.id) for s in head):
            # "what is the name of Azerbaijan's president?": the title entry names a brief, no president; "what does
            # Azerbaijan's president think about it?": no entry gives his view
            return Decision("not_said", (decision.best,), "detail")
        return decision

    def _of_its_year(self, asked: list[str], decision: Decision, ranked: list[Candidate],
                     policy: Callable[[list[Candidate]], Decision]) -> Decision:
        """A decision held to the year a question names (`asked`: its folded words)."""
        years = frozenset(y for found in _YEAR_AS_A_TIME.findall(" ".join(asked)) for y in found if y)
        if decision.outcome != "answer" or not years or (
                decision.best.brief.id, decision.best.entry.id) in self._any_year:
            return decision
        # (of a question a question word opens: "the plane was shot down in 2023, right?" and "is the brief from
        # 2024?" state a year to be checked, which the answer that corrects it answers)
        opened = asked[0] in QUESTION_WORDS or asked[0] in _CONJUNCTIONS and asked[1:2] and asked[1] in QUESTION_WORDS
        stated = self._entry_years[(decision.best.brief.id, decision.best.entry.id)]
        if opened and not years <= stated:
            # "what happened in 1991?": a year the answer must state (the 1991 of the USSR's end, not the plane of
            # 2024); the entries that state it, or "the brief does not say"
            stating = [c for c in ranked if years <= self._entry_years[(c.brief.id, c.entry.id)]
                       or (c.brief.id, c.entry.id) in self._any_year]
            return policy(stating) if stating else Decision("not_said", (decision.best,), "detail")
        if not stated:  # "Did Putin say it in 2022?": an answer that gives no year neither confirms one nor corrects it
            return Decision("not_said", (decision.best,), "time")
        return decision

    def _few_use(self, stem: str) -> bool:
        """Whether few entries use a stem (see ROLE_NAMING_SHARE)."""
        return self.support.entries_using(stem) <= ROLE_NAMING_SHARE * self._entry_count

    def _other_ordinal(self, text: str, language: str, candidate: Candidate) -> bool:
        """Whether a question names a thing by an ordinal ("the *First* Karabakh War") that the entry names only by
        another ("the *Second* Karabakh War"): another thing of the same name, which the entry does not speak of."""
        asked = _ordinal_pairs(self.analyzer.model_terms(text, language)[0])
        if not asked:
            return False
        named = self._entry_ordinals[(candidate.brief.id, candidate.entry.id)]
        return asked.isdisjoint(named) and any(any(n != pair[0] and w == pair[1] for n, w in named) for pair in asked)

    def _ordinals_named(self, brief: Brief, entry: Entry) -> frozenset[tuple[int, str]]:
        """The things an entry's answers and quotes name by an ordinal, in every language (see `_ordinal_pairs`)."""
        texts = [(entry.quote, "en")] + [(t, lang) for lang, text in brief.entry_texts(entry.id)
                                         for t in (text.answer, text.quote) if t]
        return frozenset(p for t, lang in texts for p in _ordinal_pairs(self.analyzer.model_terms(t, lang, False)[0]))

    def _asks_workplace(self, folded: str) -> bool:
        """Whether a place question asks where a person works ("where does the author work?", "где работает
        Гусейнов?"): a person, by a pronoun, a role or a name the brief capitalises (not "where does the storage
        work?")."""
        found = _WORKPLACE.search(folded)
        if not found:
            return False
        who = next(group for group in (found.group("en"), found.group("ru"), found.group("az")) if group)
        return who in _PEOPLE or all(w in self.analyzer.proper for w in who.split())

    def _names_no_finer(self, candidate: Candidate, place: str) -> bool:
        """Whether an entry names the place a question asks inside of, and nothing finer: "Azerbaijanis in Russia"
        for "where in Russia…?", not "in Western Ukraine" for "where in Ukraine…?"."""
        brief, entry = candidate.brief, candidate.entry
        texts = [fold(entry.quote)] + [fold(t.quote or "") for _, t in brief.entry_texts(entry.id)]
        found = [m for t in texts for m in re.finditer(rf"(\w+) {re.escape(place)}\b", t)]
        return any(m.group(1) in _IN for m in found) and all(m.group(1) in STOP_WORDS for m in found)

    def content_stems(self, text: str, language: str) -> tuple[str, ...]:
        """The stems of a question's content words: what it names, without the function words it asks with (but
        with those that change what it asks: "else", "will", "you", "again")."""
        stems, words = self.analyzer.model_terms(text, language)
        return tuple(s for s, w in zip(stems, words, strict=True) if w not in STOP_WORDS or w in _STILL_ASKED)

    def support_stems(self, text: str, language: str) -> tuple[str, ...]:
        """The stems the support check weighs: a function word no entry uses ("lol", "besides") says nothing of
        what is asked, and would otherwise weigh as much as a word naming something the brief never mentions."""
        stems, words = self.analyzer.model_terms(text, language)
        return tuple(s for s, w in zip(stems, words, strict=True)
                     if w not in _DEICTIC and w not in _ANYONE and (w not in STOP_WORDS or self.support.knows(s)))

    def _of_the_whole_brief(self, text: str) -> bool:
        """Whether a question asks for the brief as a whole ("tl;dr?", "what is the main argument of this brief in
        one or two sentences?", "кратко о чём статья?"): it names nothing but the brief and how briefly to put it."""
        terms = self.analyzer.query(text).terms
        # (its gist may be asked with a word that names nothing: "what is this brief about, in a sentence or two?")
        gist = not _GIST_STEMS.isdisjoint(terms) or not _GIST_STEMS.isdisjoint(map(stem, fold(text).split()))
        return gist and all(t in _WHOLE_BRIEF_STEMS or t in self.analyzer.soft for t in terms)

    def numbered_paragraph(self, text: str, brief_id: str | None, language: str) -> Reply | None:
        """"Show me paragraph 3", "процитируй первый абзац": that paragraph of the brief, whole and numbered, with
        the first entry that quotes it as its source; None when the message asks for no paragraph by number, or the
        brief has no such paragraph (or no entry of it)."""
        folded = fold(text)
        found = _NUMBERED_PARAGRAPH.search(folded) if not _WHICH_ONE.search(folded) else None
        briefs = [self.knowledge.brief(brief_id)] if brief_id else list(self.knowledge.briefs)
        if found is None or len(briefs) != 1 or briefs[0] is None:
            return None
        brief = briefs[0]
        numbers = [p.number for p in brief.paragraphs if p.number > 0]
        wanted = _ORDINAL_WORDS[found.group("word")] if found.group("word") else int(found.group("n") or
                                                                                      found.group("n2"))
        n = numbers[-1] if wanted == -1 and numbers else wanted
        entry = next((e for e in brief.entries if e.paragraph == n), None) if n in numbers else None
        return self.paragraph_reply(brief.id, entry.id, text, language) if entry else None

    def paragraph_reply(self, brief_id: str, entry_id: str, question: str, language: str,
                        score: float = 1.0) -> Reply | None:
        """An entry's reply with its whole paragraph, numbered and in the brief's own words, as the answer; None for
        the byline's entries, which have no paragraph."""
        brief = self.knowledge.brief(brief_id)
        entry = brief.entry(entry_id) if brief else None
        paragraph = brief.paragraph(entry.paragraph) if entry and entry.paragraph else None
        reply = self.entry_reply(brief_id, entry_id, question, score, language) if paragraph else None
        if reply is None:
            return None
        said = (say("source.paragraph", language, n=entry.paragraph), paragraph.heading, paragraph.text)
        return replace(reply, answer="\n".join(filter(None, said)))

    def compose(self, text: str, decision: Decision, lang: str) -> Reply:
        """The Reply for a decision, in the question's language."""
        outcome = decision.outcome
        if outcome == "answer":
            best = decision.best
            shown = self.paragraph_reply(best.brief.id, best.entry.id, text, lang, best.confidence) if (
                _ASKS_PARAGRAPH.search(fold(text))) else None
            if shown is not None:
                return shown  # "which paragraph talks about the Alma-Ata Declaration?": that paragraph, numbered
            reply = self.entry_reply(best.brief.id, best.entry.id, text, best.confidence, lang)
            if best.entry.context == best.brief.contexts[0].id and self._of_the_whole_brief(text):
                # "give me a short summary of the whole brief": the whole brief's summary, resting on its opening
                # (the quote and source stay the opening's; the summary is the knowledge's own, in every language)
                translation = best.brief.translation(lang) if lang != "en" else None
                reply = replace(reply, answer=translation.summary if translation else best.brief.summary)
            return reply
        suggestions = self._suggestions(decision.candidates, lang)
        if outcome == "not_said":
            closest = suggestions[0].question if suggestions else None
            return Reply(question=text, kind="not_said", answer=not_said(decision.unmet, lang, closest),
                         score=decision.confidence, suggestions=suggestions[:1], language=lang)
        if outcome == "suggest":
            key = "suggest.one" if len(suggestions) == 1 else "suggest"
            return Reply(question=text, kind="suggest", answer=say(key, lang), score=decision.confidence,
                         suggestions=suggestions, language=lang)
        if outcome == "not_understood":
            return Reply(question=text, kind="not_understood", answer=say("not_understood", lang),
                         score=decision.confidence, suggestions=suggestions, language=lang)
        if outcome == "small_talk":
            talk = f"small_talk.{decision.small_talk or 'greeting'}"
            return Reply(question=text, kind="decline", answer=say(talk, lang, covers=self._covers(lang)),
                         language=lang)
        return Reply(question=text, kind="decline", answer=say("decline", lang, covers=self._covers(lang)),
                     score=decision.confidence, language=lang)

    def top_answers(self, question: str, limit: int = INLINE_RESULTS, brief_id: str | None = None,
                    language: str | None = None) -> list[Reply]:
        """Up to `limit` sourced entry replies that plausibly answer the question (for inline mode)."""
        text = question if isinstance(question, str) else ""
        if not text.strip() or len(text) > MAX_QUESTION_CHARS:
            return []
        lang = language or self.language_of(text) or "en"
        ranked = self.scorer.rank(text, brief_id, lang)
        return [self.entry_reply(c.brief.id, c.entry.id, None, c.confidence, lang)
                for c in ranked[:limit] if c.confidence >= self.scorer.thresholds.suggest]
