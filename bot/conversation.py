"""Conversation state per chat, kept by the core as plain data, and follow-ups resolved against it.

A follow-up ("when was that?", "who said that?", "and the fourth?", "2", "source?") is rewritten into a whole
question from the last one, then answered like any other; nothing is guessed beyond what the last answer was
about. A question that is not a follow-up is answered on its own, whatever came before.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from bot.core import MAX_QUESTION_CHARS, SET_ASIDE_EN, SET_ASIDE_RU, may_hold_two, not_said, sets_aside_only
from bot.i18n import say
from bot.matching.language import is_language
from bot.matching.lexicon import CHAT_SPELLINGS
from bot.matching.patterns import lazy_regex
from bot.matching.text import (
    ORDINALS,
    STOP_WORDS,
    chat_lead_rest,
    fold,
    strip_fillers,
    without_chat_lead,
)
from bot.reply import Reply

FOLLOW_UP_TTL = 30 * 60  # seconds after which an idle chat's follow-up context is forgotten
MAX_FOLLOW_UP_WORDS = 10  # a longer message is a question of its own, not a follow-up

_ORDINALS = ORDINALS
# Other forms of the ordinals ("а второе?", "bəs ikincisi?"), read as the base form the knowledge asks with
_ORDINAL_FORMS = {"первое": "первый", "второе": "второй", "третье": "третий", "четвертое": "четвертый",
                  "пятое": "пятый", "birincisi": "birinci", "ikincisi": "ikinci", "ucuncusu": "ucuncu",
                  "dorduncusu": "dorduncu", "besincisi": "besinci"}
_NUMBER = lazy_regex(r"^(?:no |n )?(\d)$")  # "2", "#2" and "№ 2" (folded to "no 2") alone
_ORDINAL_WORD = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
# an ordinal that counts nothing: "who stopped buying in the first place?", "first of all", "в первую очередь" (folded)
_NO_ORDINAL = lazy_regex(r"\b(in the first place|first of all|at first|first and foremost|в первую очередь"
                         r"|прежде всего|ilk novbede)\b")
# the item before or after the last one of a numbered list: "and the one before that?", "а следующий?", "bəs
# növbəti?" (folded): -1 or +1
_RELATIVE = lazy_regex(r"^(and |so |а |и |bes )?(what about |what s |whats |what is )?(the )?(one before (that|it|this)"
                       r"|previous( one)?|one before|preceding one|next( one)?|one after (that|it|this)|following one"
                       r"|предыдущ\w*|следующ\w*|перед (ним|этим)|после (него|этого)|evvelki( kontekst)?\w*"
                       r"|novbeti\w*|ondan (evvelki|sonraki)|sonraki\w*)( (context|контекст\w*|kontekst\w*))?$")
# "what else?" after an item of a list (the first context) asks for the next item, not more of this one
_ELSE_OF_A_LIST = lazy_regex(r"^(and |so |ok |okay |а |и |ну |bes |ya )?(what else|anything else|what s next|whats next"
                             r"|what comes next|что ещ[её]|а что ещ[её]|что дальше|basqa ne|daha ne|sonra ne)$")
# the item after (or before) one named by its ordinal: "which context comes after the fourth?", "какой контекст идёт
# после четвёртого?", "dördüncüdən sonra hansı kontekst gəlir?" (folded)
_BESIDE_AN_ORDINAL = lazy_regex(
    r"^(and |а |и |bes )?((what|which|какой|какая|что) )?((context|one|item|контекст|пункт) )?((comes|is|идет|следует)"
    r" )?((?P<after>after|после)|(?P<before>before|до|перед)) (the )?(?P<n>\w+)( one| context| контекста?)?$"
    r"|^(bes )?(?P<n_az>\w+?)(den|dan) (sonra|sonraki|(?P<before_az>evvel|evvelki))( (hansi|ne))?( kontekst\w*)?"
    r"( gelir| var| idi)?$")
_ORDINAL_STEMS = (("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("fifth", 5), ("перв", 1), ("втор", 2),
                  ("трет", 3), ("четверт", 4), ("пят", 5), ("birinci", 1), ("ikinci", 2), ("ucuncu", 3),
                  ("dorduncu", 4), ("besinci", 5))
_BEFORE = lazy_regex(r"\b(before|previous|preceding|предыдущ\w*|перед|evvelki\w*)\b")
_PICK = lazy_regex(r"^(?:(\d)|(?:the )?(first|second|third|1st|2nd|3rd)(?: one)?|yes|yeah|yep|sure|ok|да|ага|beli|he)$")
_SOURCE = lazy_regex(r"^(source|sources|quote|citation|cite|where does it say( that| so)?|says who|proof|"
                     r"источник|цитата|где это сказано|menbe|sitat"
                     # where in the brief the last answer is said: "where in the article is that said?", "А в каком
                     # месте статьи это сказано?", "bu məqalənin harasında deyilir?"
                     r"|(and |so )?where in the (article|brief|text|piece) (is|was|does it say) (that|this|it)"
                     r"( (said|mentioned|written|stated))?"
                     r"|(and |so )?where (is|was) (that|this|it)( (said|mentioned|written|stated))? in the (article"
                     r"|brief|text|piece)|(а )?где это в (статье|тексте)|(bu|o) (meqalede|metnde) haradadir"
                     r"|(а |и )?в каком месте( статьи| текста)?( (это|об этом))? (сказано|говорится|написано)"
                     r"( (это|об этом))?"
                     r"|(bu|o) (meqalenin|metnin) harasinda (deyilir|yazilib|qeyd olunur)"
                     # the exact words in Russian: "Приведи точную фразу из статьи об этом"
                     r"|(приведи(те)?|процитируй(те)?|дай(те)?)( мне)? (точную |дословную )?(фразу|цитату|предложение"
                     r"|слова)( из (статьи|текста))?( (об этом|про это|на этот счет|на этот счёт))?"
                     # the paragraph or the exact words of the last answer: "which paragraph says that?"
                     r"|(in )?(which|what) paragraph( (says|is|has) (that|it|this)( in)?"
                     r"| (is )?(that|it|this) (in|from))?"
                     r"|((can|could) you )?(give me |show me |what is |what are )?((the|his|her|their) )?exact"
                     r" (sentence|quote|words|wording)"
                     r"( (for|of) (that|it|this))?( from the (article|brief|text|piece))?"
                     r"|(what s|whats|what is|what) the (exact )?(quote|wording|sentence|line)( exactly)?"
                     r"|в каком абзаце( (это|об этом))?( (сказано|говорится))?|какой абзац|hansi (paraqraf|abzas)"
                     r"(da|dadir|dir)?"
                     # "show me the paragraph", "quote me the sentence", "покажи абзац", "orijinal mətni göstər"
                     r"|(show|give|quote|read)( me| us)? (the |that |this )?(whole |full |original |exact )?"
                     r"(paragraph|passage|sentence|text|original|source|quote|words)( (for|of) (that|it|this))?"
                     r"( please)?"
                     r"|покажи(те)? (мне )?(весь |целый |исходный )?(абзац|текст|оригинал|цитату|отрывок)"
                     r"( (где|в котором) (это|об этом) (написано|сказано|говорится))?"
                     r"|(bu |o )?(orijinal|esl|tam) (metni|metnini|paraqrafi|abzasi|hisseni)( goster| gosterin| ver)?"
                     r"|(menbe )?(bu |o |hemin )?(paraqrafi|abzasi|metni|metnini) (oldugu kimi |tam |butov )?"
                     r"goster(in)?"
                     r"|(mene |bize )?menbe(ni|yi)? goster(in)?( hansi (cumlede|abzasda|paraqrafda) yazilib)?"
                     # "Bu barədə abzası göstər", "Bu hissənin dəqiq sitatını ver", "точную фразу"
                     r"|(bu|o|hemin) (barede|haqqinda) (olan )?(paraqrafi|abzasi|metni|sitati) (goster|ver)(in)?"
                     r"|((bu|o|hemin|onun) (hissenin|abzasin|cumlenin|hissesinin) )?(deqiq |tam )?(sitatini|sitati"
                     r"|metnini|sozlerini|sozleri|ifadesini|cumlesini) (goster|ver|yaz)(in)?"
                     # "Həmin cümləni dəqiq göstərin" (that sentence, exactly)
                     r"|(bu|o|hemin) (cumleni|abzasi|paraqrafi|sitati|hisseni) (deqiq |tam |butov )?"
                     r"(goster|ver|yaz)(in)?"
                     r"|(точн(ую|ая)|дословн(ую|ая)) (фразу|фраза|цитату|цитата|формулировку|формулировка)"
                     # "Процитируй его дословно", "приведи весь абзац об этом"
                     r"|(процитируй(те)?)( (его|ее|её|это|их|мне))?( (дословно|точно|полностью|целиком))?"
                     r"|(приведи(те)?|дай(те)?)( мне)? (весь |целый )?(абзац|отрывок)( (об этом|про это))?"
                     r"|(покажи(те)? )?источник|show me the source)$")
# "Bu məlumat hansı paraqrafdadır?", "in which paragraph is this info?": the last answer's source, named by what it is
_WHICH_PARAGRAPH = lazy_regex(r"^((this|that|the) (info|information|bit|part|fact) )?(in )?(which|what) paragraph"
                              r"( (is|has|says|was) (this|that|it)( (info|information|in|from))*"
                              r"| (talks|speaks|tells) (about|of) (this|that|it))?$"
                              r"|^((bu|o) (melumat|hisse|fikir) )?hansi (paraqraf|abzas)(da|dadir|dir|dan)?$"
                              r"|^(а )?(эта информация|это|эти слова) (в каком|из какого) (абзаце|абзаца)$")  # folded
# "show me the paragraph where that is said", "give me the source paragraph for that", "покажи абзац, где это
# написано": a request for the source, with nothing after it but words pointing back (folded)
_SOURCE_REQUEST = lazy_regex(r"^(please |can you |could you )?(show|give|quote|read|send|paste)( me| us)?"
                             r"( the| that| this)?( \w+)? (paragraph|passage|sentence|text|original|source|quote)\b"
                             r"|^покажи(те)?( мне)? (абзац|текст|оригинал|отрывок)\b")
# politeness around a request, which says nothing of what is asked (folded): "bu abzası göstər, zəhmət olmasa"
_POLITE = lazy_regex(r"\b(please|pls|plz|kindly|пожалуйста|плиз|zehmet olmasa|xahis edirem|lutfen)\b")
_POINTING_WORDS = frozenset("said written stated mentioned where which that this it there for in from of is was where "
                            "with quote quotes line sentence words says "  # "…the whole paragraph with that quote"
                            "где это написано сказано говорится об этом".split())


def _asks_source(folded: str) -> bool:
    """Whether a message asks for the last answer's source in a sentence of its own ("show me the paragraph where
    that is said"), naming nothing else ("show me the paragraph about pipelines" asks about pipelines)."""
    found = _SOURCE_REQUEST.match(folded)
    return bool(found) and all(w in _POINTING_WORDS or w in STOP_WORDS for w in folded[found.end():].split())


_MORE = lazy_regex(r"^(and |so |ok |okay |а |и |ну |bes |ve |ya )?((bu|bunun|onun) (barede|haqqinda) )?"
                   # a bare "and?", "so?", "и?", "bəs?" after an answer: go on
                   r"(and|so|and so|so what|и|и что|ну и|ну и что|bes|ve|ve ne|bes sonra|"
                   r"tell me more|more|go on|continue|and then|keep going|elaborate|"
                   r"details|more details|"
                   r"is that all|anything else|anything more|what else|what else is there|что[- ]то ещ[её]|что ещ[её]"
                   r"|что ещ[её] есть|это вс[её]|bu qeder|basqa ne|basqa ne var|daha ne var|"
                   r"(расскажи(те)? )?(ещ[её]|подробнее|поподробнее|больше)|дальше|продолжай(те)?|а дальше|"
                   r"(daha )?(etrafli|etrafli danis|etrafli de|cox)|davam( et| edin)?|daha|sonra)$")
# "tell me more about X", "расскажи подробнее о X", on the message as typed: X keeps its capitals for the name checks
_MORE_ABOUT = lazy_regex(r"^\W*(?:(?:and|so|а|и|ok|okay)\W+)?(?:(?:tell|give) (?:me|us) |let me know )?more"
                         r" (?:about|on|of) (?P<rest>.+)$"
                         r"|^\W*(?:(?:а|и)\W+)?(?:расскажи(?:те)? )?(?:подробнее|больше|ещ[её]) (?:о|об|про)"
                         r" (?P<rest_ru>.+)$", re.IGNORECASE)
