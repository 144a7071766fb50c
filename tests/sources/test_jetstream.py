"""The Jetstream v2 source without a network: layout, overlap, conversion, the source's choices."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from atproto_client.exceptions import ModelError
from atproto_jetstream.models import parse_frame, parse_subscribe_events_message

from bot.backoff import backoff_delay
from bot.events import FollowCreated, FollowDeleted, IdentityChanged, PostCreated
from bot.shared import IngestOutcome, SourceItem
from bot.sources.jetstream import JetstreamOptions, JetstreamSource
from bot.sources.jetstream_json import event_from_jetstream, is_relevant
from bot.sources.jetstream_plan import (
    COLLECTIONS_CURSOR,
    Layout,
    Position,
    bucket_of,
    collections_params,
    shard_params,
    url_length,
)
from bot.sources.jetstream_sub import (
    Shared,
    Subscription,
    _Client,
    message_to_json,
    time_us_of,
)
from bot.store import Store
from bot.supervise import ErrorSink
from tests.sources.test_jetstream_json import MENTIONS, POST_CASES, QUOTE_EMBED, commit

BOT = "did:plc:thebot"
URL = "wss://jetstream.example/xrpc"
NSID = "network.bsky.jetstream.subscribeEvents"
TIME = "2026-08-01T12:00:00.123456Z"
T = 1_785_585_600_123_456


def plc(n: int) -> str:
    return f"did:plc:{n:024d}"  # the real length: 32 characters


# --- layout ------------------------------------------------------------------------------


def test_buckets_are_stable_and_spread() -> None:
    dids = [plc(n) for n in range(2000)]
    assert [bucket_of(d, 20) for d in dids] == [bucket_of(d, 20) for d in dids]
    assert bucket_of("did:plc:alice", 20) == 16  # a fixed answer: not salted per process
    sizes = [sum(1 for d in dids if bucket_of(d, 20) == b) for b in range(20)]
    assert min(sizes) > 60 and max(sizes) < 140


def test_a_full_shard_url_stays_well_under_8_kb() -> None:
    assert url_length(URL, shard_params(plc(n) for n in range(150))) < 7000
    assert url_length(URL, collections_params()) < 1500


def test_small_populations_get_one_shard_per_bucket() -> None:
    layout = Layout(buckets=20, shard_size=150, base_uri=URL)
    layout.add(plc(n) for n in range(40))
    shards = layout.shards()
    assert sum(len(d) for d in shards.values()) == 40
    assert len(shards) <= 20 and not layout.local_buckets()
    assert not layout.served_locally(plc(1))


def test_an_overflowing_bucket_switches_to_local_filtering() -> None:
    layout = Layout(buckets=1, shard_size=2, base_uri=URL)
    assert layout.add(["did:plc:a", "did:plc:b"]) == {0: {"did:plc:a", "did:plc:b"}}
    assert layout.shards() == {0: frozenset({"did:plc:a", "did:plc:b"})}
    layout.add(["did:plc:c"])
    assert layout.shards() == {} and layout.local_buckets() == {0}
    assert layout.served_locally("did:plc:c") and not layout.served_locally("did:plc:z")
    assert layout.remove(["did:plc:c", "did:plc:z"]) == {0}
    assert 0 in layout.shards()


def test_a_bucket_whose_url_would_be_too_long_is_local() -> None:
    layout = Layout(buckets=1, shard_size=150, base_uri=URL, max_url_bytes=2000)
    layout.add(f"did:web:{'x' * 400}{n}.example" for n in range(5))
    assert layout.local_buckets() == {0}


def test_100k_people_need_no_more_connections_than_the_cap() -> None:
    layout = Layout(buckets=20, shard_size=150, base_uri=URL)
    layout.add(plc(n) for n in range(100_000))
    assert layout.shards() == {}
    assert len(layout.local_buckets()) == 20
    assert layout.served_locally(plc(99_999))


# --- overlap -----------------------------------------------------------------------------


def test_inclusive_cursor_overlap_is_dropped() -> None:
    pos = Position(handled=10)
    assert pos.resume_cursor() == 10
    assert not pos.is_new("did:plc:a", 10) and pos.is_new("did:plc:a", 11)
    pos.mark(11)
    assert pos.handled == 11 and not pos.is_new("did:plc:a", 11)


def test_a_rewind_takes_only_the_new_persons_older_events() -> None:
    pos = Position(handled=100)
    pos.rewind({"did:plc:new": 80})
    assert pos.resume_cursor() == 80
    assert not pos.is_new("did:plc:new", 80)  # their follow itself: seen on the follows stream
    assert pos.is_new("did:plc:new", 90) and not pos.is_new("did:plc:old", 90)
    pos.mark(90)
    assert pos.cursor_after(90) == 100  # the reported cursor never goes back
    pos.mark(101)
    assert pos.handled == 101 and pos.floors == {} and pos.resume_cursor() == 101


def test_a_new_shard_starts_at_the_follow_or_live() -> None:
    assert Position().resume_cursor() is None
    pos = Position()
    pos.rewind({"did:plc:new": 50})
    assert pos.resume_cursor() == 50 and pos.is_new("did:plc:other", 1)
    pos.go_live()
    assert pos.resume_cursor() is None


def test_backoff_is_capped_and_jittered() -> None:
    delays = [backoff_delay(n, cap_s=60) for n in range(12)]
    assert 0.5 <= delays[0] <= 1 and all(d <= 60 for d in delays)
    assert 30 <= delays[-1] <= 60


# --- SDK model -> event -------------------------------------------------------------------


def wire(payload: dict[str, Any]) -> Any:
    """The SDK's own path from a v2 text frame to its model."""
    frame = parse_frame(json.dumps({"$type": "message", "payload": payload}))
    return parse_subscribe_events_message(frame)


