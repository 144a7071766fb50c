"""Writing an evaluation pass's outcomes: each person's next check, the nudges queued.

Called by `Store.record_evaluations` inside its transaction, one page at a time, while the
event loop's thread decides the next page (bot/jobs.py): what the database does here should
need the GIL as little as possible.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, case, func, select, update

from bot.store.codec import (
    PERSON_COLUMNS,
    driver_fetch,
    driver_of,
    driver_rows,
    encode_variants,
    execute_many,
)
from bot.store.drafts import insert_outbox_many
from bot.store.models import people
from bot.store.types import OutboxDraft


@dataclass(frozen=True, slots=True)
class NudgeUpdates:
    """What queuing a nudge changes on the person (the rate limit, the episode, the variant)."""

    last_nudge_us: int
    last_quiet_episode: int | None
    last_promo_nudge_us: int | None
    last_variants: Mapping[str, int]
    pause_until_us: int | None = None  # a check-in pauses them (unless they answer)


@dataclass(frozen=True, slots=True)
class NudgeRecord:
    """An evaluation's outcome for one person: maybe a nudge, always the next check time."""

    did: str
    next_eval_us: int | None
    draft: OutboxDraft | None = None
    updates: NudgeUpdates | None = None
    prev_last_nudge_us: int | None = None


_NEXT_EVAL_UPDATE = (
    update(people)
    .where(people.c.did == bindparam("b_did"))
    .values(next_eval_us=bindparam("b_next"))
)
_NUDGED_UPDATE = (
    update(people)
    .where(people.c.did == bindparam("b_did"))
    .values(
        last_nudge_us=bindparam("b_last_nudge"),
        last_quiet_episode=bindparam("b_quiet"),
        last_promo_nudge_us=bindparam("b_promo"),
        last_variants=bindparam("b_variants"),
        paused_until_us=func.coalesce(bindparam("b_pause"), people.c.paused_until_us),
        checkin_until_us=func.coalesce(bindparam("b_pause"), people.c.checkin_until_us),
        unanswered_nudges=case(
            (bindparam("b_pause").is_(None), people.c.unanswered_nudges), else_=0
        ),
    )
)


