"""The real network's addresses, each defined once: the settings default to them and the
sources fall back to them. Core code may import this (it imports no SDK); each value equals
the installed atproto SDK's own default (tests/test_endpoints.py checks), so an SDK upgrade
that moves a host shows up as a failing test, not as a bot that hears nothing.

The AppView is not here: the bot never names one. Its `app.bsky.*` calls go to its PDS, which
proxies them to the AppView it is configured with (Bluesky's PDSes: `did:web:api.bsky.app`).
"""

from __future__ import annotations

# Jetstream v2 (`network.bsky.jetstream.subscribeEvents`), the wire our source speaks. The
# `jetstream1.*` / `jetstream2.*` hosts serve only v1 (`/subscribe`): nothing would arrive.
JETSTREAM_URL = "wss://jetstream.us-east.bsky.network/xrpc"
JETSTREAM_V2_URLS = (JETSTREAM_URL, "wss://jetstream.us-west.bsky.network/xrpc")
RELAY_URL = "wss://bsky.network/xrpc"  # com.atproto.sync.subscribeRepos (Sync v1.1)
PLC_URL = "https://plc.directory"
BSKY_SERVICE = "https://bsky.social"  # the SDK's base is this + "/xrpc" (SessionOwner adds it)
BSKY_CHAT_DID = "did:web:api.bsky.chat"  # the SDK's `with_bsky_chat_proxy()` hard-codes it
