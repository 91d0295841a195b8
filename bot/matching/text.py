"""Text normalization shared by validation and matching: quotes, dashes, diacritics, tokens."""

from __future__ import annotations

import functools
import re
import unicodedata

from bot.matching.patterns import lazy_regex

_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′´`“”„‟″«»\""})
# Letters that Unicode does not decompose into a base letter and a mark, in both cases.
_LETTERS = str.maketrans({"ə": "e", "Ə": "e", "ı": "i", "ß": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae",
                          "œ": "oe", "Œ": "oe", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ё": "е", "Ё": "е"})
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"})
_US = lazy_regex(r"\bU\.?S\.?A?\b(?!\w)")
_NON_WORD = lazy_regex(r"[^a-z0-9\u0430-\u044f]+")  # Latin and Russian Cyrillic letters, digits
_WS = lazy_regex(r"\s+")
_POSSESSIVE = lazy_regex(r"'s\b")

_STOP_WORDS_EN = frozenset(
    """    a an the and or but if of to in on at for from with as into onto than then
    is are was were be been being am do does did doing done has have had having
    i me my we us our you your he him his she her it its they them their this that these those
    there here what which who whom when where why how whats whos wheres hows
    can could would should will shall may might must let lets s t d ll re ve m
    not no any some all so very too also just really still even ever
    please tell know explain describe say says said talk mention mentioned
    anything something thing things stuff kind sort like get gets got getting give
    dont doesnt didnt isnt arent wasnt werent cant wont shouldnt wouldnt couldnt havent hasnt hadnt
    use uses using now nowadays currently right whole entire become becomes became becoming lately
    role roles play plays played lay lays laid outline outlines relevant pertinent saying establish establishes
    established
    anyone anybody someone somebody everyone quick quickly briefly shortly basically actually simply kindly exactly
    precisely
    pls plz okay ok well hey maybe perhaps again
    abt bout rn smth sth tho ur imo idk wrt cuz coz bc
    besides except apart other others else instead alongside
    gotten always never often sometimes usually already yet ago less more fewer most least
    after before during between over under since until within without against among through across per via
    lol lmao haha hahaha omg wtf bruh dude wat wut yo bro tbh ngl anyway anyways
    oh ah aha wow hmm hm uh um oops gosh dear
    itself himself herself themselves yourself myself ourselves
    make made makes making come comes came coming go goes going went gone happen happens happened happening
    bit little lot""".split()
)
# Russian and Azerbaijani function words: pronouns, particles, conjunctions, prepositions and question words, as the
# English list has them (no numbers, no words that name a subject). Written in their folded forms ("ə" -> "e").
STOP_WORDS_RU = frozenset(
    """и в во не что он на я с со как а то все всё она так его но да ты к у же вы за бы по только ее её мне было вот
    от меня еще ещё нет о об из ему теперь когда ли если уже или ни быть был была были будет него до вас нибудь уж вам
    ведь там тут потом себя ей может они где есть надо ней для мы тебя их чем сам чтоб чтобы без чего тоже себе под ж
    тогда кто кого кому кем этот того потому этого какой какая
    какое какие каком какого какую каким совсем ним здесь там тут этом
    тем нее случилось произошло случилось происходит
    сейчас куда зачем почему всех можно при об после над тот через эти нас про всего них разве эту впрочем этой перед
    том такой им всю это вообще кстати скажи скажите расскажи расскажите пожалуйста слушай ну ли же ведь именно
    сколько как кроме помимо другие другой других роль роли ролью играет играют играла играл играть сыграть сыграет
    сыграла сыграли связь связи
    упоминается упоминаются упоминаеться упоминаються упомянут упомянута упомянуты упоминает упоминают
    называют называет сказал сказала сказали говорил говорила говорит братан бро
    стоит стоят стоил стоила стоило стоили слыш слышь подождите погоди погодите часть части частью
    туда сюда оттуда эта здраствуйте плз плиз реально типа кста""".split()
)
STOP_WORDS_AZ = frozenset(
    """ve ile bu o bir da de ki ne niye hansi hansilar kim kimi harada hara haradan nece ucun sonra amma lakin ya yoxsa
    hem her bele ele bes axi ise onun onlar onlarin bunu onu bunlar sen biz siz deyil var yox olan olub olar idi
    artiq hele indi daha en gore qeder haqqinda barede mi mu zehmet olmasa zehmet deyesen bilirsen
    basqa savayi diger nedir kimdir necedir haradadir hansidir nedi kimdi olacaq olur olsun
    rol rolu rolunu oynayir oynayib oynayacaq elaqe elaqesi biri birine birini deqiq deqiqlikle vaxt zaman
    buna bunda bundan bunun ona onda ondan onlara onlarda onlardan kime kimden kimin kimle neye neden neyi
    neyin burada bura burda orada ora orda hansilardir mesele meselede meseleye meselesi meselesinde
    deyib dedi deyir demisdi soyleyib soyledi ay qardas qardasim hisse hissesi hissesinde hissesindedir
    nezerde tutur tuturdu tutub tutulur tutulurdu""".split()
)
# Words that relate things rather than name one: "what role does Ukraine play", "the link between…". Stop words,
# but not typo targets ("paying" is no "playing")
_RELATIONAL = frozenset("""role roles play plays played playing link links linked connection connections
    connected angle angles aspect aspects dimension dimensions situation part parts bit bits
    section sections opportunity opportunities possibility possibilities option options фактор
    фактора amil amili
    возможность возможности imkan imkani imkanlar
    """.split())  # "what's the energy angle?", "tell me about the sovereignty part", "hansı imkanı təklif edib?"
ENGLISH_STOP_WORDS = _STOP_WORDS_EN  # typos snap to these, never to a Russian or Azerbaijani one ("solar", "olar")
STOP_WORDS = _STOP_WORDS_EN | STOP_WORDS_RU | STOP_WORDS_AZ | _RELATIONAL
# Words that open a question, in each language (folded)
QUESTION_WORDS = frozenset("""what which who whom whose when where why how что какой какая какие кто когда где почему
    зачем как сколько ne nece niye kim harada hansi""".split())
# The ordinals of our three languages (folded), and their numbers
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5,
    "первый": 1, "первая": 1, "второй": 2, "вторая": 2, "третий": 3, "третья": 3, "четвертый": 4, "четвертая": 4,
    "пятый": 5, "пятая": 5, "birinci": 1, "ikinci": 2, "ucuncu": 3, "dorduncu": 4, "besinci": 5,
}
# Words that only carry meaning when nothing else is left ("what is the brief about?").
SOFT_STOP_WORDS = frozenset(
    "brief article piece paper text report story about exactly mean means think name named called author".split()
)


def fold_quotes(text: str) -> str:
    """Unify quote marks and dashes, so 'curly' and 'straight' compare equal."""
    return text.translate(_QUOTES).translate(_DASHES)


def collapse_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def verbatim_key(text: str) -> str:
    """The form in which a quote must appear in its paragraph: whitespace and quote style ignored."""
    return collapse_ws(fold_quotes(unicodedata.normalize("NFC", text)))


_LINK = lazy_regex(r"\[([^\]]{0,200})\]\([^)]{0,500}\)")  # markdown [text](url) keeps its text
_MARKUP = lazy_regex(r"<(script|style)\b[^<>]{0,200}>.{0,2000}?</\1\s*>|</?[a-zA-Z][^<>]{0,200}>|\bhttps?://\S+",
                     re.IGNORECASE | re.DOTALL)  # HTML tags (and what a script holds) and bare URLs are not words


# Azerbaijani writes a case ending after an abbreviation with a hyphen ("ABŞ-ın", "NATO-ya", "TANAP-dan"): the
# abbreviation is the word, as "Putin's" is "Putin" (matched after diacritics are folded)
_AZ_CASE_ENDING = lazy_regex(r"(?<=[A-Z]{2})-(?:n?[iu]n|y?[ae]|d[ae]n?|l[ae]|n?[iu]|nda|nde)\b")
# a number's ending after its hyphen, in Russian and Azerbaijani: "в 2023-м", "2020-го", "2023-cü ildə" (the number)
_AZ_NUMBER_ENDINGS = r"[cç][iıuü]|d[ae]n?|[iıuü]n"  # "-cü" (-th), "-də"/"-dən" (in, from), "-in" (of)
_NUMBER_ENDING = lazy_regex(rf"(?<=\d)-(?:м|й|го|му|х|ом|ем|ый|ий|ой|{_AZ_NUMBER_ENDINGS}|[ae])\b", re.IGNORECASE)
# ... and glued to a year, as readers type it without the hyphen: "2020de", "2023cü" (a year: "8243" stays a label)
_YEAR_ENDING = lazy_regex(rf"(?<=\b\d{{4}})(?:{_AZ_NUMBER_ENDINGS}|y?[ae]|м|го|х)\b", re.IGNORECASE)
_A_YEAR = lazy_regex(r"\d{4}")  # (the quick look before the ending is sought)
FOLD_CACHE = 4096  # texts whose folded form is remembered: a question is folded by every check that reads it
FOLD_CACHE_CHARS = 1000  # ... if no longer than this (a question's limit): the cache holds at most about 8 MB


def fold(text: str) -> str:
    """Lower-case, strip diacritics, unify quotes/dashes and drop punctuation (and markup: tags, links)."""
    return _fold_remembered(text) if len(text) <= FOLD_CACHE_CHARS else _fold(text)


def _fold(text: str) -> str:
    if "<" in text or "](" in text or "://" in text:
        text = _MARKUP.sub(" ", _LINK.sub(r"\1", text))
    if not text.isascii():
        text = fold_quotes(unicodedata.normalize("NFKC", text))
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        text = text.replace("\u0438\u0306", "\u0439").replace(
            "\u0418\u0306", "\u0419"
        )  # NFKD splits Russian й; keep it
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _US.sub(" usa ", text.replace('"', "'").replace("`", "'"))
    text = _NUMBER_ENDING.sub("", _AZ_CASE_ENDING.sub("", text)) if "-" in text else text
    text = _YEAR_ENDING.sub("", text) if _A_YEAR.search(text) else text
    text = _POSSESSIVE.sub("", text.lower()).replace("'", "")
    return collapse_ws(_NON_WORD.sub(" ", text))


