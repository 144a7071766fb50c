"""Reply triage (issue 18): the inbox keeps each open conversation's level (crisis | distress |
ok, never the text) and when the operators were told of an urgent one; a person's automated
DMs can be held (until a date, or until the operator clears a crisis); a crisis answer is
remembered (one a day at most) and a held one is marked urgent.

Revision ID: 0010_reply_triage
Revises: 0009_outbox_about_digest
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_reply_triage"
down_revision = "0009_outbox_about_digest"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inbox") as batch:
        batch.add_column(sa.Column("level", sa.String(16), nullable=False, server_default="ok"))
        batch.add_column(sa.Column("operators_told_us", sa.BigInteger()))
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("nudges_held_until_us", sa.BigInteger()))
        batch.add_column(sa.Column("last_crisis_answer_us", sa.BigInteger()))
    with op.batch_alter_table("held_replies") as batch:
        batch.add_column(
            sa.Column("urgent", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("held_replies") as batch:
        batch.drop_column("urgent")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("last_crisis_answer_us")
        batch.drop_column("nudges_held_until_us")
    with op.batch_alter_table("inbox") as batch:
        batch.drop_column("operators_told_us")
        batch.drop_column("level")
