"""bench/ingest_jetstream: Jetstream v2 events/s through the SDK client, ours vs doing nothing.

Generated v2 events (10,000 opted-in accounts among 500,000, the firehose-like mix of
bench/ingest.py — likes, posts, reposts, follows, blocks, deletes — plus identity/account
events and a few follows of the bot) are served over real websockets on 127.0.0.1 by a forked
server (bench/jetstream_serve.py: the test server's framing and filters, uncompressed JSON text
frames, sent as fast as the client reads). Each run measures, against the same server:

  nothing  the SDK's AsyncJetstreamClient, one per connection of the layout below, with a
           callback that does nothing (the floor; its own cursor tells when it is done)
  ours     the real JetstreamSource over the same connections: its Subscriptions' callback
           (dedup, convert, filter, `await queue.put`) into a bounded queue drained by a
           consumer task

in two layouts (both are what JetstreamSource builds for 10,000 people):

  local    the default options (20 hash buckets of ≤ 150 DIDs): every bucket overflows, so
           one `follows` connection (follows/blocks of everyone) and one `collections`
           connection (all activity of everyone, filtered locally) — the client sees the
           whole stream
  sharded  --buckets (100) DID-filtered shards of ≤ 150 DIDs + `follows`: the SERVER filters
           by DID; the client sees only the opted-in people's events and all follows/blocks

`--opted 100000 --modes local` is the 100,000-person case: the default layout again has every
bucket overflow, so it is the `local` layout with a 100,000-DID filter set (`sharded` would
need buckets of ≤ 150 DIDs, i.e. --buckets ≥ 667 and as many connections: not measured).

Figures: frames delivered per second (both paths receive the same frames, so events/s through
the SDK client) and the ratio; each run is the best of --rounds interleaved rounds per path.
Goal: ours ≥ 0.7× nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from atproto_jetstream import AsyncJetstreamClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.jetstream_serve import BenchServer, bind, did_of, fork, generate
from bot.shared import SourceItem
from bot.sources.jetstream import JetstreamOptions, JetstreamSource
from bot.sources.jetstream_plan import Layout, collections_params, follows_params, shard_params
from bot.supervise import ErrorSink
from tests.streams import BOT

Params = Mapping[str, Any]


class _Store:
    """All JetstreamSource.start asks the store for, given the opted-in set: saved cursors."""

    async def get_cursor(self, name: str) -> int:
        return 0  # replay the server's whole retention (an inclusive seq cursor)


def options(url: str, buckets: int) -> JetstreamOptions:
    # compress=False: the server has no zstd dictionary (the SDK would fall back anyway)
    return JetstreamOptions(bot_did=BOT, url=url, max_connections=buckets, compress=False)


def plan(opts: JetstreamOptions, dids: list[str]) -> list[dict[str, list[str]]]:
    """The connections JetstreamSource opens for these people (the same Layout code)."""
    layout = Layout(opts.max_connections, opts.shard_size, opts.url, opts.max_url_bytes)
    layout.add(dids)
    params = [follows_params(), *(shard_params(d) for _, d in sorted(layout.shards().items()))]
    if layout.local_buckets():
        params.append(collections_params())
    return params


async def until(done: Callable[[], bool], sink: ErrorSink | None = None) -> None:
    """Poll every 2 ms (the same for both paths): the floor's callback must stay empty."""
    while not done():  # nothing to signal from: polling is the point
        if sink is not None and sink.total:
            raise RuntimeError(f"errors: {sink.last}")
        await asyncio.sleep(0.002)


async def nothing(message: Any) -> None:
    return None


async def run_nothing(url: str, params: list[dict[str, list[str]]], server: BenchServer) -> float:
    """Seconds for SDK clients doing nothing to read every frame (the SDK tracks the cursor)."""
    clients = [
        AsyncJetstreamClient(
            params={**p, "cursor": 0}, base_uri=url, recv_timeout=None, compress=False
        )
        for p in params
    ]
    lasts = [(c, server.selection(p).seqs[-1]) for c, p in zip(clients, params, strict=True)]
    started = time.perf_counter()
    tasks = [asyncio.create_task(c.start(nothing)) for c in clients]
    await until(lambda: all((c.cursor or 0) >= last for c, last in lasts))
    took = time.perf_counter() - started
    await asyncio.gather(*(c.stop() for c in clients))
    await asyncio.gather(*tasks)
    return took


