"""The random kills on PostgreSQL, with the database going away mid-run: a TcpProxy in front
of PostgreSQL plays a server restart twice (every connection reset, new ones refused for a few
seconds) while the bot is also being SIGKILLed. The bot waits for it with backoff — at startup
too — and nothing is lost or doubled (the invariants of tests/localnet/chaos.py)."""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from tests.localnet.botproc import Live
from tests.localnet.tcp_proxy import TcpProxy
from tests.localnet.test_chaos import Database, run_chaos
from tests.localnet.util import eventually

pytestmark = [pytest.mark.localnet, pytest.mark.postgres]

PG_URL = os.environ.get("NUDGEBOT_TEST_PG_URL", "")
PEOPLE, KILLS, SPREAD_S = 12, 20, 15.0  # ≈ 1.5 min: the SQLite run already covers the cast
OUTAGES_S = ((6.0, 5.0), (12.0, 3.0))  # (after, for how long) the database is "restarting"


@pytest.fixture
async def fresh_database() -> AsyncIterator[str]:
    """A database of its own for the run, dropped at the end."""
    if not PG_URL:
        if os.environ.get("CI") == "true":
            pytest.fail("NUDGEBOT_TEST_PG_URL is unset under CI", pytrace=False)
        pytest.skip("PostgreSQL chaos SKIPPED: NUDGEBOT_TEST_PG_URL is unset (run `make test`)")
    name = f"nb_chaos_{secrets.token_hex(4)}"
    admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()


async def test_random_kills_and_database_restarts_on_postgresql_lose_and_double_nothing(
    fresh_database: str,
    live: Live,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = make_url(fresh_database)
    assert url.host is not None and url.port is not None
    async with TcpProxy(url.host, url.port) as proxy:

        async def restarts() -> None:
            for after_s, down_s in OUTAGES_S:
                await asyncio.sleep(after_s)
                # on a loaded machine the bot may still be starting, or between two kills:
                # the outage is for a bot that holds a connection, or it tests nothing
                await eventually(lambda: proxy.open > 0, within=120, what="a database link")
                await proxy.down()
                await asyncio.sleep(down_s)
                proxy.up()

        through_proxy = url.set(host="127.0.0.1", port=proxy.port)
        database = Database(
            through_proxy.render_as_string(hide_password=False), fresh_database, restarts
        )
        await run_chaos(
            people=PEOPLE,
            kills=KILLS,
            spread_s=SPREAD_S,
            database=database,
            live=live,
            capsys=capsys,
        )
        # the bot met the restarts: connections reset, or refused while it was "restarting"
        assert proxy.cut_count + proxy.refused > 0, "the database restarts were not met"
