"""Connection faults and liveness, for both firehose sources, against the real local network.

A `TcpProxy` sits between the source and its server (relay: the PDS's `subscribeRepos`;
Jetstream: our Jetstream server). Cut connections, black-holed ones (a dead NAT entry) and
ones that carry garbage must be noticed and resumed without a gap or a duplicate; a silent
but healthy connection must be kept (liveness is ping/pong, not the event rate). A block of
the bot opts out.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from atproto import AsyncClient, models

from bot.events import PostCreated
from bot.sources.jetstream import JetstreamOptions, JetstreamSource
from bot.sources.relay import RelayOptions, RelaySource
from bot.store import Store
from tests.localnet.conftest import AccountFactory
from tests.localnet.harness import Account, JetstreamInfo, Network
from tests.localnet.ingest_bot import IngestBot, Source
from tests.localnet.tcp_proxy import TcpProxy
from tests.localnet.test_jetstream_source import fresh
from tests.localnet.util import Clients, JetstreamControl, eventually, now_iso

pytestmark = pytest.mark.localnet

FAST_PINGS: dict[str, Any] = {"ping_interval_s": 1.0, "ping_timeout_s": 1.0}


@dataclass
class Rig:
    """One bot account, its store, and either source reaching its server through a proxy."""

    kind: str  # "relay" | "jetstream"
    store: Store
    proxy: TcpProxy
    bot: Account
    upstream_url: str  # the server's URL without the proxy
    jetstream: JetstreamInfo | None = None
    bots: list[IngestBot[Any]] = field(default_factory=list)

    async def start(self, **options: Any) -> IngestBot[Any]:
        """A bot watching from now on, connected through the proxy; `options` override."""
        url = self.proxy.url_for(self.upstream_url)
        store, bot_did = self.store, self.bot.did
        make: Any
        if self.kind == "relay":
            # from the PDS's first event: nothing is missed while the socket connects
            await store.set_cursor("relay", 0, 0)
            relay = RelayOptions(base_uri=url, cursor_every_s=0.1, **options)
            make = lambda q, p, s: RelaySource(q, store, bot_did, p.opted, s, relay)  # noqa: E731
        else:
            assert self.jetstream is not None
            await fresh(JetstreamControl(self.jetstream.url), store)
            js = JetstreamOptions(bot_did=bot_did, url=url, checkpoint_s=0.2, **options)
            make = lambda q, p, s: JetstreamSource(js, q, store, s)  # noqa: E731
        running: IngestBot[Any] = IngestBot(store, bot_did, make)
        self.bots.append(running)
        return await running.start()

    def dials(self, running: IngestBot[Any]) -> int:
        """Websocket connections the source has attempted (SDK reconnects included)."""
        source: Source = running.source
        if isinstance(source, RelaySource):
            return source.stats.dials
        assert isinstance(source, JetstreamSource)
        return sum(source.dials.values())


@pytest.fixture(params=["relay", "jetstream"])
async def rig(
    request: pytest.FixtureRequest, localnet: Network, make_account: AccountFactory, tmp_path: Path
) -> AsyncIterator[Rig]:
    jetstream: JetstreamInfo | None = None
    upstream = localnet.firehose_uri
    if request.param == "jetstream":
        jetstream = request.getfixturevalue("jetstream")
        assert jetstream is not None
        upstream = jetstream.ws_uri
    async with (
        Store.open(f"sqlite+aiosqlite:///{tmp_path}/bot.db") as store,
        TcpProxy.in_front_of(upstream) as proxy,
    ):
        await store.migrate()
        made = Rig(request.param, store, proxy, make_account("bot"), upstream, jetstream)
        try:
            yield made
        finally:
            for running in made.bots:
                await running.abort()  # a failed test must not leave connections behind


# -- the person's side ------------------------------------------------------------------------


async def follow(client: AsyncClient, who: Account, subject: Account) -> None:
    record = models.AppBskyGraphFollow.Record(subject=subject.did, created_at=now_iso())
    await client.app.bsky.graph.follow.create(who.did, record)


async def block(client: AsyncClient, who: Account, subject: Account) -> None:
    record = models.AppBskyGraphBlock.Record(subject=subject.did, created_at=now_iso())
    await client.app.bsky.graph.block.create(who.did, record)


async def post(client: AsyncClient, who: Account, text: str) -> str:
    record = models.AppBskyFeedPost.Record(text=text, created_at=now_iso())
    made = await client.app.bsky.feed.post.create(who.did, record)
    return str(made.uri).rsplit("/", 1)[1]


async def opted_in(rig: Rig, client: AsyncClient, person: Account) -> None:
    """The person follows the bot; returns once the opt-in is committed and being watched."""
    await follow(client, person, rig.bot)
    await eventually(lambda: rig.store.outbox_rows(person.did), what="the welcome")


# -- checks -----------------------------------------------------------------------------------


async def has_count(store: Store, did: str, want: int) -> bool:
    count = await store.activity_count(did)
    assert count <= want, f"{count} activities, expected {want}: something came twice"
    return count == want


def posts_seen(running: IngestBot[Any], did: str) -> list[str]:
    return [e.rkey for e in running.queue.events if isinstance(e, PostCreated) and e.did == did]


def watching(running: IngestBot[Any], did: str) -> bool:
    """The opt-in is applied: every connection the source wants is open and one carries
    `did` (for Jetstream, the shard or the collection stream the opt-in put them on)."""
    source: Source = running.source
    if isinstance(source, RelaySource):
        return did in source.filter.opted and source.transport().connected
    assert isinstance(source, JetstreamSource)
    if not any(did in dids for dids in source.layout.members.values()):
        return False  # the opt-in has not reached the source yet
    if not all(stream.connected for stream in source.streams()):
        return False  # a shard is (re)connecting
    carriers = [shard for shard in source.shards.values() if did in shard.params["dids"]]
    collections = source.collections
    return bool(carriers) or (collections is not None and collections.wants(did))


async def assert_exactly_once(running: IngestBot[Any], did: str, posts: list[str]) -> None:
    """Every post once, in order; the follow and the posts are all the activity, and the
    per-person aggregates count each of them once."""
    await eventually(lambda: has_count(running.store, did, 1 + len(posts)), what="every post")
    assert posts_seen(running, did) == posts
    person = await running.store.person(did)
    assert person is not None and sum(person.hour_counts) == 1 + len(posts)


# -- the tests --------------------------------------------------------------------------------


async def inflict(proxy: TcpProxy, fault: str) -> int:
    """The connection fault by name; returns how many open connections it hit."""
    if fault == "cut":
        return await proxy.cut()  # reset (RST): the client notices at once
    if fault == "stall":
        # a black hole: no bytes, no FIN, no RST. Only the unanswered ping can tell; new
        # connections (the reconnect) pass, as after a NAT entry died
        return proxy.stall()
    # bytes no websocket peer may send, wherever they land in the stream: the client must
    # drop the connection and resume from its cursor (a frame mangled by them is re-sent)
    return proxy.corrupt()


@pytest.mark.parametrize("fault", ["cut", "stall", "garbage"])
async def test_a_broken_connection_is_resumed_without_a_gap(
    rig: Rig, make_account: AccountFactory, clients: Clients, fault: str
) -> None:
    person = make_account("person")
    client = await clients.login(person)
    running = await rig.start(**({} if fault == "cut" else FAST_PINGS))
    await opted_in(rig, client, person)
    posts = [await post(client, person, f"before the {fault}")]
    await eventually(lambda: has_count(rig.store, person.did, 2), what="the first post")
    dials = rig.dials(running)

    assert await inflict(rig.proxy, fault) >= 1
    posts += [await post(client, person, f"after the {fault} {n}") for n in range(3)]
    await assert_exactly_once(running, person.did, posts)
    assert rig.dials(running) > dials  # it did reconnect
    posts.append(await post(client, person, "marker"))  # nothing else was on its way
    await assert_exactly_once(running, person.did, posts)
    await running.stop()


async def test_a_silent_healthy_connection_is_kept(
    rig: Rig, make_account: AccountFactory, clients: Clients
) -> None:
    person = make_account("person")
    client = await clients.login(person)
    running = await rig.start(**FAST_PINGS)
    await opted_in(rig, client, person)
    await eventually(lambda: has_count(rig.store, person.did, 1), what="the follow")
    await eventually(lambda: watching(running, person.did), what="the person's connection")
    dials, accepted, sent = rig.dials(running), rig.proxy.accepted, rig.proxy.bytes_up

    await asyncio.sleep(6.0)  # nothing happens for the watched DIDs (six ping intervals)
    assert rig.dials(running) == dials
    assert rig.proxy.accepted == accepted and rig.proxy.cut_count == 0
    assert rig.proxy.bytes_up > sent  # the pings did flow: the silence was judged by them
    await assert_exactly_once(running, person.did, [await post(client, person, "still here")])
    await running.stop()


async def test_a_block_of_the_bot_opts_out_and_forgets(
    rig: Rig, make_account: AccountFactory, clients: Clients
) -> None:
    person = make_account("person")
    client = await clients.login(person)
    running = await rig.start()
    await opted_in(rig, client, person)
    await post(client, person, "hello")
    await eventually(lambda: has_count(rig.store, person.did, 2), what="the post")

    await block(client, person, rig.bot)
    await eventually(lambda: forgotten(rig.store, person.did), what="the opt-out purge")
    assert await rig.store.outbox_rows(person.did) == []
    assert person.did not in await rig.store.load_opted_in()
    await running.stop()


async def forgotten(store: Store, did: str) -> bool:
    return await store.person(did) is None and await store.activity_count(did) == 0
