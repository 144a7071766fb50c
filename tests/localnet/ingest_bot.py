"""The bot's intake as the service wires it, for the live source tests: a firehose source ->
`IngestLoop` -> `Pipeline` -> a store, with either source (relay or Jetstream)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from bot.classify import PromoVerdict
from bot.clock import SystemClock
from bot.events import Event
from bot.ingest import IngestLoop
from bot.pipeline import Pipeline
from bot.policy import PolicySettings
from bot.shared import IngestOutcome, SourceItem
from bot.store import Store
from bot.supervise import ErrorSink


class Source(Protocol):
    async def start(self) -> None: ...
    async def stop(self) -> None: ...
    async def on_flushed(self, outcome: IngestOutcome) -> None: ...


S = TypeVar("S", bound=Source)


class TapQueue(asyncio.Queue[SourceItem]):
    """The ingest queue, noting every event a source put on it (to prove no duplicates)."""

    def __init__(self) -> None:
        super().__init__(maxsize=100)
        self.events: list[Event] = []

    async def put(self, item: SourceItem) -> None:
        self.events.extend(item.events)
        await super().put(item)


# (queue, started pipeline, error sink) -> the source to run
MakeSource = Callable[[TapQueue, Pipeline, ErrorSink], S]


class IngestBot(Generic[S]):
    """Source + IngestLoop + Pipeline on one store, started and stopped like the service."""

    def __init__(self, store: Store, bot_did: str, make_source: MakeSource[S]) -> None:
        self.store, self.bot_did, self._make_source = store, bot_did, make_source
        self.sink = ErrorSink()
        self.queue = TapQueue()
        self._source: S | None = None
        self.loop: IngestLoop | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def source(self) -> S:
        assert self._source is not None, "not started"
        return self._source

    @property
    def events(self) -> int:
        """Events the ingest loop has taken in."""
        assert self.loop is not None
        return self.loop.stats.events

    async def start(self) -> IngestBot[S]:
        pipeline = Pipeline(
            self.store, self.bot_did, lambda r: PromoVerdict(0.0, False), PolicySettings()
        )
        await pipeline.start()
        self._source = self._make_source(self.queue, pipeline, self.sink)
        self.loop = IngestLoop(
            pipeline, self.queue, SystemClock(), max_wait_s=0.05, on_flushed=self.source.on_flushed
        )
        self._task = asyncio.create_task(self.loop.run())
        await self.source.start()
        return self

    async def stop(self) -> None:
        """Stop the source, let the loop commit what it queued, stop the loop. Idempotent."""
        if self._source is not None:
            await self._source.stop()
        if self._task is not None:
            async with asyncio.timeout(10):
                await self.queue.join()  # everything handed over is committed with its cursor
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        assert self.sink.total == 0, self.sink.last

    async def abort(self) -> None:
        """Teardown after a failed test: stop everything, check nothing. Idempotent."""
        if self._source is not None:
            await self._source.stop()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