# "more about this": more of the last answer (folded)
_POINTS_AT_IT = lazy_regex(r"^(this|that|it|these|those|them|him|her|they|это|этом|том|нем|ней|них|этих)\W*$")
# Russian and Azerbaijani words that point back, in their cases ("что в ней было?", "onun iddiaları"), folded
_PRONOUNS_RU_AZ = ("это|этот|эта|этого|этому|этим|этом|эту|этой|он|она|оно|они|его|ее|ей|ему|ею|им|ими|их|ней|нем|нему"
                   "|него|ним|ними|них|bu|o|onu|bunu|onun|bunun|ona|buna|onda|bunda|ondan|bundan|onlar|bunlar|onlari"
                   "|onlarin|onlara|onlarda|orada|orda|ora")
# "что написал?", "nə yazıb?", "nəyi müəyyən edib?": Russian and Azerbaijani drop the subject (folded)
_PRO_DROP_HEAD = r"^(что|чего|ne|neyi|hansi)"
_PRO_DROP = lazy_regex(rf"{_PRO_DROP_HEAD}\b(\s+\S+){{0,2}}$")
# ... and ends on its third-person verb ("nəyi müəyyən edib?", "что установила?"; not "что такое биткоин?", "ne yedin?")
_PRO_DROP_VERB = lazy_regex(rf"{_PRO_DROP_HEAD}( \S+)? \S+(ib|ub|di|du|mis|mus|ла|ло|ли|ал|ил|ел|ет|ит)$")
_FOLLOW_UP = lazy_regex(
    r"^(and|but|so|what about|how about|а|и|bes)\b|\b(that|this|it|he|she|they|him|them|then|there|"
    rf"{_PRONOUNS_RU_AZ}|тогда|там)\b|^(why|when|where|who|how many|how much|(since|until|till) when"
    r"|с каких пор|до каких пор|почему|зачем|когда|"
    r"где|кто|сколько|niye|ne vaxt|harada|kim|nece)\b"
    rf"|{_PRO_DROP.pattern}"
    r"|^(which|what) one\b|^(какой|какая|какое|какие) именно\b|^hansi( biri)?$"  # "which one?" of the last answer
    r"|^(how so|in what way)\b"
)
# A yes/no question of whether someone else did it too, or only they did (folded): "Did Azerbaijan refuse too?", "Так
# считают только империалисты?": of the last answer, which says who did
_TOO_OR_ONLY = lazy_regex(r"^(did|does|do|is|are|was|were|has|have|had|will|would)\b.*\b(too|also|as well|either)$"
                          r"|^(is it|was it|are they|were they|did) (only|just)\b|\b(тоже|также|только|лишь)\b")
# Words that ask for an aspect of something, never name it (folded): "full names?", "полное название?", "tam adları?"
# after the pipelines are their full names
_ASPECT = frozenset("""name names full complete exact precise spelled spelling полное полностью название названия
    имя tam ad adi adlari adini adlarini abbreviation abbreviations acronym acronyms аббревиатура аббревиатуры
    сокращение сокращения qisaltma qisaltmalar""".split())
_CORRECTION = lazy_regex(r"^\s*(no|nope|not that|sorry|oops|нет|не то|ой|упс|yox)\b[\s,.!:;—–-]*((sorry|wait|hold on"
                         r"|прости"
                         r"|извини|стоп|погоди|dayan)\b[\s,.!:;—–-]*)?(i mean|i meant|i was asking about"
                         r"|i(['’])?m asking about|я имел в виду|я имела в виду|я про|я спрашивал про|я спрашивала про"
                         r"|(m[əe]n )?(dem[əe]k ist[əe]yirdim|dem[əe]k ist[əe]yir[əe]m"
                         r"|n[əe]z[əe]rd[əe] tuturdum)( ki)?"
                         r"|m[əe]n(?=.* soru[sş]u(rdum|ram|muşdum|musdum)[\s.!?]*$))"
                         r"\b[\s,.:;—–-]*", re.IGNORECASE)


@dataclass(frozen=True)
class Conversation:
    """What a chat remembers: its brief and language choices, and the last exchange (for follow-ups)."""

    brief_id: str | None = None  # the /brief choice
    language: str | None = None  # the /lang choice
    last_question: str | None = None  # the whole question behind the last answer
    last_entry: tuple[str, str] | None = None  # (brief id, entry id) of the last answer
    suggestions: tuple[tuple[str, str], ...] = ()  # (brief id, entry id) offered by the last "did you mean"
    updated: float = 0.0  # when the last exchange happened (seconds, any monotonic-enough clock)
    shown_paragraph: int | None = None  # the paragraph "tell me more" last showed whole (so it is not shown again)
    spoken: str | None = None  # the language of the last reply: a message with no words of any language ("2",
    # "?!") is answered in it
    listed: tuple[str, str] | None = None  # the last answer that was an item of a numbered list ("the first
    # context"): "and the second one?" names that list's item, whatever was asked in between

    def to_dict(self) -> dict:
        """Plain, JSON-safe data for storage: no class instances, so a code change never makes it unreadable."""
        return {"brief_id": self.brief_id, "language": self.language, "last_question": self.last_question,
                "last_entry": list(self.last_entry) if self.last_entry else None,
                "suggestions": [list(s) for s in self.suggestions], "updated": self.updated,
                "shown_paragraph": self.shown_paragraph, "spoken": self.spoken,
                "listed": list(self.listed) if self.listed else None}

    @classmethod
    def from_dict(cls, data: object) -> Conversation:
        """The inverse of to_dict; unknown keys are ignored and a malformed field falls back to its default."""
        data = data if isinstance(data, dict) else {}
        text = {k: v if isinstance(v, str) else None for k in ("brief_id", "language", "last_question")
                for v in [data.get(k)]}
        entry = _pair(data.get("last_entry"))
        pairs = data.get("suggestions") if isinstance(data.get("suggestions"), list) else []
        suggestions = tuple(p for p in map(_pair, pairs) if p)
        updated = data.get("updated")
        number = isinstance(updated, int | float) and not isinstance(updated, bool) and -1e18 < updated < 1e18
        updated = float(updated) if number else 0.0
        spoken = data.get("spoken") if is_language(data.get("spoken")) else None
        return cls(**text, last_entry=entry, suggestions=suggestions, updated=updated,
                   shown_paragraph=_small_int(data.get("shown_paragraph")), spoken=spoken,
                   listed=_pair(data.get("listed")))

    def fresh(self, now: float) -> Conversation:
        """The state with follow-up context dropped if the chat has been idle too long."""
        if now - self.updated > FOLLOW_UP_TTL:
            return replace(self, last_question=None, last_entry=None, suggestions=(), spoken=None, listed=None)
        return self


def _small_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1_000_000 else None


def _pair(value: object) -> tuple[str, str] | None:
    """A stored (brief id, entry id), or None if it is not two strings."""
    ok = isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(v, str) for v in value)
    return (value[0], value[1]) if ok else None


def _rewrite_ordinal(previous: str, words: list[str]) -> str | None:
    wanted = next((_ORDINALS[w] for w in words if w in _ORDINALS), None)
    if wanted is None:
        return None
    folded = [_ORDINAL_FORMS.get(w, w) for w in fold(previous).split()]  # "birincisi nədir?" + "ikincisi?"
    said = next(w for w in words if w in _ORDINALS)
    for i, w in enumerate(folded):
        if w in _ORDINALS:  # the reader's own ordinal ("ikinci" for "birinci"), "4th" as "fourth"
            folded[i] = _ORDINAL_WORD[wanted] if said[0].isdigit() else said
            return " ".join(folded)
    return f"{previous} {next(w for w in words if w in _ORDINALS)}"


def _after_chat(text: str) -> str:
    """A message without the acknowledgements that open it, when a question or a chat command follows them."""
    rest = chat_lead_rest(text)
    folded = fold(rest) if rest is not None else ""
    if rest is not None and any(p.match(folded) for p in (_MORE, _SOURCE, _PICK, _NUMBER)):
        return rest  # "ok, tell me more", "ok, source", "ok, 2"
    return without_chat_lead(text)


def respond(
    bot, state: Conversation, text: str, now: float = 0.0, language: str | None = None
) -> tuple[Reply, Conversation]:
    """Answer one message in a conversation; return the reply and the chat's new state."""
    state = state.fresh(now)
    about = _MORE_ABOUT.match(text) if isinstance(text, str) and len(text) <= MAX_QUESTION_CHARS else None
    rest = (about.group("rest") or about.group("rest_ru")) if about else None
    text_for_more = None
    if rest and state.last_entry and _POINTS_AT_IT.match(fold(rest)):
        text_for_more = "расскажи подробнее" if about.group("rest_ru") else "tell me more"  # "more about this"
    elif rest and state.last_entry:
        # "tell me more about the pipelines": that, as "tell me about the pipelines" asks it (once: its rest is never
        # read for another "more about"), unless it names the last answer, of which it asks more
        asked = f"расскажи о {rest}" if about.group("rest_ru") else f"tell me about {rest}"
        inner, inner_state = _respond(bot, state, asked, now, language)
        last = bot.knowledge.find_entry(*state.last_entry)
        same = inner.source is not None and (inner.source.brief, inner.entry) == state.last_entry
        if not same or (last is not None and last.paragraph == 0):
            return replace(inner, question=text), inner_state  # (after the author: no paragraph, the same answer)
        text_for_more = "расскажи подробнее" if about.group("rest_ru") else "tell me more"
    reply, new_state = _respond(bot, state, text_for_more or text, now, language)
    return (replace(reply, question=text), new_state) if text_for_more else (reply, new_state)


def _respond(bot, state: Conversation, text: str, now: float, language: str | None) -> tuple[Reply, Conversation]:
    """`respond`, its state already fresh and "tell me more about X" already read."""
    typed = text
    if not isinstance(text, str):
        text = typed = ""  # (a front end always sends text; the batch interface may not)
    if len(text) > MAX_QUESTION_CHARS:  # a pasted document: told so at once, none of it read as a follow-up
        reply = bot.ask(text, state.brief_id, language or state.language)
        return reply, replace(_remember(bot, state, reply, text, now), shown_paragraph=None, spoken=reply.language)
    if isinstance(text, str):
        text = _after_chat(text)  # "ok, and why?", "ладно, а кто это сказал?", "ok, tell me more": what follows
        # a correction asks again, what follows it read as any question is: "no, I meant where did he say it"
        corrected = _CORRECTION.sub("", text)
        text = corrected if corrected.strip() else text
    lang = language or state.language
    if lang is None and state.spoken and isinstance(text, str) and bot.language_of(text, default="") == "":
        lang = state.spoken  # "2", "?" after a Russian answer: nothing in it says another language
    folded = _folded_ordinals(bot, state, text) if isinstance(text, str) else ""
    words = folded.split()
    reply, asked = None, None  # asked: the whole question behind a follow-up's answer, kept for the next one
    shown = None  # the paragraph shown whole by this reply, or kept by "source?"
    # ("more please", "ещё, пожалуйста": politeness says nothing of what is asked)
    pick, more = _PICK.match(folded), (_MORE.match(" ".join(_POLITE.sub(" ", folded).split()))
                                       or _asks_meaning(bot, state, folded))
    reply_language = _reply_language(bot, text, lang)
    if state.suggestions and pick:
        index = int(pick.group(1)) if pick.group(1) else _ORDINALS.get(pick.group(2) or "first", 1)
        if 1 <= index <= len(state.suggestions):
            brief_id, entry_id = state.suggestions[index - 1]
            reply = bot.entry_reply(brief_id, entry_id, text, language=reply_language)
    elif more or _SOURCE.match(plain := " ".join(_POLITE.sub(" ", folded).split())) or _WHICH_PARAGRAPH.match(plain) \
            or _asks_source(plain):
        if state.last_entry is None:
            reply = _clarify(bot, text, lang)
        else:
            reply, shown = _more(bot, state, text, reply_language) if more else _paragraph(bot, state, text,
                                                                                           reply_language)
            reply = reply or bot.entry_reply(*state.last_entry, text, language=reply_language)
            # the question the answer now stands for: its entry's, unless it is the last answer's (after "the brief
            # does not say", which offered it, the entry's own: "tell me more" after "and the fifth?")
            moved = reply and reply.entry and (reply.entry != state.last_entry[1] or bool(state.suggestions))
            entry = bot.knowledge.find_entry(state.last_entry[0], reply.entry) if moved else None
            asked = entry.questions[0] if entry else state.last_question
    elif (which := _numbered_paragraph(bot, state, text, reply_language)
          or _which_context(bot, state, text, folded, lang)) is not None:
        reply, asked = which  # "ok, back to the quote - which of the contexts is it part of?", however long
    elif words and len(words) <= MAX_FOLLOW_UP_WORDS and (
            _FOLLOW_UP.search(folded) or _ELSE.search(folded) or _bare_ordinal(words)
            or (_WHAT_THING.match(folded) and words[-1] not in _NO_THING and state.last_question
                and not bot.ask(text, state.brief_id, lang).answered)
            or _when_of_it(bot, state, text, folded) or _aspect_only(words) or _TOO_OR_ONLY.search(folded)):
        reply, asked = (_two_questions(bot, state, text, lang) or _small_talk(bot, state, text, lang)
                        or _aspect_of_last(bot, state, text, words, lang) or _set_aside_alone(bot, state, text, lang)
                        or _something_else(bot, state, text, folded, lang)
                        or _whose_words(bot, state, text, folded, lang)
                        or _what_it_shows(bot, state, text, folded, lang)
                        or _quoted_there(bot, state, text, lang)
                        or _ordinal_alone(bot, state, text, words, lang) or _names_its_referent(bot, state, text, lang)
                        or _follow_up(bot, state, text, words, lang))
    if reply is None:
        reply, asked = _quote_supports(bot, state, text, folded, lang) or (bot.ask(text, state.brief_id, lang), None)
    reply = _of_that_work(bot, state, reply, text, folded, lang)
    reply = replace(reply, question=typed) if reply.question == text and typed != text else reply
    return reply, replace(_remember(bot, state, reply, asked or text, now), shown_paragraph=shown,
                          spoken=reply.language)


