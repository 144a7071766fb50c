"""Backfill of a person's recent history (bot/sources/backfill.py) against an in-process fake
PLC + PDS on loopback (tests/sources/fake_atproto.py): the real SDK does every request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.errors import HistoryUnavailable, PermanentError, RateLimited, TransientError
from bot.events import ActivityKind, EngagementCreated, PostCreated
from bot.sources.backfill import (
    DAY_US,
    FUTURE_SLACK_US,
    MAX_TEXT_CHARS,
    Backfiller,
    BackfillOptions,
)
from bot.sources.identity import PdsLookup
from bot.sources.jetstream_json import LIKE, POST, REPOST
from bot.sources.tid import make_tid
from tests.sources.fake_atproto import FakeAtproto, Fault

pytestmark = pytest.mark.loopback

NOW = 1_785_585_600_000_000  # 2026-08-01T12:00:00Z
ALICE = "did:plc:alicealicealicealice00"
BOB = "did:plc:bobbobbobbobbobbobbob00"


def post(text: str = "hello", **more: Any) -> dict[str, Any]:
    return {"$type": POST, "text": text, "createdAt": "2026-08-01T00:00:00Z", **more}


def strong_ref(did: str, rkey: str = "3kaaaaaaaaaa2") -> dict[str, str]:
    return {"uri": f"at://{did}/{POST}/{rkey}", "cid": "bafyfake"}


def engagement(collection: str, subject_did: str) -> dict[str, Any]:
    return {
        "$type": collection,
        "subject": strong_ref(subject_did),
        "createdAt": "2026-01-01T00:00Z",
    }


@pytest.fixture
async def net() -> AsyncIterator[FakeAtproto]:
    fake = await FakeAtproto().start()
    try:
        yield fake
    finally:
        await fake.stop()


def options(net: FakeAtproto, **changes: Any) -> BackfillOptions:
    return BackfillOptions(plc_url=net.plc_url, **{"timeout_s": 2.0, **changes})


async def fetch(net: FakeAtproto, did: str = ALICE, **changes: Any) -> Any:
    async with Backfiller(options(net, **changes)) as backfiller:
        return await backfiller.fetch(did, NOW)


async def test_converts_posts_replies_quotes_likes_and_reposts(net: FakeAtproto) -> None:
    net.account(ALICE)
    t = NOW - DAY_US
    reply = {"root": strong_ref(BOB), "parent": strong_ref(BOB)}
    quote = {"$type": "app.bsky.embed.record", "record": strong_ref(BOB)}
    k_post = net.put_at(ALICE, POST, t + 1, post("just a post"))
    k_reply = net.put_at(ALICE, POST, t + 2, post("agreed!", reply=reply))
    k_quote = net.put_at(ALICE, POST, t + 3, post("look", embed=quote))
    k_like = net.put_at(ALICE, LIKE, t + 4, engagement(LIKE, BOB))
    k_repost = net.put_at(ALICE, REPOST, t + 5, engagement(REPOST, BOB))

    history = await fetch(net)

    assert [(type(e), e.rkey, e.kind, e.time_us) for e in history.events] == [
        (PostCreated, k_post, ActivityKind.POST, t + 1),
        (PostCreated, k_reply, ActivityKind.REPLY, t + 2),
        (PostCreated, k_quote, ActivityKind.QUOTE, t + 3),
        (EngagementCreated, k_like, ActivityKind.LIKE, t + 4),
        (EngagementCreated, k_repost, ActivityKind.REPOST, t + 5),
    ]
    posted, replied, quoted, liked, reposted = history.events
    assert isinstance(posted, PostCreated) and posted.record["text"] == "just a post"
    assert isinstance(replied, PostCreated) and replied.replies_to_other
    assert isinstance(quoted, PostCreated) and quoted.quote_did == BOB
    assert isinstance(liked, EngagementCreated) and liked.subject_did == BOB
    assert isinstance(reposted, EngagementCreated) and reposted.subject_did == BOB
    assert all(e.did == ALICE for e in history.events)
    assert (history.records, history.skipped, history.pds) == (5, 0, net.pds_url)


async def test_follows_the_cursor_page_by_page(net: FakeAtproto) -> None:
    net.account(ALICE)
    for i in range(250):
        net.put_at(ALICE, POST, NOW - DAY_US + i * 1000, post(f"n{i}"))

    history = await fetch(net, page_size=100, collections=(POST,))

    assert len(history.events) == 250 == history.records
    assert [e.time_us for e in history.events] == sorted(e.time_us for e in history.events)
    cursors = [call.get("cursor") for call in net.list_calls]
    assert cursors[0] is None and all(cursors[1:])  # each later page asks after the last
    assert history.pages == len(net.list_calls) == 4  # 100 + 100 + 50 + the empty end
    assert {call["limit"] for call in net.list_calls} == {"100"}


async def test_stops_at_the_day_window(net: FakeAtproto) -> None:
    net.account(ALICE)
    for day in range(90):  # one post a day for 90 days, 30 of them older than the window
        net.put_at(ALICE, POST, NOW - day * DAY_US - 1, post(f"day {day}"))

    history = await fetch(net, days=60, page_size=20, collections=(POST,))

    assert len(history.events) == 60 == history.records
    assert min(e.time_us for e in history.events) >= NOW - 60 * DAY_US
    assert history.pages == 4  # the fourth page (days 60-79) reaches the window: no fifth


async def test_max_pages_bounds_each_collection(net: FakeAtproto) -> None:
    net.account(ALICE)
    for i in range(100):
        net.put_at(ALICE, POST, NOW - DAY_US + i, post())
        net.put_at(ALICE, LIKE, NOW - DAY_US + i, engagement(LIKE, BOB))

    history = await fetch(net, page_size=10, max_pages=3)

    assert len(history.events) == 60  # 30 posts + 30 likes, newest first
    assert history.pages == 3 + 3 + 1  # reposts: one empty page
    assert min(e.time_us for e in history.events) == NOW - DAY_US + 70


async def test_skips_non_tid_rkeys_malformed_records_and_far_future_times(
    net: FakeAtproto,
) -> None:
    net.account(ALICE)
    good = net.put_at(ALICE, POST, NOW - DAY_US, post())
    net.put(ALICE, POST, "self", post())  # not a TID
    net.put(ALICE, POST, "3jzfcijpj2z21", post())  # '1' is not base32-sortable
    net.put_at(ALICE, POST, NOW - DAY_US + 1, "not a record")
    net.put_at(ALICE, POST, NOW - DAY_US + 2, {"$type": "com.example.other", "text": "x"})
    net.put_at(ALICE, LIKE, NOW - DAY_US + 3, {"$type": LIKE})  # no subject: still a like
    net.put_at(ALICE, POST, NOW + FUTURE_SLACK_US + 1, post("from the future"))
    skewed = net.put_at(ALICE, REPOST, NOW + 5_000_000, engagement(REPOST, BOB))

    history = await fetch(net)

    kept = {e.rkey: e for e in history.events}
    assert set(kept) == {good, skewed, make_tid(NOW - DAY_US + 3)}
    assert kept[skewed].time_us == NOW  # a little ahead of our clock: clamped to now
    assert history.skipped == 5
    assert history.records == 8


async def test_an_oversized_post_still_counts_but_is_cut_down(net: FakeAtproto) -> None:
    net.account(ALICE)
    huge = post("x" * 200_000, facets=[{"index": {}, "features": []}] * 1000, blob="y" * 10_000)
    net.put_at(ALICE, POST, NOW - DAY_US, huge)

    (event,) = (await fetch(net)).events

    assert isinstance(event, PostCreated) and event.kind is ActivityKind.POST
    assert len(event.record["text"]) == MAX_TEXT_CHARS
    assert len(event.record["facets"]) == 64
    assert "blob" not in event.record and "createdAt" not in event.record


async def test_unknown_did_is_unavailable(net: FakeAtproto) -> None:
    with pytest.raises(HistoryUnavailable) as caught:
        await fetch(net, did="did:plc:nobodynobodynobodyno00")
    assert caught.value.did == "did:plc:nobodynobodynobodyno00"
    assert "DidNotFoundError" in caught.value.reason


async def test_a_document_without_a_pds_is_unavailable(net: FakeAtproto) -> None:
    net.account(ALICE)
    net.docs[ALICE]["service"] = []
    with pytest.raises(HistoryUnavailable, match="no PDS endpoint"):
        await fetch(net)


@pytest.mark.parametrize(
    "did",
    [
        "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",  # method not supported
        "did:web:example.com:users:alice",  # did:web with a path
        "alice.test",  # a handle, not a DID
    ],
)
async def test_dids_the_resolver_cannot_handle_are_unavailable(net: FakeAtproto, did: str) -> None:
    with pytest.raises(HistoryUnavailable):
        await fetch(net, did=did)
    assert net.plc_calls == []


@pytest.mark.parametrize(
    ("body", "status", "name"),
    [
        ({"error": "RepoNotFound", "message": "gone"}, 400, "RepoNotFound"),
        ({"error": "RepoTakendown", "message": "taken down"}, 400, "RepoTakendown"),
        ({"error": "RepoDeactivated", "message": "deactivated"}, 400, "RepoDeactivated"),
        ({"error": "NotFound", "message": "no such repo"}, 404, "NotFound"),
    ],
)
async def test_a_repo_the_pds_will_not_serve_is_unavailable(
    net: FakeAtproto, body: dict[str, str], status: int, name: str
) -> None:
    net.account(ALICE)
    net.pds_fault = Fault(status, body)
    with pytest.raises(HistoryUnavailable) as caught:
        await fetch(net)
    assert (caught.value.status, caught.value.error_name, caught.value.reason) == (
        status,
        name,
        name,
    )


async def test_a_repo_the_pds_does_not_host_is_unavailable(net: FakeAtproto) -> None:
    net.account(ALICE)
    del net.repos[ALICE]  # listed in PLC, unknown to the PDS: 400 InvalidRequest
    with pytest.raises(HistoryUnavailable) as caught:
        await fetch(net)
    assert caught.value.error_name == "InvalidRequest"


async def test_rate_limited(net: FakeAtproto) -> None:
    net.account(ALICE)
    body = {"error": "RateLimitExceeded", "message": "slow down"}
    net.pds_fault = Fault(429, body, {"retry-after": "17"})
    with pytest.raises(RateLimited) as caught:
        await fetch(net)
    assert caught.value.retry_after == 17.0


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_server_errors_are_transient(net: FakeAtproto, status: int) -> None:
    net.account(ALICE)
    net.pds_fault = Fault(status, {"error": "InternalServerError", "message": "oops"})
    with pytest.raises(TransientError) as caught:
        await fetch(net)
    assert not isinstance(caught.value, PermanentError) and caught.value.status == status


async def test_a_slow_pds_times_out_as_transient(net: FakeAtproto) -> None:
    net.account(ALICE)
    net.pds_fault = Fault(200, delay=1.0)
    with pytest.raises(TransientError, match="timed out"):
        await fetch(net, timeout_s=0.2)


async def test_a_slow_plc_times_out_as_transient(net: FakeAtproto) -> None:
    net.account(ALICE)
    net.plc_fault = Fault(200, delay=1.0)
    with pytest.raises(TransientError):
        await fetch(net, timeout_s=0.2)


@pytest.mark.parametrize(
    ("status", "error"),
    [(500, TransientError), (429, RateLimited), (410, HistoryUnavailable)],
)
async def test_plc_errors(net: FakeAtproto, status: int, error: type[Exception]) -> None:
    net.account(ALICE)
    net.plc_fault = Fault(status, {"message": "plc says no"})
    with pytest.raises(error):
        await fetch(net)


async def test_an_unreachable_pds_is_transient(net: FakeAtproto) -> None:
    net.account(ALICE, pds="http://127.0.0.1:9")  # discard port: nothing listens
    with pytest.raises(TransientError, match="connection failed"):  # trusted: else refused
        await fetch(net, trusted_urls=("http://127.0.0.1:9",))


async def test_resolutions_are_cached_and_forgotten_when_the_repo_is_gone(
    net: FakeAtproto,
) -> None:
    net.account(ALICE)
    async with Backfiller(options(net)) as backfiller:
        await backfiller.fetch(ALICE, NOW)
        await backfiller.fetch(ALICE, NOW)
        assert net.plc_calls == [ALICE]
        net.pds_fault = Fault(400, {"error": "RepoNotFound"})
        with pytest.raises(HistoryUnavailable):
            await backfiller.fetch(ALICE, NOW)
        net.pds_fault = None
        await backfiller.fetch(ALICE, NOW)
        assert net.plc_calls == [ALICE, ALICE]


async def test_the_cache_is_bounded_and_expires(net: FakeAtproto) -> None:
    clock = [0.0]
    lookup = PdsLookup(net.plc_url, 2.0, ttl_s=60, max_entries=2, clock=lambda: clock[0])
    dids = [net.account(f"did:plc:person{i}person{i}person{i}0") for i in range(3)]
    try:
        for did in [*dids, dids[2], dids[0]]:
            await lookup.pds_of(did)
        assert net.plc_calls == [*dids, dids[0]]  # dids[0] was evicted by dids[2]
        clock[0] = 61.0
        await lookup.pds_of(dids[0])
        assert net.plc_calls[-1] == dids[0] and len(net.plc_calls) == 5
    finally:
        await lookup.aclose()


@pytest.mark.parametrize(
    "bad",
    [{"page_size": 0}, {"page_size": 101}, {"days": 0}, {"max_pages": 0}, {"timeout_s": 0}],
)
def test_options_are_validated(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        BackfillOptions(plc_url="http://plc.invalid", **bad)