_fold_remembered = functools.lru_cache(maxsize=FOLD_CACHE)(_fold)


def clear_fold_cache() -> None:
    """Forget the remembered folds and stripped frames (for benchmarks that read the same texts again)."""
    _fold_remembered.cache_clear()
    _strip_remembered.cache_clear()


# A request for a paragraph, before what it speaks of (folded): "show me the paragraph…", "покажите, пожалуйста,
# абзац…" (the frames below take it off; the brief's reply shows that paragraph whole)
# ... or for the exact words: "give me the exact sentence about the flight", "дай точную цитату про Алма-Ату"
PARAGRAPH_REQUEST_EN = (r"\b(show|give|quote|read|find|paste)( me| us)? (the |a )?(paragraph|passage"
                        r"|((exact|full|whole|original|precise|actual) )?(sentence|line|wording)"
                        r"|(exact|full|whole|original|precise|actual) (quote|words))")
PARAGRAPH_REQUEST_RU = (r"(покажи(те)?|показать|процитируй(те)?|процитировать|приведи(те)?|привести|дай(те)?)"
                        r"( пожалуйста)?( мне)? (абзац|отрывок|(точную|дословную) (цитату|фразу|формулировку)"
                        r"|(точные|дословные) (слова|высказывания)|(точное|дословное|то) предложение)")
