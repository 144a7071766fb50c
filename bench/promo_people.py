"""Per person, not per post: how often the promo_only rule fires for simulated people whose
recent posts are drawn from a labeled set (the blind split by default).

A "promoter" posts only promotions (5-15 posts in 14 days, no replies to others); a "genuine"
person posts only non-promotions; a "hard genuine" person posts only hard negatives (talk about
buying, prices, jobs, own art without an ask, …). Each post is scored by the service's path
(`score_post`) and the person is judged by `policy.evaluate`, the rule the service runs.

Usage: python bench/promo_people.py [FILE] [--people N]   (seeded: the same file gives the same
figures)
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

from bot.classify import score_post
from bot.classify.evaluate import load_rows
from bot.policy import DmKind, PersonState, PolicySettings, RecentPost, evaluate

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "data" / "promo" / "blind-test.jsonl"
US_PER_DAY = 86_400_000_000
NOW = 1_800_000_000 * 1_000_000
HARD_NEGATIVE_KINDS = frozenset(
    (
        "bought-something",
        "recommend-friend",
        "own-art-no-ask",
        "job-news",
        "mutual-aid",
        "free-hobby-project",
        "prices-talk",
        "sale-as-consumer",
        "hiring-for-others",
        "marketplace-personal",
        "creator-process",
        "complaint-review",
        "quote-commentary",
        "news-link",
    )
)


def person_is_nudged(posts: list[dict[str, Any]], rng: random.Random) -> bool:
    settings = PolicySettings()
    times = sorted(NOW - rng.randrange(1, 13 * US_PER_DAY) for _ in posts)
    recent = tuple(
        RecentPost(t, score_post(row["record"]).counts_toward_share, False)
        for t, row in zip(times, posts, strict=True)
    )
    person = PersonState(
        did="did:plc:simulatedperson000000000",
        opted_in_us=NOW - 60 * US_PER_DAY,
        last_activity_us=times[-1],
        active_days=tuple(sorted({t // US_PER_DAY for t in times})),
        recent_posts=recent,
    )
    decision = evaluate(person, NOW, settings)
    return decision is not None and decision.kind is DmKind.PROMO_ONLY


def simulate(
    rows: list[dict[str, Any]], people: int, seed: int = 7
) -> dict[tuple[str, str], float]:
    rng = random.Random(seed)
    # replies to others end a promotional spell by rule; leave them out so the figures measure
    # the classifier, not that rule
    pools: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["record"].get("reply"):
            continue
        group = "en" if row["lang"] == "en" else "non-en"
        if row["label"] == "promo":
            pools[(group, "promoter")].append(row)
        else:
            pools[(group, "genuine")].append(row)
            if HARD_NEGATIVE_KINDS.intersection(row.get("tags") or ()):
                pools[(group, "hard genuine")].append(row)
    rates = {}
    for key, pool in sorted(pools.items()):
        nudged = 0
        for _ in range(people):
            posts = rng.sample(pool, min(len(pool), rng.randint(5, 15)))
            nudged += person_is_nudged(posts, rng)
        rates[key] = nudged / people
    return rates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=BLIND)
    parser.add_argument("--people", type=int, default=1000)
    args = parser.parse_args()
    rates = simulate(load_rows(args.file), args.people)
    print(f"promo_only nudges per simulated person ({args.people} each), from {args.file.name}:")
    for (group, kind), rate in rates.items():
        print(f"  {group:<7}{kind:<14}{rate:>7.1%} nudged")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
