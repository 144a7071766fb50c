"""One websocket handshake with the configured firehose: at startup and in `check-config`.

A firehose URL of the wrong wire (a Jetstream v1 host for our v2 source, a relay URL without
`/xrpc`, a PDS that has no such endpoint) answers every handshake with a 4xx: the SDK clients
would retry it forever (the relay's silently), and the bot would hear nothing. That is a
setting to fix, so it stops the service with one line naming the setting. A host that is down,
slow or answering 5xx / 408 / 429 may come back: the sources keep retrying as always.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from atproto_subscription.websocket import build_websocket_uri
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidHandshake, InvalidStatus, InvalidURI
from websockets.typing import Subprotocol

from bot import endpoints
from bot.errors import ConfigError, TransientError

log = logging.getLogger(__name__)

JETSTREAM_METHOD = "network.bsky.jetstream.subscribeEvents"
RELAY_METHOD = "com.atproto.sync.subscribeRepos"
JETSTREAM_SUBPROTOCOL = "xrpc.v1.json"  # what the SDK's Jetstream client offers
RETRYABLE_STATUSES = frozenset({408, 429})  # and every 5xx
TIMEOUT_S = 10.0


@dataclass(frozen=True, slots=True)
class Firehose:
    setting: str  # the environment variable that names the URL
    url: str
    method: str
    wire: str  # what the source speaks, for the message
    hint: str  # what a right URL looks like
    subprotocols: tuple[str, ...] = ()  # offered as the source's client offers them


def jetstream(url: str) -> Firehose:
    hint = f"the v2 hosts are {' and '.join(endpoints.JETSTREAM_V2_URLS)}; jetstream1/2.* are v1"
    return Firehose(
        "JETSTREAM_URL", url, JETSTREAM_METHOD, "Jetstream v2", hint, (JETSTREAM_SUBPROTOCOL,)
    )


def relay(url: str) -> Firehose:
    hint = f"a relay's base URL ends in /xrpc, e.g. {endpoints.RELAY_URL}"
    return Firehose("RELAY_URL", url, RELAY_METHOD, "relay (subscribeRepos)", hint)


def refused(status: int) -> bool:
    """A handshake answer no retry can change (the URL is wrong), as opposed to a bad moment."""
    return status < 500 and status not in RETRYABLE_STATUSES


async def probe(firehose: Firehose, timeout_s: float = TIMEOUT_S) -> str:
    """Open and at once close one connection. ConfigError: the URL is wrong (one line, naming
    the setting); TransientError: not reachable right now."""
    uri = build_websocket_uri(firehose.method, firehose.url)  # exactly as the SDK does
    where = f"{firehose.setting}={firehose.url}"
    offered = [Subprotocol(p) for p in firehose.subprotocols] or None
    try:
        async with (
            asyncio.timeout(timeout_s),
            connect(uri, subprotocols=offered, open_timeout=None, max_size=2**16),
        ):
            pass  # upgraded: this is the wire we speak
    except InvalidURI:
        raise ConfigError(f"{where} is not a ws:// or wss:// URL") from None
    except InvalidStatus as exc:
        status = exc.response.status_code
        if refused(status):
            raise ConfigError(
                f"{where} refused the {firehose.wire} handshake (HTTP {status}): {firehose.hint}"
            ) from None
        raise TransientError(f"{where} answered the handshake with HTTP {status}") from None
    except (OSError, TimeoutError, InvalidHandshake) as exc:
        raise TransientError(f"{where} is not reachable: {type(exc).__name__}: {exc}") from None
    return f"{firehose.url} answers the {firehose.wire} handshake"


async def check_at_start(firehose: Firehose) -> None:
    """A refused handshake stops the start (ConfigError); an unreachable host is only a
    warning: the source keeps trying, as it would after any later outage."""
    try:
        await probe(firehose)
    except TransientError as exc:
        log.warning("%s; the firehose source keeps trying", exc)
