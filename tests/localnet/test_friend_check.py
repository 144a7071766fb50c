"""The "stay in touch" edge against the real AppView (TestNetwork), through the bot's session:
a friend who posted is around with their handle and latest post time; a deactivated account
is gone; handles resolve to DIDs, unknown ones to nothing."""

from __future__ import annotations

import pytest
from atproto import models

from bot.clock import US_PER_SECOND
from bot.sources.friend_check import AppViewFriendCheck
from tests.localnet.conftest import AccountFactory
from tests.localnet.harness import Network
from tests.localnet.util import Clients, eventually, now_iso

pytestmark = pytest.mark.localnet


async def test_around_gone_and_handles(
    appview_net: Network, make_appview_account: AccountFactory, clients: Clients
) -> None:
    bot, friend, leaver = (make_appview_account(n) for n in ("bot", "friend", "leaver"))
    check = AppViewFriendCheck(await clients.login(bot))
    posting = await clients.login(friend)
    made = await posting.app.bsky.feed.post.create(
        friend.did, models.AppBskyFeedPost.Record(text="still here", created_at=now_iso())
    )
    assert made.uri

    async def posted() -> bool:
        look = await check.look(friend.did)
        return look.last_active_us is not None

    await eventually(posted, what="the friend's post in the AppView")
    look = await check.look(friend.did)
    assert look.exists and look.handle == friend.handle
    assert look.last_active_us is not None and look.last_active_us > 1_700_000_000 * US_PER_SECOND

    quiet = await check.look(leaver.did)  # exists, never posted
    assert quiet.exists and quiet.last_active_us is None

    leaving = clients.new(leaver.pds_url)  # deactivating takes the account's own password
    await leaving.login(leaver.handle, leaver.password)
    await leaving.com.atproto.server.deactivate_account(
        models.ComAtprotoServerDeactivateAccount.Data()
    )

    async def gone() -> bool:
        return not (await check.look(leaver.did)).exists

    await eventually(gone, within=60, what="the deactivated account gone from the AppView")

    assert await check.resolve(friend.handle) == friend.did
    assert await check.resolve("nobody-here.test") is None
