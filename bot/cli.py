"""The `nudgebot` command line: the only place that reads the environment and configures logging."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

import orjson

from bot import __version__
from bot.clock import US_PER_SECOND, SystemClock, iso_z
from bot.config import Settings, load_settings
from bot.errors import ConfigError, NudgebotError
from bot.logs import (
    JsonFormatter,
    RedactingFormatter,
    Redactor,
    StderrHandler,
    TextFormatter,
    secrets_of,
    url_passwords,
)
from bot.operator_cli import add_operator_commands, status_extras, text_cursor_ages
from bot.statedir import prepare_local_state

log = logging.getLogger(__name__)

_HANDLER_NAME = "nudgebot-stderr"


def _configure_logging(
    verbosity: int,
    base: int = logging.WARNING,
    settings: Settings | None = None,
    urls: Sequence[str | None] = (),
) -> Redactor:
    """stderr, one line per event (LOG_FORMAT text or json), secrets redacted. Called once
    before the settings load (text, token patterns only: a settings error still gets out)
    and again with them; an explicit LOG_LEVEL replaces the command's default level."""
    if settings is not None and "log_level" in settings.model_fields_set:
        base = logging.getLevelNamesMapping()[settings.log_level]
    level = max(base - 10 * verbosity, logging.DEBUG)
    secrets = secrets_of(settings) if settings is not None else []
    secrets += [password for url in urls if url for password in url_passwords(url)]
    redactor = Redactor(secrets)
    inner = JsonFormatter() if settings and settings.log_format == "json" else TextFormatter()
    handler = StderrHandler()
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(RedactingFormatter(inner, redactor))
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)  # the pre-settings one: exactly one handler of ours
    root.addHandler(handler)
    root.setLevel(level)
    # one line per HTTP request or scheduler step drowns what matters; -vv brings them back
    for noisy in ("httpx", "httpcore", "apscheduler", "websockets", "aiosqlite"):
        logging.getLogger(noisy).setLevel(level if verbosity >= 2 else logging.WARNING)
    return redactor


