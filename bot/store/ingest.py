"""Applying one IngestBatch inside one transaction (called by Store.apply)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.aggregates import (
    Aggregates,
    decode_hours,
    decode_ints,
    decode_posts,
    encode_ints,
    encode_posts,
)
from bot.clock import US_PER_DAY
from bot.faults import FaultHook, no_fault
from bot.language import POST_WEIGHT
from bot.policy import RecentPost
from bot.store.codec import execute_many, insert_for
from bot.store.digest import DidHasher
from bot.store.drafts import insert_outbox_many
from bot.store.friends import apply_friends, purge_friends
from bot.store.language import fold_stored, unless_chosen, welcome_now
from bot.store.models import activity, cursors, inbox, outbox, people, welcome_ledger
from bot.store.tombstones import lay as lay_tombstone
from bot.store.tombstones import refuse_tombstoned
from bot.store.types import ActivityRow, IngestBatch, NextEval, OptIn, OutboxDraft

POST_COLLECTION = "post"
_CHUNK = 500  # stays far below SQLite's and asyncpg's bind-parameter limits


def chunks(items: Sequence[str], size: int = _CHUNK) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# Stands for a person who opted out, where others' activity addressed them: it still says "a
# reply to someone else" (the promo rule reads that), but no longer whom.
FORGOTTEN_DID = "did:forgotten"


async def purge(conn: AsyncConnection, dids: Iterable[str], digest: DidHasher) -> None:
    """Opt-out: every row about the person goes (the welcome ledger keeps only a digest), and
    others' replies, likes and follows that addressed them, friend rows and DMs that named them
    no longer name them."""
    for part in chunks(sorted(dids)):
        for table in (activity, outbox, inbox, people):
            await conn.execute(delete(table).where(table.c.did.in_(part)))
        await conn.execute(
            update(activity).where(activity.c.target_did.in_(part)).values(target_did=FORGOTTEN_DID)
        )
        await purge_friends(conn, part)
        await drop_dms_naming(conn, [digest(did) for did in part])


async def drop_dms_naming(conn: AsyncConnection, digests: Sequence[str]) -> int:
    """Others' DMs whose text names these people (friend suggestions): an unsent one goes, and
    gives back the nudge budget it took, as a cancelled nudge does; a sent one (its text is
    already blank) keeps only that it was sent. Returns how many rows named them."""
    found = await conn.execute(
        select(outbox.c.id, outbox.c.did, outbox.c.status, outbox.c.prev_last_nudge_us).where(
            outbox.c.about_digest.in_(digests)
        )
    )
    rows = found.all()
    for row_id, did, status, prev_last_nudge in rows:
        if status == "sent":
            await conn.execute(
                update(outbox).where(outbox.c.id == row_id).values(text="", about_digest=None)
            )
            continue
        await conn.execute(delete(outbox).where(outbox.c.id == row_id))
        if status in ("pending", "claimed"):
            await conn.execute(
                update(people).where(people.c.did == did).values(last_nudge_us=prev_last_nudge)
            )
    return len(rows)


async def opt_in(conn: AsyncConnection, rows: Iterable[OptIn]) -> None:
    values = [
        {
            "did": o.did,
            "follow_rkey": o.rkey,
            "opted_in_us": o.time_us,
            "account_active": True,
            "active_days": "",
            "hour_counts": "",
            "recent_posts": "",
            "last_variants": "",
        }
        for o in rows
    ]
    if not values:
        return
    stmt = insert_for(conn, people)
    # a second follow record from the same person only moves the rkey we watch for, and
    # tells us they want to hear from us: an earlier "unreachable" is worth trying again
    stmt = stmt.on_conflict_do_update(
        index_elements=[people.c.did],
        set_={"follow_rkey": stmt.excluded.follow_rkey, "unreachable_reason": None},
    )
    await conn.execute(stmt, values)


async def queue_welcomes(
    conn: AsyncConnection,
    drafts: Sequence[OutboxDraft],
    now_us: int,
    cooldown_us: int,
    digest: DidHasher,
) -> list[str]:
    """Queue each welcome unless this DID was welcomed within the cooldown. Returns who got one."""
    if not drafts:
        return []
    digests = {draft.did: digest(draft.did) for draft in drafts}
    recent: dict[str, int] = {}
    for part in chunks(list(digests.values())):
        result = await conn.execute(
            select(welcome_ledger.c.did_digest, welcome_ledger.c.last_welcome_us).where(
                welcome_ledger.c.did_digest.in_(part)
            )
        )
        recent.update({digest: last for digest, last in result.all()})
    allowed = [
        d
        for d in drafts
        if digests[d.did] not in recent or now_us - recent[digests[d.did]] >= cooldown_us
    ]
    if not allowed:
        return []
    await insert_outbox_many(conn, allowed, now_us)
    stmt = insert_for(conn, welcome_ledger)
    stmt = stmt.on_conflict_do_update(
        index_elements=[welcome_ledger.c.did_digest],
        set_={"last_welcome_us": stmt.excluded.last_welcome_us},
    )
    await conn.execute(
        stmt, [{"did_digest": digests[d.did], "last_welcome_us": now_us} for d in allowed]
    )
    return [d.did for d in allowed]


async def insert_activity(conn: AsyncConnection, rows: Sequence[ActivityRow]) -> list[ActivityRow]:
    """Store activity rows; returns only those that were new, so aggregates count each
    record once even when a source re-delivers it (reconnect overlap, replay restart)."""
    unique: dict[tuple[str, str, str], ActivityRow] = {}
    for row in rows:
        unique.setdefault((row.did, row.collection, row.rkey), row)
    if not unique:
        return []
    # Multi-row INSERT ... RETURNING through the driver, as SQLAlchemy's executemany with
    # RETURNING does, without its per-row parameter processing.
    values = [
        (r.did, r.collection, r.rkey, r.kind, r.time_us, r.promo, r.promo_score, r.target_did)
        for r in unique.values()
    ]
    inserted: set[tuple[str, str, str]] = set()
    for start in range(0, len(values), _INSERT_ROWS):
        part = values[start : start + _INSERT_ROWS]
        sql = _activity_insert_sql(conn, len(part))
        result = await conn.exec_driver_sql(sql, tuple(v for row in part for v in row))
        stored: Sequence[Any] = result.all()
        inserted.update((did, collection, rkey) for did, collection, rkey in stored)
    return [row for key, row in unique.items() if key in inserted]


_INSERT_ROWS = 64  # rows a statement: 512 parameters, and at most 64 statement texts to cache
_ACTIVITY_COLUMNS = (
    "did",
    "collection",
    "rkey",
    "kind",
    "time_us",
    "promo",
    "promo_score",
    "target_did",
)
_ACTIVITY_INSERT_SQL: dict[tuple[str, int], str] = {}


def _activity_insert_sql(conn: AsyncConnection, rows: int) -> str:
    """INSERT of `rows` rows that skips stored keys and returns the ones it stored: compiled
    once per backend and size, its parameters row after row in `_ACTIVITY_COLUMNS` order."""
    key = (conn.dialect.name, rows)
    if key not in _ACTIVITY_INSERT_SQL:
        stmt = (
            insert_for(conn, activity)
            .values([{c: bindparam(f"{c}_{i}") for c in _ACTIVITY_COLUMNS} for i in range(rows)])
            .on_conflict_do_nothing(index_elements=["did", "collection", "rkey"])
            .returning(activity.c.did, activity.c.collection, activity.c.rkey)
        )
        compiled = stmt.compile(dialect=conn.dialect)
        expected = tuple(f"{c}_{i}" for i in range(rows) for c in _ACTIVITY_COLUMNS)
        if tuple(compiled.positiontup or ()) != expected:
            raise ValueError(f"unexpected parameter order in {compiled}")
        _ACTIVITY_INSERT_SQL[key] = str(compiled)
    return _ACTIVITY_INSERT_SQL[key]


_AGG_COLUMNS = (
    people.c.did,
    people.c.last_activity_us,
    people.c.active_days,
    people.c.hour_counts,
    people.c.recent_posts,
    people.c.friends_enabled,
    people.c.lang_counts,
    people.c.language,
    people.c.language_chosen,
)
_AGG_UPDATE = (
    update(people)
    .where(people.c.did == bindparam("b_did"))
    .values(
        last_activity_us=bindparam("b_last"),
        active_days=bindparam("b_days"),
        hour_counts=bindparam("b_hours"),
        recent_posts=bindparam("b_posts"),
        next_eval_us=bindparam("b_next"),
        lang_counts=bindparam("b_counts"),
        language=unless_chosen(bindparam("b_lang")),
    )
)


_AGG_UPDATE_NAMES = (
    "b_last",
    "b_days",
    "b_hours",
    "b_posts",
    "b_next",
    "b_counts",
    "b_lang",
    "b_did",
)


async def merge_aggregates(
    conn: AsyncConnection,
    rows: Sequence[ActivityRow],
    now_us: int,
    next_eval: NextEval,
    windows: tuple[int, int],
) -> set[str]:
    """Fold new activity into each person's aggregates with one read and one write per chunk.
    Returns who of them has "stay in touch" on (read with the same rows)."""
    by_did: dict[str, list[ActivityRow]] = defaultdict(list)
    for row in rows:
        by_did[row.did].append(row)
    updates = []
    friends: set[str] = set()
    for part in chunks(list(by_did)):
        result = await conn.exec_driver_sql(*_aggregates_query(conn, part))
        found: Sequence[Any] = result.all()
        for did, last, days, hours, posts, friends_enabled, raw, current, chosen in found:
            aggs = Aggregates(last, decode_ints(days), decode_hours(hours), decode_posts(posts))
            heard = []  # the posts' languages, counted once like the posts (only fresh rows)
            for act in by_did[did]:
                aggs.add_activity(act.time_us)
                if act.collection == POST_COLLECTION:
                    aggs.add_post(RecentPost(act.time_us, act.promo, act.replies_to_other))
                    if act.language is not None:
                        heard.append((act.language, POST_WEIGHT))
            aggs.trim(now_us, windows[0], windows[1])
            counts, decided = fold_stored(raw, current, chosen, heard)
            updates.append(
                (
                    aggs.last_activity_us,
                    encode_ints(aggs.active_days),
                    encode_ints(aggs.hour_counts),
                    encode_posts(aggs.recent_posts),
                    next_eval(aggs),
                    counts,
                    decided,
                    did,
                )
            )
            if friends_enabled:
                friends.add(did)
    if updates:
        await execute_many(conn, _AGG_UPDATE, _AGG_UPDATE_NAMES, updates)
    return friends


_AGG_QUERIES: dict[tuple[str, int], str] = {}


def _aggregates_query(conn: AsyncConnection, dids: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """The aggregates of these people, as driver SQL and its parameters. The list is padded
    to a power of two by repeating its last DID (IN ignores repeats), so that few statement
    texts are compiled and cached."""
    size = 1 << (len(dids) - 1).bit_length()
    key = (conn.dialect.name, size)
    if key not in _AGG_QUERIES:
        marks: list[Any] = [bindparam(f"d{i}") for i in range(size)]
        stmt = select(*_AGG_COLUMNS).where(people.c.did.in_(marks))
        compiled = stmt.compile(dialect=conn.dialect)
        if tuple(compiled.positiontup or ()) != tuple(f"d{i}" for i in range(size)):
            raise ValueError(f"unexpected parameter order in {compiled}")
        _AGG_QUERIES[key] = str(compiled)
    return _AGG_QUERIES[key], (*dids, *[dids[-1]] * (size - len(dids)))


async def delete_activity(
    conn: AsyncConnection,
    deletions: Sequence[tuple[str, str, str]],
    post_window_days: int,
    now_us: int,
) -> None:
    """A deleted post no longer counts towards the promo rule: rebuild that person's post marks."""
    post_dids = set()
    for did, collection, rkey in deletions:
        await conn.execute(
            delete(activity).where(
                activity.c.did == did, activity.c.collection == collection, activity.c.rkey == rkey
            )
        )
        if collection == POST_COLLECTION:
            post_dids.add(did)
    since = now_us - (post_window_days + 1) * US_PER_DAY
    for did in post_dids:
        result = await conn.execute(
            select(activity.c.time_us, activity.c.promo, activity.c.kind, activity.c.target_did)
            .where(
                activity.c.did == did,
                activity.c.collection == POST_COLLECTION,
                activity.c.time_us >= since,
            )
            .order_by(activity.c.time_us)
        )
        marks = [
            RecentPost(t, bool(promo), kind == "reply" and target is not None and target != did)
            for t, promo, kind, target in result.all()
        ]
        await conn.execute(
            update(people).where(people.c.did == did).values(recent_posts=encode_posts(marks))
        )


