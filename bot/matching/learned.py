"""A scorer that learns from the knowledge it is given: a linear model over word and character n-grams.

Fitting (scikit-learn's LinearSVC) happens once per knowledge content and is cached; scoring is plain Python
(or numpy for large bases), so a warm start imports neither scikit-learn nor numpy.

The score of an entry is its decision value plus a penalty for the share of the question's weight made of
words the knowledge never uses: a question built from unknown words is about something else, however the
linear model ranks it. Thresholds come from the knowledge itself: entries are held out in turn, a fifth at a time,
and their phrasings play the questions about topics the knowledge lacks; the answer threshold declines ANSWER_REJECTION
of them, the suggestion threshold SUGGEST_REJECTION.
"""

from __future__ import annotations

import functools
import itertools
import math
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.matching.parallel import beside
from bot.matching.scorer import Candidate, Thresholds
from bot.matching.text import STOP_WORDS

if TYPE_CHECKING:
    import random  # only fitting draws random numbers: a warm start (scoring only) does not import it

CHAR_NGRAMS = (3, 4, 5)  # character n-grams inside padded words: typos, morphology, compounds
MIN_CHAR_DF = 2  # a character n-gram seen in one document only is noise, not a pattern
SVM_C = 1.0  # LinearSVC regularisation: the library default, which held up across base sizes
SVM_SEED = 0  # liblinear shuffles its coordinate descent: unseeded, two fits of one knowledge differed (by ~1e-7)
UNKNOWN_WEIGHT = 0.5  # how much a question made only of unknown words loses (decision values are about ±1)
ANSWER_REJECTION = 0.5  # share of held-out-topic questions the answer threshold must decline (see CALIBRATION_FOLDS)
SUGGEST_REJECTION = 0.275  # the same for "did you mean": looser, because a suggestion claims nothing
HOLDOUT_PHRASINGS = 0.2  # share of each remaining entry's phrasings held out as in-scope checks
# The entries are held out in this many folds, each entry once: a fifth at a time. (Three random draws of a fifth had
# set the brief's thresholds where five folds put 0.49 and 0.27 of their held-out-topic questions: the two shares
# above keep them there.)
CALIBRATION_FOLDS = 5
# ... of which a large base fits only as many as hold out this many questions: its folds each hold out thousands
# (the 100-phrasing base's two folds steady its thresholds about as well as five), and each costs a fit of its size
CALIBRATION_QUESTIONS = 5000
FOLD_COST = 0.3  # a fold's fit over the final fit's (four fifths of the entries on about two thirds of the documents)
NUMPY_FROM = 20_000  # classes x features products above which scoring uses numpy
# Weights and IDF are stored as float32: half the pickle a warm start reads and unpickles. Their rounding (about 1e-7
# of a weight) is far below any margin the policy draws; arithmetic stays in Python's float64.
STORED = "f"


@dataclass(frozen=True)
class Doc:
    """One training text: its word stems, its folded words (for character n-grams) and its class."""

    stems: tuple[str, ...]
    words: tuple[str, ...]
    label: int
    phrasing: bool = True  # a question phrasing (held out in calibration), not an answer, quote or keyword list

    @functools.cached_property
    def raw(self) -> tuple[dict[str, int], dict[str, int]]:
        """Its term counts, counted once for every calibration round that uses it."""
        return _raw_features(self.stems, self.words)


