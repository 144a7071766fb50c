"""Moving to PostgreSQL: `copy_database` carries every row of every table, or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.errors import ConfigError
from bot.store import IngestBatch, Store
from bot.store.copy import copy_database
from bot.store.models import metadata, outbox
from tests.store.test_contract import ALICE, BOB, T0, no_next, opt_in_batch, post, stop

CAROL = "did:plc:carol"


async def fill(store: Store) -> None:
    await store.migrate()
    batch = opt_in_batch(ALICE)
    batch.activities.append(post(ALICE, "p1", T0 + 5, promo=True, reply_to=BOB))
    batch.cursors["jetstream"] = T0 + 5
    await store.apply(batch, T0 + 5, no_next)
    await store.apply(opt_in_batch(BOB, T0 + 6), T0 + 6, no_next)
    await store.apply(opt_in_batch(CAROL, T0 + 7, rkey="c1"), T0 + 7, no_next)
    await stop(store, CAROL, "c1", "stop", T0 + 8)  # a tombstone and a welcome ledger row
    await store.note_reply(BOB, "convo-bob", T0 + 9, human=True)  # an inbox entry
    await store.set_marker("chat-log", "cursor-1", T0 + 9)
    await store.set_switch("pause_all", str(T0 + 9), T0 + 9)
    await store.hold_reply("convo-bob", "held while paused", T0 + 9, T0 + 9)
    await store.record_answer(("convo-bob", "m1"), "an answer being sent", T0 + 9)


async def rows_of(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    async with store.engine.connect() as conn:
        return {
            table.name: sorted(map(tuple, (await conn.execute(select(table))).all()), key=repr)
            for table in metadata.sorted_tables
        }


async def test_every_row_arrives_and_new_ids_follow_the_copied_ones(
    tmp_path: Path, store: Store
) -> None:
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}") as source:
        await fill(source)
        report = await copy_database(source, store)
        expected = await rows_of(source)
    assert await rows_of(store) == expected
    assert report.rows == {name: len(rows) for name, rows in expected.items()}
    assert all(report.rows[t] > 0 for t in ("people", "activity", "outbox", "cursors"))
    assert all(report.rows[t] > 0 for t in ("tombstones", "welcome_ledger", "inbox", "markers"))
    assert report.rows["switches"] == report.rows["held_replies"] == report.rows["answers"] == 1

    await store.apply(opt_in_batch("did:plc:dave", T0 + 10), T0 + 10, no_next)  # a welcome
    async with store.engine.connect() as conn:
        ids = sorted((await conn.execute(select(outbox.c.id))).scalars())
    assert len(ids) == len(set(ids)) == report.rows["outbox"] + 1
    assert ids[-1] > max(row[0] for row in expected["outbox"])
    await store.hold_reply("convo-bob", "another", T0 + 11, T0 + 11)  # its id follows too
    assert len(await store.held()) == 2


async def test_a_target_with_data_is_refused_and_left_as_it_was(
    tmp_path: Path, store: Store
) -> None:
    await store.apply(IngestBatch(opt_ins=opt_in_batch(BOB).opt_ins), T0, no_next)
    before = await rows_of(store)
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}") as source:
        await fill(source)
        with pytest.raises(ConfigError, match="already holds data"):
            await copy_database(source, store)
    assert await rows_of(store) == before


async def test_a_source_behind_the_code_is_refused(tmp_path: Path, store: Store) -> None:
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path / 'never-migrated.db'}") as source:
        with pytest.raises(ConfigError, match="nudgebot migrate"):
            await copy_database(source, store)
