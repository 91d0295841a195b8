"""Turn text into weighted match terms: folding, aliases, typo repair, stop words, stems."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from bot.knowledge.models import Knowledge
from bot.matching.text import SOFT_STOP_WORDS, STOP_WORDS, fold, stem, strip_fillers

_QUANTITY = re.compile(
    r"\bhow (many|much|big|large|long|far|often|old)\b|\b(what|which) (percentage|percent|share|proportion|number|amount|volume|figure|price|value)\b"
    r"|\b(number|amount|volume|value|cost|price) of\b|\bhow many\b|\bbcm\b|\b(billion|million)s?\b"
)
_DATE = re.compile(r"\b(what|which|in what) (year|date|month|day)\b|\bdate of\b")
_TIME = re.compile(r"\bwhen\b|\bwhat time\b|\bhow long ago\b|\bsince when\b")
_SMALL_TALK = re.compile(
    r"^(hi|hello|hey|hiya|howdy|yo|greetings|good (morning|afternoon|evening|night)|thanks?( you)?|thx|cheers|bye|goodbye|ok|okay)\b"
    r"(\s+\w+){0,3}$|\b(your name|who are you|what are you|how are you|are you (a )?(bot|human|real|ai)|who (made|built|created) you)\b"
)
_NUMBER_WORDS = r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|millions?|billions?|several|vast number|majority|half"
_HAS_QUANTITY = re.compile(rf"\b({_NUMBER_WORDS})\b|(?<!flight )\b(?!(19|20)\d\d\b)\d[\d,.]*\b")
_HAS_DATE = re.compile(r"\b(19|20)\d\d\b|\b(january|february|march|april|may|june|july|august|september|october|november|december)\b")
_HAS_TIME = re.compile(r"\b(era|during|since|ago)\b")
# A question with no subject left ("when's it from?", "who's it by?") is about the brief itself.
_BARE_QUESTION = {"time": "date", "date": "date"}


@dataclass(frozen=True)
class Query:
    """An analysed question: its terms and what kind of fact it asks for."""

    terms: tuple[str, ...]
    asks: str | None  # "quantity", "date" (a calendar date), "time" (any when) or None
    small_talk: bool = False


def fact_kinds(text: str) -> frozenset[str]:
    """Which kinds of fact ('quantity', 'time') a quote or answer actually states."""
    folded = fold(text)
    kinds = set()
    if _HAS_QUANTITY.search(folded):
        kinds.add("quantity")
    if _HAS_DATE.search(folded):
        kinds.update(("date", "time"))
    elif _HAS_TIME.search(folded):
        kinds.add("time")
    return frozenset(kinds)


class Analyzer:
    """Knowledge-aware text analysis; built once, then pure and deterministic."""

    def __init__(self, knowledge: Knowledge):
        self.aliases: dict[tuple[str, ...], str] = {}
        for brief in knowledge.briefs:
            for canonical, variants in brief.aliases:
                for variant in (canonical, *variants):
                    self.aliases.setdefault(tuple(fold(variant).split()), fold(canonical).replace(" ", ""))
        self.longest_alias = max((len(k) for k in self.aliases), default=1)
        # The words inside multi-word aliases ("caucasus" in "south caucasus pipeline"), so that a partial
        # mention still finds the entries that use the name.
        self.alias_words: dict[str, frozenset[str]] = {}
        for variant, canonical in self.aliases.items():
            if len(variant) >= 3:
                words = frozenset(stem(w) for w in variant if w not in STOP_WORDS)
                self.alias_words[canonical] = self.alias_words.get(canonical, frozenset()) | words
        vocab: set[str] = set()
        for brief in knowledge.briefs:
            texts = [brief.title, brief.author, brief.summary, *(p.text for p in brief.paragraphs)]
            texts += [c.title for c in brief.contexts]
            for e in brief.entries:
                texts += [*e.questions, *e.keywords, e.answer, e.quote]
            for t in texts:
                vocab.update(fold(t).split())
        for variant in self.aliases:
            vocab.update(variant)
        self.vocab = frozenset(w for w in vocab if w not in STOP_WORDS)
        # Naming the author ("what does Kuzio say about...") refers to the brief, not to a topic.
        self.soft = SOFT_STOP_WORDS | {w for b in knowledge.briefs for w in fold(b.author).split()}
        self._vocab_list = sorted(self.vocab)
        self._cache: dict[str, str] = {}

    def correct(self, word: str) -> str:
        """Repair a typo by snapping an unknown word to the closest knowledge word, if close enough."""
        if word in self.vocab or word in STOP_WORDS or len(word) < 5 or not word.isalpha():
            return word
        if word not in self._cache:
            limit = 1 if len(word) <= 8 else 2
            hit = process.extractOne(word, self._vocab_list, scorer=DamerauLevenshtein.distance, score_cutoff=limit)
            self._cache[word] = hit[0] if hit else word
            if len(self._cache) > 50_000:
                self._cache.clear()
        return self._cache[word]

    def _alias(self, words: list[str]) -> list[str]:
        out, i = [], 0
        while i < len(words):
            for size in range(min(self.longest_alias, len(words) - i), 0, -1):
                canonical = self.aliases.get(tuple(words[i : i + size]))
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
        words = fold(text).split()[:200]
        if repair:
            words = [self.correct(w) for w in words]
        words = self._alias(words)
        content = [w for w in words if w not in STOP_WORDS]
        hard = [w for w in content if w not in self.soft]
        return tuple(dict.fromkeys(stem(w) for w in (hard or content)))

    def query(self, text: str) -> Query:
        folded = fold(text)[:2000]
        asks = "quantity" if _QUANTITY.search(folded) else "date" if _DATE.search(folded) else "time" if _TIME.search(folded) else None
        terms = self.terms(strip_fillers(folded))
        if not terms and asks in _BARE_QUESTION:
            terms = self.terms(_BARE_QUESTION[asks])
        return Query(terms, asks, bool(_SMALL_TALK.search(folded)))