# ... in Azerbaijani, after what it speaks of: "Hüseynovun dəqiq sözlərini ver" (folded)
PARAGRAPH_REQUEST_AZ = r"(deqiq|tam|eyni) (sozlerini|sozleri|sitatini|sitati|ifadesini|cumlesini) (ver|goster|yaz)(in)?"
_FILLERS = (  # (a pattern, compiled as its Latin and its Cyrillic halves below)
    r"\b(what is|whats|what) (the deal|up|going on|the thing|the story|the situation)( with| w| between| about)?\b"
    r"|\b(can|could) you (please )?(tell|explain|say)( me| us)?\b"
    r"|\b(can|could|would) you( please)?(?= (summari[sz]e|describe|outline|list|give|name|remind)\b)"
    # ("tell me about the brief" keeps its "about": "about the brief" asks what the brief is about)
    r"|\b(i (want|would like|d like) to know|do you know"
    r"|tell me( about(?! (the |this )?(brief|article|piece|text|paper)$))?"
    r"|according to (the |this )?(author|brief|article|text|piece|report|paper))\b"
    r"|\b(in|from) (the|this) (brief|article|text|piece)\b|\bstands? for\b|\bright now\b"
    r"|\b(by the way|btw|quick question|one question|just wondering)\b"
    # whom or what the answer is for says nothing of what is asked: "… in 3 sentences for my essay?"
    r"|\bfor (my|our|a) (essay|paper|class|homework|report|thesis|article|seminar|course|boss|students|audience)\b"
    # where in the brief a thing is: its entry shows its paragraph ("which paragraph talks about pipelines?")
    r"|\b(in )?(which|what) (paragraph|part|section)( of the (brief|article|text))? (talks|speaks|is|deals|mentions"
    r"|discusses|covers|describes)( about| with| of)?\b"
    r"|\bв каком (абзаце|разделе|месте|части)( статьи)? (говорится|идет речь|рассказывается|написано|сказано"
    r"|пишется)( (о|об|про))?\b|\bhansi (paraqraf|abzas)(da|de|dan)\b"
    # "show me the paragraph about pipelines", "покажи абзац, где говорится о втором контексте"
    rf"|{PARAGRAPH_REQUEST_EN}( of the (brief|article|text))?"
    r"(( (that|which))? (talks|speaks|is|deals|mentions|discusses|covers|describes)| where( it| the (author|brief"
    r"|article|text))? (talks|speaks|says|writes|discusses|mentions|describes|is)( said)?)?( about| on| of| with)?\b"
    rf"|\b(можешь |можете |могли бы )?{PARAGRAPH_REQUEST_RU}( (где|в котором) (говорится|идет речь|рассказывается"
    r"|написано|сказано"
    r"|пишется))?( (о|об|про))?\b|\b(haqqinda|barede) (olan )?(paraqrafi|abzasi) goster(in)?\b"
    rf"|{PARAGRAPH_REQUEST_AZ}"
    # how to say it, not what is asked: "in other words", "своими словами", "bir sözlə" (a word is no quote here)
    r"|\b(in (other|simple|plain|your own|my own|a few|few|two|a|one) words?|in a word|word for word|verbatim)\b"
    # where in the text a thing is spoken of: "where in the article does it talk about Norway?", "məqalənin harasında
    # Norveçdən danışılır?" (the reply gives the paragraph)
    r"|\bwhere in the (article|brief|text|piece)( does| do| is| are)?( it| they| the author| kuzio)?( talk| speak"
    r"| say| write| mention| discuss)?( anything)?( about| of| on)?\b"
    r"|\b(meqalenin|metnin) harasinda\b"
    # whose view it is, which every answer's is: "…, according to the article?", "согласно статье", "məqaləyə görə"
    r"|\b(according to|as per) (the )?(article|brief|text|piece|author|kuzio)\b|\bсогласно (статье|автору)\b"
    r"|\b(meqaleye|muellife) gore\b"
    r"|\b(другими|простыми|своими|двумя|одним|несколькими) (словами|словом)\b|\bв (двух|нескольких|паре) слов(ах)?\b"
    r"|\b(bir|iki|qisa|sade|oz) sozle(rinle|rle)?\b|\b(basqa|sade) sozle\b"
    # a request's head and its politeness say nothing of what is asked: "please explain what the triggers were"
    r"|^((please|pls|plz|kindly) )?(explain|describe|clarify|elaborate on)( to me| for me)?\b"
    r"|^(объясни|объясните|опиши|опишите)( мне| нам)?\b"
    r"|\b(please|pls|plz|kindly|пожалуйста)\b|\b(give|show) (me|us)\b"
    # a correction names what was asked: "no, I meant the pipelines", "нет, я про трубопроводы"
    r"|^((oops|sorry|oh|ой|упс|ах|извини|извините|pardon) )?((no|nope|not that|нет|не то|yox) )?(i (mean|meant)"
    r"|i was asking about|i m asking about"
    r"|я (имел|имела|имею) в виду|я про|я спрашивал(а)?( про| о| об)?)\b|\b(nezerde tuturdum|nezerde tuturam)\b"
    # Azerbaijani puts the asking last: "(yox,) mən TANAP-ın tam adını soruşurdum" (I was asking its full name)
    r"|^((yox|xeyr) )?men\b(?=.* (sorus(urdum|uram|musdum)|nezerde tuturdum|nezerde tuturam)$)"
    r"|\b(sorusurdum|sorusuram|sorusmusdum)$"
    r"|\bчто насч[её]т\b"  # "а что насчёт Армении?" is "what about Armenia?"
    # a view asked of the bot, which is the brief's: "и чё это значит по-твоему?"
    r"|\b(in your (opinion|view)|по (твоему|вашему)|на (твой|ваш) взгляд|sizce|sence)\b"
    r"|\b(имеется|имеются|имелась|имелся|имелось) в виду\b"  # "какая война имеется в виду?": which war
    r"|\bтам(?= (с|со|у|про|о|об)\b)"  # "что там с газом?" is "что с газом?" (what about the gas?), no place
    r"|\b(кстати|слушай(те)?|скажи(те)?|подскажи(те)?|вопрос такой|интересно|в последнее время)\b"
    r"|\bо (которых|котором|которой|которого|каторых|катором) (идет|идёт|шла|шел|шло) речь\b"  # "in question"
    r"|\b(lately|these days|of late|in the first place|to begin with|anyway|anyways|anyhow)\b"
    r"|\b(son vaxtlar|son zamanlar)\b"
    # (not "at the same time as the arrests", which asks of something else than them)
    r"|\b((at|around|about|by) the same time|in the meantime|meanwhile|simultaneously|в то же время|одновременно"
    r"|eyni zamanda)\b(?! (as|with|that|что|с|ile)\b)"
    r"|\b(в (этой )?(статье|тексте|брифе|материале)|по (словам автора|мнению автора))\b|\b(meqalede|metnde)\b"
    r"|\b(yeri gelmisken|bir sual|de gorum|deyin gorum|maraqlidir)\b"
    # "what does the article say about armenia": the subject is Armenia
    r"|\b(what )?(does|do|did) (the|this) (article|brief|text|piece|author) (say|said|mention|tell|talk|speak)"
    r"( us)?( anything)?( at all)? (about|of|on)\b|\b(haqqinda|barede) ne (deyilir|yazilib|deyir|yazir)\b"
    # whether it says anything of a thing: "is there anything about peacekeepers?", "есть ли что-то про Норвегию?",
    # "Sülhməramlılar haqqında nəsə yazılıb?"
    r"|\b(is|was) there (anything|something|any mention|mention)( at all)?( in (the|this) (article|brief|text|piece))?"
    r" (about|of|on)\b|\bесть ли( в (статье|тексте))? (что то|что нибудь|что либо|упоминани[ея])( в (статье|тексте))?"
    r" (про|о|об)\b|\b(haqqinda|barede) (nese|bir sey|hec ne)( (yazilib|deyilir|deyilib|var|yazilmayib))?\b"
    r"|\b(bu )?(yazida|meqalede|metnde)\b"
    r"|\bчто (в (этой )?(статье|тексте) )?(говорится|сказано|пишут|пишется)( в статье)? (о|об|про)\b"
    r"|\b(что|че|чо) (автор|он|кузьо) (говорит|пишет|думает|считает|сказал|написал) (о|об|про)\b"
)


