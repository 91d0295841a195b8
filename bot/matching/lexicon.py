"""General word families every brief shares: words a reader uses for the same thing.

A brief's own `aliases` (its names, places and terms) are read first and win a conflict; these fill in the ordinary
language around them, so that "why is moscow broke" reaches the entry about lost revenue in any brief. The keys are
the canonical words the analyzer writes in place of each variant.
"""

from __future__ import annotations

# Chat spellings of function words ("what r the contexts", "y is baku mad", "wat abt ukraine", "скока"): a question's
# words are read as these before its frame is taken off and its kind of fact is read, so that a mistyped frame goes as
# a well-typed one. (Questions only: the knowledge is written out.)
CHAT_SPELLINGS: dict[str, str] = {
    "wat": "what", "wut": "what", "wht": "what", "r": "are", "u": "you", "ur": "your", "y": "why", "abt": "about",
    "bc": "because", "cuz": "because", "coz": "because", "pls": "please", "plz": "please",
    "скока": "сколько", "скоко": "сколько", "скок": "сколько", "че": "что", "чо": "что", "шо": "что",
    "кагда": "когда", "ваще": "вообще", "щас": "сейчас", "тока": "только", "токо": "только",
    "wich": "which", "whcih": "which", "thru": "through", "wen": "when", "waht": "what", "whta": "what",
    "teh": "the", "adn": "and", "abotu": "about",
    "harda": "harada", "hardan": "haradan",  # Azerbaijani as it is spoken ("harda işləyir?")
    "nie": "niye", "niya": "niye",  # ... and "niyə" (why) as it is typed on a phone
    "bahsedir": "behs edir", "bahs": "behs",  # "bəhs edir" (is about) in its Turkish spelling
}

# Months as they are shortened ("in Dec 2024"): read as the month where the knowledge names that month (another month
# stays a thing the brief does not name)
MONTH_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "january": ("jan",), "february": ("feb",), "march": ("mar",), "april": ("apr",), "august": ("aug",),
    "september": ("sep", "sept"), "october": ("oct",), "november": ("nov",), "december": ("dec",),
}

