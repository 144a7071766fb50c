"""The store's contract: every backend must pass every test here."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from bot.aggregates import Aggregates
from bot.clock import US_PER_DAY
from bot.errors import ConfigError
from bot.store import (
    AccountState,
    ActivityRow,
    IngestBatch,
    KnownFollower,
    NudgeRecord,
    NudgeUpdates,
    OptIn,
    OutboxDraft,
    Store,
)
from bot.store import engine as engines
from bot.store.models import metadata

T0 = 1_750_000_000_000_000
ALICE = "did:plc:alice"
BOB = "did:plc:bob"


def no_next(_: Aggregates) -> int | None:
    return None


def welcome(did: str, at: int = T0) -> OutboxDraft:
    return OutboxDraft(did, "welcome", str(at), 0, "hello there", at)


def opt_in_batch(did: str, at: int = T0, rkey: str = "f1") -> IngestBatch:
    batch = IngestBatch()
    batch.opt_ins[did] = OptIn(did, rkey, at)
    batch.welcomes[did] = welcome(did, at)
    return batch


def post(
    did: str, rkey: str, at: int, *, promo: bool = False, reply_to: str | None = None
) -> ActivityRow:
    kind = "reply" if reply_to else "post"
    return ActivityRow(
        did,
        "post",
        rkey,
        kind,
        at,
        promo,
        0.9 if promo else 0.1,
        reply_to,
        replies_to_other=reply_to is not None and reply_to != did,
    )


async def test_migrations_reach_head_and_are_reversible(store: Store) -> None:
    head = engines.head_revision()
    assert await engines.current_revision(store.engine) == head
    await store.ensure_current()
    await engines.downgrade(store.engine, "base")
    assert await engines.current_revision(store.engine) is None
    with pytest.raises(ConfigError, match="nudgebot migrate"):
        await store.ensure_current()
    await store.migrate()
    assert await engines.current_revision(store.engine) == head


async def test_ping_answers(store: Store, tmp_path: Path) -> None:
    await store.ping()
    await store.engine.dispose()  # a disposed pool reconnects: the ping still answers
    await store.ping()
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path}/no/such/dir.db") as unreachable:
        with pytest.raises(OperationalError):
            await unreachable.ping()


async def test_schema_matches_models(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    async with store.engine.connect() as conn:
        diff = await conn.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync), metadata)
        )
    assert diff == []


async def test_opt_in_queues_one_welcome_and_remembers_the_follow(store: Store) -> None:
    welcomed = await store.apply(opt_in_batch(ALICE), T0, no_next)
    assert welcomed == [ALICE]
    assert await store.load_opted_in() == {ALICE: "f1"}
    rows = await store.outbox_rows(ALICE)
    assert [(r["kind"], r["status"], r["text"]) for r in rows] == [
        ("welcome", "pending", "hello there")
    ]


async def test_opted_in_details_give_rkey_and_opt_in_time(store: Store) -> None:
    assert await store.load_opted_in_details() == {}
    await store.apply(opt_in_batch(ALICE, T0, "f1"), T0, no_next)
    await store.apply(opt_in_batch(BOB, T0 + 7, "b1"), T0 + 7, no_next)
    # a second follow record moves the rkey but keeps the time of the opt-in
    await store.apply(opt_in_batch(ALICE, T0 + 9, "f2"), T0 + 9, no_next)
    assert await store.load_opted_in_details() == {
        ALICE: KnownFollower("f2", T0),
        BOB: KnownFollower("b1", T0 + 7),
    }
    await store.apply(IngestBatch(opt_outs={BOB}), T0 + 10, no_next)
    assert await store.load_opted_in_details() == {ALICE: KnownFollower("f2", T0)}


async def test_refollow_within_cooldown_gets_no_second_welcome(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    out = IngestBatch(opt_outs={ALICE})
    await store.apply(out, T0 + 1, no_next)
    assert await store.load_opted_in() == {}
    again = T0 + 10 * US_PER_DAY
    assert await store.apply(opt_in_batch(ALICE, again, "f2"), again, no_next) == []
    assert await store.load_opted_in() == {ALICE: "f2"}
    assert await store.outbox_rows(ALICE) == []
    later = T0 + 31 * US_PER_DAY
    await store.apply(IngestBatch(opt_outs={ALICE}), later, no_next)
    assert await store.apply(opt_in_batch(ALICE, later, "f3"), later, no_next) == [ALICE]


async def test_activity_builds_aggregates_and_ignores_duplicates(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    seen: list[Aggregates] = []

    def next_eval(aggs: Aggregates) -> int | None:
        seen.append(aggs)
        return aggs.last_activity_us

    batch = IngestBatch(
        activities=[
            post(ALICE, "p1", T0 + 3600_000_000, promo=True),
            post(ALICE, "p2", T0 + US_PER_DAY, reply_to=BOB),
            ActivityRow(ALICE, "like", "l1", "like", T0 + 2 * US_PER_DAY, target_did=BOB),
        ]
    )
    await store.apply(batch, T0 + 2 * US_PER_DAY, next_eval)
    await store.apply(batch, T0 + 2 * US_PER_DAY, next_eval)  # re-sent after a reconnect
    person = await store.person(ALICE)
    assert person is not None
    assert person.last_activity_us == T0 + 2 * US_PER_DAY
    assert person.active_days == [T0 // US_PER_DAY + i for i in range(3)]
    assert sum(person.hour_counts) == 3  # the re-sent batch counted nothing twice
    assert [(p.promo, p.replies_to_other) for p in person.recent_posts] == [
        (True, False),
        (False, True),
    ]
    assert person.next_eval_us == T0 + 2 * US_PER_DAY
    assert seen and seen[-1].last_activity_us == T0 + 2 * US_PER_DAY
    assert await store.activity_count(ALICE) == 3


async def test_no_post_text_is_stored_anywhere(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    await store.apply(IngestBatch(activities=[post(ALICE, "p1", T0 + 5)]), T0 + 5, no_next)
    async with store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            for row in (await conn.execute(select(table))).all():
                assert not any("secret words" in str(v) for v in row)
    # the activity row carries only what judgment needs
    assert {c.name for c in metadata.tables["activity"].columns} == {
        "did",
        "collection",
        "rkey",
        "kind",
        "time_us",
        "promo",
        "promo_score",
        "target_did",
    }


async def test_opt_out_deletes_every_row_about_the_person(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    await store.apply(opt_in_batch(BOB), T0, no_next)
    await store.apply(
        IngestBatch(activities=[post(ALICE, "p1", T0 + 5), post(BOB, "p1", T0 + 5)]),
        T0 + 5,
        no_next,
    )
    await store.apply(IngestBatch(opt_outs={ALICE}), T0 + 6, no_next)
    assert await store.person(ALICE) is None
    assert await store.activity_count(ALICE) == 0
    assert await store.outbox_rows(ALICE) == []
    assert await store.person(BOB) is not None
    assert await store.activity_count(BOB) == 1


async def test_deleted_post_stops_counting(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    posts = [post(ALICE, f"p{i}", T0 + i * 1000, promo=True) for i in range(3)]
    await store.apply(IngestBatch(activities=posts), T0 + 5000, no_next)
    await store.apply(IngestBatch(deletions=[(ALICE, "post", "p1")]), T0 + 6000, no_next)
    person = await store.person(ALICE)
    assert person is not None
    assert [p.time_us for p in person.recent_posts] == [T0, T0 + 2000]


async def test_cursor_commits_with_the_batch(store: Store) -> None:
    assert await store.get_cursor("jetstream:0") is None
    await store.apply(IngestBatch(cursors={"jetstream:0": 42, "jetstream:1": 40}), T0, no_next)
    assert await store.get_cursor("jetstream:0") == 42
    assert await store.get_cursor("jetstream:1") == 40
    await store.set_cursor("jetstream:0", 43, T0)
    assert await store.get_cursor("jetstream:0") == 43


async def test_profile_identity_and_account_updates(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    batch = IngestBatch(
        display_names={ALICE: "Alice A."},
        handles={ALICE: "alice.test"},
        accounts={ALICE: AccountState(False, "deactivated")},
    )
    await store.apply(batch, T0, no_next)
    person = await store.person(ALICE)
    assert person is not None
    assert (person.display_name, person.handle) == ("Alice A.", "alice.test")
    assert (person.account_active, person.account_status) == (False, "deactivated")


async def test_due_dids_and_people_lookup(store: Store) -> None:
    dids = [f"did:plc:p{i:03d}" for i in range(25)]
    for did in dids:
        await store.apply(opt_in_batch(did), T0, no_next)
        await store.update_person(did, next_eval_us=T0 + (1 if did != dids[3] else 10**12))
    due = sorted(p.did for p in await store.people_due(T0 + 10, limit=100))
    assert due == [d for d in dids if d != dids[3]]
    assert len(await store.people_due(T0 + 10, limit=5)) == 5
    found = await store.people([*due[:3], "did:plc:nobody"])
    assert sorted(found) == due[:3]
    assert await store.next_wakeup_us() == T0  # the welcomes are due at once


async def test_outbox_is_unique_per_person_kind_episode(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    draft = OutboxDraft(ALICE, "quiet", "123", 2, "how are you?", T0)
    rec = NudgeRecord(ALICE, None, draft, NudgeUpdates(T0, 123, None, {"quiet": 2}))
    assert await store.record_evaluations([rec], T0) == 1
    await store.record_evaluations([rec], T0 + 1)
    kinds = [r["kind"] for r in await store.outbox_rows(ALICE)]
    assert kinds == ["welcome", "quiet"]
    person = await store.person(ALICE)
    assert person is not None and person.last_quiet_episode == 123 and person.last_nudge_us == T0


async def test_claim_lease_send_release_cancel(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    draft = OutboxDraft(ALICE, "quiet", "9", 1, "hi", T0 + 100)
    updates = NudgeUpdates(T0, 9, None, {})
    await store.record_evaluations([NudgeRecord(ALICE, None, draft, updates)], T0)
    first = await store.claim_due(T0 + 50, 10, 1000, "w1")
    assert [i.kind for i in first] == ["welcome"]  # the quiet one is not due yet
    assert await store.claim_due(T0 + 60, 10, 1000, "w2") == []  # leased
    await store.mark_sent(first[0].id, T0 + 70, "m1")
    items = await store.claim_due(T0 + 200, 10, 1000, "w1")
    assert [i.kind for i in items] == ["quiet"]
    # a crashed sender's lease runs out and the row is claimable again, attempts counted
    again = await store.claim_due(T0 + 200 + 1001, 10, 1000, "w2")
    assert [(i.id, i.attempts) for i in again] == [(items[0].id, 2)]
    await store.release(again[0].id, "timeout", T0 + 5000)
    assert await store.claim_due(T0 + 4000, 10, 1000, "w1") == []
    retry = await store.claim_due(T0 + 5000, 10, 1000, "w1")
    await store.cancel(retry[0].id, "active again", restore_rate_limit=True)
    person = await store.person(ALICE)
    assert person is not None and person.last_nudge_us is None
    statuses = {r["kind"]: r["status"] for r in await store.outbox_rows(ALICE)}
    assert statuses == {"welcome": "sent", "quiet": "cancelled"}


async def test_concurrent_claims_never_overlap(store: Store) -> None:
    for i in range(30):
        did = f"did:plc:c{i:02d}"
        await store.apply(opt_in_batch(did), T0, no_next)
    results = await asyncio.gather(*(store.claim_due(T0 + 1, 5, 10_000, f"w{n}") for n in range(6)))
    ids = [item.id for batch in results for item in batch]
    assert len(ids) == len(set(ids)) == 30


async def test_prune_forgets_old_activity(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    await store.apply(
        IngestBatch(activities=[post(ALICE, "old", T0), post(ALICE, "new", T0 + 80 * US_PER_DAY)]),
        T0,
        no_next,
    )
    removed = await store.prune(T0 + 91 * US_PER_DAY)
    assert removed == 1
    assert await store.activity_count(ALICE) == 1


async def test_status_counts(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    await store.apply(opt_in_batch(BOB), T0, no_next)
    await store.update_person(
        BOB, paused_until_us=T0 + US_PER_DAY, unreachable_reason="MessagesDisabled"
    )
    await store.apply(IngestBatch(cursors={"relay": 7}), T0, no_next)
    [item, _] = await store.claim_due(T0, 10, 100, "w")
    await store.mark_sent(item.id, T0 + 3)
    counts = await store.status(T0)
    assert dataclasses.astuple(counts) == (2, 1, 0, 1, 1, 1, T0 + 3, {"relay": 7})


async def test_update_person_rejects_unknown_fields(store: Store) -> None:
    with pytest.raises(ValueError, match="not settable"):
        await store.update_person(ALICE, follow_rkey="x")


async def test_backend_is_real(store: Store, database_url: str) -> None:
    async with store.engine.connect() as conn:
        version = await conn.scalar(text("SELECT 1"))
    assert version == 1
    assert store.backend == ("postgresql" if database_url.startswith("postgresql") else "sqlite")


async def test_a_record_repeated_within_one_batch_counts_once(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    again = post(ALICE, "p1", T0 + 10, promo=True)
    await store.apply(IngestBatch(activities=[again, again]), T0 + 10, no_next)
    person = await store.person(ALICE)
    assert person is not None
    assert len(person.recent_posts) == 1 and sum(person.hour_counts) == 1
    assert await store.activity_count(ALICE) == 1


async def test_history_is_pending_until_loaded_and_retries_wait(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE, T0), T0, no_next)
    await store.apply(opt_in_batch(BOB, T0 + 5), T0 + 5, no_next)
    assert await store.people_needing_history(T0 + 10, 10) == [ALICE, BOB]
    assert await store.people_needing_history(T0 + 10, 1) == [ALICE]

    assert await store.history_failed(ALICE, T0 + 10, retry_at_us=T0 + 100) == 1
    assert await store.people_needing_history(T0 + 99, 10) == [BOB]
    assert await store.people_needing_history(T0 + 100, 10) == [ALICE, BOB]

    await store.apply(IngestBatch(histories={ALICE: T0 + 200}), T0 + 200, no_next)
    assert await store.history_state(ALICE) == (T0 + 200, 1, None)
    assert await store.history_failed(BOB, T0 + 300, retry_at_us=None) == 1
    assert await store.history_state(BOB) == (T0 + 300, 1, None)  # given up: judged live
    assert await store.people_needing_history(T0 + 400, 10) == []


async def test_history_of_someone_gone_is_not_recorded(store: Store) -> None:
    assert await store.history_failed(ALICE, T0, retry_at_us=None) == 0
    assert await store.history_state(ALICE) is None
    await store.apply(IngestBatch(histories={ALICE: T0}), T0, no_next)
    assert await store.history_state(ALICE) is None


async def test_reopting_in_reads_history_again(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    await store.apply(IngestBatch(histories={ALICE: T0 + 1}), T0 + 1, no_next)
    await store.apply(IngestBatch(opt_outs={ALICE}), T0 + 2, no_next)
    await store.apply(opt_in_batch(ALICE, T0 + 3, rkey="f2"), T0 + 3, no_next)
    assert await store.people_needing_history(T0 + 4, 10) == [ALICE]


async def stop(store: Store, did: str, rkey: str | None, reason: str, at: int) -> None:
    """`stop` / `forget` as the pipeline commits it: the opt-out and the tombstone together."""
    opt_outs = {did} if rkey is not None else set()
    await store.apply(IngestBatch(opt_outs=opt_outs, tombstones={did: (rkey, reason)}), at, no_next)


async def test_stop_lays_a_tombstone_that_refuses_the_same_follow(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE, T0, rkey="f1"), T0, no_next)
    await stop(store, ALICE, "f1", "stop", T0 + 1)
    assert await store.person(ALICE) is None and await store.outbox_rows(ALICE) == []
    async with store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            for row in (await conn.execute(select(table))).all():
                assert ALICE not in " ".join(map(str, row)), f"{table.name} names the DID"
                assert "f1" not in [str(v) for v in row], f"{table.name} holds the rkey"

    again = opt_in_batch(ALICE, T0 + 2, rkey="f1")  # the same follow, listed again
    again.activities.append(post(ALICE, "p1", T0 + 2))
    assert await store.apply(again, T0 + 2, no_next) == []
    assert again.refused == {ALICE}
    assert await store.person(ALICE) is None and await store.activity_count(ALICE) == 0

    fresh = opt_in_batch(ALICE, T0 + 3, rkey="f2")  # a new follow record: a new opt-in
    await store.apply(fresh, T0 + 3, no_next)
    assert fresh.refused == set() and await store.load_opted_in() == {ALICE: "f2"}
    assert await store.lift_tombstone(ALICE) is False  # the new follow already lifted it


async def test_start_lifts_the_tombstone(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE, T0, rkey="f1"), T0, no_next)
    await stop(store, ALICE, "f1", "forget", T0 + 1)
    assert await store.lift_tombstone(ALICE) is True
    batch = opt_in_batch(ALICE, T0 + 2, rkey="f1")
    await store.apply(batch, T0 + 2, no_next)
    assert batch.refused == set() and await store.load_opted_in() == {ALICE: "f1"}


async def test_stop_without_a_known_follow_refuses_every_follow_until_start(
    store: Store,
) -> None:
    assert await store.person(BOB) is None
    await stop(store, BOB, None, "forget", T0)
    batch = opt_in_batch(BOB, T0 + 1, rkey="f9")
    await store.apply(batch, T0 + 1, no_next)
    assert batch.refused == {BOB}
    assert await store.lift_tombstone(BOB) is True
    again = opt_in_batch(BOB, T0 + 2, rkey="f9")
    await store.apply(again, T0 + 2, no_next)
    assert again.refused == set() and await store.load_opted_in() == {BOB: "f9"}


async def test_a_tombstone_in_a_batch_purges_and_refuses_the_same_follow(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE, T0, rkey="f1"), T0, no_next)
    await store.apply(
        IngestBatch(opt_outs={ALICE}, tombstones={ALICE: ("f1", "stop")}), T0 + 1, no_next
    )
    assert await store.person(ALICE) is None
    batch = opt_in_batch(ALICE, T0 + 2, rkey="f1")
    await store.apply(batch, T0 + 2, no_next)
    assert batch.refused == {ALICE}


async def test_replies_inbox_and_conversations(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    await store.set_convo(ALICE, "c-alice")
    found = await store.person_by_convo("c-alice")
    assert found is not None and found.did == ALICE and found.convo_id == "c-alice"
    assert await store.person_by_convo("c-nobody") is None
    assert await store.note_nudge_sent(ALICE) == 1
    assert await store.note_nudge_sent(ALICE) == 2

    await store.note_reply(ALICE, "c-alice", T0 + 10, human=False)  # a command: no inbox
    person = await store.person(ALICE)
    assert person is not None and person.unanswered_nudges == 0 and person.last_reply_us == T0 + 10
    assert await store.inbox() == []

    await store.note_reply(ALICE, "c-alice", T0 + 20, human=True)
    await store.note_reply(ALICE, "c-alice", T0 + 30, human=True)
    [entry] = await store.inbox()
    assert (entry.did, entry.first_us, entry.last_us, entry.messages) == (
        ALICE,
        T0 + 20,
        T0 + 30,
        2,
    )
    assert await store.inbox_done("c-alice") is True
    assert await store.inbox_done("c-alice") is False and await store.inbox() == []
    await store.note_reply(ALICE, "c-alice", T0 + 40, human=True)  # reopens, counting afresh
    [entry] = await store.inbox()
    assert (entry.first_us, entry.messages) == (T0 + 40, 1)

    await store.apply(IngestBatch(opt_outs={ALICE}), T0 + 50, no_next)
    assert await store.inbox() == [] and await store.inbox("done") == []


async def test_markers_hold_strings(store: Store) -> None:
    assert await store.get_marker("chat.log") is None
    await store.set_marker("chat.log", "2222abc", T0)
    await store.set_marker("chat.log", "3333xyz", T0 + 1)
    assert await store.get_marker("chat.log") == "3333xyz"


async def test_a_recorded_answer_lasts_until_the_cursor_moves_past_its_command(
    store: Store,
) -> None:
    first, other = ("convo-a", "msg-1"), ("convo-a", "msg-2")
    assert await store.recorded_answer(first) is None
    await store.record_answer(first, "Welcome back!", T0)
    await store.record_answer(first, "You're all set", T0 + 1)  # decided again: the first stays
    await store.record_answer(other, "Paused until", T0 + 1)
    assert await store.recorded_answer(first) == "Welcome back!"
    await store.set_marker("chat.log", "r1", T0 + 2, answered=first)
    assert await store.recorded_answer(first) is None
    assert await store.recorded_answer(other) == "Paused until"
    assert await store.get_marker("chat.log") == "r1"


async def test_a_check_in_pauses_and_an_answer_lifts_that_pause(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    for _ in range(3):
        await store.note_nudge_sent(ALICE)
    draft = OutboxDraft(ALICE, "checkin", "e", 0, "still ok?", T0)
    updates = NudgeUpdates(T0, None, None, {"checkin": 0}, pause_until_us=T0 + 90 * US_PER_DAY)
    assert await store.record_evaluations([NudgeRecord(ALICE, T0 + 1, draft, updates)], T0) == 1
    person = await store.person(ALICE)
    assert person is not None
    assert person.paused_until_us == person.checkin_until_us == T0 + 90 * US_PER_DAY
    assert person.unanswered_nudges == 0
    plain = NudgeUpdates(T0 + 5, None, None, {"quiet": 1})  # an ordinary nudge keeps them
    other = OutboxDraft(ALICE, "quiet", "q", 1, "hi", T0)
    await store.record_evaluations([NudgeRecord(ALICE, None, other, plain)], T0 + 5)
    person = await store.person(ALICE)
    assert person is not None and person.paused_until_us == T0 + 90 * US_PER_DAY

    await store.note_reply(ALICE, "c1", T0 + 10, human=True)
    person = await store.person(ALICE)
    assert person is not None and person.paused_until_us is None
    assert person.checkin_until_us is None


async def test_an_answer_does_not_lift_a_pause_they_chose(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    await store.update_person(ALICE, paused_until_us=T0 + US_PER_DAY)
    await store.note_reply(ALICE, "c1", T0 + 10, human=False)
    person = await store.person(ALICE)
    assert person is not None and person.paused_until_us == T0 + US_PER_DAY


async def test_a_claim_takes_no_more_rows_than_asked(store: Store) -> None:
    """A LIMITed SKIP LOCKED subquery inside IN (...) let PostgreSQL claim every due row."""
    batch = IngestBatch()
    for i in range(30):
        did = f"did:plc:many{i:02d}"
        batch.opt_ins[did] = OptIn(did, "f", T0)
        batch.welcomes[did] = welcome(did)
    await store.apply(batch, T0, no_next)
    assert len(await store.claim_due(T0, 7, 60_000_000, "a")) == 7
    assert len(await store.claim_due(T0, 7, 60_000_000, "b")) == 7
    rows = await store.outbox_rows()
    assert sum(r["status"] == "claimed" for r in rows) == 14


async def test_claims_of_a_dead_worker_can_be_taken_over_at_once(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    await store.apply(opt_in_batch(BOB), T0, no_next)
    [first] = await store.claim_due(T0, 1, 60_000_000, "host:111")
    await store.claim_due(T0, 1, 60_000_000, "host:222")
    assert sorted(await store.claim_holders()) == ["host:111", "host:222"]
    assert await store.claim_due(T0 + 1, 5, 60_000_000, "host:333") == []  # leases hold
    assert await store.expire_claims_of(["host:111"]) == 1
    [again] = await store.claim_due(T0 + 1, 5, 60_000_000, "host:333")
    assert (again.id, again.attempts) == (first.id, 2)  # the sender will look before sending


async def test_two_posts_in_the_same_microsecond_are_two_posts(store: Store) -> None:
    # a history read clamps records made while it ran to its start time; both must count
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    batch = IngestBatch(activities=[post(ALICE, "p1", T0 + 5), post(ALICE, "p2", T0 + 5)])
    await store.apply(batch, T0 + 5, no_next)
    await store.apply(batch, T0 + 5, no_next)  # and the same two again count nothing
    person = await store.person(ALICE)
    assert person is not None and len(person.recent_posts) == 2
    assert sum(person.hour_counts) == 2