def _raw_features(stems: Sequence[str], words: Sequence[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Term counts of the word block (stems and stem bigrams) and the character block."""
    wf: dict[str, int] = {}
    for s in stems:
        wf["w" + s] = wf.get("w" + s, 0) + 1
    for a, b in zip(stems, stems[1:], strict=False):
        key = f"b{a} {b}"
        wf[key] = wf.get(key, 0) + 1
    cf: dict[str, int] = {}
    for w in words:
        padded = f" {w} "
        for n in CHAR_NGRAMS:
            for i in range(len(padded) - n + 1):
                key = "c" + padded[i : i + n]
                cf[key] = cf.get(key, 0) + 1
    return wf, cf


@dataclass
class Vectorizer:
    """Sublinear TF-IDF, each block L2-normalised, the two blocks weighted equally."""

    index: dict[str, int] = field(default_factory=dict)
    idf: array = field(default_factory=lambda: array(STORED))

    def weigh(self, raw: tuple[dict[str, int], dict[str, int]]) -> list[tuple[int, float]]:
        """The feature vector of counted terms (`_raw_features`)."""
        out: list[tuple[int, float]] = []
        index, idf, log = self.index, self.idf, math.log  # (locals: this runs for every document of every fit)
        for block in raw:
            vec = []
            for k, c in block.items():
                i = index.get(k)
                if i is not None:
                    vec.append((i, (1 + log(c)) * idf[i] if c > 1 else idf[i]))
            norm = math.sqrt(sum(v * v for _, v in vec))
            if norm:
                out.extend((i, v / norm) for i, v in vec)
        blocks = math.sqrt(sum(v * v for _, v in out))
        return [(i, v / blocks) for i, v in out] if blocks else []


@dataclass
class Vocabulary:
    """Document frequencies of stems, for the share of a question the knowledge knows at all."""

    df: dict[str, int]
    n: int

    @classmethod
    def fit(cls, docs: Sequence[Doc]) -> Vocabulary:
        df: dict[str, int] = {}
        for d in docs:
            for s in set(d.stems):
                df[s] = df.get(s, 0) + 1
        return cls(df, len(docs))

    def known_share(self, stems: Iterable[str]) -> float:
        unique = set(stems)
        if not unique:
            return 0.0
        unknown = math.log((self.n + 1) / 0.5)
        weights = {s: math.log((self.n + 1) / (self.df[s] + 0.5)) if s in self.df else unknown for s in unique}
        # fsum: exact whatever the set's order, which changes with the process's hash seed; a plain sum made the same
        # knowledge fit (and score) differently in the last bits from one process to the next
        return math.fsum(w for s, w in weights.items() if s in self.df) / math.fsum(weights.values())


@dataclass
class LinearModel:
    """Decision values of a one-vs-rest linear model; weights stored feature-major in a flat float32 array."""

    n_classes: int
    coef: array
    intercept: array
    _matrix: object = None

    def decision(self, features: list[tuple[int, float]]) -> list[float]:
        c = self.n_classes
        if c * len(features) * 4 > NUMPY_FROM and c > 32:
            return self._decision_numpy(features)
        scores = list(self.intercept)
        coef = self.coef
        for i, v in features:
            base = i * c
            for k in range(c):
                scores[k] += v * coef[base + k]
        return scores

    def matrix(self):
        """The weights as a numpy matrix, features x classes (a view of the stored array, made once)."""
        import numpy as np

        if self._matrix is None:
            self._matrix = np.frombuffer(self.coef, dtype=np.float32).reshape(-1, self.n_classes)
        return self._matrix

    def _decision_numpy(self, features: list[tuple[int, float]]) -> list[float]:
        import numpy as np

        scores = np.frombuffer(self.intercept, dtype=np.float64).copy()
        if features:
            idx = np.fromiter((i for i, _ in features), dtype=np.int64, count=len(features))
            val = np.fromiter((v for _, v in features), dtype=np.float64, count=len(features))
            scores += val @ self.matrix()[idx]
        return scores.tolist()

    def __getstate__(self):
        return {"n_classes": self.n_classes, "coef": self.coef, "intercept": self.intercept, "_matrix": None}


def _fit_linear(x, labels: Sequence[int], n_classes: int) -> LinearModel:
    """One-vs-rest LinearSVC over the weighed documents `x` (a CSR matrix, documents x features)."""
    import numpy as np
    from sklearn.svm import LinearSVC

    y = np.array(labels)
    present = np.unique(y)
    coef = np.full((x.shape[1], n_classes), 0.0)
    intercept = np.full(n_classes, -10.0)  # classes absent from this fit never win
    if len(present) == 1:
        intercept[present[0]] = 1.0
    else:
        svm = LinearSVC(C=SVM_C, random_state=SVM_SEED).fit(x, y)
        w, b = svm.coef_, svm.intercept_
        if len(present) == 2:  # binary LinearSVC gives one hyperplane
            w, b = np.vstack([-w, w]), np.array([-b[0], b[0]])
        coef[:, present] = w.T
        intercept[present] = b
    weights = array(STORED, coef.astype(np.float32).ravel().tobytes())
    return LinearModel(n_classes, weights, array("d", intercept.tolist()))


@dataclass
class Counts:
    """Every document's term counts over the sorted union of their terms: counted once per fit, then each
    calibration round and the final fit take their vectorizer and weighed rows from it with numpy (the rows are what
    `Vectorizer.weigh` makes of each document at query time)."""

    keys: list[str]
    counts: object  # scipy CSR matrix, documents x keys
    char: object  # numpy bool per key: a character n-gram

    @classmethod
    def of(cls, docs: Sequence[Doc]) -> Counts:
        import numpy as np
        from scipy.sparse import csr_matrix

        keys = sorted({k for d in docs for block in d.raw for k in block})
        column = {k: i for i, k in enumerate(keys)}
        indptr, indices, data = [0], [], []
        for d in docs:
            for block in d.raw:
                indices.extend(map(column.__getitem__, block))
                data.extend(block.values())
            indptr.append(len(indices))
        counts = csr_matrix((np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64),
                             np.array(indptr, dtype=np.int64)), shape=(len(docs), len(keys)))
        counts.sort_indices()
        return cls(keys, counts, np.array([k[0] == "c" for k in keys], dtype=bool))

    def vectorizer(self, rows: Sequence[int]) -> tuple[Vectorizer, object]:
        """The vectorizer of those documents, and the keys it keeps (their columns here): every word term and every
        character n-gram in MIN_CHAR_DF of them at least, each weighed by its smoothed IDF over them."""
        import numpy as np

        df = np.bincount(self.counts[rows].indices, minlength=len(self.keys))
        kept = np.flatnonzero((df > 0) & (~self.char | (df >= MIN_CHAR_DF)))
        n = len(rows)
        idf = array(STORED, (math.log((1 + n) / (1 + c)) + 1 for c in df[kept].tolist()))
        return Vectorizer({self.keys[i]: j for j, i in enumerate(kept.tolist())}, idf), kept

    def weighed(self, rows: Sequence[int], vectorizer: Vectorizer, kept):
        """`vectorizer.weigh` of each of those documents, as the rows of a CSR matrix."""
        import numpy as np

        m = self.counts[rows][:, kept]
        m.sort_indices()
        idf = np.frombuffer(vectorizer.idf, dtype=np.float32).astype(np.float64)
        c = m.data
        values = np.where(c > 1, 1 + np.log(np.maximum(c, 1)), 1.0) * idf[m.indices]
        row = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
        char = self.char[kept][m.indices]
        squares = values * values
        word_norm = np.sqrt(np.bincount(row[~char], weights=squares[~char], minlength=m.shape[0]))
        char_norm = np.sqrt(np.bincount(row[char], weights=squares[char], minlength=m.shape[0]))
        values = values / np.where(char, char_norm[row], word_norm[row])
        blocks = np.sqrt((word_norm > 0).astype(np.float64) + (char_norm > 0))  # each block now of length 1
        m.data = values / blocks[row]
        return m


def _decisions(model: LearnedModel, x, docs: Sequence[Doc]):
    """`model.scores` of each document, given its weighed row in `x`: a numpy matrix, documents x classes."""
    import numpy as np

    penalty = np.array([model.penalty(d.stems, d.words) for d in docs])
    weights = model.linear.matrix().astype(np.float64)  # (the float32 weights, widened as `decision` widens them)
    return np.asarray(x @ weights) + np.array(model.linear.intercept) + penalty[:, None]


@dataclass(frozen=True)
class Check:
    """One calibration question: its best score, whether that class was right, its stems and that class."""

    score: float
    correct: bool
    stems: tuple[str, ...]
    best: int


@dataclass
class LearnedModel:
    """Everything fitted: vectorizer, vocabulary, linear model, the score-to-confidence map and thresholds."""

    vectorizer: Vectorizer
    vocabulary: Vocabulary
    linear: LinearModel
    platt: tuple[float, float]  # confidence = sigmoid(a * score + b)
    thresholds: Thresholds
    calibration: dict = field(default_factory=dict)  # figures of the calibration, for reports
    checks: tuple | None = None  # (in-scope, held-out-topic) Checks of the calibration, until the policy used them

    def scores(self, stems: Sequence[str], words: Sequence[str], raw=None) -> list[float]:
        """The score of every class for one analysed question (`raw`: its counted terms, if known)."""
        features = self.vectorizer.weigh(raw or _raw_features(stems, words))
        penalty = self.penalty(stems, words)
        return [d + penalty for d in self.linear.decision(features)]

    def penalty(self, stems: Sequence[str], words: Sequence[str]) -> float:
        """What a question loses for the share of its weight made of words the knowledge never uses."""
        subject = [s for s, w in zip(stems, words, strict=False) if w not in STOP_WORDS]  # "by the way" names nothing
        return UNKNOWN_WEIGHT * (self.vocabulary.known_share(subject) - 1.0)

    def confidence(self, score: float) -> float:
        a, b = self.platt
        z = a * score + b
        return 1 / (1 + math.exp(-z)) if z > -60 else 0.0


def _quantile(values: list[float], q: float) -> float:
    s = sorted(values)
    if not s:
        return 0.0
    pos = min(len(s) - 1, max(0, q * (len(s) - 1)))
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def _platt(scores: list[float], labels: list[int]) -> tuple[float, float]:
    """Fit confidence = sigmoid(a*s + b) to (score, correct?) pairs by Newton's method (a one-feature logistic fit)."""
    a, b = 1.0, 0.0
    for _ in range(50):
        ga = gb = haa = hab = hbb = 0.0
        for s, y in zip(scores, labels, strict=False):
            p = 1 / (1 + math.exp(-max(-60.0, min(60.0, a * s + b))))
            g = p - y
            w = max(p * (1 - p), 1e-9)
            ga, gb = ga + g * s, gb + g
            haa, hab, hbb = haa + w * s * s, hab + w * s, hbb + w
        haa += 1e-6
        hbb += 1e-6
        det = haa * hbb - hab * hab
        if abs(det) < 1e-12:
            break
        da, db = (hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det
        a, b = a - da, b - db
        if abs(da) + abs(db) < 1e-8:
            break
    return a, b


@dataclass(frozen=True)
class Split:
    """One calibration round's draw (rows of the documents): what it fits on, its in-scope checks (phrasings of the
    entries it keeps) and its held-out-topic checks (every phrasing of the entries it holds out)."""

    train: list[int]
    inside: list[int]
    outside: list[int]


def _draw_splits(docs: Sequence[Doc], n_classes: int, rng: random.Random) -> list[Split]:
    """The calibration's folds: the entries in CALIBRATION_FOLDS shuffled groups, each held out once, and in each
    fold HOLDOUT_PHRASINGS of every other entry's phrasings.

    Each entry is held out exactly once, so the thresholds do not depend on which entries a draw happens to hold
    out together with their near neighbours (single draws of a fifth moved the 150-entry base's answer threshold
    by a third of its range)."""
    classes = list(range(n_classes))
    rng.shuffle(classes)
    folds = min(CALIBRATION_FOLDS, n_classes)
    by_class: dict[int, list[int]] = {}
    for row, d in enumerate(docs):
        by_class.setdefault(d.label, []).append(row)
    splits = []
    for fold in range(folds):
        held_topics = set(classes[fold::folds])
        train, inside, outside = [], [], []
        for label, rows in by_class.items():
            if label in held_topics:
                outside.extend(r for r in rows if docs[r].phrasing)
                continue
            phrasings = [r for r in rows if docs[r].phrasing]
            rng.shuffle(phrasings)
            k = max(1, round(len(phrasings) * HOLDOUT_PHRASINGS)) if len(phrasings) > 2 else 0
            inside.extend(phrasings[:k])
            train.extend(phrasings[k:])
            train.extend(r for r in rows if not docs[r].phrasing)
        splits.append(Split(train, inside, outside))
    return splits


def _enough(splits: list[Split]) -> list[Split]:
    """The first folds, up to those that hold out CALIBRATION_QUESTIONS questions between them."""
    held = list(itertools.accumulate(len(s.outside) for s in splits))
    return splits[: next((i + 1 for i, n in enumerate(held) if n >= CALIBRATION_QUESTIONS), len(splits))]


def _fold_scores(docs: Sequence[Doc], counts: Counts, n_classes: int, split: Split) -> tuple[list[float], list[int]]:
    """Fit on the fold's training rows; the best score of each check (in-scope, then held-out-topic), and its class."""
    import numpy as np

    vectorizer, kept, linear = _fit_rows(docs, counts, n_classes, split.train)
    probe = LearnedModel(vectorizer, Vocabulary.fit([docs[r] for r in split.train]), linear, (1.0, 0.0),
                         Thresholds(0.0, 0.0))
    checks = split.inside + split.outside
    scores = _decisions(probe, counts.weighed(checks, vectorizer, kept), [docs[r] for r in checks])
    best = np.argmax(scores, axis=1).tolist()  # (the first of equal scores, as max() over the classes takes)
    return scores[np.arange(len(checks)), best].tolist(), best


def _checks(docs: Sequence[Doc], split: Split, scores: tuple[list[float], list[int]]) -> tuple[list[Check], ...]:
    """The in-scope checks of a round and its held-out-topic checks."""
    top, best = scores
    inside = [Check(top[i], best[i] == docs[r].label, docs[r].stems, best[i]) for i, r in enumerate(split.inside)]
    outside = [Check(top[i], False, docs[r].stems, best[i])
               for i, r in enumerate(split.outside, start=len(split.inside))]
    return inside, outside


def _fit_rows(docs: Sequence[Doc], counts: Counts, n_classes: int, rows: Sequence[int]):
    """The vectorizer of those documents, the keys it keeps, and the linear model fitted on them."""
    vectorizer, kept = counts.vectorizer(rows)
    return vectorizer, kept, _fit_linear(counts.weighed(rows, vectorizer, kept), [docs[r].label for r in rows],
                                         n_classes)


def _fit_all(docs: Sequence[Doc], counts: Counts, n_classes: int) -> tuple[Vectorizer, LinearModel]:
    vectorizer, _, linear = _fit_rows(docs, counts, n_classes, list(range(len(docs))))
    return vectorizer, linear


def fit_model(docs: Sequence[Doc], n_classes: int, seed: int = 0, parallel: bool | None = None) -> LearnedModel:
    """Fit the scorer's model to the documents and calibrate its thresholds on the same knowledge.

    The folds are drawn here, then fitted in a second process where the machine has a core to spare (`parallel`:
    by default where it has) while the final fit and the first folds run here, as many as even out the two.
    Every fit is seeded, so the model is the same either way."""
    import random

    rng = random.Random(seed)
    counts = Counts.of(docs)
    splits = _enough(_draw_splits(docs, n_classes, rng)) if n_classes >= 3 else []
    mine = min(range(len(splits) + 1), key=lambda k: max(1 + k * FOLD_COST, (len(splits) - k) * FOLD_COST))

    def fit_here():
        return _fit_all(docs, counts, n_classes), [_fold_scores(docs, counts, n_classes, s) for s in splits[:mine]]

    ((vectorizer, linear), scores_here), scores_there = beside(
        fit_here, lambda: [_fold_scores(docs, counts, n_classes, s) for s in splits[mine:]], parallel=parallel)
    inside: list[Check] = []
    outside: list[Check] = []
    for split, scores in zip(splits, scores_here + scores_there, strict=True):
        i, o = _checks(docs, split, scores)
        inside += i
        outside += o
    model = LearnedModel(vectorizer, Vocabulary.fit(docs), linear, (1.0, 0.0), Thresholds(0.0, 0.0))
    if not outside or not inside:
        model.platt, model.thresholds = (4.0, 0.0), Thresholds(0.5, 0.3)
        return model
    answer_score = _quantile([c.score for c in outside], ANSWER_REJECTION)
    suggest_score = _quantile([c.score for c in outside], SUGGEST_REJECTION)
    scores = [c.score for c in inside] + [c.score for c in outside]
    labels = [int(c.correct) for c in inside] + [0] * len(outside)
    model.platt = _platt(scores, labels)
    model.thresholds = Thresholds(model.confidence(answer_score), model.confidence(suggest_score))
    model.calibration = {
        "in_scope_checks": len(inside), "held_out_topic_checks": len(outside),
        "answer_score": answer_score, "suggest_score": suggest_score,
        "in_scope_accepted": sum(1 for c in inside if c.correct and c.score >= answer_score) / len(inside),
    }
    model.checks = (inside, outside)  # for the policy's own calibration; dropped before the model is cached
    return model


class LearnedScorer:
    """The default scorer: a LearnedModel fitted to every entry's phrasings, answer, quote and keywords."""

    name = "learned"

    def __init__(self, knowledge, analyzer, model: LearnedModel, classes: tuple[tuple[str, str], ...]):
        self.knowledge, self.analyzer, self.model, self.classes = knowledge, analyzer, model, classes
        self.thresholds = model.thresholds
        self._entries = [(knowledge.brief(b), knowledge.find_entry(b, e)) for b, e in classes]

    @classmethod
    def fit(cls, knowledge, analyzer) -> LearnedScorer:
        classes = tuple((b.id, e.id) for b in knowledge.briefs for e in b.entries)
        docs: list[Doc] = []
        for label, (brief_id, entry_id) in enumerate(classes):
            brief = knowledge.brief(brief_id)
            for language, text in brief.entry_texts(entry_id):
                for q in text.questions:
                    docs.append(Doc(*analyzer.model_terms(q, language, repair=False), label))
                for extra in (text.answer, text.quote, " ".join(text.keywords)):
                    if extra:
                        docs.append(Doc(*analyzer.model_terms(extra, language, repair=False), label, phrasing=False))
        return cls(knowledge, analyzer, fit_model(docs, len(classes)), classes)

    def rank(self, question: str, brief_id: str | None = None, language: str | None = None) -> list[Candidate]:
        stems, words = self.analyzer.model_terms(question, language or "en")
        if not stems:
            return []
        scores = self.model.scores(stems, words)
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        out = []
        for i in order:
            brief, entry = self._entries[i]
            if brief_id and brief.id != brief_id:
                continue
            out.append(Candidate(brief, entry, self.model.confidence(scores[i])))
            if len(out) >= RANKED:
                break
        return out


RANKED = 5  # candidates a scorer returns: enough for three suggestions and a tie check