# SQLite >= 3.38 (JSON built in; UPDATE ... FROM since 3.33): one statement for the whole
# page, its rows in one JSON parameter. executemany binds each row holding the GIL, so while
# the event loop's thread decides the next page (Jobs._evaluate_pages) the driver's thread
# waited for the GIL at every row: the page's write took several times as long.
_SQLITE_NEXT_EVAL_JSON = (
    "UPDATE people SET next_eval_us = json_extract(j.value, '$[1]') FROM json_each(?) AS j"
    " WHERE people.did = json_extract(j.value, '$[0]')"
)
# The nudges of a page likewise: the same rows and values as `drafts.insert_outbox_many` (in
# the same order, so the same ids) and `_NUDGED_UPDATE` (tests/store/test_evaluation_pass.py
# checks them against each other).
_SQLITE_OUTBOX_JSON = (
    "INSERT INTO outbox (did, kind, episode, variant, text, created_us, send_after_us, status,"
    " attempts, prev_last_nudge_us) SELECT json_extract(value, '$[0]'),"
    " json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'),"
    " json_extract(value, '$[4]'), ?, json_extract(value, '$[5]'), 'pending', 0,"
    " json_extract(value, '$[6]') FROM json_each(?) WHERE true"
    " ON CONFLICT (did, kind, episode) DO NOTHING"
)
_SQLITE_NUDGED_JSON = (
    "UPDATE people SET last_nudge_us = json_extract(j.value, '$[1]'),"
    " last_quiet_episode = json_extract(j.value, '$[2]'),"
    " last_promo_nudge_us = json_extract(j.value, '$[3]'),"
    " last_variants = json_extract(j.value, '$[4]'),"
    " paused_until_us = coalesce(json_extract(j.value, '$[5]'), people.paused_until_us),"
    " checkin_until_us = coalesce(json_extract(j.value, '$[5]'), people.checkin_until_us),"
    " unanswered_nudges = CASE WHEN json_extract(j.value, '$[5]') IS NULL"
    " THEN people.unanswered_nudges ELSE 0 END"
    " FROM json_each(?) AS j WHERE people.did = json_extract(j.value, '$[0]')"
)
_SQLITE_JSON_UPDATE = sqlite3.sqlite_version_info >= (3, 38)
_POSTGRES_ARRAYS = True  # tests compare with the executemany path
_POSTGRES_OUTBOX = (
    "INSERT INTO outbox (did, kind, episode, variant, text, created_us, send_after_us, status,"
    " attempts, prev_last_nudge_us) SELECT did, kind, episode, variant, text, $1, send_after,"
    " 'pending', 0, prev FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[],"
    " $7::bigint[], $8::bigint[]) WITH ORDINALITY AS q(did, kind, episode, variant, text,"
    " send_after, prev, n) ORDER BY n ON CONFLICT (did, kind, episode) DO NOTHING"
)
_POSTGRES_NUDGED = (
    "UPDATE people SET last_nudge_us = q.last_nudge, last_quiet_episode = q.quiet,"
    " last_promo_nudge_us = q.promo, last_variants = q.variants,"
    " paused_until_us = coalesce(q.pause, people.paused_until_us),"
    " checkin_until_us = coalesce(q.pause, people.checkin_until_us),"
    " unanswered_nudges = CASE WHEN q.pause IS NULL THEN people.unanswered_nudges ELSE 0 END"
    " FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::bigint[])"
    " AS q(did, last_nudge, quiet, promo, variants, pause) WHERE people.did = q.did"
)
_POSTGRES_NEXT_EVAL = (
    "UPDATE people SET next_eval_us = page.next FROM unnest($1::text[], $2::bigint[])"
    " AS page(did, next) WHERE people.did = page.did"
)


_COLUMNS = ", ".join(column.name for column in PERSON_COLUMNS)
# The due people, written once per backend with the DIDs to leave out as ONE parameter: built
# by SQLAlchemy, `NOT IN` with a page's 2,000 DIDs compiled anew for every page (~10 ms of
# the event loop's time on PostgreSQL, ~2.5 ms on SQLite). On PostgreSQL the DIDs are a
# hashed subplan: `<> ALL($2)` compared each row with all 2,000 once the prepared statement
# went generic (reads 7.9 -> 1.9 s in the all-due pass); and ORDER BY keeps the generic plan
# on the index (without it, the minute passes seq-scanned the table: 45 -> 4.5 ms a pass).
_SQLITE_DUE = (
    f"SELECT {_COLUMNS} FROM people WHERE next_eval_us <= ?"
    " AND did NOT IN (SELECT value FROM json_each(?)) LIMIT ?"
)
_POSTGRES_DUE = (
    f"SELECT {_COLUMNS} FROM people WHERE next_eval_us <= $1"
    " AND did NOT IN (SELECT unnest($2::text[])) ORDER BY next_eval_us LIMIT $3"
)


async def due_rows(
    conn: Any, now_us: int, limit: int, skip: Collection[str]
) -> list[Sequence[Any]]:
    """Up to `limit` rows (PERSON_COLUMNS, as the driver returns them) whose next check has
    come, leaving out `skip`."""
    if conn.dialect.name == "postgresql":
        return await driver_fetch(conn, _POSTGRES_DUE, (now_us, list(skip), limit))
    if _sqlite_json(conn):
        return await driver_fetch(conn, _SQLITE_DUE, (now_us, _json(list(skip)), limit))
    query = select(*PERSON_COLUMNS).where(people.c.next_eval_us <= now_us)
    if skip:
        query = query.where(people.c.did.not_in(skip))
    return await driver_rows(conn, query.limit(limit))


def _json(rows: list[Any]) -> str:
    return json.dumps(rows, ensure_ascii=False)  # SQLite reads UTF-8 as it is