async def run_ours(
    opts: JetstreamOptions, dids: list[str], server: BenchServer, queue_size: int
) -> tuple[float, int, JetstreamSource]:
    """Seconds for JetstreamSource to handle every frame and its consumer to drain the queue."""
    queue: asyncio.Queue[SourceItem] = asyncio.Queue(maxsize=queue_size)
    counted = [0]

    async def consume() -> None:
        while True:
            item = await queue.get()
            counted[0] += len(item.events)
            queue.task_done()

    sink = ErrorSink()
    source = JetstreamSource(opts, queue, _Store(), sink)  # type: ignore[arg-type]
    consumer = asyncio.create_task(consume())
    await source.start(opted_in=dids)  # the layout work; its connections open once we await
    subs = [s for s in (source.follows, source.collections, *source.shards.values()) if s]
    lasts = [(s, server.selection(s.params).seqs[-1]) for s in subs]
    started = time.perf_counter()
    await until(lambda: all((s.position.handled or 0) >= last for s, last in lasts), sink)
    await queue.join()
    took = time.perf_counter() - started
    await source.stop()
    consumer.cancel()
    return took, counted[0], source


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--accounts", type=int, default=500_000)
    parser.add_argument("--opted", type=int, default=10_000)
    parser.add_argument("--buckets", type=int, default=100, help="sharded layout's buckets")
    parser.add_argument("--queue", type=int, default=1000, help="bounded queue size")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3, help="each run: best of n rounds")
    parser.add_argument("--modes", default="local,sharded")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    started = time.perf_counter()
    js = generate(args.events, args.accounts, args.opted, BOT, seed=5)
    dids = [did_of(i) for i in range(args.opted)]
    sock, url = bind()
    layouts = {"local": options(url, 20), "sharded": options(url, args.buckets)}
    modes = [m for m in args.modes.split(",") if m]
    plans = {m: plan(layouts[m], dids) for m in modes}
    server = BenchServer(js, [p for m in modes for p in plans[m]])
    size = sum(len(e.frame) for e in js.events) / len(js.events)
    took = time.perf_counter() - started
    print(f"{len(js.events):,} events ({size:.0f} B avg frame) prepared in {took:.1f} s")
    for m in modes:
        frames = sum(len(server.selection(p).seqs) for p in plans[m])
        print(f"  {m:8s} {len(plans[m]):3d} connections, {frames:,} frames delivered per pass")
    process = fork(server, sock)
    ratios: dict[str, list[float]] = {m: [] for m in modes}
    try:
        for run in range(1, args.runs + 1):
            for m in modes:
                frames = sum(len(server.selection(p).seqs) for p in plans[m])
                floor = ours = float("inf")
                for _ in range(args.rounds):  # interleaved, best of n: the same conditions
                    floor = min(floor, await run_nothing(url, plans[m], server))
                    took, events, source = await run_ours(layouts[m], dids, server, args.queue)
                    ours = min(ours, took)
                ratios[m].append(floor / ours)
                print(
                    f"run {run} {m:8s} nothing {frames / floor:>7,.0f} frames/s | "
                    f"ours {frames / ours:>7,.0f} frames/s ({events:,} events queued, "
                    f"skipped {dict(source.skipped)}) | ours/nothing {floor / ours:.2f}x"
                )
    finally:
        process.terminate()
        process.join(5)
    for m in modes:
        low, high = min(ratios[m]), max(ratios[m])
        print(f"{m:8s} ours/nothing = {low:.2f}-{high:.2f}x (goal >= 0.7x)")


if __name__ == "__main__":
    asyncio.run(main())
