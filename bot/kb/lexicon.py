"""General English word knowledge for drafting questions: verb forms and word families.

Not about any brief: the words readers use for the same thing ("fall", "drop", "go down") and the base forms of
common verbs ("fell" -> "fall"), so that a drafted entry is asked about in its readers' words, not only the
article's. Used by `kb new` only; the matcher never imports it.
"""

from __future__ import annotations

import re

# Irregular past forms and participles -> base form.
IRREGULAR = {
    "was": "be", "were": "be", "been": "be", "had": "have", "did": "do", "done": "do", "saw": "see", "seen": "see",
    "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "kept": "keep", "took": "take",
    "taken": "take", "went": "go", "gone": "go", "said": "say", "told": "tell", "found": "find", "made": "make",
    "paid": "pay", "began": "begin", "begun": "begin", "grew": "grow", "grown": "grow", "spent": "spend",
    "gave": "give", "given": "give", "came": "come", "left": "leave", "held": "hold", "led": "lead",
    "brought": "bring", "thought": "think", "sold": "sell", "bought": "buy", "met": "meet", "ran": "run",
    "won": "win", "lost": "lose", "became": "become", "drove": "drive", "driven": "drive", "sent": "send",
    "built": "build", "felt": "feel", "got": "get", "knew": "know", "known": "know", "meant": "mean",
    "stood": "stand", "struck": "strike", "taught": "teach", "wrote": "write", "written": "write", "chose": "choose",
    "shot": "shoot", "broke": "break", "broken": "break", "fought": "fight", "sought": "seek", "spoke": "speak",
    "spoken": "speak", "threw": "throw", "understood": "understand", "withdrew": "withdraw", "hit": "hit",
    "cut": "cut", "put": "put", "set": "set", "cost": "cost", "let": "let", "shut": "shut", "spread": "spread",
}
AUXILIARIES = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might",
               "must", "should", "shall", "do", "does", "did"}
# Present-tense verbs that also look like plural nouns; a sentence's verb is looked for among these and the forms above.
COMMON_VERBS = set("""remain remains come comes go goes say says want wants plan plans need needs expect expects show
shows help helps run runs take takes make makes cover covers offer offers argue argues think thinks hold holds
keep keeps
lead leads cost costs fall falls rise rises end ends start starts begin begins continue continues seem seems look looks
mean means include includes turn turns save saves pay pays use uses get gets give gives become becomes stay stays face
faces lack lacks matter matters carry carries handle handles agree agrees ask asks call calls believe believes warn
warns hope hopes see sees find finds provide provides require requires allow allows account accounts depend depends
represent represents risk risks reach reaches exceed exceeds""".split())

# Families: words a reader may use for the same thing. Each line is one family; the first word is its head.
_FAMILIES = """
fall fell fallen falls falling drop dropped drops decline declined declines decrease decreased go_down went_down shrink
rise rose risen rises rising increase increased increases grow grew grown growth go_up went_up climb climbed jump
cut cuts reduce reduced reduction lower lowered lowers cutting
raise raised raising hike hiked
begin began begun start started starts launch launched launches introduce introduced introduction
end ended ends expire expires run_out stop stopped finish
say said says tell told state stated claim claimed argue argued comment
want wanted wants ask asked call_for seek sought demand demanded
expect expected expects forecast forecasts predict predicted anticipate
spend spent spending cost costs paid pay money funding budget
fund funded funding grant grants money cash finance financed
worry worries concern concerns fear fears problem risk
children child kids kid pupils youngsters
people residents citizens public households families
council councils local_authority local_authorities municipality
government ministers ministry state authorities
vaccine vaccines vaccination vaccinated jab jabs immunisation immunization immunise immunised shot shots dose doses
doctor doctors physician clinic clinics
price prices cost costs bills bill inflation
wage wages pay salary salaries earnings
rate rates level levels interest
act law legislation bill
job jobs work employment workers staff
vote voted votes voting ballot decided decision
keep kept held hold unchanged same steady maintain
percent per_cent percentage share proportion
year years annual annually
reason because why cause caused blame blamed due
switch switched move moved change changed shift
help helped support supported boost
house houses housing homes home
big biggest main largest key
"""
FAMILIES: list[tuple[str, ...]] = [tuple(w.replace("_", " ") for w in line.split()) for line in
                                   _FAMILIES.strip().splitlines()]