def parse_time(text: str) -> int:
    """ISO-8601 (a trailing Z is fine; no zone means UTC) -> microseconds since the epoch."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO-8601 time: {text!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * US_PER_SECOND)


def guess_bot_did(path: str) -> str | None:
    """The most-followed DID in a file: a fair guess at the bot in a recorded stream."""
    from bot.lines import bounded_lines

    subjects: Counter[str] = Counter()
    with open(path, "rb") as handle:
        for line in bounded_lines(handle):
            if line is None or b'"app.bsky.graph.follow"' not in line:
                continue
            try:
                record = orjson.loads(line).get("commit", {}).get("record") or {}
            except (orjson.JSONDecodeError, AttributeError):
                continue
            subject = record.get("subject") if isinstance(record, dict) else None
            if isinstance(subject, str):
                subjects[subject] += 1
    return subjects.most_common(1)[0][0] if subjects else None


def _cmd_replay(args: argparse.Namespace, settings: Settings) -> int:
    from bot.replay import ReplayOptions, run_replay

    if args.file != "-" and not os.path.isfile(args.file):
        raise ConfigError(f"replay: no such file: {args.file}")
    bot_did = args.bot_did or settings.bot_did
    if bot_did is None and args.file != "-":
        bot_did = guess_bot_did(args.file)
        if bot_did:
            print(
                f"replay: no --bot-did given; using the most-followed DID {bot_did}",
                file=sys.stderr,
            )
    if bot_did is None:
        raise ConfigError("replay needs --bot-did DID (or BOT_DID in the environment)")
    options = ReplayOptions(
        bot_did=bot_did,
        until_us=args.until,
        database_url=args.db,
        pretty=args.pretty,
        policy=settings.policy(),
        friends=frozenset(args.friends or ()),
    )
    stats = asyncio.run(run_replay(args.file, options, sys.stdout))
    print(stats.summary(), file=sys.stderr)
    return 0


def _cmd_classify(args: argparse.Namespace, settings: Settings) -> int:
    from bot.classify.cli import run_classify

    return run_classify(args.file)


def _cmd_triage(args: argparse.Namespace, settings: Settings) -> int:
    from bot.safety.triage_cli import run_triage

    return run_triage(args.file)


def _cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    from bot.store import Store
    from bot.store.engine import current_revision

    async def migrate() -> str | None:
        async with Store.open(args.db or settings.resolved_database_url()) as store:
            await store.migrate()
            return await current_revision(store.engine)

    print(f"database at revision {asyncio.run(migrate())}")
    return 0


def _cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    from bot.store import Store

    async def read() -> dict[str, object]:
        async with Store.open(args.db or settings.resolved_database_url()) as store:
            await store.ensure_current()
            now_us = SystemClock().now_us()
            counts = await store.status(now_us)
            extras = await status_extras(store, counts.cursors, now_us)
        return {
            "opted_in": counts.opted_in,
            "paused": counts.paused,
            "inactive_accounts": counts.inactive_accounts,
            "unreachable": counts.unreachable,
            "outbox_pending": counts.outbox_pending,
            "outbox_sent": counts.outbox_sent,
            "last_dm_sent": iso_z(counts.last_sent_us) if counts.last_sent_us else None,
            "cursors": counts.cursors,
            **extras,
        }

    report = asyncio.run(read())
    if not args.json:
        report["cursor_age"] = text_cursor_ages(report["cursor_age"])  # type: ignore[arg-type]
    if args.json:
        print(orjson.dumps(report).decode())
    else:
        width = max(map(len, report))
        for key, value in report.items():
            print(f"{key:>{width}}: {value}")
    return 0


def _cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app import App

    return asyncio.run(App(settings, migrate=not args.no_migrate).run())


def _cmd_inbox(args: argparse.Namespace, settings: Settings) -> int:
    from bot.store import Store

    async def work() -> int:
        async with Store.open(args.db or settings.resolved_database_url()) as store:
            await store.ensure_current()
            if args.action == "done":
                if not args.convo:
                    raise ConfigError("inbox done needs the conversation ID (see `nudgebot inbox`)")
                if not await store.inbox_done(args.convo):
                    print(f"no open conversation {args.convo}", file=sys.stderr)
                    return 1
                print(f"{args.convo}: done")
                return 0
            entries = await store.inbox()
        if args.json:
            for e in entries:
                print(orjson.dumps(
                    {"convo": e.convo_id, "did": e.did, "handle": e.handle,
                     "first": iso_z(e.first_us), "last": iso_z(e.last_us), "messages": e.messages,
                     "level": e.level, "urgent": e.level == "crisis"}
                ).decode())  # fmt: skip
        elif not entries:
            print("inbox empty: no unanswered human replies")
        else:
            for e in entries:  # urgent (crisis) first
                who = f"@{e.handle}" if e.handle else e.did
                mark = {"crisis": "URGENT  ", "distress": "distress  "}.get(e.level, "")
                print(
                    f"{mark}{e.convo_id}  {who}  {e.messages} message(s), last {iso_z(e.last_us)}"
                )
        return 0

    return asyncio.run(work())


def _cmd_copy_db(args: argparse.Namespace, settings: Settings) -> int:
    from bot.database_url import normalize_url
    from bot.store import Store
    from bot.store.copy import copy_database

    async def work() -> int:
        source_url = args.db or settings.resolved_database_url()
        async with (
            Store.open(source_url) as source,
            Store.open(normalize_url(args.target)) as target,
        ):
            report = await copy_database(source, target)
        for table, rows in report.rows.items():
            print(f"{table:>16}: {rows} rows")
        print(f"copied {report.total} rows; point DATABASE_URL at the new database")
        return 0

    return asyncio.run(work())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nudgebot", description="A Bluesky bot that nudges authentic engagement."
    )
    parser.add_argument("--version", action="version", version=f"nudgebot {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the bot: firehose, history, jobs (until SIGTERM)")
    run.add_argument("--no-migrate", action="store_true", help="refuse to start on an old schema")
    run.set_defaults(handler=_cmd_run, log_level=logging.INFO)

    replay = sub.add_parser("replay", help="run a recorded Jetstream stream in simulated time")
    replay.add_argument("file", help="Jetstream JSON-lines file, or - for stdin")
    replay.add_argument("--bot-did", help="the bot's DID (default: BOT_DID, else guessed)")
    replay.add_argument("--until", type=parse_time, help="simulate up to this ISO-8601 time")
    replay.add_argument("--db", help="database URL to keep (default: a throw-away SQLite file)")
    replay.add_argument("--pretty", action="store_true", help="readable output instead of JSON")
    replay.add_argument(
        "--friends",
        action="append",
        metavar="DID",
        help="turn 'stay in touch' on for this DID as it opts in (repeatable; 'all': everyone)",
    )
    replay.set_defaults(handler=_cmd_replay, stateless=True)

    classify = sub.add_parser("classify", help="classify post records (JSON lines) as promo or not")
    classify.add_argument("file", nargs="?", default="-", help="JSON-lines file, or - for stdin")
    classify.set_defaults(handler=_cmd_classify, stateless=True)

    triage = sub.add_parser(
        "triage", help="triage replies (JSON lines) as crisis, distress or ok (docs/safety.md)"
    )
    triage.add_argument("file", nargs="?", default="-", help="JSON-lines file, or - for stdin")
    triage.set_defaults(handler=_cmd_triage, stateless=True)

    migrate = sub.add_parser("migrate", help="upgrade the database schema to the latest revision")
    migrate.add_argument("--db", help="database URL (default: DATABASE_URL or the SQLite file)")
    migrate.set_defaults(handler=_cmd_migrate)

    inbox = sub.add_parser(
        "inbox", help="conversations with human replies nobody answered yet (no text kept)"
    )
    inbox.add_argument("action", nargs="?", choices=["list", "done"], default="list")
    inbox.add_argument("convo", nargs="?", help="with `done`: the conversation ID to clear")
    inbox.add_argument("--db", help="database URL (default: DATABASE_URL or the SQLite file)")
    inbox.add_argument("--json", action="store_true", help="one JSON object per line")
    inbox.set_defaults(handler=_cmd_inbox)

    copy_db = sub.add_parser(
        "copy-db", help="copy every row into another (empty) database, e.g. SQLite -> PostgreSQL"
    )
    copy_db.add_argument("target", help="the new database URL (migrated here; must be empty)")
    copy_db.add_argument("--db", help="source URL (default: DATABASE_URL or the SQLite file)")
    copy_db.set_defaults(handler=_cmd_copy_db)

    status = sub.add_parser("status", help="opted-in, paused, unreachable, outbox and cursors")
    status.add_argument("--db", help="database URL (default: DATABASE_URL or the SQLite file)")
    status.add_argument("--json", action="store_true", help="one JSON object")
    status.set_defaults(handler=_cmd_status)
    add_operator_commands(sub)
    return parser


def _prepare_state(args: argparse.Namespace, settings: Settings) -> None:
    """./state for every command that may read or write the key, the session or the default
    SQLite file (an explicit DATABASE_URL or --db stays where it is named)."""
    if getattr(args, "stateless", False):
        return
    url = settings.database_url
    default_database = getattr(args, "db", None) is None and (
        url is None or not url.get_secret_value()
    )
    prepare_local_state(settings.state_directory, default_database=default_database)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    base_level = getattr(args, "log_level", logging.WARNING)
    urls = [getattr(args, name, None) for name in ("db", "target")]  # may hold passwords
    redactor = _configure_logging(args.verbose, base_level, urls=urls)
    try:
        settings = load_settings()
        redactor = _configure_logging(args.verbose, base_level, settings, urls)
        _prepare_state(args, settings)
        code: int = args.handler(args, settings)
    except ConfigError as exc:
        print(f"nudgebot: {redactor.redact(str(exc))}", file=sys.stderr)
        return 2
    except NudgebotError as exc:  # e.g. login refused, no DM access: one line, no traceback
        print(f"nudgebot: {redactor.redact(str(exc))}", file=sys.stderr)
        return 1
    except OSError as exc:  # unreadable input or output: say which, no traceback
        print(f"nudgebot: {redactor.redact(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug or an unmapped library error: logged (redacted), exit 1
        log.critical("nudgebot failed: %s: %s", type(exc).__name__, exc, exc_info=True)
        return 1
    return code
