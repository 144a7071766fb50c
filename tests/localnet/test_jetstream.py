"""Our Jetstream v2 server with the unmodified SDK AsyncJetstreamClient."""

from __future__ import annotations

import asyncio
import base64
import os
import socket
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from atproto import AsyncClient, models
from atproto_jetstream.exceptions import JetstreamCursorTooOldError

from tests.localnet.conftest import AccountFactory
from tests.localnet.harness import Account, JetstreamInfo
from tests.localnet.util import (
    Clients,
    JetstreamControl,
    JetstreamRecorder,
    eventually,
    now_iso,
)

pytestmark = pytest.mark.localnet

FOLLOW = "app.bsky.graph.follow"
POST = "app.bsky.feed.post"


@pytest.fixture
async def js(jetstream: JetstreamInfo) -> AsyncIterator[JetstreamControl]:
    control = JetstreamControl(jetstream.url)
    yield control
    await control.set_buffer(10_000)


@pytest.fixture
async def recorders() -> AsyncIterator[list[JetstreamRecorder]]:
    made: list[JetstreamRecorder] = []
    try:
        yield made
    finally:
        for rec in made:
            await rec.stop()


async def follow(client: AsyncClient, who: Account, subject: Account) -> str:
    made = await client.app.bsky.graph.follow.create(
        who.did, models.AppBskyGraphFollow.Record(subject=subject.did, created_at=now_iso())
    )
    return made.uri.rsplit("/", 1)[1]


async def post(client: AsyncClient, who: Account, text: str) -> str:
    made = await client.app.bsky.feed.post.create(
        who.did, models.AppBskyFeedPost.Record(text=text, created_at=now_iso())
    )
    return made.uri.rsplit("/", 1)[1]


async def caught_up(js: JetstreamControl, clients: Clients, who: Account) -> int:
    """Write a marker post and wait until the server has it: returns its next seq after."""
    client = await clients.login(who)
    before = (await js.stats())["nextSeq"]
    await post(client, who, "marker")
    await eventually(
        lambda: _next_seq_above(js, before), what="the Jetstream server to ingest a marker"
    )
    next_seq: int = (await js.stats())["nextSeq"]
    return next_seq


async def _next_seq_above(js: JetstreamControl, seq: int) -> bool:
    return bool((await js.stats())["nextSeq"] > seq)


def commits(rec: JetstreamRecorder) -> list[tuple[str, str, str, str]]:
    return [(m.did, m.operation, m.collection, m.rkey) for m in rec.events("commit")]


async def test_filtered_events_and_cursor_resume(
    jetstream: JetstreamInfo,
    js: JetstreamControl,
    make_account: AccountFactory,
    clients: Clients,
    recorders: list[JetstreamRecorder],
) -> None:
    alice, bob, carol = make_account("alice"), make_account("bob"), make_account("carol")
    alice_pds, bob_pds = await clients.login(alice), await clients.login(bob)
    start = (await js.stats())["nextSeq"]

    params = {"dids": [alice.did], "collections": [FOLLOW], "cursor": start}
    first = JetstreamRecorder(jetstream.ws_uri, params).start()
    recorders.append(first)
    rkey_bob = await follow(alice_pds, alice, bob)
    await post(alice_pds, alice, "not a follow: filtered out by collection")
    await follow(bob_pds, bob, alice)  # not alice's repo: filtered out by did
    await alice_pds.app.bsky.graph.follow.delete(alice.did, rkey_bob)  # an unfollow
    want = [
        (alice.did, "create", FOLLOW, rkey_bob),
        (alice.did, "delete", FOLLOW, rkey_bob),
    ]
    await eventually(lambda: len(commits(first)) >= 2, what="alice's two follow events")
    await caught_up(js, clients, bob)
    assert commits(first) == want
    created, deleted = first.events("commit")
    assert created.record["subject"] == bob.did and created.cid
    assert deleted.record is None and deleted.cid is None
    assert first.client.compressed is False  # no zstd dictionary here: plain frames
    cursor = first.client.cursor
    assert cursor == deleted.seq
    await first.stop()

    # While nobody listens: one more follow and a post.
    rkey_carol = await follow(alice_pds, alice, carol)
    await post(alice_pds, alice, "filtered out")

    resumed = JetstreamRecorder(jetstream.ws_uri, {**params, "cursor": cursor}).start()
    recorders.append(resumed)
    await eventually(lambda: len(commits(resumed)) >= 2, what="the resumed events")
    await caught_up(js, clients, bob)
    # Inclusive cursor: the last event seen is sent again, then exactly the missed one.
    assert commits(resumed) == [want[1], (alice.did, "create", FOLLOW, rkey_carol)]
    assert resumed.events("commit")[0].seq == cursor


