"""bench/startup: what the service's ingest side costs to start with N opted-in people.

In a fresh process per run: open the store, `Pipeline.start` (loads DID -> follow rkey of
everyone opted in, bot/pipeline.py) and the Jetstream layout work `JetstreamSource.start` does
with that set (hash buckets; which are DID-filtered shards and which are served locally).
Prints seconds for each, the resident set before and after (the memory that holds per
opted-in person while the service runs) and peak RSS. The database is generated once per size
(bench/evaluate.py's varied population). No network: the layout is computed, not connected.

Run: .venv/bin/python bench/startup.py [--people 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.evaluate import populate
from bot.classify import classify
from bot.pipeline import Pipeline
from bot.policy import PolicySettings
from bot.sources.jetstream_plan import Layout
from bot.sources.jetstream_sub import JetstreamOptions
from bot.store import Store
from tests.streams import BOT


def rss_mb() -> float:
    """Current resident set (not the peak), from /proc."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


async def start(db: Path) -> None:
    before = rss_mb()
    started = time.perf_counter()
    async with Store.open(f"sqlite+aiosqlite:///{db}") as store:
        await store.ensure_current()
        pipeline = Pipeline(store, BOT, classify, PolicySettings())
        await pipeline.start()
        loaded = time.perf_counter()
        options = JetstreamOptions(bot_did=BOT)
        layout = Layout(options.max_connections, options.shard_size, options.url)
        layout.add(pipeline.opted)
        shards, local = layout.shards(), layout.local_buckets()
        laid_out = time.perf_counter()
    after = rss_mb()
    people = len(pipeline.opted)
    print(
        f"{people:,} opted in: Pipeline.start {loaded - started:.2f} s, Jetstream layout "
        f"{laid_out - loaded:.2f} s ({len(shards)} shards, {len(local)} buckets local); RSS "
        f"{before:.0f} -> {after:.0f} MB ({(after - before) * 2**20 / people:.0f} B/person), "
        f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", type=Path, help="(internal) start from this database")
    args = parser.parse_args()
    if args.db:
        asyncio.run(start(args.db))
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "startup.db"
        populate(db, args.people)
        for _ in range(args.runs):
            subprocess.run([sys.executable, __file__, "--db", str(db)], check=True)


if __name__ == "__main__":
    main()
