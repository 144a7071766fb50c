"""Micro-benchmark: evaluate() and next_evaluation_us() over 100,000 generated people.

Run: .venv/bin/python bench/policy_micro.py
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from bot.clock import US_PER_DAY
from bot.policy import (
    PersonState,
    PolicySettings,
    RecentPost,
    evaluate,
    next_evaluation_us,
)

NOW = 20_000 * US_PER_DAY + 13 * 3600 * 1_000_000
PEOPLE = 100_000


def generate(rng: random.Random, index: int) -> PersonState:
    """A mixed population: mostly active people, some quiet, some promoters."""
    silence = int(rng.expovariate(1 / 4) * US_PER_DAY)
    last = NOW - silence
    step = rng.choice([1, 1, 2, 3, 7])
    days = tuple(sorted({last // US_PER_DAY - i * step for i in range(90 // step)}))
    promo_share = rng.choice([0.1, 0.3, 0.95, 1.0])
    posts = tuple(
        RecentPost(last - rng.randrange(20 * US_PER_DAY), rng.random() < promo_share, False)
        for _ in range(rng.choice([0, 2, 6, 15]))
    )
    return PersonState(
        did=f"did:plc:{index:024d}",
        opted_in_us=NOW - 200 * US_PER_DAY,
        last_activity_us=last,
        active_days=days,
        recent_posts=posts,
        last_nudge_us=NOW - rng.randrange(30 * US_PER_DAY) if rng.random() < 0.2 else None,
        tz_name=rng.choice([None, "Europe/Berlin", "America/New_York"]),
    )


def best_of(runs: int, people: list[PersonState], call: Callable[[PersonState], object]) -> float:
    """Seconds per call, best of `runs` passes (the machine may be shared and noisy)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for p in people:
            call(p)
        best = min(best, time.perf_counter() - start)
    return best / len(people)


def main() -> None:
    rng = random.Random(1)
    settings = PolicySettings()
    people = [generate(rng, i) for i in range(PEOPLE)]
    decisions = sum(evaluate(p, NOW, settings) is not None for p in people)
    per_call = best_of(5, people, lambda p: evaluate(p, NOW, settings))
    print(
        f"evaluate: {per_call * 1e6:.2f} us/call, {per_call * PEOPLE * 1000:.0f} ms "
        f"for {PEOPLE} people ({decisions} decisions)"
    )
    per_call = best_of(3, people, lambda p: next_evaluation_us(p, NOW, settings))
    print(f"next_evaluation_us: {per_call * 1e6:.2f} us/call")


if __name__ == "__main__":
    main()
