"""Drafted briefs on unseen articles: paraphrased reader questions and off-topic ones, through `kb new` and `ask`.

`python -m tests.draft_eval` prints, per article, the paraphrases answered with the right verbatim quote and the
off-topic questions declined; `-v` lists the misses. The questions (tests/data/unseen/questions.yaml) were written
from the articles alone, before any draft's phrasings were seen.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

UNSEEN = Path(__file__).parent / "data" / "unseen"
QUESTIONS = UNSEEN / "questions.yaml"


def load_questions(path: Path = QUESTIONS) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass
class Result:
    article: str
    answered: int = 0
    asked: int = 0
    declined: int = 0
    off_topic: int = 0
    misses: list[str] = field(default_factory=list)


def drafted_bot(article: Path, brief_id: str, folder: Path):
    """The bot over one article drafted with `kb new` into `folder`, alone."""
    from bot.core import BriefBot
    from bot.kb.draft import write_draft
    from bot.knowledge.loader import load_knowledge

    write_draft(article, brief_id, folder)
    return BriefBot(load_knowledge(folder))


def right(reply, expected: str) -> bool:
    return reply.answered and expected in (reply.quote or "")


def evaluate(name: str, spec: dict, folder: Path) -> Result:
    bot = drafted_bot(UNSEEN / spec["article"], name.replace("_", "-")[:24], folder)
    result = Result(name)
    for question, expected in (line.split(" | ") for line in spec["questions"]):
        reply = bot.ask(question)
        result.asked += 1
        if right(reply, expected):
            result.answered += 1
        else:
            result.misses.append(f"  MISS {question!r}: {reply.kind} {(reply.quote or '')[:70]!r}")
    for question in spec["off_topic"]:
        reply = bot.ask(question)
        result.off_topic += 1
        if not reply.answered:
            result.declined += 1
        else:
            result.misses.append(f"  OFF  {question!r}: answered {(reply.quote or '')[:70]!r}")
    return result


def shipped_article(folder: Path) -> list[str]:
    """The shipped brief's dev and holdout questions (written by others, for the hand-made brief) against a `kb new`
    draft of its raw article: right when the reply quotes a sentence holding the shipped entry's quote (or inside it).
    Entries about the brief's metadata, and entries that record what the brief does not say, are left out."""
    from bot.knowledge.loader import load_knowledge
    from bot.knowledge.paths import shipped_knowledge
    from bot.matching.text import verbatim_key

    shipped = load_knowledge(shipped_knowledge()).briefs[0]
    quotes = {e.id: verbatim_key(e.quote) for e in shipped.entries if e.stated and e.paragraph > 0}
    bot = drafted_bot(Path(__file__).parent / "data" / "azerbaijan_raw.txt", "raw", folder)
    lines = []
    for name in ("dev_set.yaml", "holdout_set.yaml"):
        data = load_questions(Path(__file__).with_name(name))
        asked = [(q, quotes[e]) for q, e in data["in_scope"] if e in quotes]
        right = sum(1 for q, quote in asked if _holds(bot.ask(q), quote, verbatim_key))
        off_topic = data.get("off_topic", [])
        declined = sum(1 for q in off_topic if not bot.ask(q).answered)
        lines.append(f"{'raw article ' + name.split('_')[0]:18} shipped questions answered with a sentence holding the "
                     f"shipped quote {right}/{len(asked)}   off-topic declined {declined}/{len(off_topic)}")
    return lines


def _holds(reply, quote: str, key) -> bool:
    got = key(reply.quote or "")
    return reply.answered and bool(got) and (quote in got or got in quote)


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    totals = [0, 0, 0, 0]
    for name, spec in load_questions().items():
        with tempfile.TemporaryDirectory() as tmp:
            r = evaluate(name, spec, Path(tmp))
        print(f"{r.article:18} paraphrases answered with the right quote {r.answered:2}/{r.asked}   "
              f"off-topic declined {r.declined}/{r.off_topic}")
        if verbose:
            print("\n".join(r.misses))
        totals = [a + b for a, b in zip(totals, (r.answered, r.asked, r.declined, r.off_topic), strict=True)]
    print(f"{'total':18} paraphrases answered with the right quote {totals[0]:2}/{totals[1]}   "
          f"off-topic declined {totals[2]}/{totals[3]}")
    with tempfile.TemporaryDirectory() as tmp:
        print("\n".join(shipped_article(Path(tmp))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