def _folded_ordinals(bot, state: Conversation, text: str) -> str:
    """The message folded, its ordinals in their base form: "2", "#2", "№ 2" are "second" (of the last list or
    suggestions), and "the one before that?" after the second context is "first"."""
    # (chat spellings too: "wen it was writen" is "when…")
    folded = " ".join(_ORDINAL_FORMS.get(w, CHAT_SPELLINGS.get(w, w)) for w in _NO_ORDINAL.sub(" ", fold(text)).split())
    number = _NUMBER.match(folded)
    if number and int(number.group(1)) in _ORDINAL_WORD:
        return _ORDINAL_WORD[int(number.group(1))]
    if (_RELATIVE.match(folded) or _ELSE_OF_A_LIST.match(folded)) and (here := _item_number(bot, state)) is not None:
        return _ORDINAL_WORD.get(here - 1 if _BEFORE.search(folded) else here + 1, folded)
    beside = _BESIDE_AN_ORDINAL.match(folded)
    word = beside and (beside.group("n") or beside.group("n_az") or "")
    named = word and next((n for stem, n in _ORDINAL_STEMS if word.startswith(stem)), None)
    if named:  # "какой контекст идёт после четвёртого?": the fifth
        before = beside.group("before") or beside.group("before_az")
        return _ORDINAL_WORD.get(named - 1 if before else named + 1, folded)
    return folded


def _of_that_work(bot, state: Conversation, reply: Reply, text: str, folded: str, lang: str | None) -> Reply:
    """"What was that article called?" after the author's National Interest article: a title, date or author of
    another work than the brief, which the brief's own title, date and author do not answer ("the brief does not
    say", offering the last answer)."""
    last = bot.knowledge.find_entry(*state.last_entry) if state.last_entry else None
    answered = bot.knowledge.find_entry(reply.source.brief, reply.entry) if reply.answered and reply.source else None
    if last is None or answered is None or last.paragraph == 0 or answered.paragraph != 0 \
            or not _THAT_WORK.search(folded) or not _NAMES_A_WORK.search(last.quote):
        return reply  # (only after an answer whose quote speaks of another piece of writing)
    if fold(answered.quote) == fold(reply.source.author):
        return reply  # "who wrote that article?": the quote says the author did ("as I have written in…")
    language = _reply_language(bot, text, lang)
    closest = bot.suggestion(bot.knowledge.brief(state.last_entry[0]), last, language)
    kind = bot.analyzer.query(text).asks or "detail"
    return Reply(question=text, kind="not_said", answer=not_said(kind, language, closest.question),
                 suggestions=(closest,), language=language)


_NAMES_A_WORK = lazy_regex(r"\b(written|wrote|writes|article|articles|paper|essay|book|column|op-ed|published)\b",
                           re.IGNORECASE)  # a quote that speaks of a piece of writing other than the brief
# another work than the brief, named back (folded): "that article", "his earlier piece", "ту статью", "o məqalə"
_THAT_WORK = lazy_regex(r"\b(that|the other|his other|her other|his earlier|his previous|the earlier|the previous)"
                        r" (article|piece|paper|essay|op ed|text|analysis)\b"
                        r"|\b(той|ту|та|тот|тем|том|другой|другую|прежней|прежнюю) (стать\w*|текст\w*|материал\w*)\b"
                        r"|\b(o|hemin|diger|evvelki) (meqale\w*|yazi\w*)\b")


# "What about X?" asks the last question again of X; "and X?" too, but not "and why …?", which asks a new question.
_RE_ASK = lazy_regex(r"^((and|а|и) )?(what about|how about|what of)\b|^(а как же|а что)\b"
                     r"(?! ((именно|же|конкретно|ещ[её]) )?(он|она|оно|они|это|его|ее|её|их|ему|ей|им)\b)"  # ("а что
                     # (именно) он написал?" asks of him)
                     r"|^(and|а|и|bes) (which|what|какие|какой|какая|каким|hansi) \S+$"  # "and which pipelines?"
                     # (not "bəs o nə yazıb?", which asks of him)
                     r"|^(and|а|и|bes|ya)\b(?! (o|bu|onlar) )(?! (why|when|where|who|whom|how|what|which|почему|зачем"
                     r"|когда|где|кто|как"
                     r"|сколько|каки\w*|како\w*|что|чем|чего|niye|ne|nece|harada|kim|hansi)\b)")
# "this piece", "эта статья", "bu məqalə": the brief itself, not the last answer (folded)
_THE_BRIEF = lazy_regex(r"\b(this|the) (article|piece|brief|text|paper|report|analysis)\b"
                        r"|\b(эт\w+|данн\w+) (стать\w+|текст\w*|материал\w*)\b|\b(bu|hemin) (meqale\w*|yazi\w*)\b")
# "does it mention the war in Ukraine?": "it" that mentions, says or covers is the brief, not the last answer (folded)
_THE_TEXT_SPEAKS = lazy_regex(r"\b(does|did|do|can|could|will|would) (it|this|that)"
                              r" (even |ever |also |actually |really )?(mention|say|talk|discuss|cover|cite|describe"
                              r"|address|touch|bring up|refer|name|list"
                              r"|deal|speak|go into|get into|tell)\b"
                              r"|\bit (mentions|says|talks|discusses|covers|cites|describes|addresses|refers|names)\b"
                              r"|\b(is|was) (there|it) (anything|something|any mention|mention) (in it )?"
                              r"(about|of|on)\b"
                              r"|\b(упоминается|говорится|сказано|написано|пишется) (ли )?(в ней|в нем|в нём)\b"
                              r"|\b(в ней|в нем|в нём) (упоминается|говорится|сказано|написано|пишется)\b")
_TEMPORAL = lazy_regex(r"\b(after|before|since|until|till|by) (that|this|then)\b|\b(после|до) (этого|того)\b"
                       # the present ("who won the title this year?", "bu il"): a time, no pointer to the last answer
                       r"|\bthis (year|week|month|season|weekend|morning|evening)\b|\bв (этом|этот) (году|месяце"
                       r"|сезоне)\b|\bна этой неделе\b|\bbu (il|ay|hefte|gun|sezon)\b")
_ABOUT_IT = lazy_regex(r"\b(about|on|of|об|о|про|haqqinda) (this|that|it|этом|том|нем|этого|bunun|onun)\b")
_REFERS = lazy_regex(rf"\b(that|this|it|he|she|they|him|them|there|{_PRONOUNS_RU_AZ}|там)\b")
# Follow-ups that ask for something the last answer would have to add: a reason, or who a person is.
# the brief and its author in Russian and Azerbaijani (folded): "кто автор?" asks of the brief, as "who is the author?"
_THE_BRIEF_RU_AZ = frozenset("""автор автора автору автором статья статьи статье статью статьей текст текста тексте
    muellif muellifi muellifin meqale meqalenin meqaleni meqalede metn metnde""".split())
# "who is he?", "who does he work for?": of the one the last answer names
# "is he russian?", "is she a historian?": what someone is, which the last answer may not say (folded)
_QUESTIONS_IN_ONE = lazy_regex(r"[?;,]|\b(?:and|и|ve|və)\b", re.IGNORECASE)  # where a message's questions part
_SENTENCE_END = lazy_regex(r"[?.!;]+")
# (folded; not the analyzer's personal pronouns, which count Azerbaijani "o", also "that", as one)
_HE_OR_SHE = frozenset("he she him her his hers он она его ее ему ей им ней".split())
_IS_HE = lazy_regex(r"^(and |so |but )?(is|was) (he|she) (a |an |really )?\w+$")
_WHO_IS_IT = lazy_regex(r"^(and |but |so |а |и |bes )?(who|кто) (is|was|такой|такая|он|она) ?(he|she|it|that|this)?$"
                        r"|^(and |but |so )?who (is|was) (he|she)( what s| whats| what is| what) (his|her) (job|role"
                        r"|position|work|title|institution|background)\b"  # "Who is he — what's his job?"
                        r"|^(o )?kimdir$|^kimdir o$"
                        # (whom he works for, which a quote of his words does not say either)
                        r"|^(and |so )?(who|where) (does|did) (he|she) work( for)?$"
                        # "what institution does he work for?", "what's his affiliation?", "в какой организации он
                        # работает?", "o hansı təşkilatda işləyir?"
                        r"|^(and |so )?(for )?(what|which) (\w+ ){1,2}(does|did|do) (he|she) work (for|at|in)$"
                        r"|^(and |so )?(what s|whats|what is) (his|her) (job|role|position|title|institution|employer"
                        r"|organisation|organization|affiliation|background)$"
                        r"|^(а )?в как(ой|ом) (\w+ )?(он|она) (работает|работал)$"
                        r"|^(o )?hansi \w+ (isleyir|calisir)$"
                        r"|^(а )?(на кого|где) (он|она) работает$"
                        r"|^(o )?(kimin ucun|harada) isleyir$")
# a quote that gives the cause of what it says ("lost its main budgetary revenue *after* Europe ended the purchase"),
# not only its consequence ("has led to a deep crisis")
_GIVES_CAUSE = lazy_regex(r"\b(because|due to|owing to|thanks to|as a result of|after)\b", re.IGNORECASE)
# an end dated by what ended it ("ended in 2020, when it was defeated"): why it ended, if the last question asked
# of the end ("when did Armenia's irredentism end?"; not "when did Armenia lose the war?" - why it lost is not said)
_ENDED_WHEN = lazy_regex(r"\b(ended|collapsed|ceased|came to an end)\b[^.;]*?\bwhen\b", re.IGNORECASE)
_ASKS_OF_AN_END = lazy_regex(r"\b(end|ended|ends|ending|over|закончил\w*|кончил\w*|прекратил\w*|заверши\w*|bitdi"
                             r"|bitib|bitmisdir|bitmeyi|sona (catdi|catib|yetdi|yetib))\b")  # (folded)
_WHY = lazy_regex(r"^(and |but |so |а |и |bes )?(why|how come|how so|in what way|почему|зачем|отчего|niye|neden)\b")
_NO_NEW_FACT = lazy_regex(r"^(and |but |so |а |и |bes )?(why|how come|how so|in what way|почему|зачем|отчего|niye|neden"
                          r"|niye ki)\b"
                          r"|^(who|кто) (are|were|такие|они) ?(they)?$|" + _WHO_IS_IT.pattern)
