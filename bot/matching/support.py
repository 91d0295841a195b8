"""How much of a question an entry's own words explain: the check that an answer is about what was asked.

A scorer ranks; this asks a narrower question of the best entry. The share is weighted by how rare each word is
among the entries, so "the", "что" and "nə" weigh little and a word no entry uses ("apologise", "weather") weighs
the most. An entry that explains little of the question is not answered, however high it ranks.
"""

from __future__ import annotations

import math
from collections import Counter

from bot.knowledge.models import Knowledge
from bot.matching.policy import MIN_SUPPORT

SUPPORT_QUANTILE = 0.05  # without a scorer's calibration checks, the floor lets through all but this share of the
# knowledge's own phrasings, each measured against its entry's other words (leave one out)
DECLINES_PER_LOST_ANSWER = 5  # with them, the floor must decline this many more held-out-topic questions for each
# right answer it costs: a brief with few phrasings needs the check, a base with a hundred per entry hardly does
FLOOR_STEPS = tuple(i / 20 for i in range(13))  # the floors tried: 0, 0.05, ..., 0.6
FLOOR_TOLERANCE = 0.02  # floors that trade within two points of the best are alike: take the one nearest the default
# (or none, if none is among them)
FLOOR_RANGE = (0.2, 0.6)  # a floor stays within these bounds however few or uniform the phrasings are (or is none)
DEFAULT_FLOOR = 0.33  # the floor of a knowledge with too few phrasings to measure one (a fresh `kb new` draft)
MIN_PHRASINGS_PER_ENTRY = 8  # fewer on average (a draft has 3-5), and leave-one-out measures templates, not readers
ENTRY_QUANTILE = 0.1  # an entry whose own phrasings are often half-explained by its other words ("what does
# idiosyncratic mean", "book a table at maggiano's": a new word every time) gets the floor that lets this share of
# them through, where that is below the knowledge's floor; an entry asked in the same words again and again keeps it


def choose_floor(right: list[float], wrong: list[float], *, inside: int, outside: int) -> float:
    """The support floor from the calibration's shares: `right`, those of the in-scope checks the scorer answers
    right (of `inside`); `wrong`, those of the held-out-topic checks it would answer (of `outside`).

    Each floor is worth the share of held-out topics it declines less DECLINES_PER_LOST_ANSWER times the share of
    right answers it costs. A knowledge none of whose floors is worth FLOOR_TOLERANCE more than none gets none.
    """
    def value(floor: float) -> float:
        declined = sum(1 for share in wrong if share < floor) / outside
        lost = sum(1 for share in right if share < floor) / inside
        return declined - DECLINES_PER_LOST_ANSWER * lost

    values = {floor: value(floor) for floor in FLOOR_STEPS}
    best = max(values.values())
    if best - value(0.0) < FLOOR_TOLERANCE:
        # no floor at all is alike the best: the check declines little the score does not, and a knowledge with a
        # hundred phrasings per entry does without it (CLINC's "Full" base gains 0-1.4 points with one, by the
        # calibration's draw; this brief and a ten-phrasing base gain about 5)
        return 0.0
    alike = [floor for floor, v in values.items() if v >= best - FLOOR_TOLERANCE]
    # nearest the default: the trade is flat near its best, and the strictest of the alike moved with every few
    # phrasings added to the brief (0.3, 0.4, 0.45); the default moves only when the knowledge's checks say so
    chosen = min(alike, key=lambda floor: (abs(floor - MIN_SUPPORT), -floor))
    return min(FLOOR_RANGE[1], max(FLOOR_RANGE[0], chosen))


