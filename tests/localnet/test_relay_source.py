"""The relay source against the local PDS's real `subscribeRepos`: RelaySource -> IngestLoop ->
Pipeline -> SQLite, follow/activity/unfollow, and a restart from the saved cursor."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from atproto import AsyncClient, models

from bot.classify import PromoVerdict
from bot.clock import SystemClock
from bot.events import PostCreated
from bot.ingest import IngestLoop
from bot.pipeline import Pipeline
from bot.policy import PolicySettings
from bot.sources.relay import RelayOptions, RelaySource
from bot.store import Store
from bot.supervise import ErrorSink
from tests.localnet.conftest import AccountFactory
from tests.localnet.harness import Account, Network
from tests.localnet.ingest_bot import TapQueue
from tests.localnet.util import Clients, eventually, now_iso

pytestmark = pytest.mark.localnet


@dataclass
class Harness:
    store: Store
    pipeline: Pipeline
    network: Network
    bot_did: str
    errors: ErrorSink = field(default_factory=ErrorSink)
    queue: TapQueue = field(default_factory=TapQueue)
    source: RelaySource | None = None
    loop_task: asyncio.Task[None] | None = None

    async def start(self) -> RelaySource:
        """A fresh source (as after a restart) resuming from the stored cursor."""
        self.queue = TapQueue()
        options = RelayOptions(base_uri=self.network.firehose_uri, cursor_every_s=0.1)
        opted = self.pipeline.opted
        source = RelaySource(self.queue, self.store, self.bot_did, opted, self.errors, options)
        loop = IngestLoop(
            self.pipeline, self.queue, SystemClock(), max_wait_s=0.05, on_flushed=source.on_flushed
        )
        self.loop_task = asyncio.create_task(loop.run())
        await source.start()
        self.source = source
        return source

    async def stop(self) -> None:
        if self.source is not None:
            await self.source.stop()
        if self.loop_task is not None:
            async with asyncio.timeout(10):
                await self.queue.join()  # everything the source queued is committed
            self.loop_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.loop_task
        self.source = self.loop_task = None


@pytest.fixture
def bot(make_account: AccountFactory) -> Account:
    return make_account("relaybot")


@pytest.fixture
async def harness(localnet: Network, bot: Account, tmp_path: Path) -> AsyncIterator[Harness]:
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path}/relay.db") as store:
        await store.migrate()
        pipeline = Pipeline(store, bot.did, lambda r: PromoVerdict(0.0, False), PolicySettings())
        await pipeline.start()
        # Replay the PDS from its start: nothing is missed while the first socket connects.
        await pipeline.flush(SystemClock().now_us(), {"relay": 0})
        made = Harness(store, pipeline, localnet, bot.did)
        try:
            yield made
        finally:
            await made.stop()


def rkey_of(uri: str) -> str:
    return uri.rsplit("/", 1)[1]


async def write_post(client: AsyncClient, account: Account, text: str) -> str:
    record = models.AppBskyFeedPost.Record(text=text, created_at=now_iso())
    return rkey_of((await client.app.bsky.feed.post.create(account.did, record)).uri)


async def test_relay_source_end_to_end_with_restart(
    harness: Harness, bot: Account, make_account: AccountFactory, clients: Clients
) -> None:
    person = make_account("person")
    bot_client, client = await clients.login(bot), await clients.login(person)
    store = harness.store
    await harness.start()

    follow = models.AppBskyGraphFollow.Record(subject=bot.did, created_at=now_iso())
    follow_uri = (await client.app.bsky.graph.follow.create(person.did, follow)).uri
    await eventually(lambda: _opted(store, person.did), what="the opt-in")
    assert [row["kind"] for row in await store.outbox_rows(person.did)] == ["welcome"]

    bot_post = await bot_client.app.bsky.feed.post.create(
        bot.did, models.AppBskyFeedPost.Record(text="hello from the bot", created_at=now_iso())
    )
    ref = models.create_strong_ref(bot_post)
    await write_post(client, person, "my first post")
    await client.app.bsky.feed.like.create(
        person.did, models.AppBskyFeedLike.Record(subject=ref, created_at=now_iso())
    )
    await client.app.bsky.feed.repost.create(
        person.did, models.AppBskyFeedRepost.Record(subject=ref, created_at=now_iso())
    )
    await eventually(lambda: _count(store, person.did, 4), what="follow, post, like, repost")

    # Stop, write while down, restart from the saved cursor: exactly the two posts arrive.
    await harness.stop()
    saved = await store.get_cursor("relay")
    assert saved is not None and saved > 0
    missed = [await write_post(client, person, f"while down {n}") for n in (1, 2)]
    await harness.start()
    marker = await write_post(client, person, "after the restart")
    await eventually(lambda: _count(store, person.did, 7), what="the missed posts and the marker")
    posts = [e.rkey for e in harness.queue.events if isinstance(e, PostCreated)]
    assert posts == [*missed, marker]  # in order, once each: no gap, no duplicate

    await client.app.bsky.graph.follow.delete(person.did, rkey_of(follow_uri))
    await eventually(lambda: _purged(store, person.did), what="the opt-out purge")
    source = harness.source
    await harness.stop()
    assert harness.errors.total == 0, harness.errors.last
    assert source is not None and not source.stats.cursor_outdated


async def _opted(store: Store, did: str) -> bool:
    return did in await store.load_opted_in()


async def _count(store: Store, did: str, expected: int) -> bool:
    count = await store.activity_count(did)
    assert count <= expected, f"{count} activities, expected {expected}"
    return count == expected


async def _purged(store: Store, did: str) -> bool:
    return did not in await store.load_opted_in() and await store.activity_count(did) == 0


async def test_outdated_cursor_reconnects_live(
    harness: Harness, bot: Account, make_account: AccountFactory, clients: Clients
) -> None:
    """The PDS keeps its whole history, so the `#info OutdatedCursor` is injected in front of
    the first real frame; the real SDK client is then closed from inside its callback."""
    person = make_account("person")
    client = await clients.login(person)
    harness.pipeline.opted[person.did] = "not-a-real-follow"  # watched without a follow
    source = await harness.start()
    real_on_frame, injected = source.on_frame, []

    async def on_frame(frame: object) -> None:
        if not injected:
            injected.append(frame)
            await source._on_info({"name": "OutdatedCursor", "message": "injected"})
            return
        await real_on_frame(frame)

    source.on_frame = on_frame  # type: ignore[method-assign]
    await eventually(lambda: source.stats.connections >= 2, what="the live reconnection")
    assert source.stats.cursor_outdated
    rkey = await write_post(client, person, "live again")
    await eventually(
        lambda: any(getattr(e, "rkey", None) == rkey for e in harness.queue.events),
        what="a post after going live",
    )
    assert harness.errors.total == 0, harness.errors.last


async def test_a_cursor_ahead_of_the_pds_goes_live(
    harness: Harness, make_account: AccountFactory, clients: Clients
) -> None:
    """A cursor from another relay: the PDS answers with a `FutureCursor` error frame."""
    person = make_account("person")
    client = await clients.login(person)
    harness.pipeline.opted[person.did] = "not-a-real-follow"
    await harness.pipeline.flush(SystemClock().now_us(), {"relay": 10**12})
    source = await harness.start()
    await eventually(lambda: source.stats.cursor_outdated, what="the FutureCursor error")
    rkey = await write_post(client, person, "live again")
    await eventually(
        lambda: any(getattr(e, "rkey", None) == rkey for e in harness.queue.events),
        what="a post after going live",
    )
    assert harness.errors.total == 0, harness.errors.last
