"""Batches larger than one driver statement: the activity insert's 64-row statements and the
aggregates read's padded IN lists (bot/store/ingest.py), on every backend."""

from __future__ import annotations

from bot.aggregates import Aggregates
from bot.clock import US_PER_DAY
from bot.store import ActivityRow, IngestBatch, OptIn, Store
from tests.store.test_contract import T0, no_next, post

PEOPLE = [f"did:plc:bulk{i:04d}" for i in range(130)]


async def test_a_large_batch_counts_each_new_record_once(store: Store) -> None:
    opt_ins = IngestBatch()
    for did in PEOPLE:
        opt_ins.opt_ins[did] = OptIn(did, "f1", T0)
    await store.apply(opt_ins, T0, no_next)
    first = IngestBatch(activities=[post(did, "p1", T0 + 10) for did in PEOPLE[:70]])
    await store.apply(first, T0 + 10, no_next)

    merged: list[Aggregates] = []

    def next_eval(aggs: Aggregates) -> int | None:
        merged.append(aggs)
        return aggs.last_activity_us

    # 70 re-sent posts (stored already) among 130 new likes and 10 new posts: 200 rows
    again = [post(did, "p1", T0 + 10) for did in PEOPLE[:70]]
    likes = [
        ActivityRow(did, "like", "l1", "like", T0 + US_PER_DAY, target_did=PEOPLE[0])
        for did in PEOPLE
    ]
    posts = [post(did, "p2", T0 + 2 * US_PER_DAY) for did in PEOPLE[120:]]
    await store.apply(IngestBatch(activities=again + likes + posts), T0 + 2 * US_PER_DAY, next_eval)
    assert len(merged) == len(PEOPLE)  # everyone had something new; each merged once
    found = await store.people(PEOPLE)
    assert len(found) == len(PEOPLE)
    for i, did in enumerate(PEOPLE):
        person = found[did]
        expected = (i < 70) + 1 + (i >= 120)
        assert sum(person.hour_counts) == expected, did
        assert len(person.recent_posts) == (i < 70) + (i >= 120), did
        newest = T0 + (2 if i >= 120 else 1) * US_PER_DAY
        assert person.last_activity_us == newest == person.next_eval_us, did
        assert await store.activity_count(did) == expected, did
