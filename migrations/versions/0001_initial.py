"""Initial schema: people (settings + aggregates), activity, outbox, cursors, welcome ledger.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("did", sa.String(256), nullable=False),
        sa.Column("handle", sa.String(256)),
        sa.Column("display_name", sa.String(256)),
        sa.Column("follow_rkey", sa.String(64), nullable=False),
        sa.Column("opted_in_us", sa.BigInteger, nullable=False),
        sa.Column("account_active", sa.Boolean, nullable=False),
        sa.Column("account_status", sa.String(32)),
        sa.Column("paused_until_us", sa.BigInteger),
        sa.Column("tz_name", sa.String(64)),
        sa.Column("day_start_hour", sa.Integer),
        sa.Column("day_end_hour", sa.Integer),
        sa.Column("frequency_days", sa.Integer),
        sa.Column("language", sa.String(16)),
        sa.Column("last_activity_us", sa.BigInteger),
        sa.Column("active_days", sa.Text, nullable=False),
        sa.Column("hour_counts", sa.Text, nullable=False),
        sa.Column("recent_posts", sa.Text, nullable=False),
        sa.Column("last_nudge_us", sa.BigInteger),
        sa.Column("last_quiet_episode", sa.BigInteger),
        sa.Column("last_promo_nudge_us", sa.BigInteger),
        sa.Column("last_variants", sa.Text, nullable=False),
        sa.Column("unreachable_reason", sa.String(64)),
        sa.Column("next_eval_us", sa.BigInteger),
        sa.PrimaryKeyConstraint("did", name="pk_people"),
    )
    op.create_index("ix_people_next_eval_us", "people", ["next_eval_us"])

    op.create_table(
        "activity",
        sa.Column("did", sa.String(256), nullable=False),
        sa.Column("collection", sa.String(64), nullable=False),
        sa.Column("rkey", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("time_us", sa.BigInteger, nullable=False),
        sa.Column("promo", sa.Boolean, nullable=False),
        sa.Column("promo_score", sa.Float, nullable=False),
        sa.Column("target_did", sa.String(256)),
        sa.PrimaryKeyConstraint("did", "collection", "rkey", name="pk_activity"),
    )
    op.create_index("ix_activity_time_us", "activity", ["time_us"])

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, nullable=False, autoincrement=True),
        sa.Column("did", sa.String(256), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("episode", sa.String(64), nullable=False),
        sa.Column("variant", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_us", sa.BigInteger, nullable=False),
        sa.Column("send_after_us", sa.BigInteger, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("claimed_until_us", sa.BigInteger),
        sa.Column("claimed_by", sa.String(64)),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("sent_us", sa.BigInteger),
        sa.Column("message_id", sa.String(128)),
        sa.Column("prev_last_nudge_us", sa.BigInteger),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("did", "kind", "episode", name="uq_outbox_did_kind_episode"),
    )
    op.create_index("ix_outbox_status_send_after_us", "outbox", ["status", "send_after_us"])
    op.create_index("ix_outbox_did", "outbox", ["did"])

    op.create_table(
        "cursors",
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("value", sa.BigInteger, nullable=False),
        sa.Column("updated_us", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_cursors"),
    )
    op.create_table(
        "welcome_ledger",
        sa.Column("did_digest", sa.String(64), nullable=False),
        sa.Column("last_welcome_us", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("did_digest", name="pk_welcome_ledger"),
    )


def downgrade() -> None:
    op.drop_table("welcome_ledger")
    op.drop_table("cursors")
    op.drop_index("ix_outbox_did", "outbox")
    op.drop_index("ix_outbox_status_send_after_us", "outbox")
    op.drop_table("outbox")
    op.drop_index("ix_activity_time_us", "activity")
    op.drop_table("activity")
    op.drop_index("ix_people_next_eval_us", "people")
    op.drop_table("people")
