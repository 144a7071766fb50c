"""The network with the AppView (TestNetwork: PostgreSQL + Redis), through the PDS."""

from __future__ import annotations

import pytest
from atproto import models

from tests.localnet.conftest import AccountFactory
from tests.localnet.harness import Network
from tests.localnet.util import Clients, eventually, now_iso

pytestmark = pytest.mark.localnet


async def test_follows_and_posts_visible_through_the_appview(
    appview_net: Network, make_appview_account: AccountFactory, clients: Clients
) -> None:
    assert appview_net.bsky_url and appview_net.bsky_did
    alice, bob = make_appview_account("alice"), make_appview_account("bob")
    client = await clients.login(alice)
    await client.app.bsky.graph.follow.create(
        alice.did, models.AppBskyGraphFollow.Record(subject=bob.did, created_at=now_iso())
    )
    post = await client.app.bsky.feed.post.create(
        alice.did, models.AppBskyFeedPost.Record(text="seen by the AppView", created_at=now_iso())
    )

    # app.bsky.* reads go to the PDS, which proxies them to the AppView (indexing takes ~1 s).
    async def followers() -> list[str]:
        got = await client.app.bsky.graph.get_followers({"actor": bob.did})
        return [f.did for f in got.followers]

    assert await eventually(followers, what="bob's follower in the AppView") == [alice.did]

    async def feed() -> list[str]:
        got = await client.app.bsky.feed.get_author_feed({"actor": alice.did})
        return [item.post.uri for item in got.feed]

    assert await eventually(feed, what="alice's post in the AppView") == [post.uri]

    # With an AppView, a login may fetch the profile as the SDK does by default.
    profiled = clients.new(alice.pds_url)
    await profiled.login(alice.handle, alice.app_password)
    assert profiled.me is not None and profiled.me.did == alice.did
