"""A changed JETSTREAM_URL: Jetstream v2 cursors are one instance's sequence numbers, so the saved
ones restart from the time they were saved, not as numbers the new instance would misread.

Real `JetstreamSource`s against two of our Jetstream servers in-process on loopback, fed by
hand: instance A has numbered far more events than instance B, so A's saved cursor is "in the
future" for B, which would have started at its live tip and skipped what B already holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from aiohttp import web

from bot.events import PostCreated
from bot.shared import SourceItem
from bot.sources.jetstream import JetstreamOptions, JetstreamSource
from bot.sources.jetstream_plan import (
    INSTANCE_MARKER,
    INSTANCE_SWITCH_MARGIN_US,
    TIMESTAMP_CURSOR,
    cursors_as_times,
)
from bot.store import Store
from bot.supervise import ErrorSink
from tests.localnet.jetstream_server import Jetstream
from tests.localnet.util import eventually

pytestmark = pytest.mark.loopback

BOT, ALICE, BOB = "did:plc:thebot", "did:plc:alice", "did:plc:bob"
POST = "app.bsky.feed.post"
WAIT_S = 30.0  # a guard against a hang, not a timing assertion
NOW = 1_790_000_000 * 1_000_000


@pytest.mark.parametrize(
    ("saved", "expected"),
    [
        ({}, {}),
        (
            {"jetstream:follows": (5120, NOW)},
            {"jetstream:follows": NOW - INSTANCE_SWITCH_MARGIN_US},
        ),
        # already a time (a crash after converting, before the marker): left as it is
        ({"jetstream:shard:1/20": (NOW - 7, NOW + 99)}, {"jetstream:shard:1/20": NOW - 7}),
        (
            {"jetstream:follows": (1, NOW), "jetstream:collections": (TIMESTAMP_CURSOR, NOW)},
            {
                "jetstream:follows": NOW - INSTANCE_SWITCH_MARGIN_US,
                "jetstream:collections": TIMESTAMP_CURSOR,
            },
        ),
    ],
)
def test_cursors_become_times(saved: dict[str, tuple[int, int]], expected: dict[str, int]) -> None:
    assert cursors_as_times(saved) == expected


@contextlib.asynccontextmanager
async def instance() -> AsyncIterator[tuple[Jetstream, str]]:
    js = Jetstream("ws://127.0.0.1:9/unused", 10_000)  # fed by hand, not by a PDS
    runner = web.AppRunner(js.app(), shutdown_timeout=1.0)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        yield js, f"ws://127.0.0.1:{runner.addresses[0][1]}/xrpc"
    finally:
        await runner.cleanup()


def post(js: Jetstream, did: str, text: str) -> None:
    record = {"$type": POST, "text": text, "createdAt": "2026-08-01T12:00:00Z"}
    rkey = f"3l{js.next_seq:011d}"
    commit = {"rev": rkey, "operation": "create", "collection": POST, "rkey": rkey}
    cid = "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm"
    js.append("commit", did, POST, {**commit, "record": record, "cid": cid})


def connected(source: JetstreamSource) -> bool:
    subs = [source.follows, *source.shards.values()]
    return all(s is not None and s.liveness.connected for s in subs)


async def run_until(
    store: Store, url: str, text: str, lost: list[str], then: Callable[[], None] = lambda: None
) -> list[str]:
    """Run a source until `text` arrives, saving its cursors as the ingest loop would; `then`
    acts once it is connected (without a saved cursor a source starts at the live tip)."""
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    options = JetstreamOptions(bot_did=BOT, url=url, compress=False)
    source = JetstreamSource(options, queue, store, ErrorSink())
    source.shared.on_cursor_lost = lambda: lost.append(url)
    seen: list[str] = []
    await source.start([ALICE])
    await eventually(lambda: connected(source), within=WAIT_S, interval=0.02, what="connected")
    then()
    try:
        while text not in seen:
            item = await asyncio.wait_for(queue.get(), WAIT_S)
            seen += [e.record["text"] for e in item.events if isinstance(e, PostCreated)]
            if item.cursor_name is not None and item.cursor is not None:
                await store.set_cursor(item.cursor_name, item.cursor, NOW)
    finally:
        await source.stop()
    return seen


async def test_a_new_instance_resumes_from_the_time_not_the_old_numbers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, "bot.sources.jetstream")
    lost: list[str] = []
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path}/j.db") as store:
        await store.migrate()
        async with instance() as (a, url_a):
            for i in range(300):
                post(a, BOB, f"someone else {i}")  # A numbers far beyond B
            on_a = await run_until(store, url_a, "on A", lost, lambda: post(a, ALICE, "on A"))
            assert on_a == ["on A"]
        assert await store.get_marker(INSTANCE_MARKER) == url_a
        saved = await store.cursors_saved("jetstream:")
        assert max(value for value, _ in saved.values()) > 300  # A's numbers

        async with instance() as (b, url_b):
            # wall-clock times: B's events come after the time A's cursors were saved (NOW
            # is in the past), so resuming by time finds them
            post(b, ALICE, "on B while the bot was away")
            post(b, ALICE, "on B later")
            seen = await run_until(store, url_b, "on B later", lost)
        assert seen == ["on B while the bot was away", "on B later"]
    assert lost == [url_b]  # reconciliation covers follows older than the margin
    assert "JETSTREAM_URL changed" in caplog.text and url_a in caplog.text


async def test_the_same_instance_resumes_from_its_numbers(tmp_path: Path) -> None:
    lost: list[str] = []
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path}/j.db") as store:
        await store.migrate()
        async with instance() as (js, url):
            first = await run_until(store, url, "first", lost, lambda: post(js, ALICE, "first"))
            assert first == ["first"]
            post(js, ALICE, "second")
            # from the saved seq (inclusive, its event dropped as handled): no time detour
            assert await run_until(store, url, "second", lost) == ["second"]
            saved = await store.cursors_saved("jetstream:")
            assert all(value < TIMESTAMP_CURSOR for value, _ in saved.values())
    assert lost == []
