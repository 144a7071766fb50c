"""The store's part of the operator commands: the global pause, `forget` and `export` of one
person, replies held while paused, and what `status` adds (inbox size, cursor commit times)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.aggregates import Aggregates
from bot.clock import US_PER_DAY
from bot.store import ingest
from bot.store.codec import insert_for
from bot.store.digest import DidHasher
from bot.store.models import (
    activity,
    cursors,
    friend_blocks,
    friend_counterparts,
    friend_skips,
    held_replies,
    inbox,
    outbox,
    people,
    switches,
    tombstones,
    welcome_ledger,
)
from bot.store.types import IngestBatch

PAUSE_SWITCH = "pause_all"
FORGET_PREFIX = "forget:"  # + the keyed digest of the DID: the running service applies it


SOMEONE_ELSE = "someone else"  # how an export names anyone but the person it is about


@dataclass(frozen=True, slots=True)
class ForgetReport:
    """What `forget` found: their own rows per table before it deleted them, the tombstone,
    and others' rows that named them (removed or rewritten so that they no longer do)."""

    deleted: Mapping[str, int]
    had_tombstone: bool
    naming: Mapping[str, int] = field(default_factory=dict)

    @property
    def held(self) -> bool:
        return any(self.deleted.values())

    @property
    def named(self) -> bool:
        return any(self.naming.values())


@dataclass(frozen=True, slots=True)
class HeldReply:
    id: int
    convo_id: str
    text: str
    since_us: int  # the message it answers: what the bot said since then is looked at first
    urgent: bool = False  # answers a crisis: goes first, also while paused


@dataclass(frozen=True, slots=True)
class OperatorStatus:
    paused_since_us: int | None
    inbox_open: int
    cursor_committed_us: dict[str, int] = field(default_factory=dict)
    forget_requests: int = 0
    inbox_urgent: int = 0  # open entries triaged crisis


def _no_next(_: Aggregates) -> int | None:
    return None


