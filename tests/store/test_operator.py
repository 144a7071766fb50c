"""The store's operator contract (every backend): the global pause switch, `forget` and
`export` of one person, replies held while paused, and what `status` adds."""

from __future__ import annotations

from sqlalchemy import select

from bot.store import IngestBatch, Store
from bot.store.models import metadata
from bot.store.operator import PAUSE_SWITCH
from tests.store.test_contract import ALICE, BOB, T0, no_next, opt_in_batch, post


async def test_the_pause_switch_keeps_when_it_began(store: Store) -> None:
    assert await store.paused_since() is None
    await store.set_switch(PAUSE_SWITCH, "paused", T0)
    await store.set_switch(PAUSE_SWITCH, "paused", T0 + 5)  # paused twice: still since T0
    assert await store.paused_since() == T0
    assert await store.switch(PAUSE_SWITCH) == ("paused", T0)
    assert (await store.operator_status()).paused_since_us == T0
    assert await store.clear_switch(PAUSE_SWITCH) is True
    assert await store.clear_switch(PAUSE_SWITCH) is False
    assert await store.paused_since() is None


async def _alice_with_everything(store: Store) -> None:
    batch = opt_in_batch(ALICE, T0, rkey="f1")
    batch.activities += [post(ALICE, "p1", T0 + 1), post(ALICE, "p2", T0 + 2, reply_to=BOB)]
    await store.apply(batch, T0, no_next)
    await store.apply(opt_in_batch(BOB, T0, rkey="b1"), T0, no_next)
    await store.note_reply(ALICE, "convo-a", T0 + 3, human=True)


async def test_forget_deletes_like_the_dm_forget_and_leaves_a_request(store: Store) -> None:
    await _alice_with_everything(store)
    report = await store.forget_person(ALICE, T0 + 10)
    assert report.held and not report.had_tombstone
    held = {table: n for table, n in report.deleted.items() if n}
    assert held == {"people": 1, "activity": 2, "outbox": 1, "inbox": 1}
    assert await store.forget_requests() == [store.digest(ALICE)]
    # nothing names her or her follow record any more; Bob is untouched
    async with store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            for row in (await conn.execute(select(table))).all():
                assert ALICE not in " ".join(map(str, row)), f"{table.name} names the DID"
                assert "f1" not in [str(v) for v in row], f"{table.name} holds the rkey"
    assert await store.load_opted_in() == {BOB: "b1"}
    # the tombstone refuses the same follow record, as after the DM `forget`
    again = opt_in_batch(ALICE, T0 + 11, rkey="f1")
    await store.apply(again, T0 + 11, no_next)
    assert again.refused == {ALICE}


async def test_forget_again_changes_nothing_and_keeps_the_tombstone(store: Store) -> None:
    await _alice_with_everything(store)
    await store.forget_person(ALICE, T0 + 10)
    await store.forget_request_done(store.digest(ALICE))
    second = await store.forget_person(ALICE, T0 + 20)
    assert not second.held and second.had_tombstone
    # the tombstone still names her follow record (a new follow is still a fresh opt-in)
    fresh = opt_in_batch(ALICE, T0 + 21, rkey="f2")
    await store.apply(fresh, T0 + 21, no_next)
    assert fresh.refused == set()


async def test_forget_of_someone_unknown_lays_no_tombstone(store: Store) -> None:
    report = await store.forget_person(BOB, T0)
    assert not report.held and not report.had_tombstone
    assert await store.forget_requests() == [store.digest(BOB)]  # in case a service knows him
    batch = opt_in_batch(BOB, T0 + 1, rkey="b1")
    await store.apply(batch, T0 + 1, no_next)
    assert batch.refused == set()


async def test_export_holds_only_their_data(store: Store) -> None:
    await _alice_with_everything(store)
    doc = await store.export_person(ALICE)
    assert doc["person"]["did"] == ALICE and doc["person"]["follow_rkey"] == "f1"
    assert doc["activity_counts"] == {"post": 1, "reply": 1}
    assert [a["addressed"] for a in doc["activity"]] == [None, "someone else"]
    assert [row["kind"] for row in doc["outbox"]] == ["welcome"]
    assert [row["convo_id"] for row in doc["inbox"]] == ["convo-a"]
    assert doc["tombstone"] is None and doc["last_welcome_us"] == T0
    assert BOB not in repr(doc)  # the DID she replied to is Bob's, not hers
    await store.forget_person(ALICE, T0 + 10)
    after = await store.export_person(ALICE)
    assert after["person"] is None and after["activity"] == [] and after["outbox"] == []
    assert after["tombstone"] == {
        "reason": "forget", "created_us": T0 + 10, "names_a_follow_record": True
    }  # fmt: skip
    assert after["forget_requested_us"] == T0 + 10


async def test_held_replies_wait_in_order(store: Store) -> None:
    await store.hold_reply("c1", "first", T0, T0 + 1)
    await store.hold_reply("c2", "second", T0 + 2, T0 + 3)
    held = await store.held()
    expected = [("c1", "first", T0), ("c2", "second", T0 + 2)]
    assert [(h.convo_id, h.text, h.since_us) for h in held] == expected
    await store.drop_held(held[0].id)
    assert [h.text for h in await store.held()] == ["second"]


async def test_operator_status_counts_the_inbox_and_cursor_commits(store: Store) -> None:
    await _alice_with_everything(store)
    await store.apply(IngestBatch(cursors={"jetstream:follows": T0 - 7}), T0 + 4, no_next)
    status = await store.operator_status()
    assert status.inbox_open == 1 and status.paused_since_us is None
    assert status.cursor_committed_us == {"jetstream:follows": T0 + 4}
    await store.inbox_done("convo-a")
    assert (await store.operator_status()).inbox_open == 0
