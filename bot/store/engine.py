"""Database URLs, engines and migrations (Alembic, run through `connection.run_sync`)."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.backoff import backoff_delay
from bot.database_url import normalize_url
from bot.errors import ConfigError

log = logging.getLogger(__name__)

T = TypeVar("T")

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent.parent / "migrations"


def is_unavailable(exc: BaseException) -> bool:
    """The database is down, restarting, unreachable or locked — not wrong: worth waiting
    for instead of giving up (a missing table or bad SQL is wrong, and is not)."""
    if isinstance(exc, OSError | TimeoutError):
        return True
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated or isinstance(exc, InterfaceError):
        return True
    text = str(exc.orig).lower()
    return isinstance(exc, OperationalError) and not ("no such" in text or "syntax" in text)


async def until_available(
    step: Callable[[], Awaitable[T]],
    what: str,
    *,
    give_up: Callable[[], bool] = lambda: False,
    cap_s: float = 15.0,
) -> T:
    """`step` once the database takes it: while it is unavailable, wait with a capped backoff
    (a service that exits instead restarts into the same outage: a crash loop)."""
    attempt = 0
    while True:
        try:
            return await step()
        except Exception as exc:
            if not is_unavailable(exc) or give_up():
                raise
            delay = backoff_delay(attempt, base_s=0.5, cap_s=cap_s)
            log.warning("%s: the database is unavailable (%s); again in %.1f s", what, exc, delay)
        await asyncio.sleep(delay)
        attempt += 1


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets `nudgebot status` read while the service writes; NORMAL is durable in WAL mode
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def private_sqlite_file(url: str) -> None:
    """The SQLite file is created mode 0600 (SQLite gives its -wal and -shm files the same
    mode); an existing one that others can read is refused, like the session and key files."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            raise ConfigError(
                f"{path} is readable by others: chmod 600 it (it holds who uses the bot)"
            ) from None
    except FileNotFoundError:
        pass  # no such directory: SQLite says so when it opens


def create_engine(url: str) -> AsyncEngine:
    """The engine; its errors never quote the values bound to a statement (DIDs, DM texts),
    as they would in logged tracebacks (hide_parameters)."""
    url = normalize_url(url)
    if url.startswith("sqlite"):
        private_sqlite_file(url)
        engine = create_async_engine(url, hide_parameters=True)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(
        url, pool_size=5, max_overflow=5, pool_pre_ping=True, hide_parameters=True
    )


def _alembic_config(connection: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations found in {MIGRATIONS_DIR}")
    return head


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    def run(connection: Connection) -> None:
        command.upgrade(_alembic_config(connection), revision)

    async with engine.begin() as conn:
        await conn.run_sync(run)


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    def run(connection: Connection) -> None:
        command.downgrade(_alembic_config(connection), revision)

    async with engine.begin() as conn:
        await conn.run_sync(run)


async def current_revision(engine: AsyncEngine) -> str | None:
    def read(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with engine.connect() as conn:
        return await conn.run_sync(read)
