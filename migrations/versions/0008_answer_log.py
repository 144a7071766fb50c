"""When the bot answered whom in DMs (a keyed digest, never the DID): the per-person answer caps
and the DM budget's count of answers survive a restart (bot/answer_caps.py).

Revision ID: 0008_answer_log
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_answer_log"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answer_log",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("did_digest", sa.String(64), nullable=False),
        sa.Column("at_us", sa.BigInteger, nullable=False),
        sa.Column("stranger", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_answer_log"),
    )
    op.create_index("ix_answer_log_did_digest_at_us", "answer_log", ["did_digest", "at_us"])
    op.create_index("ix_answer_log_at_us", "answer_log", ["at_us"])


def downgrade() -> None:
    op.drop_index("ix_answer_log_at_us", "answer_log")
    op.drop_index("ix_answer_log_did_digest_at_us", "answer_log")
    op.drop_table("answer_log")
