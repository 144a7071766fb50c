"""The store's part of reply triage (bot/safety): levels on inbox entries, holds on a person's
automated DMs, when a crisis was last answered, and what the operators were told. Only levels
and times are kept, never what anyone wrote."""

from __future__ import annotations

from sqlalchemy import case, func, literal, select, update
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql.elements import ColumnElement

from bot.store.models import inbox, people

# A crisis holds automated DMs until the operator clears the inbox entry: a moment no clock
# reaches (and still a BIGINT), so every "paused until" comparison treats it as held.
HELD_UNTIL_CLEARED = 1 << 62

LEVELS = ("ok", "distress", "crisis")  # ascending


def level_rank(column: ColumnElement[str]) -> ColumnElement[int]:
    return case({name: rank for rank, name in enumerate(LEVELS)}, value=column, else_=0)


def raised_level(reopened: ColumnElement[bool], level: str) -> ColumnElement[str]:
    """An entry's level after a reply at `level`: that level on a reopened entry, else the
    higher of the two (a crisis stays urgent until the operator clears it)."""
    if level not in LEVELS:
        raise ValueError(f"unknown triage level {level!r}")
    higher = case(
        (level_rank(inbox.c.level) >= LEVELS.index(level), inbox.c.level), else_=literal(level)
    )
    return case((reopened, literal(level)), else_=higher)


class TriageQueries:
    engine: AsyncEngine

    async def hold_nudges(self, did: str, until_us: int) -> None:
        """No automated DM to them before `until_us` (HELD_UNTIL_CLEARED: until the operator
        clears their inbox entry). A hold only ever grows here."""
        held = people.c.nudges_held_until_us
        async with self.engine.begin() as conn:
            await conn.execute(
                update(people)
                .where(people.c.did == did, (held.is_(None)) | (held < until_us))
                .values(nudges_held_until_us=until_us)
            )

    async def note_crisis_answer(self, did: str, now_us: int) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(
                update(people).where(people.c.did == did).values(last_crisis_answer_us=now_us)
            )

    async def urgent_waiting(self) -> int:
        """Open inbox entries at the crisis level."""
        query = select(func.count()).select_from(inbox).where(*_urgent())
        async with self.engine.connect() as conn:
            return int(await conn.scalar(query) or 0)

    async def claim_untold_urgent(self, now_us: int) -> int:
        """Marks every urgent entry the operators were not told of as told, and returns how
        many there were: telling happens at most once per entry (a crash after this claim
        loses the note; the inbox and `nudgebot status` still show it)."""
        async with self.engine.begin() as conn:
            result = await conn.execute(
                update(inbox)
                .where(*_urgent(), inbox.c.operators_told_us.is_(None))
                .values(operators_told_us=now_us)
            )
        return int(result.rowcount or 0)


def _urgent() -> tuple[ColumnElement[bool], ...]:
    return (inbox.c.status == "open", inbox.c.level == "crisis")
