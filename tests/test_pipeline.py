"""The pipeline: events -> one store transaction per batch, with a real SQLite store."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.classify import PromoVerdict
from bot.clock import US_PER_DAY, US_PER_HOUR
from bot.events import (
    AccountChanged,
    ActivityKind,
    BlockCreated,
    EngagementCreated,
    Event,
    FollowCreated,
    FollowDeleted,
    IdentityChanged,
    OtherRecordCreated,
    PostCreated,
    PostDeleted,
    ProfileChanged,
    StopRequested,
)
from bot.pipeline import Pipeline
from bot.policy import PolicySettings
from bot.store import IngestBatch, Store
from bot.store.models import activity
from bot.store.types import NextEval

BOT = "did:plc:thebot"
ALICE = "did:plc:alice"
BOB = "did:plc:bob"
CAROL = "did:plc:carol"
T0 = 1_785_585_600_000_000  # 2026-08-01T12:00Z


class StubClassifier:
    """Promo iff the text contains SALE; counts what it was asked about."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, record: Mapping[str, Any]) -> PromoVerdict:
        text = str(record.get("text", ""))
        self.seen.append(text)
        promo = "SALE" in text
        return PromoVerdict(score=0.95 if promo else 0.05, promo=promo)


class FailingStore(Store):
    """A real store whose `apply` can be told to fail (a lost connection mid-transaction)."""

    failing = False

    async def apply(self, batch: IngestBatch, now_us: int, next_eval: NextEval) -> list[str]:
        if self.failing:
            raise ConnectionError("database went away")
        return await super().apply(batch, now_us, next_eval)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[FailingStore]:
    async with FailingStore.open(f"sqlite+aiosqlite:///{tmp_path}/t.db") as opened:
        await opened.migrate()
        yield opened  # type: ignore[misc]


@pytest.fixture
def classifier() -> StubClassifier:
    return StubClassifier()


@pytest.fixture
async def pipeline(store: FailingStore, classifier: StubClassifier) -> Pipeline:
    pipe = Pipeline(store, BOT, classifier, PolicySettings())
    await pipe.start()
    return pipe


def follow(did: str, rkey: str = "f1", t: int = T0, subject: str = BOT) -> FollowCreated:
    return FollowCreated(did, t, rkey, subject)


def post(
    did: str,
    rkey: str,
    t: int,
    text: str = "a walk in the park",
    *,
    reply_to: str | None = None,
    quote_of: str | None = None,
) -> PostCreated:
    if reply_to is not None:
        kind = ActivityKind.REPLY
    elif quote_of is not None:
        kind = ActivityKind.QUOTE
    else:
        kind = ActivityKind.POST
    record = {"$type": "app.bsky.feed.post", "text": text, "createdAt": "2001-01-01T00:00:00Z"}
    return PostCreated(did, t, rkey, kind, record, reply_to, reply_to, quote_of)


async def activity_rows(store: Store, did: str) -> list[dict[str, Any]]:
    query = select(activity).where(activity.c.did == did).order_by(activity.c.time_us)
    async with store.engine.connect() as conn:
        return [dict(m) for m in (await conn.execute(query)).mappings()]


async def opted_in(pipeline: Pipeline, *dids: str) -> None:
    await pipeline.ingest([follow(did, f"f-{did[-3:]}") for did in dids], T0)


# --- opt-in ---------------------------------------------------------------------------------


async def test_follow_of_the_bot_opts_in_and_queues_one_welcome(
    pipeline: Pipeline, store: Store
) -> None:
    outcome = await pipeline.ingest([follow(ALICE, "f1", T0 + 5)], T0 + 10)
    assert outcome.opted_in == [ALICE]
    assert outcome.welcomed == [ALICE]
    assert pipeline.opted == {ALICE: "f1"}
    assert await store.load_opted_in() == {ALICE: "f1"}
    rows = await store.outbox_rows(ALICE)
    assert [(r["kind"], r["status"], r["send_after_us"]) for r in rows] == [
        ("welcome", "pending", T0 + 5)
    ]
    assert rows[0]["text"]
    person = await store.person(ALICE)
    assert person is not None and person.opted_in_us == T0 + 5
    # the follow itself counts as activity
    assert [
        (r["collection"], r["rkey"], r["target_did"]) for r in await activity_rows(store, ALICE)
    ] == [("follow", "f1", BOT)]
    assert person.last_activity_us == T0 + 5


async def test_follow_of_someone_else_is_no_opt_in(pipeline: Pipeline, store: Store) -> None:
    outcome = await pipeline.ingest([follow(ALICE, "f1", subject=CAROL)], T0)
    assert outcome.opted_in == [] and pipeline.opted == {}
    assert await store.person(ALICE) is None
    assert await store.outbox_rows() == []


