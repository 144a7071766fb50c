""" "Stay in touch" storage: the switch, counterparts, blocks and skips (see bot/friends.py).

Counterparts and blocks are kept only for people whose `friends_enabled` is set; the ingest
helpers here filter by it inside the batch's own transaction, so nothing about anyone else is
ever written. Blocked and skipped DIDs are stored as keyed digests.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.aggregates import decode_ints, encode_ints
from bot.clock import US_PER_DAY
from bot.friends import Counterpart, merge_days
from bot.store.codec import insert_for
from bot.store.digest import DidHasher
from bot.store.drafts import insert_outbox_many
from bot.store.models import activity, friend_blocks, friend_counterparts, friend_skips, people
from bot.store.types import ActivityRow, Contact, OutboxDraft

_CHUNK = 500
BLOCK = "block"
POST = "post"
FORGOTTEN_DID = "did:forgotten"  # bot/store/ingest.py: a target who opted out


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


async def enabled_among(conn: AsyncConnection, dids: Collection[str]) -> set[str]:
    found: set[str] = set()
    for part in _chunks(sorted(dids)):
        result = await conn.scalars(
            select(people.c.did).where(people.c.did.in_(part), people.c.friends_enabled)
        )
        found.update(result.all())
    return found


async def merge_contacts(
    conn: AsyncConnection, contacts: Iterable[Contact], judgment_days: int, now_us: int
) -> None:
    """Fold contacts into the counterpart rows of the people they belong to."""
    by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
    for c in contacts:
        by_pair[(c.did, c.friend)].append(c.time_us)
    if not by_pair:
        return
    horizon_day = (now_us - judgment_days * US_PER_DAY) // US_PER_DAY
    dids = sorted({did for did, _ in by_pair})
    current: dict[tuple[str, str], Counterpart] = {}
    for part in _chunks(dids):
        result = await conn.execute(
            select(friend_counterparts).where(friend_counterparts.c.did.in_(part))
        )
        for row in result.mappings():
            key = (row["did"], row["counterpart_did"])
            if key in by_pair:
                current[key] = _counterpart(row)
    values = []
    for (did, friend), times in by_pair.items():
        old = current.get((did, friend))
        days = merge_days(old.days if old else (), (t // US_PER_DAY for t in times), horizon_day)
        values.append(
            {
                "did": did,
                "counterpart_did": friend,
                "count": (old.times if old else 0) + len(times),
                "first_us": min(times) if old is None else min(old.first_us, *times),
                "last_us": max(times) if old is None else max(old.last_us, *times),
                "days": encode_ints(days),
            }
        )
    stmt = insert_for(conn, friend_counterparts)
    stmt = stmt.on_conflict_do_update(
        index_elements=[friend_counterparts.c.did, friend_counterparts.c.counterpart_did],
        set_={name: stmt.excluded[name] for name in ("count", "first_us", "last_us", "days")},
    )
    await conn.execute(stmt, values)


def _counterpart(row: object) -> Counterpart:
    r = dict(row)  # type: ignore[call-overload]
    return Counterpart(
        r["counterpart_did"],
        int(r["count"]),
        r["first_us"],
        r["last_us"],
        tuple(decode_ints(r["days"])),
    )


async def apply_friends(
    conn: AsyncConnection,
    fresh: Sequence[ActivityRow],
    contacts: Sequence[Contact],
    deletions: Sequence[tuple[str, str, str]],
    judgment_days: int,
    now_us: int,
    digest: DidHasher,
    enabled_of_fresh: set[str] | None = None,
) -> None:
    """The batch's part for friends-enabled people: new contacts (only of records stored for
    the first time, so a re-delivery counts once), new blocks, removed blocks.
    `enabled_of_fresh`, when given, says who of the people with fresh rows has it on (the
    aggregates merge read it already)."""
    for did, collection, rkey in deletions:
        if collection == BLOCK:
            await conn.execute(
                delete(friend_blocks).where(
                    friend_blocks.c.did == did, friend_blocks.c.rkey == rkey
                )
            )
    new_posts = {(row.did, row.rkey) for row in fresh if row.collection == POST}
    # a record repeated within the batch is one contact (the activity insert keeps one, too)
    unique = {(c.did, c.rkey, c.friend): c for c in contacts if (c.did, c.rkey) in new_posts}
    contacts = list(unique.values())
    blocks = [r for r in fresh if r.collection == BLOCK and r.target_did]
    if not contacts and not blocks:
        return
    wanted = {c.did for c in contacts} | {b.did for b in blocks}
    if enabled_of_fresh is not None:
        enabled = wanted & enabled_of_fresh  # contacts and blocks come from fresh rows only
    else:
        enabled = await enabled_among(conn, wanted)
    if not enabled:
        return
    await merge_contacts(conn, [c for c in contacts if c.did in enabled], judgment_days, now_us)
    await add_blocks(conn, [b for b in blocks if b.did in enabled], digest)


async def add_blocks(conn: AsyncConnection, rows: Sequence[ActivityRow], digest: DidHasher) -> None:
    values = [
        {"did": r.did, "rkey": r.rkey, "blocked_digest": digest(r.target_did)}
        for r in rows
        if r.target_did
    ]
    if values:
        stmt = insert_for(conn, friend_blocks).on_conflict_do_nothing(
            index_elements=["did", "rkey"]
        )
        await conn.execute(stmt, values)


async def purge_friends(conn: AsyncConnection, dids: Sequence[str]) -> None:
    """Opt-out: the person's own friend rows, and every counterpart row naming them (blocks
    and skips of them are digests and stay, so they are still never suggested)."""
    for table in (friend_counterparts, friend_blocks, friend_skips):
        await conn.execute(delete(table).where(table.c.did.in_(dids)))
    await conn.execute(
        delete(friend_counterparts).where(friend_counterparts.c.counterpart_did.in_(dids))
    )


async def prune_friends(conn: AsyncConnection, horizon_us: int) -> None:
    """Counterparts not addressed within the judgment window are forgotten."""
    await conn.execute(
        delete(friend_counterparts).where(friend_counterparts.c.last_us < horizon_us)
    )


class FriendQueries:
    engine: AsyncEngine
    digest: DidHasher

    async def set_friends(self, did: str, on: bool, now_us: int, judgment_days: int) -> bool:
        """Turn "stay in touch" on (seeded from the replies, quotes and blocks already kept
        for the judgment window) or off (counterparts and blocks deleted; skips stay)."""
        async with self.engine.begin() as conn:
            result = await conn.execute(
                update(people).where(people.c.did == did).values(friends_enabled=on)
            )
            if not result.rowcount:
                return False
            await conn.execute(delete(friend_counterparts).where(friend_counterparts.c.did == did))
            await conn.execute(delete(friend_blocks).where(friend_blocks.c.did == did))
            if on:
                await self._seed(conn, did, now_us, judgment_days)
        return True

    async def _seed(self, conn: AsyncConnection, did: str, now_us: int, judgment_days: int) -> None:
        result = await conn.execute(
            select(activity).where(activity.c.did == did, activity.c.target_did.is_not(None))
        )
        rows = [
            ActivityRow(r.did, r.collection, r.rkey, r.kind, r.time_us, target_did=r.target_did)
            for r in result
        ]
        contacts = [
            Contact(r.did, r.rkey, r.target_did, r.time_us)
            for r in rows
            if r.collection == POST and r.target_did not in (None, did, FORGOTTEN_DID)
        ]
        await merge_contacts(conn, contacts, judgment_days, now_us)
        await add_blocks(conn, [r for r in rows if r.collection == BLOCK], self.digest)

    async def friends_state(self, did: str) -> tuple[bool, int | None] | None:
        """(on, when the last suggestion was queued), None when not opted in."""
        query = select(people.c.friends_enabled, people.c.last_friend_us).where(people.c.did == did)
        async with self.engine.connect() as conn:
            row = (await conn.execute(query)).first()
        return None if row is None else (bool(row[0]), row[1])

    async def friends_enabled(self) -> dict[str, int | None]:
        """Everyone with "stay in touch" on: DID -> when their last suggestion was queued."""
        query = select(people.c.did, people.c.last_friend_us).where(people.c.friends_enabled)
        async with self.engine.connect() as conn:
            return {did: last for did, last in (await conn.execute(query)).all()}

    async def counterparts(self, did: str) -> list[Counterpart]:
        query = select(friend_counterparts).where(friend_counterparts.c.did == did)
        async with self.engine.connect() as conn:
            return [_counterpart(row) for row in (await conn.execute(query)).mappings()]

    async def friend_exclusions(self, did: str) -> set[str]:
        """Digests of whom the person blocks or skipped."""
        blocks = select(friend_blocks.c.blocked_digest).where(friend_blocks.c.did == did)
        skips = select(friend_skips.c.skipped_digest).where(friend_skips.c.did == did)
        async with self.engine.connect() as conn:
            found = set((await conn.scalars(blocks)).all())
            found.update((await conn.scalars(skips)).all())
        return found

    async def add_friend_skip(self, did: str, friend: str, now_us: int) -> None:
        async with self.engine.begin() as conn:
            stmt = insert_for(conn, friend_skips).on_conflict_do_nothing(
                index_elements=["did", "skipped_digest"]
            )
            await conn.execute(
                stmt, [{"did": did, "skipped_digest": self.digest(friend), "created_us": now_us}]
            )

    async def queue_friend(
        self, draft: OutboxDraft, now_us: int, prev_last_nudge: int | None
    ) -> None:
        """Queue a suggestion and spend the nudge budget on it, in one transaction."""
        async with self.engine.begin() as conn:
            await insert_outbox_many(conn, [draft], now_us, {draft.did: prev_last_nudge})
            await conn.execute(
                update(people)
                .where(people.c.did == draft.did)
                .values(last_nudge_us=now_us, last_friend_us=now_us)
            )
