"""Queueing outbox drafts: one insert shared by the ingest batch (welcomes), the evaluation
pass (nudges) and friend suggestions, below all three so that none imports another for it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.codec import insert_for
from bot.store.models import outbox
from bot.store.types import OutboxDraft


async def insert_outbox_many(
    conn: AsyncConnection,
    drafts: Sequence[OutboxDraft],
    now_us: int,
    prev_last_nudge: Mapping[str, int | None] | None = None,
) -> None:
    """Queue drafts; one already queued for the same (did, kind, episode) stays as it was."""
    if not drafts:
        return
    stmt = insert_for(conn, outbox).on_conflict_do_nothing(
        index_elements=["did", "kind", "episode"]
    )
    prev = prev_last_nudge or {}
    await conn.execute(
        stmt,
        [
            {
                "did": d.did,
                "kind": d.kind,
                "episode": d.episode,
                "variant": d.variant,
                "text": d.text,
                "created_us": now_us,
                "send_after_us": d.send_after_us,
                "status": "pending",
                "attempts": 0,
                "prev_last_nudge_us": prev.get(d.did),
                "about_digest": d.about_digest,
            }
            for d in drafts
        ],
    )
