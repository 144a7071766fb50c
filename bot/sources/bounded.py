"""Answers and frames from the network, size-bounded while they are read, before anything parses
them (edge: the SDK's request class gets a transport that refuses oversized bodies; Jetstream's
zstd frames are inflated only up to the frame bound).

The bound is on the *decoded* body: httpx would otherwise inflate a gzip answer after the
transport, so a 4 MB bound on the wire could still let a small gzip bomb expand to gigabytes.
Only gzip/deflate are asked for and decoded here, with a capped decompressor; any other
content coding is refused. Refusals raise `ResponseTooLarge` (bot/errors.py), whose message
names the host and XRPC method, never the query (which may name a person).
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
import zstandard
from atproto_client.request import AsyncRequest
from atproto_jetstream.compression import ZstdDecompression
from atproto_jetstream.exceptions import JetstreamDecodingError

from bot.errors import ResponseTooLarge
from bot.sources.egress import EgressGuard

KIB = 1024
MIB = 1024 * KIB
# The bot's own session: login, chat (getLog, getMessages, sendMessage …) through the PDS
# proxy, AppView reads (getFollowers pages of 100 profiles, author feeds of 5 posts). A chat
# message is at most 10,000 bytes of text; 100 of them with their JSON are far below this.
SESSION_MAX_BYTES = 8 * MIB
# A DID document is a few hundred bytes (did:plc) or a small file (did:web).
DID_DOCUMENT_MAX_BYTES = 256 * KIB
# Jetstream's zstd dictionary (the public one is ~110 KB).
ZSTD_DICTIONARY_MAX_BYTES = 1 * MIB
_DECODED = frozenset({"gzip", "deflate", "x-gzip"})
_IDENTITY = frozenset({"", "identity"})


def _where(request: httpx.Request) -> str:
    return f"{request.url.host}{request.url.path}"


class _BoundedStream(httpx.AsyncByteStream):
    """The body, decoded if it was gzip/deflate, counted and cut off past `limit` bytes."""

    def __init__(
        self, inner: httpx.AsyncByteStream, limit: int, where: str, *, inflate: bool
    ) -> None:
        self._inner, self._limit, self._where = inner, limit, where
        # wbits 32+: zlib and gzip headers both accepted (what servers send for either name)
        self._inflate = zlib.decompressobj(32 + zlib.MAX_WBITS) if inflate else None

    async def __aiter__(self) -> AsyncIterator[bytes]:
        seen = 0
        async for chunk in self._inner:
            if self._inflate is not None:
                try:
                    # at most one byte past what is left: enough to know it is too much
                    chunk = self._inflate.decompress(chunk, self._limit - seen + 1)
                except zlib.error as e:
                    raise httpx.DecodingError(f"{self._where}: {e}") from e
            seen += len(chunk)
            if seen > self._limit:
                raise ResponseTooLarge(self._where, self._limit)
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


class BoundedTransport(httpx.AsyncBaseTransport):
    """Refuses a response body larger than `limit` bytes (decoded) while it is read, before
    any parse; a Content-Length over the limit is refused at once."""

    def __init__(self, inner: httpx.AsyncBaseTransport, limit: int) -> None:
        self._inner, self._limit = inner, limit

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.headers["Accept-Encoding"] = "gzip"  # the only coding we decode with a cap
        response = await self._inner.handle_async_request(request)
        where = _where(request)
        coding = response.headers.get("content-encoding", "").strip().lower()
        length = response.headers.get("content-length", "")
        if coding not in _IDENTITY | _DECODED or (length.isdigit() and int(length) > self._limit):
            await response.aclose()
            if coding not in _IDENTITY | _DECODED:
                raise httpx.DecodingError(f"{where}: unasked content-encoding {coding[:40]!r}")
            raise ResponseTooLarge(where, self._limit, announced=int(length))
        if isinstance(response.stream, httpx.AsyncByteStream):
            decoded = coding in _DECODED
            response.stream = _BoundedStream(response.stream, self._limit, where, inflate=decoded)
            if decoded:  # httpx must not inflate it a second time, unbounded
                del response.headers["content-encoding"]
                response.headers.pop("content-length", None)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


def _inner(guard: EgressGuard | None) -> httpx.AsyncHTTPTransport:
    return httpx.AsyncHTTPTransport() if guard is None else guard.transport()


def bounded_client(
    limit: int, *, guard: EgressGuard | None = None, **kwargs: Any
) -> httpx.AsyncClient:
    """A plain httpx client whose answers are bounded (for the SDK's identity resolvers);
    with `guard`, it connects only where a stranger may send it (bot/sources/egress.py)."""
    transport = BoundedTransport(_inner(guard), limit)
    return httpx.AsyncClient(transport=transport, **kwargs)


class BoundedRequest(AsyncRequest):  # type: ignore[misc]  # the SDK is untyped
    """The SDK's request class over a `BoundedTransport`. Its clones (`with_proxy`, `clone`:
    the chat client is one) get their own bounded transport, not a shared one that the first
    clone to close would close for all."""

    def __init__(self, limit: int, *, guard: EgressGuard | None = None, **kwargs: Any) -> None:
        self.limit, self.guard, self._plain_kwargs = limit, guard, dict(kwargs)
        super().__init__(transport=BoundedTransport(_inner(guard), limit), **kwargs)

    def _new_instance(self) -> BoundedRequest:  # the SDK's clone hook (0.0.73)
        return type(self)(self.limit, guard=self.guard, **self._plain_kwargs)


class OversizedFrame(JetstreamDecodingError):  # type: ignore[misc]  # the SDK is untyped
    """A compressed frame that inflates past the bound: skipped unread."""


class CappedZstd(ZstdDecompression):  # type: ignore[misc]  # the SDK is untyped
    """The SDK's dictionary decompression, capped whatever the frame header claims: its
    `decompress(max_output_size=…)` trusts a content size written in the header, so a few KB
    declaring gigabytes would be allocated and inflated in full. Read through a stream instead,
    at most one byte past the bound."""

    def decompress(self, data: bytes) -> bytes:
        decompressor = self._decompressor
        if decompressor is None:
            raise JetstreamDecodingError("Zstd dictionary is not loaded")
        try:
            with decompressor.stream_reader(data) as reader:
                out: bytes = reader.read(self._max_output_size + 1)
        except zstandard.ZstdError as e:
            raise JetstreamDecodingError("Could not decompress the frame") from e
        if len(out) > self._max_output_size:
            raise OversizedFrame(
                f"{len(data)} compressed bytes inflate past {self._max_output_size}"
            )
        return out
