"""Which policy settings the stored next-check times were computed under.

`next_eval_us` is exact for the settings that computed it (bot/policy_next.py): under looser
settings a person can be due sooner, or due at all where the old ones said never (None), and
nothing would look at them until they posted again. So when the settings change, everyone's
next check moves to now, and the next evaluation pass recomputes each one.
"""

from __future__ import annotations

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store.codec import insert_for
from bot.store.models import markers, people

POLICY_MARKER = "policy.settings"


class PolicyQueries:
    engine: AsyncEngine

    async def recheck_if_policy_changed(self, fingerprint: str, now_us: int) -> int | None:
        """Under settings other than the saved ones, every next check later than now (or
        none) becomes now, and `fingerprint` is saved, in one transaction: a crash between
        the two would leave stale times behind a marker that says they are current. Returns
        how many people moved, None when the settings are the saved ones."""
        async with self.engine.begin() as conn:
            saved = await conn.scalar(
                select(markers.c.value).where(markers.c.name == POLICY_MARKER)
            )
            if saved == fingerprint:
                return None
            later = or_(people.c.next_eval_us.is_(None), people.c.next_eval_us > now_us)
            moved = await conn.execute(update(people).where(later).values(next_eval_us=now_us))
            stmt = insert_for(conn, markers).values(
                name=POLICY_MARKER, value=fingerprint, updated_us=now_us
            )
            await conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=[markers.c.name],
                    set_={"value": fingerprint, "updated_us": now_us},
                )
            )
        return int(moved.rowcount)
