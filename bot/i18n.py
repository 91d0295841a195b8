"""Every text the bot says itself (not the knowledge), in English, Russian and Azerbaijani.

Texts are written by hand, as a translator would, and use the knowledge's own terms (ru "статья", "контекст",
"абзац"; az "məqalə", "kontekst", "abzas"); nothing is machine-translated at run time. Russian texts avoid
number agreement ("Абзацев: 12") so that any figure reads correctly, and Azerbaijani is in Latin script.
`say(key, language, **values)` falls back to English for a key a language lacks, so a missing translation
never breaks a reply; `validate` reports it instead (see `missing_texts`).
"""

from __future__ import annotations

import datetime as dt
import string

LANGUAGES = ("en", "ru", "az")  # the languages of the bot's own texts
DEFAULT_LANGUAGE = "en"

TEXTS: dict[str, dict[str, str]] = {
    # --- replies composed by the core ---
    "empty": {
        "en": "Please ask a question about the brief. {covers}",
        "ru": "Задайте, пожалуйста, вопрос о статье. {covers}",
        "az": "Zəhmət olmasa, məqalə haqqında sual verin. {covers}",
    },
    "source.paragraph": {
        "en": "Paragraph {n} of the brief, in its own words:",
        "ru": "Абзац {n} статьи, словами автора (по-английски):",
        "az": "Məqalənin {n} saylı abzası, müəllifin öz sözləri ilə (ingiliscə):",
    },
    "too_long": {
        "en": "That message is {length:,} characters long; please ask a shorter question (up to {limit:,} characters).",
        "ru": "Сообщение слишком длинное: {length} зн. Задайте, пожалуйста, вопрос покороче — не более {limit} зн.",
        "az": "Mesaj çox uzundur: {length} simvol. Zəhmət olmasa, daha qısa sual verin (ən çoxu {limit} simvol).",
    },
    "covers": {
        "en": "It covers: {topics}. Send /topics for questions you can ask.",
        "ru": "Мои ответы основаны на статье {topics}. Отправьте /topics, чтобы увидеть, какие вопросы можно задать.",
        "az": "Cavablarım bu məqaləyə əsaslanır: {topics}. Hansı sualları verə biləcəyinizi görmək üçün /topics "
              "göndərin.",
    },
    "brief_by": {  # a brief named in running text: the covers sentence, /start
        "en": "“{title}” by {author} ({date})",
        "ru": "«{title}» (автор — {author}, {date})",
        "az": "“{title}” (müəllif: {author}, {date})",
    },
    "decline": {
        "en": "The brief does not cover that. {covers}",
        "ru": "В статье об этом не говорится. {covers}",
        "az": "Məqalədə bu barədə danışılmır. {covers}",
    },
    "not_understood": {
        "en": "I could not match that to the brief. Try rephrasing it, or pick one of these questions:",
        "ru": "Не удалось соотнести это со статьёй. Попробуйте сформулировать иначе или выберите один из этих "
              "вопросов:",
        "az": "Bunu məqalə ilə əlaqələndirə bilmədim. Sualı başqa cür ifadə edin və ya bu suallardan birini seçin:",
    },
    "suggest": {
        "en": "I am not sure the brief answers that. Did you mean one of these?",
        "ru": "Возможно, в статье нет ответа именно на этот вопрос. Вы имели в виду один из этих вопросов?",
        "az": "Əmin deyiləm ki, məqalədə buna cavab var. Bunlardan birini nəzərdə tuturdunuz?",
    },
    "suggest.one": {  # a single "did you mean"
        "en": "I am not sure the brief answers that. Did you mean this?",
        "ru": "Возможно, в статье нет ответа именно на этот вопрос. Вы имели в виду вот это?",
        "az": "Əmin deyiləm ki, məqalədə buna cavab var. Bunu nəzərdə tuturdunuz?",
    },
    "not_said.closest": {  # follows a "not said" sentence: the closest question the brief does answer
        "en": "The closest thing it does say answers “{question}”",
        "ru": "Ближе всего к этому в ней сказано вот о чём: «{question}»",
        "az": "Ona ən yaxın məlumat bu suala cavab verir: “{question}”",
    },
    "not_said.quantity": {
        "en": "The brief does not give that figure.",
        "ru": "Такой цифры в статье нет.",
        "az": "Məqalədə bu rəqəm verilmir.",
    },
    "not_said.price": {
        "en": "The brief does not give a price or cost.",
        "ru": "Цены или стоимости в статье нет.",
        "az": "Məqalədə qiymət və ya dəyər göstərilmir.",
    },
    "not_said.reaction": {
        "en": "The brief does not say how they responded.",
        "ru": "В статье не сказано, как на это ответили.",
        "az": "Məqalədə buna necə reaksiya verildiyi deyilmir.",
    },
    "not_said.future": {
        "en": "The brief makes no prediction about that.",
        "ru": "Прогнозов на этот счёт в статье нет.",
        "az": "Məqalədə bu barədə proqnoz verilmir.",
    },
    "not_said.title": {
        "en": "The brief does not give that title.",
        "ru": "Такого заголовка в статье нет.",
        "az": "Məqalədə bu başlıq verilmir.",
    },
    "not_said.date": {
        "en": "The brief does not give that date.",
        "ru": "Такой даты в статье нет.",
        "az": "Məqalədə bu tarix verilmir.",
    },
    "not_said.time": {
        "en": "The brief does not say when that happened.",
        "ru": "В статье не сказано, когда это произошло.",
        "az": "Məqalədə bunun nə vaxt baş verdiyi deyilmir.",
    },
    "not_said.place": {
        "en": "The brief does not say where.",
        "ru": "В статье не сказано, где именно.",
        "az": "Məqalədə bunun harada olduğu deyilmir.",
    },
    "not_said.day": {
        "en": "The brief does not give the exact day.",
        "ru": "Точного дня в статье нет.",
        "az": "Məqalədə dəqiq gün göstərilmir.",
    },
    "not_said.reason": {
        "en": "The brief does not say why.",
        "ru": "В статье не сказано, почему.",
        "az": "Məqalədə bunun səbəbi deyilmir.",
    },
    "not_said.identity": {
        "en": "The brief does not say who that is.",
        "ru": "В статье не сказано, кто это.",
        "az": "Məqalədə onun kim olduğu deyilmir.",
    },
    "not_said.mechanism": {
        "en": "The brief does not explain how that works.",
        "ru": "В статье не объясняется, как это устроено.",
        "az": "Məqalədə bunun necə işlədiyi izah edilmir.",
    },
    "not_said.intention": {
        "en": "The brief does not say what they want or plan there.",
        "ru": "В статье не сказано, чего они хотят или что планируют.",
        "az": "Məqalədə onların nə istədiyi və ya planlaşdırdığı deyilmir.",
    },
    "not_said.detail": {
        "en": "The brief does not say that.",
        "ru": "В статье об этом не сказано.",
        "az": "Məqalədə bu barədə deyilmir.",
    },
    "small_talk.greeting": {
        "en": "Hello! I am BriefBot, and I answer questions about a policy brief. {covers}",
        "ru": "Здравствуйте! Я BriefBot и отвечаю на вопросы об аналитической статье. {covers}",
        "az": "Salam! Mən BriefBot, analitik məqalə haqqında suallara cavab verən botam. {covers}",
    },
    "small_talk.thanks": {
        "en": "You're welcome! Ask me anything else about the brief.",
        "ru": "Пожалуйста! Спрашивайте ещё о статье.",
        "az": "Xahiş edirəm! Məqalə haqqında başqa sualınız olsa, soruşun.",
    },
    "small_talk.ack": {
        "en": "Good. Ask me anything else about the brief.",
        "ru": "Хорошо. Спрашивайте ещё о статье.",
        "az": "Yaxşı. Məqalə haqqında başqa sualınız olsa, soruşun.",
    },
    "small_talk.judgement": {  # "is he right?", "in your opinion…?": the bot has no view of its own
        "en": "I don't give opinions of my own: I report what the brief says and quote it as my source. Ask me what "
              "it argues, and on what.",
        "ru": "Своего мнения я не высказываю: я передаю, что сказано в статье, и цитирую её как источник. "
              "Спросите, что в ней утверждается и на чём это основано.",
        "az": "Öz fikrimi bildirmirəm: yalnız məqalədə deyilənləri çatdırır və mənbə kimi sitat gətirirəm. Müəllifin "
              "nə iddia etdiyini və nəyə əsaslandığını soruşa bilərsiniz.",
    },
    "small_talk.bye": {
        "en": "Goodbye! Come back with any question about the brief.",
        "ru": "До свидания! Возвращайтесь с вопросами о статье.",
        "az": "Sağ olun! Məqalə haqqında sualınız olsa, yenə yazın.",
    },
    "other_language": {  # the English reply to a foreign language names the three languages in each of them
        "en": "Sorry, I understand questions in English, Russian and Azerbaijani only. "
              "Я понимаю вопросы на английском, русском и азербайджанском. "
              "Mən ingilis, rus və Azərbaycan dillərində sualları başa düşürəm.",
        "ru": "Извините, я понимаю вопросы только на английском, русском и азербайджанском языках.",
        "az": "Bağışlayın, mən yalnız ingilis, rus və Azərbaycan dillərində sualları başa düşürəm.",
    },
    "clarify": {
        "en": "What does that refer to? Please ask the whole question first, for example: {example}",
        "ru": "К чему это относится? Сначала задайте вопрос целиком, например: {example}",
        "az": "Bu nəyə aiddir? Əvvəlcə sualı tam verin, məsələn: {example}",
    },
    # --- the parts of a rendered answer ---
    "translation_label": {
        "en": "Translation",
        "ru": "Перевод",
        "az": "Tərcümə",
    },
    "context_label": {
        "en": "Context",
        "ru": "Контекст",
        "az": "Kontekst",
    },
    "related_label": {
        "en": "Related",
        "ru": "См. также",
        "az": "Əlaqəli suallar",
    },
    "where.byline": {  # the source line of an answer from the byline (author, date, title)
        "en": "byline",
        "ru": "строка об авторе",
        "az": "müəllif sətri",
    },
    "where.paragraph": {
        "en": "paragraph {n}",
        "ru": "абзац {n}",
        "az": "abzas {n}",
    },
    # --- /start ---
    "start.title": {
        "en": "Hello! I am BriefBot.",
        "ru": "Здравствуйте! Я BriefBot.",
        "az": "Salam! Mənim adım BriefBot.",
    },
    "start.text": {
        "en": "Ask me anything about {brief}. Every answer quotes the brief and names its paragraph.",
        "ru": "Задавайте любые вопросы о статье {brief}. Каждый ответ сопровождается цитатой из статьи и номером "
              "абзаца.",
        "az": "{brief} məqaləsi haqqında istənilən sualı verin. Hər cavabda məqalədən sitat və abzasın nömrəsi "
              "göstərilir.",
    },
    "start.languages": {
        "en": "Ask in English, Russian or Azerbaijani: I answer in the language of your question. Quotes stay in "
              "the brief's original English, with a translation below them.",
        "ru": "Спрашивать можно по-английски, по-русски или по-азербайджански: я отвечаю на языке вопроса. Цитаты "
              "приводятся в оригинале, по-английски, а под ними — перевод.",
        "az": "Sualı ingilis, rus və ya Azərbaycan dilində verə bilərsiniz: sualın dilində cavab verirəm. Sitatlar "
              "məqalənin orijinalında, ingilis dilində verilir, altında isə tərcüməsi olur.",
    },
    "start.try": {
        "en": "Try: {example} · /summary · /topics · /help",
        "ru": "Например: {example} · /summary · /topics · /help",
        "az": "Məsələn: {example} · /summary · /topics · /help",
    },
    "start.try_commands": {
        "en": "Try /summary, /topics or /help.",
        "ru": "Попробуйте /summary, /topics или /help.",
        "az": "/summary, /topics və ya /help əmrlərini yoxlayın.",
    },
    # --- /help ---
    "help.title": {
        "en": "How to use BriefBot",
        "ru": "Как пользоваться BriefBot",
        "az": "BriefBot-dan necə istifadə etməli",
    },
    "help.text": {
        "en": "Type a question in your own words; typos and keywords are fine. If the brief does not answer it, "
              "I say so instead of guessing.",
        "ru": "Задайте вопрос своими словами; опечатки и отдельные ключевые слова — не помеха. Если в статье нет "
              "ответа, я так и скажу, а не стану гадать.",
        "az": "Sualı öz sözlərinizlə yazın; yazı səhvləri də, ayrı-ayrı açar sözlər də qəbul olunur. Məqalədə cavab "
              "yoxdursa, təxmin etmək əvəzinə bunu açıq deyəcəyəm.",
    },
    "help.brief": {
        "en": "/brief ID — answer from one brief only; /brief all: from every brief",
        "ru": "/brief ID — отвечать только по одной статье; /brief all — по всем статьям",
        "az": "/brief ID — yalnız bir məqalə üzrə cavab; /brief all — bütün məqalələr üzrə",
    },
    "help.telegram": {
        "en": "In Telegram",
        "ru": "В Telegram",
        "az": "Telegram-da",
    },
    "help.groups": {
        "en": "Groups: mention me (@my name) in your question, or reply to one of my messages; I answer commands "
              "too, and stay quiet otherwise.",
        "ru": "Группы: упомяните меня (@моё имя) в вопросе или ответьте на одно из моих сообщений; на команды я "
              "тоже отвечаю, а в остальном молчу.",
        "az": "Qruplar: sualınızda məni qeyd edin (@mənim adım) və ya mesajlarımdan birinə cavab yazın; əmrlərə "
              "də cavab verirəm, qalan hallarda susuram.",
    },
    "help.inline": {
        "en": "Inline: type @my name and a question in any chat to share a sourced answer.",
        "ru": "Встроенный режим: наберите в любом чате @моё имя и вопрос, чтобы поделиться ответом со ссылкой на "
              "источник.",
        "az": "Inline rejim: istənilən söhbətdə @mənim adımı və sualı yazın — mənbəsi göstərilmiş cavabı "
              "paylaşa bilərsiniz.",
    },
    "help.buttons": {
        "en": "Buttons under an answer ask a related question or show the full context.",
        "ru": "Кнопки под ответом задают связанный вопрос или показывают контекст целиком.",
        "az": "Cavabın altındakı düymələr əlaqəli sualı verir və ya konteksti tam göstərir.",
    },
    "help.feedback": {
        "en": "Feedback: 👍 or 👎 under an answer tells the authors what worked; no names are kept.",
        "ru": "Отзыв: 👍 или 👎 под ответом подскажут авторам бота, какие ответы удались; имена не сохраняются.",
        "az": "Rəy: cavabın altındakı 👍 və ya 👎 botun müəlliflərinə hansı cavabların uğurlu olduğunu bildirir; "
              "adlar saxlanmır.",
    },
    "help.lang": {
        "en": "Language: I answer in the language of your question; /lang en, /lang ru or /lang az fixes it for "
              "this chat.",
        "ru": "Язык: я отвечаю на языке вопроса; /lang en, /lang ru или /lang az закрепляет язык для этого чата.",
        "az": "Dil: sualın dilində cavab verirəm; /lang en, /lang ru və ya /lang az bu söhbətin dilini sabitləyir.",
    },
    # --- /summary, /contexts, /source, /topics, /briefs ---
    "summary.title": {
        "en": "Summary: {title}",
        "ru": "Краткое содержание: {title}",
        "az": "İcmal: {title}",
    },
    "contexts.title": {
        "en": "Contexts of “{title}”",
        "ru": "Контексты статьи «{title}»",
        "az": "“{title}” məqaləsinin kontekstləri",
    },
    "source.title": {
        "en": "Source",
        "ru": "Источник",
        "az": "Mənbə",
    },
    "source.title_translation": {  # beside the original title of the citation, which stays as the brief has it
        "en": "The title in translation: “{title}”.",
        "ru": "Название в переводе: «{title}».",
        "az": "Başlığın tərcüməsi: “{title}”.",
    },
    "source.note": {
        "en": "Brief id: {id}. {paragraphs} paragraphs; {entries} answerable topics.",
        "ru": "Идентификатор статьи: {id}. Абзацев: {paragraphs}; тем, на которые есть ответы: {entries}.",
        "az": "Məqalənin identifikatoru: {id}. Abzas sayı: {paragraphs}; cavablandırıla bilən mövzu sayı: "
              "{entries}.",
    },
    "topics.title": {
        "en": "You can ask about “{title}”:",
        "ru": "О чём можно спросить по статье «{title}»:",
        "az": "“{title}” məqaləsi haqqında bunları soruşa bilərsiniz:",
    },
    "briefs.title": {
        "en": "Briefs",
        "ru": "Статьи",
        "az": "Məqalələr",
    },
    "briefs.item": {
        "en": "{id} — “{title}”, {author}, {date}",
        "ru": "{id} — «{title}», {author}, {date}",
        "az": "{id} — “{title}”, {author}, {date}",
    },
    "briefs.selected": {
        "en": "(selected)",
        "ru": "(выбрана)",
        "az": "(seçilib)",
    },
    "briefs.note": {
        "en": "Send /brief ID to ask about one brief only, or /brief all for every brief.",
        "ru": "Отправьте /brief ID, чтобы спрашивать только об одной статье, или /brief all — обо всех.",
        "az": "Yalnız bir məqalə haqqında soruşmaq üçün /brief ID, bütün məqalələr üçün isə /brief all göndərin.",
    },
    # --- /brief ID ---
    "select.all": {
        "en": "Now answering from every brief.",
        "ru": "Теперь отвечаю по всем статьям.",
        "az": "İndi bütün məqalələr üzrə cavab verirəm.",
    },
    "select.unknown": {
        "en": "There is no brief {wanted!r}.",
        "ru": "Статьи с идентификатором {wanted!r} нет.",
        "az": "{wanted!r} identifikatorlu məqalə yoxdur.",
    },
    "select.one": {
        "en": "Now answering from {wanted} only.",
        "ru": "Теперь отвечаю только по статье {wanted}.",
        "az": "İndi yalnız {wanted} məqaləsi üzrə cavab verirəm.",
    },
    # --- the command menu (Telegram's set_my_commands; /help) ---
    "cmd.start": {
        "en": "welcome and what I can do",
        "ru": "приветствие и что я умею",
        "az": "salamlama və imkanlarım",
    },
    "cmd.help": {
        "en": "how to ask, and the commands",
        "ru": "как задавать вопросы и список команд",
        "az": "sual verməyin qaydası və əmrlərin siyahısı",
    },
    "cmd.summary": {
        "en": "a summary of the whole brief",
        "ru": "краткое содержание всей статьи",
        "az": "bütün məqalənin icmalı",
    },
    "cmd.contexts": {
        "en": "the parts of the brief, one line each",
        "ru": "части статьи, по строке на каждую",
        "az": "məqalənin hissələri, hər biri bir sətirdə",
    },
    "cmd.source": {
        "en": "the full citation",
        "ru": "полная ссылка на источник",
        "az": "mənbəyə tam istinad",
    },
    "cmd.topics": {
        "en": "what you can ask about",
        "ru": "о чём можно спросить",
        "az": "nə haqqında soruşmaq olar",
    },
    "cmd.briefs": {
        "en": "the briefs I know",
        "ru": "статьи, которые я знаю",
        "az": "bildiyim məqalələr",
    },
    "cmd.brief": {
        "en": "answer from one brief only: /brief ID",
        "ru": "отвечать только по одной статье: /brief ID",
        "az": "yalnız bir məqalə üzrə cavab: /brief ID",
    },
    "cmd.lang": {
        "en": "the language of my replies: /lang en, ru or az",
        "ru": "язык ответов: /lang en, ru или az",
        "az": "cavabların dili: /lang en, ru və ya az",
    },
    "cmd.reload": {
        "en": "reload the knowledge (admins)",
        "ru": "перезагрузить базу знаний (для администраторов)",
        "az": "bilik bazasının yenidən yüklənməsi (administratorlar üçün)",
    },
    # --- the bot's profile (set_my_description / set_my_short_description) ---
    "describe.one": {  # {about} of describe.long/short for one brief, in the case those sentences need
        "en": "“{title}” by {author} ({date})",
        "ru": "о статье «{title}» (автор — {author}, {date})",
        "az": "“{title}” məqaləsi (müəllif: {author}, {date})",
    },
    "describe.many": {
        "en": "{count} policy briefs (/briefs lists them)",
        "ru": "об аналитических статьях (их {count}, список — /briefs)",
        "az": "analitik məqalələr (sayı: {count}, siyahı: /briefs)",
    },
    "describe.long": {
        "en": "I answer questions about {about}. Every answer quotes the brief verbatim and names its paragraph; "
              "when the brief does not say, I tell you so instead of guessing. Ask in your own words, or send "
              "/help.",
        "ru": "Я отвечаю на вопросы {about}. Каждый ответ сопровождается дословной цитатой из статьи (в "
              "оригинале, по-английски) и номером абзаца; если в статье об этом не сказано, я так и говорю, а не "
              "гадаю. Спрашивайте своими словами или отправьте /help.",
        "az": "{about} haqqında suallara cavab verirəm. Hər cavabda məqalədən hərfi sitat (orijinalda, ingilis "
              "dilində) və abzasın nömrəsi göstərilir; məqalədə bu barədə heç nə deyilmirsə, təxmin etmirəm, "
              "bunu açıq deyirəm. Öz sözlərinizlə soruşun və ya /help göndərin.",
    },
    "describe.short": {
        "en": "Sourced answers about {about}.",
        "ru": "Ответы с цитатами {about}.",
        "az": "{about} haqqında mənbəli cavablar.",
    },
    "describe.short_generic": {
        "en": "Sourced answers, with verbatim quotes, about a policy brief.",
        "ru": "Ответы с дословными цитатами по аналитической статье.",
        "az": "Analitik məqalə haqqında hərfi sitatlı cavablar.",
    },
    # --- buttons ---
    "button.context": {
        "en": "📖 Context",
        "ru": "📖 Контекст",
        "az": "📖 Kontekst",
    },
    "button.topics": {
        "en": "What can I ask?",
        "ru": "О чём можно спросить?",
        "az": "Nə soruşa bilərəm?",
    },
    "button.context_title": {
        "en": "{title} (paragraph {n})",
        "ru": "{title} (абзац {n})",
        "az": "{title} (abzas {n})",
    },
    "button.stale": {
        "en": "Sorry, that button has expired. Please ask your question again.",
        "ru": "Извините, эта кнопка устарела. Задайте вопрос ещё раз.",
        "az": "Bağışlayın, bu düymənin vaxtı keçib. Sualınızı yenidən verin.",
    },
    "button.thanks": {
        "en": "Thanks for the feedback!",
        "ru": "Спасибо за отзыв!",
        "az": "Rəyiniz üçün təşəkkürlər!",
    },
    # --- the console ---
    "console.unknown_command": {
        "en": "Unknown command /{name}. Send /help for the list.",
        "ru": "Неизвестная команда /{name}. Список команд — /help.",
        "az": "Naməlum əmr: /{name}. Əmrlərin siyahısı üçün /help göndərin.",
    },
    "console.leave": {
        "en": "Type /quit or press Ctrl-D to leave.",
        "ru": "Чтобы выйти, наберите /quit или нажмите Ctrl-D.",
        "az": "Çıxmaq üçün /quit yazın və ya Ctrl-D basın.",
    },
    "console.bye": {
        "en": "Bye.",
        "ru": "До свидания!",
        "az": "Görüşənədək!",
    },
    # --- Telegram (used by bot/telegram/app.py) ---
    "apology": {
        "en": "Sorry, something went wrong on my side. Please try again in a moment.",
        "ru": "Извините, у меня что-то пошло не так. Попробуйте ещё раз чуть позже.",
        "az": "Bağışlayın, mənim tərəfimdə nəsə düz getmədi. Bir azdan yenidən cəhd edin.",
    },
    "non_text": {
        "en": "I can only read text questions. Please type your question about the brief.",
        "ru": "Я понимаю только текстовые вопросы. Напишите, пожалуйста, свой вопрос о статье.",
        "az": "Mən yalnız yazılı sualları oxuya bilirəm. Zəhmət olmasa, məqalə haqqında sualınızı yazın.",
    },
    "too_fast": {
        "en": "You are sending messages faster than I can answer, so I skipped some. Please ask again in a "
              "moment.",
        "ru": "Вы присылаете сообщения быстрее, чем я успеваю отвечать, поэтому некоторые остались без ответа. "
              "Спросите ещё раз чуть позже.",
        "az": "Mesajları cavab verə biləcəyimdən daha tez göndərirsiniz, ona görə də bəzilərini cavabsız "
              "buraxdım. Bir azdan yenidən soruşun.",
    },
    "already_voted": {
        "en": "You already rated this answer. Thanks!",
        "ru": "Вы уже оценили этот ответ. Спасибо!",
        "az": "Bu cavabı artıq qiymətləndirmisiniz. Təşəkkürlər!",
    },
    "unknown_command": {
        "en": "I don't know that command. Send /help for the list.",
        "ru": "Такой команды я не знаю. Список команд — /help.",
        "az": "Bu əmri tanımıram. Əmrlərin siyahısı üçün /help göndərin.",
    },
    "admins_only": {
        "en": "Sorry, only the bot's administrators can do that.",
        "ru": "Извините, это могут делать только администраторы бота.",
        "az": "Bağışlayın, bunu yalnız botun administratorları edə bilər.",
    },
    "inline_no_answer": {  # the button above empty inline results
        "en": "No answer in the brief. Tap for help.",
        "ru": "В статье нет ответа. Нажмите, чтобы открыть справку.",
        "az": "Məqalədə cavab yoxdur. Kömək üçün toxunun.",
    },
    # --- /lang ---
    "lang_set": {  # said in the language just chosen
        "en": "From now on I answer in English in this chat.",
        "ru": "Теперь в этом чате я отвечаю по-русски.",
        "az": "Bundan sonra bu söhbətdə Azərbaycan dilində cavab verəcəyəm.",
    },
    "lang_usage": {
        "en": "My replies here are in {current}. To change that, send /lang en, /lang ru or /lang az.",
        "ru": "Язык моих ответов здесь: {current}. Чтобы сменить его, отправьте /lang en, /lang ru или /lang az.",
        "az": "Burada cavablarımın dili: {current}. Dəyişmək üçün /lang en, /lang ru və ya /lang az göndərin.",
    },
    "language_name.en": {
        "en": "English",
        "ru": "английский",
        "az": "ingilis dili",
    },
    "language_name.ru": {
        "en": "Russian",
        "ru": "русский",
        "az": "rus dili",
    },
    "language_name.az": {
        "en": "Azerbaijani",
        "ru": "азербайджанский",
        "az": "Azərbaycan dili",
    },
}

_MONTHS = {  # month names as a date needs them (not the C locale's): Russian in the genitive ("27 июля 2025 г.")
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"),
    "az": ("yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr", "noyabr",
           "dekabr"),
}


def say(key: str, language: str = DEFAULT_LANGUAGE, **values) -> str:
    """The text for `key` in `language` (English when that language lacks it), with values filled in."""
    texts = TEXTS[key]
    return (texts.get(language) or texts[DEFAULT_LANGUAGE]).format(**values)


def human_date(iso: str, language: str = DEFAULT_LANGUAGE) -> str:
    """'2025-07-27' -> '27 July 2025', '27 июля 2025 г.', '27 iyul 2025'; anything else is returned as given."""
    try:
        d = dt.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    month = _MONTHS.get(language, _MONTHS[DEFAULT_LANGUAGE])[d.month - 1]
    return f"{d.day} {month} {d.year}" + (" г." if language == "ru" else "")


def placeholders(text: str) -> frozenset[str]:
    """The names of the {fields} a text fills in."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


def missing_texts(language: str) -> list[str]:
    """The keys that have no text in `language` (English is the fallback a reply then shows)."""
    return [key for key, texts in TEXTS.items() if not texts.get(language)]
