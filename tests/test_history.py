"""The history worker: who is read, what lands in the store, how failures wait and give up."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pytest

from bot.classify import PromoVerdict
from bot.clock import US_PER_DAY, US_PER_SECOND, SimulatedClock
from bot.errors import PermanentError, RateLimited, TransientError
from bot.events import ActivityKind, EngagementCreated, Event, FollowCreated, PostCreated
from bot.history import HistoryOptions, HistoryWorker
from bot.ingest import IngestLoop
from bot.pipeline import Pipeline
from bot.policy import PolicySettings
from bot.shared import SourceItem
from bot.store import Store
from bot.supervise import ErrorSink
from tests.tasks import stop

BOT, ALICE, BOB = "did:plc:bot", "did:plc:alice", "did:plc:bob"
T0 = 1_785_585_600_000_000
T = TypeVar("T")


async def eventually(read: Callable[[], Awaitable[T | None]], ok: Callable[[T], bool]) -> None:
    async with asyncio.timeout(5):
        while True:
            value = await read()
            if value is not None and ok(value):
                return
            await asyncio.sleep(0.02)


def history_of(did: str, days: int) -> list[Event]:
    """A post every day for `days` days before T0, and a like on each."""
    events: list[Event] = []
    for day in range(1, days + 1):
        at = T0 - day * US_PER_DAY
        events.append(PostCreated(did, at, f"p{day}", ActivityKind.POST, {"text": "hi"}))
        events.append(EngagementCreated(did, at + 1, f"l{day}", ActivityKind.LIKE, BOB))
    return events


@dataclass
class FakePds:
    """Answers like the backfill edge: records, or the project's errors, per DID."""

    records: dict[str, list[Event]] = field(default_factory=dict)
    failures: dict[str, list[Exception]] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)

    async def fetch(self, did: str, now_us: int) -> Sequence[Event]:
        self.calls.append(did)
        pending = self.failures.get(did)
        if pending:
            raise pending.pop(0)
        return self.records.get(did, [])


@dataclass
class Rig:
    store: Store
    pipeline: Pipeline
    clock: SimulatedClock
    pds: FakePds
    worker: HistoryWorker
    sink: ErrorSink
    loop_task: asyncio.Task[None]

    async def opt_in(self, *dids: str) -> None:
        follows = [FollowCreated(did, self.clock.now_us(), f"f-{did}", BOT) for did in dids]
        await self.pipeline.ingest(follows, self.clock.now_us())


@pytest.fixture
async def rig(tmp_path: Path) -> AsyncIterator[Rig]:
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path}/h.db") as store:
        await store.migrate()
        pipeline = Pipeline(store, BOT, lambda r: PromoVerdict(0.0, False), PolicySettings())
        await pipeline.start()
        queue: asyncio.Queue[SourceItem] = asyncio.Queue(maxsize=8)
        clock, sink, pds = SimulatedClock(T0), ErrorSink(), FakePds()
        loop = IngestLoop(pipeline, queue, clock, max_wait_s=0.01, errors=sink)
        options = HistoryOptions(concurrency=2, max_attempts=3, retry_base_s=60, retry_cap_s=600)
        worker = HistoryWorker(store, pds.fetch, queue.put, clock, sink, options)
        task = asyncio.create_task(loop.run())
        try:
            yield Rig(store, pipeline, clock, pds, worker, sink, task)
        finally:
            await stop(task)


async def test_history_lands_with_the_person_marked_loaded(rig: Rig) -> None:
    rig.pds.records[ALICE] = history_of(ALICE, 30)
    await rig.opt_in(ALICE, BOB)
    assert await rig.worker.run_once() == 2
    assert await rig.store.history_state(ALICE) == (T0, 0, None)
    assert await rig.store.history_state(BOB) == (T0, 0, None)  # nothing to read is fine
    assert await rig.store.activity_count(ALICE) == 61  # follow + 30 posts + 30 likes
    alice = await rig.store.person(ALICE)
    # the promo rule looks back 14 days (+1 for the day boundary): older post marks are trimmed
    assert alice is not None and len(alice.active_days) == 31 and len(alice.recent_posts) == 15
    assert await rig.worker.run_once() == 0  # nobody left
    assert rig.worker.stats.loaded == 2 and rig.worker.stats.records == 60


