"""Websocket keepalive for the SDK's subscription clients (atproto 0.0.73, pinned).

Liveness is a transport fact, not an event rate: a DID-filtered stream or a quiet network is
legitimately silent for hours, so no source reconnects on silence (`recv_timeout` None).
websockets' ping/pong judges the connection instead: a ping every `ping_interval_s`, and a
peer that has not answered within `ping_timeout_s` is closed, which the SDK client treats as
a dropped connection and reconnects (from our cursor).

The SDK connects with websockets' defaults (20 s / 20 s) and offers no parameter for them; the
kwargs come from the private hook `WebsocketClientBase._get_connect_kwargs()` in
`atproto_subscription/websocket.py`, which our client subclasses override through this helper.
Private API: re-check it when the SDK pin moves (tests/sources/ assert the kwargs).
"""

from __future__ import annotations

from typing import Any


def keepalive_kwargs(base: dict[str, Any], interval_s: float, timeout_s: float) -> dict[str, Any]:
    """The SDK's connect kwargs with our ping settings."""
    return {**base, "ping_interval": interval_s, "ping_timeout": timeout_s}
