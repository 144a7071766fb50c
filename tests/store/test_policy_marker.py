"""Next checks computed under other policy settings: everyone is looked at again once."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import update

from bot.aggregates import encode_posts
from bot.classify import PromoVerdict
from bot.clock import US_PER_DAY, US_PER_HOUR
from bot.jobs import Jobs
from bot.outbox import Outbox, SendSettings
from bot.pipeline import Pipeline
from bot.policy import PolicySettings, RecentPost
from bot.policy_next import settings_fingerprint
from bot.store import IngestBatch, OptIn, OutboxItem, PersonRow, Store
from bot.store.models import people

NOW = 1_785_585_600_000_000  # 2026-08-01T12:00Z
D = US_PER_DAY


def never_promo(record: object) -> PromoVerdict:
    return PromoVerdict(0.0, False)


class NoSender:
    async def send(self, item: OutboxItem, person: PersonRow, now_us: int) -> str | None:
        raise AssertionError("evaluation only queues")


async def opt_in(store: Store, next_checks: dict[str, int | None]) -> None:
    opt_ins = {did: OptIn(did, f"f{i}", NOW - 100 * D) for i, did in enumerate(next_checks)}
    await store.apply(IngestBatch(opt_ins=opt_ins), NOW, lambda _: None)
    async with store.engine.begin() as conn:
        for did, next_check in next_checks.items():
            stmt = update(people).where(people.c.did == did).values(next_eval_us=next_check)
            await conn.execute(stmt)


async def next_checks(store: Store, dids: list[str]) -> dict[str, int | None]:
    rows = await store.people(dids)
    return {did: rows[did].next_eval_us for did in dids}


async def test_new_settings_move_later_and_missing_checks_to_now_once(store: Store) -> None:
    times = {"did:plc:later": NOW + 9 * D, "did:plc:never": None, "did:plc:past": NOW - D}
    await opt_in(store, times)
    dids = list(times)

    assert await store.recheck_if_policy_changed("a", NOW) == 2
    assert await next_checks(store, dids) == {
        "did:plc:later": NOW,
        "did:plc:never": NOW,
        "did:plc:past": NOW - D,  # already due: an earlier time is kept
    }
    await opt_in(store, times)
    assert await store.recheck_if_policy_changed("a", NOW) is None  # the same settings
    assert await next_checks(store, dids) == times
    assert await store.recheck_if_policy_changed("b", NOW) == 2


def test_the_fingerprint_names_every_setting() -> None:
    base = PolicySettings()
    assert settings_fingerprint(base) == settings_fingerprint(PolicySettings())
    seen = {settings_fingerprint(base)}
    for field in dataclasses.fields(PolicySettings):
        value = getattr(base, field.name)
        changed = dataclasses.replace(base, **{field.name: value + 1})
        seen.add(settings_fingerprint(changed))
    assert len(seen) == len(dataclasses.fields(PolicySettings)) + 1


def four_promotions() -> str:
    return encode_posts(
        [RecentPost(NOW - k * 20 * US_PER_HOUR, True, False) for k in range(4, 0, -1)]
    )


@pytest.mark.parametrize("restarted", [True, False])
async def test_a_looser_promo_rule_reaches_people_the_old_one_ruled_out(
    store: Store, restarted: bool
) -> None:
    """Four promotions: never due under promo_min_posts=5 (next check None). Started under
    promo_min_posts=3, the service must look at her again, though she posts nothing new."""
    did = "did:plc:seller"
    await opt_in(store, {did: NOW})
    async with store.engine.begin() as conn:
        stmt = update(people).where(people.c.did == did).values(recent_posts=four_promotions())
        await conn.execute(stmt)
    strict = PolicySettings(promo_min_posts=5)
    await Pipeline(store, "did:plc:bot", never_promo, strict).start(NOW)
    first = Jobs(store, Outbox(store, NoSender(), SendSettings(), "w"), strict)
    assert (await first.evaluate(NOW)).queued == 0
    person = await store.person(did)
    assert person is not None and person.next_eval_us is None

    later = NOW + US_PER_HOUR
    loose = PolicySettings(promo_min_posts=3)
    if restarted:
        await Pipeline(store, "did:plc:bot", never_promo, loose).start(later)
    second = Jobs(store, Outbox(store, NoSender(), SendSettings(), "w"), loose)

    report = await second.evaluate(later)

    assert report.queued == (1 if restarted else 0)
    assert report.kinds == ({"promo_only": 1} if restarted else {})
