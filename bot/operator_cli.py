"""The operator's subcommands of `nudgebot` (registered by bot/cli.py): pause-all, resume-all,
forget, export, check-config, and what `status` adds. Settings come from the CLI."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import orjson

from bot.clock import US_PER_SECOND, SystemClock, iso_z
from bot.config import Settings
from bot.statedir import KEY_FILE, state_dir
from bot.store import Store
from bot.store.digest import DidHasher
from bot.store.operator import PAUSE_SWITCH

HandleResolver = Callable[[str, Settings], Awaitable[str]]


async def _sdk_resolver(handle: str, settings: Settings) -> str:
    from bot.sources.identity import resolve_handle

    return await resolve_handle(handle, settings.bsky_service)


# tests put a fake here: unit tests never reach the network
resolve_handle: HandleResolver = _sdk_resolver


def _open(
    args: argparse.Namespace, settings: Settings, digest: DidHasher | None = None
) -> AbstractAsyncContextManager[Store]:
    return Store.open(args.db or settings.resolved_database_url(), digest=digest)


def _key_path(settings: Settings) -> Path:
    return state_dir(settings.state_directory) / KEY_FILE


def _hasher(settings: Settings) -> DidHasher:
    from bot.keyfile import read_key

    return DidHasher(read_key(_key_path(settings)))


async def _ready(store: Store, settings: Settings) -> None:
    """Current schema, and the key the database's digests were made with (its check value is
    the service's to record)."""
    from bot.keyfile import verify_key

    await store.ensure_current()
    await verify_key(store, _key_path(settings), SystemClock().now_us(), record=False)


async def _target(text: str, settings: Settings) -> tuple[str, str | None]:
    """(DID, the handle it was given as, if it was one)."""
    if text.startswith("did:"):
        return text, None
    return await resolve_handle(text, settings), text.removeprefix("@")


def human_age(seconds: float) -> str:
    s = max(int(seconds), 0)
    for unit, size, sub_unit, sub_size in (("d", 86400, "h", 3600), ("h", 3600, "min", 60)):
        if s >= size:
            rest = (s % size) // sub_size
            return f"{s // size} {unit}" + (f" {rest} {sub_unit}" if rest else "")
    return f"{s // 60} min" if s >= 60 else f"{s} s"


async def status_extras(store: Store, cursors: dict[str, int], now_us: int) -> dict[str, object]:
    """`status` additions: the global pause, inbox size, forget requests, cursor ages."""
    extra = await store.operator_status()
    ages: dict[str, dict[str, object]] = {}
    for name in sorted(cursors):
        # Jetstream v2 and relay cursors are both sequence numbers: the age is the commit's
        # (a filtered stream checkpoints every few seconds, so a live one is always young)
        at = extra.cursor_committed_us.get(name, now_us)
        seconds = round((now_us - at) / US_PER_SECOND, 1)
        ages[name] = {"seconds": seconds, "human": human_age(seconds), "of": "last commit"}
    since = extra.paused_since_us
    return {
        "paused_all": since is not None,
        "paused_since": iso_z(since) if since is not None else None,
        "inbox_open": extra.inbox_open,
        # crisis replies waiting for a human: `nudgebot inbox` lists them first
        "inbox_urgent": extra.inbox_urgent,
        "forget_requests_pending": extra.forget_requests,
        "cursor_age": ages,
    }


def text_cursor_ages(ages: dict[str, dict[str, object]]) -> str:
    return ", ".join(f"{name} {a['human']}" for name, a in ages.items()) or "none"


# --- pause-all / resume-all -----------------------------------------------------------------


def cmd_pause_all(args: argparse.Namespace, settings: Settings) -> int:
    async def work() -> int | None:
        async with _open(args, settings) as store:
            await store.ensure_current()
            was = await store.paused_since()
            if was is None:
                await store.set_switch(PAUSE_SWITCH, "paused", SystemClock().now_us())
            return was

    was = asyncio.run(work())
    if was is not None:
        print(f"already paused since {iso_z(was)}")
    else:
        print(
            "paused: the running service claims and sends no DM within seconds (commands from "
            "people still apply; their answers wait). `nudgebot resume-all` ends it."
        )
    return 0


