"""The fault proxy itself, in front of a loopback echo server (no AT Protocol network needed)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest

from tests.localnet.tcp_proxy import TcpProxy

pytestmark = pytest.mark.localnet


async def _echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(OSError):
        while data := await reader.read(1024):
            writer.write(data)
            await writer.drain()
    writer.close()
    with contextlib.suppress(Exception):
        await writer.wait_closed()


@pytest.fixture
async def proxy() -> AsyncIterator[TcpProxy]:
    server = await asyncio.start_server(_echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with TcpProxy("127.0.0.1", port) as started:
        yield started
    server.close()
    await server.wait_closed()


async def _dial(proxy: TcpProxy) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection("127.0.0.1", proxy.port)


async def _close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    with contextlib.suppress(Exception):
        await writer.wait_closed()


async def _echoes(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, data: bytes) -> bool:
    writer.write(data)
    await writer.drain()
    return await asyncio.wait_for(reader.readexactly(len(data)), 2) == data


async def test_forwards_and_counts(proxy: TcpProxy) -> None:
    reader, writer = await _dial(proxy)
    assert await _echoes(reader, writer, b"hello")
    assert (proxy.accepted, proxy.open, proxy.bytes_up, proxy.bytes_down) == (1, 1, 5, 5)
    await _close(writer)


async def test_cut_resets_open_connections_and_accepts_new_ones(proxy: TcpProxy) -> None:
    reader, writer = await _dial(proxy)
    assert await _echoes(reader, writer, b"before")
    assert await proxy.cut() == 1
    with pytest.raises((ConnectionError, asyncio.IncompleteReadError)):
        await asyncio.wait_for(reader.readexactly(1), 2)
    await _close(writer)
    reader2, writer2 = await _dial(proxy)
    assert await _echoes(reader2, writer2, b"after")
    assert proxy.accepted == 2 and proxy.cut_count == 1
    await _close(writer2)


async def test_stall_black_holes_open_connections_only(proxy: TcpProxy) -> None:
    reader, writer = await _dial(proxy)
    assert await _echoes(reader, writer, b"x")
    assert proxy.stall() == 1
    writer.write(b"lost in the hole")
    await writer.drain()
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(reader.readexactly(1), 0.5)
    reader2, writer2 = await _dial(proxy)  # a new connection is unaffected
    assert await _echoes(reader2, writer2, b"fresh")
    proxy.stall(False)  # held bytes are delivered once it flows again
    assert await asyncio.wait_for(reader.readexactly(16), 2) == b"lost in the hole"
    await _close(writer)
    await _close(writer2)


async def test_stop_closes_stalled_connections(proxy: TcpProxy) -> None:
    reader, writer = await _dial(proxy)
    assert await _echoes(reader, writer, b"x")
    proxy.stall()
    await proxy.stop()
    assert proxy.open == 0
    with pytest.raises((ConnectionError, asyncio.IncompleteReadError)):
        await asyncio.wait_for(reader.readexactly(1), 2)
    await _close(writer)


async def test_an_unreachable_target_is_a_reset_not_a_crash() -> None:
    placeholder = await asyncio.start_server(_echo, "127.0.0.1", 0)
    port = placeholder.sockets[0].getsockname()[1]
    placeholder.close()
    await placeholder.wait_closed()  # nothing listens on `port` now
    async with TcpProxy("127.0.0.1", port) as proxy:
        reader, writer = await _dial(proxy)
        assert await reader.read(1) == b""  # reset (or EOF): the target could not be reached
        await _close(writer)
        assert proxy.refused == 1


async def test_refuse_resets_new_connections_until_lifted(proxy: TcpProxy) -> None:
    reader, writer = await _dial(proxy)
    assert await _echoes(reader, writer, b"open")
    proxy.refuse()
    refused_reader, refused_writer = await _dial(proxy)
    with contextlib.suppress(ConnectionError):  # a reset or an EOF: nothing gets through
        assert await refused_reader.read(1) == b""
    await _close(refused_writer)
    assert proxy.refused == 1
    assert await _echoes(reader, writer, b"still")  # the open one is left alone
    proxy.refuse(False)
    reader2, writer2 = await _dial(proxy)
    assert await _echoes(reader2, writer2, b"again")
    for w in (writer, writer2):
        await _close(w)


async def test_url_for_keeps_the_path_and_checks_the_port() -> None:
    proxy = TcpProxy.in_front_of("ws://localhost:2583/xrpc")
    assert (proxy.target_host, proxy.target_port) == ("localhost", 2583)
    with pytest.raises(RuntimeError):
        proxy.url_for("ws://localhost:2583/xrpc")  # not started: no port yet
    async with proxy:
        want = f"ws://127.0.0.1:{proxy.port}/xrpc?x=1"
        assert proxy.url_for("ws://localhost:2583/xrpc?x=1") == want
        with pytest.raises(ValueError):
            proxy.url_for("ws://localhost:9999/xrpc")


async def test_down_resets_and_refuses_until_up(proxy: TcpProxy) -> None:
    reader, writer = await _dial(proxy)
    assert await _echoes(reader, writer, b"x")
    assert await proxy.down() == 1
    with pytest.raises((ConnectionError, asyncio.IncompleteReadError)):
        await asyncio.wait_for(reader.readexactly(1), 2)
    await _close(writer)
    reader2, writer2 = await _dial(proxy)  # the server is "restarting": refused
    assert await reader2.read(1) == b""
    await _close(writer2)
    proxy.up()
    reader3, writer3 = await _dial(proxy)
    assert await _echoes(reader3, writer3, b"back")
    assert proxy.refused == 1
    await _close(writer3)


async def test_corrupt_puts_garbage_before_the_next_bytes_to_the_client_once(
    proxy: TcpProxy,
) -> None:
    reader, writer = await _dial(proxy)
    assert await _echoes(reader, writer, b"first")
    assert proxy.corrupt(b"!!") == 1
    writer.write(b"second")  # upstream untouched: the echo server gets "second"
    await writer.drain()
    assert await reader.readexactly(8) == b"!!second"
    assert await _echoes(reader, writer, b"third")  # once only
    await _close(writer)