class OperatorQueries:
    engine: AsyncEngine
    digest: DidHasher

    # --- switches -----------------------------------------------------------------------
    async def set_switch(self, name: str, value: str, now_us: int) -> None:
        async with self.engine.begin() as conn:
            await _set_switch(conn, name, value, now_us)

    async def clear_switch(self, name: str) -> bool:
        async with self.engine.begin() as conn:
            result = await conn.execute(delete(switches).where(switches.c.name == name))
        return bool(result.rowcount)

    async def switch(self, name: str) -> tuple[str, int] | None:
        """(value, when it was set), or None when the switch is off."""
        query = select(switches.c.value, switches.c.updated_us).where(switches.c.name == name)
        async with self.engine.connect() as conn:
            row = (await conn.execute(query)).first()
        return None if row is None else (str(row[0]), int(row[1]))

    async def paused_since(self) -> int | None:
        """When the operator paused every DM (`nudgebot pause-all`), None when not paused."""
        state = await self.switch(PAUSE_SWITCH)
        return None if state is None else state[1]

    # --- forget and export --------------------------------------------------------------
    async def forget_person(self, did: str, now_us: int, cooldown_days: int = 30) -> ForgetReport:
        """The DM `forget`, asked by the operator: the same opt-out and tombstone the pipeline
        commits for `StopRequested`, plus a request (by digest) for the running service to drop
        them from memory. Others' rows that name them (replies to them, friend rows, friend
        suggestions) stop naming them too. Someone who never opted in gets no tombstone: that
        would refuse their every future follow, which a mailed deletion request did not ask for."""
        async with self.engine.begin() as conn:
            deleted = await _held_counts(conn, did)
            naming = await _naming_counts(conn, did, self.digest(did))
            rkey = await conn.scalar(select(people.c.follow_rkey).where(people.c.did == did))
            had = await _tombstone_of(conn, self.digest(did)) is not None
            if any(deleted.values()):
                batch = IngestBatch(opt_outs={did}, tombstones={did: (rkey, "forget")})
                windows = (0, 0)  # only purges and the tombstone: no aggregates are touched
                await ingest.apply_batch(
                    conn, batch, now_us, _no_next, windows, cooldown_days * US_PER_DAY, self.digest
                )
            elif any(naming.values()):
                await ingest.purge(conn, [did], self.digest)
            await _set_switch(conn, FORGET_PREFIX + self.digest(did), "forget", now_us)
        return ForgetReport(deleted, had, naming)

    async def forget_requests(self) -> list[str]:
        """Digests of people forgotten by `nudgebot forget` the service has yet to drop."""
        query = select(switches.c.name).where(switches.c.name.startswith(FORGET_PREFIX))
        async with self.engine.connect() as conn:
            return [name.removeprefix(FORGET_PREFIX) for name in (await conn.scalars(query))]

    async def forget_request_done(self, did_digest: str) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(
                delete(switches).where(switches.c.name == FORGET_PREFIX + did_digest)
            )

    async def export_person(self, did: str) -> dict[str, Any]:
        """Everything held about `did`, and every row of others that names them, as plain
        JSON-ready data. Anyone else appears only as "someone else": no other DID or handle
        (a friend suggestion's text, which names the friend, is left out)."""
        mine = self.digest(did)
        async with self.engine.connect() as conn:
            person = (await conn.execute(select(people).where(people.c.did == did))).first()
            acts = await conn.execute(
                select(activity).where(activity.c.did == did).order_by(activity.c.time_us)
            )
            activities = [_own_activity(did, _plain(row)) for row in acts.mappings()]
            rows = {
                "outbox": [
                    _own_dm(row)
                    for row in await _rows(
                        conn, select(outbox).where(outbox.c.did == did).order_by(outbox.c.id)
                    )
                ],
                "inbox": await _rows(conn, select(inbox).where(inbox.c.did == did)),
                **await _friend_rows(conn, did),
                "named_by_others": await _naming_rows(conn, did, mine),
            }
            grave = await _tombstone_of(conn, mine)
            welcomed = await conn.scalar(
                select(welcome_ledger.c.last_welcome_us).where(welcome_ledger.c.did_digest == mine)
            )
            pending = await conn.scalar(
                select(switches.c.updated_us).where(switches.c.name == FORGET_PREFIX + mine)
            )
        by_kind: dict[str, int] = {}
        for act in activities:
            by_kind[act["kind"]] = by_kind.get(act["kind"], 0) + 1
        return {
            "did": did,
            "person": _plain(person._mapping) if person is not None else None,
            "activity_counts": by_kind,
            "activity": activities,
            **rows,
            "tombstone": grave,
            "last_welcome_us": welcomed,
            "forget_requested_us": pending,
        }

    # --- replies held while paused ------------------------------------------------------
    async def hold_reply(
        self, convo_id: str, text: str, since_us: int, now_us: int, *, urgent: bool = False
    ) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(
                held_replies.insert().values(
                    convo_id=convo_id,
                    text=text,
                    since_us=since_us,
                    created_us=now_us,
                    urgent=urgent,
                )
            )

    async def held(self, limit: int = 50, *, urgent_only: bool = False) -> list[HeldReply]:
        """Held answers, urgent ones first, each group oldest first."""
        query = select(held_replies).order_by(held_replies.c.urgent.desc(), held_replies.c.id)
        if urgent_only:
            query = query.where(held_replies.c.urgent.is_(True))
        async with self.engine.connect() as conn:
            rows = (await conn.execute(query.limit(limit))).all()
        return [HeldReply(r.id, r.convo_id, r.text, r.since_us, bool(r.urgent)) for r in rows]

    async def drop_held(self, reply_id: int) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(delete(held_replies).where(held_replies.c.id == reply_id))

    # --- status -------------------------------------------------------------------------
    async def operator_status(self) -> OperatorStatus:
        async with self.engine.connect() as conn:
            paused = await conn.scalar(
                select(switches.c.updated_us).where(switches.c.name == PAUSE_SWITCH)
            )
            open_ = await conn.scalar(
                select(func.count()).select_from(inbox).where(inbox.c.status == "open")
            )
            committed = (await conn.execute(select(cursors.c.name, cursors.c.updated_us))).all()
            requests = await conn.scalar(
                select(func.count())
                .select_from(switches)
                .where(switches.c.name.startswith(FORGET_PREFIX))
            )
            urgent = await conn.scalar(
                select(func.count())
                .select_from(inbox)
                .where(inbox.c.status == "open", inbox.c.level == "crisis")
            )
        return OperatorStatus(
            paused_since_us=int(paused) if paused is not None else None,
            inbox_open=int(open_ or 0),
            cursor_committed_us={name: int(at) for name, at in committed},
            forget_requests=int(requests or 0),
            inbox_urgent=int(urgent or 0),
        )


