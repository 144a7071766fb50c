"""Bad input on the Jetstream paths (property-based): replay-file JSON and live v2 frames.

The property: nothing but `SkippedInput` leaves the conversion; a bad frame is counted,
logged once and briefly, and skipped; the next good frame is still processed; whatever does
convert fits the store's columns (a value too wide would fail a whole batch's commit).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import String

from bot import events as ev
from bot.events import Event, FollowCreated
from bot.shared import SourceItem
from bot.sources.jetstream import JetstreamOptions
from bot.sources.jetstream_json import SkippedInput, event_from_jetstream, is_relevant
from bot.sources.jetstream_sub import Shared, Subscription, _Client
from bot.store.models import metadata
from bot.supervise import ErrorSink
from tests.badinput import LogTally, broken_bytes, json_values, mutated
from tests.sources.test_jetstream_json import MENTIONS, POST_CASES, commit, post

BOT = "did:plc:thebot"
URL = "wss://jetstream.example/xrpc"
NSID = "network.bsky.jetstream.subscribeEvents"
TIME = "2026-08-01T12:00:00.123456Z"

GOOD_EVENTS: list[dict[str, Any]] = [post(**case[1]) for case in POST_CASES] + [
    post(facets=MENTIONS),
    commit("app.bsky.graph.follow", {"subject": BOT, "createdAt": TIME}),
    commit("app.bsky.feed.like", {"subject": {"uri": "at://did:plc:b/app.bsky.feed.post/1"}}),
    commit("app.bsky.actor.profile", {"displayName": "Alice"}),
    commit("app.bsky.feed.post", operation="delete"),
    {"did": "did:plc:a", "time_us": 5, "kind": "account", "account": {"active": False}},
    {"did": "did:plc:a", "time_us": 5, "kind": "identity", "identity": {"handle": "a.test"}},
]


def fits_the_store(event: Event) -> None:
    assert 0 < event.time_us <= ev.MAX_TIME_US
    for name in ("did", "rkey", "subject", "subject_did", "reply_parent_did", "quote_did"):
        value = getattr(event, name, None)
        assert value is None or len(value) <= ev.MAX_DID_CHARS, name
    assert len(getattr(event, "rkey", "")) <= ev.MAX_RKEY_CHARS
    for name, limit in (
        ("handle", ev.MAX_HANDLE_CHARS),
        ("display_name", ev.MAX_NAME_CHARS),
        ("status", ev.MAX_STATUS_CHARS),
    ):
        value = getattr(event, name, None)
        assert value is None or len(value) <= limit, name


def test_the_edge_bounds_are_no_wider_than_the_store_columns() -> None:
    width = {
        (t.name, c.name): c.type.length
        for t in metadata.tables.values()
        for c in t.columns
        if isinstance(c.type, String) and c.type.length
    }
    assert width["people", "did"] >= ev.MAX_DID_CHARS
    assert width["activity", "target_did"] >= ev.MAX_DID_CHARS
    assert width["activity", "rkey"] >= ev.MAX_RKEY_CHARS
    assert width["people", "follow_rkey"] >= ev.MAX_RKEY_CHARS
    assert width["people", "handle"] >= ev.MAX_HANDLE_CHARS
    assert width["people", "display_name"] >= ev.MAX_NAME_CHARS
    assert width["people", "account_status"] >= ev.MAX_STATUS_CHARS


def convert(obj: Any) -> Event | None:
    try:
        event = event_from_jetstream(obj)
    except SkippedInput as e:
        assert len(str(e)) <= 200  # the reason, never the payload
        return None
    if event is not None:
        fits_the_store(event)
    return event


@given(st.one_of(json_values, st.sampled_from(GOOD_EVENTS).flatmap(mutated)))
def test_any_json_converts_or_is_skipped(obj: Any) -> None:
    convert(obj)
    is_relevant(obj, {"did:plc:alice"}, BOT) if isinstance(obj, dict) else None


@given(
    st.sampled_from(GOOD_EVENTS).flatmap(mutated),
    st.sampled_from(["did", "rkey", "subject", "handle", "displayName", "status", "uri"]),
)
def test_overlong_strings_never_reach_the_store(obj: Any, key: str) -> None:
    def stretch(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: ("did:" + "x" * 5000 if k == key else stretch(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [stretch(v) for v in value]
        return value

    convert(stretch(obj))


# --- live v2 frames, through the SDK's decoder and our callback ------------------------------


def payload_of(v1: dict[str, Any], seq: int) -> dict[str, Any]:
    """Jetstream v2's payload for a v1 event (the shape the SDK models)."""
    payload: dict[str, Any] = {"did": v1.get("did"), "seq": seq, "time": TIME}
    kind, body = v1.get("kind"), v1.get(v1.get("kind"))
    body = body if isinstance(body, dict) else {"broken": body}
    if kind == "commit":
        payload |= {"$type": f"{NSID}#commit", "rev": "3l3qo2vutsw2b", **body}
        if "record" in body:
            payload["cid"] = "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm"
    else:
        inner = {"did": v1.get("did"), "seq": seq, "time": TIME, **body}
        payload |= {"$type": f"{NSID}#{kind}", kind: inner}
    return payload


