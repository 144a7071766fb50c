"""The pure half of the Jetstream source: who goes on which connection, and which events are new.

Jetstream v2 filters travel in the URL, so opted-in DIDs are spread over DID-filtered
connections ("shards"). A DID's shard is a stable hash bucket, so a restart finds the same
DIDs under the same cursor name. A bucket that outgrows `shard_size` (or whose URL would be
too long) is served instead by one collection-only subscription filtered locally: with
100,000 opted-in people every bucket overflows and two connections serve everyone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from bot.events import KNOWN_COLLECTIONS

METHOD = "network.bsky.jetstream.subscribeEvents"
FOLLOW = "app.bsky.graph.follow"
BLOCK = "app.bsky.graph.block"
# `sync` (a broken commit chain upstream) means nothing to the bot's counts.
EVENT_KINDS = ("commit", "identity", "account")
# Every collection that counts as activity (≤ 100, the v2 limit). Non-commit kinds are not
# constrained by `collections`, so identity/account events of everyone arrive here too.
ACTIVITY_COLLECTIONS = tuple(sorted(KNOWN_COLLECTIONS))

FOLLOWS_CURSOR = "jetstream:follows"
COLLECTIONS_CURSOR = "jetstream:collections"
CURSOR_PREFIX = "jetstream:"
INSTANCE_MARKER = "jetstream.instance"  # the JETSTREAM_URL whose sequence numbers are saved
# v2 reads a cursor at or above this as a unix-microsecond time, below it as that instance's seq
TIMESTAMP_CURSOR = 10**15
# Going back this far before the last commit when the instance changes: the commit time is
# close to the events' own time while live; a little overlap is dropped by the store's keys
INSTANCE_SWITCH_MARGIN_US = 15 * 60 * 1_000_000


def cursors_as_times(saved: Mapping[str, tuple[int, int]]) -> dict[str, int]:
    """Another instance's sequence numbers mean nothing to this one: each saved cursor becomes
    a time (its commit time less the margin); one that is a time already stays as it is."""
    return {
        name: value if value >= TIMESTAMP_CURSOR else at - INSTANCE_SWITCH_MARGIN_US
        for name, (value, at) in saved.items()
    }


def shard_cursor(bucket: int, buckets: int) -> str:
    """The bucket count is in the name: another count is another assignment of DIDs."""
    return f"jetstream:shard:{bucket}/{buckets}"


def bucket_of(did: str, buckets: int) -> int:
    """Stable across processes and restarts (unlike `hash()`, which is salted per process)."""
    digest = hashlib.blake2b(did.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % buckets


def shard_params(dids: Iterable[str]) -> dict[str, list[str]]:
    return {"dids": sorted(dids), "kinds": list(EVENT_KINDS)}


def follows_params() -> dict[str, list[str]]:
    return {"kinds": ["commit"], "collections": [FOLLOW, BLOCK]}


def collections_params() -> dict[str, list[str]]:
    return {"kinds": list(EVENT_KINDS), "collections": list(ACTIVITY_COLLECTIONS)}


def url_length(base_uri: str, params: Mapping[str, object]) -> int:
    """The length of the subscription URL the SDK builds (the cursor adds ≤ 24 bytes)."""
    return len(f"{base_uri}/{METHOD}?{urlencode(params, doseq=True)}&cursor=1000000000000000000")


@dataclass
class Layout:
    """Opted-in DIDs by bucket; which buckets are DID-filtered shards and which are local."""

    buckets: int
    shard_size: int
    base_uri: str
    max_url_bytes: int = 8000
    members: dict[int, set[str]] = field(default_factory=dict)

    def add(self, dids: Iterable[str]) -> dict[int, set[str]]:
        """Add DIDs; returns the DIDs added per affected bucket."""
        added: dict[int, set[str]] = {}
        for did in dids:
            bucket = bucket_of(did, self.buckets)
            group = self.members.setdefault(bucket, set())
            if did not in group:
                group.add(did)
                added.setdefault(bucket, set()).add(did)
        return added

    def remove(self, dids: Iterable[str]) -> set[int]:
        """Remove DIDs; returns the affected buckets."""
        touched: set[int] = set()
        for did in dids:
            bucket = bucket_of(did, self.buckets)
            group = self.members.get(bucket)
            if group is not None and did in group:
                group.discard(did)
                touched.add(bucket)
                if not group:
                    del self.members[bucket]
        return touched

    def is_local(self, bucket: int, *, extra: int = 0) -> bool:
        """Too many DIDs for one URL: the collection subscription serves this bucket.
        `extra`: would it be, with that many more DIDs (a coming opt-in)?"""
        group = self.members.get(bucket, set())
        if len(group) + extra > self.shard_size:
            return True
        return bool(group) and url_length(self.base_uri, shard_params(group)) > self.max_url_bytes

    def shards(self) -> dict[int, frozenset[str]]:
        return {b: frozenset(g) for b, g in self.members.items() if not self.is_local(b)}

    def local_buckets(self) -> set[int]:
        return {b for b in self.members if self.is_local(b)}

    def served_locally(self, did: str) -> bool:
        bucket = bucket_of(did, self.buckets)
        return did in self.members.get(bucket, ()) and self.is_local(bucket)


@dataclass
class Position:
    """How far one subscription got, and which re-sent events to drop.

    Cursors are inclusive and a reconnect may rewind on purpose (to pick up a person just
    added to the shard from their follow onwards), so each DID has a floor: events at or
    below it were handled already. `handled` only grows: it is the cursor we report.
    """

    handled: int | None = None
    floors: dict[str, int] = field(default_factory=dict)

    def rewind(self, dids_from: Mapping[str, int]) -> None:
        """New DIDs on this subscription: take their events after the given seqs."""
        self.floors.update(dids_from)

    def resume_cursor(self) -> int | None:
        """Where the next connection starts (inclusive), or None for the live tip."""
        starts = [*self.floors.values()]
        if self.handled is not None:
            starts.append(self.handled)
        return min(starts) if starts else None

    def is_new(self, did: str, seq: int) -> bool:
        floor = self.floors.get(did, self.handled)
        return floor is None or seq > floor

    def cursor_after(self, seq: int) -> int:
        return seq if self.handled is None else max(self.handled, seq)

    def mark(self, seq: int) -> None:
        """`seq` is handled. Once past every floor they can never matter again."""
        if self.handled is None or seq > self.handled:
            self.handled = seq
            self.floors = {d: f for d, f in self.floors.items() if f > seq}

    def go_live(self) -> None:
        self.handled = None
        self.floors.clear()
