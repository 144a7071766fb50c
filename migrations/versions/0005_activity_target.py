"""An index on who an activity addressed, for the opt-out purge that rewrites others' replies
and likes to a person who left (partial: most activity addresses nobody).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

WHERE = sa.text("target_did IS NOT NULL")


def upgrade() -> None:
    op.create_index(
        "ix_activity_target_did",
        "activity",
        ["target_did"],
        sqlite_where=WHERE,
        postgresql_where=WHERE,
    )


def downgrade() -> None:
    op.drop_index("ix_activity_target_did", table_name="activity")