_CONTRACTED_QUESTION_WORDS = frozenset("whats whos wheres hows whens whys wats".split())  # "ok thanks. whats…"
_THEN_ASKS = frozenset("and but so а и но bes ve".split())  # "ok, and why?": a question goes on after them
# A request is a question too: "Спасибо! Расскажи теперь про энергетику.", "thanks, now tell me about energy"
_REQUESTS = frozenset("tell explain describe summarise summarize now расскажи расскажите объясни объясните опиши "
                      "теперь danis izah indi".split())
_CHAT_WORDS = (r"hi|hello|hey|привет|прив|здравствуйте|здравствуй|добрый день|salam|salam aleykum|"
               r"ok|okay|ок|окей|хорошо|ладно|лан|норм|понятно|ясно|спасибо|спс|пасиба|слыш|слышь|"
               r"yaxşı|yaxsi|oldu|aydındır|sağ ?ol|sag ?ol|"
               r"çox sağ ol|cox sag ol|təşəkkürlər|tesekkurler|fine|alright|great|cool|nice|thanks|thank you|thx|"
               r"got it")
# Acknowledgements and thanks before a question ("ok cool, and who's the author again?", "ладно, а кто это
# сказал?", "sağ ol, bəs TANAP nədir?", "ok, thanks, and why?", "thanks and why?"): the question is what follows them,
# after punctuation or straight before a question word. "Хорошо ли…?" and "Great Britain, …?" open with none.
_CHAT_CHAIN = lazy_regex(rf"^\s*(?:(?:{_CHAT_WORDS})\b[\s,.!:;—–-]*)+", re.IGNORECASE)
_ENDS_IN_PUNCTUATION = lazy_regex(r"[,.!:;—–-]\s*$")