@pytest.mark.parametrize("same_batch", [True, False], ids=["same-batch", "later-batch"])
async def test_the_same_follow_seen_twice_is_ignored(
    pipeline: Pipeline, store: Store, same_batch: bool
) -> None:
    if same_batch:
        outcome = await pipeline.ingest([follow(ALICE), follow(ALICE)], T0)
        assert outcome.opted_in == [ALICE]
    else:
        await pipeline.ingest([follow(ALICE)], T0)
        pipeline.add(follow(ALICE))
        assert not pipeline.pending  # nothing new to write
        outcome = await pipeline.flush(T0 + 1)
        assert outcome.opted_in == [] and outcome.welcomed == []
    assert pipeline.opted == {ALICE: "f1"}
    assert [r["kind"] for r in await store.outbox_rows(ALICE)] == ["welcome"]
    assert await store.activity_count(ALICE) == 1


async def test_a_second_follow_record_moves_the_watched_rkey_without_a_new_welcome(
    pipeline: Pipeline, store: Store
) -> None:
    await pipeline.ingest([follow(ALICE, "f1")], T0)
    outcome = await pipeline.ingest([follow(ALICE, "f2", T0 + 1)], T0 + 1)
    assert outcome.opted_in == [] and outcome.welcomed == []
    assert pipeline.opted == {ALICE: "f2"}
    assert await store.load_opted_in() == {ALICE: "f2"}
    assert [r["kind"] for r in await store.outbox_rows(ALICE)] == ["welcome"]
    # the old follow going away is now just a deletion
    await pipeline.ingest([FollowDeleted(ALICE, T0 + 2, "f1")], T0 + 2)
    assert pipeline.opted == {ALICE: "f2"}
    assert await store.person(ALICE) is not None


# --- opt-out --------------------------------------------------------------------------------


async def test_follow_and_unfollow_in_one_batch_leave_nothing(
    pipeline: Pipeline, store: Store
) -> None:
    outcome = await pipeline.ingest(
        [
            follow(ALICE, "f1"),
            post(ALICE, "p1", T0 + 1),
            FollowDeleted(ALICE, T0 + 2, "f1"),
        ],
        T0 + 2,
    )
    assert outcome.opted_out == [ALICE] and outcome.welcomed == []
    assert pipeline.opted == {}
    assert await store.load_opted_in() == {}
    assert await store.person(ALICE) is None
    assert await store.outbox_rows() == []
    assert await store.activity_count() == 0
    # no welcome went out, so the welcome cooldown was not used up
    later = T0 + US_PER_HOUR
    assert (await pipeline.ingest([follow(ALICE, "f2", later)], later)).welcomed == [ALICE]


async def test_unfollow_of_someone_else_is_a_deletion_not_an_opt_out(
    pipeline: Pipeline, store: Store
) -> None:
    await pipeline.ingest([follow(ALICE, "f1"), follow(ALICE, "f9", T0 + 1, subject=CAROL)], T0 + 1)
    assert await store.activity_count(ALICE) == 2
    outcome = await pipeline.ingest([FollowDeleted(ALICE, T0 + 2, "f9")], T0 + 2)
    assert outcome.opted_out == []
    assert pipeline.opted == {ALICE: "f1"}
    assert await store.person(ALICE) is not None
    assert [r["rkey"] for r in await activity_rows(store, ALICE)] == ["f1"]


async def test_unfollow_of_the_bot_opts_out_and_purges(pipeline: Pipeline, store: Store) -> None:
    await pipeline.ingest([follow(ALICE, "f1"), follow(BOB, "f2")], T0)
    await pipeline.ingest([post(ALICE, "p1", T0 + 1)], T0 + 1)
    outcome = await pipeline.ingest([FollowDeleted(ALICE, T0 + 2, "f1")], T0 + 2)
    assert outcome.opted_out == [ALICE]
    assert pipeline.opted == {BOB: "f2"}
    assert await store.person(ALICE) is None
    assert await store.activity_count(ALICE) == 0
    assert await store.outbox_rows(ALICE) == []
    assert await store.person(BOB) is not None


