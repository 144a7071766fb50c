"""The person's language (issue 24): small decayed per-language counts of their posts'
`langs` tags (never any text) and whether they chose the language themselves (`lang`).

Revision ID: 0011_language
Revises: 0010_reply_triage
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_language"
down_revision = "0010_reply_triage"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("lang_counts", sa.String(96), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("language_chosen", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.drop_column("language_chosen")
        batch.drop_column("lang_counts")