# "what did he mean by imperial tone?": words of the last quote, whose meaning is the claim it is cited for (folded)
_MEANS_BY = lazy_regex(r"^(and |so |but )?what (does|did|do) (he|she|they|the author|\w+) (mean|imply|suggest)"
                       r" (by|with) (?P<words>.+)$"
                       r"|^(а )?что (он|она|они|автор|\w+) (имел|имела|имели|имеет) в виду"
                       r" (под|говоря о|говоря) (?P<words_ru>.+)$")
# what a quote is cited to support: "what idea does the Putin quote support?", "Какую мысль подкрепляет эта цитата?",
# "Bu sitat hansı fikri əsaslandırmaq üçün gətirilib?" (folded)
_SUPPORTS = lazy_regex(r"\b(what|which) (idea|point|claim|argument|view|thesis|statement) (does|did|is)"
                       r" (the |this |that )?(\w+ )?(quote|quotation|line|words|citation)( \w+)?"
                       r" (support|supports|back|backs|illustrate|show|serve|prove|meant to|used to|there to)"
                       r"|\bкак(ую|ой|ое) (мысль|идею|тезис|утверждение|точку зрения) (подкрепляет|подтверждает"
                       r"|иллюстрирует|доказывает|поддерживает)( эта| эти| \w+)? (цитата|слова|фраза)"
                       r"|\bsitat (hansi|ne) (fikri|iddiani|tezisi|neyi) (esaslandir\w*|destekle\w*|goster\w*"
                       r"|tesdiqle\w*|subut\w*)"
                       # what a named quote means: "what does Putin's phrase mean?", "что значит фраза Путина?",
                       # "Putinin … sözü nə deməkdir?"
                       r"|\bwhat (does|did) (\w+ s |the |this |that )(quote|phrase|line|remark|words|saying) mean\b"
                       r"|\bчто (значит|означает) (эта |его )?(фраза|цитата|высказывание|слова)\b"
                       r"|\b(sozu|sozleri|ifadesi|sitati|ifade) ne demekdir\b"
                       # what a quote's words refer to: "What does 'imperial tone' refer to in the brief's argument?"
                       r"|^what (does|do) (the (phrase|words?|term|expression) )?\w+( \w+){0,3} (refer to|refers to"
                       r"|stand for|point to)\b")
_FOR_SOMETHING = lazy_regex(r"\bfor (the )?\w+$")  # "… mean for Armenia?" (folded)
_HOW_SO = lazy_regex(r"^(and |so |but )?(how so|in what way|meaning|как это|в каком смысле|yeni|nece yeni)$")  # folded
# "What does he mean by that?": an explanation the quote itself does not give (folded)
_EXPLAIN = lazy_regex(r"^(and |so )?what (does|did) (he|she|it|they|that|this) (mean|show|tell us|imply)"
                      r"( by (that|it|this))?( for (the )?\w+)?$"
                      r"|^(а )?что (он|она|они|это) (имел|имела|имели|имеет|хотел|хотела) (в виду|сказать)$"
                      r"|^(а |и |ну )?(что|че|чо|шо) это (значит|означает|показывает|говорит)( по (твоему|вашему))?$"
                   r"|^(bu|o) (ne )?demekdir$"
                      r"|^(bu|o) neyi (gosterir|bildirir)$")
# ("another question", "другой вопрос", "başqa sual" change the subject: they ask nothing of the last answer)
# "what airline?" after the plane: a question word and one thing, which the last answer may name when nothing else does
_NO_THING = frozenset("now then next today here there so ok".split())  # "what now?" asks of no thing
_LIST_GLUE = frozenset("and the what about а и bes ya".split())  # "and the second one?", "what about the third?"
_ONE = frozenset("one ones один одна одно biri birisi".split())  # "the second one": the ordinal's own list unnamed
# a time asked with nothing else: "in which month?", "В каком месяце?", "what year exactly?", "hansı ildə?" (folded)
_KIND_ONLY = lazy_regex(r"^((and|so|а|и|bes) )?((in|on|during|в|во|на) )?(which|what|какой|каком|какого|какую|hansi)"
                        r" (month|year|day|date|season|месяц\w*|год\w*|день|дня|числ\w*|дат\w*|ay\w*|il\w*|gun\w*"
                        r"|tarix\w*)( (was (it|that)|exactly|именно|это было|idi|olub))?$")
_WHAT_THING = lazy_regex(r"^(which|what|какой|какая|какое|какие|hansi) \w+$")  # folded
_ELSE = lazy_regex(r"\b(else|(?<!each )other|(?<!one )another|ещ[её]|другой|другие|другого|basqa|diger)\b"
                   r"(?! (question|thing|topic|вопрос|тема|sual|movzu)\b)")
# "Which context is that part of?": the pronoun is what the question is about ("what part did Norway play in it?" and
# "what part of it was in 2023?" ask something else)
_BACK_TO = frozenset("ok okay so back to let s go now".split())  # "ok back to huseynov - …" (folded)
_WHICH_CONTEXT = lazy_regex(r"\b(which|what) (context|section) (is|was|does|do) (that|this|it)\b"
                            # its number: "which context number is this?", "Какой это по счёту контекст?", "Bu
                            # neçənci kontekstdir?", "Bu, müəllifin neçənci kontekstidir?"
                            r"|\b(which|what) (context )?number (is|was) (that|this|it)\b"
                            r"|\bкак(ой|им) (это |он )?(по сч[её]ту|номер)( это| он)?( контекст)?\b"
                            r"|\bпод каким номером\b|\b(bu|o) (muellifin )?(necenci|hansi) kontekst(dir|idir)\b"
                            # which of two it is: "Это третий контекст или четвёртый?", "is that the third or fourth?"
                            r"|\bэто (\w+ )?контекст (или|либо)\b|^(is|was) (that|this|it) the \w+ (context )?or\b"
                            r"|^(bu|o) (muellifin )?necenci\b"
                            r"|\b(which|what) part (is|was) (that|this|it)\b"
                            r"|\b(that|this|it) (belongs?|falls?|fits?) (to|under|in|into) (which|what)\b"
                            r"|\b(к|в) как(ому|ом)( из)? (контексту|контексте|контекстов)( \w+){0,3}"
                            r" (это|эта|этот|эти|он|она|оно)\b"
                            r"|\b(это|он|она|оно) (относится )?(к|в) как(ому|ом) (контексту|контексте)\b"
                            r"|\b(bu|o)( sitat| fikir| sozler| iddia)? hansi kontekst(e|de|dedir|dendir|e aiddir)"
                            r"( gelir| kecir| verilir| var| yer alir| gedir)?\b"
                            # why the brief cites it: the argument it serves ("why does the author bring it up?")
                            r"|\bwhy (does|did|would) (the author|he|she|the brief|the article)"
                            r" (bring (it|this|that|him) up|mention (it|this|that|him)|quote (it|this|that|him)"
                            r"|cite (it|this|that|him))\b"
                            r"|\bwhy (is|was) (this|that|he|she|it) (quoted|mentioned|cited)\b"
                            r"|\bwhat (point|argument) (is|does|did) (the author|he|she) (\w+ )?"
                            r"(make|making|trying to make) (with|by|in) (that|this|it)\b"
                            r"(?! (brief|article|piece|paper|text))"
                            r"|\bwhat is the point of (that|this|it)\b(?! (brief|article|piece|paper|text))"
                            # "which of the contexts is that part of?", "… is his quote part of?"
                            r"|\b(which|what)( one)? of (the|these|those|his|its|the author|kuzio) (contexts"
                            r"|sections|parts) (is|was|does) ((that|this|it)\b|(his|her|the|\w+ s) (quote|line|words"
                            r"|claim) (part of|in|from)\b)"
                            # "in what context does the author use that line?"
                            r"|\b(in )?(what|which) (context|section|part) (does|did) (the author|he|kuzio|the brief)"
                            r" (use|cite|quote|bring up|mention|give|put) (that|this|it)\b"
                            r"|\b(which|what) (part|section) of the (article|brief|text|piece) (is|was)"
                            r" (that|this|it)\b"
                            r"|\b(which|what) (context|section|part) (is|was) (\w+ ){0,3}"
                            r"(quote|line|words|claim|statement) (part of|in|from)\b"
                            r"|\b(зачем|почему) (автор |он |она )?(это |его |её |ее )?"
                            r"(приводит|упоминает|цитирует|вспоминает)\b"
                            r"|\b(muellif |o )?(bunu|onu) niye"
                            r" (xatirladir|qeyd edir|getirir|misal getirir|sitat getirir)\b")  # folded
# a set-aside of a thing named, not of the last answer ("besides that" is "else")
# "and the other one?", "а второй/другой?", "bəs digəri?": the other of a pair the last answer names (folded)
_THE_OTHER_ONE = lazy_regex(r"^(and |what about |а |и |bes )?(the )?(other( one)?|другой|другая|другое|diger(i)?"
                            r"|o biri(si)?)$")
_LISTS = lazy_regex(r"\b(and|или|и|ve|və)\b")  # a quote that names more than one thing
_SETS_ASIDE = lazy_regex(rf"\b({SET_ASIDE_EN}|{SET_ASIDE_RU})"
                         r" (?!(that|this|it|them|это|этого|того)\b)"
                         r"|\b(?!(bun|on)dan\b)\w+(dan|den|tan|ten|nan|nen) (basqa|savayi)\b")  # "təyyarədən başqa"
_SAYING = lazy_regex(r"\b(say|says|said|write|wrote|written|сказал\w*|говорил\w*|написал\w*|писал\w*"
                     r"|заявил\w*|dedi|deyib|demisdi|yazib|yazdi|yazmisdi)\b")  # folded
# "there" that is no place: "is there…", "there is…", "что там с X?" (what about X?); folded
_NOT_THERE = lazy_regex(r"\b(is|are|was|were|isn t|aren t) there\b|\bthere (is|are|was|were|s)\b|\bчто там (с|со|у)\b"
                        r"|\b(in|from) there\b"  # "a quotable line from Putin that's in there": in the brief
                        # "in it", of the text: "какие трубопроводы там упоминаются?", "what's mentioned there?"
                        # (not "что там написано?" after "где автор писал раньше?": what is written in that place)
                        r"|\bтам (упомина|говорит|сказан|описан)\w*|\b(упомина|говорит|сказан|описан)\w* там\b"
                        r"|\b(mentioned|said|described|named) there\b")
_THERE = lazy_regex(r"\b(there|там|orada|orda)\b")  # the place the last answer names; folded
_ASKS_WHAT = lazy_regex(r"\b(what|which|что|чего|какие|какой|какая|ne|hansi)\b")  # folded
BARE_ORDINAL_WORDS = 3  # "birincisi nədir?", "what's the third?": an ordinal and a word or two
# "Who said that?" / "кто это написал?" / "bunu kim deyib?": whose words the last answer is
_WHO_SAID = lazy_regex(r"^(and |а |bes )?(who|кто)( это)? (said|wrote|says|writes|claims|argues|сказал|написал|говорит"
                       r"|пишет|утверждает)( (that|it|this|so))?( (anyway|again|then|exactly))?$"
                       r"|^(bes )?(bunu|onu) kim (deyib|yazib|dedi|yazdi)$")
# whose view the last answer is (folded): "who holds that view?", "чья это точка зрения?", "bu kimin fikridir?"
_WHOSE_VIEW = lazy_regex(r"^(and |so |but |а |и |bes )?(who (holds|shares|has|takes|believes|thinks|says) (that|this)"
                         r"( view| position| opinion| stance| idea)?"
                         r"|whose (view|opinion|position|idea|claim) is (that|this)"
                         r"|кто так (считает|думает)|чья это (точка зрения|позиция|мысль|идея)|чье это мнение"
                         r"|kim bele (dusunur|hesab edir|fikirlesir)|bu kimin (fikridir|movqeyidir|iddiasidir))$")
# a quote that names who holds the view it gives: "Russians alike see…", "Russian leaders do not view…"
_HOLDS_VIEW = lazy_regex(r"\b(see|sees|saw|seen|view|views|viewed|regard|regards|regarded|consider|considers|considered"
                         r"|believe|believes|believed|think|thinks|thought)\b")
_ATTRIBUTED = lazy_regex(r"\b(say|says|said|told|wrote|writes|written|argue|argues|argued|believes|believed|warned"
                         r"|warns|claimed|claims|noted|insisted|insists|according to)\b", re.IGNORECASE)
