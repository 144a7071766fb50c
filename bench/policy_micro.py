"""Micro-benchmark of the pure policy functions over 100,000 generated, varied people.

Times each function separately (µs per call, best of N passes over the whole population):
evaluate, next_evaluation_us, infer_utc_offset_hours, person_zone, and the private helpers
that dominate next_evaluation_us (typical_gap_days, _first_quiet_us, _first_promo_us).

Run: .venv/bin/python bench/policy_micro.py [--people N] [--runs N]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

from bot import policy, policy_next
from bot.clock import US_PER_DAY, US_PER_HOUR
from bot.policy import PersonState, PolicySettings, RecentPost

NOW = 20_000 * US_PER_DAY + 13 * US_PER_HOUR
PEOPLE = 100_000


def hour_counts(rng: random.Random) -> tuple[int, ...]:
    """24 counts by UTC hour: mostly a noisy sleeper somewhere on the globe, some odd shapes."""
    shape = rng.random()
    if shape < 0.05:
        return (0,) * 24
    if shape < 0.10:
        return (rng.randrange(1, 4),) * 24  # flat: no night
    if shape < 0.15:
        return tuple(rng.randrange(0, 3) for _ in range(24))  # sparse noise, many ties
    offset = rng.randrange(-12, 12)
    per_hour = rng.choice([1, 2, 5, 20, 60])
    asleep = {(1 + i - offset) % 24 for i in range(rng.choice([5, 6, 8]))}
    return tuple(
        rng.randrange(0, 2) if h in asleep else rng.randrange(per_hour, 2 * per_hour + 1)
        for h in range(24)
    )


def generate(rng: random.Random, index: int) -> PersonState:
    """A mixed population: mostly active people, some quiet, some promoters."""
    silence = int(rng.expovariate(1 / 6) * US_PER_DAY)
    last = NOW - silence
    step = rng.choice([1, 1, 2, 3, 7, 12])
    days = tuple(
        sorted({last // US_PER_DAY - i * step - rng.randrange(2) for i in range(90 // step)})
    )
    days = tuple(d for d in days if d > NOW // US_PER_DAY - 91)
    promo_share = rng.choice([0.1, 0.3, 0.95, 1.0])
    posts = tuple(
        RecentPost(
            last - rng.randrange(20 * US_PER_DAY),
            rng.random() < promo_share,
            rng.random() < 0.03,
        )
        for _ in range(rng.choice([0, 2, 6, 15, 30]))
    )
    maybe = rng.random
    return PersonState(
        did=f"did:plc:{index:024d}",
        opted_in_us=NOW - 200 * US_PER_DAY,
        last_activity_us=last,
        active_days=days,
        recent_posts=posts,
        paused_until_us=NOW + rng.randrange(10 * US_PER_DAY) if maybe() < 0.05 else None,
        last_nudge_us=NOW - rng.randrange(30 * US_PER_DAY) if maybe() < 0.2 else None,
        last_promo_nudge_us=NOW - rng.randrange(60 * US_PER_DAY) if maybe() < 0.2 else None,
        tz_name=rng.choice([None, None, "Europe/Berlin", "America/New_York"]),
        hour_counts=hour_counts(rng),
    )


def best_of(runs: int, people: list[PersonState], call: Callable[[PersonState], object]) -> float:
    """Seconds per call, best of `runs` passes (the machine may be shared and noisy)."""
    best = float("inf")
    for _ in range(runs):
        _clear_caches()
        start = time.perf_counter()
        for p in people:
            call(p)
        best = min(best, time.perf_counter() - start)
    return best / len(people)


def _clear_caches() -> None:
    """Every pass starts cold, so a cache cannot flatter the numbers across passes."""
    for name in ("_infer_cached", "_zone_offset"):
        cached = getattr(policy, name, None)
        if cached is not None and hasattr(cached, "cache_clear"):
            cached.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=PEOPLE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(1)
    settings = PolicySettings()
    people = [generate(rng, i) for i in range(args.people)]
    decisions = sum(policy.evaluate(p, NOW, settings) is not None for p in people)
    due = sum(policy_next.next_evaluation_us(p, NOW, settings) is not None for p in people)
    print(f"{len(people)} people, {decisions} decisions, {due} with a next evaluation")
    S = settings  # short alias keeps each row of the table on one line
    gate = NOW  # the private helpers timed at `now`, as next_evaluation_us does when ungated
    timings: list[tuple[str, Callable[[PersonState], object]]] = [
        ("evaluate", lambda p: policy.evaluate(p, NOW, settings)),
        ("next_evaluation_us", lambda p: policy_next.next_evaluation_us(p, NOW, settings)),
        ("infer_utc_offset_hours", lambda p: policy.infer_utc_offset_hours(p.hour_counts, S)),
        ("person_zone", lambda p: policy.person_zone(p, settings)),
        ("typical_gap_days", lambda p: policy.typical_gap_days(p.active_days, NOW, settings)),
        ("_first_quiet_us", lambda p: policy_next._first_quiet_us(p, gate, settings)),
        ("_first_promo_us", lambda p: policy_next._first_promo_us(p, gate, settings)),
    ]
    for name, call in timings:
        per_call = best_of(args.runs, people, call)
        print(f"{name:>24}: {per_call * 1e6:8.2f} us/call")


if __name__ == "__main__":
    main()