def cmd_resume_all(args: argparse.Namespace, settings: Settings) -> int:
    async def work() -> bool:
        async with _open(args, settings) as store:
            await store.ensure_current()
            return bool(await store.clear_switch(PAUSE_SWITCH))

    print("resumed: DMs and held answers go out again" if asyncio.run(work()) else "not paused")
    return 0


# --- forget / export ------------------------------------------------------------------------


def cmd_forget(args: argparse.Namespace, settings: Settings) -> int:
    """Exit 0 whenever the bot holds nothing about them afterwards (known or not); 1 when
    the handle cannot be resolved; 2 for settings (no key, old schema)."""
    digest = _hasher(settings)

    async def work() -> str:
        did, handle = await _target(args.who, settings)
        who = f"{did} (@{handle})" if handle else did
        async with _open(args, settings, digest) as store:
            await _ready(store, settings)
            report = await store.forget_person(did, SystemClock().now_us())
        named = ", ".join(f"{n} {what}" for what, n in report.naming.items() if n)
        if report.held:
            rows = ", ".join(f"{n} {table}" for table, n in report.deleted.items() if n)
            also = f"; {named} no longer name them" if named else ""
            return (
                f"forgot {who}: deleted {rows}{also}"
                "; a tombstone (keyed digests only) keeps a still existing follow from signing "
                "them up again; the running service drops them within seconds"
            )
        if report.named:
            return (
                f"forgot {who}: never opted in, but others' rows named them: {named} no longer "
                "do (no tombstone: a follow of theirs later still signs them up)"
            )
        if report.had_tombstone:
            return f"{who}: already forgotten (only the tombstone's keyed digests remain)"
        return f"{who}: the bot holds nothing about them; nothing to forget"

    print(asyncio.run(work()))
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    digest = _hasher(settings)

    async def work() -> dict[str, Any]:
        did, handle = await _target(args.who, settings)
        async with _open(args, settings, digest) as store:
            await _ready(store, settings)
            doc = await store.export_person(did)
        keys: tuple[str, ...] = ("person", "activity", "outbox", "inbox", "tombstone")
        keys += ("forget_requested_us", "friend_counterparts", "friend_blocks", "friend_skips")
        held = any(doc[k] for k in keys) or doc["last_welcome_us"] is not None
        held = held or any(doc["named_by_others"].values())
        return {"did": did, "handle_given": handle, "held": held, **doc}

    doc = asyncio.run(work())
    if not doc["held"]:
        print(f"the bot holds nothing about {doc['did']}", file=sys.stderr)
    print(orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode())
    return 0


# --- check-config ---------------------------------------------------------------------------


def cmd_check_config(args: argparse.Namespace, settings: Settings) -> int:
    from bot.checks import run_checks

    checks = asyncio.run(run_checks(settings))
    for check in checks:
        print(check.line())
    return 0 if all(c.ok for c in checks) else 1


def add_operator_commands(sub: Any) -> None:
    db_help = "database URL (default: DATABASE_URL or the SQLite file)"
    for name, handler, text in (
        ("pause-all", cmd_pause_all, "stop every DM of the running service within seconds"),
        ("resume-all", cmd_resume_all, "end `pause-all`: DMs and held answers go out again"),
    ):
        command = sub.add_parser(name, help=text)
        command.add_argument("--db", help=db_help)
        command.set_defaults(handler=handler)
    forget = sub.add_parser("forget", help="delete everything about someone (a mailed request)")
    forget.add_argument("who", help="their DID or handle")
    forget.add_argument("--db", help=db_help)
    forget.set_defaults(handler=cmd_forget)
    export = sub.add_parser("export", help="everything the bot holds about someone, as JSON")
    export.add_argument("who", help="their DID or handle")
    export.add_argument("--db", help=db_help)
    export.set_defaults(handler=cmd_export)
    check = sub.add_parser(
        "check-config", help="check settings, database, login and chat access (sends nothing)"
    )
    check.set_defaults(handler=cmd_check_config)
