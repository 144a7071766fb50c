"""Answers from the network are size-bounded while they are read, before anything parses them:
plain, chunked, announced and gzip-inflated bodies alike (bot/sources/bounded.py)."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import AsyncIterator

import httpx
import pytest
from atproto import AsyncClient

from bot.errors import HistoryUnavailable, ResponseTooLarge, TransientError
from bot.retry import repeat_safely
from bot.sources.backfill import MAX_RESPONSE_BYTES, Backfiller, BackfillOptions
from bot.sources.bounded import SESSION_MAX_BYTES, BoundedRequest, BoundedTransport
from bot.sources.session import SessionOwner

LIMIT = 100_000
BIG = b'{"records": [' + b'{"uri": "at://x"},' * 100_000 + b"{}]}"
BOMB = gzip.compress(b" " * 50_000_000)  # ~50 KB on the wire, 50 MB once inflated


async def _chunks(body: bytes = BIG) -> AsyncIterator[bytes]:
    """A body as it comes off the wire (httpx takes `content=bytes` as already decoded)."""
    for start in range(0, len(body), 65_536):
        yield body[start : start + 65_536]


def server(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if path.endswith("chunked"):  # no Content-Length: counted while read
        return httpx.Response(200, content=_chunks())
    if path.endswith("small"):
        return httpx.Response(200, json={"records": []})
    if path.endswith("gzip-bomb"):
        return httpx.Response(200, content=_chunks(BOMB), headers={"Content-Encoding": "gzip"})
    if path.endswith("gzip-small"):
        body = zlib.compress(b'{"records": []}')  # a zlib stream under the name deflate
        return httpx.Response(200, content=_chunks(body), headers={"Content-Encoding": "deflate"})
    if path.endswith("brotli"):
        return httpx.Response(200, content=_chunks(b"\x00"), headers={"Content-Encoding": "br"})
    return httpx.Response(200, content=BIG)


def seen_encoding(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"asked": request.headers.get("accept-encoding")})


@pytest.mark.parametrize("path", ["/sized", "/chunked", "/gzip-bomb"])
async def test_an_answer_over_the_bound_is_refused(path: str) -> None:
    transport = BoundedTransport(httpx.MockTransport(server), limit=LIMIT)
    async with httpx.AsyncClient(transport=transport) as client:
        with pytest.raises(ResponseTooLarge, match=f"pds.example{path}.*{LIMIT}") as caught:
            await client.get(f"https://pds.example{path}?repo=did:plc:secret")
        assert "secret" not in str(caught.value)  # the host and method, never the query
        assert caught.value.limit == LIMIT
        small = await client.get("https://pds.example/small")
        assert small.json() == {"records": []}  # the next answer is read as usual


async def test_a_compressed_answer_within_the_bound_is_inflated_once() -> None:
    transport = BoundedTransport(httpx.MockTransport(server), limit=LIMIT)
    async with httpx.AsyncClient(transport=transport) as client:
        answer = await client.get("https://pds.example/gzip-small")
        assert answer.json() == {"records": []}
        asked = await httpx.AsyncClient(
            transport=BoundedTransport(httpx.MockTransport(seen_encoding), limit=LIMIT)
        ).get("https://pds.example/x")
        assert asked.json() == {"asked": "gzip"}  # no codings we could not inflate capped


async def test_a_coding_we_did_not_ask_for_is_refused() -> None:
    transport = BoundedTransport(httpx.MockTransport(server), limit=LIMIT)
    async with httpx.AsyncClient(transport=transport) as client:
        with pytest.raises(httpx.DecodingError, match="br"):
            await client.get("https://pds.example/brotli")


async def test_the_sdk_request_and_its_clones_are_bounded() -> None:
    base = AsyncClient(base_url="https://pds.example/xrpc", request=BoundedRequest(LIMIT))
    proxied = base.with_proxy("bsky_chat", "did:web:chat.example")  # how the chat client is made
    try:
        for client in (base, proxied):
            assert isinstance(client.request, BoundedRequest) and client.request.limit == LIMIT
            assert isinstance(client.request._client._transport, BoundedTransport)
        assert proxied.request._client._transport is not base.request._client._transport
    finally:
        await proxied.request.close()
        await base.request.close()


async def test_the_session_and_the_backfill_read_through_the_bound() -> None:
    from pydantic import SecretStr

    owner = SessionOwner("https://pds.example", "bot.test", SecretStr("not-used"))
    try:
        assert isinstance(owner.client.request, BoundedRequest)
        assert owner.client.request.limit == SESSION_MAX_BYTES
        assert owner.proxied("bsky_chat", "did:web:chat.example").request.limit == SESSION_MAX_BYTES
    finally:
        await owner.close()
    async with Backfiller(BackfillOptions(plc_url="https://plc.example")) as backfiller:
        assert backfiller._request.limit == MAX_RESPONSE_BYTES


async def test_an_oversized_answer_is_not_asked_again_at_once() -> None:
    calls = 0

    async def once() -> None:
        nonlocal calls
        calls += 1
        raise ResponseTooLarge("pds.example/xrpc/x", LIMIT)

    with pytest.raises(ResponseTooLarge):
        await repeat_safely(once)
    assert calls == 1
    assert issubclass(ResponseTooLarge, TransientError)  # the caller's schedule retries later
    assert not issubclass(ResponseTooLarge, HistoryUnavailable)
