"""A relay frame over `max_frame_bytes`: websockets closes the connection with 1009 before we
see it, and the relay would send it again on every reconnect from our cursor. The real SDK
client against a real websocket relay on loopback: the source steps its cursor past the
frame, one seq per try, and every good frame before and after it still arrives."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlsplit

import pytest
from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed, ConnectionClosedError, ConnectionClosedOK
from websockets.frames import Close, CloseCode

from bot.events import PostCreated
from bot.shared import SourceItem
from bot.sources.relay import RelayOptions, RelaySource
from bot.sources.relay_oversized import OVERSIZED_FRAME, OversizedSteps, closed_for_size
from bot.supervise import ErrorSink
from tests import relay_frames as rf
from tests.relay_frames import Op
from tests.sources.test_relay import ALICE, BOT, POST, T0, FakeStore

LIMIT = 64 * 1024
WAIT_S = 30.0  # a guard against a hang, not a timing assertion


def frame(seq: int, big: bool) -> bytes:
    text = "x" * (2 * LIMIT) if big else f"seq {seq}"
    return rf.commit_frame(seq, ALICE, [Op("create", POST, f"3k{seq:011d}", rf.post(text))], T0)


class Relay:
    """subscribeRepos from a fixed log: every frame with seq > the cursor, in seq order."""

    def __init__(self, seqs: list[int], big: set[int]) -> None:
        self.log = [(seq, frame(seq, seq in big)) for seq in seqs]
        self.cursors: list[int | None] = []  # one per connection

    async def handler(self, ws: ServerConnection) -> None:
        query = parse_qs(urlsplit(ws.request.path if ws.request else "").query)
        cursor = int(query["cursor"][0]) if "cursor" in query else None
        self.cursors.append(cursor)
        with contextlib.suppress(ConnectionClosed):  # the client's 1009 ends it mid-send
            for seq, raw in self.log:
                if cursor is None or seq > cursor:
                    await ws.send(raw)
            await ws.wait_closed()


@contextlib.asynccontextmanager
async def relay_source(
    relay: Relay, stored: int, queue: asyncio.Queue[SourceItem]
) -> AsyncIterator[RelaySource]:
    async with serve(relay.handler, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        options = RelayOptions(
            base_uri=f"ws://127.0.0.1:{port}/xrpc", max_frame_bytes=LIMIT, oversized_retry_s=0.01
        )
        source = RelaySource(queue, FakeStore(stored), BOT, [ALICE], ErrorSink(), options)
        await source.start()
        try:
            yield source
        finally:
            await source.stop()


async def items_until(queue: asyncio.Queue[SourceItem], cursor: int) -> list[SourceItem]:
    got: list[SourceItem] = []
    while not got or got[-1].cursor != cursor:
        got.append(await asyncio.wait_for(queue.get(), WAIT_S))
    return got


def seqs_of(items: list[SourceItem]) -> list[int]:
    texts = [e.record["text"] for i in items for e in i.events if isinstance(e, PostCreated)]
    return [int(t.removeprefix("seq ")) for t in texts]


@pytest.mark.loopback
@pytest.mark.parametrize(
    ("stored", "seqs", "big", "cursors"),
    [
        pytest.param(0, [1, 2, 3, 4, 5, 6], {4}, [0, 4], id="between-good-frames"),
        pytest.param(8, [9, 10, 13, 14, 15], {13}, [8, 11, 12, 13], id="after-a-gap-in-seqs"),
        pytest.param(0, [1, 2, 3, 4, 5], {2, 3}, [0, 2, 3], id="two-in-a-row"),
    ],
)
async def test_an_oversized_frame_is_stepped_past_and_no_good_frame_is_lost(
    stored: int,
    seqs: list[int],
    big: set[int],
    cursors: list[int],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, "bot.sources")
    relay, queue = Relay(seqs, big), asyncio.Queue[SourceItem]()
    async with relay_source(relay, stored, queue) as source:
        items = await items_until(queue, seqs[-1])
        assert source.transport().connected  # the last connection is up and stays up
        assert source.seq == seqs[-1]
    assert seqs_of(items) == [s for s in seqs if s not in big]
    assert relay.cursors == cursors  # one connection per step, then it carries on
    assert source.stats.connections == len(cursors) and source.errors.total == 0
    steps = len(cursors) - 1
    assert source.filter.skipped == {OVERSIZED_FRAME: steps}
    assert [i.cursor for i in items if not i.events] == cursors[1:]  # each step is saved
    warnings = [r.getMessage() for r in caplog.records if "(1009)" in r.getMessage()]
    assert len(warnings) == steps and all(len(w) < 500 for w in warnings)
    assert all(f"from cursor {c} (" in w for w, c in zip(warnings, cursors[1:], strict=True))


@pytest.mark.loopback
async def test_a_restart_from_the_saved_cursor_does_not_meet_the_frame_again() -> None:
    relay, queue = Relay([9, 10, 13], {13}), asyncio.Queue[SourceItem]()
    async with relay_source(relay, 8, queue):
        saved = (await items_until(queue, 13))[-1].cursor
    relay.log.append((14, frame(14, False)))
    restarted = asyncio.Queue[SourceItem]()
    async with relay_source(relay, saved, restarted) as source:
        assert seqs_of(await items_until(restarted, 14)) == [14]
    assert relay.cursors[-1] == 13 and not source.filter.skipped


def test_only_our_own_1009_is_a_frame_too_big() -> None:
    too_big = Close(CloseCode.MESSAGE_TOO_BIG, "frame exceeds limit")
    assert closed_for_size(ConnectionClosedError(None, too_big))
    assert not closed_for_size(ConnectionClosedError(too_big, too_big, True))  # the relay's
    assert not closed_for_size(ConnectionClosedError(None, Close(CloseCode.PROTOCOL_ERROR, "")))
    assert not closed_for_size(ConnectionClosedOK(None, Close(CloseCode.NORMAL_CLOSURE, "")))
    assert not closed_for_size(ConnectionClosedError(None, None))
    assert not closed_for_size(OSError("reset"))


def test_a_handled_frame_starts_a_new_run_of_steps(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, "bot.sources")
    skipped: Counter[str] = Counter()
    steps = OversizedSteps(skipped, LIMIT)
    assert [steps.step(10), steps.step(11), steps.step(12), steps.step(20)] == [11, 12, 13, 21]
    assert steps.step(None) is None  # live: a live stream starts after the frame anyway
    assert skipped == {OVERSIZED_FRAME: 5}
    ranges = [r.getMessage().split(": ")[-1].split(", ")[0] for r in caplog.records]
    assert ranges[:4] == [f"seqs 11..{n} stepped over" for n in (11, 12, 13)] + [
        "seqs 21..21 stepped over"
    ]
