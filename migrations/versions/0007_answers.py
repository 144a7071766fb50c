"""The answer decided for each DM command, kept until the chat-log cursor has moved past the
command: a crash between a command's effect and its answer must not answer it twice with two
different texts (applied again, `start` would say "already in" after having said "welcome back").

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answers",
        sa.Column("convo_id", sa.String(128), nullable=False),
        sa.Column("message_id", sa.String(128), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_us", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("convo_id", "message_id", name="pk_answers"),
    )


def downgrade() -> None:
    op.drop_table("answers")
