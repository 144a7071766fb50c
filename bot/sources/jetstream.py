"""The Jetstream v2 live source: opted-in people and the bot's followers -> `SourceItem`s.

Connections (see `jetstream_plan` for the layout):
- `jetstream:follows`: follows and blocks across all DIDs, keeping creates whose subject is
  the bot (opt-in / opt-out). Unfollows are deletes in the person's own repo, so they come on
  that person's shard.
- `jetstream:shard:<b>/<n>`: everything the DIDs of hash bucket `b` do (DID filter in the URL).
- `jetstream:collections`: once buckets overflow, activity collections of everyone, kept here
  only for the DIDs of overflowing buckets.

v2 cannot change filters in place: an opt-in or opt-out (`on_flushed`) reconnects only the
affected shard, from where it was, rewound to the new person's follow so their first posts are
not missed; the overlap is dropped per DID (`Position`).

Usage: `async with JetstreamSource(options, queue, store, sink) as source:` and give
`IngestLoop(..., on_flushed=source.on_flushed)`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from types import TracebackType
from typing import Protocol

from bot.catchup import StreamState
from bot.shared import ErrorReporter, IngestOutcome, SourceItem, TransportState, worst
from bot.sources.jetstream_plan import (
    COLLECTIONS_CURSOR,
    CURSOR_PREFIX,
    FOLLOWS_CURSOR,
    INSTANCE_MARKER,
    Layout,
    bucket_of,
    collections_params,
    cursors_as_times,
    follows_params,
    shard_cursor,
    shard_params,
)
from bot.sources.jetstream_sub import JetstreamOptions, Shared, Subscription, message_to_json
from bot.sources.keepalive import Liveness, stall_after_s

log = logging.getLogger(__name__)

__all__ = ["JetstreamOptions", "JetstreamSource", "message_to_json"]

_MAX_PENDING_FOLLOWS = 10_000


class JetstreamStore(Protocol):
    """What the source reads and keeps in the store (bot/store/'s `Store` is one)."""

    async def load_opted_in(self) -> dict[str, str]: ...
    async def get_cursor(self, name: str) -> int | None: ...
    async def set_cursor(self, name: str, value: int, now_us: int) -> None: ...
    async def cursors_saved(self, prefix: str) -> dict[str, tuple[int, int]]: ...
    async def get_marker(self, name: str) -> str | None: ...
    async def set_marker(self, name: str, value: str, now_us: int) -> None: ...


def _everyone(_did: str) -> bool:
    return True


class JetstreamSource:
    def __init__(
        self,
        options: JetstreamOptions,
        queue: asyncio.Queue[SourceItem],
        store: JetstreamStore,
        sink: ErrorReporter,
    ) -> None:
        self.options = options
        self.store = store
        self.shared = Shared(options, queue, sink, self._note_follow)
        self.layout = Layout(
            options.max_connections, options.shard_size, options.url, options.max_url_bytes
        )
        self.shards: dict[int, Subscription] = {}
        self.collections: Subscription | None = None
        self.follows: Subscription | None = None
        self._local: frozenset[str] = frozenset()
        self._follow_seqs: dict[str, int] = {}  # follows of the bot seen, not yet applied
        self._lock = asyncio.Lock()
        self._stopped = False
        self._idle = Liveness()  # stands for the connections while there are none

    @property
    def skipped(self) -> Counter[str]:
        return self.shared.skipped

    @property
    def dials(self) -> Counter[str]:
        """Websocket connections attempted per subscription name (reconnects included)."""
        return self.shared.dials

    @property
    def connections(self) -> int:
        subs = [self.follows, self.collections, *self.shards.values()]
        return sum(1 for s in subs if s is not None)

    def transport(self) -> TransportState:
        """Alive only if every wanted connection is (the follows stream and each shard
        matter alike: one dead shard silently loses its people's activity)."""
        stall = stall_after_s(self.options.ping_interval_s, self.options.ping_timeout_s)
        subs = [self.follows, self.collections, *self.shards.values()]
        states = [s.liveness.state(f"jetstream {s.name}", stall) for s in subs if s is not None]
        return worst(states, self._idle.state("jetstream", stall))

    def streams(self) -> list[StreamState]:
        """Each wanted connection, caught up or not since it last opened (bot/catchup.py)."""
        subs = [self.follows, self.collections, *self.shards.values()]
        return [s.liveness.stream(f"jetstream {s.name}") for s in subs if s is not None]

    def reconnects(self) -> int:
        """Dials beyond each subscription's first (a refreshed shard counts too)."""
        return sum(max(n - 1, 0) for n in self.dials.values())

    async def __aenter__(self) -> JetstreamSource:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def start(self, opted_in: Iterable[str] | None = None) -> None:
        """Connect every subscription from its saved cursor (None: the store's opted-in set)."""
        if opted_in is None:
            opted_in = (await self.store.load_opted_in()).keys()
        await self._follow_instance()
        async with self._lock:
            self._stopped = False
            self.layout.add(opted_in)
            self._local = self._local_dids()
            follows = await self.store.get_cursor(FOLLOWS_CURSOR)
            self.follows = self._sub(
                FOLLOWS_CURSOR, follows_params(), follows, follows_only=True
            ).start()
            shards = sorted(self.layout.shards().items())
            cursors = {b: await self.store.get_cursor(self._shard_name(b)) for b, _ in shards}
            # a shard with no cursor yet (a crash before its first save): the oldest saved
            # position is the closest safe start we know; replaying is harmless, skipping not
            known = [c for c in (follows, *cursors.values()) if c is not None]
            fallback = min(known) if known else None
            for bucket, dids in shards:
                start = cursors[bucket] if cursors[bucket] is not None else fallback
                self.shards[bucket] = self._shard(bucket, dids, start).start()
            if self._local:
                saved = await self.store.get_cursor(COLLECTIONS_CURSOR)
                self.collections = self._collections(saved).start()
        log.info(
            "jetstream: %d connections (%d shards, %d people filtered locally)",
            self.connections,
            len(self.shards),
            len(self._local),
        )

    async def _follow_instance(self) -> None:
        """A changed JETSTREAM_URL: the saved cursors are the old instance's sequence
        numbers, so restart from the time they were saved instead (a seq from elsewhere would
        replay a wrong range, or be "in the future" and silently skip to the live tip)."""
        url = self.options.url
        was = await self.store.get_marker(INSTANCE_MARKER)
        now_us = time.time_ns() // 1000
        if was is not None and was != url:
            saved = await self.store.cursors_saved(CURSOR_PREFIX)
            # times first, then the new instance: a crash in between converts again (no-op)
            for name, since in cursors_as_times(saved).items():
                await self.store.set_cursor(name, since, now_us)
            log.warning(
                "jetstream: JETSTREAM_URL changed from %s to %s; its sequence numbers differ, "
                "so %d cursors restart from the time they were saved",
                was,
                url,
                len(saved),
            )
            if self.shared.on_cursor_lost is not None:
                self.shared.on_cursor_lost()  # follows before the margin: reconciliation
        if was != url:
            await self.store.set_marker(INSTANCE_MARKER, url, now_us)

    async def stop(self) -> None:
        async with self._lock:
            self._stopped = True  # a late on_flushed must not start connections again
            subs = [self.follows, self.collections, *self.shards.values()]
            await asyncio.gather(*(s.stop() for s in subs if s is not None))
            self.follows, self.collections = None, None
            self.shards.clear()

    async def on_flushed(self, outcome: IngestOutcome) -> None:
        """`IngestLoop`'s hook: the committed opt-ins and opt-outs change the filters."""
        if outcome.opted_in or outcome.opted_out:
            await self.apply_changes(outcome.opted_in, outcome.opted_out)

    async def apply_changes(self, opted_in: Iterable[str], opted_out: Iterable[str]) -> None:
        """Reconnect only the shards whose DIDs changed (v2 has no in-place filter update)."""
        async with self._lock:
            if self._stopped:
                return
            added = self.layout.add(opted_in)
            touched = set(added) | self.layout.remove(opted_out)
            floors = {
                did: self._follow_seqs.pop(did)
                for dids in added.values()
                for did in dids
                if did in self._follow_seqs
            }
            self._local = self._local_dids()
            # where each DID moving onto the collection stream was handled up to
            moving = {d: seq for d, seq in floors.items() if d in self._local}
            for bucket in sorted(touched):
                moving.update(await self._refresh(bucket, floors))
            await self._refresh_collections(moving)

    def _note_follow(self, did: str, seq: int) -> None:
        """Remember where a new follower's follow was, to start their shard from there."""
        if len(self._follow_seqs) >= _MAX_PENDING_FOLLOWS:
            self._follow_seqs.pop(next(iter(self._follow_seqs)))
        self._follow_seqs[did] = seq

    async def _refresh(self, bucket: int, floors: Mapping[str, int]) -> dict[str, int]:
        """Bring one bucket's shard in line; if it went local, returns {did: seq handled}."""
        old = self.shards.pop(bucket, None)
        dids = frozenset(self.layout.members.get(bucket, ()))
        if not dids or self.layout.is_local(bucket):
            handled = await old.stop() if old is not None else None
            if handled is None or not dids:
                return {}
            return {d: handled for d in dids if d not in floors}
        if old is not None and old.params["dids"] == sorted(dids):
            self.shards[bucket] = old  # e.g. an opt-in whose bucket already had them
            return {}
        if old is not None:
            handled = await old.stop()
        else:  # a new shard, or a bucket the collection subscription served until now
            handled = self.collections.position.handled if self.collections else None
        shard = self._shard(bucket, dids, handled)
        shard.position.rewind({d: s for d, s in floors.items() if d in dids})
        self.shards[bucket] = shard.start()
        return {}

    async def _refresh_collections(self, moving: Mapping[str, int]) -> None:
        """Start the collection stream where the DIDs moving onto it were, so nothing is
        missed or seen twice (per-DID floors); with nothing to go by, live."""
        if self._local and self.collections is None:
            collections = self._collections(None)
            collections.position.rewind(moving)
            self.collections = collections.start()
        elif not self._local and self.collections is not None:
            await self.collections.stop()
            self.collections = None

    def _local_dids(self) -> frozenset[str]:
        local = self.layout.local_buckets()
        return frozenset(d for b in local for d in self.layout.members[b])

    def _shard_name(self, bucket: int) -> str:
        return shard_cursor(bucket, self.layout.buckets)

    def _shard(self, bucket: int, dids: Iterable[str], handled: int | None) -> Subscription:
        return self._sub(self._shard_name(bucket), shard_params(dids), handled)

    def _collections(self, handled: int | None) -> Subscription:
        return self._sub(COLLECTIONS_CURSOR, collections_params(), handled, wants=self._is_local)

    def _is_local(self, did: str) -> bool:
        if did in self._local:
            return True
        # A new follower bound for this stream: their first posts may come before the opt-in
        # is applied (the pipeline ignores them if it never is). Not for shard-bound ones:
        # their shard starts at the follow, and an event seen twice would count twice.
        return did in self._follow_seqs and self.layout.is_local(
            bucket_of(did, self.layout.buckets), extra=1
        )

    def _sub(
        self,
        name: str,
        params: Mapping[str, list[str]],
        handled: int | None,
        *,
        wants: Callable[[str], bool] = _everyone,
        follows_only: bool = False,
    ) -> Subscription:
        return Subscription(self.shared, name, params, wants, handled, follows_only=follows_only)
