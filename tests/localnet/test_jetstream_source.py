"""The Jetstream source end to end: real follows, posts and unfollows on the local PDS ->
our Jetstream v2 server -> JetstreamSource -> IngestLoop -> Pipeline -> a SQLite store."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from atproto import AsyncClient, models

from bot.pipeline import Pipeline
from bot.shared import SourceItem
from bot.sources.jetstream import JetstreamOptions, JetstreamSource
from bot.sources.jetstream_plan import FOLLOWS_CURSOR
from bot.store import Store
from bot.supervise import ErrorSink
from tests.localnet.conftest import AccountFactory
from tests.localnet.harness import Account, JetstreamInfo
from tests.localnet.ingest_bot import IngestBot
from tests.localnet.util import Clients, JetstreamControl, eventually, now_iso

pytestmark = pytest.mark.localnet


Bot = IngestBot[JetstreamSource]


def jetstream_bot(
    store: Store, options: JetstreamOptions, on_cursor_lost: Callable[[], None] | None = None
) -> Bot:
    def make(queue: asyncio.Queue[SourceItem], _: Pipeline, sink: ErrorSink) -> JetstreamSource:
        source = JetstreamSource(options, queue, store, sink)
        source.shared.on_cursor_lost = on_cursor_lost
        return source

    return IngestBot(store, options.bot_did, make)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path}/bot.db") as opened:
        await opened.migrate()
        yield opened


@pytest.fixture
async def bots() -> AsyncIterator[list[Bot]]:
    made: list[Bot] = []
    yield made
    for bot in made:
        await bot.abort()  # idempotent; a failed test must not leave connections


async def fresh(js: JetstreamControl, store: Store) -> None:
    """A new bot starts watching for followers from now (the server is shared by the suite)."""
    next_seq: int = (await js.stats())["nextSeq"]
    await store.set_cursor(FOLLOWS_CURSOR, next_seq - 1, 0)  # a cursor is the last seq handled


def options(jetstream: JetstreamInfo, bot: Account, **overrides: object) -> JetstreamOptions:
    base = JetstreamOptions(bot_did=bot.did, url=jetstream.ws_uri, checkpoint_s=0.2)
    return dataclasses.replace(base, **overrides)  # type: ignore[arg-type]


async def follow(client: AsyncClient, who: Account, subject: Account) -> str:
    made = await client.app.bsky.graph.follow.create(
        who.did, models.AppBskyGraphFollow.Record(subject=subject.did, created_at=now_iso())
    )
    return str(made.uri).rsplit("/", 1)[1]


async def post(client: AsyncClient, who: Account, text: str) -> None:
    await client.app.bsky.feed.post.create(
        who.did, models.AppBskyFeedPost.Record(text=text, created_at=now_iso())
    )


async def count_is(store: Store, did: str, want: int) -> bool:
    return await store.activity_count(did) == want


async def test_follow_post_unfollow_and_restart_from_cursor(
    jetstream: JetstreamInfo,
    make_account: AccountFactory,
    clients: Clients,
    store: Store,
    bots: list[Bot],
) -> None:
    js = JetstreamControl(jetstream.url)
    bot, person = make_account("bot"), make_account("person")
    pds = await clients.login(person)
    await fresh(js, store)
    running = await jetstream_bot(store, options(jetstream, bot)).start()
    bots.append(running)

    rkey = await follow(pds, person, bot)
    await eventually(lambda: store.outbox_rows(person.did), what="the welcome in the outbox")
    assert await store.load_opted_in() == {person.did: rkey}
    await post(pds, person, "hello")
    await eventually(lambda: count_is(store, person.did, 2), what="the follow and the post")

    await running.stop()
    await post(pds, person, "while the bot is down 1")
    await post(pds, person, "while the bot is down 2")
    restarted = await jetstream_bot(store, options(jetstream, bot)).start()
    bots.append(restarted)
    await eventually(lambda: count_is(store, person.did, 4), what="the two missed posts")
    # exactly those two arrived: the re-sent last event (inclusive cursor) was dropped, and
    # a marker post (same connection, so in order) shows nothing else was on its way
    await post(pds, person, "marker")
    await eventually(lambda: count_is(store, person.did, 5), what="the marker post")
    assert restarted.events == 3

    await pds.app.bsky.graph.follow.delete(person.did, rkey)
    await eventually(lambda: _gone(store, person.did), what="the opt-out to purge the person")
    assert await store.outbox_rows(person.did) == []
    await restarted.stop()


async def _gone(store: Store, did: str) -> bool:
    return await store.person(did) is None and await store.activity_count(did) == 0


async def test_opt_in_reconnects_the_shard_and_sees_the_new_person(
    jetstream: JetstreamInfo,
    make_account: AccountFactory,
    clients: Clients,
    store: Store,
    bots: list[Bot],
) -> None:
    js = JetstreamControl(jetstream.url)
    bot, first, second = make_account("bot"), make_account("first"), make_account("second")
    first_pds, second_pds = await clients.login(first), await clients.login(second)
    await fresh(js, store)
    # one bucket: both people share one shard, so the second opt-in reconnects it
    running = await jetstream_bot(store, options(jetstream, bot, max_connections=1)).start()
    bots.append(running)

    await follow(first_pds, first, bot)
    await eventually(lambda: running.source.shards, what="the first shard")
    await follow(second_pds, second, bot)
    await post(second_pds, second, "right after following")  # before the shard reconnects
    await eventually(lambda: count_is(store, second.did, 2), what="the second person's post")
    (shard,) = running.source.shards.values()
    assert shard.params["dids"] == sorted([first.did, second.did])
    await post(first_pds, first, "still seen after the reconnect")
    await eventually(lambda: count_is(store, first.did, 2), what="the first person's post")
    await running.stop()


async def test_past_the_shard_size_people_are_filtered_locally(
    jetstream: JetstreamInfo,
    make_account: AccountFactory,
    clients: Clients,
    store: Store,
    bots: list[Bot],
) -> None:
    js = JetstreamControl(jetstream.url)
    bot, first, second = make_account("bot"), make_account("first"), make_account("second")
    first_pds, second_pds = await clients.login(first), await clients.login(second)
    await fresh(js, store)
    # one bucket of at most one DID: the second opt-in moves both to the collection stream
    opts = options(jetstream, bot, max_connections=1, shard_size=1)
    running = await jetstream_bot(store, opts).start()
    bots.append(running)

    await follow(first_pds, first, bot)
    await eventually(lambda: running.source.shards, what="the first shard")
    await follow(second_pds, second, bot)
    await eventually(lambda: running.source.collections, what="the collection stream")
    assert running.source.shards == {}
    await post(second_pds, second, "seen through the collection stream")
    await post(first_pds, first, "also seen through the collection stream")
    await eventually(lambda: count_is(store, second.did, 2), what="the second person's post")
    await eventually(lambda: count_is(store, first.did, 2), what="the first person's post")
    await running.stop()


async def test_a_dropped_connection_resumes_without_a_gap(
    jetstream: JetstreamInfo,
    make_account: AccountFactory,
    clients: Clients,
    store: Store,
    bots: list[Bot],
) -> None:
    js = JetstreamControl(jetstream.url)
    bot, person = make_account("bot"), make_account("person")
    pds = await clients.login(person)
    await fresh(js, store)
    running = await jetstream_bot(store, options(jetstream, bot)).start()
    bots.append(running)
    await follow(pds, person, bot)
    await eventually(lambda: running.source.shards, what="the person's shard")
    await js.drop_all()  # ConsumerTooSlow: the SDK reconnects from its cursor
    await post(pds, person, "while reconnecting")
    await post(pds, person, "after")
    await eventually(lambda: count_is(store, person.did, 3), what="both posts")
    assert running.events == 3  # the follow and two posts, nothing twice
    await running.stop()


async def test_a_cursor_too_old_goes_live(
    jetstream: JetstreamInfo,
    make_account: AccountFactory,
    clients: Clients,
    store: Store,
    bots: list[Bot],
) -> None:
    # last in this file: retention is trimmed for the rest of the session
    js = JetstreamControl(jetstream.url)
    bot, person = make_account("bot"), make_account("person")
    pds = await clients.login(person)
    next_seq: int = (await js.stats())["nextSeq"]
    await js.trim(next_seq - 1)
    await store.set_cursor(FOLLOWS_CURSOR, 1, 0)
    lost: list[str] = []
    made = jetstream_bot(store, options(jetstream, bot), lambda: lost.append("reconcile now"))
    running = await made.start()
    bots.append(running)
    follows = running.source.follows
    assert follows is not None
    await eventually(lambda: follows.position.resume_cursor() is None, what="going live")
    assert lost, "the service was not told to reconcile the gap"
    await eventually(lambda: _subscribed(js), what="the live connection")
    await follow(pds, person, bot)
    await eventually(lambda: store.outbox_rows(person.did), what="the welcome")
    await running.stop()


async def _subscribed(js: JetstreamControl) -> bool:
    return bool((await js.stats())["subscribers"] >= 1)
