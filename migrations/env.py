"""Alembic environment: runs on a connection handed in by bot.store.engine (async-safe)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from bot.store.models import metadata


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit("run migrations with `nudgebot migrate`, which supplies the connection")
run_on(connection)