ORDINAL_NAMING_PHRASINGS = 3  # phrasings that call an entry by an ordinal before "the fifth?" alone names it
ORDINAL_CLEAR_LEAD = 2  # ... and it must be called so this many times as often as any other entry
LIST_ITEM_WORDS = 12  # words of the last question an ordinal is tried with: bounds the work one message can cause
SUBJECT_TERMS = 2  # a follow-up needs this many words of its own to be a question of its own
WHOLE_QUESTION_WORDS = 4  # "so what happened to armenia after that" is a whole question, "nə yazıb?" is not
NAMING_ENTRIES = 2  # a word that names a thing of its own is used by at most this many entries ("the US", not "Baku")
MIN_SHARED_STEM = 5  # letters two stems must share, one starting the other, to be taken for forms of one word
SURE_ALONE = 0.35  # the confidence from which a whole question that matches on its own is its own question


def last_id(state: Conversation) -> str | None:
    return state.last_entry[1] if state.last_entry else None
_BARE = lazy_regex(r"^(and |but |so |а |и |bes |)(это |bu |o |onlar |bunlar |они |он |она |оно )?"
                   r"(why|when|where|who|how|how many|how much|what|"
                   r"since when|"
                   r"when was (that|it)|who said (that|it)|where is (that|it)|why is (that|it)( ironic)?|"
                   r"почему|когда|где|кто|сколько|niye|ne vaxt|harada|kim)\b")


_FILLER = frozenset("olmusdu deyib olub oldu vaxt".split())  # Azerbaijani auxiliaries the stop words lack, and the
# "vaxt" of "nə vaxt" (when)


# Words that ask rather than name a subject ("how many died" names "died" only), besides the stop words terms()
# already drops.
_ASKING = frozenset("""many much told сказал сказала говорил говорит dedi deyib soyleyib
    month year day date месяц месяце месяца год году года день дня числа дата ay ayda ayinda il ilde ili gun gunu
    tarix tarixi""".split())  # (a time's unit names no thing: "в каком месяце?" asks when of the last answer)


def _numbered_paragraph(bot, state: Conversation, text: str, language: str) -> tuple[Reply, None] | None:
    """"процитируй первый абзац": the brief's first paragraph, not the first item of a list; or None."""
    reply = bot.numbered_paragraph(text, state.brief_id, language)
    return (reply, None) if reply is not None else None


def _set_aside_alone(bot, state: Conversation, text: str, lang: str | None) -> tuple[Reply, None] | None:
    """"а кроме самолёта?": what else than the thing it names, which the message says itself, or None."""
    if not sets_aside_only(text):
        return None
    reply = bot.ask(text, state.brief_id, lang)
    return (reply, None) if reply.answered else None


def _aspect_only(words: list[str]) -> bool:
    """Whether a message names nothing but an aspect: "full names?", "полное название?", "what do those abbreviations
    stand for?"."""
    content = [w for w in strip_fillers(" ".join(words)).split() if w not in STOP_WORDS]
    return bool(content) and all(w in _ASPECT for w in content)


def _aspect_of_last(bot, state: Conversation, text: str, words: list[str],
                    lang: str | None) -> tuple[Reply, str] | None:
    """"full names?" after the pipelines: the aspect asked of the last question's subject, or None."""
    if not _aspect_only(words) or state.last_question is None:
        return None
    whole = f"{_subject(state.last_question)} {text}"
    reply = bot.ask(whole, state.brief_id, lang or bot.language_of(text))
    return (replace(reply, question=text), whole) if reply.kind in ("answer", "not_said") else None


def _is_bare(folded: str) -> bool:
    """A follow-up that says nothing of its own subject: "why?", "when was that?", "who said that?"."""
    content = [w for w in folded.split() if len(w) > 3 and w not in _FILLER and w not in STOP_WORDS]
    return bool(_BARE.match(folded)) and len(content) <= 1


def _subject(question: str) -> str:
    """The last question without its question words, so that only the follow-up says what it asks."""
    words = strip_fillers(fold(question)).split()  # (and its frames: "no, I meant what airline" is of the airline)
    return " ".join(w for w in words if w not in STOP_WORDS) or question


def _own_terms(bot, text: str, lang: str | None) -> tuple[str, ...]:
    """The follow-up's own content stems ("putin", "quote" in "any putin quote on that?"; none in "why is that?"),
    stemmed as the support check stems the knowledge, so that they can be looked up in an entry's words."""
    stems, words = bot.analyzer.model_terms(text, lang or bot.language_of(text) or "en")
    content = [(s, w) for s, w in zip(stems, words, strict=True)
               if w not in STOP_WORDS and w not in _FILLER and w not in _ASKING]
    hard = [s for s, w in content if w not in bot.analyzer.soft]
    return tuple(dict.fromkeys(hard or [s for s, _ in content]))


def _names_its_list(words: list[str]) -> bool:
    """Whether an ordinal comes with the name of its list ("the fifth context", "пятый контекст")."""
    return any(w in _ORDINALS for w in words) and any(
        w not in _ORDINALS and w not in STOP_WORDS and w not in _ONE for w in words)


def _bare_ordinal(words: list[str]) -> bool:
    """"Birincisi nədir?", "the third?": an ordinal with hardly anything else names an item of the last list; "the
    fifth context then?" names its own."""
    return len(words) <= BARE_ORDINAL_WORDS and not _ORDINALS.keys().isdisjoint(words)


def _which_context(bot, state: Conversation, text: str, folded: str, lang: str | None):
    """"Which context is that part of?" after an answer: the numbered context it belongs to, as the entry the
    knowledge calls by that context's ordinal ("the first context"). None if the question is another or the answer
    belongs to no numbered context."""
    if not state.last_entry or not _WHICH_CONTEXT.search(folded):  # (its every form names "that", "это", "bu")
        return None
    # ("back to huseynov - which of the contexts is his quote part of?": of the entry the rest names, if any)
    rest = " ".join(w for w in _WHICH_CONTEXT.sub(" ", folded).split() if w not in _BACK_TO and w not in _ORDINALS)
    own = _own_terms(bot, rest, lang)  # (a thing of its own: "huseynov", not "the quote", which several entries are)
    named = bot.ask(rest, state.brief_id, lang) if own and all(
        bot.support.entries_using(s) <= NAMING_ENTRIES for s in own) else None
    key = (named.source.brief, named.entry) if named is not None and named.answered else state.last_entry
    brief = bot.knowledge.brief(key[0])
    entry = brief.entry(key[1]) if brief else None
    context = brief.context(entry.context) if entry else None
    if context is None or context.ordinal is None:
        return None
    called = _ordinal_items(bot, brief.id).get(context.ordinal, {})
    in_context = [key for key in called if (e := brief.entry(key[1])) is not None and e.context == context.id]
    if not in_context:
        return None
    best = max(in_context, key=lambda key: len(called[key]))
    # (the context's own answer says which context it is: it is given again; the next follow-up leans on its question)
    return bot.entry_reply(*best, text, language=_reply_language(bot, text, lang)), brief.entry(best[1]).questions[0]


def _ordinal_alone(bot, state: Conversation, text: str, words: list[str], lang: str | None):
    """"ikincisi?" after the first context, "а пятый?" after a quote: (the item it names, None), or None."""
    # ("and the second one?" after a quote of the first context, other questions between: the list last seen)
    of_the_list = (state.listed and state.listed != state.last_entry and not _ORDINALS.keys().isdisjoint(words)
                   and all(w in _ORDINALS or w in _ONE or w in _LIST_GLUE for w in words))
    if not ((_bare_ordinal(words) or of_the_list) and state.last_entry):
        return None
    item = _ordinal_item(bot, state, _ORDINALS[next(w for w in words if w in _ORDINALS)])
    if item is None or item == state.last_entry:
        return None
    entry = bot.knowledge.find_entry(*item) if of_the_list else None  # (its question, for the next follow-up)
    return bot.entry_reply(*item, text, language=_reply_language(bot, text, lang)), entry.questions[0] if entry \
        else None


def _asks_who_they_are(text: str) -> bool:
    """Whether each question of a message asks who someone is or where they work ("who is he? where does he
    work?", "кто он и где работает?"): what a quote of their words does not say."""
    parts = [" ".join(CHAT_SPELLINGS.get(w, w) for w in fold(p).split()) for p in _QUESTIONS_IN_ONE.split(text)]
    return any(parts) and all(_WHO_IS_IT.match(p) for p in parts if p)


def _names_its_referent(bot, state: Conversation, text: str, lang: str | None) -> tuple[Reply, None] | None:
    """A message whose later sentence's personal pronoun has a name of an earlier sentence to refer to ("Who is Vasif
    Huseynov anyway? Is he credible?"): answered on its own, not leaning on the last answer."""
    sentences = [fold(p).split() for p in _SENTENCE_END.split(text) if p.strip()]
    for i, words in enumerate(sentences[1:], start=1):
        if not _HE_OR_SHE.isdisjoint(words):
            if any(w in bot.analyzer.proper for earlier in sentences[:i] for w in earlier):
                return bot.ask(text, state.brief_id, lang), None
            return None
    return None


def _follow_up(bot, state: Conversation, text: str, words: list[str], lang: str | None) -> tuple[Reply, str | None]:
    """A short message that may lean on the last answer: (reply, the whole question it was answered as)."""
    folded = " ".join(words)
    alone = bot.ask(text, state.brief_id, lang)
    bare, own = _is_bare(folded), _own_terms(bot, text, lang)
    if state.last_question is None:
        # "and the fourth?" of what? ("the first context?" names its list: it is a question of its own)
        lone_ordinal = len(words) <= 3 and any(w in _ORDINALS for w in words) and all(
            w in _ORDINALS or w in STOP_WORDS for w in words)
        lone = bare and (not own or not alone.answered)  # "why?", "when was that?": of what?
        return (_clarify(bot, text, lang) if lone_ordinal or lone else alone), None
    last = bot.knowledge.find_entry(*state.last_entry) if state.last_entry else None
    if bare and last is not None and last.paragraph == 0 and not _WHO_IS_IT.match(folded):
        return _about_the_brief(bot, state, text, lang) or alone, None  # after "who wrote it?", "when?" is its date
    subject = _subject(state.last_question)  # "how many contexts?" + "and the second?": the second context
    # (an ordinal with a list of its own, "what about the fifth context?", is not of the last question's list)
    whole = (None if _names_its_list(words) else _rewrite_ordinal(subject, words)) or f"{subject} {text}"
    combined = replace(bot.ask(whole, state.brief_id, lang or bot.language_of(text), focus=text), question=text)
    combined = _of_last_answer(bot, state, last, text, lang, combined, whole) if bare and not own else combined
    if any(w in _ORDINALS for w in words) and last is not None and combined.entry == last.id:
        found = _ordinal_of_a_list(bot, state, subject, words, lang, text, alone)
        if found is not None:
            return found if found[0] is not None else (combined, whole)
    if own and not _REFERS.search(_pointing(folded)) and _stands_alone(bot, text, own, alone, combined):
        return alone, None
    if _there(bot, state, text, folded, alone, combined):
        # "what did he argue there?" after "in The National Interest": what the last answer says of its place
        return bot.entry_reply(*state.last_entry, text, language=_reply_language(bot, text, lang)), whole
    no_new_fact = bare and not own and _NO_NEW_FACT.match(folded)
    # ("who is he?", "who does he work for?" after a quote are of its speaker, however the rebuilt question ranks)
    who_is = _asks_who_they_are(text) or (_IS_HE.match(folded) and last is not None
                                          and not _leans_on_entry(bot, own, state.last_entry))
    if last is not None and no_new_fact and _WHY.match(folded) and (_GIVES_CAUSE.search(last.quote) or (
            _ENDED_WHEN.search(last.quote) and _ASKS_OF_AN_END.search(fold(state.last_question or "")))):
        # "niyə?" after "Moscow lost its main budget revenue *after* Europe ended the purchase…": its own words say why
        return bot.entry_reply(*state.last_entry, text, language=_reply_language(bot, text, lang)), whole
    if last is not None and (who_is or combined.entry == last.id and (
            no_new_fact or _EXPLAIN.match(folded) or _why_of_it(bot, state, text))):
        # "why?" / "who is he?" after an answer that says no more: a related entry that answers the question
        # rebuilt from it (not of who someone is, which no other entry says either), or "the brief does not say" -
        # never the same answer again
        reply = (None if who_is else _related_answer(bot, state, last, whole, text, lang)) or _not_said_more(
            bot, state, last, text, lang)
        return reply, whole
    enough = len(own) >= SUBJECT_TERMS  # "nə yazıb?" (pro-drop: "what did he write?") leans on the last answer
    about = (_what_about(bot, state, text, own, alone, combined, whole, lang) if _RE_ASK.match(folded) and own
             else None) or _closest_names_it(bot, state, text, own, alone, lang)
    if about is not None:
        return about
    refers = _refers_back(bot, state, folded, alone)
    sure = (own and not refers and len(words) >= WHOLE_QUESTION_WORDS and alone.score >= SURE_ALONE
            and alone.entry != last_id(state))
    # (a question of its own words that the last one, rebuilt, cannot answer: "кто автор?" after the fifth context; or
    # of the brief's own words only: "кто автор?" after a quote, whatever the last answer was)
    of_the_brief = all(w in bot.analyzer.soft or w in _THE_BRIEF_RU_AZ for w in words if w not in STOP_WORDS)
    own_question = (own and not refers and (combined.kind == "not_said" or of_the_brief)
                    and alone.entry != last_id(state))
    if alone.answered and (combined.kind not in ("answer", "not_said") or sure or own_question
                           or ((enough or _unexplained(bot, own, alone, combined) or not refers and _foreign(
                               bot, own, combined)) and _explains_better(bot, own, alone, combined))):
        return alone, None  # it matches on its own words ("any putin quote on that?"), whatever came before
    # (a "not said" of its own words is more than a rebuilt question that finds nothing: "А пятый контекст какой?")
    if combined.kind in ("answer", "not_said") or not (alone.answered or alone.kind == "not_said" and own):
        return combined, whole
    return alone, None


