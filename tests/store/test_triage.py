"""The store's part of reply triage (issue 18), on SQLite and PostgreSQL: an inbox entry keeps
the highest level since it opened (a reopened one starts over), urgent entries come first,
`inbox done` lifts a crisis hold (not a distress one), holds only grow, operators are told once
per entry, and urgent held answers go first and pass the operator's pause."""

from __future__ import annotations

from bot.store import Store
from bot.store.triage import HELD_UNTIL_CLEARED
from tests.store.test_contract import ALICE, BOB, T0, no_next, opt_in_batch


async def two_people(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    await store.apply(opt_in_batch(BOB), T0, no_next)


async def test_an_entry_keeps_its_highest_level_until_done(store: Store) -> None:
    await two_people(store)
    for n, level in enumerate(("ok", "crisis", "distress", "ok")):
        await store.note_reply(ALICE, "c-a", T0 + n, human=True, level=level)
    [entry] = await store.inbox()
    assert (entry.level, entry.messages) == ("crisis", 4)
    assert await store.inbox_done("c-a")
    await store.note_reply(ALICE, "c-a", T0 + 10, human=True, level="distress")
    await store.note_reply(ALICE, "c-a", T0 + 11, human=True, level="ok")
    [entry] = await store.inbox()
    assert (entry.level, entry.messages) == ("distress", 2)


async def test_urgent_entries_are_listed_first(store: Store) -> None:
    await two_people(store)
    await store.note_reply(ALICE, "c-a", T0, human=True, level="crisis")
    await store.note_reply(BOB, "c-b", T0 + 5, human=True, level="ok")
    assert [e.level for e in await store.inbox()] == ["crisis", "ok"]
    assert await store.urgent_waiting() == 1
    assert (await store.operator_status()).inbox_urgent == 1


async def test_done_lifts_a_crisis_hold_but_not_a_distress_one(store: Store) -> None:
    await two_people(store)
    await store.note_reply(ALICE, "c-a", T0, human=True, level="crisis")
    await store.hold_nudges(ALICE, HELD_UNTIL_CLEARED)
    await store.note_reply(BOB, "c-b", T0, human=True, level="distress")
    await store.hold_nudges(BOB, T0 + 100)
    await store.hold_nudges(BOB, T0 + 50)  # a hold only grows
    assert await store.inbox_done("c-a") and await store.inbox_done("c-b")
    alice, bob = await store.person(ALICE), await store.person(BOB)
    assert alice is not None and alice.nudges_held_until_us is None and alice.next_eval_us == 0
    assert bob is not None and bob.nudges_held_until_us == T0 + 100
    assert await store.urgent_waiting() == 0 and not await store.inbox_done("c-a")


async def test_a_crisis_answer_is_remembered(store: Store) -> None:
    await two_people(store)
    await store.note_crisis_answer(ALICE, T0 + 7)
    alice = await store.person(ALICE)
    assert alice is not None and alice.last_crisis_answer_us == T0 + 7


async def test_operators_are_told_once_per_entry(store: Store) -> None:
    await two_people(store)
    await store.note_reply(ALICE, "c-a", T0, human=True, level="crisis")
    assert await store.claim_untold_urgent(T0) == 1
    await store.note_reply(ALICE, "c-a", T0 + 1, human=True, level="crisis")
    assert await store.claim_untold_urgent(T0 + 1) == 0
    await store.inbox_done("c-a")  # reopened later: a new entry, told again
    await store.note_reply(ALICE, "c-a", T0 + 2, human=True, level="crisis")
    assert await store.claim_untold_urgent(T0 + 2) == 1


async def test_urgent_held_answers_go_first_and_alone_while_paused(store: Store) -> None:
    await store.hold_reply("c1", "plain", T0, T0 + 1)
    await store.hold_reply("c2", "urgent", T0, T0 + 2, urgent=True)
    assert [(h.text, h.urgent) for h in await store.held()] == [
        ("urgent", True),
        ("plain", False),
    ]
    assert [h.text for h in await store.held(urgent_only=True)] == ["urgent"]
