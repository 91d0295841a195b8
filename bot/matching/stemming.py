"""Stems per language: Snowball for English and Russian, a suffix stripper for Azerbaijani."""

from __future__ import annotations

from functools import cache, lru_cache

from bot.matching.language import Language

STEM_CACHE = 100_000  # distinct (word, language) pairs remembered; bounded so hostile input cannot grow memory
MIN_AZ_STEM = 4  # an Azerbaijani stem keeps at least this many letters (shorter ones lose their meaning)

# Azerbaijani suffixes as they look after folding (ə->e, ı->i, ş->s, ğ->g...): case, possessive, plural, and the
# common verb endings of questions. Longest first; stripped repeatedly from the end while the stem stays long enough.
_AZ_SUFFIXES = tuple(sorted(set(
    """lar ler larin lerin lari leri larda lerde lardan lerden lara lere nin nun in un ni nu na ne nda nde ndan nden
    da de dan den ya ye yla yle la le si su sini sunu sinin sunun sina sine sinda sinde sindan sinden miz niz imiz iniz
    mis mus misdir musdur dir dur dir ib ub ir ur ar er di du ti tu yib yub yir yur maq mek acaq ecek aq ek
    i u a e im in um un""".split()), key=len, reverse=True))


_ALONE = "_briefbot_snowball"  # the snowballstemmer folder, imported as a package without its __init__


@cache
def _snowball(language: str):
    """Snowball's stemmer for one language, importing that language's module only.

    `import snowballstemmer` imports all of its thirty-odd languages (about 10 ms, an eighth of a warm `ask`). Its
    language modules need only two helpers beside them, so the folder is imported under another name without its
    __init__; the public API is the fallback should the package's layout change (the stems are the same classes').
    """
    try:
        import importlib
        import importlib.util
        import sys
        import types

        if _ALONE not in sys.modules:
            package = types.ModuleType(_ALONE)
            package.__path__ = list(importlib.util.find_spec("snowballstemmer").submodule_search_locations)
            sys.modules.setdefault(_ALONE, package)  # a thread that got here first keeps its own
        module = importlib.import_module(f"{_ALONE}.{language}_stemmer")
        return getattr(module, f"{language.capitalize()}Stemmer")()
    except Exception:  # noqa: BLE001 - any surprise in the package's layout: the documented way
        import snowballstemmer

        return snowballstemmer.stemmer(language)


def _az_stem(word: str) -> str:
    for _ in range(2):  # at most two suffixes: a case or possessive ending, then a plural
        for suffix in _AZ_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_AZ_STEM:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


SHORT_ADJECTIVE_LETTERS = 8  # from this length a Russian word in "-ен" is a short adjective ("серьезен"), not "времен"


@lru_cache(maxsize=STEM_CACHE)
def stem_word(word: str, language: Language) -> str:
    """The stem of one folded word. Cyrillic words always take the Russian stemmer."""
    if not word.isalpha() or len(word) < 3:
        return word
    if "\u0430" <= word[0] <= "\u044f":
        stem = _snowball("russian").stemWord(word)
        # a short adjective loses the "н" its full form keeps: "беспрецедентен" is "беспрецедентн", as "…ный" is
        short = len(word) >= SHORT_ADJECTIVE_LETTERS and word.endswith("ен") and stem == word[:-2]
        return stem + "н" if short else stem
    if language == "az":
        return _az_stem(word)
    return _snowball("english").stemWord(word)
