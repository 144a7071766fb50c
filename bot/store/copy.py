"""Copy every table from one database to another: the move from SQLite to PostgreSQL.

The schema is the same on both sides (Alembic head), so rows travel as they are, table by
table in dependency order, read in one snapshot and written in one transaction: the target
is either a complete copy or untouched. The keyed digests (tombstones, welcome ledger) only
mean something with the same `nudgebot.key`, so that file moves with the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.errors import ConfigError
from bot.store.models import metadata
from bot.store.repo import Store

BATCH_ROWS = 1000


@dataclass
class CopyReport:
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


async def copy_database(source: Store, target: Store) -> CopyReport:
    """Copy `source` (at head) into `target` (migrated here; must hold no rows)."""
    await source.ensure_current()
    await target.migrate()
    report = CopyReport()
    async with source.engine.connect() as reader, target.engine.begin() as writer:
        await _refuse_non_empty(writer)
        for table in metadata.sorted_tables:
            rows = 0
            stream = await reader.stream(select(table))
            async for chunk in stream.mappings().partitions(BATCH_ROWS):
                await writer.execute(table.insert(), [dict(row) for row in chunk])
                rows += len(chunk)
            report.rows[table.name] = rows
        if target.backend == "postgresql":
            await _advance_sequences(writer)
    return report


async def _refuse_non_empty(writer: AsyncConnection) -> None:
    for table in metadata.sorted_tables:
        count = (await writer.execute(select(func.count()).select_from(table))).scalar_one()
        if count:
            raise ConfigError(
                f"the target database already holds data ({count} rows in {table.name}); "
                "copy into an empty database"
            )


async def _advance_sequences(writer: AsyncConnection) -> None:
    # rows arrived with their ids; the next id handed out must come after them
    for table in metadata.sorted_tables:
        column = table.autoincrement_column
        if column is not None:
            await writer.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                    f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"
                )
            )