def v2_commit(v1: Mapping[str, Any], seq: int = 1) -> Any:
    body = v1["commit"]
    payload = {"$type": f"{NSID}#commit", "did": v1["did"], "seq": seq, "time": TIME, **body}
    payload["rev"] = "3l3qo2vutsw2b"
    if "record" in body:
        payload["cid"] = "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm"
    return wire(payload)


def test_time_is_exact_to_the_microsecond() -> None:
    assert time_us_of(TIME) == T


@pytest.mark.parametrize("case", POST_CASES, ids=[c[0] for c in POST_CASES])
def test_v2_posts_convert_like_v1(case: tuple[Any, ...]) -> None:
    v1 = commit("app.bsky.feed.post", {"text": "hi", "createdAt": TIME, **case[1]})
    event = event_from_jetstream(message_to_json(v2_commit(v1)))
    assert event == event_from_jetstream(v1)
    assert isinstance(event, PostCreated) and event.kind == case[2]


@pytest.mark.parametrize(
    "v1",
    [
        commit("app.bsky.feed.post", {"text": "@b @c", "createdAt": TIME, "facets": MENTIONS}),
        commit("app.bsky.feed.post", {"text": "q", "createdAt": TIME, "embed": QUOTE_EMBED}),
        commit("app.bsky.feed.like", {"subject": QUOTE_EMBED["record"], "createdAt": TIME}),
        commit("app.bsky.graph.follow", {"subject": BOT, "createdAt": TIME}),
        commit("app.bsky.graph.follow", operation="delete"),
        commit("app.bsky.actor.profile", {"displayName": "Alice"}, operation="update"),
        commit("com.example.unknown.thing", {"x": 1}),
    ],
)
def test_v2_commits_convert_like_v1(v1: dict[str, Any]) -> None:
    v1["time_us"] = T
    obj = message_to_json(v2_commit(v1))
    assert obj is not None
    try:
        want: Any = event_from_jetstream(v1)
    except Exception as e:
        with pytest.raises(type(e)):
            event_from_jetstream(obj)
    else:
        assert event_from_jetstream(obj) == want
        if isinstance(want, PostCreated):
            assert event_from_jetstream(obj).mention_dids == want.mention_dids  # type: ignore[union-attr]