def _postgres_arrays(conn: Any) -> bool:
    return bool(conn.dialect.name == "postgresql" and _POSTGRES_ARRAYS)


def _sqlite_json(conn: Any) -> bool:
    return bool(conn.dialect.name == "sqlite" and _SQLITE_JSON_UPDATE)


async def move_next_checks(conn: Any, records: Sequence[NudgeRecord]) -> None:
    """Each person's next check, one page in one transaction."""
    if _sqlite_json(conn):
        rows = _json([[r.did, r.next_eval_us] for r in records])
        await conn.exec_driver_sql(_SQLITE_NEXT_EVAL_JSON, (rows,))
        return
    if _postgres_arrays(conn):
        # the page as two arrays, one statement: ~1.7x faster on the server than 2,000
        # pipelined single-row updates (asyncpg's executemany)
        dids, times = [r.did for r in records], [r.next_eval_us for r in records]
        await (await driver_of(conn)).execute(_POSTGRES_NEXT_EVAL, dids, times)
        return
    pairs = [(r.did, r.next_eval_us) for r in records]
    await execute_many(conn, _NEXT_EVAL_UPDATE, ("b_did", "b_next"), pairs)


async def queue_nudges(conn: Any, nudges: Sequence[NudgeRecord], now_us: int) -> None:
    """The page's nudges: outbox rows, and what queuing them changes on each person."""
    if _sqlite_json(conn):
        await conn.exec_driver_sql(_SQLITE_OUTBOX_JSON, (now_us, _json(_outbox_rows(nudges))))
        await conn.exec_driver_sql(_SQLITE_NUDGED_JSON, (_json(_nudged_rows(nudges)),))
        return
    if _postgres_arrays(conn):
        # the same rows, a column (array) each; outbox rows in page order, so are their ids
        driver = await driver_of(conn)
        await driver.execute(_POSTGRES_OUTBOX, now_us, *_columns(_outbox_rows(nudges), 7))
        await driver.execute(_POSTGRES_NUDGED, *_columns(_nudged_rows(nudges), 6))
        return
    drafts = [r.draft for r in nudges if r.draft is not None]
    prev = {r.did: r.prev_last_nudge_us for r in nudges}
    await insert_outbox_many(conn, drafts, now_us, prev)
    await execute_many(conn, _NUDGED_UPDATE, _NUDGED_NAMES, _nudged_rows(nudges))


def _outbox_rows(nudges: Sequence[NudgeRecord]) -> list[list[Any]]:
    """The outbox rows of `_SQLITE_OUTBOX_JSON` and `_POSTGRES_OUTBOX`, in page order."""
    return [
        [d.did, d.kind, d.episode, d.variant, d.text, d.send_after_us, r.prev_last_nudge_us]
        for r in nudges
        if (d := r.draft) is not None
    ]


def _nudged_rows(nudges: Sequence[NudgeRecord]) -> list[tuple[Any, ...]]:
    return [_nudged_row(r) for r in nudges]


def _columns(rows: Sequence[Sequence[Any]], width: int) -> list[list[Any]]:
    return [list(column) for column in zip(*rows, strict=True)] or [[] for _ in range(width)]


# the bind parameters of `_NUDGED_UPDATE` in the order of `_nudged_row`
_NUDGED_NAMES = ("b_did", "b_last_nudge", "b_quiet", "b_promo", "b_variants", "b_pause")


def _nudged_row(record: NudgeRecord) -> tuple[Any, ...]:
    """In this order: _SQLITE_NUDGED_JSON reads the values by position, as do the arrays."""
    updates = record.updates
    if updates is None:
        raise ValueError(f"a nudge for {record.did} without its updates")
    return (
        record.did,
        updates.last_nudge_us,
        updates.last_quiet_episode,
        updates.last_promo_nudge_us,
        encode_variants(updates.last_variants),
        updates.pause_until_us,
    )
