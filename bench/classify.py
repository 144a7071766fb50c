"""Throughput of `classify` on one core over a realistic mix of posts.

The mix: every post of the labeled set (about half promo, many with links, facets and embeds)
plus generated everyday posts (short personal text, replies, the odd news link), so that about
three quarters of the posts are ordinary chatter, as on a real timeline.
Prints posts/s (median of several runs, CPU time of this process) and µs/post.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import orjson

from bot.classify import classify, score_post

RUNS = 9
DATA = Path(__file__).resolve().parent.parent / "tests" / "classify" / "data" / "labeled.jsonl"

_OPENERS = [
    "honestly",
    "ok so",
    "today",
    "update:",
    "not me",
    "reminder that",
    "lol",
    "ugh",
    "finally",
    "hoy",
    "heute",
    "aujourd'hui",
    "hoje",
    "今日は",
]
_BODIES = [
    "my cat knocked the plant off the windowsill again",
    "the bus was 40 minutes late and I read half a book waiting",
    "made soup for the first time this winter and it was actually good",
    "I think I need a new hobby that doesn't involve screens",
    "the sunset tonight was ridiculous, pink and orange everywhere",
    "does anyone else get weirdly nervous before a haircut",
    "my kid asked why the moon follows the car and I had no good answer",
    "work was a lot this week, taking the weekend fully off",
    "se me ha olvidado el paraguas otra vez",
    "ich habe heute endlich die Steuererklärung gemacht",
    "j'ai enfin fini ce livre, la fin m'a brisé le cœur",
    "meu cachorro descobriu como abrir a porta da cozinha",
    "散歩してたら猫に会った",
    "three meetings that could have been emails",
    "the new season of that show is so good, no spoilers please",
]
_CLOSERS = ["", "", " 😅", " 🙃", "!!", ".", " anyway", " #caturday", "?"]


def _everyday_post(rng: random.Random) -> dict[str, Any]:
    text = f"{rng.choice(_OPENERS)} {rng.choice(_BODIES)}{rng.choice(_CLOSERS)}"
    record: dict[str, Any] = {"$type": "app.bsky.feed.post", "text": text, "langs": ["en"]}
    roll = rng.random()
    if roll < 0.25:
        ref = {"uri": "at://did:plc:x/app.bsky.feed.post/3k", "cid": "bafy"}
        record["reply"] = {"root": ref, "parent": ref}
    elif roll < 0.35:
        record["embed"] = {
            "$type": "app.bsky.embed.external",
            "external": {"uri": "https://www.bbc.co.uk/news/articles/c1", "title": "News"},
        }
    elif roll < 0.5:
        record["embed"] = {"$type": "app.bsky.embed.images", "images": []}
    return record


def build_mix(size: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    labeled = [orjson.loads(line)["record"] for line in DATA.read_bytes().splitlines() if line]
    posts = [
        rng.choice(labeled) if rng.random() < 0.25 else _everyday_post(rng) for _ in range(size)
    ]
    return posts


def _rate(posts: list[dict[str, Any]], classifier: Any) -> float:
    for post in posts[:1000]:  # warm up caches and the regex engine
        classifier(post)
    rates = []
    for _ in range(RUNS):
        # CPU time of this process: on a shared machine, wall time mostly measures the neighbours
        start = time.process_time()
        for post in posts:
            classifier(post)
        rates.append(len(posts) / (time.process_time() - start))
    return statistics.median(rates)


def main(argv: list[str]) -> int:
    size = int(argv[0]) if argv else 20_000
    posts = build_mix(size)
    promo = sum(classify(p).promo for p in posts) / len(posts)
    print(f"classify over {len(posts):,} posts ({promo:.0%} classified promo), one core,")
    print(f"median of {RUNS} runs:")
    for name, classifier in (("service (score_post)", score_post), ("with reasons", classify)):
        rate = _rate(posts, classifier)
        print(f"  {name:<22}{rate:>9,.0f} posts/s ({1e6 / rate:.1f} µs/post)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