def test_identity_account_and_advisories() -> None:
    identity = wire(
        {
            "$type": f"{NSID}#identity",
            "did": "did:plc:a",
            "seq": 3,
            "time": TIME,
            "identity": {"did": "did:plc:a", "seq": 9, "time": TIME, "handle": "a.test"},
        }
    )
    assert event_from_jetstream(message_to_json(identity)) == IdentityChanged(
        "did:plc:a", T, "a.test"
    )
    account = wire(
        {
            "$type": f"{NSID}#account",
            "did": "did:plc:a",
            "seq": 4,
            "time": TIME,
            "account": {
                "did": "did:plc:a",
                "seq": 9,
                "time": TIME,
                "active": False,
                "status": "deleted",
            },
        }
    )
    converted = event_from_jetstream(message_to_json(account))
    assert converted is not None and converted.did == "did:plc:a"
    info = wire({"$type": f"{NSID}#info", "name": "FutureCursor"})
    assert message_to_json(info) is None


# --- one subscription's callback ----------------------------------------------------------


def subscription(
    queue: asyncio.Queue[SourceItem], handled: int | None, *, follows_only: bool = False
) -> tuple[Subscription, list[tuple[str, int]]]:
    follows: list[tuple[str, int]] = []
    shared = Shared(
        JetstreamOptions(bot_did=BOT, url=URL),
        queue,
        ErrorSink(),
        lambda d, s: follows.append((d, s)),
    )
    sub = Subscription(
        shared, "jetstream:x", {}, lambda did: True, handled, follows_only=follows_only
    )
    return sub, follows


def follow_of(did: str, subject: str, seq: int) -> Any:
    return v2_commit(
        commit("app.bsky.graph.follow", {"subject": subject, "createdAt": TIME}, did=did), seq
    )


async def test_the_callback_drops_the_resent_event_and_reports_its_cursor() -> None:
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    sub, _ = subscription(queue, handled=5)
    for seq in (5, 6):
        await sub._on_message(follow_of("did:plc:a", BOT, seq))
    item = queue.get_nowait()
    assert item.cursor_name == "jetstream:x" and item.cursor == 6
    assert [type(e) for e in item.events] == [FollowCreated]
    assert queue.empty() and sub.position.handled == 6


async def test_the_follows_stream_keeps_only_follows_of_the_bot() -> None:
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    sub, follows = subscription(queue, handled=None, follows_only=True)
    await sub._on_message(follow_of("did:plc:a", "did:plc:someone", 1))
    await sub._on_message(v2_commit(commit("app.bsky.graph.follow", operation="delete"), 2))
    await sub._on_message(follow_of("did:plc:b", BOT, 3))
    items = [queue.get_nowait() for _ in range(queue.qsize())]
    assert [(e.did, item.cursor) for item in items for e in item.events] == [("did:plc:b", 3)]
    assert follows == [("did:plc:b", 3)]


FOLLOWS_STREAM_CASES = [
    ("app.bsky.graph.follow", {"subject": BOT, "createdAt": TIME}, True),
    ("app.bsky.graph.block", {"subject": BOT, "createdAt": TIME}, True),
    ("app.bsky.graph.follow", {"subject": "did:plc:someone", "createdAt": TIME}, True),
    ("app.bsky.graph.follow", {"$type": "com.example.follow", "subject": BOT}, False),  # DotDict
    ("app.bsky.graph.follow", {"$type": "com.example.follow", "subject": {"did": BOT}}, False),
    ("app.bsky.graph.follow", {"$type": "com.example.follow"}, False),
    ("app.bsky.feed.like", {"subject": {"uri": f"at://{BOT}/p/1", "cid": "x"}}, True),
]


