"""Which of the supported languages a question is written in: script and letters first, then words."""

from __future__ import annotations

import re
from typing import Literal, get_args

from bot.matching.patterns import lazy_regex

Language = Literal["en", "ru", "az"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "en"

_CYRILLIC = lazy_regex(r"[\u0400-\u04ff]")
_NOT_RUSSIAN_CYRILLIC = lazy_regex(r"[іїєґўқғүұһәөң]", re.IGNORECASE)  # Ukrainian, Belarusian, Kazakh... letters
_AZ_LETTERS = lazy_regex(r"[əƏğĞıİşŞ]")  # letters English never uses and Azerbaijani uses constantly
_LATIN = lazy_regex(r"[A-Za-z\u00c0-\u024f]")
_OTHER_SCRIPT = lazy_regex(
    r"[\u0370-\u03ff\u0530-\u058f\u0590-\u06ff\u0900-\u0dff\u10a0-\u10ff\u3040-\u9fff\uac00-\ud7af]"
)
_WORD = lazy_regex(r"[a-z]+")

# Frequent Azerbaijani words as typed without diacritics, so that "Meqaleni kim yazib" is recognised.
AZ_WORDS = frozenset(
    """kim kimdir ne nedir niye niya neye nece necə hansi hansı harada haradan haqqinda haqqında ve ile ilə ucun üçün
    bu o bir da de deyil var yox olub olunub edir etdi edib oldu olan ki mi mu bes bəs yazib yazıb yazan meqale meqaleni
    meqalede muellif muellifi rusiya rusiyanin azerbaycan azerbaycanin moskva moskvanin baki bakinin neden nədən
    zaman vaxt ne vaxt il ilde ilin soz sozu dedi deyir niye gore görə uzre üzrə hansı kontekst konteksti yeni
    boru kemeri qaz avropa ukrayna ermenistan qarabag teyyare teyyareni vurub vurdu reys reysi
    salam sag olun tesekkur tesekkurler edirem helelik gorusenedek xudahafiz aydindir anladim yaxsi ela""".split()
)
# English words of chat that no knowledge's phrasings need to hold for "thanks" or "bye" to read as English ("ok" is
# everyone's)
EN_CHAT_WORDS = frozenset("thanks thank thx bye goodbye hello hey cheers".split())
_EVERYONES = frozenset("ok okay".split())  # chat words of every language: "ok, təşəkkürlər" is Azerbaijani
# Frequent words of other languages that neither English nor Azerbaijani use, for "not a language we speak".
_FOREIGN_WORDS = frozenset(
    """der die das und ist nicht wer wie warum was ein eine ich sie wir mit auf fur für hat haben wurde werden sich
    le la les est qui quoi pourquoi une des du avec pour dans ce cette cet ces ete quand quel quelle combien ou
    au aux sur nous vous ils elles leur sont ont se pas
    el los las es quien quién que qué por porque una con para como cuando donde
    il lo gli che chi perche perché sono della
    o os um uma quem porque não nao com
    het een niet wie waarom
    och att inte vad vem varfor""".split()
)


def detect(text: str, english: frozenset[str] = frozenset(), azerbaijani: frozenset[str] = frozenset(),
           default: Language | None = DEFAULT_LANGUAGE) -> Language | None:
    """The question's language, `default` when the text gives no signal, or None for a language we do not speak.

    `english` and `azerbaijani` are folded words known to be of that language (e.g. the knowledge's phrasings).
    """
    if _CYRILLIC.search(text):
        return None if _NOT_RUSSIAN_CYRILLIC.search(text) else "ru"
    if _AZ_LETTERS.search(text):
        return "az"
    if not text.isascii() and _OTHER_SCRIPT.search(text) and not _LATIN.search(text):  # (plain ASCII is Latin)
        return None
    from bot.matching.text import ENGLISH_STOP_WORDS, fold

    words = _WORD.findall(fold(text))
    if not words:
        return default
    az = sum(1 for w in words if (w in AZ_WORDS or w in azerbaijani) and w not in english)
    # (English function words count too, unless another language has them: "wat r the contexs", not "was ist das")
    en = sum(1 for w in words if (w in english or w in EN_CHAT_WORDS or len(w) > 1 and w in ENGLISH_STOP_WORDS
                                  and w not in _FOREIGN_WORDS and w not in _EVERYONES)
             and w not in AZ_WORDS and w not in azerbaijani)
    foreign = sum(1 for w in words if w in _FOREIGN_WORDS and w not in english)
    if foreign >= 2 and foreign > en + az:
        return None
    if az > en:
        return "az"
    if en or not foreign:
        return "en" if en else default
    return None


def is_language(value: str) -> bool:
    return value in LANGUAGES
