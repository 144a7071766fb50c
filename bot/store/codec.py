"""Row <-> PersonRow conversion and the small dialect differences, in one place."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.aggregates import decode_hours, decode_ints, decode_posts, decode_posts_after
from bot.store.models import people
from bot.store.types import PersonRow


def insert_for(conn: AsyncConnection, table: Table) -> Any:
    """INSERT that understands ON CONFLICT on both backends."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def encode_variants(variants: Mapping[str, int]) -> str:
    return ",".join(f"{kind}:{index}" for kind, index in sorted(variants.items()))


def decode_variants(text: str | None) -> dict[str, int]:
    if not text:
        return {}
    pairs = (item.split(":", 1) for item in text.split(","))
    return {kind: int(index) for kind, index in pairs}


def person_from_row(row: Any) -> PersonRow:
    """A `people` row (attribute access, as SQLAlchemy's Row gives it) as plain data."""
    return PersonRow(
        did=row.did,
        handle=row.handle,
        display_name=row.display_name,
        follow_rkey=row.follow_rkey,
        opted_in_us=row.opted_in_us,
        account_active=bool(row.account_active),
        account_status=row.account_status,
        paused_until_us=row.paused_until_us,
        tz_name=row.tz_name,
        day_start_hour=row.day_start_hour,
        day_end_hour=row.day_end_hour,
        frequency_days=row.frequency_days,
        language=row.language,
        last_activity_us=row.last_activity_us,
        active_days=decode_ints(row.active_days),
        hour_counts=decode_hours(row.hour_counts),
        recent_posts=decode_posts(row.recent_posts),
        last_nudge_us=row.last_nudge_us,
        last_quiet_episode=row.last_quiet_episode,
        last_promo_nudge_us=row.last_promo_nudge_us,
        last_variants=decode_variants(row.last_variants),
        unreachable_reason=row.unreachable_reason,
        next_eval_us=row.next_eval_us,
        convo_id=row.convo_id,
        unanswered_nudges=row.unanswered_nudges or 0,
        last_reply_us=row.last_reply_us,
        last_ack_us=row.last_ack_us,
        checkin_until_us=row.checkin_until_us,
        nudges_held_until_us=row.nudges_held_until_us,
        last_crisis_answer_us=row.last_crisis_answer_us,
    )


# PersonRow's fields in order, as columns: the evaluation pass reads rows positionally (a tuple
# unpack, not 28 attribute look-ups on SQLAlchemy's Row) and skips the history/check columns.
PERSON_COLUMNS = tuple(people.c[f.name] for f in dataclasses.fields(PersonRow))


_FIELD_INDEX = {column.name: i for i, column in enumerate(PERSON_COLUMNS)}
_ACTIVE, _DAYS, _HOURS, _POSTS, _VARIANTS, _UNANSWERED = (
    _FIELD_INDEX[name]
    for name in (
        "account_active",
        "active_days",
        "hour_counts",
        "recent_posts",
        "last_variants",
        "unanswered_nudges",
    )
)


def person_from_values(
    values: Any,
    posts_after_us: int | None = None,
    posts_matter: Callable[[int, int], bool] | None = None,
) -> PersonRow:
    """A row selected with PERSON_COLUMNS as plain data. With `posts_after_us`, recent_posts
    holds only the posts after it (evaluation: older ones cannot count, see
    `policy.posts_horizon_us`), which spares building most post tuples of quiet people; with
    `posts_matter` too, none unless posts_matter(their number, how many are promotional)."""
    v = list(values)
    v[_ACTIVE] = bool(v[_ACTIVE])
    v[_DAYS] = decode_ints(v[_DAYS])
    v[_HOURS] = decode_hours(v[_HOURS])
    posts = v[_POSTS]
    after = posts_after_us
    if after is None:
        v[_POSTS] = decode_posts(posts)
    else:
        v[_POSTS] = decode_posts_after(posts, after, posts_matter)
    v[_VARIANTS] = decode_variants(v[_VARIANTS])
    v[_UNANSWERED] = v[_UNANSWERED] or 0
    return PersonRow(*v)


async def driver_rows(conn: AsyncConnection, stmt: Any) -> list[Sequence[Any]]:
    """A SELECT's rows as the driver returns them (tuples from aiosqlite, Records from
    asyncpg), for plain-typed columns only: the evaluation pass reads 100,000 rows, and
    SQLAlchemy's per-row result handling took longer on the event loop than the fetch."""
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    values = compiled.params  # a property that builds a new dict at every access
    params = [values[name] for name in compiled.positiontup or ()]
    return await driver_fetch(conn, str(compiled), params)


async def driver_fetch(conn: AsyncConnection, sql: str, params: Sequence[Any]) -> list[Any]:
    """`sql` in the dialect's own parameter style, straight through the driver."""
    driver = await driver_of(conn)
    if conn.dialect.name == "postgresql":
        return list(await driver.fetch(sql, *params))
    cursor = await driver.execute(sql, params)
    try:
        return list(await cursor.fetchall())
    finally:
        await cursor.close()


async def driver_of(conn: AsyncConnection) -> Any:
    """The driver's own connection (aiosqlite's or asyncpg's) under `conn`, in its transaction."""
    driver = (await conn.get_raw_connection()).driver_connection
    if driver is None:
        raise RuntimeError("the database connection is closed")
    return driver


# Per statement and backend: the SQL, and how a caller's row becomes the driver's (None: as is).
# Keyed on the statement itself, not id(stmt): the key keeps it alive, so a statement freed
# and another built at the same address can never be handed the first one's SQL (callers
# pass module-level statements, so the cache stays small).
_MANY_SQL: dict[tuple[Any, str], tuple[str, Callable[[tuple[Any, ...]], Any] | None]] = {}


async def execute_many(
    conn: AsyncConnection, stmt: Any, names: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """executemany straight through the driver, each row's values in the order of `names`
    (the statement's bind parameters; its own literals, e.g. the 0 in a CASE, are added):
    SQLAlchemy's per-row parameter processing cost as much as SQLite's own work (~6 µs a
    row). Only for plain-typed values (ints, strings, bools, None); compiled once per
    statement and backend."""
    key = (stmt, conn.dialect.name)
    if key not in _MANY_SQL:
        _MANY_SQL[key] = _compile_many(conn, stmt, tuple(names))
    sql, convert = _MANY_SQL[key]
    # a list, not a tuple: SQLAlchemy runs a list of rows as executemany
    values = list(rows) if convert is None else list(map(convert, rows))
    await conn.exec_driver_sql(sql, values)


def _compile_many(
    conn: AsyncConnection, stmt: Any, names: tuple[str, ...]
) -> tuple[str, Callable[[tuple[Any, ...]], Any] | None]:
    compiled = stmt.compile(dialect=conn.dialect)
    order = tuple(compiled.positiontup or ())  # a name may come more than once (SQLite)
    if missing := set(names) - set(order):
        raise ValueError(f"{sorted(missing)} are not parameters of {compiled}")
    own = [name for name in dict.fromkeys(order) if name not in names]
    if needed := [name for name in own if compiled.binds[name].required]:
        raise ValueError(f"parameters {needed} of {compiled} are not in {names}")
    extra = tuple(compiled.params[name] for name in own)  # the literals, after each row
    where = {name: i for i, name in enumerate((*names, *own))}
    picks = tuple(where[name] for name in order)
    sql = str(compiled)
    if picks == tuple(range(len(names))) and not extra:
        return sql, None
    get = itemgetter(*picks)  # in C
    if len(picks) == 1:
        return sql, lambda row: (get(row + extra),)
    return sql, (lambda row: get(row + extra)) if extra else get
