"""Reads each new opted-in person's recent public history, so "quiet" is judged against their
own rhythm from day one rather than after weeks of watching.

The reading itself is the edge's (`bot/sources/backfill.py`); this worker only decides who is
next, hands the records to the ingest queue like any source, and records failures. The store
marks a person's history loaded in the same transaction as the records (a `HistoryLoaded`
event), so a crash in between reads it again and duplicates count once (activity is keyed).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.backoff import backoff_delay
from bot.clock import US_PER_SECOND, Clock
from bot.errors import PermanentError, RateLimited, TransientError
from bot.events import Event, HistoryLoaded
from bot.ingest import put_and_wait
from bot.shared import IngestOutcome, SourceItem
from bot.supervise import ErrorSink

log = logging.getLogger(__name__)

FetchHistory = Callable[[str, int], Awaitable[Sequence[Event]]]
"""(did, now_us) -> the person's recent records as events; raises the project's errors."""


class HistoryStore(Protocol):
    async def people_needing_history(self, now_us: int, limit: int) -> list[str]: ...

    async def history_failed(self, did: str, now_us: int, retry_at_us: int | None) -> int: ...

    async def history_state(self, did: str) -> tuple[int | None, int, int | None] | None: ...


@dataclass(frozen=True, slots=True)
class HistoryOptions:
    concurrency: int = 4  # PDSes are other people's servers: a few reads at a time
    poll_s: float = 60.0  # also picks up retries that came due
    max_attempts: int = 8  # then judge the person from live activity alone
    retry_base_s: float = 60.0
    retry_cap_s: float = 6 * 3600.0


@dataclass
class HistoryStats:
    loaded: int = 0
    records: int = 0
    retries: int = 0
    given_up: int = 0


class HistoryWorker:
    def __init__(
        self,
        store: HistoryStore,
        fetch: FetchHistory,
        put: Callable[[SourceItem], Awaitable[None]],
        clock: Clock,
        errors: ErrorSink,
        options: HistoryOptions | None = None,
    ) -> None:
        self.store = store
        self.fetch = fetch
        self.put = put
        self.clock = clock
        self.errors = errors
        self.options = options or HistoryOptions()
        self.stats = HistoryStats()
        self._wake = asyncio.Event()
        self._inflight: set[str] = set()
        self._slots = asyncio.Semaphore(self.options.concurrency)

    def wake(self) -> None:
        self._wake.set()

    async def on_flushed(self, outcome: IngestOutcome) -> None:
        """`IngestLoop`'s hook: someone opted in, read their history now."""
        if outcome.opted_in:
            self.wake()

    async def run(self) -> None:
        """Forever: read whoever is pending, then sleep until woken or the poll interval."""
        while True:
            self._wake.clear()
            try:
                await self.run_once()
            except Exception as exc:  # e.g. the database is down: try again next round
                self.errors.report("history", exc)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.options.poll_s)

    async def run_once(self) -> int:
        """Read everyone pending now (a few at a time); returns how many were handled."""
        handled = 0
        limit = self.options.concurrency * 4
        while True:
            now = self.clock.now_us()
            pending = await self.store.people_needing_history(now, limit + len(self._inflight))
            todo = [did for did in pending if did not in self._inflight][:limit]
            if not todo:
                return handled
            await asyncio.gather(*(self._read_bounded(did) for did in todo))
            handled += len(todo)

    async def _read_bounded(self, did: str) -> None:
        async with self._slots:
            await self._read(did)

    async def _read(self, did: str) -> None:
        self._inflight.add(did)
        try:
            now = self.clock.now_us()
            try:
                events = await self.fetch(did, now)
            except Exception as exc:
                await self._failed(did, now, exc)
                return
            await put_and_wait(self.put, (*events, HistoryLoaded(did, now, len(events))))
            self.stats.loaded += 1
            self.stats.records += len(events)
            log.info("history of %s read: %d records", did, len(events))
        finally:
            self._inflight.discard(did)

    async def _failed(self, did: str, now_us: int, exc: Exception) -> None:
        if isinstance(exc, PermanentError):
            await self.store.history_failed(did, now_us, None)
            self.stats.given_up += 1
            log.warning("history of %s unavailable, judging from live activity: %s", did, exc)
            return
        if not isinstance(exc, TransientError | OSError | TimeoutError):
            self.errors.report("history.fetch", exc)  # unexpected: worth a traceback
        state = await self.store.history_state(did)
        if state is None:
            return  # opted out meanwhile
        attempts = state[1] + 1
        if attempts >= self.options.max_attempts:
            await self.store.history_failed(did, now_us, None)
            self.stats.given_up += 1
            log.warning("history of %s: giving up after %d attempts: %s", did, attempts, exc)
            return
        delay = backoff_delay(
            attempts - 1, base_s=self.options.retry_base_s, cap_s=self.options.retry_cap_s
        )
        if isinstance(exc, RateLimited) and exc.retry_after:
            delay = max(delay, exc.retry_after)
        await self.store.history_failed(did, now_us, now_us + int(delay * US_PER_SECOND))
        self.stats.retries += 1
        log.info("history of %s: retry in %.0f s (%s)", did, delay, exc)