def text_frame(payload: Any) -> str:
    return json.dumps({"$type": "message", "payload": payload})


GOOD_FRAMES = [text_frame(payload_of(e, 10)) for e in GOOD_EVENTS]
FOLLOW = commit("app.bsky.graph.follow", {"subject": BOT, "createdAt": TIME}, did="did:plc:new")
NEXT_GOOD = text_frame(payload_of(FOLLOW, 2**40))


class Live:
    """One subscription's real frame path: the SDK client's decode, its error handling, and
    our callback onto the queue (what the SDK's receive loop does with each frame)."""

    def __init__(self) -> None:
        self.queue: asyncio.Queue[SourceItem] = asyncio.Queue()
        self.sink = ErrorSink()
        self.shared = Shared(JetstreamOptions(bot_did=BOT, url=URL), self.queue, self.sink, print)
        self.shared.on_follow = lambda did, seq: None
        self.sub = Subscription(self.shared, "jetstream:test", {}, lambda did: True, None)
        self.client = _Client(params={}, base_uri=URL, compress=False, skipped=self.shared.skipped)

    async def deliver(self, raw: str | bytes) -> None:
        try:
            message = self.client._decode_frame(raw)
            if message is not None:
                await self.client._process_frame(message)
        except Exception as e:  # the SDK loop's own `except`: must swallow, not re-raise
            self.client._handle_frame_decoding_error(e)

    def skipped(self) -> int:
        return sum(self.shared.skipped.values())

    def events(self) -> list[Event]:
        found: list[Event] = []
        while not self.queue.empty():
            found.extend(self.queue.get_nowait().events)
        return found


async def run_live(raw: str | bytes) -> tuple[Live, int, list[Event]]:
    live = Live()
    live.client._on_message_callback = live.sub._on_message
    live.client._on_callback_error_callback = live.sub._on_callback_error
    with LogTally() as tally:
        await live.deliver(raw)
    assert len(tally.records) <= 1 and tally.longest() <= 500  # once, briefly
    assert live.sink.total == 0  # nothing reached the error sink as a failure
    skipped = live.skipped()
    bad_events = live.events()
    live.client._cursor = None  # a garbage seq must not make the SDK drop the next frame
    await live.deliver(NEXT_GOOD)
    after = live.events()
    assert after == [FollowCreated("did:plc:new", after[0].time_us, FOLLOW["commit"]["rkey"], BOT)]
    return live, skipped, bad_events


@given(st.sampled_from(GOOD_FRAMES).flatmap(lambda f: broken_bytes(f.encode())))
async def test_random_and_truncated_frames_are_skipped(raw: bytes) -> None:
    _, skipped, events = await run_live(raw)
    if not events:
        try:
            valid = isinstance(json.loads(raw), dict)
        except ValueError:
            valid = False
        assert valid or skipped == 1  # undecodable: counted


@given(st.one_of(json_values, st.sampled_from(GOOD_EVENTS).flatmap(mutated)))
async def test_wrong_shaped_payloads_are_skipped(v1: Any) -> None:
    payload = payload_of(v1, 7) if isinstance(v1, dict) and isinstance(v1.get("kind"), str) else v1
    _, _, events = await run_live(text_frame(payload))
    for event in events:
        fits_the_store(event)


async def test_a_garbage_frame_is_counted_and_logged_once() -> None:
    live, skipped, events = await run_live(GOOD_FRAMES[0][:40])
    assert skipped == 1 and events == []
    assert live.shared.skipped == {"undecodable-frame": 1}


def test_a_frame_is_size_bounded_before_it_is_read() -> None:
    options = JetstreamOptions(bot_did=BOT, url=URL)
    client = _Client(params={}, base_uri=URL, max_frame_bytes=options.max_frame_bytes)
    assert client._get_connect_kwargs()["max_size"] == options.max_frame_bytes == 8 * 2**20
    small = _Client(params={}, base_uri=URL, max_frame_bytes=1000)
    assert small._get_connect_kwargs()["max_size"] == 1000
