"""Backfill against the real local PLC + PDS: what a person wrote comes back as events, timed
by the TIDs the PDS minted; an unknown DID is `HistoryUnavailable`."""

from __future__ import annotations

import secrets
import time

import pytest
from atproto import AsyncClient, models

from bot.errors import HistoryUnavailable
from bot.events import ActivityKind, EngagementCreated, PostCreated
from bot.sources.backfill import Backfiller, BackfillOptions
from bot.sources.tid import ALPHABET, tid_time_us
from tests.localnet.conftest import AccountFactory
from tests.localnet.harness import Account, Network
from tests.localnet.util import Clients, now_iso

pytestmark = pytest.mark.localnet

SLACK_US = 5_000_000  # the PDS's clock and ours are the same machine's; TIDs are minted in-call


def rkey_of(uri: str) -> str:
    return uri.rsplit("/", 1)[1]


async def write(
    client: AsyncClient,
    account: Account,
    ref: models.ComAtprotoRepoStrongRef.Main,
) -> dict[str, ActivityKind]:
    """A post, a reply, a quote, a like and a repost by `account`; rkey -> kind."""
    post = models.AppBskyFeedPost.Record
    feed = client.app.bsky.feed
    made = {
        (await feed.post.create(account.did, post(text="a post", created_at=now_iso()))).uri:
            ActivityKind.POST,
        (await feed.post.create(account.did, post(
            text="a reply", created_at=now_iso(),
            reply=models.AppBskyFeedPost.ReplyRef(parent=ref, root=ref),
        ))).uri: ActivityKind.REPLY,
        (await feed.post.create(account.did, post(
            text="a quote", created_at=now_iso(),
            embed=models.AppBskyEmbedRecord.Main(record=ref),
        ))).uri: ActivityKind.QUOTE,
        (await feed.like.create(account.did, models.AppBskyFeedLike.Record(
            subject=ref, created_at=now_iso()))).uri: ActivityKind.LIKE,
        (await feed.repost.create(account.did, models.AppBskyFeedRepost.Record(
            subject=ref, created_at="2001-01-01T00:00:00Z"))).uri: ActivityKind.REPOST,
    }  # fmt: skip
    return {rkey_of(uri): kind for uri, kind in made.items()}


async def test_backfill_returns_what_the_person_wrote(
    localnet: Network, make_account: AccountFactory, clients: Clients
) -> None:
    person, other = make_account("bf"), make_account("other")
    other_client, client = await clients.login(other), await clients.login(person)
    target = await other_client.app.bsky.feed.post.create(
        other.did, models.AppBskyFeedPost.Record(text="something to reply to", created_at=now_iso())
    )
    ref = models.create_strong_ref(target)
    before_us = time.time_ns() // 1000
    written = await write(client, person, ref)
    after_us = time.time_ns() // 1000

    async with Backfiller(
        BackfillOptions(plc_url=localnet.plc_url, timeout_s=10, trusted_urls=(localnet.pds_url,))
    ) as backfiller:
        started = time.perf_counter()
        history = await backfiller.fetch(person.did, after_us + SLACK_US)
        first = time.perf_counter() - started
        started = time.perf_counter()
        await backfiller.fetch(person.did, after_us + SLACK_US)
        cached = time.perf_counter() - started
    print(
        f"\nbackfill latency: first fetch {first * 1000:.1f} ms (DID resolution included), "
        f"again {cached * 1000:.1f} ms; real TIDs: {sorted(written)}"
    )

    assert {e.rkey: e.kind for e in history.events} == written
    assert history.pds == localnet.pds_url.rstrip("/")
    assert (history.records, history.skipped) == (5, 0)
    for event in history.events:
        assert event.did == person.did
        assert event.time_us == tid_time_us(event.rkey)  # by the TID, not createdAt
        assert before_us - SLACK_US <= event.time_us <= after_us + SLACK_US
    by_kind = {e.kind: e for e in history.events}
    reply, quote = by_kind[ActivityKind.REPLY], by_kind[ActivityKind.QUOTE]
    assert isinstance(reply, PostCreated) and reply.reply_parent_did == other.did
    assert isinstance(quote, PostCreated) and quote.quote_did == other.did
    assert reply.record["text"] == "a reply"
    for kind in (ActivityKind.LIKE, ActivityKind.REPOST):
        engagement = by_kind[kind]
        assert isinstance(engagement, EngagementCreated) and engagement.subject_did == other.did
    assert [e.time_us for e in history.events] == sorted(e.time_us for e in history.events)


async def test_backfill_of_an_unknown_did_is_unavailable(localnet: Network) -> None:
    did = "did:plc:" + "".join(secrets.choice(ALPHABET) for _ in range(24))
    async with Backfiller(
        BackfillOptions(plc_url=localnet.plc_url, trusted_urls=(localnet.pds_url,))
    ) as backfiller:
        with pytest.raises(HistoryUnavailable) as caught:
            await backfiller.fetch(did, time.time_ns() // 1000)
    assert caught.value.did == did


async def test_one_record_is_read_from_the_persons_repo(
    localnet: Network, make_account: AccountFactory, clients: Clients
) -> None:
    """How reconciliation confirms a follow the AppView lists: the record itself, or None."""
    person, bot = make_account("rec"), make_account("bot")
    client = await clients.login(person)
    made = await client.app.bsky.graph.follow.create(
        person.did, models.AppBskyGraphFollow.Record(subject=bot.did, created_at=now_iso())
    )
    follow = "app.bsky.graph.follow"
    async with Backfiller(
        BackfillOptions(plc_url=localnet.plc_url, trusted_urls=(localnet.pds_url,))
    ) as backfiller:
        value = await backfiller.record(person.did, follow, rkey_of(made.uri))
        assert value is not None and value["subject"] == bot.did
        await client.app.bsky.graph.follow.delete(person.did, rkey_of(made.uri))
        assert await backfiller.record(person.did, follow, rkey_of(made.uri)) is None
        with pytest.raises(HistoryUnavailable):
            await backfiller.record("did:plc:" + "a" * 24, follow, rkey_of(made.uri))
