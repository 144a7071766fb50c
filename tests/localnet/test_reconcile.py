"""Reconciliation against the real AppView: the followers listing, its rkeys, and the repair."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from atproto import AsyncClient, models

from bot.classify import PromoVerdict
from bot.clock import US_PER_HOUR, US_PER_SECOND
from bot.events import Event, FollowCreated
from bot.pipeline import Pipeline
from bot.policy import PolicySettings
from bot.reconcile import Reconciler
from bot.sources.followers import FollowerList, follow_rkey, list_followers
from bot.store import Store
from tests.localnet.conftest import AccountFactory
from tests.localnet.harness import Account, Network
from tests.localnet.util import Clients, eventually, now_iso

pytestmark = pytest.mark.localnet


def never_promo(_: Mapping[str, Any]) -> PromoVerdict:
    return PromoVerdict(score=0.0, promo=False)


async def follow(clients: Clients, person: Account, subject: str) -> tuple[AsyncClient, str]:
    """`person` follows `subject`; returns their client and the rkey of the follow record."""
    client = await clients.login(person)
    record = models.AppBskyGraphFollow.Record(subject=subject, created_at=now_iso())
    made = await client.app.bsky.graph.follow.create(person.did, record)
    return client, made.uri.rsplit("/", 1)[1]


async def listed_as(client: AsyncClient, bot: str, expected: set[str]) -> bool:
    """Whether the AppView's followers of `bot` are exactly `expected` (one page suffices)."""
    got = await client.app.bsky.graph.get_followers({"actor": bot, "limit": 100})
    return {f.did for f in got.followers} == expected


async def test_reconciliation_repairs_opt_ins_and_outs_missed_without_a_cursor(
    appview_net: Network,
    make_appview_account: AccountFactory,
    clients: Clients,
    tmp_path: Path,
) -> None:
    """Reconciliation repairs an opt-in whose follow happened while the bot had no usable
    cursor, and an opt-out (unfollow) it missed the same way."""
    bot = make_appview_account("nbot")
    p1, p2, missed, gone = (make_appview_account(p) for p in ("pone", "ptwo", "pmiss", "pgone"))
    rkeys = {p.did: (await follow(clients, p, bot.did))[1] for p in (p1, p2, missed)}
    gone_client, gone_rkey = await follow(clients, gone, bot.did)
    await gone_client.app.bsky.graph.follow.delete(gone.did, gone_rkey)  # the bot was down

    bot_client = await clients.login(bot)
    real = {p1.did, p2.did, missed.did}
    await eventually(
        partial(listed_as, bot_client, bot.did, real), within=60, what="the AppView's followers"
    )

    # the edge: paged (2 per page), rkeys from viewer.followedBy equal the real records
    listing = await list_followers(bot_client, bot.did, page_size=2)
    assert listing == FollowerList(rkeys, complete=True)
    # the fallback answers the same from getRelationships, and None for the unfollower
    assert await follow_rkey(bot_client, bot.did, [*rkeys, gone.did]) == {
        **rkeys,
        gone.did: None,
    }

    async with Store.open(f"sqlite+aiosqlite:///{tmp_path}/store.db") as store:
        await store.migrate()
        pipeline = Pipeline(store, bot.did, never_promo, PolicySettings())
        await pipeline.start()
        # what the store saw before going down: p1, p2 and `gone`; never `missed`'s follow
        before_us = int(time.time() * US_PER_SECOND) - 2 * US_PER_HOUR
        seen = [(p1.did, rkeys[p1.did]), (p2.did, rkeys[p2.did]), (gone.did, gone_rkey)]
        await pipeline.ingest([FollowCreated(d, before_us, r, bot.did) for d, r in seen], before_us)
        assert set(await store.load_opted_in()) == {p1.did, p2.did, gone.did}
        assert await store.outbox_rows(gone.did)  # its welcome, to be purged

        queued: list[Sequence[Event]] = []

        async def put(events: Sequence[Event]) -> None:
            queued.append(events)

        reconciler = Reconciler(partial(list_followers, bot_client), store, put, bot.did)
        now_us = int(time.time() * US_PER_SECOND)
        report = await reconciler.run_once(now_us)
        assert (report.followers, report.opt_ins, report.opt_outs) == (3, 1, 1)
        assert report.complete and report.refused is None and report.skipped_no_rkey == 0

        [events] = queued  # one batch: one transaction through the ordinary pipeline
        outcome = await pipeline.ingest(events, now_us)
        assert outcome.opted_in == [missed.did] and outcome.opted_out == [gone.did]
        assert await store.load_opted_in() == rkeys == pipeline.opted
        assert [r["kind"] for r in await store.outbox_rows(missed.did)] == ["welcome"]
        assert await store.person(gone.did) is None
        assert await store.outbox_rows(gone.did) == []
        assert await store.activity_count(gone.did) == 0

        # a second pass finds nothing left to do
        queued.clear()
        again = await reconciler.run_once(now_us + US_PER_SECOND)
        assert (again.opt_ins, again.opt_outs) == (0, 0) and queued == []
