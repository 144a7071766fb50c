"""Waiting for a database that is away (restarting, unreachable, locked) instead of exiting
into a crash loop — and not waiting for one that is wrong."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import InterfaceError, OperationalError, ProgrammingError

from bot.store import Store
from bot.store.engine import is_unavailable, until_available


def _op(message: str) -> OperationalError:
    return OperationalError("SELECT 1", {}, sqlite3.OperationalError(message))


@pytest.mark.parametrize(
    "exc",
    [
        ConnectionRefusedError(111, "refused"),
        ConnectionResetError(104, "reset by peer"),
        TimeoutError(),
        _op("database is locked"),
        InterfaceError("SELECT 1", {}, Exception("connection is closed")),
    ],
)
def test_outages_are_worth_waiting_for(exc: BaseException) -> None:
    assert is_unavailable(exc)


@pytest.mark.parametrize(
    "exc",
    [
        _op("no such table: people"),
        ProgrammingError("SELECT", {}, Exception('relation "people" does not exist')),
        ValueError("a bug"),
    ],
)
def test_mistakes_are_not(exc: BaseException) -> None:
    assert not is_unavailable(exc)


async def test_until_available_waits_out_an_outage() -> None:
    outage: list[BaseException] = [ConnectionRefusedError(), _op("database is locked")]

    async def step() -> str:
        if outage:
            raise outage.pop()
        return "done"

    assert await until_available(step, "test", cap_s=0.01) == "done"
    assert outage == []


async def test_until_available_gives_up_when_asked_and_on_mistakes() -> None:
    async def down() -> None:
        raise ConnectionRefusedError()

    with pytest.raises(ConnectionRefusedError):
        await until_available(down, "test", give_up=lambda: True)

    async def wrong() -> None:
        raise ValueError("a bug")

    with pytest.raises(ValueError):
        await until_available(wrong, "test")


async def test_a_write_lock_held_by_another_connection_is_waited_for(tmp_path: Path) -> None:
    """SQLite: another process holding the write lock for a moment delays the write (busy
    timeout), it does not fail it."""

    url = f"sqlite+aiosqlite:///{tmp_path / 'locked.db'}"
    async with Store.open(url) as store:
        await store.migrate()
        holder = sqlite3.connect(tmp_path / "locked.db", isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")  # the write lock, as another writer would
            write = asyncio.create_task(store.set_cursor("relay", 42, 1))
            await asyncio.sleep(0.5)
            assert not write.done()  # waiting for the lock, not failed
            holder.execute("COMMIT")
            await write
        finally:
            holder.close()
        assert await store.get_cursor("relay") == 42
        async with store.engine.connect() as conn:
            assert (await conn.execute(text("PRAGMA busy_timeout"))).scalar() == 10000
