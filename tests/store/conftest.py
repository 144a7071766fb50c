"""One contract suite, every backend: SQLite always, PostgreSQL when NUDGEBOT_TEST_PG_URL is set."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.store import Store
from bot.store.engine import create_engine

PG_URL = os.environ.get("NUDGEBOT_TEST_PG_URL", "")


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
NO_PG = "PostgreSQL suite SKIPPED: NUDGEBOT_TEST_PG_URL is unset (run `make test`)"


async def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


@pytest.fixture(params=BACKENDS)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'store.db'}"
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail(NO_PG + " — CI must never skip it")
        pytest.skip(NO_PG)
    await reset_postgres(PG_URL)
    return PG_URL


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    async with Store.open(database_url) as opened:
        await opened.migrate()
        yield opened
