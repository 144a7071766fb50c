"""bench/evaluate: one evaluation pass over N opted-in people who are all due (the worst case).

Each size runs in a fresh process so peak RSS is per size. Prints seconds (wall and CPU, the
CPU of SQLite's thread included; and the event loop's thread alone: the rest is the driver's
thread, which can run beside it), µs per person and peak RSS for 10,000 and 100,000 people,
and the 100k/10k time ratio (linear = 10x).

`--baseline DIR` runs the same sizes, interleaved, with another checkout's bench (e.g. made by
`git archive <commit> bot bench migrations | tar -x -C DIR`) and prints this/baseline ratios:
on a shared, noisy machine that is the fair before/after. `--rounds N` repeats everything.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.aggregates import encode_ints, encode_posts
from bot.clock import US_PER_DAY, US_PER_HOUR
from bot.jobs import Jobs
from bot.outbox import Outbox, SendSettings
from bot.policy import PolicySettings, RecentPost
from bot.replay import PrintingSender
from bot.store import Store
from bot.store.engine import create_engine

NOW = 1_790_000_000 * 1_000_000


def person_row(i: int, rng: random.Random) -> tuple[object, ...]:
    """A varied population: daily, weekly and irregular people, some quiet, some promo-heavy."""
    gap = rng.choice([1, 1, 2, 3, 7, 7, 14])
    silence = rng.choice([0, 1, 3, 10, 20, 40])
    last = NOW - silence * US_PER_DAY - rng.randrange(US_PER_DAY)
    days = sorted({(last - k * gap * US_PER_DAY) // US_PER_DAY for k in range(90 // gap)})
    days = [d for d in days if d >= (NOW // US_PER_DAY) - 90]
    promo_share = rng.choice([0.0, 0.1, 0.95, 1.0])
    posts = [
        RecentPost(last - k * 11 * US_PER_HOUR, rng.random() < promo_share, rng.random() < 0.2)
        for k in range(rng.randrange(0, 30))
    ]
    posts.sort(key=lambda p: p.time_us)
    hours = [rng.randrange(0, 5) for _ in range(24)]
    return (
        f"did:plc:bench{i:019d}",
        f"f{i}",
        NOW - 100 * US_PER_DAY,
        True,
        last,
        encode_ints(days),
        encode_ints(hours),
        encode_posts(posts),
        "",
        NOW - 1,
    )


_COLUMNS = (
    "did, follow_rkey, opted_in_us, account_active, last_activity_us, active_days, hour_counts,"
    " recent_posts, last_variants, next_eval_us"
)


def populate(url: str, people: int) -> None:
    """A fresh schema (PostgreSQL: the database's `public` schema is dropped first) and
    `people` rows, all due."""

    async def migrate() -> None:
        if url.startswith("postgresql"):
            await reset_postgres(url)
        async with Store.open(url) as store:
            await store.migrate()

    asyncio.run(migrate())
    rng = random.Random(people)
    rows = (person_row(i, rng) for i in range(people))  # not a list: peak RSS is the pass's
    if url.startswith("sqlite"):
        with sqlite3.connect(url.split("///", 1)[1]) as conn:
            marks = ", ".join("?" * 10)
            conn.executemany(f"INSERT INTO people ({_COLUMNS}) VALUES ({marks})", rows)
        return

    async def insert() -> None:
        async with Store.open(url) as store, store.engine.begin() as conn:
            driver = (await conn.get_raw_connection()).driver_connection
            assert driver is not None
            marks = ", ".join(f"${i}" for i in range(1, 11))
            sql = f"INSERT INTO people ({_COLUMNS}) VALUES ({marks})"
            while chunk := list(itertools.islice(rows, 5000)):
                await driver.executemany(sql, chunk)
        async with Store.open(url) as store, store.engine.connect() as conn:
            # a live database has statistics (autovacuum analyzes it); fresh rows have none
            await (await conn.execution_options(isolation_level="AUTOCOMMIT")).execute(
                text("ANALYZE people")
            )

    asyncio.run(insert())


async def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


async def loop_stalls(stalls: list[float]) -> None:
    """How long the service's other tasks wait for a turn while the pass runs: a task that
    asks to wake every millisecond, and how late it wakes."""
    while True:
        began = time.perf_counter()
        await asyncio.sleep(0.001)
        stalls.append(time.perf_counter() - began - 0.001)


async def evaluate(url: str, watch: bool = False) -> tuple[float, int, int]:
    async with Store.open(url) as store:
        jobs = Jobs(
            store,
            Outbox(store, PrintingSender(sys.stderr), SendSettings(), "bench"),
            PolicySettings(),
        )
        stalls: list[float] = []
        # opt-in: the watcher's own wake-ups cost the loop a few tenths of a second
        watcher = asyncio.create_task(loop_stalls(stalls)) if watch else None
        await asyncio.sleep(0.01)
        started, cpu, main = time.perf_counter(), time.process_time(), time.thread_time()
        report = await jobs.evaluate(NOW)
        seconds = time.perf_counter() - started
        if watcher is not None:
            watcher.cancel()
        print(f"CPU {time.process_time() - cpu}", flush=True)
        print(f"MAIN {time.thread_time() - main}", flush=True)  # the event loop's thread alone
        stalls.sort()
        if stalls:
            print(
                f"STALL longest {stalls[-1] * 1000:.1f} ms, 99th percentile"
                f" {stalls[int(len(stalls) * 0.99)] * 1000:.1f} ms late, a task waking every ms",
                flush=True,
            )
        return seconds, report.examined, report.queued


async def day_after(url: str, minutes: int) -> None:
    """The service's passes after that one: every minute for `minutes` simulated minutes (a
    pass runs only when the earliest next check has come, as `Jobs.tick` does), with the next
    checks the first pass left, nothing new posted. Prints the busiest pass and the total."""
    async with Store.open(url) as store:
        if url.startswith("postgresql"):
            # the all-due pass left 100,000 dead row versions; live, autovacuum removes them
            # within about a minute, while these simulated minutes pass in milliseconds
            async with store.engine.connect() as conn:
                auto = await conn.execution_options(isolation_level="AUTOCOMMIT")
                await auto.execute(text("VACUUM ANALYZE people, outbox"))
        jobs = Jobs(
            store,
            Outbox(store, PrintingSender(sys.stderr), SendSettings(), "bench"),
            PolicySettings(),
        )
        passes = examined = queued = 0
        slowest = total = 0.0
        started = time.perf_counter()
        for minute in range(1, minutes + 1):
            now = NOW + minute * 60 * 1_000_000
            next_eval, _ = await store.wakeups()
            if next_eval is None or next_eval > now:
                continue
            began = time.perf_counter()
            report = await jobs.evaluate(now)
            took = time.perf_counter() - began
            passes += 1
            examined, queued = examined + report.examined, queued + report.queued
            slowest, total = max(slowest, took), total + took
        print(
            f"DAY {minutes} minutes: {passes} passes with people due, {examined:,} people examined,"
            f" {queued:,} nudges queued; busiest pass {slowest:.3f} s, passes {total:.2f} s,"
            f" all {time.perf_counter() - started:.2f} s",
            flush=True,
        )


def one_size(
    people: int, day_minutes: int = 0, watch: bool = False, url: str | None = None
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = url or f"sqlite+aiosqlite:///{Path(tmp) / 'evaluate.db'}"
        populate(url, people)
        seconds, examined, queued = asyncio.run(evaluate(url, watch))
        if day_minutes:
            asyncio.run(day_after(url, day_minutes))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{people:>7,} people: {seconds:6.2f} s, {seconds / examined * 1e6:5.1f} µs/person, "
        f"{queued:,} nudges queued, peak RSS {rss_mb:.0f} MB",
        flush=True,
    )
    print(f"RESULT {people} {seconds}", flush=True)


def run_size(script: str, people: int, flags: list[str]) -> tuple[str, float, float]:
    """(the line to print, wall seconds, CPU seconds) of one size in a fresh process."""
    out = subprocess.run(
        [sys.executable, script, "--people", str(people), *flags],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if "people:" in line)
    cpu = float(out.split("CPU ")[1].split()[0]) if "CPU " in out else float("nan")
    line += f", CPU {cpu:.2f} s"
    if "MAIN " in out:  # a baseline's bench may not print it
        line += f" (event-loop thread {float(out.split('MAIN ')[1].split()[0]):.2f} s)"
    extra = [x for x in out.splitlines() if x.startswith(("DAY ", "STALL "))]
    line += "".join("\n  " + x for x in extra)
    return line, float(out.split("RESULT")[1].split()[1]), cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, help="run one size in this process")
    parser.add_argument("--baseline", type=Path, help="a checkout to compare with, same run")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument(
        "--day", action="store_true", help="then a simulated day of the service's passes"
    )
    parser.add_argument(
        "--stalls", action="store_true", help="how late a task waking every ms gets (costs time)"
    )
    parser.add_argument(
        "--database-url",
        help="a THROW-AWAY PostgreSQL database (its public schema is dropped); default SQLite",
    )
    args = parser.parse_args()
    if args.database_url and args.baseline:
        parser.error("--baseline compares on SQLite only (the baseline's bench may not know URLs)")
    if args.people:
        one_size(args.people, 24 * 60 if args.day else 0, args.stalls, args.database_url)
        return
    for _ in range(args.rounds):
        times = {}
        for people in (10_000, 100_000):
            flags = ["--day"] * args.day + ["--stalls"] * args.stalls
            flags += ["--database-url", args.database_url] if args.database_url else []
            line, times[people], cpu = run_size(__file__, people, flags)
            print(line, flush=True)
            if args.baseline:
                # the baseline's own bench may not know the flags
                base_line, base, base_cpu = run_size(
                    str(args.baseline / "bench/evaluate.py"), people, []
                )
                print(f"  baseline {base_line.strip()}", flush=True)
                print(
                    f"  this / baseline: wall {times[people] / base:.2f}, CPU {cpu / base_cpu:.2f}",
                    flush=True,
                )
        print(f"100k / 10k time ratio: {times[100_000] / times[10_000]:.1f} (linear = 10.0)")


if __name__ == "__main__":
    main()
