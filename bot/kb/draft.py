"""`briefbot kb new`: draft a brief (cleaned text, metadata, contexts, one entry per sentence) from an article."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.kb.questions import context_words, family_words, reader_questions, verb_forms
from bot.matching.text import STOP_WORDS, fold, split_sentences

BOILERPLATE = re.compile(
    r"^(no comments:?|\d+ comments?:?|share this( article)?:?|posted by\b.*|labels?:.*|newer post|older post|home|"
    r"subscribe to:.*|post comments \(atom\)|email this|blogthis!?|share to (twitter|facebook|pinterest)|read more:?)$",
    re.IGNORECASE,
)
_GLUE = re.compile(r"(?<=[a-z0-9)][.?!])(?=[A-Z‘“])|(?<=[.?!]['’”\"])(?=[A-Z‘“])")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_HAS_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
MAX_DATE_LINE = 48  # "Sunday, 27 September 2025, 10:30 AM +0000" fits; a sentence that mentions a year does not
_NAME = re.compile(r"^(?:[Bb][Yy]:?\s+)?([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})$")
_ENTITY = re.compile(r"\b([A-Z][\w’'-]+(?:\s+(?:of|the|and|for|de|al)?\s*[A-Z][\w’'-]+)*)")
_NUMBER = re.compile(r"\b(\d[\d,.]*)\b")
MAX_READER_QUESTIONS = 8  # drafted questions per sentence, before the entity and keyword forms
MAX_PHRASINGS = 7  # in all, per sentence: fewer than bot.matching.support's 8 per entry, below which a draft keeps the
# default support floor (leave-one-out on drafted templates would measure the templates, not readers)
MAX_CONTEXT_WORDS = 6  # words from the previous sentence and the heading, as keywords
MAX_FAMILY_WORDS = 30  # readers' words for the sentence's words (bot.kb.lexicon), as keywords
_STOP_ENTITIES = {"The", "This", "That", "These", "Those", "It", "As", "In", "On", "At", "For", "A", "An", "And", "But",
                  "Further", "However", "First", "Second", "Third", "Fourth", "Fifth", "We", "He", "She", "They", "I"}


def parse_date(line: str) -> str | None:
    """A date line in a common form ("Sunday, July 27, 2025", "Jul 27, 2025", "27th July 2025", "27/07/2025",
    "2025-07-27") as ISO 8601; None if the line is not a whole date (day, month and year)."""
    text = line.strip().rstrip(".")
    if len(text) > MAX_DATE_LINE or not _HAS_YEAR.search(text):
        return None
    iso = _ISO_DATE.match(text)
    try:
        if iso:  # year first, which day-first parsing below would turn around
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
        from dateutil import parser  # only `kb new` needs it: never imported at start-up

        # Day first, as most of the world writes 03/04/2025; parsed twice with different defaults, so that a line
        # missing its day or month ("May 2025") is not completed from the defaults.
        first = parser.parse(text, dayfirst=True, default=dt.datetime(2000, 1, 1))
        second = parser.parse(text, dayfirst=True, default=dt.datetime(2001, 2, 2))
    except (ValueError, OverflowError):  # dateutil's ParserError is a ValueError; so is 31 February
        return None
    return first.date().isoformat() if first.date() == second.date() else None


def unglue(text: str) -> list[str]:
    """Split text where the web page glued a sentence or heading to the next ("Russia?The first", "energy.Further")."""
    return [piece.strip() for piece in _GLUE.split(text) if piece.strip()]


def _is_heading(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 12 and not text.endswith(".") and sum(w[0].isupper() for w in words) >= len(words) * 0.6


@dataclass
class Draft:
    title: str = "TODO: title"
    author: str = "TODO: author"
    date: str = "TODO: date (YYYY-MM-DD)"
    date_line: str | None = None
    front: list[str] = field(default_factory=list)
    paragraphs: list[tuple[str | None, str]] = field(default_factory=list)  # (heading, text)


def _front_matter(blocks: list[str], draft: Draft) -> list[str]:
    """Take the date line, title and byline from the top of the article (at most four lines); return the rest."""
    blocks = list(blocks)
    while blocks and len(draft.front) < 4:
        head = blocks[0]
        date = parse_date(head) if draft.date.startswith("TODO") else None
        byline = _NAME.match(head)
        if date:
            draft.date, draft.date_line = date, head
        elif draft.title.startswith("TODO") and len(head.split()) <= 15 and not head.endswith("."):
            draft.title = head
        elif draft.author.startswith("TODO") and byline and not draft.title.startswith("TODO"):
            draft.author = byline.group(1)
        else:
            break
        draft.front.append(blocks.pop(0))
    return blocks


def _block_paragraphs(block: str, heading: str | None) -> tuple[list[tuple[str | None, str]], str | None]:
    """One scraped block as (heading, text) paragraphs; returns them and a heading still waiting for its text."""
    pieces = unglue(block)
    paragraphs: list[tuple[str | None, str]] = []
    text: list[str] = []
    for piece in pieces:
        if _is_heading(piece) and (len(pieces) == 1 or not piece.endswith("!")):
            if text:
                paragraphs.append((heading, " ".join(text)))
                text = []
            heading = piece
        else:
            text.append(piece)
    if text:
        paragraphs.append((heading, " ".join(text)))
        heading = None
    return paragraphs, heading


def clean_article(raw: str) -> Draft:
    """Metadata from the top lines, boilerplate dropped, glued sentences split, headings kept."""
    lines = [line.strip() for line in raw.replace("\r\n", "\n").split("\n")]
    while lines and (not lines[-1] or BOILERPLATE.match(lines[-1])):
        lines.pop()
    draft = Draft()
    heading: str | None = None
    # Scraped text: every line break is a paragraph break.
    for block in _front_matter([line for line in lines if line], draft):
        if not BOILERPLATE.match(block):
            paragraphs, heading = _block_paragraphs(block, heading)
            draft.paragraphs += paragraphs
    return draft


def _phrasings(sentence: str, used: set[str], previous: str | None = None, heading: str | None = None,
               neighbour: str | None = None) -> list[str]:
    """Reader questions the sentence answers (see bot.kb.questions), an entity question and a keyword form; unique
    within the brief."""
    found = (re.sub(r"['’]s$", "", m.group(1)) for m in _ENTITY.finditer(sentence))
    entities = [e for e in dict.fromkeys(found) if e not in _STOP_ENTITIES and (" " in e or not sentence.startswith(e))]
    asked = reader_questions(sentence, previous, heading)[:MAX_READER_QUESTIONS]
    candidates = asked[: MAX_PHRASINGS - 2] + [f"What does the brief say about {e}?" for e in entities[:1]]
    context = context_words(sentence, neighbour, heading)[:MAX_CONTEXT_WORDS]
    own = [w for w in dict.fromkeys(fold(sentence).split()) if len(w) > 3 and w not in STOP_WORDS]
    if own:
        candidates.append(" ".join(own[:5] + context[:2]))
    candidates += asked[MAX_PHRASINGS - 2 :] + [sentence.rstrip(".?!")]
    out = []
    for q in candidates:
        key = fold(q)
        if key and key not in used:
            used.add(key)
            out.append(q)
    return out[:MAX_PHRASINGS]


def _keywords(sentence: str, neighbour: str | None, heading: str | None) -> list[str]:
    """The sentence's long words, the words of its neighbourhood and the readers' words for them."""
    own = [w for w in dict.fromkeys(fold(sentence).split()) if len(w) > 6][:8]
    context = context_words(sentence, neighbour, heading)[:MAX_CONTEXT_WORDS]
    words = own + context + verb_forms(sentence) + family_words(sentence)[:MAX_FAMILY_WORDS]
    return list(dict.fromkeys(words))


def draft_brief(raw: str, brief_id: str) -> tuple[dict, dict]:
    """The (brief.yaml, entries.yaml) mappings for an article's text."""
    draft = clean_article(raw)
    paragraphs = [{"n": 0, "kind": "front matter", "text": "\n".join(draft.front) or draft.title}]
    for n, (heading, text) in enumerate(draft.paragraphs, 1):
        paragraphs.append({"n": n, **({"heading": heading} if heading else {}), "text": text})
    sentences = [(n, s) for n, (_, text) in enumerate(draft.paragraphs, 1) for s in split_sentences(text)]
    lead = " ".join(s for _, s in sentences[:3]) or "TODO: summary"
    brief = {"id": brief_id, "title": draft.title, "author": draft.author, "date": draft.date,
             "summary": f"TODO: rewrite in 3-6 sentences. Draft from the opening: {lead}",
             "paragraphs": paragraphs,
             "contexts": [{"id": "main", "title": "TODO: name the parts of the brief",
                           "summary": f"TODO: one paragraph per part. Draft: {lead}",
                           "paragraphs": [p["n"] for p in paragraphs]}]}
    used: set[str] = set()
    entries = []
    meta = [
        (
            "author",
            ["Who wrote the brief?", "author", "Who is the author?", "writer of the article"],
            draft.author,
            "The brief was written by {}.",
        ),
        (
            "date",
            ["When was the brief published?", "date", "publication date", "When was it written?"],
            draft.date_line,
            "The brief is dated {}.",
        ),
        (
            "title",
            ["What is the title of the brief?", "title", "What is the article called?", "headline"],
            draft.title,
            "The brief is titled “{}”.",
        ),
    ]
    front = paragraphs[0]["text"]
    for eid, questions, value, answer in meta:
        if value and not value.startswith("TODO") and value in front:
            used.update(fold(q) for q in questions)
            entries.append({"id": eid, "draft": True, "questions": questions, "answer": answer.format(value),
                            "quote": value, "paragraph": 0, "context": "main"})
    counters: dict[int, int] = {}
    for i, (n, sentence) in enumerate(sentences):
        counters[n] = counters.get(n, 0) + 1
        heading = draft.paragraphs[n - 1][0]
        previous = sentences[i - 1][1] if i else None  # pronouns look back, across a paragraph break too
        # Context: the previous sentence of the paragraph, or the next one for the paragraph's first.
        same = [s for m, s in sentences[max(0, i - 1) : i + 2] if m == n and s != sentence]
        neighbour = same[0] if same else None
        entries.append({"id": f"p{n}-s{counters[n]}", "draft": True,
                        "questions": _phrasings(sentence, used, previous, heading, neighbour),
                        "answer": sentence, "quote": sentence, "paragraph": n, "context": "main",
                        "keywords": _keywords(sentence, neighbour, heading)})
    return brief, {"entries": entries}


HEADER = ("# Drafted by `briefbot kb new` from {source}. TODO: review every field marked TODO or draft: true;\n"
          "# write plain-words answers, at least four varied phrasings per entry, contexts, aliases and related ids.\n")


def write_draft(article: Path, brief_id: str, knowledge: Path, force: bool = False) -> Path:
    """Write knowledge/<id>/brief.yaml and entries.yaml; refuse to overwrite unless force."""
    from bot.knowledge.schema import ID_SHAPE

    if not ID_SHAPE.fullmatch(brief_id):
        raise ValueError(f"brief id {brief_id!r} must be 1-24 lower-case letters, digits, '-' or '_'")
    target = knowledge / brief_id
    if target.exists() and not force:
        raise FileExistsError(f"{target} already exists; pass --force to overwrite it")
    brief, entries = draft_brief(article.read_text(encoding="utf-8", errors="replace"), brief_id)
    target.mkdir(parents=True, exist_ok=True)
    dump = lambda data: yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)  # noqa: E731
    (target / "brief.yaml").write_text(HEADER.format(source=article.name) + dump(brief), encoding="utf-8")
    (target / "entries.yaml").write_text(HEADER.format(source=article.name) + dump(entries), encoding="utf-8")
    return target
