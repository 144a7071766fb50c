"""The answer log behind the answer caps and the DM budget, on every backend."""

from __future__ import annotations

from bot.answer_caps import Answered
from bot.clock import US_PER_DAY, US_PER_HOUR
from bot.store import Store

T0 = 1_785_585_600_000_000
ALICE, BOB = "did:plc:alice", "did:plc:bob"


async def test_answers_are_counted_per_person_and_forgotten_after_a_day(store: Store) -> None:
    await store.note_answer(ALICE, T0, stranger=True)
    await store.note_answer(ALICE, T0 + US_PER_HOUR, stranger=False)
    await store.note_answer(BOB, T0 + 2 * US_PER_HOUR, stranger=False)
    assert await store.answers_to(ALICE, T0 - US_PER_DAY) == [
        Answered(T0, True),
        Answered(T0 + US_PER_HOUR, False),
    ]
    assert await store.answers_to(ALICE, T0 + 1) == [Answered(T0 + US_PER_HOUR, False)]
    # the DM budget counts answers with the outbox's DMs
    assert sorted(await store.sent_times(T0)) == [T0, T0 + US_PER_HOUR, T0 + 2 * US_PER_HOUR]
    # the next answer, more than a day later, prunes what no window looks at any more
    await store.note_answer(BOB, T0 + US_PER_DAY + US_PER_HOUR + 1, stranger=False)
    assert await store.answers_to(ALICE, 0) == []
    assert len(await store.answers_to(BOB, 0)) == 2


async def test_the_log_never_names_whom_it_answered(store: Store) -> None:
    from sqlalchemy import select

    from bot.store.models import answer_log

    await store.note_answer(ALICE, T0, stranger=True)
    async with store.engine.connect() as conn:
        rows = (await conn.execute(select(answer_log))).all()
    assert ALICE not in repr(rows) and rows[0].did_digest == store.digest(ALICE)


async def test_the_migration_drops_their_words_from_waiting_invalid_answers(store: Store) -> None:
    from sqlalchemy import text

    from bot.store import engine as engines

    await engines.downgrade(store.engine, "0007")
    quoted = 'Sorry, I didn\'t get that: unclear duration "3 after chemo". Write “help” …'
    # rows as the 0007 schema had them (the store's own writes know only the newest schema)
    hold = text(
        "INSERT INTO held_replies (convo_id, text, since_us, created_us) VALUES (:c, :t, :s, :s)"
    )
    async with store.engine.begin() as conn:
        await conn.execute(hold, {"c": "c1", "t": quoted, "s": T0})
        await conn.execute(hold, {"c": "c2", "t": "Paused until 2026-08-15.", "s": T0})
    await store.record_answer(("c1", "m1"), quoted, T0)
    await store.migrate()
    texts = [held.text for held in await store.held()]
    assert texts == ["Sorry, I didn't get that. Write “help” for what I understand.",
                     "Paused until 2026-08-15."]  # fmt: skip
    assert "chemo" not in (await store.recorded_answer(("c1", "m1")) or "")
