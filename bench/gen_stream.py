"""A synthetic Jetstream stream for the benchmarks: many accounts, a realistic mix of records.

Deterministic for a seed; written once under bench/out/ and reused.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.streams import BOT, US_PER_DAY, at

TEXTS = [
    "coffee first, then the world",
    "anyone else watching the eclipse tonight?",
    "my cat just knocked the plant over again",
    "finished the book, what a ride. recommendations welcome",
    "rainy sunday, soup and a long nap",
    "New video is up! Link in bio, go watch it now",
    "20% off everything in my shop this weekend with code AUTUMN20",
    "Pre-orders for our new album are open now!",
    "thinking about learning the cello at 40. is that silly?",
    "the bus was late again but the driver was lovely",
]


def generate(path: Path, events: int, accounts: int, opted: int, days: int, seed: int) -> None:
    rng = random.Random(seed)
    start = at("2026-06-01T00:00")
    span = days * US_PER_DAY
    dids = [f"did:plc:bench{i:019d}" for i in range(accounts)]
    lines: list[tuple[int, bytes]] = []
    for i, did in enumerate(dids[:opted]):
        t = start + i * 1000
        record = {"$type": "app.bsky.graph.follow", "subject": BOT, "createdAt": "x"}
        commit = {
            "rev": "r",
            "operation": "create",
            "collection": "app.bsky.graph.follow",
            "rkey": f"f{i}",
            "record": record,
            "cid": "c",
        }
        lines.append(
            (t, orjson.dumps({"did": did, "time_us": t, "kind": "commit", "commit": commit}))
        )
    for n in range(events - opted):
        did = dids[rng.randrange(accounts)]
        t = start + opted * 1000 + rng.randrange(span)
        roll = rng.random()
        if roll < 0.55:
            collection = "app.bsky.feed.like"
            record = {
                "subject": {"uri": f"at://{rng.choice(dids)}/app.bsky.feed.post/3k{n}", "cid": "c"}
            }
        elif roll < 0.65:
            collection = "app.bsky.feed.repost"
            record = {
                "subject": {"uri": f"at://{rng.choice(dids)}/app.bsky.feed.post/3k{n}", "cid": "c"}
            }
        elif roll < 0.95:
            collection = "app.bsky.feed.post"
            record = {"text": rng.choice(TEXTS), "langs": ["en"], "createdAt": "x"}
            if roll > 0.85:
                parent = {"uri": f"at://{rng.choice(dids)}/app.bsky.feed.post/3k{n}", "cid": "c"}
                record["reply"] = {"root": parent, "parent": parent}
        else:
            collection = "app.bsky.graph.follow"
            record = {"subject": rng.choice(dids)}
        record = {"$type": collection, **record}
        commit = {
            "rev": "r",
            "operation": "create",
            "collection": collection,
            "rkey": f"b{n}",
            "record": record,
            "cid": "c",
        }
        lines.append(
            (t, orjson.dumps({"did": did, "time_us": t, "kind": "commit", "commit": commit}))
        )
    lines.sort(key=lambda item: item[0])
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        for _, line in lines:
            handle.write(line + b"\n")


def ensure_stream(
    events: int = 1_000_000,
    accounts: int = 50_000,
    opted: int = 10_000,
    days: int = 90,
    seed: int = 7,
) -> Path:
    path = Path(__file__).parent / "out" / f"stream-{events}-{accounts}-{opted}-{days}-{seed}.jsonl"
    if not path.exists():
        generate(path, events, accounts, opted, days, seed)
    return path


if __name__ == "__main__":
    print(ensure_stream())
