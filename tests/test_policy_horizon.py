"""`posts_horizon_us`: dropping the posts at or before it changes no decision and no next check.

The evaluation pass relies on this to leave old posts undecoded (bot/jobs.py). A seeded,
varied population around the boundaries: posts right at the horizon, cooldowns, pauses.
"""

from __future__ import annotations

import dataclasses
import random

import pytest

from bot.clock import US_PER_DAY, US_PER_HOUR
from bot.policy import (
    DmKind,
    PersonState,
    PolicySettings,
    RecentPost,
    evaluate,
)
from bot.policy_next import next_evaluation_us, posts_horizon_us, promo_may_hold

NOW = 20_000 * US_PER_DAY + 13 * US_PER_HOUR
SETTINGS = PolicySettings()


def person(rng: random.Random, index: int) -> PersonState:
    horizon = posts_horizon_us(NOW, SETTINGS)
    last = NOW - rng.choice([0, 1, 3, 8, 20]) * US_PER_DAY - rng.randrange(US_PER_DAY)
    step = rng.choice([1, 2, 3, 7])
    days = tuple(sorted({last // US_PER_DAY - i * step for i in range(60 // step)}))
    near = [horizon - 1, horizon, horizon + 1]  # the boundary itself
    times = [rng.choice(near) if rng.random() < 0.2 else last - rng.randrange(30 * US_PER_DAY)]
    times += [last - rng.randrange(20 * US_PER_DAY) for _ in range(rng.choice([0, 4, 6, 12]))]
    share = rng.choice([0.5, 0.95, 1.0])
    posts = tuple(RecentPost(t, rng.random() < share, rng.random() < 0.05) for t in times)
    maybe = rng.random
    return PersonState(
        did=f"did:plc:{index}",
        opted_in_us=NOW - 200 * US_PER_DAY,
        last_activity_us=last,
        active_days=days,
        recent_posts=posts,
        paused_until_us=NOW + rng.randrange(20 * US_PER_DAY) if maybe() < 0.1 else None,
        last_nudge_us=NOW - rng.randrange(20 * US_PER_DAY) if maybe() < 0.3 else None,
        last_promo_nudge_us=NOW - rng.randrange(60 * US_PER_DAY) if maybe() < 0.3 else None,
    )


def test_posts_up_to_the_horizon_never_change_the_outcome() -> None:
    rng = random.Random(9)
    horizon = posts_horizon_us(NOW, SETTINGS)
    decided = dropped_any = 0
    for index in range(3000):
        full = person(rng, index)
        kept = tuple(p for p in full.recent_posts if p.time_us > horizon)
        trimmed = dataclasses.replace(full, recent_posts=kept)
        dropped_any += len(kept) < len(full.recent_posts)
        decision = evaluate(full, NOW, SETTINGS)
        decided += decision is not None
        assert evaluate(trimmed, NOW, SETTINGS) == decision, full
        assert next_evaluation_us(trimmed, NOW, SETTINGS) == next_evaluation_us(
            full, NOW, SETTINGS
        ), full
    assert decided > 300 and dropped_any > 1000  # the population exercises both sides


@pytest.mark.parametrize("seed", range(3))
def test_posts_that_cannot_hold_a_promo_window_never_change_the_outcome(seed: int) -> None:
    """The evaluation pass also leaves out every post of someone whose posts after the horizon
    fail `promo_may_hold` (bot/jobs.py): no promo window can hold for them from now on."""
    rng = random.Random(100 + seed)
    horizon = posts_horizon_us(NOW, SETTINGS)
    dropped = promo_nudges = 0
    for index in range(3000):
        full = person(rng, index)
        kept = tuple(p for p in full.recent_posts if p.time_us > horizon)
        full = dataclasses.replace(full, recent_posts=kept)  # as the pass reads them
        decision = evaluate(full, NOW, SETTINGS)
        promo_nudges += decision is not None and decision.kind is DmKind.PROMO_ONLY
        if promo_may_hold(len(kept), sum(p.promo for p in kept), SETTINGS):
            continue
        dropped += bool(kept)
        without = dataclasses.replace(full, recent_posts=())
        assert evaluate(without, NOW, SETTINGS) == decision, full
        assert next_evaluation_us(without, NOW, SETTINGS) == next_evaluation_us(
            full, NOW, SETTINGS
        ), full
    assert dropped > 300 and promo_nudges > 100  # both sides of the bound are exercised
