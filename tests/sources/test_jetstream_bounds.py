"""Jetstream frames are size-bounded before they are parsed, compressed or not: a real
`Subscription` (the SDK client) against our Jetstream test server, in-process on loopback.

- zstd, from a server that ignores `maxMessageSizeBytes`: a frame of a few KB that inflates
  past `max_frame_bytes` is counted, logged once with context and skipped; the connection
  carries on (one dial) and the next event arrives.
- plain: the server is asked (`maxMessageSizeBytes`) not to send what the websocket bound
  would refuse; an oversized event is left out rather than closing the connection again and
  again on the same event.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from bot.events import PostCreated
from bot.shared import SourceItem
from bot.sources.bounded import ZSTD_DICTIONARY_MAX_BYTES, BoundedRequest
from bot.sources.jetstream import JetstreamOptions
from bot.sources.jetstream_sub import OVERSIZED_FRAME, Shared, Subscription, _Client
from bot.supervise import ErrorSink
from tests.localnet.jetstream_server import Jetstream

pytestmark = pytest.mark.loopback

BOT, ALICE = "did:plc:thebot", "did:plc:alice"
LIMIT = 256 * 1024
POST = "app.bsky.feed.post"
WAIT_S = 30.0  # a guard against a hang, not a timing assertion


async def serve(zstd: bool) -> tuple[Jetstream, web.AppRunner, str]:
    js = Jetstream("ws://127.0.0.1:9/unused", 1000, zstd=zstd)  # fed by hand, not by a PDS
    runner = web.AppRunner(js.app(), shutdown_timeout=1.0)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return js, runner, f"ws://127.0.0.1:{runner.addresses[0][1]}/xrpc"


def post(js: Jetstream, text: str) -> None:
    record = {"$type": POST, "text": text, "createdAt": "2026-08-01T12:00:00Z"}
    rkey = f"3l{js.next_seq:011d}"
    commit = {"rev": rkey, "operation": "create", "collection": POST, "rkey": rkey}
    cid = "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm"
    js.append("commit", ALICE, POST, {**commit, "record": record, "cid": cid})


@pytest.fixture
def queue() -> asyncio.Queue[SourceItem]:
    return asyncio.Queue()


@contextlib.asynccontextmanager
async def run(
    zstd: bool, queue: asyncio.Queue[SourceItem]
) -> AsyncIterator[tuple[Jetstream, Shared, Subscription]]:
    js, runner, url = await serve(zstd)
    js.ignore_max_size = zstd  # only the decompression cap stands between us and the frame
    options = JetstreamOptions(bot_did=BOT, url=url, max_frame_bytes=LIMIT, compress=True)
    shared = Shared(options, queue, ErrorSink(), lambda did, seq: None)
    post(js, "before")
    post(js, "x" * (2 * LIMIT))  # far past the bound; a few KB once compressed
    post(js, "after")
    sub = Subscription(shared, "jetstream:shard:0/1", {"dids": [ALICE]}, lambda d: True, 0)
    sub.start()
    try:
        yield js, shared, sub
    finally:
        await sub.stop()
        await runner.cleanup()


async def texts(queue: asyncio.Queue[SourceItem], until: str) -> list[str]:
    seen: list[str] = []
    while until not in seen:
        item = await asyncio.wait_for(queue.get(), WAIT_S)
        seen += [e.record["text"] for e in item.events if isinstance(e, PostCreated)]
    return seen


async def test_a_zstd_frame_inflating_past_the_bound_is_skipped(
    queue: asyncio.Queue[SourceItem], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, "bot.sources.jetstream_sub")
    async with run(True, queue) as (js, shared, sub):
        assert await texts(queue, "after") == ["before", "after"]
        assert sub._client is not None and sub._client.compressed
        assert shared.skipped == {OVERSIZED_FRAME: 1}
        assert shared.dials == {"jetstream:shard:0/1": 1}  # the connection carried on
        assert shared.sink.total == 0
        [warning] = [r.getMessage() for r in caplog.records if "oversized" in r.getMessage()]
        assert "jetstream:shard:0/1" in warning and f"past {LIMIT}" in warning
        assert js.dictionary is not None and len(warning) < 300  # context, not the frame


async def test_the_server_leaves_out_what_the_frame_bound_would_refuse(
    queue: asyncio.Queue[SourceItem],
) -> None:
    async with run(False, queue) as (js, shared, sub):
        assert await texts(queue, "after") == ["before", "after"]
        assert shared.dials == {"jetstream:shard:0/1": 1}  # never closed with 1009
        assert sub._client is not None and not sub._client.compressed
        assert js.dictionary is None and not shared.skipped


async def test_the_dictionary_is_read_through_the_bound() -> None:
    client = _Client(params={}, base_uri="ws://127.0.0.1:9/xrpc", compress=True)
    try:
        assert isinstance(client._xrpc_client.request, BoundedRequest)
        assert client._xrpc_client.request.limit == ZSTD_DICTIONARY_MAX_BYTES
    finally:
        await client.aclose()
