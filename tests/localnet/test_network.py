"""The light local network (PLC + PDS) with the real SDK: login, records, firehose + resume."""

from __future__ import annotations

import pytest
from atproto import models
from atproto_client.exceptions import UnauthorizedError

from tests.localnet.conftest import AccountFactory
from tests.localnet.harness import Network
from tests.localnet.util import Clients, FirehoseRecorder, eventually, now_iso

pytestmark = pytest.mark.localnet


async def test_login_with_app_password(make_account: AccountFactory, clients: Clients) -> None:
    account = make_account("login")
    client = await clients.login(account)
    assert client.me is None  # no AppView lookup was made
    session = client._session  # the SDK keeps it here; export is the public way
    assert session is not None and session.did == account.did
    exported = client.export_session_string()
    assert account.did in exported

    # The same session string logs in again without a password.
    again = clients.new(account.pds_url)
    await again.login(session_string=exported, fetch_bsky_profile=False)
    described = await again.com.atproto.server.get_session()
    assert described.did == account.did and described.handle == account.handle


async def test_wrong_password_is_rejected(make_account: AccountFactory, clients: Clients) -> None:
    account = make_account("badpw")
    client = clients.new(account.pds_url)
    with pytest.raises(UnauthorizedError):
        await client.login(account.handle, "not-the-password", fetch_bsky_profile=False)


async def test_records_written_listed_and_deleted(
    make_account: AccountFactory, clients: Clients
) -> None:
    alice, bob = make_account("alice"), make_account("bob")
    client = await clients.login(alice)

    post = await client.app.bsky.feed.post.create(
        alice.did, models.AppBskyFeedPost.Record(text="hello local network", created_at=now_iso())
    )
    follow = await client.app.bsky.graph.follow.create(
        alice.did, models.AppBskyGraphFollow.Record(subject=bob.did, created_at=now_iso())
    )
    assert post.uri.startswith(f"at://{alice.did}/app.bsky.feed.post/")

    posts = await client.app.bsky.feed.post.list(alice.did)
    assert [p.text for p in posts.records.values()] == ["hello local network"]
    follows = await client.app.bsky.graph.follow.list(alice.did)
    assert [f.subject for f in follows.records.values()] == [bob.did]

    rkey = follow.uri.rsplit("/", 1)[1]
    await client.app.bsky.graph.follow.delete(alice.did, rkey)
    follows = await client.app.bsky.graph.follow.list(alice.did)
    assert follows.records == {}


async def test_firehose_commits_and_cursor_resume(
    localnet: Network, make_account: AccountFactory, clients: Clients
) -> None:
    alice, bob, carol = make_account("alice"), make_account("bob"), make_account("carol")
    client = await clients.login(alice)

    def follow_record(did: str) -> models.AppBskyGraphFollow.Record:
        return models.AppBskyGraphFollow.Record(subject=did, created_at=now_iso())

    # cursor=0 replays from the start, so nothing is missed while the socket connects.
    first = FirehoseRecorder(localnet.firehose_uri, cursor=0).start()
    try:
        follow_bob = await client.app.bsky.graph.follow.create(alice.did, follow_record(bob.did))
        rkey_bob = follow_bob.uri.rsplit("/", 1)[1]
        seen = await eventually(lambda: first.of(alice.did), what="alice's first commit")
    finally:
        await first.stop()
    assert seen[0].ops == (("create", f"app.bsky.graph.follow/{rkey_bob}"),)
    cursor = seen[-1].seq

    # While nobody listens: a follow, a post and an unfollow.
    follow_carol = await client.app.bsky.graph.follow.create(alice.did, follow_record(carol.did))
    rkey_carol = follow_carol.uri.rsplit("/", 1)[1]
    post = await client.app.bsky.feed.post.create(
        alice.did, models.AppBskyFeedPost.Record(text="while you were away", created_at=now_iso())
    )
    rkey_post = post.uri.rsplit("/", 1)[1]
    await client.app.bsky.graph.follow.delete(alice.did, rkey_bob)
    missed = [
        (("create", f"app.bsky.graph.follow/{rkey_carol}"),),
        (("create", f"app.bsky.feed.post/{rkey_post}"),),
        (("delete", f"app.bsky.graph.follow/{rkey_bob}"),),  # an unfollow: rkey only
    ]

    resumed = FirehoseRecorder(localnet.firehose_uri, cursor=cursor).start()
    try:
        # A marker written after reconnecting closes the window: once it is seen, every
        # replayed commit before it has been delivered too.
        marker = await client.app.bsky.feed.post.create(
            alice.did, models.AppBskyFeedPost.Record(text="marker", created_at=now_iso())
        )
        marker_path = f"app.bsky.feed.post/{marker.uri.rsplit('/', 1)[1]}"
        await eventually(
            lambda: any(c.ops == (("create", marker_path),) for c in resumed.of(alice.did)),
            what="the marker commit",
        )
    finally:
        await resumed.stop()

    assert all(c.seq > cursor for c in resumed.commits), "resume must not repeat old commits"
    got = [c.ops for c in resumed.of(alice.did)]
    assert got == [*missed, (("create", marker_path),)]
    seqs = [c.seq for c in resumed.commits]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
