""" "Stay in touch": the per-person switch and last suggestion, whom friends-enabled people
addressed (DIDs, counts, days; never text), whom they block, and whom they skipped.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(
            sa.Column("friends_enabled", sa.Boolean, nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("last_friend_us", sa.BigInteger))
    op.create_table(
        "friend_counterparts",
        sa.Column("did", sa.String(256), nullable=False),
        sa.Column("counterpart_did", sa.String(256), nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("first_us", sa.BigInteger, nullable=False),
        sa.Column("last_us", sa.BigInteger, nullable=False),
        sa.Column("days", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("did", "counterpart_did", name="pk_friend_counterparts"),
    )
    op.create_index(
        "ix_friend_counterparts_counterpart_did", "friend_counterparts", ["counterpart_did"]
    )
    op.create_index("ix_friend_counterparts_last_us", "friend_counterparts", ["last_us"])
    op.create_table(
        "friend_blocks",
        sa.Column("did", sa.String(256), nullable=False),
        sa.Column("rkey", sa.String(64), nullable=False),
        sa.Column("blocked_digest", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("did", "rkey", name="pk_friend_blocks"),
    )
    op.create_table(
        "friend_skips",
        sa.Column("did", sa.String(256), nullable=False),
        sa.Column("skipped_digest", sa.String(64), nullable=False),
        sa.Column("created_us", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("did", "skipped_digest", name="pk_friend_skips"),
    )


def downgrade() -> None:
    op.drop_table("friend_skips")
    op.drop_table("friend_blocks")
    op.drop_index("ix_friend_counterparts_last_us", "friend_counterparts")
    op.drop_index("ix_friend_counterparts_counterpart_did", "friend_counterparts")
    op.drop_table("friend_counterparts")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("last_friend_us")
        batch.drop_column("friends_enabled")
