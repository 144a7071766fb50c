"""listRecords answers are size-bounded while they are read, before the SDK parses them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from bot.errors import PermanentError
from bot.sources.backfill import Backfiller, BackfillOptions, BoundedTransport

BIG = b'{"records": [' + b'{"uri": "at://x"},' * 100_000 + b"{}]}"


async def _chunks() -> AsyncIterator[bytes]:
    for start in range(0, len(BIG), 65_536):
        yield BIG[start : start + 65_536]


def pds(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("chunked"):  # no Content-Length: counted while read
        return httpx.Response(200, content=_chunks())
    if request.url.path.endswith("small"):
        return httpx.Response(200, json={"records": []})
    return httpx.Response(200, content=BIG)


@pytest.mark.parametrize("path", ["/sized", "/chunked"])
async def test_an_answer_over_the_bound_is_refused(path: str) -> None:
    transport = BoundedTransport(httpx.MockTransport(pds), limit=100_000)
    async with httpx.AsyncClient(transport=transport) as client:
        with pytest.raises(PermanentError, match="100000"):
            await client.get(f"https://pds.example{path}")
        small = await client.get("https://pds.example/small")
        assert small.json() == {"records": []}  # the next answer is read as usual


async def test_the_backfiller_reads_through_the_bound() -> None:
    async with Backfiller(BackfillOptions(plc_url="https://plc.example")) as backfiller:
        assert isinstance(backfiller._request._client._transport, BoundedTransport)