@pytest.mark.parametrize(
    ("event", "opted_out", "left_rows"),
    [
        (BlockCreated(ALICE, T0 + 5, "b1", BOT), True, 0),
        (BlockCreated(ALICE, T0 + 5, "b1", CAROL), False, 2),
        (BlockCreated(BOB, T0 + 5, "b1", BOT), False, 1),
    ],
    ids=["alice-blocks-the-bot", "alice-blocks-someone-else", "stranger-blocks-the-bot"],
)
async def test_block_of_the_bot_opts_out(
    pipeline: Pipeline, store: Store, event: Event, opted_out: bool, left_rows: int
) -> None:
    await opted_in(pipeline, ALICE)
    outcome = await pipeline.ingest([event], T0 + 5)
    assert (outcome.opted_out == [ALICE]) is opted_out
    assert (ALICE in pipeline.opted) is not opted_out
    assert (await store.person(ALICE) is None) is opted_out
    assert await store.activity_count(ALICE) == left_rows
    assert await store.person(BOB) is None


@pytest.mark.parametrize(
    ("status", "active", "purged"),
    [
        ("deleted", False, True),
        ("deactivated", False, False),
        ("takendown", False, False),
        (None, True, False),
    ],
)
async def test_account_status(
    pipeline: Pipeline, store: Store, status: str | None, active: bool, purged: bool
) -> None:
    await opted_in(pipeline, ALICE)
    await pipeline.ingest([post(ALICE, "p1", T0 + 1)], T0 + 1)
    outcome = await pipeline.ingest([AccountChanged(ALICE, T0 + 2, active, status)], T0 + 2)
    person = await store.person(ALICE)
    if purged:
        assert outcome.opted_out == [ALICE]
        assert person is None and ALICE not in pipeline.opted
        assert await store.activity_count(ALICE) == 0
        assert await store.outbox_rows(ALICE) == []
    else:
        assert outcome.opted_out == []
        assert person is not None and ALICE in pipeline.opted
        assert (person.account_active, person.account_status) == (active, status)
        assert await store.activity_count(ALICE) == 2


# --- who is stored, and what --------------------------------------------------------------

STRANGER_EVENTS: list[Event] = [
    post(BOB, "p1", T0 + 1, "BIG SALE today"),
    EngagementCreated(BOB, T0 + 2, "l1", ActivityKind.LIKE, ALICE),
    follow(BOB, "f1", T0 + 3, subject=CAROL),
    BlockCreated(BOB, T0 + 4, "b1", CAROL),
    OtherRecordCreated(BOB, T0 + 5, "x1", "app.bsky.graph.list"),
    PostDeleted(BOB, T0 + 6, "p1"),
    FollowDeleted(BOB, T0 + 7, "zz"),
    ProfileChanged(BOB, T0 + 8, "Bob"),
    IdentityChanged(BOB, T0 + 9, "bob.test"),
    AccountChanged(BOB, T0 + 10, False, "deleted"),
]


@pytest.mark.parametrize("event", STRANGER_EVENTS, ids=lambda e: type(e).__name__)
async def test_events_of_people_not_opted_in_are_not_stored(
    pipeline: Pipeline, store: Store, classifier: StubClassifier, event: Event
) -> None:
    await opted_in(pipeline, ALICE)
    pipeline.add(event)
    assert not pipeline.pending
    assert not pipeline.pending_is_urgent
    outcome = await pipeline.flush(T0 + 20)
    assert outcome.activities == 0
    assert await store.person(BOB) is None
    assert await store.activity_count(BOB) == 0
    assert classifier.seen == []  # not even classified
    assert pipeline.opted == {ALICE: "f-ice"}


ROW_CASES: list[tuple[str, Event, tuple[str, str, bool, str | None]]] = [
    # id, event, (collection, kind, promo, target)
    ("plain-post", post(ALICE, "p1", T0 + 1), ("post", "post", False, None)),
    ("promo-post", post(ALICE, "p1", T0 + 1, "huge SALE now"), ("post", "post", True, None)),
    (
        "reply",
        post(ALICE, "p1", T0 + 1, "congrats!", reply_to=BOB),
        ("post", "reply", False, BOB),
    ),
    (
        "promo-reply",
        post(ALICE, "p1", T0 + 1, "SALE in my shop", reply_to=BOB),
        ("post", "reply", True, BOB),
    ),
    ("quote", post(ALICE, "p1", T0 + 1, "look", quote_of=CAROL), ("post", "quote", False, CAROL)),
    (
        "like",
        EngagementCreated(ALICE, T0 + 1, "p1", ActivityKind.LIKE, BOB),
        ("like", "like", False, BOB),
    ),
    (
        "repost",
        EngagementCreated(ALICE, T0 + 1, "p1", ActivityKind.REPOST, CAROL),
        ("repost", "repost", False, CAROL),
    ),
    ("follow", follow(ALICE, "p1", T0 + 1, subject=BOB), ("follow", "follow", False, BOB)),
    ("block", BlockCreated(ALICE, T0 + 1, "p1", CAROL), ("block", "block", False, CAROL)),
    (
        "other",
        OtherRecordCreated(ALICE, T0 + 1, "p1", "app.bsky.graph.list"),
        ("app.bsky.graph.list", "other", False, None),
    ),
]


