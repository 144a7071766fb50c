"""Websocket keepalive for the SDK's subscription clients (atproto 0.0.73, pinned), and the
transport fact the service's health is judged by.

Liveness is a transport fact, not an event rate: a DID-filtered stream or a quiet network is
legitimately silent for hours, so no source reconnects on silence (`recv_timeout` None).
websockets' ping/pong judges the connection instead: a ping every `ping_interval_s`, and a
peer that has not answered within `ping_timeout_s` is closed, which the SDK client treats as
a dropped connection and reconnects (from our cursor).

The SDK connects with websockets' defaults (20 s / 20 s) and offers no parameter for them; the
kwargs come from the private hook `WebsocketClientBase._get_connect_kwargs()` in
`atproto_subscription/websocket.py`, which our client subclasses override through this helper.
Private API: re-check it when the SDK pin moves (tests/sources/ assert the kwargs).

`Liveness` is what health asks: is the connection open, and when did the peer last send any
byte (a frame or a pong)? It is stamped from websockets' connection object (through connect's
public `create_connection` factory), so a pong counts as much as an event: a silent stream
whose pings are answered is alive; a black-holed one goes quiet past the ping timeout.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Callable
from typing import Any

from websockets.asyncio.client import ClientConnection

from bot.catchup import LIVE_WITHIN_S, StreamState, is_live_event
from bot.shared import TransportState


def wall_us() -> int:
    return time.time_ns() // 1000


class Liveness:
    """One subscription's connection, across the SDK client's reconnects."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], int] = wall_us,
        live_within_s: float = LIVE_WITHIN_S,
    ) -> None:
        self.clock = clock
        self.wall = wall  # event times are wall-clock microseconds
        self.live_within_s = live_within_s
        self.connected = False
        # a fresh subscription has had no chance to connect yet: its grace starts now
        self.heard_at = clock()
        # has this connection caught up since it opened? (bot/catchup.py asks)
        self.opened_at: float | None = None
        self.frame_at: float | None = None
        self.live = False  # a frame at the tip was read since the connection opened
        self.live_at: float | None = None

    def opened(self) -> None:
        # not a sign of life by itself: a proxy or a load balancer in front of a dead server
        # accepts the TCP connection and resets it; the handshake's answer is the first word
        self.connected = True
        self.opened_at = self.clock()
        self.frame_at, self.live, self.live_at = None, False, None

    def frame(self, event_time_us: int | None) -> None:
        """A frame was handled (its events queued). Sources call it only while not `live`:
        once at the tip, a connection stays caught up until it opens again."""
        now = self.clock()
        self.frame_at = now
        if is_live_event(event_time_us, self.wall(), self.live_within_s):
            self.live, self.live_at = True, now

    def heard(self) -> None:
        self.heard_at = self.clock()

    def closed(self) -> None:
        self.connected = False

    def state(self, name: str, stall_after_s: float) -> TransportState:
        return TransportState(name, self.connected, self.heard_at, stall_after_s)

    def stream(self, name: str) -> StreamState:
        return StreamState(
            name, self.connected, self.opened_at, self.heard_at, self.frame_at, self.live_at
        )


class _HeardConnection(ClientConnection):
    """websockets' client connection, telling a `Liveness` about its bytes and its end."""

    def __init__(self, *args: Any, liveness: Liveness, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._liveness = liveness

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        self._liveness.opened()

    def data_received(self, data: bytes) -> None:
        self._liveness.heard()  # any byte: frames and pongs alike
        super().data_received(data)

    def connection_lost(self, exc: Exception | None) -> None:
        self._liveness.closed()
        super().connection_lost(exc)


def keepalive_kwargs(
    base: dict[str, Any],
    interval_s: float,
    timeout_s: float,
    liveness: Liveness | None = None,
) -> dict[str, Any]:
    """The SDK's connect kwargs with our ping settings (and a connection that reports to
    `liveness`, when given)."""
    kwargs = {**base, "ping_interval": interval_s, "ping_timeout": timeout_s}
    if liveness is not None:
        kwargs["create_connection"] = functools.partial(_HeardConnection, liveness=liveness)
    return kwargs


def stall_after_s(interval_s: float, timeout_s: float) -> float:
    """How long a working connection can go without a byte from the peer: a ping goes out
    `interval_s` after the last pong and must be answered within `timeout_s`."""
    return interval_s + timeout_s
