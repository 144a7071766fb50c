"""DMs: each person's conversation and reply state, opt-out tombstones, the operator inbox,
and string markers (the chat log cursor).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("convo_id", sa.String(128)))
        batch.add_column(
            sa.Column("unanswered_nudges", sa.Integer, nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("last_reply_us", sa.BigInteger))
        batch.add_column(sa.Column("last_ack_us", sa.BigInteger))
        batch.add_column(sa.Column("unreachable_checked_us", sa.BigInteger))
        batch.add_column(sa.Column("checkin_until_us", sa.BigInteger))
        batch.create_index("ix_people_convo_id", ["convo_id"])
    op.create_table(
        "tombstones",
        sa.Column("did_digest", sa.String(64), nullable=False),
        sa.Column("rkey_digest", sa.String(64)),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("created_us", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("did_digest", name="pk_tombstones"),
    )
    op.create_table(
        "inbox",
        sa.Column("convo_id", sa.String(128), nullable=False),
        sa.Column("did", sa.String(256), nullable=False),
        sa.Column("first_us", sa.BigInteger, nullable=False),
        sa.Column("last_us", sa.BigInteger, nullable=False),
        sa.Column("messages", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("convo_id", name="pk_inbox"),
    )
    op.create_index("ix_inbox_did", "inbox", ["did"])
    op.create_index("ix_inbox_status_last_us", "inbox", ["status", "last_us"])
    op.create_table(
        "markers",
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_us", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_markers"),
    )


def downgrade() -> None:
    op.drop_table("markers")
    op.drop_index("ix_inbox_status_last_us", "inbox")
    op.drop_index("ix_inbox_did", "inbox")
    op.drop_table("inbox")
    op.drop_table("tombstones")
    with op.batch_alter_table("people") as batch:
        batch.drop_index("ix_people_convo_id")
        batch.drop_column("checkin_until_us")
        batch.drop_column("unreachable_checked_us")
        batch.drop_column("last_ack_us")
        batch.drop_column("last_reply_us")
        batch.drop_column("unanswered_nudges")
        batch.drop_column("convo_id")
