"""DMs wait for the firehose to catch up after a restart (bot/catchup.py), on both sources.

Carol follows; her welcome waits in the outbox because the minute's budget is spent (one DM a
minute, Ann's welcome took it); the bot is SIGKILLed; Carol unfollows while it is down; it
restarts with the budget free, and the firehose out of reach for a while (a proxy refuses it:
on the local network the backlog is otherwise read so fast that the race is hidden). Before the
hold, the restart's send loop asked a store that did not know of the unfollow yet and welcomed
Carol (who takes DMs from anyone). Now DMs wait until the source has read up to live and the
backlog is committed: her unfollow removes her and her queued welcome, and nothing is sent to
her. Dan, who follows after the firehose is back, is welcomed: the hold did open.
"""

from __future__ import annotations

import asyncio

import pytest

from bot.store import Store
from tests.localnet.botproc import Live, follow
from tests.localnet.tcp_proxy import TcpProxy
from tests.localnet.util import ChatControl, declare, eventually

DOWN_S = 8.0  # the firehose out of reach after the restart: time enough to send, unheld

pytestmark = pytest.mark.localnet


@pytest.mark.parametrize("firehose", ["jetstream", "relay"])
async def test_a_welcome_queued_before_a_kill_is_not_sent_to_someone_who_left_meanwhile(
    firehose: str, live: Live
) -> None:
    bot, ann, carol, dan = (live.make_account(n) for n in ("bot", "ann", "carol", "dan"))
    a, c, d = [await live.clients.login(p) for p in (ann, carol, dan)]
    # DMs from anyone: the chat service itself would refuse one to a non-follower otherwise
    await declare(c, carol, "all")
    control = ChatControl(live.chat.url)
    url = live.jetstream.ws_uri if firehose == "jetstream" else live.net.firehose_uri
    async with TcpProxy.in_front_of(url) as proxy, live.store(firehose=firehose) as store:
        process = live.bot_process(
            bot, firehose=firehose, source_url=proxy.url_for(url), DM_PER_MINUTE="1"
        )
        process.start()
        try:
            await follow(a, ann, bot)
            await eventually(lambda: _said(control, bot.did, ann.did), within=60, what="Ann")
            rkey = await follow(c, carol, bot)
            await eventually(
                lambda: _waiting(store, carol.did), within=60, what="Carol's welcome queued"
            )
            process.kill()
            assert await control.said(bot.did, carol.did) == []  # the budget held it back
            await c.app.bsky.graph.follow.delete(carol.did, rkey)

            proxy.refuse()
            process.env["DM_PER_MINUTE"] = "30"  # the budget is free after the restart
            mark = len(process.output())
            process.start()
            await eventually(
                lambda: process.output().count("nudgebot is running") == 2,
                within=60,
                what="the restart",
            )
            await asyncio.sleep(DOWN_S)
            assert await control.said(bot.did, carol.did) == [], "welcomed after she left"
            rows = await store.outbox_rows(carol.did)
            assert [r["status"] for r in rows] == ["pending"]  # kept, neither sent nor claimed
            assert "DMs held until the firehose catches up" in process.output()[mark:]

            proxy.refuse(False)
            await eventually(lambda: _gone(store, carol.did), within=90, what="her unfollow read")
            await follow(d, dan, bot)
            await eventually(lambda: _said(control, bot.did, dan.did), within=60, what="Dan")
            assert await control.said(bot.did, carol.did) == [], "welcomed after she left"
            assert await store.outbox_rows(carol.did) == []  # dropped with her, never sent
            assert "the firehose caught up after" in process.output()[mark:]
            assert process.terminate()[0] == 0
        except BaseException:
            print(process.output()[-8000:])
            raise


async def _said(control: ChatControl, bot_did: str, did: str) -> bool:
    return bool(await control.said(bot_did, did))


async def _waiting(store: Store, did: str) -> bool:
    rows = await store.outbox_rows(did)
    return [r["kind"] for r in rows] == ["welcome"] and rows[0]["status"] == "pending"


async def _gone(store: Store, did: str) -> bool:
    return await store.person(did) is None
