"""Bad input on the relay path (property-based): random and truncated CBOR frames, valid headers
with bad bodies, garbage CARs, records of the wrong shape inside a good CAR.

Each frame goes the way the SDK's receive loop takes it: the client's `_decode_frame`, its
`_handle_frame_decoding_error` for whatever that raises (it must swallow it: a raise ends the
client, and a reconnect from our cursor would meet the same frame again), then our
`on_frame`. The property: no error reaches the sink, a bad frame is counted and logged at most
once, and the next good frame still becomes its event.
"""

from __future__ import annotations

import asyncio
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from bot.events import Event, PostCreated
from bot.shared import SourceItem
from bot.sources.relay import RelayOptions, RelaySource, _Client
from tests import relay_frames as rf
from tests.badinput import LogTally, broken_bytes, json_values, mutated
from tests.relay_frames import Op
from tests.sources.test_relay import ALICE, BOT, POST, STRANGER, T0, FakeStore

FOLLOW, LIKE = "app.bsky.graph.follow", "app.bsky.feed.like"
GOOD_RECORDS: list[tuple[str, dict[str, Any]]] = [
    (POST, rf.post("hello")),
    (POST, rf.post("hi") | {"reply": {"parent": {"uri": f"at://{STRANGER}/x/1"}}}),
    (LIKE, rf.like(STRANGER)),
    (FOLLOW, rf.follow(BOT)),
]
GOOD_FRAMES = [
    rf.commit_frame(5, ALICE, [Op("create", c, "3kgood000001", r)], T0) for c, r in GOOD_RECORDS
] + [
    rf.commit_frame(5, STRANGER, [Op("create", FOLLOW, "3kgood000002", rf.follow(BOT))], T0),
    rf.account_frame(5, ALICE, T0, False, "deactivated"),
    rf.identity_frame(5, ALICE, T0, "alice.test"),
]
NEXT = rf.commit_frame(2**40, ALICE, [Op("create", POST, "3knext000001", rf.post("next"))], T0)


class Live:
    def __init__(self) -> None:
        self.queue: asyncio.Queue[SourceItem] = asyncio.Queue()
        self.source = RelaySource(self.queue, FakeStore(), BOT, [ALICE], _Sink(), RelayOptions())
        self.client = _Client(
            None,
            base_uri="wss://relay.example/xrpc",
            recv_timeout=None,
            ping_interval_s=20,
            ping_timeout_s=20,
            on_dial=lambda: None,
            skipped=self.source.filter.skipped,
        )
        self.client._on_message_callback = self.source.on_frame
        self.client._on_callback_error_callback = self.source._on_callback_error

    async def deliver(self, raw: bytes) -> None:
        try:
            frame = self.client._decode_frame(raw)
            if frame is not None:
                await self.client._process_frame(frame)
        except Exception as e:  # the SDK loop's own `except`: must swallow, not re-raise
            self.client._handle_frame_decoding_error(e)

    def events(self) -> list[Event]:
        found: list[Event] = []
        while not self.queue.empty():
            found.extend(self.queue.get_nowait().events)
        return found


class _Sink:
    """An ErrorSink that fails the test: bad input is not an error of the service."""

    def report(self, where: str, exc: BaseException) -> None:
        raise AssertionError(f"{where} reported {exc!r}")


async def run_live(raw: bytes) -> tuple[int, list[Event]]:
    live = Live()
    with LogTally() as tally:
        await live.deliver(raw)
    assert len(tally.records) <= 1 and tally.longest() <= 500  # once, briefly
    skipped, events = sum(live.source.filter.skipped.values()), live.events()
    await live.deliver(NEXT)
    after = live.events()
    assert len(after) == 1 and isinstance(after[0], PostCreated)
    assert after[0].rkey == "3knext000001"
    return skipped, events


@given(st.sampled_from(GOOD_FRAMES).flatmap(broken_bytes))
async def test_random_truncated_and_flipped_frames_are_skipped(raw: bytes) -> None:
    await run_live(raw)


@given(st.integers(1, 300))
async def test_a_truncated_frame_is_counted(cut: int) -> None:
    raw = GOOD_FRAMES[0]
    skipped, events = await run_live(raw[: len(raw) - cut])
    assert events == [] and skipped == 1


def body_of(raw: bytes) -> Any:
    from atproto_subscription.frames import Frame

    return Frame.from_bytes(raw).body


@given(
    st.sampled_from(["#commit", "#account", "#identity", "#info", "#sync", "#odd"]),
    st.one_of(json_values, st.sampled_from(GOOD_FRAMES).map(body_of).flatmap(mutated)),
)
async def test_a_valid_header_with_a_bad_body_is_skipped(kind: str, body: Any) -> None:
    await run_live(rf.encode({"op": 1, "t": kind}) + rf.encode(body))


@given(st.sampled_from(GOOD_RECORDS).flatmap(lambda cr: mutated(cr[1]).map(lambda r: (cr[0], r))))
async def test_records_of_the_wrong_shape_in_a_good_car(collection_record: Any) -> None:
    collection, record = collection_record
    _, events = await run_live(
        rf.commit_frame(5, ALICE, [Op("create", collection, "3kbad0000001", record)], T0)
    )
    for event in events:
        assert event.did == ALICE and event.time_us == T0


async def test_a_garbage_car_is_counted_once() -> None:
    garbage = rf.commit_frame(
        5, ALICE, [Op("create", POST, "3kbad0000001", rf.post("x"))], T0, blocks=b"\xff" * 50
    )
    skipped, events = await run_live(garbage)
    assert (skipped, events) == (1, [])


def test_a_frame_is_size_bounded_before_it_is_decoded() -> None:
    assert Live().client._get_connect_kwargs()["max_size"] == RelayOptions().max_frame_bytes
    assert RelayOptions().max_frame_bytes == 5 * 2**20


async def test_a_commit_of_many_bad_ops_is_counted_op_by_op_and_logged_once() -> None:
    # found by hypothesis: a body with thousands of bad ops logged a warning per op
    body = body_of(GOOD_FRAMES[0])
    good = body["ops"][0]
    body["ops"] = [7] * 500 + [{**good, "path": "app.bsky.feed.post"}] * 500
    skipped, events = await run_live(rf.encode({"op": 1, "t": "#commit"}) + rf.encode(body))
    assert events == [] and skipped == 1000
