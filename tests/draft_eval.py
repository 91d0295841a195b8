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
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
