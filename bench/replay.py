"""bench/replay: the whole offline pipeline over a generated 1,000,000-event stream.

Prints events/s (wall and one-core CPU), peak RSS and how many DMs came out. The baseline
in the same run is the bare cost of reading and JSON-decoding the file (the floor).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import resource
import sys
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gen_stream import ensure_stream
from bot.replay import ReplayOptions, run_replay
from tests.streams import BOT


def parse_only(path: Path) -> float:
    started = time.perf_counter()
    with open(path, "rb") as handle:
        for line in handle:
            orjson.loads(line)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--accounts", type=int, default=50_000)
    parser.add_argument("--opted", type=int, default=10_000)
    args = parser.parse_args()
    path = ensure_stream(args.events, args.accounts, args.opted)
    baseline = parse_only(path)
    out = io.StringIO()
    # the database `nudgebot replay FILE` uses: a throw-away SQLite file
    options = ReplayOptions(bot_did=BOT)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    stats = asyncio.run(run_replay(str(path), options, out))
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"stream: {stats.lines:,} lines, {stats.events:,} relevant events, {stats.dms:,} DMs")
    print(
        f"replay: {wall:.2f} s wall, {cpu:.2f} s CPU -> {stats.lines / wall:,.0f} events/s "
        f"(wall), {stats.lines / cpu:,.0f} events/s per CPU-second"
    )
    print(
        f"baseline (read + JSON-decode only): {stats.lines / baseline:,.0f} lines/s; "
        f"replay costs {wall / baseline:.1f}x the baseline"
    )
    print(f"peak RSS: {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
