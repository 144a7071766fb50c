"""bench/ingest: relay `subscribeRepos` frames/s through the filter-first source, in memory.

Generated real frames (DAG-CBOR + CAR, 3-5 MST nodes each): 10,000 opted-in accounts among
500,000, a firehose-like mix (likes, posts, reposts, follows, blocks, deletes), a few follows of
the bot. Every path starts from the raw frame bytes and pays the SDK's own frame decode (what its
client does before the callback), then differs only in the callback, all in the same run:

  nothing   an SDK consumer that does nothing with the parsed frame (the floor; goal ≥ 0.7×)
  sdk       the SDK's documented path: parse_subscribe_repos_message, CAR.from_bytes,
            models.get_or_create for each op (goal: ours ≥ 4.5× this)
  relay     RelaySource.on_frame: filter first, decode only what matters, enqueue
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from atproto import CAR, models, parse_subscribe_repos_message
from atproto_subscription.frames import Frame

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.shared import SourceItem
from bot.sources.relay import RelayOptions, RelaySource
from bot.supervise import ErrorSink
from tests import relay_frames as rf
from tests.streams import BOT

T0 = 1_785_585_600_000_000
POST, LIKE, REPOST = "app.bsky.feed.post", "app.bsky.feed.like", "app.bsky.feed.repost"
FOLLOW, BLOCK = "app.bsky.graph.follow", "app.bsky.graph.block"
TEXTS = [
    "coffee first, then the world",
    "my cat just knocked the plant over again, third time this week. send help",
    "20% off everything in my shop this weekend with code AUTUMN20",
    "finished the book, what a ride. recommendations welcome",
]

Callback = Callable[[Any], Awaitable[None]]


def one_op(rng: random.Random, dids: list[str], n: int) -> rf.Op:
    roll, rkey = rng.random(), f"3k{n:010d}"
    if roll < 0.50:
        return rf.Op("create", LIKE, rkey, rf.like(rng.choice(dids)))
    if roll < 0.65:
        return rf.Op("create", POST, rkey, rf.post(rng.choice(TEXTS)))
    if roll < 0.77:
        return rf.Op("create", REPOST, rkey, rf.repost(rng.choice(dids)))
    if roll < 0.92:
        subject = BOT if rng.random() < 0.001 else rng.choice(dids)
        return rf.Op("create", FOLLOW, rkey, rf.follow(subject))
    if roll < 0.94:
        return rf.Op("create", BLOCK, rkey, rf.block(rng.choice(dids)))
    return rf.Op("delete", rng.choice((LIKE, POST, FOLLOW, REPOST)), rkey)


def generate(frames: int, accounts: int, opted: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    dids = [f"did:plc:{i:024d}" for i in range(accounts)]
    out = []
    for n in range(frames):
        repo = dids[rng.randrange(accounts)]  # the first `opted` DIDs are the opted-in ones
        op = one_op(rng, dids, n)
        out.append(rf.commit_frame(n + 1, repo, [op], T0 + n, mst_depth=rng.randint(3, 5)))
    return out


async def nothing(frame: Any) -> None:
    return None


async def sdk_documented(frame: Any) -> None:
    message = parse_subscribe_repos_message(frame)
    if isinstance(message, models.ComAtprotoSyncSubscribeRepos.Commit):
        car = CAR.from_bytes(message.blocks)
        for op in message.ops:
            if op.cid is not None:
                models.get_or_create(car.blocks.get(op.cid), strict=False)


async def run(raw_frames: list[bytes], callback: Callback) -> float:
    """Frames/s: the SDK client's per-frame work (decode, await the callback)."""
    started = time.perf_counter()
    for raw in raw_frames:
        await callback(Frame.from_bytes(raw))
    return len(raw_frames) / (time.perf_counter() - started)


def relay_source(opted: int) -> tuple[RelaySource, asyncio.Queue[SourceItem]]:
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    dids = (f"did:plc:{i:024d}" for i in range(opted))
    source = RelaySource(queue, None, BOT, dids, ErrorSink(), RelayOptions())  # type: ignore[arg-type]
    return source, queue


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--frames", type=int, default=100_000)
    parser.add_argument("--accounts", type=int, default=500_000)
    parser.add_argument("--opted", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    frames = generate(args.frames, args.accounts, args.opted, seed=5)
    size = sum(map(len, frames)) / len(frames)
    took = time.perf_counter() - started
    print(f"{len(frames):,} frames ({size:.0f} B avg) generated in {took:.1f} s")
    best: dict[str, float] = {"nothing": 0.0, "sdk": 0.0, "relay": 0.0}
    for _ in range(args.rounds):  # interleaved, best of n: the same conditions for all three
        best["nothing"] = max(best["nothing"], await run(frames, nothing))
        best["sdk"] = max(best["sdk"], await run(frames, sdk_documented))
        source, queue = relay_source(args.opted)
        best["relay"] = max(best["relay"], await run(frames, source.on_frame))
    events = sum(len(queue.get_nowait().events) for _ in range(queue.qsize()))
    stats = source.filter
    print(
        f"relay source: {events:,} events, {stats.decoded_frames:,} frames decoded, "
        f"{source.stats.items:,} items, skipped {dict(stats.skipped)}"
    )
    for name, label in (
        ("nothing", "SDK, callback does nothing"),
        ("sdk", "SDK documented path"),
        ("relay", "relay source, filter-first"),
    ):
        print(f"  {label:28s} {best[name]:>10,.0f} frames/s")
    print(f"relay / SDK documented = {best['relay'] / best['sdk']:.2f}x (goal >= 4.5x)")
    print(f"relay / do-nothing     = {best['relay'] / best['nothing']:.2f}x (goal >= 0.7x)")


if __name__ == "__main__":
    asyncio.run(main())
