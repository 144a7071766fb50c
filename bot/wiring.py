"""What `nudgebot run` is made of, and the pieces of its wiring that are not its lifecycle:
which firehose source the settings ask for, what runs after each commit and in which order,
and which hooks feed the metrics."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from bot.catchup import DmHold, StreamState
from bot.config import Settings
from bot.health import Health
from bot.ingest import IngestLoop
from bot.jobs import Jobs
from bot.pipeline import Pipeline
from bot.replies import Replies
from bot.shared import IngestOutcome, SourceItem, TransportState
from bot.store import Store
from bot.supervise import ErrorSink

if TYPE_CHECKING:
    from bot.metrics import Metrics, MetricsServer
    from bot.sources.handshake import Firehose


class Source(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def on_flushed(self, outcome: IngestOutcome) -> None: ...

    def transport(self) -> TransportState: ...

    def streams(self) -> list[StreamState]: ...

    def reconnects(self) -> int: ...


Hook = Callable[[IngestOutcome], Awaitable[None]]


@dataclass
class AfterCommit:
    """The ingest loop's hooks after each committed batch, always called in this order; each
    is set once its part of the service has started (None until then, e.g. during startup):

    1. `source`: a new opt-in changes the firehose filters, so their next events are read;
    2. `send`: a welcome or a committed history read wakes the send loop (bot/send_loop.py);
    3. `history`: a new opt-in's history is read (bot/history.py);
    4. `metrics`: counts what was committed (METRICS_ADDR only).

    None needs another's effect; the source goes first so the filters change soonest."""

    source: Hook | None = None
    send: Hook | None = None
    history: Hook | None = None
    metrics: Hook | None = None

    async def __call__(self, outcome: IngestOutcome) -> None:
        for hook in (self.source, self.send, self.history, self.metrics):
            if hook is not None:
                await hook(outcome)


@dataclass
class Running:
    """What a running service is made of (tests and `status` look inside)."""

    settings: Settings
    store: Store
    bot_did: str
    pipeline: Pipeline
    queue: asyncio.Queue[SourceItem]
    ingest: IngestLoop
    source: Source
    sink: ErrorSink
    jobs: Jobs | None = None
    replies: Replies | None = None
    hold: DmHold | None = None  # DMs wait until the firehose has caught up (bot/catchup.py)
    after_commit: AfterCommit = field(default_factory=AfterCommit)


def firehose_of(settings: Settings) -> Firehose:
    """The URL the chosen source connects to, and the setting that names it."""
    from bot.sources import handshake

    if settings.firehose == "relay":
        return handshake.relay(settings.relay_url)
    return handshake.jetstream(settings.jetstream_url)


def build_source(
    settings: Settings,
    store: Store,
    bot_did: str,
    opted: Collection[str],
    queue: asyncio.Queue[SourceItem],
    sink: ErrorSink,
    on_cursor_lost: Callable[[], None],
) -> Source:
    """FIREHOSE=relay or jetstream; a lost cursor calls `on_cursor_lost` (reconcile now)."""
    if settings.firehose == "relay":
        from bot.sources.relay import RelayOptions, RelaySource

        relay_options = RelayOptions(
            base_uri=settings.relay_url,
            ping_interval_s=settings.firehose_ping_interval_seconds,
            ping_timeout_s=settings.firehose_ping_timeout_seconds,
        )
        relay = RelaySource(queue, store, bot_did, opted, sink, relay_options)
        relay.on_cursor_lost = on_cursor_lost
        return relay
    from bot.sources.jetstream import JetstreamOptions, JetstreamSource

    options = JetstreamOptions(
        bot_did=bot_did,
        url=settings.jetstream_url,
        shard_size=settings.jetstream_shard_size,
        max_connections=settings.jetstream_max_connections,
        ping_interval_s=settings.firehose_ping_interval_seconds,
        ping_timeout_s=settings.firehose_ping_timeout_seconds,
    )
    jetstream = JetstreamSource(options, queue, store, sink)
    jetstream.shared.on_cursor_lost = on_cursor_lost
    return jetstream


def wire_metrics(metrics: Metrics, server: MetricsServer, running: Running, health: Health) -> None:
    """Gauges read at scrape time; counters fed by the core's hooks (it imports no metrics)."""
    from bot.metrics import Readings

    metrics.read(
        Readings(
            queue_depth=running.queue.qsize,
            lag_s=lambda: running.ingest.stats.lag_us / 1_000_000,
            opted_in=lambda: len(running.pipeline.opted),
            reconnects=running.source.reconnects,
            healthy=lambda: health.check(time.monotonic())[0],
            dms_held_s=_held_s(running.hold),
        )
    )
    running.after_commit.metrics = metrics.on_flushed
    running.sink.listeners.append(metrics.on_error)
    if running.jobs is not None:
        running.jobs.on_evaluated = metrics.on_evaluated
        running.jobs.outbox.on_result = metrics.on_dm
    if running.replies is not None:
        running.replies.on_sent = metrics.on_dm  # answers to commands are DMs too: DmKind.REPLY
        running.replies.on_withheld = metrics.on_answer_withheld
        running.replies.desk.on_sent = metrics.on_dm
        running.replies.desk.on_urgent = metrics.on_urgent
    server.health = health


def _held_s(hold: DmHold | None) -> Callable[[], float] | None:
    if hold is None:
        return None
    return lambda: hold.held_s(time.monotonic())
