"""Live intake: sources put `SourceItem`s on a bounded queue; this loop commits them in batches.

The SDK clients await their callback before reading the next frame, so sources only convert
and enqueue (a full queue is back-pressure, never loss); the database work happens here, one
transaction per batch with the cursors it reaches, so a cursor never runs ahead of the state.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from bot.backoff import backoff_delay
from bot.clock import US_PER_SECOND, Clock
from bot.events import Event
from bot.pipeline import Pipeline
from bot.shared import IngestOutcome, SourceItem
from bot.supervise import ErrorSink

log = logging.getLogger(__name__)


@dataclass
class IngestStats:
    batches: int = 0
    events: int = 0
    lag_us: int = 0  # now minus the newest event time of the last batch
    queue_depth: int = 0
    failed_commits: int = 0


OnFlushed = Callable[[IngestOutcome], Awaitable[None]]


async def put_and_wait(
    put: Callable[[SourceItem], Awaitable[None]], events: Sequence[Event]
) -> None:
    """Hand events to the ingest loop and return once they are committed (for producers
    that must know: the history reader, reconciliation, `stop`)."""
    committed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    await put(SourceItem(events, committed=committed))
    await committed


class IngestLoop:
    def __init__(
        self,
        pipeline: Pipeline,
        queue: asyncio.Queue[SourceItem],
        clock: Clock,
        *,
        max_batch_events: int = 2000,
        max_wait_s: float = 0.25,
        on_flushed: OnFlushed | None = None,
        errors: ErrorSink | None = None,
    ) -> None:
        self.pipeline = pipeline
        self.queue = queue
        self.clock = clock
        self.max_batch_events = max_batch_events
        self.max_wait_s = max_wait_s
        self.on_flushed = on_flushed
        self.errors = errors
        self.stats = IngestStats()

    async def run(self) -> None:
        """Forever: wait for work, gather a batch, commit it. Cancel to stop: at shutdown the
        app first waits on `queue.join()`, which this task satisfies by committing each item."""
        while True:
            first = await self.queue.get()
            await self._batch(first)

    async def drain(self) -> None:
        """Commit whatever is queued now, without a `run` task (tests drive the loop this way;
        the app's shutdown does not call it: it lets `run` empty the queue, see `run`)."""
        while not self.queue.empty():
            await self._batch(self.queue.get_nowait())

    async def _batch(self, first: SourceItem) -> None:
        items = [first]
        count = len(first.events)
        deadline = asyncio.get_running_loop().time() + self.max_wait_s
        while count < self.max_batch_events:
            timeout = deadline - asyncio.get_running_loop().time()
            if timeout <= 0:
                break
            try:
                item = await asyncio.wait_for(self.queue.get(), timeout)
            except TimeoutError:
                break
            items.append(item)
            count += len(item.events)
        await self._commit(items)

    async def _commit(self, items: list[SourceItem]) -> None:
        """Commit the items, retrying with backoff until the database takes them: the sources
        have moved on, so giving up here would leave a gap."""
        attempt = 0
        while True:
            try:
                await self.pipeline.resync()
                now, newest, outcome = await self._flush(items)
                break
            except Exception as exc:
                self.pipeline.discard()
                self.stats.failed_commits += 1
                if self.errors is not None:
                    self.errors.report("ingest.commit", exc)
                else:
                    log.exception("ingest commit failed; retrying")
                await asyncio.sleep(backoff_delay(attempt, base_s=0.5, cap_s=30.0))
                attempt += 1
        for item in items:
            self.queue.task_done()
            if item.committed is not None and not item.committed.done():
                item.committed.set_result(None)
        stats = self.stats
        stats.batches += 1
        stats.events += sum(len(item.events) for item in items)
        stats.queue_depth = self.queue.qsize()
        if newest:
            stats.lag_us = max(now - newest, 0)
            if stats.lag_us > 60 * US_PER_SECOND:
                log.warning("ingest is %.0f s behind the stream", stats.lag_us / US_PER_SECOND)
        if self.on_flushed is not None:
            try:
                await self.on_flushed(outcome)
            except Exception as exc:  # a source failing to refilter must not stop intake
                if self.errors is None:
                    raise
                self.errors.report("ingest.on_flushed", exc)

    async def _flush(self, items: list[SourceItem]) -> tuple[int, int, IngestOutcome]:
        cursors: dict[str, int] = {}
        newest = 0
        kinds: Counter[str] = Counter()
        for item in items:
            for event in item.events:
                self.pipeline.add(event)
                kinds[type(event).__name__] += 1
                if item.cursor_name is not None:  # the lag is the firehose's, not history's
                    newest = max(newest, event.time_us)
            if item.cursor_name is not None and item.cursor is not None:
                cursors[item.cursor_name] = item.cursor
        now = self.clock.now_us()
        outcome = await self.pipeline.flush(now, cursors)
        outcome.kinds = kinds
        return now, newest, outcome
