"""The store: a small async interface over SQLite or PostgreSQL (SQLAlchemy 2 Core)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Collection, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Unpack

from sqlalchemy import and_, bindparam, delete, func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.clock import US_PER_DAY
from bot.errors import ConfigError
from bot.faults import FaultHook, no_fault
from bot.policy import DmKind
from bot.store import engine as engines
from bot.store import evaluations, ingest
from bot.store.chat import ChatQueries
from bot.store.codec import person_from_row, person_from_values
from bot.store.digest import DidHasher
from bot.store.evaluations import NudgeRecord
from bot.store.friends import FriendQueries, prune_friends
from bot.store.history import HistoryQueries
from bot.store.language import LanguageQueries
from bot.store.models import activity, cursors, outbox, people, welcome_ledger
from bot.store.operator import OperatorQueries
from bot.store.policy_marker import PolicyQueries
from bot.store.triage import TriageQueries
from bot.store.types import (
    IngestBatch,
    KnownFollower,
    NextEval,
    OutboxItem,
    PersonRow,
    PersonSettings,
    StatusCounts,
)

log = logging.getLogger(__name__)

# A sent DM's text is not kept: it is in the conversation, and it may name a friend. Until the
# row is marked sent it is kept, because a resend after a crash compares it with what the
# conversation already holds (bot/sender.py `already_said`).
SENT_TEXT = ""

SETTABLE_FIELDS = PersonSettings.__optional_keys__


@dataclass(frozen=True, slots=True)
class Windows:
    """How far back aggregates and activity are kept."""

    judgment_days: int = 90
    post_days: int = 14
    welcome_cooldown_days: int = 30


class Store(
    HistoryQueries,
    ChatQueries,
    OperatorQueries,
    FriendQueries,
    PolicyQueries,
    TriageQueries,
    LanguageQueries,
):
    def __init__(
        self, engine: AsyncEngine, windows: Windows | None = None, digest: DidHasher | None = None
    ) -> None:
        self.engine = engine
        self.windows = windows or Windows()
        self.digest = digest or DidHasher()
        self.fault: FaultHook = no_fault  # tests only: the service sets its FAULT_POINT hook

    @classmethod
    @asynccontextmanager
    async def open(
        cls, url: str, windows: Windows | None = None, digest: DidHasher | None = None
    ) -> AsyncIterator[Store]:
        engine = engines.create_engine(url)
        try:
            yield cls(engine, windows, digest)
        finally:
            await engine.dispose()

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    async def ping(self) -> None:
        """The cheapest round trip that proves the database answers (health checks)."""
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    # --- schema -------------------------------------------------------------------------
    async def migrate(self) -> None:
        await engines.upgrade(self.engine)

    async def ensure_current(self) -> None:
        """Refuse to run on a schema that is behind (used with --no-migrate)."""
        current = await engines.current_revision(self.engine)
        head = engines.head_revision()
        if current != head:
            raise ConfigError(
                f"database schema is at {current or 'nothing'}, code needs {head}: "
                "run `nudgebot migrate`"
            )

    # --- ingest -------------------------------------------------------------------------
    async def load_opted_in(self) -> dict[str, str]:
        """DID -> the rkey of their follow of the bot (deletes carry only the rkey)."""
        async with self.engine.connect() as conn:
            result = await conn.execute(select(people.c.did, people.c.follow_rkey))
            return {did: rkey for did, rkey in result.all()}

    async def load_opted_in_details(self) -> dict[str, KnownFollower]:
        """DID -> (follow rkey, opt-in time): what reconciliation compares the followers with."""
        query = select(people.c.did, people.c.follow_rkey, people.c.opted_in_us)
        async with self.engine.connect() as conn:
            result = await conn.execute(query)
            return {did: KnownFollower(rkey, int(at)) for did, rkey, at in result.all()}

    async def apply(self, batch: IngestBatch, now_us: int, next_eval: NextEval) -> list[str]:
        """Apply a batch atomically, cursor included. Returns the DIDs whose welcome was queued."""
        windows = (self.windows.judgment_days, self.windows.post_days)
        cooldown = self.windows.welcome_cooldown_days * US_PER_DAY
        async with self.engine.begin() as conn:
            return await ingest.apply_batch(
                conn, batch, now_us, next_eval, windows, cooldown, self.digest, self.fault
            )

    async def get_cursor(self, name: str) -> int | None:
        async with self.engine.connect() as conn:
            value = await conn.scalar(select(cursors.c.value).where(cursors.c.name == name))
            return int(value) if value is not None else None

    async def set_cursor(self, name: str, value: int, now_us: int) -> None:
        async with self.engine.begin() as conn:
            await ingest.save_cursor(conn, name, value, now_us)

    async def cursors_saved(self, prefix: str) -> dict[str, tuple[int, int]]:
        """Each cursor named `prefix…`: (value, when it was committed)."""
        query = select(cursors.c.name, cursors.c.value, cursors.c.updated_us)
        async with self.engine.connect() as conn:
            rows = (await conn.execute(query.where(cursors.c.name.startswith(prefix)))).all()
        return {name: (int(value), int(at)) for name, value, at in rows}

    # --- people -------------------------------------------------------------------------
    async def person(self, did: str) -> PersonRow | None:
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(people).where(people.c.did == did))).first()
            return person_from_row(row) if row is not None else None

    async def people_due(
        self,
        now_us: int,
        limit: int,
        posts_after_us: int | None = None,
        posts_matter: Callable[[int, int], bool] | None = None,
        skip: Collection[str] = (),
    ) -> list[PersonRow]:
        """Up to `limit` people whose next check has come (an index range scan, no sort),
        leaving out the DIDs in `skip`.

        Callers move each returned person's next check past `now_us`, so asking again
        returns the next ones; `skip` names those whose move is still being written (the
        evaluation pass reads a page while it writes the previous one). With `posts_after_us`
        and `posts_matter`, recent_posts hold only the posts that can matter (see
        `person_from_values`).
        """
        async with self.engine.connect() as conn:
            rows = await evaluations.due_rows(conn, now_us, limit, skip)
        return [person_from_values(row, posts_after_us, posts_matter) for row in rows]

    async def wakeups(self) -> tuple[int | None, int | None]:
        """When a job next has work: (the earliest next check, the earliest due DM)."""
        next_eval = select(func.min(people.c.next_eval_us)).scalar_subquery()
        next_send = (
            select(func.min(outbox.c.send_after_us))
            .where(outbox.c.status.in_(["pending", "claimed"]))
            .scalar_subquery()
        )
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(next_eval, next_send))).one()
        return row[0], row[1]

    async def next_wakeup_us(self) -> int | None:
        moments = [m for m in await self.wakeups() if m is not None]
        return min(moments) if moments else None

    async def people(self, dids: Sequence[str]) -> dict[str, PersonRow]:
        found: dict[str, PersonRow] = {}
        async with self.engine.connect() as conn:
            for part in ingest.chunks(sorted(set(dids))):
                result = await conn.execute(select(people).where(people.c.did.in_(part)))
                found.update((row.did, person_from_row(row)) for row in result.all())
        return found

    async def mark_sent_many(self, sent: Sequence[tuple[int, str | None]], now_us: int) -> None:
        """Mark several rows sent in one transaction: (outbox id, message id) pairs."""
        if not sent:
            return
        stmt = (
            update(outbox)
            .where(outbox.c.id == bindparam("b_id"))
            .values(
                status="sent",
                sent_us=now_us,
                message_id=bindparam("b_msg"),
                claimed_until_us=None,
                text=SENT_TEXT,
            )
        )
        async with self.engine.begin() as conn:
            await conn.execute(stmt, [{"b_id": i, "b_msg": m} for i, m in sent])

    async def update_person(self, did: str, **fields: Unpack[PersonSettings]) -> bool:
        unknown = set(fields) - SETTABLE_FIELDS
        if unknown:
            raise ValueError(f"not settable: {sorted(unknown)}")
        async with self.engine.begin() as conn:
            result = await conn.execute(update(people).where(people.c.did == did).values(**fields))
            return bool(result.rowcount)

    async def forget(self, did: str) -> None:
        async with self.engine.begin() as conn:
            await ingest.purge(conn, [did], self.digest)

    async def record_evaluations(self, records: Sequence[NudgeRecord], now_us: int) -> int:
        """Queue the nudges and move each person's next check, in one transaction."""
        nudges = [r for r in records if r.draft is not None]
        async with self.engine.begin() as conn:
            if records:
                await evaluations.move_next_checks(conn, records)
            if not nudges:
                return 0
            await evaluations.queue_nudges(conn, nudges, now_us)
        return len(nudges)

    # --- outbox -------------------------------------------------------------------------
    async def claim_due(
        self, now_us: int, limit: int, lease_us: int, worker: str
    ) -> list[OutboxItem]:
        """Lease due rows to this worker; expired leases are claimable again (crash recovery)."""
        due = and_(
            outbox.c.send_after_us <= now_us,
            or_(
                outbox.c.status == "pending",
                and_(outbox.c.status == "claimed", outbox.c.claimed_until_us < now_us),
            ),
        )
        # One statement: on PostgreSQL the CTE skips rows another sender holds; on SQLite the
        # UPDATE takes the write lock first, so a concurrent claim re-checks `due` after us.
        # MATERIALIZED: as a plain subquery PostgreSQL may run the LIMITed, SKIP LOCKED select
        # once per outer row and claim far more than `limit` rows (it did: 60 for 7).
        candidates = (
            select(outbox.c.id)
            .where(due)
            .order_by(outbox.c.send_after_us, outbox.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .cte("candidates")
            .prefix_with("MATERIALIZED")
        )
        stmt = (
            update(outbox)
            .where(outbox.c.id.in_(select(candidates.c.id)), due)
            .values(
                status="claimed",
                claimed_until_us=now_us + lease_us,
                claimed_by=worker,
                attempts=outbox.c.attempts + 1,
            )
            .returning(outbox)
        )
        async with self.engine.begin() as conn:
            rows = (await conn.execute(stmt)).mappings().all()
        items = [
            OutboxItem(
                r["id"],
                r["did"],
                DmKind(r["kind"]),
                r["episode"],
                r["variant"],
                r["text"],
                r["send_after_us"],
                r["attempts"],
            )
            for r in rows
        ]
        return sorted(items, key=lambda i: (i.send_after_us, i.id))

    async def mark_sent(self, item_id: int, now_us: int, message_id: str | None = None) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(
                update(outbox)
                .where(outbox.c.id == item_id)
                .values(
                    status="sent",
                    sent_us=now_us,
                    message_id=message_id,
                    claimed_until_us=None,
                    text=SENT_TEXT,
                )
            )

    async def release(
        self, item_id: int, error: str, retry_at_us: int, *, count_attempt: bool = True
    ) -> None:
        """Give a claimed row back for a later try (transient failure). A try that never
        reached the person (rate limited, outside their hours) does not count as an attempt,
        so a long 429 storm cannot use up a DM's attempts."""
        values: dict[str, Any] = {
            "status": "pending",
            "send_after_us": retry_at_us,
            "last_error": error[:500],
        }
        if not count_attempt:
            values["attempts"] = outbox.c.attempts - 1
        async with self.engine.begin() as conn:
            await conn.execute(update(outbox).where(outbox.c.id == item_id).values(**values))

    async def cancel(self, item_id: int, reason: str, *, restore_rate_limit: bool) -> None:
        """Drop a nudge that no longer fits; optionally give back the 7-day allowance it took."""
        async with self.engine.begin() as conn:
            row = (
                (await conn.execute(select(outbox).where(outbox.c.id == item_id)))
                .mappings()
                .first()
            )
            if row is None:
                return
            await conn.execute(
                update(outbox)
                .where(outbox.c.id == item_id)
                .values(status="cancelled", last_error=reason[:500], claimed_until_us=None)
            )
            if restore_rate_limit:
                await conn.execute(
                    update(people)
                    .where(people.c.did == row["did"])
                    .values(last_nudge_us=row["prev_last_nudge_us"])
                )

    async def fail(self, item_id: int, error: str) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(
                update(outbox)
                .where(outbox.c.id == item_id)
                .values(status="failed", last_error=error[:500], claimed_until_us=None)
            )

    # --- housekeeping -------------------------------------------------------------------
    async def prune(self, now_us: int) -> int:
        """Forget activity past the judgment window, old finished outbox rows, old welcomes."""
        horizon = now_us - self.windows.judgment_days * US_PER_DAY
        welcome_horizon = now_us - self.windows.welcome_cooldown_days * US_PER_DAY
        async with self.engine.begin() as conn:
            removed = (
                await conn.execute(delete(activity).where(activity.c.time_us < horizon))
            ).rowcount
            await conn.execute(
                delete(outbox).where(
                    outbox.c.status.in_(["sent", "cancelled", "failed"]),
                    outbox.c.created_us < horizon,
                )
            )
            await conn.execute(
                delete(welcome_ledger).where(welcome_ledger.c.last_welcome_us < welcome_horizon)
            )
            await prune_friends(conn, horizon)
        return int(removed or 0)

    async def status(self, now_us: int) -> StatusCounts:
        async with self.engine.connect() as conn:

            async def count(*conds: Any) -> int:
                return int(
                    await conn.scalar(select(func.count()).select_from(people).where(*conds)) or 0
                )

            opted = await count()
            paused = await count(people.c.paused_until_us > now_us)
            inactive = await count(people.c.account_active.is_(False))
            unreachable = await count(people.c.unreachable_reason.is_not(None))
            by_status: dict[str, int] = dict(
                (
                    await conn.execute(
                        select(outbox.c.status, func.count()).group_by(outbox.c.status)
                    )
                ).all()
            )
            last_sent = await conn.scalar(select(func.max(outbox.c.sent_us)))
            cursor_rows = (await conn.execute(select(cursors.c.name, cursors.c.value))).all()
        return StatusCounts(
            opted_in=opted,
            paused=paused,
            inactive_accounts=inactive,
            unreachable=unreachable,
            outbox_pending=int(by_status.get("pending", 0)) + int(by_status.get("claimed", 0)),
            outbox_sent=int(by_status.get("sent", 0)),
            last_sent_us=last_sent,
            cursors={name: int(value) for name, value in cursor_rows},
        )

    async def outbox_rows(self, did: str | None = None) -> list[dict[str, Any]]:
        query = select(outbox).order_by(outbox.c.id)
        if did is not None:
            query = query.where(outbox.c.did == did)
        async with self.engine.connect() as conn:
            return [dict(m) for m in (await conn.execute(query)).mappings()]

    async def activity_count(self, did: str | None = None) -> int:
        query = select(func.count()).select_from(activity)
        if did is not None:
            query = query.where(activity.c.did == did)
        async with self.engine.connect() as conn:
            return int(await conn.scalar(query) or 0)
