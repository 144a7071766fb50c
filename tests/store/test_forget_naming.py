"""`forget` and `export` also reach the rows of others that name a person (every backend):
whom others' replies addressed, others' friend rows, and friend suggestions whose text names
them; and a sent DM's text is not kept once it is marked sent (only until then, for a resend
after a crash to compare it with the conversation)."""

from __future__ import annotations

import orjson

from bot.clock import US_PER_DAY
from bot.commands import CommandKind
from bot.events import FollowCreated, StopRequested
from bot.store import Store
from tests.store.test_friends import ALICE, BOB, CAROL, FakeCheck, command, setup, talks
from tests.store.test_privacy import rows_naming

NOW = 1_785_585_600_000_000 + 40 * 86_400_000_000


async def _alice_suggests_bob(store: Store) -> tuple[FakeCheck, int | None]:
    """Alice (friends on) replied to Bob for weeks; a suggestion naming @bob.test is queued
    for her. Returns the AppView fake and her nudge budget's time before the suggestion."""
    pipeline, stay, check = await setup(store)
    await command(stay, store, CommandKind.FRIENDS_ON)
    await pipeline.ingest(talks(ALICE, BOB, 1, 8, "a"), NOW - 24 * US_PER_DAY)
    before = await store.person(ALICE)
    check.now_us = NOW
    assert await stay.suggest(NOW) == 1
    assert any("@bob.test" in r["text"] for r in await store.outbox_rows(ALICE))
    return check, before.last_nudge_us if before else None


async def test_forget_of_someone_never_opted_in_clears_what_names_them(store: Store) -> None:
    _, before = await _alice_suggests_bob(store)
    hers = await store.activity_count(ALICE)
    report = await store.forget_person(BOB, NOW + 1)
    assert not report.held and report.named and not report.had_tombstone
    assert report.naming == {
        "activity addressing them": 8, "friend rows of others": 1, "DMs naming them": 1
    }  # fmt: skip
    assert await rows_naming(store, BOB) == []
    assert await rows_naming(store, "bob.test") == []
    assert [r["kind"] for r in await store.outbox_rows(ALICE)] == ["welcome"]
    alice = await store.person(ALICE)
    assert alice is not None and alice.last_nudge_us == before  # the budget it took is back
    assert await store.activity_count(ALICE) == hers  # her replies stay, addressed to no one
    assert (await store.forget_person(BOB, NOW + 2)).named is False  # nothing left


async def test_an_opted_in_persons_forget_drops_suggestions_naming_them(store: Store) -> None:
    await _alice_suggests_bob(store)
    pipeline, _, _ = await setup(store)
    await pipeline.ingest([FollowCreated(BOB, NOW, "fb", "did:plc:thebotxxxxxxxxxxxxxxxx")], NOW)
    await pipeline.ingest([StopRequested(BOB, NOW + 1, "forget")], NOW + 1)
    assert await rows_naming(store, BOB) == []
    assert await rows_naming(store, "bob.test") == []


async def test_a_sent_dm_keeps_no_text_but_a_claimed_one_does(store: Store) -> None:
    await _alice_suggests_bob(store)
    claimed = await store.claim_due(NOW + 365 * US_PER_DAY, 10, 60_000_000, "w1")
    assert {i.kind for i in claimed} == {"welcome", "friend"}
    rows = {r["kind"]: r for r in await store.outbox_rows(ALICE)}
    assert "@bob.test" in rows["friend"]["text"]  # a resend after a crash compares it
    welcome = next(i for i in claimed if i.kind == "welcome")
    friend = next(i for i in claimed if i.kind == "friend")
    await store.mark_sent(friend.id, NOW + 2, "m1")
    await store.mark_sent_many([(welcome.id, "m2")], NOW + 2)
    assert {r["status"]: r["text"] for r in await store.outbox_rows(ALICE)} == {"sent": ""}
    assert await rows_naming(store, "bob.test") == []
    assert await store.sent_times(NOW) == [NOW + 2, NOW + 2]  # the daily budget still counts
    await store.forget_person(BOB, NOW + 3)
    assert len(await store.sent_times(NOW)) == 2  # a sent row is kept, naming no one


async def test_export_lists_what_names_them_as_someone_else(store: Store) -> None:
    await _alice_suggests_bob(store)
    doc = await store.export_person(BOB)
    named = doc["named_by_others"]
    assert [a["by"] for a in named["activity"]] == ["someone else"] * 8
    assert [(f["of"], f["count"]) for f in named["friend_rows"]] == [("someone else", 8)]
    assert [(d["to"], d["kind"], d["status"]) for d in named["dms"]] == [
        ("someone else", "friend", "pending")
    ]
    text = orjson.dumps(doc).decode()
    assert ALICE not in text and "alice" not in text.lower()
    # Alice's own export: whom she talked with and whom her suggestion names, as someone else
    mine = await store.export_person(ALICE)
    assert [c["with"] for c in mine["friend_counterparts"]] == ["someone else"]
    friend = next(r for r in mine["outbox"] if r["kind"] == "friend")
    assert friend["text"] is None and friend["names"] == "someone else"
    text = orjson.dumps(mine).decode()
    assert BOB not in text and "bob.test" not in text and CAROL not in text