async def test_kinds_and_collection_prefix_filters(
    jetstream: JetstreamInfo,
    js: JetstreamControl,
    make_account: AccountFactory,
    clients: Clients,
    recorders: list[JetstreamRecorder],
) -> None:
    start = (await js.stats())["nextSeq"]
    dave = make_account("dave")  # account creation: identity (+ account) events
    erin = make_account("erin")
    dave_pds = await clients.login(dave)
    await follow(dave_pds, dave, erin)
    rkey = await post(dave_pds, dave, "a post")

    identity = JetstreamRecorder(
        jetstream.ws_uri, {"kinds": ["identity", "account"], "dids": [dave.did], "cursor": start}
    ).start()
    posts = JetstreamRecorder(
        jetstream.ws_uri,
        {"kinds": ["commit"], "collections": ["app.bsky.feed.*"], "cursor": start},
    ).start()
    recorders.extend([identity, posts])
    await eventually(lambda: identity.messages, what="dave's identity/account events")
    await eventually(lambda: posts.messages, what="dave's post")
    await caught_up(js, clients, erin)
    kinds = {m.py_type.rsplit("#", 1)[1] for m in identity.messages}
    assert kinds <= {"identity", "account"} and "identity" in kinds
    assert {m.did for m in identity.messages} == {dave.did}
    ident = identity.events("identity")[0]
    assert ident.identity.did == dave.did and ident.identity.handle == dave.handle
    assert [(m.did, m.collection, m.rkey) for m in posts.messages if m.did == dave.did] == [
        (dave.did, POST, rkey)
    ]
    assert all(m.collection.startswith("app.bsky.feed.") for m in posts.messages)


async def test_invalid_filters_are_refused_before_the_upgrade(jetstream: JetstreamInfo) -> None:
    url = f"{jetstream.url}/xrpc/network.bsky.jetstream.subscribeEvents"
    async with httpx.AsyncClient(timeout=10) as http:
        for params, error in [
            ({"kinds": "nonsense"}, "InvalidRequest"),
            ({"kinds": "identity", "collections": POST}, "InvalidRequest"),
            ({"collections": "not a nsid"}, "InvalidRequest"),
            ({"zstdDictionary": "1"}, "UnknownZstdDictionary"),
        ]:
            r = await http.get(url, params=params)
            assert (r.status_code, r.json()["error"]) == (400, error), params
        r = await http.get(f"{jetstream.url}/xrpc/network.bsky.jetstream.getZstdDictionary")
        assert r.status_code == 501


async def test_timestamp_cursor_and_info_frames(
    jetstream: JetstreamInfo,
    js: JetstreamControl,
    make_account: AccountFactory,
    clients: Clients,
    recorders: list[JetstreamRecorder],
) -> None:
    frank, gina, ivan = make_account("frank"), make_account("gina"), make_account("ivan")
    frank_pds = await clients.login(frank)
    # (Distinct subjects: this PDS replaces a second follow of the same account, deleting the
    # first in the same commit.)
    await follow(frank_pds, frank, ivan)  # before the timestamp: not replayed
    await caught_up(js, clients, frank)
    since_us = int(time.time() * 1_000_000)
    rkey = await follow(frank_pds, frank, gina)

    by_time = JetstreamRecorder(
        jetstream.ws_uri, {"dids": [frank.did], "collections": [FOLLOW], "cursor": since_us}
    ).start()
    recorders.append(by_time)
    await eventually(lambda: by_time.events("commit"), what="the follow after the timestamp")
    await caught_up(js, clients, gina)
    assert commits(by_time) == [(frank.did, "create", FOLLOW, rkey)]
    assert not by_time.events("info")

    # A seq beyond the next one: #info FutureCursor, then the live tip.
    future = (await js.stats())["nextSeq"] + 1000
    ahead = JetstreamRecorder(jetstream.ws_uri, {"dids": [frank.did], "cursor": future}).start()
    # A timestamp older than everything retained: #info OutdatedCursor, then from the floor.
    outdated = JetstreamRecorder(
        jetstream.ws_uri, {"dids": [frank.did], "collections": [FOLLOW], "cursor": 10**15}
    ).start()
    recorders.extend([ahead, outdated])
    await eventually(lambda: ahead.events("info"), what="#info FutureCursor")
    await eventually(lambda: len(outdated.events("commit")) >= 2, what="the clamped replay")
    assert [m.name for m in ahead.events("info")] == ["FutureCursor"]
    assert [m.name for m in outdated.events("info")] == ["OutdatedCursor"]
    assert outdated.messages[0].py_type.endswith("#info")  # sent first
    assert len(outdated.events("commit")) == 2

    await eventually(lambda: _subscribed(js, 3), what="the live subscriber")
    live_rkey = await post(frank_pds, frank, "live")
    await eventually(lambda: ahead.events("commit"), what="a live event after FutureCursor")
    assert [m.rkey for m in ahead.events("commit")] == [live_rkey]


