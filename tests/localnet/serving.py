"""Bootstrap shared by our test servers (chat service, Jetstream server).

A server binds loopback only (127.0.0.1, and ::1 on the same port where available, because
Node resolves `localhost` to either), prints `LOCALNET_READY {json}` once it listens, and runs
until SIGTERM/SIGINT or until its stdin closes (the harness holds the other end).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import socket
import sys
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

READY_PREFIX = "LOCALNET_READY "


def bind_loopback(port: int = 0) -> list[socket.socket]:
    """Listening sockets on 127.0.0.1:port (port 0: a free one) and, if possible, [::1]:port."""
    v4 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    v4.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    v4.bind(("127.0.0.1", port))
    v4.listen(128)
    socks = [v4]
    chosen = v4.getsockname()[1]
    if socket.has_ipv6:
        v6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        try:
            v6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            v6.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            v6.bind(("::1", chosen))
            v6.listen(128)
            socks.append(v6)
        except OSError:
            v6.close()
    for s in socks:
        s.setblocking(False)
    return socks


def _watch_stdin(loop: asyncio.AbstractEventLoop, stop: asyncio.Event) -> None:
    """Stop when stdin reaches EOF (the harness closed it, or died)."""

    def run() -> None:
        with contextlib.suppress(Exception):
            while sys.stdin.buffer.read(4096):
                pass
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=run, name="stdin-watch", daemon=True).start()


async def serve(
    app: web.Application,
    socks: list[socket.socket],
    ready_info: dict[str, Any],
    *,
    background: Callable[[asyncio.Event], Awaitable[None]] | None = None,
    ready: asyncio.Event | None = None,
    ready_timeout: float = 60.0,
) -> None:
    """Serve `app` on `socks` until asked to stop; `background` runs alongside it.

    With `ready`, the READY line waits until that event is set (e.g. upstream connected).
    """
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    _watch_stdin(loop, stop)

    runner = web.AppRunner(app, handle_signals=False, access_log=None)
    await runner.setup()
    for s in socks:
        await web.SockSite(runner, s, shutdown_timeout=1.0).start()
    task = asyncio.create_task(background(stop)) if background else None
    try:
        if ready is not None:
            await asyncio.wait_for(ready.wait(), ready_timeout)
        print(READY_PREFIX + json.dumps(ready_info), flush=True)
        if task is None:
            await stop.wait()
        else:
            stopper = asyncio.create_task(stop.wait())
            done, _ = await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
            stopper.cancel()
            if task in done:
                task.result()  # a crashed background task crashes the server, loudly
    finally:
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
        await runner.cleanup()
