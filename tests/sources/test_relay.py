"""The relay source on real subscribeRepos frames, decoded by the SDK's frame decoder as its
client does before our callback: filter first, convert once, cursor handling."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from atproto_client.models.common import XrpcError
from atproto_subscription.exceptions import SubscriptionError
from atproto_subscription.frames import Frame

from bot.backoff import backoff_delay
from bot.classify import PromoVerdict
from bot.clock import SimulatedClock
from bot.events import (
    AccountChanged,
    ActivityKind,
    BlockCreated,
    EngagementCreated,
    Event,
    FollowCreated,
    FollowDeleted,
    IdentityChanged,
    PostCreated,
    PostDeleted,
)
from bot.ingest import IngestLoop
from bot.pipeline import Pipeline
from bot.policy import PolicySettings
from bot.shared import IngestOutcome, SourceItem
from bot.sources.relay import RelayOptions, RelaySource, _Client
from bot.sources.relay_frames import UNDECODABLE, find_block, time_us_of
from bot.store import Store
from bot.supervise import ErrorSink
from tests import relay_frames as rf
from tests.relay_frames import Op

BOT, ALICE, STRANGER, OTHER = "did:plc:bot", "did:plc:alice", "did:plc:stranger", "did:plc:other"
T0 = 1_785_585_600_000_000
POST, LIKE, REPOST = "app.bsky.feed.post", "app.bsky.feed.like", "app.bsky.feed.repost"
FOLLOW, BLOCK = "app.bsky.graph.follow", "app.bsky.graph.block"


class FakeStore:
    def __init__(self, cursor: int | None = None) -> None:
        self.cursor = cursor

    async def get_cursor(self, name: str) -> int | None:
        assert name == "relay"
        return self.cursor


def make_source(
    queue: asyncio.Queue[SourceItem] | None = None, **options: Any
) -> tuple[RelaySource, asyncio.Queue[SourceItem]]:
    queue = queue if queue is not None else asyncio.Queue()
    source = RelaySource(queue, FakeStore(), BOT, [ALICE], ErrorSink(), RelayOptions(**options))
    return source, queue


async def feed(source: RelaySource, *frames: bytes) -> None:
    for raw in frames:
        await source.on_frame(Frame.from_bytes(raw))


def events_of(queue: asyncio.Queue[SourceItem]) -> list[Event]:
    found: list[Event] = []
    while not queue.empty():
        found.extend(queue.get_nowait().events)
    return found


async def test_opted_in_repo_becomes_events_timed_by_the_commit() -> None:
    source, queue = make_source()
    ops = [
        Op("create", POST, "p1", rf.post("hello", created_at="2001-01-01T00:00:00Z")),
        Op("create", LIKE, "l1", rf.like(OTHER)),
        Op("create", REPOST, "r1", rf.repost(OTHER)),
    ]
    await feed(source, rf.commit_frame(7, ALICE, ops, T0))
    events = events_of(queue)
    assert [type(e) for e in events] == [PostCreated, EngagementCreated, EngagementCreated]
    assert all(e.did == ALICE and e.time_us == T0 for e in events)  # never createdAt
    post = events[0]
    assert isinstance(post, PostCreated) and post.record["text"] == "hello"
    assert [e.kind for e in events[1:]] == [ActivityKind.LIKE, ActivityKind.REPOST]
    assert source.seq == 7


async def test_strangers_post_is_not_decoded() -> None:
    source, queue = make_source()
    garbage = b"\xff" * 300  # any attempt to read this CAR would fail
    await feed(source, rf.commit_frame(1, STRANGER, [Op("create", POST, "p1")], T0, blocks=garbage))
    assert events_of(queue) == []
    assert source.filter.decoded_frames == 0 and not source.filter.skipped
    assert source.seq == 1


async def test_strangers_follow_of_the_bot_is_found_and_watched_from_then_on() -> None:
    source, queue = make_source()
    await feed(
        source,
        rf.commit_frame(1, STRANGER, [Op("create", FOLLOW, "f1", rf.follow(BOT))], T0),
        rf.commit_frame(2, STRANGER, [Op("create", POST, "p1", rf.post("first!"))], T0 + 1),
    )
    events = events_of(queue)
    assert events[0] == FollowCreated(STRANGER, T0, "f1", BOT)
    assert isinstance(events[1], PostCreated) and events[1].did == STRANGER


async def test_strangers_follow_of_someone_else_yields_nothing() -> None:
    source, queue = make_source()
    await feed(
        source, rf.commit_frame(1, STRANGER, [Op("create", FOLLOW, "f1", rf.follow(OTHER))], T0)
    )
    assert events_of(queue) == [] and source.filter.decoded_frames == 0


async def test_a_block_of_the_bot_is_decoded_but_blocks_of_others_are_not() -> None:
    source, queue = make_source()
    await feed(
        source,
        rf.commit_frame(1, STRANGER, [Op("create", BLOCK, "b1", rf.block(BOT))], T0),
        rf.commit_frame(2, OTHER, [Op("create", BLOCK, "b2", rf.block(STRANGER))], T0),
    )
    assert events_of(queue) == [BlockCreated(STRANGER, T0, "b1", BOT)]
    assert STRANGER not in source.filter.opted  # a block does not opt anyone in


async def test_deletes_of_an_opted_in_person() -> None:
    source, queue = make_source()
    ops = [Op("delete", FOLLOW, "f1"), Op("delete", POST, "p1")]
    await feed(source, rf.commit_frame(3, ALICE, ops, T0))
    assert events_of(queue) == [FollowDeleted(ALICE, T0, "f1"), PostDeleted(ALICE, T0, "p1")]


async def test_account_and_identity_frames() -> None:
    source, queue = make_source()
    await feed(
        source,
        rf.account_frame(1, ALICE, T0, False, "deactivated"),
        rf.identity_frame(2, ALICE, T0 + 1, "alice.test"),
        rf.account_frame(3, STRANGER, T0, False, "deleted"),  # strangers: nothing
    )
    assert events_of(queue) == [
        AccountChanged(ALICE, T0, False, "deactivated"),
        IdentityChanged(ALICE, T0 + 1, "alice.test"),
    ]


async def test_garbage_car_of_an_opted_in_person_is_counted_not_raised() -> None:
    source, queue = make_source()
    ops = [Op("create", POST, "p1", rf.post("x"))]
    await feed(source, rf.commit_frame(1, ALICE, ops, T0, blocks=b"\x01garbage"))
    assert events_of(queue) == [] and source.filter.skipped[UNDECODABLE] == 1


async def test_opt_out_stops_decoding() -> None:
    source, queue = make_source()
    source.apply_changes(opted_in=[OTHER], opted_out=[ALICE])
    garbage = b"\xff" * 50
    await feed(source, rf.commit_frame(1, ALICE, [Op("create", POST, "p1")], T0, blocks=garbage))
    await feed(source, rf.commit_frame(2, OTHER, [Op("create", POST, "p2", rf.post("y"))], T0))
    assert [e.did for e in events_of(queue)] == [OTHER]


async def test_cursor_only_items_duplicates_and_the_final_cursor() -> None:
    source, queue = make_source(cursor_every_frames=3, cursor_every_s=3600)
    strangers = [
        rf.commit_frame(s, STRANGER, [Op("delete", POST, f"p{s}")], T0) for s in range(1, 6)
    ]
    await feed(source, *strangers)
    items = [queue.get_nowait() for _ in range(queue.qsize())]
    assert [(list(i.events), i.cursor_name, i.cursor) for i in items] == [([], "relay", 3)]
    await feed(source, strangers[1], rf.commit_frame(4, ALICE, [Op("delete", POST, "x")], T0))
    assert queue.empty() and source.stats.duplicates == 2  # seq 2 and 4 were handled already
    await source.stop()  # never started: stopping still saves how far we got
    assert queue.get_nowait() == SourceItem((), "relay", 5)


async def test_outdated_cursor_is_flagged() -> None:
    source, queue = make_source()
    lost: list[str] = []
    source.on_cursor_lost = lambda: lost.append("reconcile now")
    await feed(source, rf.info_frame("OutdatedCursor", "too old"))
    assert source.stats.cursor_outdated and queue.empty()
    assert lost == ["reconcile now"]  # the service reconciles what the gap hid


def test_find_block_and_time_parsing() -> None:
    data = rf.encode(rf.post("z"))
    cid = rf.cid_of(data)
    car = rf.car(cid, [(rf.cid_of(b"a"), b"a"), (cid, data)])
    assert find_block(car, cid) == data
    assert find_block(car[:-5], cid) is None and find_block(b"\xff\xff", cid) is None
    assert time_us_of("2026-08-01T12:00:00.000001Z") == 1_785_585_600_000_001
    assert time_us_of("2026-08-01T12:00:00") is None and time_us_of(None) is None


def test_backoff_is_capped_and_jittered() -> None:
    rand = random.Random(1).random
    delays = [backoff_delay(n, base_s=1, cap_s=60, rand=rand) for n in range(11)]
    assert 0.5 <= delays[0] <= 1 and all(30 <= d <= 60 for d in delays[7:])
    assert backoff_delay(2, base_s=1, cap_s=60, rand=lambda: 1.0) == 4


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path}/r.db") as opened:
        await opened.migrate()
        yield opened


async def test_through_ingest_loop_and_pipeline(store: Store) -> None:
    pipeline = Pipeline(store, BOT, lambda r: PromoVerdict(0.0, False), PolicySettings())
    await pipeline.start()
    queue: asyncio.Queue[SourceItem] = asyncio.Queue(maxsize=4)
    source = RelaySource(queue, store, BOT, pipeline.opted, ErrorSink())
    flushed: list[IngestOutcome] = []

    async def on_flushed(outcome: IngestOutcome) -> None:
        flushed.append(outcome)
        await source.on_flushed(outcome)

    loop = IngestLoop(pipeline, queue, SimulatedClock(T0), max_wait_s=0.01, on_flushed=on_flushed)
    task = asyncio.create_task(loop.run())
    try:
        await feed(
            source,
            rf.commit_frame(10, STRANGER, [Op("create", FOLLOW, "f1", rf.follow(BOT))], T0),
            rf.commit_frame(11, STRANGER, [Op("create", POST, "p1", rf.post("hi"))], T0 + 1),
            rf.commit_frame(12, OTHER, [Op("create", POST, "p2", rf.post("no"))], T0 + 2),
        )
        await source.stop()
        async with asyncio.timeout(5):
            await queue.join()
    finally:
        task.cancel()
    assert await store.load_opted_in() == {STRANGER: "f1"}
    assert await store.activity_count(STRANGER) == 2  # the follow and the post
    assert await store.get_cursor("relay") == 12
    assert [did for o in flushed for did in o.opted_in] == [STRANGER]


class FakeClient:
    """Stands in for the SDK client: each run plays a script (frames, then close/raise/hang)."""

    runs: ClassVar[list[tuple[list[bytes], str]]] = []
    made: ClassVar[list[FakeClient]] = []
    hanging: ClassVar[asyncio.Event]

    def __init__(
        self, params: Any, *, base_uri: str, recv_timeout: float | None, **_keepalive: Any
    ) -> None:
        self.params, self.base_uri, self.recv_timeout = params, base_uri, recv_timeout
        self.updates: list[Any] = []
        self.stopped = asyncio.Event()
        FakeClient.made.append(self)

    def update_params(self, params: Any) -> None:
        self.updates.append(params)

    async def start(self, on_message: Any, on_error: Any) -> None:
        frames, end = FakeClient.runs.pop(0) if FakeClient.runs else ([], "hang")
        for raw in frames:
            if self.stopped.is_set():
                return  # as the SDK: a stopped client reads no further frame
            try:
                await on_message(Frame.from_bytes(raw))
            except Exception as e:
                await on_error(e)
        if end == "raise":
            raise RuntimeError("the connection broke")
        if end == "future":  # what the SDK raises for an error frame
            raise SubscriptionError(XrpcError("FutureCursor", "Cursor in the future."))
        if end == "hang":
            FakeClient.hanging.set()
            await self.stopped.wait()

    async def stop(self) -> None:
        self.stopped.set()


async def test_reconnects_from_the_last_seq_and_reports_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("bot.sources.relay._Client", FakeClient)
    FakeClient.made, FakeClient.hanging = [], asyncio.Event()
    FakeClient.runs = [
        ([rf.commit_frame(41, ALICE, [Op("delete", POST, "a")], T0)], "close"),
        ([rf.commit_frame(42, ALICE, [Op("delete", POST, "b")], T0)], "raise"),
        ([rf.commit_frame(42, ALICE, [Op("delete", POST, "b")], T0)], "hang"),  # overlap
    ]
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    errors = ErrorSink()
    options = RelayOptions(base_uri="ws://relay.invalid/xrpc", backoff_initial_s=0.001)
    source = RelaySource(queue, FakeStore(40), BOT, [ALICE], errors, options)
    await source.start()
    async with asyncio.timeout(5):
        await FakeClient.hanging.wait()
    await source.stop()
    assert [c.params for c in FakeClient.made] == [{"cursor": 40}, {"cursor": 41}, {"cursor": 42}]
    assert FakeClient.made[0].recv_timeout is None  # silence alone never drops the stream
    assert FakeClient.made[0].updates == [{"cursor": 41}]
    assert [i.cursor for i in [queue.get_nowait() for _ in range(queue.qsize())]] == [41, 42]
    assert errors.counts == {"relay.stream": 1} and source.stats.duplicates == 1
    assert not source.running


async def test_an_outdated_cursor_goes_live(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.sources.relay._Client", FakeClient)
    FakeClient.made, FakeClient.hanging = [], asyncio.Event()
    old = rf.commit_frame(5, ALICE, [Op("delete", POST, "old")], T0)  # must not be read
    FakeClient.runs = [([rf.info_frame("OutdatedCursor", "too old"), old], "close")]
    FakeClient.runs.append(([rf.commit_frame(900, ALICE, [Op("delete", POST, "new")], T0)], "hang"))
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    source = RelaySource(queue, FakeStore(3), BOT, [ALICE], ErrorSink(), RelayOptions())
    await source.start()
    async with asyncio.timeout(5):
        await FakeClient.hanging.wait()
    await source.stop()
    assert [c.params for c in FakeClient.made] == [{"cursor": 3}, None]
    assert source.stats.cursor_outdated
    assert [e.rkey for e in events_of(queue) if isinstance(e, PostDeleted)] == ["new"]


async def test_a_future_cursor_error_frame_goes_live(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.sources.relay._Client", FakeClient)
    FakeClient.made, FakeClient.hanging = [], asyncio.Event()
    FakeClient.runs = [([], "future")]
    FakeClient.runs.append(([rf.commit_frame(2, ALICE, [Op("delete", POST, "low")], T0)], "hang"))
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    errors = ErrorSink()
    source = RelaySource(queue, FakeStore(10**9), BOT, [ALICE], errors, RelayOptions())
    await source.start()
    async with asyncio.timeout(5):
        await FakeClient.hanging.wait()
    await source.stop()
    assert [c.params for c in FakeClient.made] == [{"cursor": 10**9}, None]
    assert source.stats.cursor_outdated and errors.total == 0
    assert [e.rkey for e in events_of(queue) if isinstance(e, PostDeleted)] == ["low"]


def test_the_ping_settings_reach_the_websocket_connect() -> None:
    source, _ = make_source(ping_interval_s=1.5, ping_timeout_s=2.5)
    client = _Client(
        None,
        base_uri="ws://relay.invalid/xrpc",
        recv_timeout=None,
        ping_interval_s=source.options.ping_interval_s,
        ping_timeout_s=source.options.ping_timeout_s,
        on_dial=source._dialed,
    )
    kwargs = client._get_connect_kwargs()
    assert kwargs["ping_interval"] == 1.5 and kwargs["ping_timeout"] == 2.5
    assert kwargs["max_size"] > 0  # the SDK's own kwargs are kept
    client._get_async_client()  # builds the connect object; nothing is dialled until awaited
    assert source.stats.dials == 1
    assert RelayOptions().ping_interval_s == RelayOptions().ping_timeout_s == 20.0


async def test_frames_tell_the_connection_when_it_reached_the_tip() -> None:
    from bot.sources.keepalive import Liveness

    source, _ = make_source()
    source.liveness = Liveness(wall=lambda: T0 + 60_000_000)  # now: a minute after T0
    source.liveness.opened()
    stranger_post = [Op("create", POST, "p1")]
    await feed(source, rf.commit_frame(1, STRANGER, stranger_post, T0))  # a backlog frame
    [state] = source.streams()
    assert state.frame_at is not None and state.live_at is None and not source.liveness.live
    await feed(source, rf.commit_frame(2, STRANGER, stranger_post, T0 + 58_000_000))
    [state] = source.streams()
    assert source.liveness.live and state.live_at is not None and state.name == "relay"
    source.liveness.opened()  # a reconnect: caught up no more
    assert source.streams()[0].live_at is None