def chat_lead_rest(text: str) -> str | None:
    """What follows the acknowledgements that open a message ("ok, tell me more" -> "tell me more"), or None."""
    chain = _CHAT_CHAIN.match(text)
    rest = text[chain.end():] if chain else ""
    if not rest.strip():
        return None
    first = fold(rest).split()[:1]
    asks = bool(first) and (first[0] in _THEN_ASKS or first[0] in QUESTION_WORDS)
    return rest if _ENDS_IN_PUNCTUATION.search(chain.group()) or asks else None


_ALSO = frozenset("also else еще ещё daha".split())  # "ok, and also…", "ок, а ещё…": a question may follow them
_CHAT_QUESTION_WORDS = frozenset("че чо шо wat wut".split())  # question words as chat spells them


def without_chat_lead(text: str) -> str:
    """A message without the acknowledgements that open it, when a question follows them ("thanks, that helps" is
    thanks; "thank you so much" is thanks)."""
    rest = chat_lead_rest(text)
    if rest is None:
        return text
    words = fold(rest).split()
    first = 1 if words[:1] and words[0] in _THEN_ASKS else 0  # "and why?" asks; "so much" does not
    first += 1 if words[first : first + 1] and words[first] in _ALSO else 0  # "а ещё чё было…?"
    asks = rest.rstrip().endswith("?") or words[first : first + 1] != [] and (
        words[first] in QUESTION_WORDS or words[first] in _REQUESTS or words[first] in _CONTRACTED_QUESTION_WORDS
        or words[first] in _CHAT_QUESTION_WORDS)
    return rest if asks else text