@pytest.mark.parametrize(("collection", "record", "typed"), FOLLOWS_STREAM_CASES)
def test_the_follows_streams_cheap_look_agrees_with_the_full_check(
    collection: str, record: dict[str, Any], typed: bool
) -> None:
    sub, _ = subscription(asyncio.Queue(), handled=None, follows_only=True)
    message = v2_commit(commit(collection, {"createdAt": TIME, **record}, typed=typed))
    full = is_relevant(message_to_json(message), (), BOT)
    assert sub._names_the_bot(message) == full


async def test_a_quiet_filtered_stream_still_saves_its_cursor() -> None:
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    sub, _ = subscription(queue, handled=None, follows_only=True)
    sub._last_put -= 3600  # long ago
    await sub._on_message(follow_of("did:plc:a", "did:plc:someone", 7))
    assert queue.get_nowait() == SourceItem((), "jetstream:x", 7)


# --- the source's decisions (fake subscriptions: no connections) ---------------------------


class FakeSubscription(Subscription):
    started = False
    stopped = False

    def start(self) -> Subscription:
        self.started = True
        return self

    async def stop(self) -> int | None:
        self.stopped = True
        return self.position.handled


class FakeSource(JetstreamSource):
    def _sub(
        self,
        name: str,
        params: Mapping[str, list[str]],
        handled: int | None,
        *,
        wants: Callable[[str], bool] = lambda d: True,
        follows_only: bool = False,
    ) -> Subscription:
        return FakeSubscription(
            self.shared, name, params, wants, handled, follows_only=follows_only
        )


@pytest.fixture
async def store(tmp_path: Path) -> Any:
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path}/j.db") as opened:
        await opened.migrate()
        yield opened


async def test_an_opt_in_reconnects_only_its_shard_from_the_follow(store: Store) -> None:
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    source = FakeSource(
        JetstreamOptions(bot_did=BOT, url=URL, max_connections=4), queue, store, ErrorSink()
    )
    people = [plc(n) for n in range(8)]
    await source.start(people)
    before = dict(source.shards)
    assert source.connections == 1 + len(before)
    newcomer = next(d for d in (plc(n) for n in range(100, 200)) if bucket_of(d, 4) in before)
    bucket = bucket_of(newcomer, 4)
    before[bucket].position.mark(500)
    source._note_follow(newcomer, 450)
    await source.on_flushed(IngestOutcome(opted_in=[newcomer]))
    assert before[bucket].stopped  # type: ignore[attr-defined]
    fresh = source.shards[bucket]
    assert newcomer in fresh.params["dids"] and fresh.position.resume_cursor() == 450
    (old, *_) = [p for p in people if bucket_of(p, 4) == bucket]
    # the rewind re-sends 450..500: only the newcomer's events in it are new
    assert fresh.position.is_new(newcomer, 480) and not fresh.position.is_new(old, 480)
    assert fresh.position.is_new(old, 501)
    assert all(source.shards[b] is s for b, s in before.items() if b != bucket)
    await source.stop()


async def test_overflow_moves_a_bucket_to_the_collection_stream(store: Store) -> None:
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    source = FakeSource(
        JetstreamOptions(bot_did=BOT, url=URL, max_connections=1, shard_size=2),
        queue,
        store,
        ErrorSink(),
    )
    await source.start(["did:plc:a", "did:plc:b"])
    source.shards[0].position.mark(70)
    await source.apply_changes(["did:plc:c"], [])
    assert source.shards == {} and source.collections is not None
    assert source.collections.name == COLLECTIONS_CURSOR
    # continues where the shard stopped, without re-taking what it handled
    moved = source.collections.position
    assert moved.resume_cursor() == 70
    assert not moved.is_new("did:plc:a", 70) and moved.is_new("did:plc:a", 71)
    assert source._is_local("did:plc:c") and not source._is_local("did:plc:z")
    await source.apply_changes([], ["did:plc:c"])
    assert source.collections is None and set(source.shards[0].params["dids"]) == {
        "did:plc:a",
        "did:plc:b",
    }
    await source.stop()


