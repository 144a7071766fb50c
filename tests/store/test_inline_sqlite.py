"""The replay's SQLite engine (no driver thread): same store behaviour, transactions intact."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.store import IngestBatch, Store
from bot.store.inline_sqlite import create_inline_engine
from tests.store.test_contract import ALICE, T0, no_next, opt_in_batch, post


def url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'inline.db'}"


async def test_store_works_and_keeps_its_data(tmp_path: Path) -> None:
    engine = create_inline_engine(url(tmp_path))
    store = Store(engine)
    await store.migrate()
    assert await store.apply(opt_in_batch(ALICE), T0, no_next) == [ALICE]
    batch = IngestBatch()
    batch.activities.append(post(ALICE, "p1", T0 + 1))
    await store.apply(batch, T0 + 1, no_next)
    await engine.dispose()
    async with Store.open(url(tmp_path)) as reopened:  # the ordinary, threaded driver
        person = await reopened.person(ALICE)
        assert person is not None and person.last_activity_us == T0 + 1
        assert await reopened.load_opted_in() == {ALICE: "f1"}


@pytest.mark.parametrize("scratch", [False, True])
async def test_a_failed_transaction_rolls_back(tmp_path: Path, scratch: bool) -> None:
    engine = create_inline_engine(url(tmp_path), scratch)
    store = Store(engine)
    await store.migrate()
    with pytest.raises(RuntimeError):
        async with engine.begin() as conn:
            await conn.execute(
                text("INSERT INTO cursors (name, value, updated_us) VALUES ('a', 1, 1)")
            )
            raise RuntimeError("boom")
    assert await store.get_cursor("a") is None
    await engine.dispose()


async def test_runs_on_the_calling_thread_and_scratch_skips_the_journal(tmp_path: Path) -> None:
    engine = create_inline_engine(url(tmp_path), scratch=True)
    threads_before = threading.active_count()
    async with engine.connect() as conn:
        assert threading.active_count() == threads_before
        assert await conn.scalar(text("PRAGMA journal_mode")) == "memory"
        assert await conn.scalar(text("PRAGMA synchronous")) == 0
    await engine.dispose()
    durable = create_inline_engine(url(tmp_path))
    async with durable.connect() as conn:
        assert await conn.scalar(text("PRAGMA journal_mode")) == "wal"
    await durable.dispose()
