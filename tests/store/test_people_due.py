"""The evaluation read path: `people_due` reads positionally and may skip old posts."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from bot.aggregates import Aggregates, encode_ints, encode_posts
from bot.clock import US_PER_DAY, US_PER_HOUR
from bot.policy import RecentPost
from bot.store import IngestBatch, NudgeRecord, OptIn, Store, evaluations
from bot.store.models import people

T0 = 1_750_000_000_000_000
ALICE = "did:plc:alice"
POSTS = [RecentPost(T0 - k * US_PER_DAY, k % 2 == 0, k % 3 == 0) for k in range(20, -1, -1)]


def no_next(_: Aggregates) -> int | None:
    return None


async def full_person(store: Store) -> None:
    """Alice with every PersonRow field set to a distinct, non-default value."""
    await store.apply(IngestBatch(opt_ins={ALICE: OptIn(ALICE, "f1", T0 - 9)}), T0, no_next)
    values = {
        "handle": "alice.test",
        "display_name": "Alice",
        "account_active": False,
        "account_status": "deactivated",
        "paused_until_us": T0 + 1,
        "tz_name": "Europe/Berlin",
        "day_start_hour": 8,
        "day_end_hour": 20,
        "frequency_days": 9,
        "language": "de",
        "last_activity_us": T0 - 2,
        "active_days": encode_ints([10, 12, 19]),
        "hour_counts": encode_ints(range(24)),
        "recent_posts": encode_posts(POSTS),
        "last_nudge_us": T0 - 3,
        "last_quiet_episode": T0 - 4,
        "last_promo_nudge_us": T0 - 5,
        "last_variants": "quiet:2,welcome:1",
        "unreachable_reason": "closed",
        "next_eval_us": T0 - 6,
        "convo_id": "convo-1",
        "unanswered_nudges": 2,
        "last_reply_us": T0 - 7,
        "last_ack_us": T0 - 8,
        "checkin_until_us": T0 + 2,
    }
    async with store.engine.begin() as conn:
        await conn.execute(update(people).where(people.c.did == ALICE).values(**values))


async def test_people_due_reads_every_field_like_person(store: Store) -> None:
    await full_person(store)
    [due] = await store.people_due(T0, 10)
    assert due == await store.person(ALICE)
    assert due.follow_rkey == "f1" and due.opted_in_us == T0 - 9
    assert due.hour_counts == list(range(24)) and due.recent_posts == POSTS


async def test_people_due_leaves_out_posts_up_to_the_horizon(store: Store) -> None:
    await full_person(store)
    horizon = T0 - 5 * US_PER_DAY  # the post exactly at the horizon is left out too
    [due] = await store.people_due(T0, 10, posts_after_us=horizon)
    assert due.recent_posts == [p for p in POSTS if p.time_us > horizon]
    assert len(due.recent_posts) == 5
    [later] = await store.people_due(T0, 10, posts_after_us=T0 + US_PER_HOUR)
    assert later.recent_posts == []


async def many_due(store: Store, count: int) -> list[str]:
    """`count` people, all due, each with a few posts (some of them before the horizon)."""
    dids = [f"did:plc:p{i:04d}" for i in range(count)]
    opt_ins = {did: OptIn(did, f"f{i}", T0 - 9) for i, did in enumerate(dids)}
    await store.apply(IngestBatch(opt_ins=opt_ins), T0, no_next)
    async with store.engine.begin() as conn:
        await conn.execute(
            update(people).values(next_eval_us=T0 - 1, recent_posts=encode_posts(POSTS))
        )
    return dids


@pytest.mark.parametrize("one_parameter", [True, False])
async def test_people_due_skips_the_page_still_being_written(
    store: Store, one_parameter: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The evaluation pass reads a page while the previous page's next checks are still being
    written: leaving those DIDs out, every due person is read exactly once. (On SQLite the
    DIDs to leave out go as one JSON parameter, or, before SQLite 3.38, as `NOT IN (...)`.)"""
    monkeypatch.setattr(evaluations, "_SQLITE_JSON_UPDATE", one_parameter)
    dids = await many_due(store, 23)
    seen: list[str] = []
    unwritten: list[NudgeRecord] = []
    while page := await store.people_due(T0, 5, skip=[r.did for r in unwritten]):
        assert len(page) <= 5 and not {p.did for p in page} & set(seen)
        seen += [p.did for p in page]
        await store.record_evaluations(unwritten, T0)  # the previous page, written late
        unwritten = [NudgeRecord(p.did, T0 + US_PER_HOUR) for p in page]
    await store.record_evaluations(unwritten, T0)
    assert sorted(seen) == dids
    assert await store.people_due(T0, 5) == []  # all moved past now


async def test_people_due_leaves_out_posts_that_do_not_matter(store: Store) -> None:
    await full_person(store)
    horizon = T0 - 5 * US_PER_DAY  # 5 posts after it, 3 of them promotional
    counts: list[tuple[int, int]] = []

    def matter(posts: int, promos: int) -> bool:
        counts.append((posts, promos))
        return promos > 3

    [due] = await store.people_due(T0, 10, horizon, matter)
    assert due.recent_posts == [] and counts == [(5, 3)]
    [due] = await store.people_due(T0, 10, horizon, lambda n, p: p == 3)
    assert due.recent_posts == [p for p in POSTS if p.time_us > horizon]
