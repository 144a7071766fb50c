"""Privacy, on every backend: after an opt-out no row of any table names the person, and no
post text is ever stored. Tables are found by reflecting the live database, so a table added
later is searched too; every text column of every row is searched for the DID."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, select, text

from bot.errors import ConfigError
from bot.events import (
    ActivityKind,
    BlockCreated,
    EngagementCreated,
    Event,
    FollowCreated,
    FollowDeleted,
    IdentityChanged,
    PostCreated,
    ProfileChanged,
    StopRequested,
)
from bot.pipeline import Pipeline
from bot.policy import PolicySettings
from bot.store import Store
from bot.store.digest import DidHasher
from bot.store.models import tombstones

BOT = "did:plc:thebotxxxxxxxxxxxxxxxx"
ALICE = "did:plc:aliceprivacyxxxxxxxxxx"
BOB = "did:plc:bobbystanderxxxxxxxxxx"
T0 = 1_785_585_600_000_000
HOUR = 3_600_000_000
SECRET_TEXT = "zebra-quartz-47 my very private words"
KEY = b"k" * 32


async def rows_naming(store: Store, needle: str) -> list[tuple[str, str, Any]]:
    """(table, column, value) of every text value in the database that contains `needle`."""
    found: list[tuple[str, str, Any]] = []
    async with store.engine.connect() as conn:
        meta = MetaData()
        await conn.run_sync(meta.reflect)
        assert {"people", "activity", "outbox", "tombstones", "inbox"} <= set(meta.tables)
        for table in meta.tables.values():
            for row in (await conn.execute(select(table))).mappings():
                for column, value in row.items():
                    if isinstance(value, bytes):
                        value = value.decode(errors="replace")
                    if isinstance(value, str) and needle in value:
                        found.append((table.name, column, value))
    return found


def post(did: str, rkey: str, t: int, reply_to: str | None = None) -> PostCreated:
    record = {"$type": "app.bsky.feed.post", "text": SECRET_TEXT, "createdAt": "2026-01-01"}
    kind = ActivityKind.REPLY if reply_to else ActivityKind.POST
    return PostCreated(did, t, rkey, kind, record, reply_to, reply_to, None, (BOB,))


async def with_two_people(store: Store) -> Pipeline:
    """Alice and Bob opted in, active, replying to and liking each other, with a convo, an
    inbox entry, a queued welcome, a handle and a name: every table that can name someone."""
    pipeline = Pipeline(store, BOT, lambda r: _verdict(), PolicySettings())
    await pipeline.start()
    events: list[Event] = [FollowCreated(ALICE, T0, "fa", BOT), FollowCreated(BOB, T0, "fb", BOT)]
    for i in range(6):
        t = T0 + (i + 1) * 26 * HOUR
        events += [
            post(ALICE, f"pa{i}", t),
            post(BOB, f"pb{i}", t + 1, reply_to=ALICE),
            EngagementCreated(BOB, t + 2, f"lb{i}", ActivityKind.LIKE, ALICE),
            EngagementCreated(ALICE, t + 3, f"la{i}", ActivityKind.LIKE, BOB),
        ]
    events += [
        ProfileChanged(ALICE, T0 + 1, "Alice A.", True, "self"),
        IdentityChanged(ALICE, T0 + 2, "alice.test"),
    ]
    await pipeline.ingest(events, T0 + 7 * 26 * HOUR)
    for did in (ALICE, BOB):
        await store.set_convo(did, f"convo-{did}")
        await store.note_reply(did, f"convo-{did}", T0 + 8 * 26 * HOUR, human=True)
    assert await rows_naming(store, ALICE)  # the search does find her before
    return pipeline


def _verdict() -> Any:
    from bot.classify import PromoVerdict

    return PromoVerdict(score=0.1, promo=False)


OPT_OUTS: dict[str, Event] = {
    "unfollow": FollowDeleted(ALICE, T0 + 9 * 26 * HOUR, "fa"),
    "block": BlockCreated(ALICE, T0 + 9 * 26 * HOUR, "b1", BOT),
    "stop": StopRequested(ALICE, T0 + 9 * 26 * HOUR, "stop"),
    "forget": StopRequested(ALICE, T0 + 9 * 26 * HOUR, "forget"),
}


@pytest.mark.parametrize("how", sorted(OPT_OUTS))
async def test_after_opt_out_no_row_names_the_did(database_url: str, how: str) -> None:
    async with Store.open(database_url, digest=DidHasher(KEY)) as store:
        await store.migrate()
        pipeline = await with_two_people(store)
        outcome = await pipeline.ingest([OPT_OUTS[how]], T0 + 9 * 26 * HOUR)
        assert outcome.opted_out == [ALICE]
        assert await rows_naming(store, ALICE) == []
        assert await rows_naming(store, BOB)  # the bystander's own data is still there
        async with store.engine.connect() as conn:
            stones = (await conn.execute(select(tombstones))).mappings().all()
        plain = hashlib.sha256(ALICE.encode()).hexdigest()
        for stone in stones:  # keyed digests only: a plain hash of a public DID names it
            assert stone["did_digest"] == DidHasher(KEY)(ALICE) != plain
            assert stone["rkey_digest"] in (None, DidHasher(KEY)("fa"))
        assert len(stones) == (1 if how in ("stop", "forget") else 0)


async def test_no_post_text_is_stored(database_url: str, tmp_path: Path) -> None:
    async with Store.open(database_url) as store:
        await store.migrate()
        await with_two_people(store)
        for needle in (SECRET_TEXT, "zebra-quartz-47"):
            assert await rows_naming(store, needle) == []
        if store.backend == "sqlite":
            async with store.engine.connect() as conn:
                await conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    if database_url.startswith("sqlite"):
        path = Path(database_url.split("///", 1)[1])
        files = modes(path.parent, path.name)
        assert files
        for name in files:  # the raw bytes: free pages, the WAL, anything left behind
            assert b"zebra-quartz-47" not in (path.parent / name).read_bytes(), name


def modes(directory: Path, prefix: str) -> dict[str, str]:
    return {
        p.name: oct(p.stat().st_mode & 0o777)
        for p in directory.iterdir()
        if p.name.startswith(prefix)
    }


async def test_the_sqlite_file_is_private_and_a_readable_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    async with Store.open(f"sqlite+aiosqlite:///{path}") as store:
        await store.migrate()
        await store.set_cursor("x", 1, T0)
        files = modes(tmp_path, "bot.db")  # while open: the WAL and shared-memory files too
    assert set(files) == {"bot.db", "bot.db-wal", "bot.db-shm"}
    assert set(files.values()) == {oct(0o600)}
    path.chmod(0o644)
    with pytest.raises(ConfigError, match=r"bot\.db is readable by others: chmod 600"):
        async with Store.open(f"sqlite+aiosqlite:///{path}"):
            pass
