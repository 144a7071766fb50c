"""The transport fact health asks the sources for: `Liveness`, stamped by websockets' own
connection (any byte from the peer, pongs included), and each source's `transport()`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from websockets.asyncio.client import connect
from websockets.asyncio.server import ServerConnection, serve

from bot.shared import SourceItem
from bot.sources.jetstream import JetstreamOptions, JetstreamSource
from bot.sources.jetstream_sub import Subscription
from bot.sources.keepalive import Liveness, keepalive_kwargs, stall_after_s
from bot.sources.relay import RelayOptions, RelaySource
from bot.supervise import ErrorSink

T0 = 500.0
BOT = "did:plc:bot"


class FakeClock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


def test_liveness_counts_bytes_not_connects() -> None:
    clock = FakeClock()
    live = Liveness(clock)
    assert (live.connected, live.heard_at) == (False, T0)  # the grace starts at creation
    clock.now += 5
    live.opened()
    assert live.connected and live.heard_at == T0  # a proxy accepts and resets: no proof
    live.heard()
    assert live.heard_at == T0 + 5
    live.closed()
    state = live.state("relay", 40.0)
    assert (state.name, state.connected, state.heard_at, state.stall_after_s) == (
        "relay",
        False,
        T0 + 5,
        40.0,
    )
    assert stall_after_s(20.0, 20.0) == 40.0


def test_the_connection_factory_is_added_only_with_a_liveness() -> None:
    base = {"max_size": 1, "close_timeout": 0.1}
    assert "create_connection" not in keepalive_kwargs(base, 1.0, 2.0)
    kwargs = keepalive_kwargs(base, 1.0, 2.0, Liveness())
    assert kwargs["ping_interval"] == 1.0 and kwargs["max_size"] == 1
    assert callable(kwargs["create_connection"])


@pytest.fixture
async def quiet_server() -> AsyncIterator[tuple[str, asyncio.Event]]:
    """Sends one message, then only answers pings until told to close."""
    close_now = asyncio.Event()

    async def handler(ws: ServerConnection) -> None:
        await ws.send("hello")
        await close_now.wait()
        await ws.close()

    async with serve(handler, "127.0.0.1", 0, ping_interval=None) as server:
        port = server.sockets[0].getsockname()[1]
        yield f"ws://127.0.0.1:{port}", close_now


class Signalling(Liveness):
    def __init__(self) -> None:
        super().__init__()
        self.heard_again, self.ended = asyncio.Event(), asyncio.Event()

    def heard(self) -> None:
        super().heard()
        self.heard_again.set()

    def closed(self) -> None:
        super().closed()
        self.ended.set()


@pytest.mark.loopback
async def test_a_silent_connection_stays_alive_on_pongs(
    quiet_server: tuple[str, asyncio.Event],
) -> None:
    url, close_now = quiet_server
    live = Signalling()
    async with asyncio.timeout(10), connect(url, **keepalive_kwargs({}, 0.05, 5.0, live)) as ws:
        assert live.connected
        assert await ws.recv() == "hello"
        live.heard_again.clear()
        await live.heard_again.wait()  # no more messages: only pongs can come
        assert live.connected
        close_now.set()
        await live.ended.wait()
    assert not live.connected


def test_jetstream_is_as_alive_as_its_stalest_connection() -> None:
    options = JetstreamOptions(bot_did=BOT, ping_interval_s=1.0, ping_timeout_s=2.0)
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    store: Any = None  # transport() never touches the store
    source = JetstreamSource(options, queue, store, ErrorSink())
    idle = source.transport()
    assert (idle.name, idle.connected, idle.stall_after_s) == ("jetstream", False, 3.0)

    def sub(name: str, heard_at: float, connected: bool) -> Subscription:
        made = Subscription(source.shared, name, {}, lambda did: True)
        made.liveness.heard_at, made.liveness.connected = heard_at, connected
        return made

    source.follows = sub("jetstream:follows", T0, True)
    source.shards = {1: sub("jetstream:shard:1/20", T0 - 30, True), 2: sub("s2", T0, False)}
    worst = source.transport()
    assert worst.name == "jetstream jetstream:shard:1/20" and worst.heard_at == T0 - 30
    assert worst.problem(T0) is not None and "stalled" in worst.problem(T0)  # type: ignore[operator]
    source.shared.dials.update({"jetstream:follows": 1, "jetstream:shard:1/20": 4})
    assert source.reconnects() == 3


def test_relay_reports_its_one_connection() -> None:
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    store: Any = None
    options = RelayOptions(ping_interval_s=5.0, ping_timeout_s=5.0)
    source = RelaySource(queue, store, BOT, [], ErrorSink(), options)
    state = source.transport()
    assert (state.name, state.connected, state.stall_after_s) == ("relay", False, 10.0)
    assert source.reconnects() == 0
    source.stats.dials = 3
    assert source.reconnects() == 2
