"""The person's language (bot/language.py decides; this keeps its counts and the outcome)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import bindparam, case, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.language import SUPPORTED, Signal, decide_language, decode_counts, encode_counts
from bot.language import fold_signals as fold
from bot.policy import DmKind
from bot.store.models import outbox, people

_CHUNK = 500


async def fold_languages(conn: AsyncConnection, signals: Mapping[str, Sequence[Signal]]) -> None:
    """Fold each person's new signals (oldest first) into their counts and re-decide their
    language, in the caller's transaction. People not opted in are skipped."""
    dids = sorted(did for did, found in signals.items() if found)
    for start in range(0, len(dids), _CHUNK):
        part = dids[start : start + _CHUNK]
        query = select(
            people.c.did, people.c.lang_counts, people.c.language, people.c.language_chosen
        ).where(people.c.did.in_(part))
        changes = []
        for did, raw, current, chosen in (await conn.execute(query)).all():
            counts, language = fold_stored(raw, current, chosen, signals[did])
            changes.append({"b_did": did, "b_counts": counts, "b_lang": language})
        if changes:
            await conn.execute(
                update(people)
                .where(people.c.did == bindparam("b_did"))
                .values(
                    lang_counts=bindparam("b_counts"), language=unless_chosen(bindparam("b_lang"))
                ),
                changes,
            )


def unless_chosen(decided: Any) -> Any:
    """The decided language, except where they chose one meanwhile: a `lang` committed between
    a batch's read and its write (PostgreSQL re-reads the row for the write) stays."""
    return case((people.c.language_chosen, people.c.language), else_=decided)


def fold_stored(
    raw: str | None, current: str | None, chosen: object, signals: Sequence[Signal]
) -> tuple[str, str | None]:
    """A person's stored counts and language after these signals (unchanged without any)."""
    if not signals:
        return raw or "", current
    counts = fold(decode_counts(raw), signals)
    return encode_counts(counts), decide_language(counts, current, bool(chosen))


async def welcome_now(conn: AsyncConnection, dids: Collection[str], now_us: int) -> None:
    """Their history is read (or given up): a welcome still waiting for it may go now."""
    if not dids:
        return
    await conn.execute(
        update(outbox)
        .where(
            outbox.c.did.in_(sorted(dids)),
            outbox.c.kind == DmKind.WELCOME.value,
            outbox.c.status == "pending",
            outbox.c.send_after_us > now_us,
        )
        .values(send_after_us=now_us)
    )


class LanguageQueries:
    engine: AsyncEngine

    async def note_languages(self, did: str, signals: Sequence[Signal]) -> str | None:
        """Count signals of `did`'s language (a command or reply to the bot, or posts read
        elsewhere); returns their language afterwards (None also when not opted in)."""
        async with self.engine.begin() as conn:
            await fold_languages(conn, {did: signals})
            found = await conn.scalar(select(people.c.language).where(people.c.did == did))
        return str(found) if found is not None else None

    async def choose_language(self, did: str, language: str | None) -> bool:
        """`lang xx`: their choice, kept over anything their posts suggest; None lets the
        posts decide again. False when they are not opted in (or the language is unknown)."""
        if language is not None and language not in SUPPORTED:
            return False
        values: dict[str, object] = {"language_chosen": language is not None}
        if language is not None:
            values["language"] = language
        async with self.engine.begin() as conn:
            result = await conn.execute(update(people).where(people.c.did == did).values(**values))
        return bool(result.rowcount)

    async def language_state(self, did: str) -> tuple[str | None, dict[str, float], bool] | None:
        """(language, counts, chosen) for one person, None when not opted in."""
        query = select(people.c.language, people.c.lang_counts, people.c.language_chosen)
        async with self.engine.connect() as conn:
            row = (await conn.execute(query.where(people.c.did == did))).first()
        return None if row is None else (row[0], decode_counts(row[1]), bool(row[2]))
