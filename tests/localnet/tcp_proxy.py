"""A loopback TCP proxy for fault tests: put it between a client and a server, then cut or
stall the connections it carries.

    proxy = await TcpProxy.in_front_of("ws://localhost:2583/xrpc").start()
    client_url = proxy.url_for("ws://localhost:2583/xrpc")   # ws://127.0.0.1:<port>/xrpc
    await proxy.cut()       # every open connection reset (RST); new ones are accepted
    proxy.stall()           # open connections black-holed (a dead NAT entry); new ones flow
    proxy.stall(False)      # the stalled ones flow again (bytes held meanwhile are delivered)
    proxy.corrupt()         # garbage in front of the next bytes each open connection delivers
    proxy.refuse()          # new connections are reset at once (the target looks down)
    await proxy.down()      # like a server restart: open connections reset, new ones refused
    proxy.up()              # new connections flow again
    await proxy.stop()      # or `async with TcpProxy(...) as proxy:`

Counters: `accepted` (connections accepted), `open` (carried now), `bytes_up` (client to
target), `bytes_down` (target to client), `cut_count`, `refused` (target unreachable). Every
task and socket it makes is closed by `stop()`, so it is safe under `-W error` (no
ResourceWarning, no pending task).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
from collections.abc import Callable
from types import TracebackType
from urllib.parse import urlsplit, urlunsplit

_CHUNK = 65536
_DEFAULT_PORTS = {"ws": 80, "http": 80, "wss": 443, "https": 443}


class _Link:
    """One proxied connection: the client's socket and ours to the target, pumped both ways."""

    def __init__(
        self,
        client: tuple[asyncio.StreamReader, asyncio.StreamWriter],
        upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter],
    ) -> None:
        self.client, self.upstream = client, upstream
        self.flowing = asyncio.Event()
        self.flowing.set()
        self.aborted = False
        self.garbage = b""  # bytes to put in front of the next chunk to the client
        self._pumps: list[asyncio.Task[None]] = []

    async def run(self, up: Callable[[int], None], down: Callable[[int], None]) -> None:
        """Pump until either side ends (or `abort()`); then close both sides."""
        self._pumps = [
            asyncio.create_task(self._pump(self.client[0], self.upstream[1], up)),
            asyncio.create_task(self._pump(self.upstream[0], self.client[1], down, to_client=True)),
        ]
        try:
            await asyncio.wait(self._pumps, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for pump in self._pumps:
                pump.cancel()
            await asyncio.gather(*self._pumps, return_exceptions=True)
            await self._close()

    async def _pump(
        self,
        src: asyncio.StreamReader,
        dst: asyncio.StreamWriter,
        count: Callable[[int], None],
        *,
        to_client: bool = False,
    ) -> None:
        with contextlib.suppress(OSError):  # a reset on either side ends the link
            while True:
                await self.flowing.wait()  # stalled: read nothing, so nothing moves
                data = await src.read(_CHUNK)
                if not data:
                    return
                await self.flowing.wait()  # read just before a stall: held, not delivered
                if to_client and self.garbage:
                    data, self.garbage = self.garbage + data, b""
                dst.write(data)
                count(len(data))
                await dst.drain()

    def stall(self, on: bool) -> None:
        if on:
            self.flowing.clear()
        else:
            self.flowing.set()

    def abort(self) -> None:
        """Reset both sides at once (RST, no FIN, buffered bytes dropped)."""
        self.aborted = True
        for _, writer in (self.client, self.upstream):
            sock = writer.get_extra_info("socket")
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
        for pump in self._pumps:  # a stalled pump is not reading: it would never notice
            pump.cancel()

    async def _close(self) -> None:
        for _, writer in (self.client, self.upstream):
            if self.aborted:
                writer.transport.abort()
            else:
                writer.close()  # flushes what the pumps wrote before the other side ended
            with contextlib.suppress(Exception):  # the peer's reset, if any, is expected
                await writer.wait_closed()


class TcpProxy:
    """Listens on 127.0.0.1 (a free port) and forwards every connection to target."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target_host, self.target_port = target_host, target_port
        self.accepted = 0
        self.bytes_up = 0
        self.bytes_down = 0
        self.cut_count = 0
        self.refused = 0  # accepted, but the target could not be reached (or `refuse()`)
        self.refusing = False
        self._server: asyncio.Server | None = None
        self._links: set[_Link] = set()
        self._handlers: set[asyncio.Task[None]] = set()

    @classmethod
    def in_front_of(cls, url: str) -> TcpProxy:
        """A proxy for the host:port of `url` (ws, wss, http or https)."""
        parts = urlsplit(url)
        if parts.hostname is None:
            raise ValueError(f"no host in {url!r}")
        return cls(parts.hostname, parts.port or _DEFAULT_PORTS[parts.scheme])

    async def __aenter__(self) -> TcpProxy:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the proxy is not started")
        port: int = self._server.sockets[0].getsockname()[1]
        return port

    @property
    def open(self) -> int:
        """Connections carried right now."""
        return len(self._links)

    def url_for(self, url: str) -> str:
        """`url` (which must point at the target) rewritten to go through the proxy."""
        parts = urlsplit(url)
        if (parts.port or _DEFAULT_PORTS.get(parts.scheme)) != self.target_port:
            raise ValueError(f"{url!r} is not the proxy's target port {self.target_port}")
        return urlunsplit(parts._replace(netloc=f"127.0.0.1:{self.port}"))

    async def start(self) -> TcpProxy:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return self

    async def cut(self) -> int:
        """Reset every open connection (both sides); returns how many. New ones still work."""
        links = list(self._links)
        for link in links:
            link.abort()
        self.cut_count += len(links)
        await self._settle()
        return len(links)

    async def down(self) -> int:
        """Play a restarting server: reset what is open, refuse what comes until `up()`."""
        self.refuse()
        return await self.cut()

    def up(self) -> None:
        self.refuse(False)

    def stall(self, on: bool = True) -> int:
        """Black-hole (or, with False, release) the connections open now; returns how many.
        Connections made later flow normally, as after a dead NAT entry: the client has to
        notice by itself (ping timeout) and reconnect."""
        for link in self._links:
            link.stall(on)
        return len(self._links)

    def corrupt(self, garbage: bytes = b"\x8f\x05bogus") -> int:
        """Put `garbage` in front of the next bytes each open connection carries to its
        client (the default is a websocket frame with a reserved opcode: a protocol error);
        returns how many connections will carry it."""
        for link in self._links:
            link.garbage = garbage
        return len(self._links)

    def refuse(self, on: bool = True) -> None:
        """Reset every new connection at once (with False: carry them again). Open ones are
        left alone: `cut()` or `stall()` them too to make the target look down."""
        self.refusing = on

    async def stop(self) -> None:
        """Stop listening and reset every connection; waits for all of its tasks."""
        if self._server is not None:
            self._server.close()
        for link in list(self._links):
            link.abort()
        await self._settle()
        for handler in list(self._handlers):  # e.g. still dialling the target
            handler.cancel()
        await asyncio.gather(*self._handlers, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None

    async def _settle(self) -> None:
        """Give the handlers of aborted links a moment to finish and close their sockets."""
        pending = [h for h in self._handlers if not h.done()]
        if pending:
            await asyncio.wait(pending, timeout=0.5)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.accepted += 1
        handler = asyncio.current_task()
        assert handler is not None
        self._handlers.add(handler)
        try:
            await self._carry(reader, writer)
        finally:
            self._handlers.discard(handler)

    async def _carry(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            if self.refusing:
                raise ConnectionRefusedError("the proxy refuses (refuse())")
            upstream = await asyncio.open_connection(self.target_host, self.target_port)
        except BaseException as e:  # the target is down, refused, or stop() came first
            writer.transport.abort()  # the client sees a reset
            with contextlib.suppress(Exception):
                await writer.wait_closed()
            if isinstance(e, OSError):
                self.refused += 1
                return
            raise
        link = _Link((reader, writer), upstream)
        self._links.add(link)
        try:
            await link.run(self._count_up, self._count_down)
        finally:
            self._links.discard(link)

    def _count_up(self, n: int) -> None:
        self.bytes_up += n

    def _count_down(self, n: int) -> None:
        self.bytes_down += n
