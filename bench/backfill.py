"""bench/backfill: opt-in -> history-fetched latency on the real local network (PLC + PDS).

One account with ~300 records (posts, likes, reposts), written in a few `applyWrites` calls;
then, 5 times, a fresh `Backfiller` (as at an opt-in: the DID is resolved anew) fetches the
last 60 days. Prints the median latency and records/s; asserts nothing. Skips with a message
when the local network cannot run here (see tests/localnet/README.md).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from atproto import AsyncClient, models

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.sources.backfill import Backfiller, BackfillOptions
from tests.localnet import harness

Create = models.ComAtprotoRepoApplyWrites.Create


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


async def populate(net: harness.Network, per_kind: int) -> str:
    """An account with `per_kind` posts, likes and reposts (of its own first post)."""
    account = harness.create_account(net.pds_url, "bench")
    client = AsyncClient(base_url=f"{net.pds_url}/xrpc")
    try:
        await client.login(account.handle, account.app_password, fetch_bsky_profile=False)
        first = await client.app.bsky.feed.post.create(
            account.did, models.AppBskyFeedPost.Record(text="first", created_at=_now_iso())
        )
        ref = {"uri": first.uri, "cid": first.cid}
        writes = [
            Create(collection=c, value=v)
            for i in range(per_kind)
            for c, v in (
                ("app.bsky.feed.post", {"text": f"post {i}", "createdAt": _now_iso()}),
                ("app.bsky.feed.like", {"subject": ref, "createdAt": _now_iso()}),
                ("app.bsky.feed.repost", {"subject": ref, "createdAt": _now_iso()}),
            )
        ]
        for start in range(0, len(writes), 150):  # the PDS takes at most 200 writes a call
            data = models.ComAtprotoRepoApplyWrites.Data(
                repo=account.did, writes=writes[start : start + 150]
            )
            await client.com.atproto.repo.apply_writes(data)
    finally:
        await client.request.close()
    return account.did


async def measure(net: harness.Network, did: str, runs: int) -> None:
    latencies: list[float] = []
    records = pages = 0
    for _ in range(runs):
        now_us = time.time_ns() // 1000
        started = time.perf_counter()
        options = BackfillOptions(plc_url=net.plc_url, trusted_urls=(net.pds_url,))
        async with Backfiller(options) as backfiller:
            history = await backfiller.fetch(did, now_us)
        latencies.append(time.perf_counter() - started)
        records, pages = history.records, history.pages
    median = statistics.median(latencies)
    print(f"records {records}, pages {pages}, runs {runs}")
    print(
        f"opt-in -> history fetched: median {median * 1000:.1f} ms "
        f"(min {min(latencies) * 1000:.1f}, max {max(latencies) * 1000:.1f}); "
        f"{records / median:,.0f} records/s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=100, help="posts = likes = reposts")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    problem = harness.install_problem()
    if problem:
        print(f"bench/backfill skipped: local network unavailable: {problem}")
        return 0
    session = harness.Session()
    try:
        try:
            net = harness.start_network(session)
        except harness.LocalnetUnavailable as e:
            print(f"bench/backfill skipped: local network unavailable: {e}")
            return 0
        print(f"local network started in {net.start_seconds:.1f} s")
        did = asyncio.run(populate(net, args.per_kind))
        asyncio.run(measure(net, did, args.runs))
    finally:
        session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
