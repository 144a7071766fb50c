"""History backfill state per person: pending until their recent public records are read.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("history_loaded_us", sa.BigInteger))
        batch.add_column(
            sa.Column("history_attempts", sa.Integer, nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("history_retry_us", sa.BigInteger))
        batch.create_index("ix_people_history_loaded_us", ["history_loaded_us"])


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.drop_index("ix_people_history_loaded_us")
        batch.drop_column("history_retry_us")
        batch.drop_column("history_attempts")
        batch.drop_column("history_loaded_us")