_BY_WORD: dict[str, list[tuple[str, ...]]] = {}
for _family in FAMILIES:
    for _word in _family:
        _BY_WORD.setdefault(_word, []).append(_family)


def family(word: str) -> tuple[str, ...]:
    """The other words of every family the (lower-case) word belongs to, in family order, without the word."""
    out: dict[str, None] = {}
    for fam in _BY_WORD.get(word.lower(), ()):
        out.update((w, None) for w in fam if w != word.lower())
    return tuple(out)


_VOWELS = "aeiou"


def base_form(word: str) -> str:
    """The base form of a verb form ("fell" -> "fall", "introduced" -> "introduce", "dropped" -> "drop")."""
    w = word.lower()
    if w in IRREGULAR:
        return IRREGULAR[w]
    if w.endswith("ied") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ing") and len(w) > 5:
        return base_form(w[:-3] + "ed")  # the same rules as "-ed": switching -> switch, raising -> raise
    if w.endswith("ed") and len(w) > 4:
        stem = w[:-2]
        if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "lsfz" + _VOWELS:
            return stem[:-1]  # dropped -> drop
        if stem.endswith(("c", "g", "v", "z", "u", "s")) and not stem.endswith(("ss", "ng", "rs", "ns")):
            return stem + "e"  # introduced, changed, received, used
        if (len(stem) >= 3 and stem[-1] not in _VOWELS + "wxy" and stem[-2] in "aiou" and stem[-3] not in _VOWELS
                and not (stem[-2] == "i" and stem[-1] == "t")):
            return stem + "e"  # blamed, voted
        return stem
    if re.fullmatch(r"[a-z]+(ss|sh|ch|x|z)es", w):
        return w[:-2]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def is_past(word: str) -> bool:
    w = word.lower()
    return (w in IRREGULAR and w not in {"cut", "put", "set", "cost", "let", "hit", "shut", "spread"}) or (
        w.endswith("ed") and len(w) > 4)


def inflections(verb: str) -> tuple[str, ...]:
    """The base form of a verb and its regular forms ("switch" -> switch, switches, switched, switching)."""
    base = base_form(verb)
    if not base.isalpha() or len(base) < 3:
        return ()
    past = next((p for p, b in IRREGULAR.items() if b == base), None)
    if base.endswith("e"):
        regular = (base + "s", base + "d", base[:-1] + "ing")
    elif base.endswith("y") and base[-2:-1] not in _VOWELS:
        regular = (base[:-1] + "ies", base[:-1] + "ied", base + "ing")
    elif re.search(r"(ss|sh|ch|x|z)$", base):
        regular = (base + "es", base + "ed", base + "ing")
    elif len(base) <= 4 and base[-1] not in _VOWELS + "wxy" and base[-2] in _VOWELS and base[-3] not in _VOWELS:
        regular = (base + "s", base + base[-1] + "ed", base + base[-1] + "ing")  # drop -> dropped, dropping
    else:
        regular = (base + "s", base + "ed", base + "ing")
    forms = (base, regular[0], past or regular[1], regular[2])
    return tuple(dict.fromkeys(forms))


_PARTICIPLES = {"be": "been", "do": "done", "see": "seen", "rise": "risen", "fall": "fallen", "take": "taken",
                "go": "gone", "begin": "begun", "grow": "grown", "give": "given", "know": "known", "write": "written",
                "drive": "driven", "break": "broken", "speak": "spoken", "choose": "chosen", "win": "won"}


def participle(verb: str) -> str:
    """The past participle of a verb form ("rose" -> "risen", "introduced" -> "introduced", "cut" -> "cut")."""
    base = base_form(verb)
    if base in _PARTICIPLES:
        return _PARTICIPLES[base]
    past = next((p for p, b in IRREGULAR.items() if b == base), None)
    return past or inflections(base)[2] if len(inflections(base)) > 2 else verb
