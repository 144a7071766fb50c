"""When the bot answered whom in DMs (a keyed digest, never the DID): the per-person answer caps
and the DM budget's count of answers survive a restart (bot/answer_caps.py). Answers to invalid
commands waiting to be sent lose the words of the person they quoted.

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

# the old answer to an invalid command quoted up to 64 characters of the person's message
OLD_INVALID = "Sorry, I didn't get that: %"
NEW_INVALID = "Sorry, I didn't get that. Write “help” for what I understand."


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
    for table in ("held_replies", "answers"):
        op.execute(
            sa.text(f"UPDATE {table} SET text = :new WHERE text LIKE :old").bindparams(
                new=NEW_INVALID, old=OLD_INVALID
            )
        )


def downgrade() -> None:
    op.drop_index("ix_answer_log_at_us", "answer_log")
    op.drop_index("ix_answer_log_did_digest_at_us", "answer_log")
    op.drop_table("answer_log")
