"""Which opted-in people still need their recent history read (see bot/history.py)."""

from __future__ import annotations

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store.language import welcome_now
from bot.store.models import people


class HistoryQueries:
    engine: AsyncEngine

    async def people_needing_history(self, now_us: int, limit: int) -> list[str]:
        """Opted-in people whose history was neither read nor given up, oldest opt-in first,
        leaving out those waiting for a retry."""
        query = (
            select(people.c.did)
            .where(
                and_(
                    people.c.history_loaded_us.is_(None),
                    or_(people.c.history_retry_us.is_(None), people.c.history_retry_us <= now_us),
                )
            )
            .order_by(people.c.opted_in_us)
            .limit(limit)
        )
        async with self.engine.connect() as conn:
            return list((await conn.scalars(query)).all())

    async def history_failed(self, did: str, now_us: int, retry_at_us: int | None) -> int:
        """Count a failed read. `retry_at_us` None gives up: the person is judged from live
        activity alone. Returns the attempts so far (0 when the person is gone)."""
        values: dict[str, object] = {"history_attempts": people.c.history_attempts + 1}
        if retry_at_us is None:
            values.update(history_loaded_us=now_us, history_retry_us=None)
        else:
            values["history_retry_us"] = retry_at_us
        async with self.engine.begin() as conn:
            result = await conn.execute(
                update(people)
                .where(people.c.did == did)
                .values(**values)
                .returning(people.c.history_attempts)
            )
            attempts = result.scalar()
            if retry_at_us is None:
                await welcome_now(conn, (did,), now_us)  # no history to wait for
        return int(attempts) if attempts is not None else 0

    async def history_state(self, did: str) -> tuple[int | None, int, int | None] | None:
        """(loaded at, attempts, retry at) for one person, None when not opted in."""
        query = select(
            people.c.history_loaded_us, people.c.history_attempts, people.c.history_retry_us
        ).where(people.c.did == did)
        async with self.engine.connect() as conn:
            row = (await conn.execute(query)).first()
        return None if row is None else (row[0], int(row[1]), row[2])
