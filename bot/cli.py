"""Command line: console, ask, validate, telegram, kb. A thin layer over the core."""

from __future__ import annotations

import argparse
import sys

from bot.knowledge.paths import KNOWLEDGE_ENV, knowledge_dir


def version() -> str:
    """The installed distribution's version, or the package's own when run from a bare checkout."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("briefbot")
    except PackageNotFoundError:
        from bot import __version__

        return __version__


class _Version(argparse.Action):
    """--version, looked up only when asked for (importlib.metadata is not free at start-up)."""

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"{parser.prog} {version()}")
        parser.exit()


def _load(args: argparse.Namespace):
    """Load the knowledge once, or print every problem and exit 1 (no traceback)."""
    from bot.knowledge.loader import KnowledgeError, KnowledgeMissing, load_knowledge  # not on a cached start

    try:
        return load_knowledge(knowledge_dir(args.knowledge))
    except KnowledgeMissing as exc:
        print(
            f"briefbot: no knowledge found at {exc.root} ({exc.reason}). "
            f"Give --knowledge PATH or set {KNOWLEDGE_ENV}; `briefbot kb new` drafts a brief.",
            file=sys.stderr,
        )
        raise SystemExit(1) from None
    except KnowledgeError as exc:
        print(f"The knowledge base is invalid ({len(exc.problems)} problem(s)):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        raise SystemExit(1) from None


def _bot(args: argparse.Namespace):
    """The bot for the chosen knowledge: from the cache when the files are unchanged, else loaded and fitted."""
    from bot.cache import load_bot
    from bot.core import BriefBot

    root = knowledge_dir(args.knowledge)
    if not root.exists():
        return BriefBot(_load(args))  # reports "no knowledge found"
    return load_bot(root, lambda: BriefBot(_load(args)))


def cmd_console(args: argparse.Namespace) -> int:
    from bot.console.session import run_console

    return run_console(_bot(args), language=getattr(args, "lang", None))


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.console.render import format_reply_text

    bot = _bot(args)
    from bot.console.lines import read_bounded, told_its_length

    if not args.question:
        questions = iter(lambda: read_bounded(sys.stdin), None)  # (a 100 MB line is not read whole)
    elif any(" " in q for q in args.question):
        questions = [(q, len(q)) for q in args.question]  # each quoted argument is one question
    else:
        questions = [(" ".join(args.question), len(" ".join(args.question)))]  # an unquoted one: its words
    if args.json:
        import json
    state = None
    if args.conversation:
        from bot.conversation import Conversation, respond

        state = Conversation(brief_id=args.brief, language=args.lang)
    for question, length in questions:
        if state is not None:
            reply, state = respond(bot, state, question)
        else:
            reply = bot.ask(question, args.brief, args.lang)
        reply = told_its_length(reply, length)
        if args.json:
            print(json.dumps(reply.to_json(), ensure_ascii=False), flush=True)
        else:
            print(f"Q: {question}\n{format_reply_text(reply)}\n", flush=True)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    knowledge = _load(args)
    entries = sum(len(b.entries) for b in knowledge.briefs)
    print(f"OK: {len(knowledge.briefs)} brief(s), {entries} entries in {knowledge.source}")
    drafts = [(b.id, e.id) for b in knowledge.briefs for e in b.entries if e.draft]
    for brief_id, entry_id in drafts:
        print(f"  draft: {brief_id}/{entry_id} still needs a person's edit")
    from bot.knowledge.translations import ui_text_problems

    ui = ui_text_problems(knowledge)
    if ui:
        print(f"The bot's own texts lack a declared language ({len(ui)} problem(s)):", file=sys.stderr)
    for problem in ui:
        print(f"  {problem}", file=sys.stderr)
    if getattr(args, "coverage", False):
        from bot.kb.coverage import coverage_report

        report = coverage_report(knowledge, _bot(args))  # the bot as served (from the cache when it is warm)
        print(report.text())
        return 0 if report.ok and not ui else 1
    return 1 if ui else 0


def cmd_telegram(args: argparse.Namespace) -> int:
    from bot.knowledge.loader import load_knowledge
    from bot.telegram.main import run_telegram

    return run_telegram(args, lambda: _bot(args), lambda: load_knowledge(knowledge_dir(args.knowledge)))


def cmd_health(args: argparse.Namespace) -> int:
    from bot.telegram.health import check_health

    return check_health()


def cmd_kb_new(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot.kb.draft import write_draft
    from bot.knowledge.paths import authoring_dir

    root = authoring_dir(args.knowledge)
    try:
        target = write_draft(Path(args.article), args.id, root, force=args.force)
    except (OSError, ValueError) as exc:
        print(f"briefbot: {exc}", file=sys.stderr)
        return 1
    print(f"Drafted {target}. Checking it:")
    args.knowledge = str(root)  # validate the folder just written to, not the shipped briefs
    return cmd_validate(args)


def cmd_kb_gaps(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot.kb.gaps import find_gaps, format_gaps
    from bot.traffic import read_log

    try:
        records = read_log(Path(args.log))
    except OSError as exc:
        print(f"briefbot: cannot read {args.log}: {exc}", file=sys.stderr)
        return 1
    print(format_gaps(find_gaps(records, _bot(args), closest_for=args.limit), args.limit))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefbot",
                                     description="Answers questions about policy briefs, with sourced quotes.")
    parser.add_argument("--version", action=_Version, nargs=0, help="print the version and exit")
    parser.add_argument("--knowledge", metavar="PATH",
                        help=f"knowledge folder or file (default: ${KNOWLEDGE_ENV}, else the briefs shipped with "
                             f"BriefBot; `kb new` writes to ${KNOWLEDGE_ENV}, else ./knowledge)")
    sub = parser.add_subparsers(dest="command", prog="briefbot")  # a given prog spares argparse importing shutil
    console = sub.add_parser("console", help="interactive console (default)")
    console.add_argument("--lang", choices=("en", "ru", "az"), help="answer in this language whatever the question's")
    console.set_defaults(func=cmd_console)
    ask = sub.add_parser("ask", help="answer questions given as arguments, or one per line on stdin")
    ask.add_argument("question", nargs="*")
    ask.add_argument("--json", action="store_true", help="one JSON object per question, one per line")
    ask.add_argument("--brief", metavar="ID", help="only this brief")
    ask.add_argument("--conversation", action="store_true",
                     help="treat the questions as one conversation, in order (follow-ups refer to earlier answers)")
    ask.add_argument("--lang", choices=("en", "ru", "az"), help="answer in this language whatever the question's")
    ask.set_defaults(func=cmd_ask)
    val = sub.add_parser("validate", help="check the knowledge base and exit non-zero on problems")
    val.add_argument("--coverage", action="store_true", help="also report uncovered sentences and confusable entries")
    val.set_defaults(func=cmd_validate)
    kb = sub.add_parser("kb", help="authoring: draft a brief, report gaps").add_subparsers(
        dest="kb_command", required=True, prog="briefbot kb"
    )
    new = kb.add_parser("new", help="draft a new brief from an article's text, into --knowledge, "
                                   f"${KNOWLEDGE_ENV} or ./knowledge")
    new.add_argument("article", help="the article as plain text")
    new.add_argument("--id", required=True, help="the new brief's id (1-24 of a-z, 0-9, - or _)")
    new.add_argument("--force", action="store_true", help="overwrite an existing draft")
    new.set_defaults(func=cmd_kb_new, coverage=False)
    gaps = kb.add_parser("gaps", help="group logged unanswered questions into the most frequent gaps")
    gaps.add_argument("log", help="the JSON Lines log written when BRIEFBOT_UNANSWERED_LOG is set")
    gaps.add_argument("--limit", type=int, default=20)
    gaps.set_defaults(func=cmd_kb_gaps)
    tg = sub.add_parser("telegram", help="run the Telegram bot (token from TELEGRAM_BOT_TOKEN)")
    tg.add_argument("--webhook-url", help="serve a webhook at this public URL instead of long polling")
    tg.add_argument("--listen", default="127.0.0.1", help="webhook listen address (default 127.0.0.1)")
    tg.add_argument("--port", type=int, default=8443, help="webhook port (default 8443)")
    tg.add_argument("--path", help="webhook path to listen on (default: the path of --webhook-url, else /telegram)")
    tg.set_defaults(func=cmd_telegram)
    sub.add_parser(
        "health", help="exit 0 if the Telegram bot polled recently ($BRIEFBOT_HEALTH_FILE), else 1"
    ).set_defaults(func=cmd_health)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdin, sys.stdout, sys.stderr):  # undecodable input or output never becomes a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    func = getattr(args, "func", cmd_console)
    try:
        return func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
