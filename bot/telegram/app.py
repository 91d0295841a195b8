"""The Telegram front end: handlers translate updates into core calls, and Replies into messages."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from functools import partial

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import Conflict, InvalidToken, TelegramError, TimedOut
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.commands import COMMANDS, bot_description, menu, run_command, select_brief
from bot.conversation import remembered, respond
from bot.core import BriefBot
from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES, say
from bot.reply import Reply
from bot.telegram.buttons import press
from bot.telegram.fairness import FairUpdateProcessor
from bot.telegram.persistence import conversation, open_state, remember
from bot.telegram.redaction import redact
from bot.telegram.reload import Reloader
from bot.telegram.render import Button, format_document_html, format_reply_html, parse_callback, reply_buttons
from bot.telegram.settings import Settings
from bot.telegram.transport import FairRateLimiter, Ledger, PollingRequest, SendRequest
from bot.traffic import TrafficLog

log = logging.getLogger(__name__)
NOTE_TIMEOUT = 5.0  # seconds a "skipped some" note may wait for its chat's rate limit before it is dropped


def keyboard(rows: list[list[Button]] | tuple) -> InlineKeyboardMarkup | None:
    """Plain (label, data) rows to an inline keyboard."""
    return (
        InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d) for t, d in row] for row in rows])
        if rows
        else None
    )


def addressed_question(text: str, chat_type: str, bot_username: str | None, replied_to_bot: bool) -> str | None:
    """The question in a message, or None if a group message is not meant for the bot."""
    if chat_type == ChatType.PRIVATE:
        return text
    mention = re.compile(rf"@{re.escape(bot_username)}(?![A-Za-z0-9_])", re.IGNORECASE) if bot_username else None
    if mention and mention.search(text):
        return " ".join(mention.sub(" ", text).split())
    return text if replied_to_bot else None


def user_language(user: object) -> str:
    """A Telegram user's app language as one of the bot's: ru and az as such, anything else English."""
    code = (getattr(user, "language_code", None) or "").lower().split("-")[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def chat_language(app: Application, update: object, answers: bool = False) -> str:
    """The language to speak in a chat: its /lang choice; else, for buttons under answers (`answers`), the
    language it last asked in; else the user's Telegram language. Inline queries use the user's private chat."""
    chat, user = getattr(update, "effective_chat", None), getattr(update, "effective_user", None)
    record = app.chat_data.get(chat.id if chat else getattr(user, "id", None)) or {}
    chosen = record.get("lang") or (record.get("asked") if answers else None)
    return chosen if chosen in LANGUAGES else user_language(user)


def _language(update: Update, context: ContextTypes.DEFAULT_TYPE, answers: bool = False) -> str:
    return chat_language(context.application, update, answers)


def language_reply(wanted: str, current: str) -> str:
    """/lang's reply: the new language confirmed in that language, else the current one and the choices."""
    if wanted in LANGUAGES:
        return say("lang_set", wanted)
    return say("lang_usage", current, current=say(f"language_name.{current}", current))


def _core(context: ContextTypes.DEFAULT_TYPE) -> BriefBot:
    return context.bot_data["reloader"].core


