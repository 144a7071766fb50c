"""The one driver-level executemany: rows in the caller's order, the statement's literals
added, and each statement's own SQL however statements come and go."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, Text, bindparam, case, func, select
from sqlalchemy import update as sql_update
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.store.codec import execute_many

META = MetaData()
ROWS = Table(
    "rows",
    META,
    Column("k", Text, primary_key=True),
    Column("a", Integer),
    Column("b", Integer),
    Column("c", Integer),
)
KEYS = ("x", "y", "z")


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    made = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'many.db'}")
    async with made.begin() as conn:
        await conn.run_sync(META.create_all)
        await conn.execute(ROWS.insert(), [{"k": k, "a": 1, "b": 2, "c": 3} for k in KEYS])
    yield made
    await made.dispose()


async def table(engine: AsyncEngine) -> dict[str, tuple[Any, ...]]:
    async with engine.connect() as conn:
        found = await conn.execute(select(ROWS).order_by(ROWS.c.k))
        return {row.k: tuple(row)[1:] for row in found}


async def test_rows_in_the_callers_order_with_the_statements_literals(
    engine: AsyncEngine,
) -> None:
    # the compiled order is a, b (twice b_a on SQLite), c, k; the CASE's 0 is a literal
    stmt = (
        sql_update(ROWS)
        .where(ROWS.c.k == bindparam("b_k"))
        .values(
            a=bindparam("b_a"),
            b=case((bindparam("b_a").is_(None), ROWS.c.b), else_=0),
            c=func.coalesce(bindparam("b_c"), ROWS.c.c),
        )
    )
    async with engine.begin() as conn:
        await execute_many(conn, stmt, ("b_k", "b_c", "b_a"), [("x", 30, 10), ("y", None, None)])
    assert await table(engine) == {"x": (10, 0, 30), "y": (None, 2, 3), "z": (1, 2, 3)}


@pytest.mark.parametrize(
    ("names", "error"),
    [
        (("b_k",), r"parameters \['b_a'\] .* are not in"),
        (("b_k", "b_a", "b_typo"), r"\['b_typo'\] are not parameters"),
    ],
)
async def test_a_name_that_does_not_match_is_refused(
    engine: AsyncEngine, names: tuple[str, ...], error: str
) -> None:
    stmt = sql_update(ROWS).where(ROWS.c.k == bindparam("b_k")).values(a=bindparam("b_a"))
    async with engine.begin() as conn:
        with pytest.raises(ValueError, match=error):
            await execute_many(conn, stmt, names, [("x", 5) + (0,) * (len(names) - 2)])
    assert (await table(engine))["x"] == (1, 2, 3)


async def test_a_statement_built_where_a_freed_one_was_gets_its_own_sql(
    engine: AsyncEngine,
) -> None:
    """Statements made and dropped in turn often reuse an address, so a cache keyed on
    id(stmt) would run the previous statement's SQL (here: write the other column)."""
    for i in range(40):
        column = "a" if i % 2 else "b"
        stmt = sql_update(ROWS).where(ROWS.c.k == bindparam("b_k"))
        stmt = stmt.values({column: bindparam("b_v")})
        async with engine.begin() as conn:
            await execute_many(conn, stmt, ("b_k", "b_v"), [("x", i)])
        del stmt
        gc.collect()
        a, b, _ = (await table(engine))["x"]
        assert (a if i % 2 else b) == i, (i, column)
