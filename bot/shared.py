"""The types that cross layers, kept low so that no layer imports one above it for a type.

A source (bot/sources/) hands `SourceItem`s to the ingest loop and hears back an
`IngestOutcome`; it reports its connection as a `TransportState` that health judges, and its
failures to an `ErrorReporter` (bot/supervise.py's `ErrorSink` is the one the service wires).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from bot.events import Event


class ErrorReporter(Protocol):
    def report(self, where: str, exc: BaseException) -> None: ...


@dataclass(frozen=True, slots=True)
class SourceItem:
    """Events from one source, and that source's position once they are stored.

    `committed`, when given, is resolved once the events are in the database (a producer
    that must know, like the history reader, waits on it)."""

    events: Sequence[Event]
    cursor_name: str | None = None
    cursor: int | None = None
    committed: asyncio.Future[None] | None = None


@dataclass
class IngestOutcome:
    opted_in: list[str] = field(default_factory=list)
    opted_out: list[str] = field(default_factory=list)
    welcomed: list[str] = field(default_factory=list)
    histories: list[str] = field(default_factory=list)  # whose history read was committed
    earliest_check_us: int | None = None  # the soonest next check this batch scheduled
    activities: int = 0
    kinds: Counter[str] = field(default_factory=Counter)  # events committed, by event type


@dataclass(frozen=True, slots=True)
class TransportState:
    """A firehose connection as health sees it: a transport fact, not an event rate."""

    name: str  # the subscription, e.g. "relay" or "jetstream:shard:3/20"
    connected: bool
    heard_at: float  # the last byte from the peer (or the subscription's start)
    stall_after_s: float  # ping interval + ping timeout: longer silence is not a quiet stream

    def problem(self, now: float) -> str | None:
        quiet = now - self.heard_at
        if quiet <= self.stall_after_s:
            return None
        if self.connected:
            return (
                f"firehose: {self.name} stalled: nothing heard for {quiet:.0f} s, "
                f"not even a pong (limit {self.stall_after_s:.0f} s)"
            )
        return f"firehose: {self.name} down: no connection, nothing heard for {quiet:.0f} s"


def worst(states: list[TransportState], fallback: TransportState) -> TransportState:
    """Several connections (Jetstream's shards) are alive only if each is: the one heard from
    longest ago speaks for all."""
    return min(states, key=lambda s: s.heard_at + s.stall_after_s, default=fallback)
