"""CLINC150 benchmark (the protocol in shared/benchmarks/clinc150/README.md). Prints what it measured.

For K in (10, 100) it writes one brief whose entries are the 150 intents (phrasings: the first K unique
training utterances), asks every validation query (val in-scope, oos_val, oos_train) through a real
`python -m bot --knowledge DIR ask --json` process with an empty BRIEFBOT_CACHE_DIR (cold: fitting included),
then once more warm (cache hit). Beside it, the reference: TF-IDF (word 1-2 grams) + LogisticRegression on the
same phrasings, with a max-probability threshold set to decline the same share of out-of-scope queries.

Run with `make bench`. Nothing here asserts.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
# ../shared from the main checkout; ../../shared from a worktree under /work/wt/.
CANDIDATES = [REPO / up / "shared" / "benchmarks" / "clinc150" / "data_dev.json" for up in ("..", "../..")]
DATA = next((p for p in CANDIDATES if p.is_file()), CANDIDATES[0])
KS = (10, 100)


def entry_id(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-_")[:24] or "intent"
    eid, n = base, 2
    while eid in taken:
        suffix = f"-{n}"
        eid, n = base[: 24 - len(suffix)] + suffix, n + 1
    taken.add(eid)
    return eid


def _key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def phrasings(train: list[list[str]], k: int) -> dict[str, list[str]]:
    """Intent -> its first k unique utterances (unique across the whole base, as the loader requires)."""
    seen: set[str] = set()
    out: dict[str, list[str]] = {}
    for text, intent in train:
        qs = out.setdefault(intent, [])
        key = _key(text)
        if len(qs) < k and key and key not in seen:
            seen.add(key)
            qs.append(text)
    return out


def write_knowledge(root: Path, by_intent: dict[str, list[str]]) -> None:
    brief = root / "clinc"
    brief.mkdir(parents=True)
    names = sorted(by_intent)
    taken: set[str] = set()
    paragraphs = [{"n": 0, "text": "CLINC150 intents. 2019. Larson et al."}]
    entries = []
    for n, name in enumerate(names, start=1):
        text = f"Intent {name}."
        paragraphs.append({"n": n, "text": text})
        entries.append({"id": entry_id(name, taken), "questions": by_intent[name], "answer": f"Intent: {name}",
                        "quote": text, "paragraph": n, "context": "intents"})
    meta = {
        "id": "clinc150", "title": "CLINC150 intents", "author": "Larson et al.", "date": "2019-11-03",
        "summary": "One entry per CLINC150 intent. Each answer names its intent.",
        "contexts_note": "One context holds every intent.",
        "paragraphs": paragraphs,
        "contexts": [{"id": "intents", "title": "Intents", "summary": "All intents.",
                      "paragraphs": list(range(0, len(names) + 1))}],
    }
    (brief / "brief.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (brief / "entries.yaml").write_text(yaml.safe_dump({"entries": entries}, allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")


def ask(knowledge: Path, cache: Path, queries: list[str]) -> tuple[list[dict], float]:
    env = dict(os.environ, BRIEFBOT_CACHE_DIR=str(cache))
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "bot", "--knowledge", str(knowledge), "ask", "--json"],
                          input="\n".join(queries) + "\n", capture_output=True, text=True, env=env, cwd=REPO)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"ask failed ({proc.returncode}): {proc.stderr[-2000:]}")
    replies = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    if len(replies) != len(queries):
        raise SystemExit(f"expected {len(queries)} replies, got {len(replies)}")
    return replies, wall


def reference(by_intent: dict[str, list[str]], val, oos, oos_recall: float) -> tuple[float, float, float]:
    """TF-IDF (word 1-2 grams) + LogisticRegression; threshold declines the share `oos_recall` of OOS."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [q for qs in by_intent.values() for q in qs]
    labels = [name for name, qs in by_intent.items() for _ in qs]
    vec = TfidfVectorizer(ngram_range=(1, 2))
    clf = LogisticRegression(C=10, max_iter=1000).fit(vec.fit_transform(texts), labels)
    p_in = clf.predict_proba(vec.transform([t for t, _ in val]))
    p_out = clf.predict_proba(vec.transform(oos)).max(axis=1)
    pred = clf.classes_[p_in.argmax(axis=1)]
    conf_in = p_in.max(axis=1)
    # The lowest threshold under which at least the share oos_recall of OOS queries falls.
    ranked = sorted(p_out)
    need = round(oos_recall * len(ranked))
    threshold = 0.0 if need == 0 else (ranked[need - 1] + (ranked[need] if need < len(ranked) else 1.0)) / 2
    declined = sum(p < threshold for p in p_out) / len(p_out)
    correct = sum(p == gold and c >= threshold for p, c, (_, gold) in zip(pred, conf_in, val, strict=False))
    return correct / len(val), declined, threshold


def main() -> int:
    if not DATA.is_file():
        print(f"CLINC150 data not found at {DATA}; skipping the CLINC150 benchmark.")
        return 0
    data = json.loads(DATA.read_text(encoding="utf-8"))
    val = data["val"]
    oos = [t for t, _ in data["oos_val"]] + [t for t, _ in data["oos_train"]]
    queries = [t for t, _ in val] + oos
    print(f"CLINC150 (dev splits): {len(val)} in-scope val + {len(oos)} out-of-scope (oos_val + oos_train), "
          f"one `ask --json` subprocess per run")
    for k in KS:
        by_intent = phrasings(data["train"], k)
        n_phr = sum(map(len, by_intent.values()))
        with tempfile.TemporaryDirectory() as tmp:
            kdir, cache = Path(tmp) / "knowledge", Path(tmp) / "cache"
            cache.mkdir()
            write_knowledge(kdir, by_intent)
            check = subprocess.run([sys.executable, "-m", "bot", "--knowledge", str(kdir), "validate"],
                                   capture_output=True, text=True, cwd=REPO)
            if check.returncode != 0:
                print(f"K={k}: generated knowledge does not validate:\n{check.stdout}{check.stderr}")
                continue
            replies, cold = ask(kdir, cache, queries)
            _, warm = ask(kdir, cache, queries)
        r_in, r_out = replies[: len(val)], replies[len(val):]
        correct = sum(
            r["answered"] and r["answer"] == f"Intent: {gold}" for r, (_, gold) in zip(r_in, val, strict=False)
        )
        suggested = sum(not r["answered"] and bool(r["suggestions"]) for r in r_in)
        declined = sum(not r["answered"] for r in r_out)
        acc, recall = correct / len(val), declined / len(oos)
        print(f"K={k} ({n_phr} phrasings):")
        print(f"  BriefBot  in-scope accuracy : {acc:6.1%}  ({correct}/{len(val)}; {suggested} got only suggestions)")
        print(f"  BriefBot  out-of-scope recall: {recall:6.1%}  ({declined}/{len(oos)} not answered)")
        print(f"  cold run (fit + {len(queries)} questions): {cold:6.2f} s wall, "
              f"{cold / len(queries) * 1000:.2f} ms per query")
        print(f"  warm run (cache hit)          : {warm:6.2f} s wall, {warm / len(queries) * 1000:.2f} ms per query")
        ref_acc, ref_recall, thr = reference(by_intent, val, oos, recall)
        print(f"  reference TF-IDF(1-2)+LogReg(C=10), threshold {thr:.3f} on max probability, set to decline "
              f"the same share of OOS as BriefBot ({ref_recall:.1%}): in-scope accuracy {ref_acc:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