@pytest.mark.parametrize(
    ("event", "expected"), [c[1:] for c in ROW_CASES], ids=[c[0] for c in ROW_CASES]
)
async def test_activity_rows_carry_kind_promo_flag_and_target(
    pipeline: Pipeline, store: Store, event: Event, expected: tuple[str, str, bool, str | None]
) -> None:
    await opted_in(pipeline, ALICE)
    outcome = await pipeline.ingest([event], T0 + 1)
    assert outcome.activities == 1
    rows = [r for r in await activity_rows(store, ALICE) if r["rkey"] == "p1"]
    assert [(r["collection"], r["kind"], r["promo"], r["target_did"]) for r in rows] == [expected]
    assert rows[0]["time_us"] == T0 + 1
    person = await store.person(ALICE)
    assert person is not None and person.last_activity_us == T0 + 1
    posts = [(p.promo, p.replies_to_other) for p in person.recent_posts]
    if expected[0] == "post":
        assert posts == [(expected[2], expected[1] == "reply")]
    else:
        assert posts == []


async def test_post_text_goes_to_the_classifier_only(
    pipeline: Pipeline, store: Store, classifier: StubClassifier
) -> None:
    await opted_in(pipeline, ALICE)
    await pipeline.ingest([post(ALICE, "p1", T0 + 1, "secret SALE words")], T0 + 1)
    assert classifier.seen == ["secret SALE words"]
    [row] = [r for r in await activity_rows(store, ALICE) if r["rkey"] == "p1"]
    assert row["promo"] is True and row["promo_score"] == pytest.approx(0.95)
    assert "secret" not in repr(row)


async def test_deletions_profile_and_identity_of_opted_in_people_are_applied(
    pipeline: Pipeline, store: Store
) -> None:
    await opted_in(pipeline, ALICE)
    await pipeline.ingest([post(ALICE, "p1", T0 + 1, "SALE"), post(ALICE, "p2", T0 + 2)], T0 + 2)
    await pipeline.ingest(
        [
            PostDeleted(ALICE, T0 + 3, "p1"),
            ProfileChanged(ALICE, T0 + 3, "Alice A."),
            IdentityChanged(ALICE, T0 + 3, "alice.test"),
        ],
        T0 + 3,
    )
    person = await store.person(ALICE)
    assert person is not None
    assert (person.display_name, person.handle) == ("Alice A.", "alice.test")
    assert [p.time_us for p in person.recent_posts] == [T0 + 2]
    assert sorted(r["rkey"] for r in await activity_rows(store, ALICE)) == ["f-ice", "p2"]


# --- urgency --------------------------------------------------------------------------------

URGENT_CASES: list[tuple[str, list[Event], bool]] = [
    ("opt-in", [follow(BOB, "f2")], True),
    ("promo-post", [post(ALICE, "p1", T0 + 1, "SALE SALE")], True),
    ("promo-after-plain", [post(ALICE, "p1", T0 + 1), post(ALICE, "p2", T0 + 2, "SALE")], True),
    ("plain-after-promo", [post(ALICE, "p1", T0 + 1, "SALE"), post(ALICE, "p2", T0 + 2)], True),
    ("opt-out", [BlockCreated(ALICE, T0 + 1, "b1", BOT)], True),
    ("plain-post", [post(ALICE, "p1", T0 + 1)], False),
    ("like", [EngagementCreated(ALICE, T0 + 1, "l1", ActivityKind.LIKE, BOB)], False),
    ("profile", [ProfileChanged(ALICE, T0 + 1, "A")], False),
    ("stranger-promo", [post(CAROL, "p1", T0 + 1, "SALE")], False),
]


@pytest.mark.parametrize(
    ("events", "urgent"), [c[1:] for c in URGENT_CASES], ids=[c[0] for c in URGENT_CASES]
)
async def test_pending_is_urgent(pipeline: Pipeline, events: list[Event], urgent: bool) -> None:
    await opted_in(pipeline, ALICE)
    assert not pipeline.pending_is_urgent  # a flush starts a calm batch
    for event in events:
        pipeline.add(event)
    assert pipeline.pending_is_urgent is urgent
    await pipeline.flush(T0 + 5)
    assert pipeline.pending_is_urgent is False


# --- failures and start-up --------------------------------------------------------------------