def _what_about(bot, state: Conversation, text: str, own: tuple[str, ...], alone: Reply, combined: Reply, whole: str,
                lang: str | None) -> tuple[Reply, str | None] | None:
    """"What about X?" that names a thing of its own: (the reply, the question it stands for), or None."""
    last = last_id(state)
    if alone.answered and alone.entry != last and _leans_on_entry(bot, own, (alone.source.brief, alone.entry)):
        # "what about Norway?" after the Kremlin's red lines: the entry that names Norway; "what about Armenia?"
        # after the Alma-Ata refusers: the reader has seen Armenia named, and asks for more of it
        return alone, None
    if last is not None and combined.entry != last and alone.kind != "not_said" and _leans_on_entry(
            bot, own, state.last_entry):
        # "what about the US?" after the list of suppliers: the last answer already names the new subject
        return bot.entry_reply(*state.last_entry, text, language=_reply_language(bot, text, lang)), whole
    return None


def _closest_names_it(bot, state: Conversation, text: str, own: tuple[str, ...], alone: Reply,
                      lang: str | None) -> tuple[Reply, None] | None:
    """A follow-up that nothing answers on its own, whose own words one entry alone uses and the last answer does
    not: that entry ("what about the US?" after the Kyiv-Baku deals; "Когда она потерпела поражение?" after the
    Alma-Ata refusers, which name Armenia but not its defeat), or None."""
    folded = fold(text)
    if (not own or not state.last_entry or alone.kind not in ("suggest", "not_understood") or _ELSE.search(folded)
            or _SETS_ASIDE.search(folded) or _leans_on_entry(bot, own, state.last_entry)
            or any(bot.support.entries_using(s) > NAMING_ENTRIES for s in own)):
        return None
    brief = bot.knowledge.brief(state.last_entry[0])
    last = brief.entry(state.last_entry[1]) if brief else None  # (a stored chat's brief may be gone since)
    if last is None:
        return None
    named = [e for e in brief.entries if all(bot.support.uses(s, brief.id, e.id) for s in own)]
    # (of the same part of the brief, or one the knowledge relates: "кто её подписал?" after the Alma-Ata
    # Declaration is not of the Kyiv-Baku agreements, whatever they signed)
    # (never the byline's entries, whose words are the brief's own: "which year was that?" asks it of the last answer,
    # not of the brief's date)
    if (len(named) != 1 or named[0].paragraph == 0
            or not (named[0].context == last.context or named[0].id in last.related)):
        return None
    return bot.entry_reply(brief.id, named[0].id, text, language=_reply_language(bot, text, lang)), None


def _there(bot, state: Conversation, text: str, folded: str, alone: Reply, combined: Reply) -> bool:
    """"What did he argue there?" after "in The National Interest": "there" is the place the last answer names, when
    the question asks nothing the last answer does not give and nothing else answers it on its own words (not "is
    there anything on Putin?", "что там с трубопроводами?", "what's the weather there?", "how much is stored
    there?")."""
    if not _THERE.search(_NOT_THERE.sub(" ", folded)) or state.last_entry is None:
        return False
    facts = bot.fact_kinds(*state.last_entry)
    asks = bot.analyzer.query(text).asks
    points_back = _REFERS.search(_THERE.sub(" ", folded))  # "what did *he* argue there?" leans on it wholly
    return ("place" in facts and (asks is None or asks in facts) and combined.kind != "not_said"
            and alone.kind != "decline" and (not alone.answered or alone.entry == state.last_entry[1] or points_back
                                             or alone.score < SURE_ALONE))  # (a weak answer of its own yields)


def _when_of_it(bot, state: Conversation, text: str, folded: str) -> bool:
    """"В каком месяце?", "in which month?", "hansı ildə?" after an answer that dates what it says: a time asked of
    the last answer, not of the brief (whose own date the words alone would find)."""
    if not (state.last_entry and _KIND_ONLY.match(folded)):
        return False
    asks = bot.analyzer.query(text).asks
    return bool(asks) and asks in bot.fact_kinds(*state.last_entry)


def _two_questions(bot, state: Conversation, text: str, lang: str | None) -> tuple[Reply, None] | None:
    """Two questions each answered on its own words ("who wrote it and when?"), whatever came before."""
    if not may_hold_two(text):  # (not asked twice over: the follow-up rules ask it anyway)
        return None
    alone = bot.ask(text, state.brief_id, lang)
    return (alone, None) if alone.also else None


def _small_talk(bot, state: Conversation, text: str, lang: str | None) -> tuple[Reply, None] | None:
    """"Thanks, that's useful": thanks, whatever "that" would lean on."""
    if not bot.analyzer.query(text).small_talk:
        return None
    reply = bot.ask(text, state.brief_id, lang)
    return None if reply.answered else (reply, None)


def _why_of_it(bot, state: Conversation, text: str) -> bool:
    """"Why does Baku feel that way?" after a quote that gives no reason: a reason the last answer would have to add
    (unless its own words are the question's: "why is it ironic?" after "ironically built in the Soviet era")."""
    folded, own = fold(text), _own_terms(bot, text, None)
    return (bool(_NO_NEW_FACT.match(folded) and _REFERS.search(folded))
            and "reason" not in bot.fact_kinds(*state.last_entry)
            and not (own and _leans_on_entry(bot, own, state.last_entry)))  # "why is it ironic?": it says so itself


def _ordinal_of_a_list(bot, state: Conversation, subject: str, words: list[str], lang: str | None, text: str,
                       alone: Reply) -> tuple[Reply | None, str | None] | None:
    """"And the second?" names an item of the list the last answer gave, never that answer again: (reply, the whole
    question), (None, None) for the last answer again, or None to go on with the other follow-up rules."""
    item = _list_item(bot, state, subject, words, lang, text)
    if item is not None:
        return item
    named = _own_terms(bot, " ".join(w for w in words if w not in _ORDINALS), lang)
    if alone.answered and named and _leans_on(bot, named, alone):
        return alone, None  # "а третий контекст какой?" after a quote names its own list: the third context
    closest = _closest(alone) if alone.kind == "not_said" else None
    if named and closest and _leans_on_entry(bot, named, closest):
        return alone, None  # "what about the fifth context?": its own list, of which the brief lacks that item
    if alone.answered and not _leans_on(bot, _own_terms(bot, subject, lang), alone):
        # the list's items are all in the last answer ("SCP and TANAP" after "which pipelines…?"): show it again
        # rather than "the second context", which is an item of no list the reader was given
        return None, None
    return None


def _closest(reply: Reply) -> tuple[str, str] | None:
    """The entry a reply is about: its own, or the closest question it offers."""
    if reply.entry and reply.source:
        return reply.source.brief, reply.entry
    return (reply.suggestions[0].brief, reply.suggestions[0].entry) if reply.suggestions else None


def _stands_alone(bot, text: str, own: tuple[str, ...], alone: Reply, combined: Reply) -> bool:
    """Whether a follow-up's own words, which point back at nothing, say it is not about the last answer: off topic
    on them ("who won the cup") and not explained by the answer rebuilt from the last question, or naming something
    no text of the knowledge does ("who is Armenia's prime minister?" after Karabakh)."""
    if alone.kind == "decline":  # (a question without its subject leans on the last one whatever its verb)
        return not _leans_on(bot, own, combined) and not _PRO_DROP_VERB.match(fold(text))
    # ("who is Ukraine's president?" after the Kremlin's red lines: words enough of its own that the answer rebuilt
    # from the last question does not explain, with nothing pointing back, ask a question of their own; "which one?"
    # has too few)
    return combined.answered and not alone.answered and (
        bot.analyzer.query(text).known_share < 1 or len(own) >= SUBJECT_TERMS and not _leans_on(bot, own, combined))


def _something_else(bot, state: Conversation, text: str, folded: str,
                    lang: str | None) -> tuple[Reply, str | None] | None:
    """"Who else is quoted?", "where else has he written?": the question without its "else", answered by any entry
    but the last answer's. When nothing else answers it, a question with a subject of its own is read as it stands,
    never joined to the last question ("who else is quoted?" after the suppliers); None leaves one that leans on the
    last answer ("what else did he say?") to the follow-up rules."""
    if state.last_entry is None or not _ELSE.search(folded):
        return None
    last = bot.knowledge.find_entry(*state.last_entry)
    if _THE_OTHER_ONE.match(folded) and last is not None and _LISTS.search(last.quote):
        # "and the other one?" after "what does SCP stand for?", answered by the pair SCP and TANAP: that answer
        return bot.entry_reply(*state.last_entry, text, language=_reply_language(bot, text, lang)), None
    if _SETS_ASIDE.search(folded):  # "what else besides the plane?": the brief's own set-aside reading
        reply = bot.ask(text, state.brief_id, lang)
        return (reply, None) if reply.answered else None
    asked, language = _ELSE.sub(" ", folded), lang or bot.language_of(text)
    # (and the quotes cited for it: "who else is quoted?" after Huseynov's words and the claim they serve)
    brief = bot.knowledge.brief(state.last_entry[0])
    citing = {e.id for e in brief.entries if (claim := _claim_of(bot, state.last_entry[0], e)) is not None
              and claim.id == state.last_entry[1]} if brief else set()
    reply = bot.ask(asked, state.brief_id, language, exclude=frozenset({state.last_entry[1], *citing}))
    # ("which other countries did that?" leans on the last answer however its own words match: a weak match of them
    # alone is no answer of its own)
    leans = _REFERS.search(_pointing(asked)) and reply.score < SURE_ALONE
    if reply.answered and reply.score < SURE_ALONE and len(_own_terms(bot, asked, language)) == 1:
        # "which other countries?" after "Azerbaijan is one of several countries, including Norway and the US…": the
        # others are those the last answer names, when it is the best answer to the question without its "other"
        plain = bot.ask(asked, state.brief_id, language)
        if plain.answered and plain.entry == state.last_entry[1] and plain.score > reply.score:
            return replace(plain, question=text), None
    if (not reply.answered or leans) and _ASKS_WHAT.search(asked) and state.last_question and (
            _REFERS.search(asked) or not _own_terms(bot, asked, language)):
        # "what else happened besides that?": another thing than the last answer, about what the last question was
        # about ("who else is doing that?" asks for others than its subject, whom the last answer may name)
        whole = f"{_subject(state.last_question)} {asked}"
        alone, reply = reply, bot.ask(whole, state.brief_id, language, focus=asked,
                                      exclude=frozenset({state.last_entry[1]}))
        own = _own_terms(bot, asked, language)
        if not reply.answered and not _SAYING.search(asked):
            # what the knowledge relates to the last answer, the closest to the question first (not for "what else
            # did he say?": a related context is nothing else he said)
            last = bot.knowledge.find_entry(*state.last_entry)
            related = [(c.brief.id, c.entry.id) for c in bot.scorer.rank(whole, state.brief_id, language)
                       if last is not None and c.entry.id in last.related
                       and (not own or _leans_on_entry(bot, own, (c.brief.id, c.entry.id)))]
            if not related and not own and last is not None and state.suggestions[:1] == (state.last_entry,):
                # after "the brief does not say" (which offered the entry it was about), none among the closest to
                # a question of its own ("what else happened?" after "how many were on board?"): the knowledge's
                # first relation of that entry
                related = [(state.last_entry[0], entry_id) for entry_id in last.related[:1]]
            reply = bot.entry_reply(*related[0], text, language=language) if related else reply
        if not reply.answered and alone.answered:
            return replace(alone, question=text), None
        return (replace(reply, question=text), whole) if reply.answered else None
    if not reply.answered:
        if _REFERS.search(asked) or not _own_terms(bot, asked, language):
            return None
        reply = bot.ask(asked, state.brief_id, language)  # "what else won't the kremlin tolerate?": what it does say
    return replace(reply, question=text), None


