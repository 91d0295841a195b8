"""How much of a question an entry's own words explain: the check that an answer is about what was asked.

A scorer ranks; this asks a narrower question of the best entry. The share is weighted by how rare each word is
among the entries, so "the", "что" and "nə" weigh little and a word no entry uses ("apologise", "weather") weighs
the most. An entry that explains little of the question is not answered, however high it ranks.
"""

from __future__ import annotations

import math

from bot.knowledge.models import Knowledge


class Support:
    """Per-entry stem sets and their document frequencies; built once per knowledge."""

    def __init__(self, knowledge: Knowledge, analyzer):
        self._stems: dict[tuple[str, str], frozenset[str]] = {}
        df: dict[str, int] = {}
        for brief in knowledge.briefs:
            for entry in brief.entries:
                stems: set[str] = set()
                for language, text in brief.entry_texts(entry.id):
                    for t in (*text.questions, text.answer, *text.keywords, text.quote or ""):
                        stems.update(analyzer.model_terms(t, language, repair=False)[0])
                stems.update(analyzer.model_terms(entry.quote, "en", repair=False)[0])
                self._stems[(brief.id, entry.id)] = frozenset(stems)
                for s in stems:
                    df[s] = df.get(s, 0) + 1
        n = max(len(self._stems), 1)
        self._idf = {s: math.log((n + 1) / (c + 0.5)) for s, c in df.items()}
        self._unknown = math.log((n + 1) / 0.5)

    def share(self, stems: tuple[str, ...], brief_id: str, entry_id: str) -> float:
        """The IDF-weighted share of the question's stems found in the entry's own words."""
        unique = set(stems)
        if not unique:
            return 0.0
        own = self._stems.get((brief_id, entry_id), frozenset())
        weights = {s: self._idf.get(s, self._unknown) for s in unique}
        return sum(w for s, w in weights.items() if s in own) / sum(weights.values())

    def information(self, stems: tuple[str, ...], brief_id: str, entry_id: str) -> float:
        """The summed IDF of the question's stems found in the entry: how specific the match is."""
        own = self._stems.get((brief_id, entry_id), frozenset())
        return sum(self._idf.get(s, self._unknown) for s in set(stems) if s in own)