async def test_a_failed_apply_restores_the_opted_in_set_and_reraises(
    pipeline: Pipeline, store: FailingStore
) -> None:
    await pipeline.ingest([follow(ALICE, "f1")], T0)
    store.failing = True
    pipeline.add(follow(BOB, "f2", T0 + 1))
    pipeline.add(FollowDeleted(ALICE, T0 + 2, "f1"))
    assert pipeline.opted == {BOB: "f2"}  # changed at once, before the commit
    with pytest.raises(ConnectionError, match="went away"):
        await pipeline.flush(T0 + 2)
    assert pipeline.opted == {ALICE: "f1"}  # what the database says
    assert not pipeline.pending
    store.failing = False
    assert await store.person(BOB) is None
    assert await store.outbox_rows(BOB) == []


async def test_start_loads_the_opted_in_set(
    store: FailingStore, classifier: StubClassifier
) -> None:
    first = Pipeline(store, BOT, classifier, PolicySettings())
    await first.start()
    assert first.opted == {}
    await first.ingest([follow(ALICE, "f1"), follow(BOB, "f2"), follow(CAROL, "f3")], T0)
    await first.ingest([FollowDeleted(CAROL, T0 + 1, "f3")], T0 + 1)
    second = Pipeline(store, BOT, classifier, PolicySettings())
    assert second.opted == {}
    await second.start()
    assert second.opted == {ALICE: "f1", BOB: "f2"}
    # and it acts on it: Alice's unfollow is an opt-out for the new pipeline too
    outcome = await second.ingest([FollowDeleted(ALICE, T0 + US_PER_DAY, "f1")], T0 + US_PER_DAY)
    assert outcome.opted_out == [ALICE]


async def test_creating_a_profile_is_activity_but_editing_it_is_not(tmp_path: Path) -> None:
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path}/p.db") as store:
        await store.migrate()
        pipeline = Pipeline(store, BOT, lambda record: PromoVerdict(0.0, False), PolicySettings())
        await pipeline.start()
        await pipeline.ingest([FollowCreated(ALICE, T0, "f1", BOT)], T0)
        await pipeline.ingest([ProfileChanged(ALICE, T0 + 5, "Alice", created=False)], T0 + 5)
        person = await store.person(ALICE)
        assert person is not None and person.display_name == "Alice"
        assert person.last_activity_us == T0  # the follow; the edit did not count
        await pipeline.ingest([ProfileChanged(ALICE, T0 + 9, "Alice A", created=True)], T0 + 9)
        person = await store.person(ALICE)
        assert person is not None and person.last_activity_us == T0 + 9


async def test_a_follow_someone_stopped_on_is_refused_and_unwatched(
    pipeline: Pipeline, store: FailingStore
) -> None:
    await pipeline.ingest([FollowCreated(ALICE, T0, "f1", BOT)], T0)
    await pipeline.ingest([StopRequested(ALICE, T0 + 1, "stop")], T0 + 1)
    outcome = await pipeline.ingest(
        [
            FollowCreated(ALICE, T0 + 2, "f1", BOT),  # reconciliation lists the same follow
            PostCreated(ALICE, T0 + 3, "p1", ActivityKind.POST, {"text": "hi"}),
        ],
        T0 + 3,
    )
    assert outcome.opted_in == [] and outcome.opted_out == [ALICE]
    assert ALICE not in pipeline.opted
    assert await store.person(ALICE) is None and await store.activity_count(ALICE) == 0
    outcome = await pipeline.ingest([FollowCreated(ALICE, T0 + 4, "f2", BOT)], T0 + 4)
    assert outcome.opted_in == [ALICE] and pipeline.opted == {ALICE: "f2"}


async def test_stop_requested_opts_out_and_leaves_a_tombstone(
    pipeline: Pipeline, store: FailingStore
) -> None:
    await pipeline.ingest([FollowCreated(ALICE, T0, "f1", BOT)], T0)
    outcome = await pipeline.ingest([StopRequested(ALICE, T0 + 1, "stop")], T0 + 1)
    assert outcome.opted_out == [ALICE] and ALICE not in pipeline.opted
    assert await store.person(ALICE) is None
    # the same follow, listed again by reconciliation, does not sign them up
    outcome = await pipeline.ingest([FollowCreated(ALICE, T0 + 2, "f1", BOT)], T0 + 2)
    assert outcome.opted_in == [] and ALICE not in pipeline.opted
    # a stop from someone not opted in still refuses their follows until `start`
    await pipeline.ingest([StopRequested(BOB, T0 + 3, "forget")], T0 + 3)
    outcome = await pipeline.ingest([FollowCreated(BOB, T0 + 4, "fb", BOT)], T0 + 4)
    assert outcome.opted_in == [] and await store.lift_tombstone(BOB)