def _more(bot, state: Conversation, text: str, language: str) -> tuple[Reply | None, int | None]:
    """'Tell me more': first the last answer's whole paragraph (the brief's own words), then its next related entry;
    with the paragraph now shown whole, if any.

    The paragraph is shown in English only, as the brief wrote it: the knowledge translates quotes, not paragraphs,
    so a Russian or Azerbaijani reader gets a related entry of the same paragraph first, then one of another.
    """
    brief_id, entry_id = state.last_entry
    brief, entry = bot.knowledge.brief(brief_id), bot.knowledge.find_entry(brief_id, entry_id)
    if entry is None:
        return None, None
    paragraph = brief.paragraph(entry.paragraph)
    fresh = entry.paragraph != state.shown_paragraph and entry.paragraph > 0
    if fresh and language == "en" and paragraph and paragraph.text != entry.quote:
        reply = bot.entry_reply(brief_id, entry_id, text, language=language)
        return replace(reply, answer="\n".join(filter(None, (paragraph.heading, paragraph.text)))), entry.paragraph
    related = [r for r in (brief.entry(i) for i in entry.related) if r]
    same = [r for r in related if r.paragraph == entry.paragraph]
    if fresh and language != "en" and same:
        # the rest of the paragraph, entry by entry, for a reader the English paragraph is not shown to ("расскажи
        # подробнее" after the first context: the Kremlin's red lines, before any other part of the brief)
        return bot.entry_reply(brief_id, same[0].id, text, language=language), entry.paragraph
    # the next related entry, from another paragraph than the one just shown where there is one
    nxt = next((r for r in related if r.paragraph not in (entry.paragraph, state.shown_paragraph)),
               related[0] if related else None)
    return (bot.entry_reply(brief_id, nxt.id, text, language=language) if nxt else None), state.shown_paragraph


def _paragraph(bot, state: Conversation, text: str, language: str) -> tuple[Reply | None, int | None]:
    """"Source?", "which paragraph is that in?", "show me the paragraph": the last answer with its whole paragraph
    (the brief's own words, numbered) as the answer; the byline's has none. With the paragraph now shown, if any."""
    reply = bot.paragraph_reply(*state.last_entry, text, language)
    return (reply, reply.source.paragraph) if reply else (None, state.shown_paragraph)


def _related_answer(bot, state: Conversation, last, whole: str, text: str, lang: str | None,
                    kind: str | None = None) -> Reply | None:
    """The best-ranked entry related to the last answer (and giving `kind` of fact, if one is asked), if the scorer
    would answer the rebuilt question with it."""
    language = _reply_language(bot, text, lang)
    own = _own_terms(bot, text, lang)
    for candidate in bot.scorer.rank(whole, state.brief_id, language):
        key = (candidate.brief.id, candidate.entry.id)
        # (ranked well enough to answer, or the one whose words the follow-up's own are: "why is that ironic?" after
        # the Kyiv-Baku deals is of the storage "ironically built in the Soviet era")
        if (candidate.entry.id in last.related and (candidate.confidence >= bot.scorer.thresholds.answer or (
                own and candidate.confidence >= bot.scorer.thresholds.suggest and _leans_on_entry(bot, own, key)))
                and (kind is None or kind in bot.fact_kinds(*key))):
            return bot.entry_reply(candidate.brief.id, candidate.entry.id, text, candidate.confidence, language)
    return None


def _of_last_answer(bot, state: Conversation, last, text: str, lang: str | None, combined: Reply,
                    whole: str) -> Reply:
    """A bare "when was that?" / "where?" / "how many?" asks it of the last answer. When the rebuilt question finds
    that answer, its reply stands; when it drifts ("what has russia done?" + "when was that?" found the brief's own
    date), the last answer is asked directly: it again if it gives that kind of fact, else "the brief does not say
    when", unless an entry related to it gives that kind of fact for the rebuilt question. ("Why?" has its own rule.)"""
    kind = bot.analyzer.query(text).asks
    if last is None or not kind or kind == "reason" or (combined.kind in ("answer", "not_said")
                                                         and combined.entry == last.id):
        return combined
    language = _reply_language(bot, text, lang)
    if kind in bot.fact_kinds(*state.last_entry):
        return bot.entry_reply(*state.last_entry, text, language=language)
    # "where?" after an answer that names a thing without its place: the related entry that gives it (not "how
    # many?": a related entry's figure counts something else)
    related = _related_answer(bot, state, last, whole, text, lang, kind=kind) if kind != "quantity" else None
    if related:
        return related
    closest = bot.suggestion(bot.knowledge.brief(state.last_entry[0]), last, language)
    return Reply(question=text, kind="not_said", answer=not_said(kind, language, closest.question),
                 suggestions=(closest,), language=language)


def _asks_meaning(bot, state: Conversation, folded: str) -> bool:
    """"What does that mean?", "how so?" after the author's own words: more of what he says there (a quote's
    meaning is the claim it is cited for, see `_what_it_shows`)."""
    if not (state.last_entry and state.last_question and (_EXPLAIN.match(folded) or _HOW_SO.match(folded))) or (
            _FOR_SOMETHING.search(folded)):  # ("what does it mean for Armenia?" asks of Armenia)
        return False
    last = bot.knowledge.find_entry(*state.last_entry)
    # (once: its paragraph shown, "how so?" again asks what the brief does not say, not for the next entry)
    return (last is not None and last.stated and not _ATTRIBUTED.search(last.quote)
            and state.shown_paragraph != last.paragraph)


def _what_it_shows(bot, state: Conversation, text: str, folded: str, lang: str | None):
    """"What did he mean by that?", "why?", "bu nəyi göstərir?" after a quote: (the claim the brief cites it for, its
    question), or None."""
    last = bot.knowledge.find_entry(*state.last_entry) if state.last_entry and state.last_question else None
    asks_why = _WHY.match(folded) and _is_bare(folded) and not _own_terms(bot, text, lang)
    claim = _claim_of(bot, state.last_entry[0], last) if last is not None and (
        asks_why or _EXPLAIN.match(folded) or _SUPPORTS.search(folded)
        or _of_its_words(bot, state, _MEANS_BY.match(folded), lang)) else None
    if claim is None:
        return None
    return bot.entry_reply(state.last_entry[0], claim.id, text, language=_reply_language(bot, text, lang)), \
        claim.questions[0]


def _of_its_words(bot, state: Conversation, means: re.Match | None, lang: str | None) -> bool:
    """Whether "what did he mean by X?" names words of the last answer (X: "imperial tone")."""
    words = means and (means.group("words") or means.group("words_ru"))
    own = _own_terms(bot, words, lang) if words else ()
    return bool(own) and all(bot.support.uses(s, *state.last_entry) for s in own)


def _quote_supports(bot, state: Conversation, text: str, folded: str, lang: str | None):
    """"What idea does the Putin quote support?": (the claim the brief cites the quote it names for, its question),
    or None."""
    if not _SUPPORTS.search(folded):
        return None
    # (or the closest quote among its suggestions: "цитата Путина" names his quote)
    reply = bot.ask(text, state.brief_id, lang)
    keys = ([(reply.source.brief, reply.entry)] if reply.answered and reply.source else []) + [
        (s.brief, s.entry) for s in reply.suggestions]
    for brief_id, entry_id in keys:
        entry = bot.knowledge.find_entry(brief_id, entry_id)
        claim = _claim_of(bot, brief_id, entry) if entry is not None else None
        if claim is not None:
            return bot.entry_reply(brief_id, claim.id, text, language=_reply_language(bot, text, lang)), \
                claim.questions[0]
    return None


def _quoted_there(bot, state: Conversation, text: str, lang: str | None):
    """"Is there a quote there?", "там есть какая-то цитата?" after the author's own words: (the quote the brief
    cites for them, its question), or None. The quote of the same paragraph first, else of the same context."""
    last = bot.knowledge.find_entry(*state.last_entry) if state.last_entry else None
    own = set(_own_terms(bot, text, lang))
    if last is None or _ATTRIBUTED.search(last.quote) or not own or not own <= _quote_stem(bot):
        return None
    brief = bot.knowledge.brief(state.last_entry[0])
    quoted = [e for e in brief.entries if e.context == last.context and e.stated and _ATTRIBUTED.search(e.quote)]
    quoted.sort(key=lambda e: (e.paragraph != last.paragraph, e.paragraph))
    if not quoted:
        return None
    return bot.entry_reply(brief.id, quoted[0].id, text, language=_reply_language(bot, text, lang)), \
        quoted[0].questions[0]


@functools.lru_cache(maxsize=8)  # (one per bot: reloads and tests build several)
def _quote_stem(bot) -> frozenset[str]:
    """The stems of quoting in every language once the lexicon has read them ("цитата", "sitat": "quote";
    "цитируют": "цитир")."""
    return frozenset(s for language, words in (("en", "quote"), ("ru", "цитирует цитата")) for s in
                     bot.analyzer.model_terms(words, language, repair=False)[0])


def _claim_of(bot, brief_id: str, last):
    """The claim a quoted speaker's words are cited for: the entry of the same paragraph whose quote comes right
    before it and quotes no one ("the former Soviet space as Russia's exclusive sphere of influence" before Putin's
    "wherever a Russian soldier sets foot"). None for the author's own words, which are the claims themselves."""
    if not _ATTRIBUTED.search(last.quote):
        return None
    brief = bot.knowledge.brief(brief_id)
    paragraph = brief.paragraph(last.paragraph) if brief and last.paragraph else None
    at = paragraph.text.find(last.quote) if paragraph else -1
    if at < 0:
        return None
    before = [(paragraph.text.find(e.quote), e) for e in brief.entries
              if e.paragraph == last.paragraph and e.stated and not _ATTRIBUTED.search(e.quote)]
    before = [(where, e) for where, e in before if 0 <= where < at]
    return max(before, key=lambda pair: pair[0])[1] if before else None


def _not_said_more(bot, state: Conversation, last, text: str, lang: str | None) -> Reply:
    """'The brief does not say', pointing at the last answer's related entries."""
    language = _reply_language(bot, text, lang)
    brief = bot.knowledge.brief(state.last_entry[0])
    related = tuple(bot.suggestion(brief, r, language) for r in (brief.entry(i) for i in last.related) if r)
    closest = related[0].question if related else None
    return Reply(question=text, kind="not_said", answer=not_said("detail", language, closest),
                 suggestions=related[:1], language=language)


def _whose_words(bot, state: Conversation, text: str, folded: str, lang: str | None) -> tuple[Reply, None] | None:
    """"Who said that?" of the author's own analysis (its quote attributes it to no one): the byline entry that names
    the author. None otherwise: a quote of Putin or Huseynov names its speaker itself."""
    last = bot.knowledge.find_entry(*state.last_entry) if state.last_entry else None
    if last is not None and _WHOSE_VIEW.match(folded) and _HOLDS_VIEW.search(last.quote):
        # "who holds that view?" after "democratic and imperialistic Russians alike see…": the last answer says
        return bot.entry_reply(*state.last_entry, text, language=_reply_language(bot, text, lang)), None
    asks_whose = _WHO_SAID.match(folded) or _WHOSE_VIEW.match(folded)
    if last is None or not asks_whose or _ATTRIBUTED.search(last.quote):
        return None
    brief = bot.knowledge.brief(state.last_entry[0])
    author = next((e for e in brief.entries if e.paragraph == 0 and fold(e.quote) == fold(brief.author)), None)
    reply = bot.entry_reply(brief.id, author.id, text, language=_reply_language(bot, text, lang)) if author else None
    return (reply, None) if reply else None