def _brief(context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The chat's /brief choice, if that brief is still in the knowledge (a reload or new version may drop it)."""
    chosen = context.chat_data.get("brief") if context.chat_data is not None else None
    return chosen if isinstance(chosen, str) and _core(context).knowledge.brief(chosen) else None


def _thread(message: object) -> int:
    """A message's follow-up thread: its forum topic, else 0 (in a plain group, the whole chat is one thread)."""
    return (getattr(message, "is_topic_message", None) and getattr(message, "message_thread_id", None)) or 0


def _question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The question in a text message, or None if a group message is not meant for the bot."""
    message = update.effective_message
    replied = bool(message.reply_to_message and message.reply_to_message.from_user
                   and message.reply_to_message.from_user.id == context.bot.id)
    return addressed_question(message.text, update.effective_chat.type, context.bot.username, replied)


def _converse(context: ContextTypes.DEFAULT_TYPE, text: str, thread: int) -> Reply:
    """Answer in the chat's conversation (follow-ups refer to its last answer) and remember the new state."""
    now, record = time.time(), context.chat_data
    state = replace(conversation(record, thread, now), brief_id=_brief(context))
    reply, state = respond(_core(context), state, text, now)
    remember(record, thread, state, now)
    if reply.kind not in ("other_language", "empty", "too_long"):
        record["asked"] = reply.language  # buttons under this answer speak its language
    return reply


def _remember_press(context: ContextTypes.DEFAULT_TYPE, data: str | None, thread: int, language: str) -> None:
    """A related-question button answers an entry: follow-ups then refer to that answer."""
    parsed = parse_callback(data)
    if context.chat_data is None or not parsed or parsed[0] != "q" or len(parsed[1]) != 2:
        return
    reply, now = _core(context).entry_reply(*parsed[1], language=language), time.time()
    if reply is not None:
        state = remembered(_core(context), conversation(context.chat_data, thread, now), reply, reply.question, now)
        remember(context.chat_data, thread, state, now)


def command_name(message: object) -> str:
    """The command a message's leading bot_command entity names ("/help@BriefBot" -> "help"): the entity, as PTB
    matched it, not the first word ("/helpme" whose entity covers "/help" is /help)."""
    text, entities = getattr(message, "text", None) or "", getattr(message, "entities", None) or ()
    entity = next((e for e in entities if e.type == "bot_command" and e.offset == 0), None)
    word = text[: entity.length] if entity else (text.split() or [""])[0]
    return word[1:].split("@")[0].lower()


async def shared_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer /start, /help, /summary, /contexts, /source, /topics and /briefs from the core."""
    name, language = command_name(update.effective_message), _language(update, context)
    doc = run_command(_core(context), name, _brief(context), language=language)
    await update.effective_message.reply_html(format_document_html(doc) if doc else say("unknown_command", language))


async def choose_brief(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Narrow this chat to one brief with /brief ID, or widen it again with /brief all."""
    wanted, language = " ".join(context.args or ["all"]), _language(update, context)
    doc, context.chat_data["brief"] = select_brief(_core(context), wanted, _brief(context), language=language)
    await update.effective_message.reply_html(format_document_html(doc))


async def choose_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Set this chat's language with /lang en|ru|az (kept across restarts); /lang alone shows it and the choices."""
    wanted = " ".join(context.args or []).strip().lower()
    if wanted in LANGUAGES:
        context.chat_data["lang"] = wanted
    await update.effective_message.reply_text(language_reply(wanted, _language(update, context)))


async def reload_knowledge(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reload the knowledge (admins only, by numeric user id)."""
    if update.effective_user is None or update.effective_user.id not in context.bot_data["settings"].admin_ids:
        await update.effective_message.reply_text(say("admins_only", _language(update, context)))
        return
    report = await context.bot_data["reloader"].reload()
    await update.effective_message.reply_text(report[:4000])


async def answer_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a free-text question, or a follow-up to the chat's last answer, with the core's sourced reply."""
    question = _question(update, context)
    if question is None:
        return
    reply = _converse(context, question, _thread(update.effective_message))
    context.bot_data["traffic"].question(reply)
    await update.effective_message.reply_html(format_reply_html(reply), reply_markup=keyboard(reply_buttons(reply)))


async def migrate_chat(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group upgraded to a supergroup keeps its memory (/brief, /lang, follow-ups) under its new chat id."""
    if update.effective_message.migrate_to_chat_id:  # the old group's notice; the new one's would undo it
        context.application.migrate_chat_data(message=update.effective_message)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Point unknown commands at /help."""
    if update.effective_chat.type == ChatType.PRIVATE:
        await update.effective_message.reply_text(say("unknown_command", _language(update, context)))


async def non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tell the user that only text questions are read."""
    await update.effective_message.reply_text(say("non_text", _language(update, context)))


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Handle inline buttons: related questions, context, topics and feedback."""
    query, language = update.callback_query, _language(update, context, answers=True)
    result = press(_core(context), query.data, _brief(context), language=language)
    _remember_press(context, query.data, _thread(query.message), language)
    await _answer_press(query, _record_vote(update, context, result.feedback, language) or result.toast or None)
    chat_id = update.effective_chat.id if update.effective_chat else query.from_user.id
    if result.html:
        await context.bot.send_message(chat_id, result.html, parse_mode=ParseMode.HTML,
                                       reply_markup=keyboard(result.rows),
                                       message_thread_id=_thread(query.message) or None)  # in its forum topic


async def _answer_press(query, toast: str | None) -> None:
    """Answer a button press; its message is sent whatever became of the answer ("query is too old" after a
    restart, a timeout, a 5xx). A revoked token is no such failure: it ends the bot."""
    try:
        await query.answer(toast)
    except InvalidToken:
        raise
    except TelegramError as error:
        log.info("A button press could not be answered (%s); its message is sent anyway", type(error).__name__)


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer up to five sourced answers for '@bot question' in any chat, in the query's (or chosen) language."""
    language, asked = _inline_language(update, context), update.inline_query.query
    results = inline_results(_core(context).top_answers(asked if isinstance(asked, str) else "", 5,
                                                        language=language))
    button = None if results else InlineQueryResultsButton(say("inline_no_answer", language), start_parameter="help")
    await update.inline_query.answer(results, cache_time=30, button=button)


def inline_results(replies: list[Reply]) -> list[InlineQueryResultArticle]:
    """Sourced replies as inline results: the question as title, the answer as description, the whole reply sent."""
    return [InlineQueryResultArticle(id=f"{r.source.brief}/{r.entry}", title=r.question[:100],
                                     description=r.answer[:120],
                                     input_message_content=InputTextMessageContent(format_reply_html(r),
                                                                                   parse_mode=ParseMode.HTML))
            for r in replies]


def _inline_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The user's /lang choice (made in their private chat with the bot), else the query's language if clear,
    else the user's Telegram language."""
    chosen = (context.application.chat_data.get(update.inline_query.from_user.id) or {}).get("lang")
    fallback = _language(update, context)
    asked = update.inline_query.query if isinstance(update.inline_query.query, str) else ""
    return chosen or _core(context).language_of(asked, fallback) or fallback


def _record_vote(update: Update, context: ContextTypes.DEFAULT_TYPE, feedback: tuple | None,
                 language: str = DEFAULT_LANGUAGE) -> str | None:
    """Log a 👍/👎 once per user and message; a re-press gets a toast instead of a second record."""
    if not feedback:
        return None
    message = update.callback_query.message
    voter = (
        update.callback_query.from_user.id,
        message.chat.id if message else None,
        message.message_id if message else None,
    )
    return None if context.bot_data["traffic"].feedback(*feedback, voter=voter) else say("already_voted", language)


def log_polling_error(exc: BaseException) -> None:
    """Errors while fetching updates: PTB already backs off; say plainly what happened."""
    if isinstance(exc, Conflict):
        log.error("409 Conflict: another process is polling with this bot token; backing off. Stop the other instance.")
    else:
        log.warning("Fetching updates failed (%s: %s); retrying with back-off.", type(exc).__name__, exc)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error first, then send the user a short apology if possible."""
    if update is None and isinstance(context.error, TelegramError):
        log_polling_error(context.error)
        return
    log.error("Error while handling an update", exc_info=context.error)
    if isinstance(context.error, TimedOut):
        return  # the reply may have been delivered: an apology could follow a good answer
    if isinstance(update, Update) and update.effective_chat:
        with contextlib.suppress(Exception):
            await context.bot.send_message(update.effective_chat.id, say("apology", _language(update, context)))


def profile_steps(app: Application) -> list[tuple[str, Callable[[], Awaitable]]]:
    """The calls that publish the bot's profile in each language (English also as the default for any other):
    the command menu, the admin menu in each admin's chat (/reload there only), the description and short one."""
    bot, core, admins = app.bot, app.bot_data["reloader"].core, sorted(app.bot_data["settings"].admin_ids)
    steps: list[tuple[str, Callable[[], Awaitable]]] = []
    for language in LANGUAGES:
        code, named = (None, "") if language == DEFAULT_LANGUAGE else (language, f" ({language})")
        description, short = bot_description(core, language=language)
        commands = [BotCommand(*c) for c in menu(language=language)]
        admin_commands = [BotCommand(*c) for c in menu(admin=True, language=language)]
        steps.append((f"the command menu{named}", partial(bot.set_my_commands, commands, language_code=code)))
        steps += [(f"the admin menu for {admin}{named}", partial(bot.set_my_commands, admin_commands,
                                                                 scope=BotCommandScopeChat(admin), language_code=code))
                  for admin in admins]
        steps += [(f"the description{named}", partial(bot.set_my_description, description, language_code=code)),
                  (f"the short description{named}", partial(bot.set_my_short_description, short, language_code=code))]
    return steps


async def publish_commands(app: Application) -> None:
    """post_init: publish the command menus and the bot's descriptions in every language.

    Each step that fails is logged, never fatal: the profile is a nicety, never a reason not to serve.
    """
    for what, step in profile_steps(app):
        try:
            await step()
        except Exception as exc:  # noqa: BLE001
            log.warning("Could not publish %s: %s", what, exc)
    log.info("BriefBot is serving as @%s", app.bot.username)


async def note_overflow(app: Application, update: Update) -> None:
    """Tell a flooding chat, once per flood, that some of its messages were skipped."""
    with contextlib.suppress(Exception):
        note = say("too_fast", chat_language(app, update))
        await asyncio.wait_for(app.bot.send_message(update.effective_chat.id, note), NOTE_TIMEOUT)


def forget_chat(app: Application, chat_id: int) -> None:
    """Drop what PTB remembers about a chat that fell out of the recent-chats window."""
    app.drop_chat_data(chat_id)
    if chat_id > 0:
        app.drop_user_data(chat_id)


def build_application(core: BriefBot, settings: Settings, reload: Callable[[], BriefBot] | None = None) -> Application:
    """Build the PTB application with every handler registered, from a ready core and settings."""
    ledger = Ledger()
    polling = PollingRequest(ledger=ledger, health_file=settings.health_file, backoff_max=settings.backoff_max,
                             conflict_give_up=settings.conflict_give_up, connection_pool_size=1,
                             read_timeout=settings.read_timeout)
    processor = FairUpdateProcessor(ledger, per_chat=settings.chat_queue)
    builder = ApplicationBuilder()
    persistence = open_state(settings.state_file) if settings.state_file else None
    if persistence is not None:
        builder.persistence(persistence)
    app = (builder.token(settings.token).base_url(settings.api_url)
           .concurrent_updates(processor).post_init(publish_commands)
           .request(SendRequest(backoff_max=settings.backoff_max, connection_pool_size=256,
                                read_timeout=settings.read_timeout, secrets=(settings.token,)))
           .get_updates_request(polling)
           .rate_limiter(FairRateLimiter(overall_max_rate=settings.max_rate, max_wait=settings.max_retry_wait))
           .build())
    processor.on_overflow = lambda update: note_overflow(app, update)
    processor.on_forget = lambda chat_id: forget_chat(app, chat_id)
    app.bot_data.update(
        reloader=Reloader(core, reload, settings.reload_time_limit),
        settings=settings,
        traffic=TrafficLog(settings.unanswered_log, redact=partial(redact, secrets=(settings.token,))),
        ledger=ledger,
        polling=polling,
        processor=processor,
    )
    private, fresh = filters.ChatType.PRIVATE, filters.UpdateType.MESSAGE  # edited messages are ignored entirely
    app.add_handlers([
        CommandHandler(list(COMMANDS), shared_command, filters=fresh),
        CommandHandler("brief", choose_brief, filters=fresh),
        CommandHandler("lang", choose_language, filters=fresh),
        CommandHandler("reload", reload_knowledge, filters=fresh),
        MessageHandler(fresh & filters.COMMAND, unknown_command),
        MessageHandler(fresh & filters.TEXT, answer_text),
        MessageHandler(filters.StatusUpdate.MIGRATE, migrate_chat),
        MessageHandler(fresh & private & ~filters.TEXT & ~filters.StatusUpdate.ALL, non_text),
        CallbackQueryHandler(on_button),
        InlineQueryHandler(inline_query),
    ])
    app.add_error_handler(on_error)
    return app