async def save_cursor(conn: AsyncConnection, name: str, value: int, now_us: int) -> None:
    stmt = insert_for(conn, cursors).values(name=name, value=value, updated_us=now_us)
    stmt = stmt.on_conflict_do_update(
        index_elements=[cursors.c.name], set_={"value": value, "updated_us": now_us}
    )
    await conn.execute(stmt)


async def apply_batch(
    conn: AsyncConnection,
    batch: IngestBatch,
    now_us: int,
    next_eval: NextEval,
    windows: tuple[int, int],
    welcome_cooldown_us: int,
    digest: DidHasher,
    fault: FaultHook = no_fault,
) -> list[str]:
    """Everything in the batch, in the order that keeps opt-outs final. Returns welcomed DIDs;
    opt-ins a tombstone refuses are dropped and named in `batch.refused`."""
    if batch.opt_outs:
        await purge(conn, batch.opt_outs, digest)
    for did, (rkey, reason) in batch.tombstones.items():
        await lay_tombstone(conn, did, rkey, reason, now_us, digest)
    if batch.opt_ins:
        batch.refused = await refuse_tombstoned(conn, batch.opt_ins, digest)
        for did in batch.refused:
            batch.forget(did)
    await opt_in(conn, batch.opt_ins.values())
    welcomed = await queue_welcomes(
        conn, list(batch.welcomes.values()), now_us, welcome_cooldown_us, digest
    )
    if batch.deletions:
        await delete_activity(conn, batch.deletions, windows[1], now_us)
    fresh = await insert_activity(conn, batch.activities)
    friends = await merge_aggregates(conn, fresh, now_us, next_eval, windows)
    await apply_friends(
        conn, fresh, batch.contacts, batch.deletions, windows[0], now_us, digest, friends
    )
    await update_profiles(conn, batch)
    await welcome_now(conn, batch.histories, now_us)
    if fresh or batch.opt_ins or batch.opt_outs:
        fault("mid-commit")  # rows written, cursors not, nothing committed
    for name, value in batch.cursors.items():
        await save_cursor(conn, name, value, now_us)
    return welcomed


async def update_profiles(conn: AsyncConnection, batch: IngestBatch) -> None:
    for did, name in batch.display_names.items():
        await conn.execute(update(people).where(people.c.did == did).values(display_name=name))
    for did, handle in batch.handles.items():
        await conn.execute(update(people).where(people.c.did == did).values(handle=handle))
    for did, state in batch.accounts.items():
        await conn.execute(
            update(people)
            .where(people.c.did == did)
            .values(account_active=state.active, account_status=state.status)
        )
    for did, loaded_us in batch.histories.items():
        await conn.execute(
            update(people)
            .where(people.c.did == did)
            .values(history_loaded_us=loaded_us, history_retry_us=None)
        )
