"""The live intake loop: batches, cursors committed with their events, back-pressure."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.classify import PromoVerdict
from bot.clock import US_PER_SECOND, SimulatedClock
from bot.events import ActivityKind, FollowCreated, PostCreated
from bot.ingest import IngestLoop
from bot.pipeline import Pipeline
from bot.policy import PolicySettings
from bot.shared import IngestOutcome, SourceItem
from bot.store import Store
from tests.tasks import stop

BOT, ALICE = "did:plc:bot", "did:plc:alice"
T0 = 1_785_585_600_000_000


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path}/i.db") as opened:
        await opened.migrate()
        yield opened


def post(rkey: str, t: int) -> PostCreated:
    return PostCreated(ALICE, t, rkey, ActivityKind.POST, {"text": "hi"})


async def test_items_are_committed_in_batches_with_their_cursors(store: Store) -> None:
    pipeline = Pipeline(store, BOT, lambda r: PromoVerdict(0.0, False), PolicySettings())
    await pipeline.start()
    queue: asyncio.Queue[SourceItem] = asyncio.Queue(maxsize=10)
    flushed: list[IngestOutcome] = []

    async def on_flushed(outcome: IngestOutcome) -> None:
        flushed.append(outcome)

    clock = SimulatedClock(T0 + 90 * US_PER_SECOND)
    loop = IngestLoop(
        pipeline, queue, clock, max_batch_events=3, max_wait_s=0.05, on_flushed=on_flushed
    )
    await queue.put(SourceItem([FollowCreated(ALICE, T0, "f1", BOT)], "jetstream:0", 10))
    await queue.put(SourceItem([post("p1", T0 + 1), post("p2", T0 + 2)], "jetstream:0", 12))
    await queue.put(SourceItem([post("p3", T0 + 3)], "jetstream:1", 5))
    task = asyncio.create_task(loop.run())
    try:
        async with asyncio.timeout(5):
            await queue.join()
    finally:
        await stop(task)
    assert [o.opted_in for o in flushed] == [[ALICE], []]
    assert loop.stats.batches == 2 and loop.stats.events == 4
    assert loop.stats.lag_us == 90 * US_PER_SECOND - 3
    assert await store.get_cursor("jetstream:0") == 12
    assert await store.get_cursor("jetstream:1") == 5
    assert await store.activity_count(ALICE) == 4  # the follow and three posts


async def test_drain_commits_what_is_left(store: Store) -> None:
    pipeline = Pipeline(store, BOT, lambda r: PromoVerdict(0.0, False), PolicySettings())
    await pipeline.start()
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    loop = IngestLoop(pipeline, queue, SimulatedClock(T0))
    await queue.put(SourceItem([FollowCreated(ALICE, T0, "f1", BOT)], "relay", 99))
    await loop.drain()
    assert await store.get_cursor("relay") == 99
    assert await store.load_opted_in() == {ALICE: "f1"}


class FlakyStore(Store):
    """A real store whose next `apply` calls fail, as a database that went away would."""

    failures = 0

    async def apply(self, *args: object, **kwargs: object) -> list[str]:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("database is unavailable")
        return await super().apply(*args, **kwargs)  # type: ignore[arg-type]


async def test_a_failed_commit_is_retried_until_it_lands(tmp_path: Path) -> None:
    from bot.supervise import ErrorSink

    async with FlakyStore.open(f"sqlite+aiosqlite:///{tmp_path}/f.db") as store:
        await store.migrate()
        assert isinstance(store, FlakyStore)
        pipeline = Pipeline(store, BOT, lambda r: PromoVerdict(0.0, False), PolicySettings())
        await pipeline.start()
        store.failures = 2
        queue: asyncio.Queue[SourceItem] = asyncio.Queue()
        sink = ErrorSink()
        loop = IngestLoop(pipeline, queue, SimulatedClock(T0), max_wait_s=0.01, errors=sink)
        committed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        events = [FollowCreated(ALICE, T0, "f1", BOT), post("p1", T0 + 1)]
        await queue.put(SourceItem(events, "relay", 7, committed))
        task = asyncio.create_task(loop.run())
        try:
            async with asyncio.timeout(10):
                await committed
        finally:
            await stop(task)
        assert sink.counts["ingest.commit"] == 2 and loop.stats.failed_commits == 2
        assert await store.get_cursor("relay") == 7
        assert await store.load_opted_in() == {ALICE: "f1"}
        assert await store.activity_count(ALICE) == 2  # the follow and the post, once each
        assert pipeline.opted == {ALICE: "f1"}


async def test_the_outcome_counts_events_by_type_and_lag_is_the_firehoses(store: Store) -> None:
    """History (no cursor) is old by nature: it must not read as the firehose falling behind."""
    pipeline = Pipeline(store, BOT, lambda r: PromoVerdict(0.0, False), PolicySettings())
    await pipeline.start()
    queue: asyncio.Queue[SourceItem] = asyncio.Queue()
    flushed: list[IngestOutcome] = []

    async def on_flushed(outcome: IngestOutcome) -> None:
        flushed.append(outcome)

    now = T0 + 30 * 86_400 * US_PER_SECOND
    loop = IngestLoop(pipeline, queue, SimulatedClock(now), on_flushed=on_flushed)
    await queue.put(SourceItem([FollowCreated(ALICE, now - 5, "f1", BOT)], "relay", 1))
    await loop.drain()
    await queue.put(SourceItem([post("old1", T0), post("old2", T0 + 1)]))  # a history read
    await loop.drain()
    assert [dict(o.kinds) for o in flushed] == [{"FollowCreated": 1}, {"PostCreated": 2}]
    assert loop.stats.lag_us == 5  # from the follow, not from the month-old history