# English: every variant becomes its canonical word.
LEXICON: dict[str, tuple[str, ...]] = {
    "eu": ("european union",),
    "un": ("united nations",),
    "nato": ("north atlantic treaty organization", "north atlantic alliance",),
    "usa": ("united states", "america", "american",),
    "europe": ("european", "europeans",),
    "treat": ("handles", "handle", "handled", "handling",),
    "describe": ("characterise", "characterises", "characterize", "characterizes", "portray", "portrays", "depict",
        "depicts", "set out", "sets out", "lay out", "lays out", "spell out", "spells out",),
    # Azerbaijani "baş vermək" (to happen) is the function word "happen", not a head ("baş") and a verb: "Başqa nə baş
    # verib?" asks what else happened
    "happen": ("bas verib", "bas verdi", "bas verir", "bas vermisdi", "bas vermis", "bas verecek", "bas veren",
        "bas verenler"),
    "people": ("ppl", "люди", "людей", "человек"),
    # a people named as people: "Azerbaijani people inside Russia" are the Azerbaijanis the brief speaks of
    "azerbaijanis": ("azerbaijani people", "azeri people", "azeris", "azerbaijani citizens", "azerbaijani nationals",
        "azerbaijani migrants", "ethnic azerbaijanis", "azerbaijani workers", "azerbaijani diaspora"),
    "country": ("nation", "nations"),  # "which nations took over as suppliers?": which countries
    "replaced": ("took over", "take over", "takes over", "taken over", "taking over", "took the place of",
        "took its place", "take its place", "taken its place", "took their place", "filled the gap", "fill the gap",),
    # where a thing fits is its role: "how does energy fit into all this?" asks what role energy plays
    "role": ("fit in", "fit into", "fits in", "fits into", "fit in with", "figure in", "figures in",
        "have to do with", "has to do with", "had to do with", "got to do with"),  # "what does energy have to do
    # with it?", "whats europe got to do with it"
    # a quoted line, in any of our languages: "Какую фразу Путина приводит автор?"
    "quote": ("quotes", "quotation", "line", "phrase", "фраза", "фразу", "фразы", "фразой", "высказывание",
        "высказывания", "цитата", "цитату", "цитаты", "ifade", "ifadesi", "ifadeni", "sitat", "sitati",
        # someone's words are what he said ("which of Putin's words…", "слова Путина", "Putinin sözü")
        "words", "remark", "remarks", "слова", "словами", "soz", "sozu", "sozleri", "sozlerini",
        "istinad olunur", "istinad edilir", "istinad edir"),  # (Azerbaijani: cited, "Orada kimə istinad olunur?")
    # the USSR's end, named with its subject: a bare "collapse" or "fall of" is any collapse ("did the ruble collapse?")
    "dissolution": ("dissolved", "dissolve", "ussr collapse", "ussr collapsed", "soviet collapse",
        "soviet union collapse", "soviet union collapsed", "collapse of the ussr", "collapse of the soviet union",
        "fall of the ussr", "fall of the soviet union", "ussr fell", "soviet union fell", "ussr fell apart",
        "soviet union fell apart",
        "breakup of the ussr", "breakup of the soviet union", "soviet breakup", "end of the soviet union",),
    "important": ("big deal", "a big deal", "matter much", "significant",),
    # the war in Ukraine is Russia's invasion of it ("does it mention the war in Ukraine?")
    "invasion": ("war in ukraine", "ukraine war", "war against ukraine", "war on ukraine", "invaded ukraine",
        "invade ukraine", "invading ukraine"),  # "is russia still a big deal": no deal
    "shootdown": ("shooting down", "shot down", "shoot down", "shoots down", "downed", "downing", "shootdown",
        "shot",),
    "plane": ("airliner", "aircraft", "jet", "airplane", "aeroplane", "passenger plane",),
    # being ordered about as an inferior: "baku is sick of moscow bossing it around"
    "subordinate": ("bossing it around", "boss it around", "bossing around", "bossed around", "pushing it around",
        "pushed around", "ordering it around", "ordered around", "junior partner", "underling", "vassal"),
    "angry": ("mad", "upset", "furious", "annoyed", "angered", "anger", "cross with", "hostile", "resentful",
        "sick of", "tired of",
        "irritated", "beef", "beef with", "beefing",
        "pissed", "pissed off", "salty", "sore", "fed up", "up in arms", "fuming",),
    "killing": ("killings", "killed", "murders", "murdered", "murder", "deaths", "died", "dead", "killing",),
    "arrest": ("arrests", "arrested", "detained", "detention", "detentions", "crackdown", "raids", "imprisoned",
        "imprisonment", "jailed", "jailing", "prison", "custody", "rounded up",),
    "energy": ("oil", "fossil fuels", "hydrocarbons",),
    "agreement": ("agreements", "deals", "deal", "accords", "treaties", "treaty", "contracts", "pacts",),
    "neighbor": ("neighbour", "neighbours", "neighbors", "neighboring", "neighbouring", "near abroad", "next door",
        "neighbourhood", "neighborhood",
        "nearby countries", "bordering countries",),
    "sovereign": ("sovereignty", "independent", "independence",),
    "border": ("borders", "boundaries", "boundary", "frontiers",),
    "supply": ("sell", "sells", "selling", "sold", "provide", "provides", "providing", "deliver", "delivers",
        "delivering", "supplying", "supplies", "supplied",),
    # how a thing stands against its past: "how bad is it compared to the past?", "worst ever", "historic low"
    "unprecedented": ("never before", "never been", "than ever", "worst ever", "ever been", "historic low",
        "historical significance", "historic significance", "historically significant", "historic",
        "compared to the past", "compared with the past", "compare to the past",
        "compared to before", "compared to earlier", "compared with earlier", "compare to earlier",
        "compare with earlier"),
    "deterioration": ("sour", "soured", "worsen", "worsened", "worsening", "deteriorate", "deteriorated", "go bad",
        "went bad", "decline", "declined", "downturn",),
    "summary": ("sum up", "summarize", "summarise", "summarised", "summarized", "tldr", "tl dr", "recap", "synopsis",
        "digest", "nutshell", "short version", "overview", "gist", "in short", "in brief", "main point",
        "main points", "key points",),
    "membership": ("join", "joining", "joined", "accession", "accede", "member", "members", "become members",
        "admission",),
    "arrogance": ("arrogant", "arrogantly", "haughty", "haughtiness", "condescending", "condescension", "disdain",),
    "revenue": ("money", "income", "earnings", "cash", "profits", "funds", "revenues", "broke", "bankrupt", "skint",
        "strapped", "short of cash", "short of money", "out of money", "cash strapped", "budget", "budgetary",
        "cash cow", "golden goose", "meal ticket", "finances", "finance", "financial", "coffers", "treasury",
        "economic", "economics", "commercial", "wallet", "pocket", "pockets", "purse", "bottom line"),
    "explore": ("explores", "explored", "exploring", "examine", "examines", "examined", "investigate",
        "investigates", "analyse", "analyze", "analyses", "analyzes", "discuss", "discusses", "cover", "covers",
        "address", "addresses", "look at", "looks at", "deal with", "deals with", "talk about", "talks about",),
    "argument": ("argues", "argue", "argued", "conclude", "concludes", "concluded", "conclusion", "conclusions",
        "contend", "contends", "thesis", "put forward", "puts forward", "main claim", "central claim", "key claim",
        "core claim",),
    "storage": ("store", "stored", "storing", "keep", "kept", "keeping", "stockpile", "stockpiled", "stockpiling",),
    "lost": ("lose", "loses", "losing", "loss", "losses", "lost out", "up in smoke", "dried up", "drying up",),
    "end": ("ended", "ending", "ends", "drop", "dropped", "dropping", "abandon", "abandoned", "give up", "gave up",
        "given up", "renounce", "renounced", "came to an end", "come to an end", "finished", "over with",),
    "wrote": ("penned", "authored", "written", "writes", "write",),
    # keeping to an agreement: "which declaration did Armenia refuse to follow?" (the brief: "refused to abide by")
    "abide": ("abide by", "abides by", "abided by", "follow", "follows", "followed", "comply with", "complied with",
        "comply", "adhere to", "adhered to", "honour", "honoured", "honor", "honored", "observe", "observed",
        "stick to", "stuck to", "keep to", "kept to", "uphold", "upheld"),
    "relation": ("ties", "relationship", "relations", "bilateral relations",),
    # what lies beneath: "the underlying cause", "the fundamental source of the rupture"
    "root": ("roots", "underlying cause", "underlying causes", "fundamental cause", "fundamental source",
        "fundamental reason", "deeper cause", "deep cause", "root cause", "root causes", "real cause", "real reason",
        "heart of the matter", "at the heart of"),
    "crisis": ("dispute", "rift", "row", "spat", "standoff", "falling out", "feud", "tensions", "quarrel",
        "rupture", "breach", "schism", "estrangement between",
        "breakdown", "at odds", "clash", "clashing", "estrangement", "fallout", "bust up", "drama", "bad blood",
        "feuding", "squabble", "squabbling", "bickering", "beefing",),  # not "fighting": "who is fighting in Ukraine?"
    "trigger": ("set off", "sparked", "spark", "provoked", "triggered", "prompted", "kicked off", "touched off",
        "fuelled", "fueled", "fuel", "inflamed", "inflame", "stoked", "stoke",
        "precipitated", "started", "start", "began", "begin", "beginning", "ignited", "what started",
        "kicked it off", "set it off", "led to", "brought about", "sparked off", "last straw", "final straw",
        "the straw that broke", "broke the camel back", "camel back", "tipping point", "boiling point",),
    "cooperation": ("working together", "work together", "cooperate", "cooperating", "collaborate", "collaboration",
        "partnership", "partners", "team up",),
}

