"""SQLite for one-task programs (`nudgebot replay`): aiosqlite's API, run on the calling thread.

aiosqlite hands every call to its own thread and back (a queue put, a future, an event-loop
wake-up): in replay, where one task awaits each statement before the next, that hand-off cost
more than SQLite's own work. The same SQL, the same SQLite file, the same transactions; only
the event loop is blocked while SQLite works, which only a program doing nothing else may allow.
Nor may it hold one connection's lock while awaiting another's statement: the second would
wait out the busy timeout and fail, as the first can't go on (replay awaits each store call in
turn, and a read holds no lock once its rows are fetched).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

import aiosqlite
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.database_url import normalize_url
from bot.store.engine import _sqlite_pragmas, private_sqlite_file


class _RunNow:
    """Stands in for aiosqlite's queue to its thread: runs each call as it is queued (the
    adapter queues some calls itself, e.g. SQLAlchemy's isolation-level setter)."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as exc:  # handed to the awaiting caller, as the thread would
            if future is not None and not future.done():
                future.set_exception(exc)
            return
        if future is not None and not future.done():
            future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    """An aiosqlite connection without its thread."""

    def __init__(self, connector: Callable[[], sqlite3.Connection], iter_chunk_size: int) -> None:
        super().__init__(connector, iter_chunk_size)
        self._tx = _RunNow()  # type: ignore[assignment]

    async def _execute(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if not self._running or not self._connection:
            raise ValueError("Connection closed")
        return fn(*args, **kwargs)

    def __await__(self) -> Generator[Any, None, aiosqlite.Connection]:
        return self._connect().__await__()  # no thread to start


def inline_connect(
    database: str | Path, *, iter_chunk_size: int = 64, **kwargs: Any
) -> InlineConnection:
    """`aiosqlite.connect`'s signature (SQLAlchemy calls it with the dialect's arguments)."""
    location = str(database) if isinstance(database, Path) else database
    return InlineConnection(lambda: sqlite3.connect(location, **kwargs), iter_chunk_size)


def create_inline_engine(url: str, scratch: bool = False) -> AsyncEngine:
    """`engine.create_engine` for a SQLite URL, with connections that run inline. A `scratch`
    database (thrown away at the end) skips the rollback journal's file and every fsync, and
    keeps more pages in memory."""
    url = normalize_url(url)
    private_sqlite_file(url)
    engine = create_async_engine(
        url, connect_args={"async_creator_fn": inline_connect}, hide_parameters=True
    )
    event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    if scratch:
        event.listen(engine.sync_engine, "connect", _scratch_pragmas)
    return engine


def _scratch_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # a crash loses a database nobody keeps; transactions still roll back (in memory)
    cursor.execute("PRAGMA journal_mode=MEMORY")
    cursor.execute("PRAGMA synchronous=OFF")
    # 64 MB of page cache instead of 2: each hour's batch updates rows all over the table
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()