async def test_a_deleted_follow_reaches_the_shard_and_nothing_after_stop(store: Store) -> None:
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    source = FakeSource(JetstreamOptions(bot_did=BOT, url=URL), queue, store, ErrorSink())
    await source.start(["did:plc:a"])
    (shard,) = source.shards.values()
    await shard._on_message(
        v2_commit(commit("app.bsky.graph.follow", operation="delete", did="did:plc:a"), 9)
    )
    assert isinstance(queue.get_nowait().events[0], FollowDeleted)
    await source.stop()
    await source.apply_changes(["did:plc:b"], [])
    assert source.connections == 0


async def test_a_pending_follower_passes_the_local_filter_only_if_bound_for_it(
    store: Store,
) -> None:
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    opts = JetstreamOptions(bot_did=BOT, url=URL, max_connections=1, shard_size=1)
    source = FakeSource(opts, queue, store, ErrorSink())
    await source.start(["did:plc:a"])
    assert source.collections is None
    source._note_follow("did:plc:b", 40)
    assert source._is_local("did:plc:b")  # one more would overflow the bucket
    await source.apply_changes(["did:plc:b"], [])
    assert source.collections is not None and source._is_local("did:plc:b")
    await source.stop()

    roomy = FakeSource(JetstreamOptions(bot_did=BOT, url=URL), queue, store, ErrorSink())
    await roomy.start(["did:plc:a"])
    roomy._note_follow("did:plc:b", 40)
    assert not roomy._is_local("did:plc:b")  # bound for a shard that starts at the follow
    await roomy.stop()


def test_a_frame_the_sdk_cannot_model_is_skipped_not_fatal() -> None:
    client = _Client(params={"dids": ["did:plc:a"]}, base_uri=URL)
    client._handle_frame_decoding_error(ModelError("bad payload"))
    assert client.skipped_frames == 1
    with pytest.raises(RuntimeError):
        client._handle_frame_decoding_error(RuntimeError("a real bug"))


async def test_a_full_queue_holds_the_stream_and_the_position() -> None:
    queue: asyncio.Queue[SourceItem] = asyncio.Queue(maxsize=1)
    queue.put_nowait(SourceItem(()))
    sub, _ = subscription(queue, handled=1)
    pending = asyncio.create_task(sub._on_message(follow_of("did:plc:a", BOT, 2)))
    await asyncio.sleep(0.01)
    assert not pending.done() and sub.position.handled == 1  # back-pressure, not loss
    queue.get_nowait()
    await asyncio.wait_for(pending, 1)
    assert queue.get_nowait().cursor == 2 and sub.position.handled == 2


async def test_stop_cancels_a_callback_blocked_on_the_queue() -> None:
    queue: asyncio.Queue[SourceItem] = asyncio.Queue(maxsize=1)
    queue.put_nowait(SourceItem(()))
    sub, _ = subscription(queue, handled=1)
    sub._task = asyncio.create_task(sub._on_message(follow_of("did:plc:a", BOT, 2)))
    await asyncio.sleep(0.01)
    assert await asyncio.wait_for(sub.stop(), 1) == 1  # seq 2 comes again on reconnect
    assert queue.qsize() == 1


def test_only_bot_sources_imports_the_sdk() -> None:
    """The SDK stays at the edges: bot/sources/ (reading), bot/chat/ (DMs) and bot/sdk/ (the
    error mapping both share)."""
    root = Path(__file__).resolve().parents[2] / "bot"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path.relative_to(root).parts[0] not in ("sources", "chat", "sdk")
        and any(
            line.lstrip().startswith(("import atproto", "from atproto"))
            for line in path.read_text().splitlines()
        )
    ]
    assert offenders == []


