"""Reader questions for a drafted sentence: rule-based, deterministic, from the sentence's own structure.

A sentence is split into clauses; each clause into a lead ("In January 2025"), a subject, an auxiliary, a verb
and the rest. From these come wh-questions for the facts the clause states (how much/many for figures, when for
dates, who for people, where for places, why for causes), a subject question, a yes/no form and a keyword form.
Pronouns are resolved to the previous sentence where simple ("Councils that introduced it" -> "Councils that
introduced a weekly kerbside collection of food waste"); the previous sentence and the heading give keywords.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.kb.lexicon import AUXILIARIES, COMMON_VERBS, IRREGULAR, base_form, family, inflections, is_past, participle
from bot.matching.analyzer import MONTHS as MONTH_NAMES
from bot.matching.stemming import stem_word

MONTHS = "|".join(m.title() for m in MONTH_NAMES.split("|"))  # capitalised: the article's own spelling
_TOKEN = re.compile(r"[£$€]?\d+(?:[.,]\d+)*%?|[A-Za-z]+(?:['’.-][A-Za-z]+)*\.?|[,;:()]")
_ABBREVIATIONS = {"Dr.", "Mr.", "Mrs.", "Ms.", "St.", "Prof.", "Gen."}
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "each",
                "every", "some", "any", "no", "of", "in", "for", "with", "by", "to", "on", "at", "from"}
_RELATIVE = {"that", "who", "which", "whose", "whom"}
_PREPOSITIONS = {"in", "on", "at", "by", "from", "after", "before", "since", "during", "within", "over", "under",
                 "for", "until", "with", "across", "between", "among", "about", "as", "despite", "when", "while"}
_PRONOUNS = {"it", "they", "this", "these", "he", "she", "that"}
_POSSESSIVES = {"its", "their", "his", "her"}
_ADVERBS = set("not now also still both always ever all already only just never often then yet once".split())
_SPEECH = {"say", "tell", "argue", "warn", "claim", "call", "add", "insist", "believe", "think", "expect"}
_CAUSAL = re.compile(r"\b(?:because|blamed?|caused?|pushed|drove|driven by|due to|thanks to|owing to|as a result of|"
                     r"led to)\b|(?<=, )after\b(?= (?:the|a|an|its|their|his|her)\b)", re.IGNORECASE)
# ", after the driest July since 1911" gives the reason a news sentence states an action was taken for
_REASON_MARKERS = {"because", "due to", "thanks to", "owing to", "as a result of", "after"}
_AGENTS = re.compile(r"\b(council|councils|bank|board|committee|government|ministers?|members?|officials?|investors|"
                     r"economists|campaigners|families|parents|people|staff|governor|director|team|agency|ministry|"
                     r"authority|authorities|tenants|residents|workers|company|companies|[A-Z][a-z]+ [A-Z][a-z]+)\b")
_ORG_WORDS = re.compile(r"\b(Council|Bank|Board|Act|Committee|Agency|Ministry|Reserve|Region|Party|University|"
                        r"Institute|Company|Group|Union|Fund|Office|Department|Service|Authority|Court|District)\b")
_NUMBER_WORDS = "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty|thirty|forty|fifty|hundreds"
_DURATION = re.compile(rf"\b(?:(?:for|within|over|only|in|after)\s+)?(?:(?:the\s+)?(?:first|next)\s+(?:(?:\d+|"
                       rf"{_NUMBER_WORDS})\s+)?|(?:\d+|{_NUMBER_WORDS})\s+)(?:years?|months?|weeks?|days?|decades?|hours?)\b",
                       re.IGNORECASE)
_LEADING_WORDS = re.compile(rf"^(?:\w+\s+)*?(?=[£$€]?\d|(?:{_NUMBER_WORDS})\b)", re.IGNORECASE)
_ORDINAL = (r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:\w+\s+in\s+a\s+row|consecutive\s+\w+"
            r"|\w+\s+running|time)")
_UNIT = (r"(?:\s*%|\s+per\s*cent|\s+percent|\s+percentage points?|\s+(?:million|billion|thousand|trillion)"
         r"(?:\s+(?:dollars|euros|pounds))?|\s+(?:dollars|euros|pounds|tonnes|tons))?")
_AMOUNT = (rf"[£$€]?\d[\d,.]*{_UNIT}|(?:a|one|two|three)\s+(?:half|third|quarter|fifth|tenth)s?{_UNIT}"
           r"|(?<!first )(?<!second )(?<!last )half|twice|double"
           r"|one\s+\w+\s+in\s+(?:ten|five|four|three|twenty|a hundred)"
           rf"|{_ORDINAL}"
           r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+to\s+(?:one|two|three|four|five|"
           r"six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
           rf"|\b(?:{_NUMBER_WORDS})\b(?=\s+[a-z]{{3,}})")
_QUANTITY = re.compile(rf"(?:\b(?:by|to|from|at|of|around|about|some|nearly|almost|over|only|roughly|more than|"
                       rf"less than|up to)\s+)*(?:{_AMOUNT})(?:\s+(?:to|and)\s+(?:{_AMOUNT}))?", re.IGNORECASE)
_NOT_COUNTED = (r"(?!(?:per|percent|million|billion|thousand|in|on|at|to|by|from|of|for|and|or|the|a|an|over|"
                r"under|since|until|with|than|was|were|is|are|had|has|have|will|would)\b)")
_COUNTED = re.compile(rf"^(?:[£$€]?\d[\d,.]*|{_NUMBER_WORDS})\s+"
                      rf"((?:{_NOT_COUNTED}[a-z]+\s+(?=[a-z]+s\b))?{_NOT_COUNTED}[a-z]{{3,}})\b", re.IGNORECASE)
_MONEY = re.compile(r"[£$€]|dollars|euros|pounds|million|billion|per\s*cent|percent|%|half|third|quarter|fifth|tenth"
                    r"|twice|double|\bone \w+ in", re.IGNORECASE)
_YEAR = r"(?:19|20)\d\d"
_DATE = re.compile(rf"(?:\b(?:in|on|by|since|until|from|during|before|after|within|between|to)\s+)?(?:the\s+)?"
                   rf"(?:(?:first|second|third|fourth|last)\s+(?:half|quarter)\s+of\s+|(?:early|late|mid|spring|"
                   rf"summer|autumn|winter)\s+)?(?:(?:\d{{1,2}}\s+)?(?:{MONTHS})(?:\s+\d{{1,2}})?,?\s*(?:{_YEAR})?"
                   rf"|{_YEAR})\b")
_PLACE = re.compile(rf"\b(?:in|at|to|from|across|near)\s+((?:the\s+)?(?!(?:{MONTHS})\b)[A-Z][\w'’-]+"
                    rf"(?:\s+(?:[A-Z][\w'’-]+|region|area|city|district))*)")
_PLACE_WORDS = re.compile(r"\b(Dam|River|Lake|Street|Road|Bridge|Park|Valley|Basin|Bay|Mountains?|Island|Square|"
                          r"Station|Airport|Port|Sea|Ocean|Hills?|County|City|Province|State)\b")
_PERSON = re.compile(r"\b(?:(?:Dr\.|Mr\.|Mrs\.|Ms\.|Prof\.|Governor|President|Minister|Mayor)\s+)?"
                     r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})\b")
_NOT_NAMES = re.compile(rf"\b({MONTHS}|The|This|That|These|It|In|On|At|By|For|And|But|Most|Only|Each|Its|Their|"
                        r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Early|Next|Results|Campaign)\b")
LONG_REST = 12  # words after the verb beyond which a question keeps only the first part
VARIANTS_AT = 3  # where the variants of a sentence's first question go among its questions
REPORTED_QUESTIONS = 3  # questions about what a speech verb reports
_TIME_LEAD = re.compile(r"(?:(?:a|an|one|two|three|four|five|six|ten|\d+)\s+(?:years?|months?|weeks?|days?|decades?)\s+"
                        r"(?:earlier|later|ago|before|on)|(?:last|this|next)\s+(?:year|week|month|spring|summer|"
                        r"autumn|winter)|earlier|later|meanwhile|since then|so far|in total|overall|now|today)(?=\s|$)",
                        re.IGNORECASE)
_APPOSITION = re.compile(r"^(?:(.+?)['’]s\s+)?((?:[a-z]+\s+){0,2}[a-z]+),\s+(?:[A-Z][a-z.]+\s+){1,3}[A-Z][a-z]+$")
_LINKING = {"remain", "become", "stay", "seem", "is"}
_ANAPHORS = {"it", "its", "they", "their", "them", "this", "these", "those", "there", "he", "she", "his", "her"}
SHORT_SENTENCE = 4  # content words at most, for a sentence that says little without its neighbours


@dataclass
class Clause:
    lead: str = ""
    subject: str = ""
    aux: str | None = None  # the auxiliary as written ("had", "will"), or None
    verb: str = ""  # the main verb as written
    rest: str = ""

    @property
    def copula(self) -> bool:
        return not self.aux and self.verb.lower() in {"is", "are", "was", "were"}

    def inverted(self) -> tuple[str, str]:
        """(the word that starts a question, the verb after the subject): ("did", "fall"), ("had", "received")."""
        if self.aux:
            return self.aux.lower(), self.verb
        if self.copula:
            return self.verb.lower(), ""
        if is_past(self.verb) or self.verb.lower() in IRREGULAR:
            return "did", base_form(self.verb)
        head = _head(self.subject).lower()
        plural = head.endswith("s") and not head.endswith(("ss", "is", "us")) or " and " in self.subject
        return ("do" if plural or self.verb.lower() == base_form(self.verb) else "does"), base_form(self.verb)

    def body(self, rest: str | None = None, subject: str | None = None) -> str:
        """The clause as a question body without its wh-word: "did residual waste fall by about a fifth"."""
        first, verb = self.inverted()
        parts = [first, _lower_first(subject if subject is not None else self.subject), verb,
                 self.rest if rest is None else rest]
        return _tidy(" ".join(p for p in parts if p))

    def predicate(self, rest: str | None = None) -> str:
        """The verb and its rest as written, for a subject question: "saw residual waste fall by about a fifth"."""
        return _tidy(" ".join(p for p in (self.aux or "", self.verb, self.rest if rest is None else rest) if p))


@dataclass
class Sentence:
    text: str
    clauses: list[Clause] = field(default_factory=list)


def _tidy(text: str) -> str:
    # An article left before a removed figure ("the [third meeting in a row] without") goes with it.
    text = re.sub(r"\b(?:the|a|an)\s+(?=(?:the|a|an|without|with|in|on|of|for|to|by|from|at)\b|[,?]|$)", "", text)
    text = re.sub(r"\s+([,;:.?)])", r"\1", re.sub(r"\(\s+", "(", text))
    return re.sub(r"\s+", " ", text).strip(" ,;:")


def _lower_first(text: str) -> str:
    """Lower-case a sentence-initial common word ("Councils that" -> "councils that"), not a name ("Stroud District
    Council", "England's", "WRAP")."""
    words = text.split(" ", 2)
    if not words or not words[0][:1].isupper() or (words[0].isupper() and len(words[0]) > 1) or "'" in words[0] \
            or "’" in words[0]:
        return text
    if words[0] in {"The", "A", "An"}:
        return words[0].lower() + text[len(words[0]):]
    if len(words) > 1 and words[1][:1].isupper():
        return text
    return words[0].lower() + text[len(words[0]):]


def tokens(text: str) -> list[str]:
    out = []
    for t in _TOKEN.findall(text):
        out.append(t if t in _ABBREVIATIONS or not t.endswith(".") else t[:-1])
    return out


def _finite(toks: list[str], j: int) -> bool:
    """A later word that is surely a finite verb: an auxiliary, or an "-s" verb not after a determiner or "to"."""
    low, prev = toks[j].lower(), toks[j - 1].lower()
    if prev in _DETERMINERS or prev == "to":
        return False
    return low in AUXILIARIES or (low in COMMON_VERBS and low.endswith("s"))


def _is_verb(toks: list[str], i: int) -> bool:
    word, low = toks[i], toks[i].lower()
    prev = toks[i - 1].lower() if i else ""
    nxt = toks[i + 1].lower() if i + 1 < len(toks) else ""
    if (word[0].isupper() and i) or prev in _DETERMINERS:
        return False
    if low in COMMON_VERBS and (nxt in AUXILIARIES or nxt in IRREGULAR or (nxt.endswith("ed") and len(nxt) > 4)):
        return False  # "Running costs were", "Average pay rose": a noun before the verb
    if low in COMMON_VERBS and i and any(t.lower() in {"is", "was", "are", "were"} for t in toks[i + 2 : i + 5]):
        return False  # "Average daily use in Eastvale is": a noun, the verb comes later
    if low in AUXILIARIES or low in COMMON_VERBS or low in IRREGULAR:
        return True
    if not (low.endswith("ed") and len(low) > 4) or prev.replace(",", "").isdigit():
        return False
    j = i + 1
    while j < len(toks) and toks[j] != "," and toks[j].lower() not in _RELATIVE:
        if _finite(toks, j):
            return False  # "Each tonne diverted from landfill saves": a participle before the verb
        j += 1
    return True


def _lead(toks: list[str]) -> int:
    """How many tokens open the clause before its subject ("In January 2025", "By July ,", "A year earlier")."""
    when = _TIME_LEAD.match(" ".join(toks))
    if when:
        return len(when.group(0).split()) + (1 if len(toks) > len(when.group(0).split()) and
                                             toks[len(when.group(0).split())] == "," else 0)
    if not toks or toks[0].lower() not in _PREPOSITIONS:
        return 0
    if "," in toks[:8]:
        return toks.index(",") + 1
    i = 1
    while i < len(toks) and (toks[i][0].isupper() or toks[i][0].isdigit() or toks[i].lower() == "of"):
        i += 1
    return i


def parse_clause(text: str) -> Clause | None:
    toks = tokens(text)
    start = _lead(toks)
    i, skip_to_comma = start + 1, False
    while i < len(toks):
        low = toks[i].lower()
        if toks[i] == "," and skip_to_comma:
            skip_to_comma = False
        elif low in _RELATIVE and toks[i - 1] == ",":
            skip_to_comma = True  # ", who leads the team," is about the subject
        elif not skip_to_comma and _is_verb(toks, i):
            if toks[i - 1].lower() in _RELATIVE:  # "Councils that introduced it saw": the relative clause's verb
                i += 1
                continue
            break
        i += 1
    else:
        return None
    clause = Clause(" ".join(toks[:start]).rstrip(","), " ".join(toks[start:i]), None, toks[i], "")
    j = i + 1
    while j < len(toks) and (toks[j].lower() in _ADVERBS or (toks[j].lower().endswith("ly") and len(toks[j]) > 4)):
        j += 1
    if toks[i].lower() in AUXILIARIES and j < len(toks) and (
        toks[j].lower() in IRREGULAR or toks[j].lower() in COMMON_VERBS or toks[j].lower().endswith(("ed", "ing"))
        or toks[j].lower() in {"be", "have", "been"} or toks[i].lower() in {"will", "would", "can", "could", "may",
                                                                             "might", "must", "should", "shall"}
    ):
        clause.aux, clause.verb = toks[i], toks[j]
        j += 1
    clause.rest = _tidy(" ".join(toks[j:]))
    clause.subject = _tidy(clause.subject)
    return clause if clause.subject else None


def split_clauses(sentence: str) -> list[str]:
    """A sentence's main clauses: split at "; " and at ", and"/", but"/", while" before a new subject."""
    parts = re.split(r";\s+|,\s+(?:and|but|while|whereas)\s+(?=(?:the\s+)?[A-Za-z]+\s+(?:\w+\s+)?"
                     r"(?:is|are|was|were|has|have|had|will|would|said|says|[a-z]+ed)\b)", sentence.rstrip(".?!"))
    return [p.strip() for p in parts if p and p.strip()]


def parse(sentence: str) -> Sentence:
    return Sentence(sentence, [c for c in (parse_clause(p) for p in split_clauses(sentence)) if c])


def object_phrase(clause: Clause) -> str:
    """The clause's object without dates and figures: "a weekly kerbside collection of food waste"."""
    rest = _DATE.sub("", clause.rest)
    rest = re.split(r",(?!\d)|\b(?:which|who|that|because|after|before|when|while)\b", rest)[0]
    return _tidy(_QUANTITY.sub("", rest))


def resolve(clause: Clause, previous: Clause | None) -> Clause:
    """The clause with a leading pronoun replaced by the previous clause's subject, and an object "it" by its object."""
    if previous is None:
        return clause
    words = clause.subject.split()
    first = words[0].lower() if words else ""
    subject, rest = clause.subject, clause.rest
    if first in _PRONOUNS and len(words) == 1:
        subject = previous.subject
    elif first in _POSSESSIVES:  # "Its staff" after "The bank's target is...": the bank's staff
        owner = re.split(r"['’]s\b", previous.subject)[0]
        subject = f"{_lower_first(owner)}'s {' '.join(words[1:])}"
    thing = object_phrase(previous)
    figure = _QUANTITY.match(previous.rest)
    if re.fullmatch(r"\w+ of it", subject.lower()) and figure:  # "Most of it" after "spent 6.5 million dollars"
        thing = figure.group(0)
    if thing and re.search(r"\bit\b", subject):  # "Councils that introduced it": the previous clause's object
        subject = re.sub(r"\bit\b", thing, subject)
    elif thing and subject != clause.subject:  # "It offered it ...": the subject took the previous subject
        rest = re.sub(r"^it\b", thing, rest)
    return Clause(clause.lead, _tidy(subject), clause.aux, clause.verb, _tidy(rest))


def _counted_after(span: str, after: str) -> str | None:
    """The plural noun a large count counts: "1.8 million customers" -> "customers" (not "1.8 million pounds")."""
    if not re.search(r"\b(?:million|billion|thousand)$", span) or re.search(r"[£$€]", span):
        return None
    noun = re.match(r"\s*([a-z]{3,}s)\b", after)
    return noun.group(1) if noun and noun.group(1) not in {"dollars", "euros", "pounds", "tonnes", "tons"} else None


def _wh_for_quantity(clause: Clause, span: str) -> str:
    ordinal = re.search(_ORDINAL, span, re.IGNORECASE)
    if ordinal:  # "the third meeting in a row": how many meetings in a row
        words = ordinal.group(0).split()
        return f"How many {words[1]}s {' '.join(words[2:])}".strip() if words[1] != "time" else "How many times"
    counted = _COUNTED.match(_LEADING_WORDS.sub("", span))
    if counted:
        return f"How many {counted.group(1)}"
    return "How much" if _MONEY.search(span) else "How many"


def _figures(text: str) -> list[re.Match]:
    """The figures a text states; a year is a date, not a figure."""
    dates = [d.span() for d in _DATE.finditer(text)]
    return [m for m in _QUANTITY.finditer(text) if not re.fullmatch(rf"(?:\w+\s+)*{_YEAR}", m.group(0).strip())
            and not any(a <= m.start() < b or a < m.end() <= b for a, b in dates)]


def _head(subject: str) -> str:
    """The head noun of a subject: its last word before a preposition or relative ("cases" in "Measles cases in the
    Riverside region")."""
    words = re.split(r"\s+(?:in|of|on|at|for|from|with|that|who|which)\s+|,", subject)[0].split()
    return words[-1] if words else ""


def _quantity_questions(clause: Clause) -> list[str]:
    out = []
    span_subject = _QUANTITY.search(clause.subject)
    if span_subject:
        counted = _COUNTED.match(_LEADING_WORDS.sub("", clause.subject[span_subject.start():]))
        noun = counted.group(1) if counted else ""
        rest_of_subject = _QUANTITY.sub("", clause.subject[span_subject.start():], count=1) if noun else ""
        rest_of_subject = _tidy(rest_of_subject.replace(noun, "", 1))
        who = f"How many {noun}".strip() if noun else _wh_for_quantity(clause, span_subject.group(0))
        out.append(f"{who} {rest_of_subject} {clause.predicate()}?")
    for m in _figures(clause.rest):
        wh = _wh_for_quantity(clause, m.group(0))
        counted = _COUNTED.match(_LEADING_WORDS.sub("", m.group(0)) + clause.rest[m.end():])
        rest = clause.rest[: m.start()] + clause.rest[m.end():]
        many = _counted_after(m.group(0), clause.rest[m.end():])
        if counted:
            wh = f"How many {counted.group(1)}"
            rest = clause.rest[: m.start()] + clause.rest[m.end():].replace(counted.group(1), "", 1)
        elif many:
            wh = f"How many {many}"
            rest = clause.rest[: m.start()] + clause.rest[m.end():].replace(many, "", 1)
        out.append(f"{wh} {clause.body(rest)}?")  # a question for a figure may give the date: "... in 2024?"
        if m.group(0).lower().startswith("by"):
            out.append(f"By how much {clause.body(_DATE.sub('', rest))}?")
        break
    return out


def _duration_questions(clause: Clause) -> list[str]:
    found = _DURATION.search(clause.rest)
    if not found:
        return []
    return [f"How long {clause.body(clause.rest.replace(found.group(0), ''))}?"]


def _count_questions(clause: Clause) -> list[str]:
    """ "How many measles cases were there in 2024?" for "Measles cases ... reached 412 in 2024"."""
    figures = _figures(clause.rest)
    figure = figures[0] if figures else None
    if not figure or not _head(clause.subject).endswith("s") or _MONEY.search(figure.group(0)) or _QUANTITY.search(
            clause.subject) or _COUNTED.match(_LEADING_WORDS.sub("", clause.rest[figure.start():])):
        return []
    date = _DATE.search(clause.rest)
    return [_tidy(f"How many {_lower_first(clause.subject)} were there {date.group(0) if date else ''}?")]


def _date_questions(clause: Clause) -> list[str]:
    out = []
    found = _DATE.search(clause.rest) or _DATE.search(clause.lead)
    if not found:
        return out
    rest = _DATE.sub("", clause.rest)
    out.append(f"When {clause.body(_QUANTITY.sub('', rest) if _QUANTITY.search(rest) else rest)}?")
    if re.search(_YEAR, found.group(0)) and not re.search(MONTHS, found.group(0)):
        out.append(f"In what year {clause.body(rest)}?")
    return out


def _people(sentence: str) -> list[str]:
    names = []
    for m in _PERSON.finditer(sentence):
        name = m.group(1)
        before = sentence[: m.start()].split()[-1:]
        if before and before[0].lower() in {"at", "in", "from", "near", "to", "across"}:
            continue  # "at Kellin Dam": a place
        if not _NOT_NAMES.search(name) and not _ORG_WORDS.search(name) and not _PLACE_WORDS.search(name):
            names.append(name)
    return list(dict.fromkeys(names))


def _first_part(rest: str) -> str:
    """A long rest up to its first comma or relative clause: readers ask short questions."""
    if len(rest.split()) <= LONG_REST:
        return rest
    return _tidy(re.split(r",(?!\d)|\s(?=(?:who|which|where|whose|because|although|while)\b)", rest)[0])


def _subject_question(clause: Clause) -> str | None:
    if not clause.subject or clause.subject.lower() in _PRONOUNS:
        return None
    if _QUANTITY.search(clause.subject):
        return None  # asked as "how many" above
    place = _PLACE.search(clause.subject)
    subject = clause.subject.replace(place.group(0), "") if place else clause.subject  # not "Kellin Dam" in "at..."
    wh = "Who" if _AGENTS.search(subject) or _AGENTS.search(subject.lower()) else "What"
    if _ORG_WORDS.search(clause.subject):
        head = _ORG_WORDS.findall(clause.subject)[-1].lower()
        wh = f"Which {head}"
    return f"{wh} {clause.predicate(_first_part(clause.rest))}?"


def _because_questions(clause: Clause, previous: Clause | None, sentence: str) -> list[str]:
    found = _CAUSAL.search(sentence)
    if not found:
        return []
    marker = found.group(0)
    if marker.lower() in _REASON_MARKERS:  # "X fell because Y": why did X fall?
        rest = clause.rest.split(marker)[0]
        return [f"Why {clause.body(rest)}?"]
    # "Diesel prices pushed the cost up": what pushed it up? ("Why <the previous sentence>?" would be that
    # sentence's own question again, which the matcher cannot tell apart from it.)
    return [f"What {clause.predicate()}?"] if clause.subject else []


def _reported(clause: Clause) -> Clause | None:
    """The clause a speech verb reports ("said [that] the savings paid for the vans"), if it parses as one."""
    if base_form(clause.verb) not in _SPEECH:
        return None
    inner = re.sub(r"^that\s+", "", clause.rest)
    if not inner or inner.split()[0].lower() in _PRONOUNS:  # "said they had never...": too little to ask about
        return None
    parsed = parse_clause(inner)
    return parsed if parsed and parsed.rest else None


def clause_questions(clause: Clause, previous: Clause | None, sentence: str) -> list[str]:
    """Questions one clause answers, most specific first."""
    out = _because_questions(clause, previous, sentence)  # a cause is what a causal sentence is asked for
    out += _count_questions(clause) + _quantity_questions(clause) + _date_questions(clause)
    out += _duration_questions(clause)
    role = _APPOSITION.match(clause.subject)
    if role:  # "Its manager, Grace Whitfield" after "A paper mill...": who is the manager of the paper mill?
        owner = _lower_first(role.group(1)) if role.group(1) else ""
        out.append(f"Who is the {role.group(2)} of {owner}?" if owner else f"Who is the {role.group(2)}?")
    for name in _people(sentence):
        out.append(f"Who is {name}?")
        if base_form(clause.verb) in _SPEECH or clause.verb.lower() in _SPEECH:
            out.append(f"What did {name} say?")
    place = _PLACE.search(clause.rest)
    if place and not _DATE.fullmatch(place.group(0)):
        out.append(f"Where {clause.body(_DATE.sub('', clause.rest).replace(place.group(0), ''))}?")
    elif _PLACE.search(clause.subject):  # "Twelve councils in the Midlands began...": where did councils begin...
        found = _PLACE.search(clause.subject).group(0)
        out.append(f"Where {clause.body(_DATE.sub('', clause.rest), clause.subject.replace(found, ''))}?")
    subject_q = _subject_question(clause)
    if subject_q:
        out.append(subject_q)
    obj = object_phrase(clause)
    if base_form(clause.verb) in _LINKING and not clause.aux and obj:  # "Wage growth remains the main worry"
        out.append(f"What is {_lower_first(obj)}?")
    if clause.copula:
        how = "How" if len(obj.split()) == 1 else "What"
        out.append(f"{how} {clause.verb.lower()} {_lower_first(clause.subject)}?")
    elif obj and not re.match(r"(?:to|up|down|\w+ly)\b", clause.rest) and clause.rest.split()[0] not in _PREPOSITIONS:
        out.append(f"What {clause.body('')}?")  # not "What did the crown weaken?" for "weakened slightly against..."
    if not clause.copula and not clause.aux:
        out.append(f"How {clause.body('')}?")
    yes_no = clause.body(_first_part(_DATE.sub("", clause.rest)))
    out.append(f"{yes_no[:1].upper()}{yes_no[1:]}?")
    topic = _content(clause.subject) or _content(obj)
    if topic:
        out.append(f"What happened to {topic}?" if not clause.aux else f"What about {topic}?")
    return out


_STOP = set("""a an the and or but of to in on at by for from with as into than then is are was were be been has have
had will would can could may might must should it its they their them this that these those which who whom whose
what when where why how there here not no also still only just about some any each every more most less very""".split())


def _content(text: str) -> str:
    return " ".join(w for w in tokens(text) if w.lower() not in _STOP and w.isalpha()).lower()


def _synonym_variant(question: str, clause: Clause) -> str | None:
    """The question with its verb in another word of its family ("fall" -> "drop")."""
    verb = clause.inverted()[1] or clause.verb
    for other in family(verb.lower()):
        if " " not in other and other == base_form(other) and base_form(other) != base_form(verb) \
                and not other.endswith(("ed", "ing")) and other not in IRREGULAR:
            swapped = re.sub(rf"\b{re.escape(verb)}\b", other, question, count=1)
            if swapped != question:
                return swapped
    return None


def _noun_variant(question: str) -> str | None:
    """The question with its nouns in other words of their families ("children" -> "kids", "dose" -> "vaccine")."""
    words = question.rstrip("?").split()
    changed = False
    for i, w in enumerate(words):
        low = w.lower()
        if low in AUXILIARIES or low in COMMON_VERBS or low in IRREGULAR or low.endswith("ed") or low in _STOP:
            continue
        alternative = next((o for o in family(low) if " " not in o and stem_word(o, "en") != stem_word(low, "en")
                            and not (o.endswith(("al", "ly")) and not low.endswith(("al", "ly")))), None)
        if alternative:
            words[i], changed = alternative, True
    return " ".join(words) + "?" if changed else None


def context_words(sentence: str, neighbour: str | None, heading: str | None) -> list[str]:
    """Words from around the sentence a reader may use to name its topic: a neighbour's (the previous sentence of
    its paragraph, or the next for the paragraph's first), the heading's.

    Only for a sentence that leans on its neighbours: one that refers back ("it", "they", "there") or says little
    on its own. Elsewhere the neighbours' words would blur which sentence answers."""
    own_words = [w.lower() for w in tokens(sentence) if w.isalpha()]
    leans = bool(set(own_words) & _ANAPHORS) or len([w for w in own_words if w not in _STOP]) <= SHORT_SENTENCE
    if not leans:
        return []
    out: list[str] = []
    for text in (neighbour or "", heading or ""):
        out += [w.lower() for w in tokens(text) if w.isalpha() and len(w) > 3 and w.lower() not in _STOP]
    own = {w.lower() for w in tokens(sentence)}
    return [w for w in dict.fromkeys(out) if w not in own]


def verb_forms(sentence: str) -> list[str]:
    """The other forms of the sentence's verbs ("switching" -> switch, switched...): readers inflect differently."""
    out: list[str] = []
    for w in tokens(sentence):
        low = w.lower()
        if w.isalpha() and low not in AUXILIARIES and (
            low in IRREGULAR or low in COMMON_VERBS or (low.endswith(("ed", "ing")) and len(low) > 5)
        ):
            out += inflections(low)
    own = {w.lower() for w in tokens(sentence)}
    return [w for w in dict.fromkeys(out) if w not in own]


_BASE_VERBS = frozenset(IRREGULAR.values()) | {w for w in COMMON_VERBS if not w.endswith("s")}


def family_words(sentence: str) -> list[str]:
    """Readers' words for the sentence's words, taken in turn from each word's families (so that a long family
    does not crowd out the others)."""
    own = {w.lower() for w in tokens(sentence)}
    lists = [[o for o in (family(w.lower()) or family(base_form(w.lower()))) if o not in own] for w in tokens(sentence)]
    out: list[str] = []
    for rank in range(max((len(x) for x in lists), default=0)):
        for word in (x[rank] for x in lists if rank < len(x)):
            out.append(word)
            if word in _BASE_VERBS:  # readers inflect: "growing" for the family of "rose"
                out += [f for f in inflections(word) if f not in own]
    return list(dict.fromkeys(out))


def reader_questions(sentence: str, previous: str | None = None, heading: str | None = None) -> list[str]:
    """Real questions a reader might ask that this sentence answers; deterministic; best first."""
    parsed = parse(sentence)
    prev_clauses = parse(previous).clauses if previous else []
    prev = prev_clauses[-1] if prev_clauses else None
    out: list[str] = []
    variants: list[str] = []
    for k, raw in enumerate(parsed.clauses):
        before = prev if k == 0 else parsed.clauses[k - 1]
        clause = resolve(raw, before)
        asked = clause_questions(clause, before, sentence)
        reported = _reported(clause)
        if reported is not None:  # "X said the investment paid for itself in three years": ask about what was said
            said = clause_questions(reported, clause, sentence)[:REPORTED_QUESTIONS]
            asked = asked[:2] + said + asked[2:]
        out += asked[:4] if k else asked
        if not asked:
            continue
        # The first question in readers' other words: another verb, other nouns, the present perfect.
        variants += [v for v in (_synonym_variant(asked[0], clause), _noun_variant(asked[0])) if v]
        if clause.inverted()[0] == "did":  # "how much has X risen?"
            have = "have" if _head(clause.subject).lower().endswith("s") else "has"
            perfect = Clause(clause.lead, clause.subject, have, participle(clause.verb), clause.rest)
            variants.append(clause_questions(perfect, before, sentence)[0])
    out[VARIANTS_AT:VARIANTS_AT] = variants
    # A question must name something: not "What is that?"
    return [_tidy(q) for q in dict.fromkeys(out) if len(q.split()) >= 3 and any(
        w.lower() not in _STOP and w.isalpha() for w in tokens(q)[1:] if w.lower() not in AUXILIARIES)]