def _about_the_brief(bot, state: Conversation, text: str, lang: str | None) -> Reply | None:
    """The byline entry (paragraph 0) of the last answer's brief that states the kind of fact asked for."""
    return bot.byline_reply(state.last_entry[0], text, _reply_language(bot, text, lang))


COMMON_WORD_WEIGHT = math.log(2)  # the IDF of a word half the entries use: it tells no list's items apart


ORDINAL_ITEMS_KEPT = 8  # bots (reloads, tests) whose ordinal items are kept; the least recently used are dropped


@functools.lru_cache(maxsize=ORDINAL_ITEMS_KEPT)
def _ordinal_items(bot, brief_id: str | None) -> dict[int, dict[tuple[str, str], list[Counter]]]:
    """For each ordinal, the entries the knowledge's phrasings call by it ("what is the fifth context?", "пятый
    контекст"), each with the other words of each such phrasing ("context", "контекст"). Read once per bot: a bare
    "2" must not fold every phrasing again. (Callers only read it.)"""
    items: dict[int, dict[tuple[str, str], list[Counter]]] = {}
    for brief in bot.knowledge.briefs:
        if brief_id and brief.id != brief_id:
            continue
        for entry in brief.entries:
            for _, text in brief.entry_texts(entry.id):
                for q in text.questions:
                    words = [_ORDINAL_FORMS.get(w, w) for w in fold(q).split()]
                    rest = Counter(w for w in words if w not in _ORDINALS and w not in STOP_WORDS)
                    for n in {_ORDINALS[w] for w in words if w in _ORDINALS}:
                        items.setdefault(n, {}).setdefault((brief.id, entry.id), []).append(rest)
    return items


def _ordinal_item(bot, state: Conversation, wanted: int) -> tuple[str, str] | None:
    """The entry an ordinal alone names: the item of the numbered list the last answer belongs to ("birincisi
    nədir?" then "ikincisi?": the second context, not the Second Karabakh War), else the one entry the knowledge
    calls so clearly more often than any other ("а пятый?" after a quote: the fifth context)."""
    items = _ordinal_items(bot, state.brief_id)
    called = {key: sum(phrasings, Counter()) for key, phrasings in items.get(wanted, {}).items()}
    walked = _walked(items, state.last_entry) or _walked(items, state.listed)
    if walked:  # the last answer is an item of a list: the entry called by this ordinal in the same words
        shared = {key: sum((words & walked).values()) for key, words in called.items() if key != state.last_entry}
        best = max(shared, key=shared.get, default=None)
        if best and shared[best]:
            return best
        # (else, as after any answer: the entry called so clearly most often - the second context after Putin's
        # words, whose own phrasings call nothing "second")
    counts = sorted(((len(items[wanted][key]), key) for key in called), reverse=True)
    if not counts or counts[0][0] < ORDINAL_NAMING_PHRASINGS or (
            len(counts) > 1 and counts[1][0] * ORDINAL_CLEAR_LEAD > counts[0][0]):
        return None  # called so too rarely, or two entries called so alike: the ordinal alone does not say which
    return counts[0][1]


def _item_number(bot, state: Conversation) -> int | None:
    """The ordinal the knowledge most often calls the last answer by, or the list item last seen (2 for the second
    context), or None."""
    items = _ordinal_items(bot, state.brief_id)
    for key in (state.last_entry, state.listed):
        called = {n: len(entries[key]) for n, entries in items.items() if key in entries}
        if key and called:
            return max(called, key=called.get)
    return None


def _walked(items: dict[int, dict[tuple[str, str], list[Counter]]], key: tuple[str, str] | None) -> Counter:
    """The words the knowledge's phrasings call an entry by with an ordinal ("context" of "the first context")."""
    return sum((sum(p, Counter()) for per in items.values() for k, p in per.items() if k == key), Counter())


def _is_list_item(bot, key: tuple[str, str]) -> bool:
    """Whether the knowledge calls an entry by an ordinal often enough for it to be an item of a numbered list."""
    return any(len(per.get(key, ())) >= ORDINAL_NAMING_PHRASINGS for per in _ordinal_items(bot, None).values())


def _list_item(bot, state: Conversation, subject: str, words: list[str], lang: str | None, text: str):
    """The best answer to the ordinal with one word of the last question ("второй" + "контекстов"), not the last."""
    ordinal = next(w for w in words if w in _ORDINALS)
    best = None
    language = lang or state.spoken or bot.language_of(subject) or "en"  # one word alone may pass for English
    for word in list(dict.fromkeys(subject.split()))[:LIST_ITEM_WORDS]:
        stems = bot.analyzer.model_terms(word, language)[0]  # as the support weighs
        own = tuple(t for t in stems if word not in STOP_WORDS and bot.support.weight(t) > COMMON_WORD_WEIGHT)
        if not own:
            continue  # a function word, or one most entries use ("azerbaijani"), names no list
        reply = bot.ask(f"{ordinal} {word}", state.brief_id, lang)
        if not reply.answered and stems[0] != word:  # "ikinci kontekstdə" (in the second context): "ikinci kontekst"
            reply = bot.ask(f"{ordinal} {stems[0]}", state.brief_id, lang)
        # an item of that list: an entry that uses the word ("the second context"), never the list's own entry; not
        # "the second context" after "which pipelines…?", whose items (SCP, TANAP) are in that one answer
        if (reply.answered and reply.entry != state.last_entry[1] and _leans_on(bot, own, reply)
                and (best is None or reply.score > best.score)):
            best = reply
    return (replace(best, question=text), f"{ordinal} {subject}") if best else None


def _refers_back(bot, state: Conversation, folded: str, alone: Reply) -> bool:
    """Whether a follow-up points back at the last answer. "Does that include armenia?" does; "after that" is a time;
    and "about this" names only the topic when the question's own answer is on the same part of the brief: "where
    did the author write about this before?" after Armenia has a subject of its own."""
    timeless = _pointing(folded)
    if not _REFERS.search(timeless):
        return False
    # ("who is quoted there?" after the second context: "there" is that part of the brief, which the answer is in)
    return not (alone.answered and _near(bot, state, alone)) or bool(
        _REFERS.search(_THERE.sub(" ", _ABOUT_IT.sub(" ", timeless))))


def _pointing(folded: str) -> str:
    """A follow-up without the words that point at the brief or at a time rather than at the last answer: "who wrote
    this piece?", "after that", "does it mention…?"."""
    return _THE_TEXT_SPEAKS.sub(" ", _THE_BRIEF.sub(" ", _TEMPORAL.sub(" ", folded)))


def _near(bot, state: Conversation, reply: Reply) -> bool:
    """Whether an answer is on the same part of the brief as the last one: its context, or a related entry (The
    National Interest after Armenia's defeat; not Putin's rule after the shoot-down)."""
    if state.last_entry is None or not reply.source:
        return False
    last, other = bot.knowledge.find_entry(*state.last_entry), bot.knowledge.find_entry(reply.source.brief, reply.entry)
    return bool(last and other and (last.context == other.context or other.id in last.related or last.id in
                                    other.related))


def _explains_better(bot, own: tuple[str, ...], alone: Reply, combined: Reply) -> bool:
    """Whether the follow-up's own words are better explained by its own answer than by the combined one."""
    if not own or not combined.answered or alone.entry == combined.entry:
        return False
    share = bot.support.share
    return share(own, alone.source.brief, alone.entry) > share(own, combined.source.brief, combined.entry)


def _foreign(bot, own: tuple[str, ...], combined: Reply) -> bool:
    """Whether the combined answer uses none of the follow-up's own words: "does it mention the war in Ukraine?" after
    Huseynov's words, which point back at nothing, ask of the invasion alone."""
    return combined.answered and not any(bot.support.uses(s, combined.source.brief, combined.entry) for s in own)


def _unexplained(bot, own: tuple[str, ...], alone: Reply, combined: Reply) -> bool:
    """Whether the follow-up names a thing its own answer's quote names and the combined answer never speaks of:
    "what role does Armenia play in this?" after the arrests asks of Armenia, whatever "this" leans on (not "which
    year was it?" nor "who built them?", which name nothing)."""
    if not (own and alone.answered and combined.answered):
        return False
    quoted = _quote_stems(bot, alone.source.brief, alone.entry)
    # (a stem of one form is the start of another's in the agglutinating languages: "ermenist" of "Ermənistanın")
    return any(s in quoted or len(s) >= MIN_SHARED_STEM and any(
        q.startswith(s) or s.startswith(q) for q in quoted if len(q) >= MIN_SHARED_STEM) for s in own) and not any(
        bot.support.uses(s, combined.source.brief, combined.entry) for s in own)


@functools.lru_cache(maxsize=256)
def _quote_stems(bot, brief_id: str, entry_id: str) -> frozenset[str]:
    """The stems of the names in an entry's quote (its capitalised words: "Armenia", "Ermənistanın"), in every
    language the knowledge gives it in."""
    brief = bot.knowledge.brief(brief_id)
    entry = brief.entry(entry_id)
    texts = [("en", entry.quote)] + [(lang, t.quote) for lang, t in brief.entry_texts(entry_id) if t.quote]
    names = [(lang, " ".join(w for w in quote.split() if w[:1].isupper())) for lang, quote in texts]
    return frozenset(s for lang, words in names for s, w in zip(*bot.analyzer.model_terms(words, lang, repair=False),
                                                                 strict=True) if w not in STOP_WORDS)


def _leans_on_entry(bot, own: tuple[str, ...], entry: tuple[str, str]) -> bool:
    """Whether an entry's own words explain the follow-up's own words ("us" in "including Norway and the US")."""
    return bot.support.share(own, *entry) >= bot.support.floor_for(*entry)


def _leans_on(bot, own: tuple[str, ...], reply: Reply) -> bool:
    """Whether an entry's words include the follow-up's own subject ("does that include the EU?")."""
    return bool(reply.answered and reply.source and own
                and _leans_on_entry(bot, own, (reply.source.brief, reply.entry)))


def _reply_language(bot, text: str, chosen: str | None) -> str:
    """The chat's chosen language, else the message's own, else English."""
    return chosen or bot.language_of(text) or "en"


def _clarify(bot, text: str, language: str | None) -> Reply:
    lang = _reply_language(bot, text, language)
    example = next(((b.entry_text(e.id, lang) or e).questions[0] for b in bot.knowledge.briefs for e in b.entries), "")
    return Reply(question=text, kind="clarify", answer=say("clarify", lang, example=example), language=lang)


def remembered(bot, state: Conversation, reply: Reply, text: str, now: float) -> Conversation:
    """The state after a reply a front end gave outside a conversation turn (a related-question button pressed)."""
    return _remember(bot, state, reply, text, now)


def _remember(bot, state: Conversation, reply: Reply, text: str, now: float) -> Conversation:
    if reply.answered and reply.source:
        question = text
        if _is_bare(fold(text)):  # "when was that?" stands for the question it followed up ...
            same = state.last_entry is not None and state.last_entry == (reply.source.brief, reply.entry)
            entry = bot.knowledge.find_entry(reply.source.brief, reply.entry)
            # ... or, answered by another entry ("where is the gas storage?" after the suppliers), for that entry's
            # own question: the last question would make the next follow-up ask about the suppliers again
            question = state.last_question if same else (entry.questions[0] if entry else text)
        key = (reply.source.brief, reply.entry)
        listed = key if _is_list_item(bot, key) else state.listed
        return replace(state, last_question=question or text, last_entry=key, suggestions=(), updated=now,
                       listed=listed)
    if reply.kind == "not_said":  # the topic is set even though the fact was not there ("where did it happen?"):
        # the closest thing the reply offers, else the entry talked about before: "tell me more" follows it
        closest = _closest(reply)  # (an entry of what the brief lacks, "the fifth context", is itself the topic)
        return replace(state, last_question=text, last_entry=closest or state.last_entry,
                       suggestions=tuple((s.brief, s.entry) for s in reply.suggestions), updated=now)
    if reply.suggestions:
        return replace(state, suggestions=tuple((s.brief, s.entry) for s in reply.suggestions), updated=now)
    return replace(state, updated=now)
