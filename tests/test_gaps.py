"""`kb gaps` at scale: near-linear, and the same groups as comparing every question with every gap."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

from bot.kb.gaps import SAME_TERM, SIMILAR, ServedTerms, find_gaps

LETTERS = "abcdefghijklmnopqrstuvwxyz"
KNOWN = ["azerbaijan", "russia", "pipeline", "flight", "gas", "baku", "moscow", "crash", "europe", "gdp", "weather"]


@pytest.fixture(scope="module")
def served(bot):
    return ServedTerms(bot)


def _questions(n: int, seed: int, vocabulary: int = 300) -> list[dict]:
    rng = random.Random(seed)
    vocab = ["".join(rng.choice(LETTERS) for _ in range(rng.randint(4, 10))) for _ in range(vocabulary)]

    def typo(word: str) -> str:
        i = rng.randrange(len(word))
        return word[:i] + rng.choice(LETTERS) + word[i + 1:]

    out = []
    for _ in range(n):
        words = rng.sample(vocab, rng.randint(0, 2)) + rng.sample(KNOWN, rng.randint(1, 3))
        out.append("what about " + " ".join(typo(w) if rng.random() < 0.2 else w for w in words))
    return [{"event": "unanswered", "question": q} for q in out]


def _all_pairs(records: list[dict], served: ServedTerms) -> list[tuple[str, list[str]]]:
    """The reference: every question scored against every gap so far (quadratic)."""
    def near(t: str, o: str) -> bool:
        return t == o or fuzz.ratio(t, o) >= SAME_TERM

    def similarity(a, b):
        matched = lambda x, y: sum(served.weight(t) for t in x if any(near(t, o) for o in y))  # noqa: E731
        total = sum(map(served.weight, a)) + sum(map(served.weight, b))
        return (matched(a, b) + matched(b, a)) / total if total else float(a == b)

    gaps: list[tuple[str, tuple, list[str]]] = []
    for r in records:
        terms = served.terms(r["question"]) or (r["question"].lower().strip(),)
        home = next((g for g in gaps if similarity(terms, g[1]) >= SIMILAR), None)
        if home is None:
            home = (r["question"], terms, [])
            gaps.append(home)
        home[2].append(r["question"])
    return sorted(((rep, sorted(qs)) for rep, _, qs in gaps), key=lambda g: (-len(g[1]), g[0]))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_gaps_match_the_all_pairs_grouping(bot, served, seed):
    records = _questions(400, seed)
    found = [(g.representative, sorted(g.questions)) for g in find_gaps(records, bot)]
    assert found == _all_pairs(records, served)


@pytest.mark.slow
def test_ten_thousand_questions_are_grouped_in_near_linear_work(bot, monkeypatch):
    import bot.kb.gaps as gaps_module

    rng = random.Random(7)
    vocab = ["".join(rng.choice(LETTERS) for _ in range(rng.randint(5, 9))) for _ in range(15_000)]
    questions = [" ".join(rng.sample(vocab, rng.randint(1, 5))) for _ in range(5_000)]  # mostly distinct: many gaps
    questions += [" ".join(rng.sample(KNOWN, 3) + [rng.choice(vocab)]) for _ in range(5_000)]  # common terms shared
    scored = []
    similarity = gaps_module.similarity
    monkeypatch.setattr(gaps_module, "similarity", lambda *a, **k: scored.append(1) or similarity(*a, **k))
    gaps = find_gaps([{"event": "unanswered", "question": q} for q in questions], bot, closest_for=20)
    assert sum(g.count for g in gaps) == 10_000 and gaps[0].closest
    # Work, not wall time (the machine is shared): comparing every question with every gap would score the pairs
    # question x gaps-so-far, here millions (thousands of gaps); the candidate index scores a few per question.
    assert len(gaps) > 1_000 and len(scored) < 10 * len(questions), (len(gaps), len(scored))


def test_near_terms_are_exactly_the_pairs_rapidfuzz_finds_near():
    """Two terms rapidfuzz finds near can be two deletions apart ('ehueqmxav', and its stem 'ehueqmx'), or more
    for long words: the candidate index must find every such pair, as comparing all pairs does."""
    from bot.kb.gaps import _NearTerms

    rng = random.Random(5)
    words = ["ehueqmxav", "ehueqmx"]
    for _ in range(400):
        word = "".join(rng.choice(LETTERS[:6]) for _ in range(rng.randint(2, 22)))
        for _ in range(rng.randint(0, 4)):  # a few deletions, insertions and substitutions
            i = rng.randrange(len(word) + 1)
            word = rng.choice([word[:i] + word[i + 1:], word[:i] + rng.choice(LETTERS[:6]) + word[i:],
                               word[:i] + rng.choice(LETTERS[:6]) + word[i + 1:]]) or word
        words.append(word)
    words = list(dict.fromkeys(words))
    near = _NearTerms()
    for w in words:
        near[w]  # noqa: B018 - indexing registers the term
    for w in words:
        assert near[w] == {o for o in words if o == w or fuzz.ratio(w, o) >= SAME_TERM}, w
    assert "ehueqmx" in near["ehueqmxav"]