# "how bad does the author think the crisis is?": how bad the crisis is, as the author sees it (the brief's view is
# every answer's)
_HOW_THINK = lazy_regex(r"^(how \w+) (does|do|did) (the author|the brief|the article|he|she) (think|believe|consider"
                        r"|reckon|say)\b")


def _alternatives(pattern: str) -> list[str]:
    """A regular expression's top-level alternatives."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # (a class may hold "|" and parentheses)
            i = pattern.index("]", i + 2)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return parts + [pattern[start:]]


def _by_script(pattern: str) -> tuple[re.Pattern, re.Pattern]:
    """The frames of Latin text and those of Cyrillic text, each alone: a question is read by half the branches."""
    branches = _alternatives(pattern)
    cyrillic = [b for b in branches if re.search(r"[а-яё]", b)]
    latin = [b for b in branches if not re.search(r"[а-яё]", b) or re.search(r"[a-z]{2}", re.sub(r"\\[a-z]", "", b))]
    return lazy_regex("|".join(latin)), lazy_regex("|".join(cyrillic))


_LATIN_FILLERS, _CYRILLIC_FILLERS = _by_script(_FILLERS)
HAS_CYRILLIC = lazy_regex(r"[а-яё]")  # (folded text)


def strip_fillers(folded: str) -> str:
    """Drop conversational frames ("can you tell me", "what's the deal with") from folded text."""
    return _strip_remembered(folded) if len(folded) <= FOLD_CACHE_CHARS else _strip_fillers(folded)


def _strip_fillers(folded: str) -> str:
    text = _HOW_THINK.sub(r"\1", folded)
    if HAS_CYRILLIC.search(text):  # (the Cyrillic frames first: "покажите, пожалуйста, абзац" is one frame)
        text = collapse_ws(_CYRILLIC_FILLERS.sub(" ", text))
    return collapse_ws(_LATIN_FILLERS.sub(" ", text))


# (as fold's: a question and each phrasing are stripped by several of the checks that read them)
_strip_remembered = functools.lru_cache(maxsize=FOLD_CACHE)(_strip_fillers)


_SUFFIXES = ("ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s")


def stem(word: str) -> str:
    """A light, deterministic suffix stripper: enough to join plurals and tenses."""
    if len(word) <= 4 or not word.isalpha():
        return word
    base = word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word[-2] in "siu":
                break
            if suffix == "es" and not word[:-2].endswith(("s", "x", "z", "ch", "sh")):
                suffix = "s"
            base = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                base += "y"
            elif len(base) > 3 and base[-1] == base[-2] and base[-1] not in "aeiouls":
                base = base[:-1]
            break
    return base[:-1] if len(base) > 4 and base.endswith("e") else base


_ABBREV = lazy_regex(
    r"(\b(Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sen|Rep|Gov|vs|etc|e\.g|i\.e|No|Nos|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)|\b[A-Z])\.$"
)
# Possessive quantifiers and the look-behind keep this linear: a run of "!!!!" or "...." is tried once, from its start.
_BOUNDARY = lazy_regex(r"(?<![.!?])[.!?]++['’”\")]*+(?=\s+['‘’“\"(]?[A-Z0-9])")
_LONGEST_ABBREV = 6  # "Sept." and "e.g." plus the character before: how far back an abbreviation can start


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping closing quote marks and abbreviations (U.S., Dr.) intact. Linear time."""
    text = collapse_ws(text)
    sentences, start = [], 0
    for m in _BOUNDARY.finditer(text):
        # Only the few characters before the full stop can hold an abbreviation (\b still sees the one before).
        if _ABBREV.search(text, max(start, m.start() - _LONGEST_ABBREV), m.start() + 1):
            continue
        sentences.append(text[start : m.end()].strip())
        start = m.end()
    tail = text[start:].strip()
    return [s for s in sentences + [tail] if s]
