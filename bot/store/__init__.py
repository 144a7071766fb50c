"""Storage behind a small async interface; SQLite by default, PostgreSQL via DATABASE_URL."""

from bot.store.evaluations import NudgeRecord, NudgeUpdates
from bot.store.repo import Store, Windows
from bot.store.types import (
    AccountState,
    ActivityRow,
    InboxEntry,
    IngestBatch,
    KnownFollower,
    OptIn,
    OutboxDraft,
    OutboxItem,
    PersonRow,
    StatusCounts,
)

__all__ = [
    "AccountState",
    "ActivityRow",
    "InboxEntry",
    "IngestBatch",
    "KnownFollower",
    "NudgeRecord",
    "NudgeUpdates",
    "OptIn",
    "OutboxDraft",
    "OutboxItem",
    "PersonRow",
    "StatusCounts",
    "Store",
    "Windows",
]