async def _set_switch(conn: AsyncConnection, name: str, value: str, now_us: int) -> None:
    stmt = insert_for(conn, switches).values(name=name, value=value, updated_us=now_us)
    # set again, it keeps its first time: "paused since" is when the pause began
    stmt = stmt.on_conflict_do_update(index_elements=[switches.c.name], set_={"value": value})
    await conn.execute(stmt)


_OWN_TABLES = (people, activity, outbox, inbox, friend_counterparts, friend_blocks, friend_skips)


async def _held_counts(conn: AsyncConnection, did: str) -> dict[str, int]:
    counts = {}
    for table in _OWN_TABLES:
        query = select(func.count()).select_from(table).where(table.c.did == did)
        counts[str(table.name)] = int(await conn.scalar(query) or 0)
    return counts


async def _naming_counts(conn: AsyncConnection, did: str, did_digest: str) -> dict[str, int]:
    """Others' rows that name `did`: as whom their activity addressed, as a friend, and DMs
    (friend suggestions) whose text names them, unless already blanked after sending."""
    queries = {
        "activity addressing them": (activity, activity.c.target_did == did),
        "friend rows of others": (
            friend_counterparts,
            friend_counterparts.c.counterpart_did == did,
        ),
        "DMs naming them": (outbox, outbox.c.about_digest == did_digest),
    }
    counts = {}
    for name, (table, where) in queries.items():
        query = select(func.count()).select_from(table).where(where)
        counts[name] = int(await conn.scalar(query) or 0)
    return counts


async def _tombstone_of(conn: AsyncConnection, did_digest: str) -> dict[str, Any] | None:
    query = select(tombstones.c.reason, tombstones.c.created_us, tombstones.c.rkey_digest).where(
        tombstones.c.did_digest == did_digest
    )
    row = (await conn.execute(query)).first()
    if row is None:
        return None
    return {"reason": row[0], "created_us": row[1], "names_a_follow_record": row[2] is not None}


async def _rows(conn: AsyncConnection, query: Any) -> list[dict[str, Any]]:
    return [_plain(m) for m in (await conn.execute(query)).mappings()]


def _own_activity(did: str, row: dict[str, Any]) -> dict[str, Any]:
    target = row.pop("target_did", None)
    row["addressed"] = None if target is None else ("self" if target == did else SOMEONE_ELSE)
    return row


def _own_dm(row: dict[str, Any]) -> dict[str, Any]:
    """A DM to them; one whose text names someone else shows that instead of the text."""
    if row.pop("about_digest", None) is not None:
        row["text"] = None
        row["names"] = SOMEONE_ELSE
    return row


async def _friend_rows(conn: AsyncConnection, did: str) -> dict[str, Any]:
    """Their "stay in touch" rows: whom they talked with, as "someone else"; blocks and skips
    as counts (they are digests of others)."""
    query = select(
        friend_counterparts.c.count,
        friend_counterparts.c.first_us,
        friend_counterparts.c.last_us,
        friend_counterparts.c.days,
    ).where(friend_counterparts.c.did == did)
    talked = [{"with": SOMEONE_ELSE, **row} for row in await _rows(conn, query)]
    counts = {}
    for table in (friend_blocks, friend_skips):
        count = select(func.count()).select_from(table).where(table.c.did == did)
        counts[str(table.name)] = int(await conn.scalar(count) or 0)
    return {"friend_counterparts": talked, **counts}


async def _naming_rows(conn: AsyncConnection, did: str, did_digest: str) -> dict[str, Any]:
    """Others' rows that name them, each other person as "someone else"."""
    acts = select(activity.c.kind, activity.c.collection, activity.c.time_us).where(
        activity.c.target_did == did
    )
    friends = select(
        friend_counterparts.c.count, friend_counterparts.c.first_us, friend_counterparts.c.last_us
    ).where(friend_counterparts.c.counterpart_did == did)
    dms = select(outbox.c.kind, outbox.c.status, outbox.c.created_us, outbox.c.sent_us).where(
        outbox.c.about_digest == did_digest
    )
    return {
        "activity": [
            {"by": SOMEONE_ELSE, **r} for r in await _rows(conn, acts.order_by("time_us"))
        ],
        "friend_rows": [{"of": SOMEONE_ELSE, **r} for r in await _rows(conn, friends)],
        "dms": [{"to": SOMEONE_ELSE, **r} for r in await _rows(conn, dms)],
    }


def _plain(row: Mapping[Any, Any]) -> dict[str, Any]:
    """Column names as plain `str` (SQLAlchemy's are a str subclass JSON encoders refuse)."""
    return {str(key): value for key, value in row.items()}