async def test_records_already_seen_live_count_once(rig: Rig) -> None:
    rig.pds.records[ALICE] = history_of(ALICE, 3)
    await rig.opt_in(ALICE)
    await rig.pipeline.ingest(history_of(ALICE, 2), T0)  # the live stream saw two days already
    await rig.worker.run_once()
    assert await rig.store.activity_count(ALICE) == 7
    alice = await rig.store.person(ALICE)
    assert alice is not None and sum(alice.hour_counts) == 7


@pytest.mark.parametrize(
    ("error", "retry_s"),
    [
        (TransientError("PDS timed out"), (30, 60)),
        (RateLimited(retry_after=500), (500, 500)),
        (ConnectionResetError("reset"), (30, 60)),
    ],
)
async def test_transient_failures_wait_then_read(
    rig: Rig, error: Exception, retry_s: tuple[int, int]
) -> None:
    rig.pds.records[ALICE] = history_of(ALICE, 2)
    rig.pds.failures[ALICE] = [error]
    await rig.opt_in(ALICE)
    await rig.worker.run_once()
    state = await rig.store.history_state(ALICE)
    assert state is not None and state[0] is None and state[1] == 1
    assert state[2] is not None
    assert retry_s[0] * US_PER_SECOND <= state[2] - T0 <= retry_s[1] * US_PER_SECOND
    assert await rig.worker.run_once() == 0  # not before its time
    rig.clock.advance_to(state[2])
    assert await rig.worker.run_once() == 1
    assert await rig.store.history_state(ALICE) == (state[2], 1, None)
    assert await rig.store.activity_count(ALICE) == 5
    assert rig.sink.total == 0  # expected failures are logged, not reported as faults


async def test_permanent_failure_gives_up_at_once(rig: Rig) -> None:
    rig.pds.failures[ALICE] = [PermanentError("RepoNotFound")]
    await rig.opt_in(ALICE)
    await rig.worker.run_once()
    assert await rig.store.history_state(ALICE) == (T0, 1, None)
    assert rig.worker.stats.given_up == 1 and rig.pds.calls == [ALICE]


async def test_gives_up_after_max_attempts(rig: Rig) -> None:
    rig.pds.failures[ALICE] = [TransientError("down")] * 5
    await rig.opt_in(ALICE)
    for _ in range(3):
        await rig.worker.run_once()
        state = await rig.store.history_state(ALICE)
        assert state is not None
        rig.clock.advance_to(state[2] or rig.clock.now_us())
    state = await rig.store.history_state(ALICE)
    assert state is not None and state[0] is not None and state[1] == 3
    assert len(rig.pds.calls) == 3 and rig.worker.stats.given_up == 1


async def test_unexpected_errors_reach_the_sink_and_retry(rig: Rig) -> None:
    rig.pds.failures[ALICE] = [ValueError("a bug in a converter")]
    await rig.opt_in(ALICE)
    await rig.worker.run_once()
    assert rig.sink.counts["history.fetch"] == 1
    state = await rig.store.history_state(ALICE)
    assert state is not None and state[0] is None and state[2] is not None


async def test_history_of_someone_who_left_meanwhile_is_dropped(rig: Rig) -> None:
    await rig.opt_in(ALICE)
    rig.pds.records[ALICE] = history_of(ALICE, 2)
    original = rig.pds.fetch

    async def leave_then_answer(did: str, now_us: int) -> Sequence[Event]:
        from bot.events import BlockCreated

        await rig.pipeline.ingest([BlockCreated(did, now_us, "b1", BOT)], now_us)
        return await original(did, now_us)

    rig.worker.fetch = leave_then_answer
    await rig.worker.run_once()
    assert await rig.store.history_state(ALICE) is None
    assert await rig.store.activity_count(ALICE) == 0


async def test_an_opt_in_wakes_the_worker(rig: Rig) -> None:
    rig.worker.options = HistoryOptions(poll_s=3600)
    task = asyncio.create_task(rig.worker.run())
    try:
        await asyncio.sleep(0.05)
        outcome = await rig.pipeline.ingest([FollowCreated(ALICE, T0, "f1", BOT)], T0)
        await rig.worker.on_flushed(outcome)
        await eventually(lambda: rig.store.history_state(ALICE), lambda s: s[0] is not None)
    finally:
        await stop(task)
    assert rig.pds.calls == [ALICE]
