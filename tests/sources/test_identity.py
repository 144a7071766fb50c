"""DID documents and listRecords pages are size-bounded before they are parsed: an oversized
one makes that person's history unavailable (asking again would get the same), nothing else.
The real SDK resolver and client against the fake PLC directory and PDS on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.errors import HistoryUnavailable
from bot.sources.backfill import MAX_RESPONSE_BYTES, Backfiller, BackfillOptions
from bot.sources.bounded import DID_DOCUMENT_MAX_BYTES
from bot.sources.identity import PdsLookup
from bot.sources.jetstream_json import POST
from bot.sources.tid import make_tid
from tests.sources.fake_atproto import FakeAtproto

pytestmark = pytest.mark.loopback

NOW = 1_785_585_600_000_000
ALICE = "did:plc:alicealicealicealice00"
BOB = "did:plc:bobbobbobbobbobbobbob00"


@pytest.fixture
async def net() -> AsyncIterator[FakeAtproto]:
    fake = await FakeAtproto().start()
    try:
        yield fake
    finally:
        await fake.stop()


async def test_an_oversized_did_document_is_refused_and_others_still_resolve(
    net: FakeAtproto,
) -> None:
    net.account(ALICE)
    net.account(BOB)
    net.docs[ALICE]["alsoKnownAs"] = ["at://a.test"] * (DID_DOCUMENT_MAX_BYTES // 10)
    lookup = PdsLookup(net.plc_url, 2.0)
    try:
        with pytest.raises(HistoryUnavailable, match=f"too large.*{DID_DOCUMENT_MAX_BYTES}"):
            await lookup.pds_of(ALICE)
        assert await lookup.pds_of(BOB) == net.pds_url
    finally:
        await lookup.aclose()


async def test_an_oversized_listrecords_page_makes_the_history_unavailable(
    net: FakeAtproto,
) -> None:
    net.account(ALICE)
    net.account(BOB)
    huge = {"$type": POST, "text": "x" * MAX_RESPONSE_BYTES, "createdAt": "2026-08-01T00:00Z"}
    net.put(ALICE, POST, make_tid(NOW - 1_000_000), huge)
    net.put(BOB, POST, make_tid(NOW - 1_000_000), {**huge, "text": "hello"})
    async with Backfiller(BackfillOptions(plc_url=net.plc_url, timeout_s=5.0)) as backfiller:
        with pytest.raises(HistoryUnavailable, match="listRecords too large"):
            await backfiller.fetch(ALICE, NOW)
        history = await backfiller.fetch(BOB, NOW)  # the pool still serves the next one
        assert [e.did for e in history.events] == [BOB]