class Support:
    """Per-entry stem sets and their document frequencies; built once per knowledge."""

    def __init__(self, knowledge: Knowledge, analyzer, calibration: tuple | None = None):
        """`calibration`: (in-scope checks, held-out-topic checks, the scorer's classes, its answer score)."""
        self._stems: dict[tuple[str, str], frozenset[str]] = {}
        df: dict[str, int] = {}
        phrasings: list[tuple[frozenset[str], frozenset[str]]] = []  # (a phrasing's stems, its entry's other stems)
        by_entry: dict[tuple[str, str], list[tuple[frozenset[str], frozenset[str]]]] = {}
        others: dict[tuple[str, str], tuple[frozenset[str], Counter]] = {}  # for leave-one-out support
        for brief in knowledge.briefs:
            for entry in brief.entries:
                fixed: set[str] = set(analyzer.model_terms(entry.quote, "en", repair=False)[0])
                asked: list[frozenset[str]] = []
                for language, text in brief.entry_texts(entry.id):
                    for t in (text.answer, *text.keywords, text.quote or ""):
                        fixed.update(analyzer.model_terms(t, language, repair=False)[0])
                    asked += [frozenset(analyzer.model_terms(q, language, repair=False)[0]) for q in text.questions]
                counts = Counter(s for q in asked for s in q)
                stems = fixed | set(counts)
                own = [(q, frozenset(s for s in q if s in fixed or counts[s] > 1)) for q in asked]
                phrasings += own
                by_entry[(brief.id, entry.id)] = own
                others[(brief.id, entry.id)] = (frozenset(fixed), counts)
                self._stems[(brief.id, entry.id)] = frozenset(stems)
                for s in stems:
                    df[s] = df.get(s, 0) + 1
        n = max(len(self._stems), 1)
        self._df = df  # (how many entries use each stem: "few entries name it")
        self._idf = {s: math.log((n + 1) / (c + 0.5)) for s, c in df.items()}
        self._unknown = math.log((n + 1) / 0.5)
        enough = len(phrasings) >= MIN_PHRASINGS_PER_ENTRY * len(self._stems)
        if not enough:
            self.floor = DEFAULT_FLOOR
        elif calibration:
            self.floor = self._calibrated_floor(*calibration, others)
        else:
            self.floor = self._floor(phrasings)
        self._entry_floor = {key: self._entry_quantile(own) for key, own in by_entry.items()} if enough else {}

    def _calibrated_floor(self, inside, outside, classes, answer_score: float, others) -> float:
        """The floor that best trades held-out-topic questions declined against right answers kept.

        The checks come from the scorer's calibration: phrasings held out of entries it was fitted on (in scope)
        and phrasings of entries it never saw (held-out topics), each with its best score and class.
        """
        def own(check) -> float:  # an in-scope check's support from its entry's other words (leave one out)
            fixed, counts = others[classes[check.best]]
            return self._share(set(check.stems), frozenset(s for s in check.stems if s in fixed or counts[s] > 1))

        right = [own(c) for c in inside if c.correct and c.score >= answer_score]
        wrong = [self.share(c.stems, *classes[c.best]) for c in outside if c.score >= answer_score]
        if not right or not outside:
            return DEFAULT_FLOOR
        return choose_floor(right, wrong, inside=len(inside), outside=len(outside))

    def _floor(self, phrasings: list[tuple[frozenset[str], frozenset[str]]]) -> float:
        """The support floor: the SUPPORT_QUANTILE of the phrasings' leave-one-out support, within FLOOR_RANGE."""
        shares = sorted(self._share(q, own) for q, own in phrasings if q)
        if not shares:
            return FLOOR_RANGE[0]
        low, high = FLOOR_RANGE
        return min(high, max(low, shares[int(SUPPORT_QUANTILE * (len(shares) - 1))]))

    def _entry_quantile(self, own: list[tuple[frozenset[str], frozenset[str]]]) -> float:
        """The ENTRY_QUANTILE of one entry's leave-one-out support, if it has phrasings enough to measure it."""
        shares = sorted(self._share(q, o) for q, o in own if q)
        if len(shares) < MIN_PHRASINGS_PER_ENTRY:
            return self.floor
        return max(FLOOR_RANGE[0], shares[int(ENTRY_QUANTILE * (len(shares) - 1))])

    def floor_for(self, brief_id: str, entry_id: str) -> float:
        """The support an answer from this entry needs: the knowledge's floor, or the entry's own if lower."""
        return min(self.floor, self._entry_floor.get((brief_id, entry_id), self.floor))

    def _share(self, stems: frozenset[str] | set[str], own: frozenset[str]) -> float:
        weights = {s: self._idf.get(s, self._unknown) for s in stems}
        total = math.fsum(weights.values())  # fsum: the same bits whatever order the set iterates in
        return math.fsum(w for s, w in weights.items() if s in own) / total if total else 0.0

    def share(self, stems: tuple[str, ...], brief_id: str, entry_id: str) -> float:
        """The IDF-weighted share of the question's stems found in the entry's own words."""
        return self._share(set(stems), self._stems.get((brief_id, entry_id), frozenset()))

    def uses(self, stem: str, brief_id: str, entry_id: str) -> bool:
        """Whether the entry's own words use the stem."""
        return stem in self._stems.get((brief_id, entry_id), frozenset())

    def entries_using(self, stem: str) -> int:
        """How many entries' own words use the stem."""
        return self._df.get(stem, 0)

    def knows(self, stem: str) -> bool:
        """Whether any entry's words use the stem."""
        return stem in self._idf

    def weight(self, stem: str) -> float:
        """How rare a stem is among the entries (IDF); a stem no entry uses weighs the most."""
        return self._idf.get(stem, self._unknown)

    def information(self, stems: tuple[str, ...], brief_id: str, entry_id: str) -> float:
        """The summed IDF of the question's stems found in the entry: how specific the match is."""
        own = self._stems.get((brief_id, entry_id), frozenset())
        return math.fsum(self._idf.get(s, self._unknown) for s in set(stems) if s in own)
