"""Operator commands: named switches (the global pause, forget requests for the running
service) and replies held while the operator has paused the bot.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "switches",
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_us", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_switches"),
    )
    op.create_table(
        "held_replies",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("convo_id", sa.String(128), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("since_us", sa.BigInteger, nullable=False),
        sa.Column("created_us", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_held_replies"),
    )
    op.create_index("ix_held_replies_convo_id", "held_replies", ["convo_id"])


def downgrade() -> None:
    op.drop_index("ix_held_replies_convo_id", "held_replies")
    op.drop_table("held_replies")
    op.drop_table("switches")
