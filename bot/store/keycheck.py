"""A check value of the digest key, kept in the database the key's digests are in.

Tombstones, the welcome ledger and the friend exclusions hold only keyed digests: with another
key none of them matches any more, and people who said stop would be signed up and welcomed
again. The check value (a digest of a fixed text under the key) tells, at start, whether the
key on disk is the one the database was made with, without saying anything about the key.
"""

from __future__ import annotations

from enum import Enum

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.store.codec import insert_for
from bot.store.digest import DidHasher
from bot.store.models import friend_blocks, friend_skips, markers, tombstones, welcome_ledger

KEY_CHECK_MARKER = "digest_key_check"
_CHECKED_TEXT = "nudgebot: the digest key check"


class KeyCheck(Enum):
    MATCHES = "matches"
    RECORDED = "recorded"  # no check value yet and no digest stored: a first start
    RECORDED_OVER_DIGESTS = "recorded over digests"  # digests from before check values existed
    MISMATCH = "mismatch"


def check_value(digest: DidHasher) -> str:
    return digest(_CHECKED_TEXT)


async def settle_key_check(
    engine: AsyncEngine, digest: DidHasher, now_us: int, *, record: bool = True
) -> KeyCheck:
    """Compare the key with the database's check value; record it when there is none (only
    the service records: an operator command leaves that to it and reports MATCHES)."""
    mine = check_value(digest)
    async with engine.begin() as conn:
        stored = await conn.scalar(
            select(markers.c.value).where(markers.c.name == KEY_CHECK_MARKER)
        )
        if stored is not None:
            return KeyCheck.MATCHES if stored == mine else KeyCheck.MISMATCH
        if not record:
            return KeyCheck.MATCHES
        had_digests = await _holds_digests(conn)
        stmt = insert_for(conn, markers).values(
            name=KEY_CHECK_MARKER, value=mine, updated_us=now_us
        )
        await conn.execute(stmt.on_conflict_do_nothing(index_elements=[markers.c.name]))
        # another process may have recorded its own key in between: what counts is what is there
        stored = await conn.scalar(
            select(markers.c.value).where(markers.c.name == KEY_CHECK_MARKER)
        )
    if stored != mine:
        return KeyCheck.MISMATCH
    return KeyCheck.RECORDED_OVER_DIGESTS if had_digests else KeyCheck.RECORDED


async def _holds_digests(conn: AsyncConnection) -> bool:
    for table in (tombstones, welcome_ledger, friend_blocks, friend_skips):
        if await conn.scalar(select(exists().select_from(table))):
            return True
    return False
