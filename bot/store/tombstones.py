"""Tombstones: after `stop` or `forget` from someone who still follows the bot, only keyed
digests of their DID and of that follow record's rkey remain. The same follow record seen again
(reconciliation lists it; a firehose replay re-sends it) is refused; a new follow record is a
new, deliberate opt-in and removes the tombstone, as `start` does. When no follow record was
known at `stop`, every follow is refused until `start`."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.codec import insert_for
from bot.store.digest import DidHasher
from bot.store.models import tombstones
from bot.store.types import OptIn


async def refuse_tombstoned(
    conn: AsyncConnection, opt_ins: Mapping[str, OptIn], digest: DidHasher
) -> set[str]:
    """The opt-ins to refuse; tombstones of the others (new follow records) are removed."""
    by_digest = {digest(did): did for did in opt_ins}
    result = await conn.execute(
        select(tombstones.c.did_digest, tombstones.c.rkey_digest).where(
            tombstones.c.did_digest.in_(list(by_digest))
        )
    )
    refused: set[str] = set()
    lifted: list[str] = []
    for did_digest, rkey_digest in result.all():
        did = by_digest[did_digest]
        # without a known follow record, only `start` lifts it: they asked us to stop
        if rkey_digest is None or rkey_digest == digest(opt_ins[did].rkey):
            refused.add(did)
        else:
            lifted.append(did_digest)
    if lifted:
        await conn.execute(delete(tombstones).where(tombstones.c.did_digest.in_(lifted)))
    return refused


async def lay(
    conn: AsyncConnection,
    did: str,
    follow_rkey: str | None,
    reason: str,
    now_us: int,
    digest: DidHasher,
) -> None:
    stmt = insert_for(conn, tombstones).values(
        did_digest=digest(did),
        rkey_digest=digest(follow_rkey) if follow_rkey else None,
        reason=reason,
        created_us=now_us,
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=[tombstones.c.did_digest],
        set_={"rkey_digest": stmt.excluded.rkey_digest, "reason": reason, "created_us": now_us},
    )
    await conn.execute(stmt)


async def lift(conn: AsyncConnection, did: str, digest: DidHasher) -> bool:
    result = await conn.execute(delete(tombstones).where(tombstones.c.did_digest == digest(did)))
    return bool(result.rowcount)
