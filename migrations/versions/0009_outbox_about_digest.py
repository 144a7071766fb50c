"""Outbox rows that name someone other than their recipient (a `friend` suggestion names the
friend's handle) carry a keyed digest of that person's DID, so that person's `forget` or opt-out
finds and drops them; and a sent DM's text is not kept (blanked, as `mark_sent` now does).

Revision ID: 0009_outbox_about_digest
Revises: 0008_answer_log
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_outbox_about_digest"
down_revision = "0008_answer_log"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("about_digest", sa.String(64)))
    op.create_index(
        "ix_outbox_about_digest",
        "outbox",
        ["about_digest"],
        sqlite_where=sa.text("about_digest IS NOT NULL"),
        postgresql_where=sa.text("about_digest IS NOT NULL"),
    )
    op.execute("UPDATE outbox SET text = '' WHERE status = 'sent'")


def downgrade() -> None:
    op.drop_index("ix_outbox_about_digest", table_name="outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("about_digest")