async def _subscribed(js: JetstreamControl, n: int) -> bool:
    return bool((await js.stats())["subscribers"] >= n)


async def test_cursor_too_old(
    jetstream: JetstreamInfo, js: JetstreamControl, make_account: AccountFactory, clients: Clients
) -> None:
    who = make_account("old")
    floor = await caught_up(js, clients, who) - 1
    stats = await js.trim(floor)  # as if retention had expired everything before
    assert stats["floorSeq"] == floor
    too_old = JetstreamRecorder(jetstream.ws_uri, {"cursor": floor - 1}).start()
    try:
        with pytest.raises(JetstreamCursorTooOldError):
            await asyncio.wait_for(too_old.task, 30)
    finally:
        too_old.task.cancel()
        await too_old.stop()
    # At the floor is fine.
    ok = JetstreamRecorder(jetstream.ws_uri, {"cursor": floor}).start()
    try:
        await eventually(lambda: ok.messages, what="the event at the floor")
        assert ok.messages[0].seq == floor
    finally:
        await ok.stop()


async def test_slow_consumer_is_dropped(
    jetstream: JetstreamInfo, js: JetstreamControl, make_account: AccountFactory, clients: Clients
) -> None:
    """A consumer that stops reading is dropped once its live queue overflows.

    The consumer is a bare socket that completes the websocket handshake and then reads
    nothing: a websocket library keeps reading into its own buffers, and the kernel may
    buffer megabytes for it, so the SDK client cannot be stalled quickly.
    """
    hank = make_account("hank")
    pds = await clients.login(hank)
    await js.set_buffer(2)
    stats = await js.stats()
    loop = asyncio.get_running_loop()
    port = int(jetstream.url.rsplit(":", 1)[1])
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.setblocking(False)
    try:
        await loop.sock_connect(sock, ("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        handshake = (
            f"GET /xrpc/network.bsky.jetstream.subscribeEvents?dids={hank.did} HTTP/1.1\r\n"
            f"Host: localhost:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            "Sec-WebSocket-Protocol: xrpc.v1.json\r\n\r\n"
        )
        await loop.sock_sendall(sock, handshake.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += await loop.sock_recv(sock, 1)  # byte by byte: read nothing beyond it
        assert head.startswith(b"HTTP/1.1 101")
        await eventually(lambda: _subscribed(js, stats["subscribers"] + 1), what="subscribed")
        for i in range(200):
            await pds.com.atproto.repo.create_record(
                models.ComAtprotoRepoCreateRecord.Data(
                    repo=hank.did,
                    collection="com.example.nudgebot.bulk",
                    record={"$type": "com.example.nudgebot.bulk", "i": i, "pad": "x" * 20_000},
                    validate=False,
                )
            )
            if (await js.stats())["dropped"] > stats["dropped"]:
                break
        else:
            pytest.fail("the server never dropped the consumer that stopped reading")
        # Reading again, the consumer finds the error frame after what was buffered.
        received = b""
        async with asyncio.timeout(30):
            while chunk := await loop.sock_recv(sock, 1 << 16):
                received += chunk
        assert b'{"$type": "error", "error": "ConsumerTooSlow"' in received
    finally:
        sock.close()


async def test_sdk_client_recovers_from_consumer_too_slow(
    jetstream: JetstreamInfo,
    js: JetstreamControl,
    make_account: AccountFactory,
    clients: Clients,
    recorders: list[JetstreamRecorder],
) -> None:
    """Dropped with ConsumerTooSlow, the SDK client reconnects with its cursor: no gap, no dup."""
    ivy = make_account("ivy")
    pds = await clients.login(ivy)
    start = (await js.stats())["nextSeq"]
    rec = JetstreamRecorder(jetstream.ws_uri, {"dids": [ivy.did], "cursor": start}).start()
    recorders.append(rec)
    written = [await post(pds, ivy, f"before {i}") for i in range(3)]
    await eventually(lambda: len(rec.events("commit")) >= 3, what="the first posts")
    assert await js.drop_all() >= 1
    written += [await post(pds, ivy, f"after {i}") for i in range(3)]
    await eventually(lambda: len(rec.events("commit")) >= 6, what="the posts after the drop")
    await caught_up(js, clients, ivy)
    got = rec.events("commit")
    assert [m.rkey for m in got if m.collection == POST][:6] == written
    seqs = [m.seq for m in got]
    assert seqs == sorted(set(seqs))