def test_the_ping_settings_reach_the_websocket_connect() -> None:
    dials: list[int] = []
    client = _Client(
        params={"dids": ["did:plc:a"]},
        base_uri=URL,
        ping_interval_s=1.5,
        ping_timeout_s=2.5,
        on_dial=lambda: dials.append(1),
    )
    kwargs = client._get_connect_kwargs()
    assert kwargs["ping_interval"] == 1.5 and kwargs["ping_timeout"] == 2.5
    assert kwargs["subprotocols"]  # the SDK's own kwargs are kept
    client._get_async_client()  # builds the connect object; nothing is dialled until awaited
    assert dials == [1]
    defaults = JetstreamOptions(bot_did=BOT)
    assert defaults.ping_interval_s == defaults.ping_timeout_s == 20.0
    assert defaults.recv_timeout_s is None


# --- no silent gaps across a restart (found by the random-kill run, seed 1396904966) ---------


async def test_while_a_new_person_catches_up_the_saved_cursor_is_not_past_their_events() -> None:
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    sub, _ = subscription(queue, handled=100)
    sub.position.rewind({"did:plc:new": 50})  # added to the shard: replayed from their follow
    await sub._on_message(follow_of("did:plc:new", "did:plc:someone", 60))
    assert queue.get_nowait().cursor == 60  # a restart resumes at 60, not at 100
    await sub._on_message(follow_of("did:plc:new", "did:plc:someone", 101))
    assert queue.get_nowait().cursor == 101 and sub.position.floors == {}
    await sub._on_message(follow_of("did:plc:new", "did:plc:someone", 102))
    assert queue.get_nowait().cursor == 102


async def test_a_new_shard_saves_its_start_before_its_first_event() -> None:
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    shared = Shared(JetstreamOptions(bot_did=BOT, url=URL), queue, ErrorSink(), print)
    sub = Subscription(shared, "jetstream:shard:3/20", {}, lambda d: True, None)
    sub.position.rewind({"did:plc:new": 450})
    assert await sub._save_start() == 450  # what the connection is opened with
    assert queue.get_nowait() == SourceItem((), "jetstream:shard:3/20", 450)
    assert await sub._save_start() == 450 and queue.empty()  # a reconnect: saved already
    restored = Subscription(shared, "jetstream:shard:3/20", {}, lambda d: True, 450)
    assert await restored._save_start() == 450 and queue.empty()  # a restart: had a cursor


async def test_after_a_restart_a_shard_without_a_cursor_starts_at_the_oldest_one(
    store: Store,
) -> None:
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    source = FakeSource(
        JetstreamOptions(bot_did=BOT, url=URL, max_connections=4), queue, store, ErrorSink()
    )
    people = [plc(n) for n in range(8)]
    buckets = sorted({bucket_of(p, 4) for p in people})
    saved, missing = buckets[0], buckets[1]
    await store.set_cursor("jetstream:follows", 300, 1)
    await store.set_cursor(source._shard_name(saved), 200, 1)
    await source.start(people)
    assert source.shards[saved].position.handled == 200
    assert source.shards[missing].position.handled == 200  # not None: not the live tip
    await source.stop()


@pytest.mark.parametrize(("late_s", "live"), [(60, False), (1, True)])
async def test_a_frame_near_now_means_the_subscription_reached_the_tip(
    late_s: int, live: bool
) -> None:
    from bot.sources.keepalive import Liveness

    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    sub, _ = subscription(queue, handled=None)
    sub.liveness = Liveness(wall=lambda: T + late_s * 1_000_000)
    sub.liveness.opened()
    await sub._on_message(follow_of("did:plc:a", BOT, 1))
    await sub._on_message(follow_of("did:plc:a", BOT, 1))  # re-sent: read all the same
    assert sub.liveness.live is live and sub.liveness.frame_at is not None
    assert (sub.liveness.stream("x").live_at is not None) is live
