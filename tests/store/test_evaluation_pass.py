"""A whole evaluation pass on each backend: pages are written while the next page is read and
decided, and still every due person is decided exactly once and every nudge queued once."""

from __future__ import annotations

import random

from sqlalchemy import update

from bot.aggregates import encode_ints, encode_posts
from bot.clock import US_PER_DAY, US_PER_HOUR
from bot.jobs import Jobs, _moved_past, decide
from bot.outbox import Outbox, SendSettings
from bot.policy import PolicySettings, RecentPost, posts_horizon_us
from bot.store import IngestBatch, OptIn, OutboxItem, PersonRow, Store
from bot.store.models import people

NOW = 1_785_585_600_000_000  # 2026-08-01T12:00Z
D = US_PER_DAY


class NoSender:
    async def send(self, item: OutboxItem, person: PersonRow, now_us: int) -> str | None:
        raise AssertionError("the pass only queues")


def aggregates(rng: random.Random) -> dict[str, object]:
    """Regular people gone quiet or not, promo-heavy or not: a mix that queues both kinds."""
    gap = rng.choice([1, 2, 7])
    last = NOW - rng.choice([0, 3, 20, 40]) * D - rng.randrange(D)
    days = sorted({(last - k * gap * D) // D for k in range(80 // gap)})
    share = rng.choice([0.0, 1.0])
    posts = [RecentPost(last - k * 11 * US_PER_HOUR, rng.random() < share, False) for k in range(8)]
    return {
        "last_activity_us": last,
        "active_days": encode_ints(days),
        "hour_counts": encode_ints(rng.randrange(5) for _ in range(24)),
        "recent_posts": encode_posts(sorted(posts)),
        "next_eval_us": NOW - rng.randrange(D),
    }


async def test_a_paged_pass_decides_everyone_once(store: Store) -> None:
    rng = random.Random(4)
    dids = [f"did:plc:p{i:03d}" for i in range(47)]
    opt_ins = {did: OptIn(did, f"f{i}", NOW - 100 * D) for i, did in enumerate(dids)}
    await store.apply(IngestBatch(opt_ins=opt_ins), NOW, lambda _: None)
    async with store.engine.begin() as conn:
        for did in dids:
            await conn.execute(update(people).where(people.c.did == did).values(aggregates(rng)))
    settings = PolicySettings()
    before = await store.people_due(NOW, 100, posts_horizon_us(NOW, settings))
    expected = {r.did: _moved_past(decide(r, NOW, settings), NOW) for r in before}
    jobs = Jobs(store, Outbox(store, NoSender(), SendSettings(), "w"), settings, page_size=6)

    report = await jobs.evaluate(NOW)

    nudges = [r for r in expected.values() if r.draft is not None]
    assert report.examined == len(dids) and report.queued == len(nudges)
    assert {"quiet", "promo_only"} <= set(report.kinds)
    after = await store.people(dids)
    assert {did: after[did].next_eval_us for did in dids} == {
        did: r.next_eval_us for did, r in expected.items()
    }
    queued = [(row["did"], row["kind"], row["text"]) for row in await store.outbox_rows()]
    assert sorted(queued) == sorted((r.did, r.draft.kind, r.draft.text) for r in nudges if r.draft)
    assert (await jobs.evaluate(NOW)).examined == 0  # nobody is due twice