# Russian and Azerbaijani (folded: "ə" is written "e"), which inflect: a variant is used only where the knowledge
# does not already use its stem, so that "təkəbbüründən" and the knowledge's "təkəbbürü" keep meeting by stem, while
# a word the knowledge lacks ("pulsuz", "денег") still reaches its family.
LEXICON_RU_AZ: dict[str, tuple[str, ...]] = {
    "dissolution": ("распад", "распада", "распался", "развал", "развала", "развалился", "dagilmasi", "dagilmasindan",
        "dagildi", "dagilandan", "dagilib",),
    "angry": ("злится", "злятся", "зол", "злы", "недовольна", "недовольны", "обижена", "обижен", "обиделась",
        "возмущена", "qezebli", "narazi", "acigli", "hirslidir", "hirslenib",),
    "killing": ("погибли", "погибло", "убиты", "убийства", "убивали", "olduruldu", "oldurulub", "helak",),
    "arrest": ("задержания", "задержаны", "задерживали", "аресты", "арестованы", "облавы", "hebs", "hebsler",
        "saxlanilib",),
    "agreement": ("соглашения", "соглашений", "договоры", "сделки", "sazis", "sazisler", "muqavile", "muqavileler",),
    "neighbor": ("соседи", "соседей", "соседям", "qonsular", "qonsulari", "qonsu",),
    "sovereign": ("суверенные", "суверенными", "суверенитет", "независимые", "suveren", "musteqil",),
    "border": ("границы", "границ", "serhedler", "serhed",),
    "energy": ("энергетика", "энергетики", "энергетике", "энергетику", "энергоносители", "энергоносителей",
        "energetika", "enerji dasiyicilari",),
    "supply": ("поставляет", "поставки", "продает", "снабжает", "снабжение", "снабжения", "снабжении",
        "энергоснабжение", "энергоснабжения", "энергоснабжении", "поставщик", "поставщики", "поставщиков", "techizat",
        "tedarik", "satir", "veren", "verenler",),
    "important": ("важно", "важен", "важна", "важны", "важным", "vacib", "vacibdir", "onemli", "onemlidir",
        "ehemiyyetli", "ehemiyyeti",),
    "summary": ("кратко", "вкратце", "суть", "резюме", "qisaca", "xulase", "mahiyyeti",),
    "membership": ("вступить", "вступление", "членство", "uzvluk", "uzv olmaq", "qosulmaq", "daxil olmaq", "uzvluyu"),
    "arrogance": ("высокомерие", "высокомерия", "надменность", "tekebbur", "tekebburu", "lovgaliq",),
    "revenue": ("деньги", "денег", "доход", "доходы", "доходов", "выручка", "бюджет", "бюджета", "поступления",
        "поступлений", "бабло", "бабки", "бабок", "pul", "pulsuz", "gelir", "gelirler", "gelirini", "budce",
        "budcesi",),
    "explore": ("рассказывает", "behs edir",),
    "understood": ("başa düşülməlidir", "başa düşülməli", "başa düşmək", "anlaşılmalıdır", "anlaşılmalı",),
    "storage": ("хранилища", "хранилище", "хранить", "хранения", "anbar", "anbarlar", "anbarlari", "saxlamaq",),
    "incident": ("инцидент", "инцидента", "инциденты", "инцидентов", "инцидентом", "происшествие", "происшествия",
        "insident", "insidenti", "insidentler"),  # as the English "incident" is
    "lost": ("потеряла", "потерял", "потеряли", "лишилась", "осталась без", "остался без", "остались без", "теряет",
        "теряют", "теряла", "терять", "itirib",
        "itirdi", "itirmisdir",),
    # what a thing has to do with it is its role: "а норвегия тут при чём?", "Ermənistanın bura nə dəxli var?"
    "role": ("при чем", "причем", "каким боком", "aidiyyeti", "aidiyyati", "dexli"),
    # slang names of the two countries and their peoples ("азеры", "рашка")
    "армения": ("армяне", "армян", "армянам", "армянами", "армянах"),  # a people for its country
    "азербайджан": ("азеры", "азеров", "азерам", "азерами", "азерах"),
    "россия": ("рашка", "рашки", "рашке", "рашку", "рашкой", "раша", "раши", "раше", "рашу"),
    "crisis": ("не поделили", "поссорились", "рассорились", "разругались", "кризис", "ссора", "разлад", "bohran",
        "bohrani", "gerginlik",),
    "trigger": ("спровоцировало", "вызвало", "послужило", "началось", "обострило", "обострили", "tetikledi",
        "sebeb oldu", "baslatdi", "qabartdi", "qabardib", "tetikleyib", "tetikleyicisi",
        "uze cixaran", "uze cixardi", "uze cixarib", "uze cixardan", "uze cixdi",),  # brought to the surface
}
