"""The relay live source: `com.atproto.sync.subscribeRepos` -> `SourceItem`s on the ingest queue.

The SDK's `AsyncFirehoseSubscribeReposClient` decodes each frame (DAG-CBOR, CAR left as bytes)
and awaits our callback before it reads the next one, so the callback only filters/converts
(`FrameFilter`, no SDK models) and puts on the bounded queue: a full queue slows the stream
down instead of losing events. `IngestLoop` commits the events together with the relay `seq`
they reach (cursor name `relay`), so a restart resumes exactly after what was stored.

Cursor: the SDK client does not track it. We call `update_params({'cursor': seq})` whenever we
enqueue, so the client's own reconnects resume from there, and drop frames whose `seq` we have
already handled (the overlap such a reconnect can re-send). Frames without events only move
the cursor every `cursor_every_frames` / `cursor_every_s`: replaying a few thousand frames that
produced nothing produces nothing again, and it spares the queue ~10k items/s.

Liveness: a quiet stream (a test network, a calm hour) is healthy. `recv_timeout_s` defaults to
None, so silence never tears the connection down; the websocket's ping/pong (`ping_interval_s`,
`ping_timeout_s`; see `keepalive.py`) detects a dead one and the SDK reconnects.

An outdated cursor (`#info OutdatedCursor`, relay retention ≈ 72 h): the relay would go on from
its oldest event, days of the whole network behind; we warn, reconnect live instead, and set
`stats.cursor_outdated` so reconciliation repairs what was missed.

A frame over `max_frame_bytes` closes the connection unread (1009); the relay would send it
again on every reconnect. We end the SDK client and resume one seq further on, promptly, until
a frame is handled again (`relay_oversized.py`); the stepped cursor is queued like any other.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from atproto import AsyncFirehoseSubscribeReposClient
from atproto.exceptions import FrameDecodingError, SubscriptionError

from bot import endpoints
from bot.backoff import backoff_delay
from bot.catchup import StreamState, iso_time_us
from bot.events import Event
from bot.shared import ErrorReporter, IngestOutcome, SourceItem, TransportState
from bot.sources.jetstream_json import short
from bot.sources.keepalive import Liveness, keepalive_kwargs, stall_after_s
from bot.sources.relay_frames import COMMIT, INFO, UNDECODABLE_FRAME, FrameFilter
from bot.sources.relay_oversized import OversizedSteps, closed_for_size

log = logging.getLogger(__name__)

DEFAULT_RELAY_URI = endpoints.RELAY_URL
OUTDATED_CURSOR = "OutdatedCursor"
FUTURE_CURSOR = "FutureCursor"
MAX_FRAME_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class RelayOptions:
    base_uri: str = DEFAULT_RELAY_URI
    cursor_name: str = "relay"
    recv_timeout_s: float | None = None  # None: judge health by ping/pong, not by traffic
    ping_interval_s: float = 20.0  # websockets' default; a dead peer is found within ~40 s
    ping_timeout_s: float = 20.0
    cursor_every_frames: int = 5000
    cursor_every_s: float = 1.0
    backoff_initial_s: float = 1.0
    backoff_max_s: float = 60.0
    healthy_after_s: float = 60.0  # a connection that lasted this long resets the backoff
    stop_timeout_s: float = 5.0
    # One frame, bounded before it is decoded: a commit carries at most ~2 MB of blocks (the
    # sync spec's limit) and 200 ops; a larger frame closes the connection (1009) unread.
    max_frame_bytes: int = MAX_FRAME_BYTES
    oversized_retry_s: float = 0.5  # fixed, after a 1009: each try is one seq further on


@dataclass
class RelayStats:
    duplicates: int = 0  # frames dropped because their seq was already handled
    items: int = 0  # SourceItems enqueued
    connections: int = 0  # times the SDK client was started
    dials: int = 0  # websocket connections attempted, the SDK client's own reconnects included
    cursor_outdated: bool = False  # the relay no longer held our cursor: reconcile


class _Client(AsyncFirehoseSubscribeReposClient):  # type: ignore[misc]  # the SDK is untyped
    """The SDK client with our ping settings, counting its dials (`RelayStats.dials`)."""

    def __init__(
        self,
        params: dict[str, Any] | None,
        *,
        base_uri: str,
        recv_timeout: float | None,
        ping_interval_s: float,
        ping_timeout_s: float,
        on_dial: Callable[[], None],
        skipped: Counter[str] | None = None,
        max_frame_bytes: int = MAX_FRAME_BYTES,
        liveness: Liveness | None = None,
        on_too_big: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(params, base_uri=base_uri, recv_timeout=recv_timeout)
        self._max_size = max_frame_bytes
        self._on_too_big = on_too_big
        self._ping = (ping_interval_s, ping_timeout_s)
        self._on_dial = on_dial
        self._skipped = skipped if skipped is not None else Counter()
        self._liveness = liveness

    def _handle_frame_decoding_error(self, exception: Exception) -> None:
        """The SDK swallows only its own decoding errors; a header that is not a map (an
        AttributeError in its parser), a ValueError from libipld … would end the client, and
        the reconnect from our cursor would meet the same frame again. An error frame from
        the relay (`SubscriptionError`) is the SDK's to raise: it ends the connection."""
        if isinstance(exception, SubscriptionError) and not isinstance(
            exception, FrameDecodingError
        ):
            raise exception
        self._skipped[UNDECODABLE_FRAME] += 1
        log.warning(
            "relay: skipped a frame it could not decode (%s): %s",
            type(exception).__name__,
            short(str(exception), 200),
        )

    def _handle_websocket_error_or_stop(self, exception: Exception) -> bool:  # private SDK hook
        """On a 1009 for a frame over `max_size` the SDK would reconnect from the same cursor
        and meet the same frame: end `start()` instead, the source steps past it. Re-check
        when the SDK pin moves: tests/sources/test_relay_oversized.py runs it for real."""
        if self._on_too_big is not None and closed_for_size(exception):
            self._on_too_big()
            return True
        return bool(super()._handle_websocket_error_or_stop(exception))

    def _get_connect_kwargs(self) -> dict[str, Any]:  # private SDK hook: see keepalive.py
        kwargs = keepalive_kwargs(super()._get_connect_kwargs(), *self._ping, self._liveness)
        return {**kwargs, "max_size": self._max_size}

    def _get_async_client(self) -> Any:  # called once per dial, reconnects included
        self._on_dial()
        return super()._get_async_client()


class CursorStore(Protocol):
    async def get_cursor(self, name: str) -> int | None: ...


def _error_name(error: BaseException) -> str | None:
    """The XRPC error name of an error frame the SDK raised (`SubscriptionError(XrpcError)`)."""
    detail = error.args[0] if error.args else None
    name = getattr(detail, "error", None)
    return name if isinstance(name, str) else None


class RelaySource:
    """Explicit `start()` / `stop()`. Network errors are the SDK client's to retry (its own
    backoff, 2^n s capped at 64 s with jitter); a clean close or an error it gives up on ends
    its `start()`, and `_run` starts a new client from our cursor after our own backoff."""

    def __init__(
        self,
        queue: asyncio.Queue[SourceItem],
        store: CursorStore,
        bot_did: str,
        opted_in: Iterable[str],
        errors: ErrorReporter,
        options: RelayOptions | None = None,
    ) -> None:
        self.queue = queue
        self.store = store
        self.errors = errors
        self.options = options or RelayOptions()
        self.filter = FrameFilter(bot_did, opted_in)
        self.stats = RelayStats()
        self._handled = -1  # the last seq handled (its events, if any, are queued); -1: none
        self._queued_seq: int | None = None  # the last seq put on the queue
        self._since_put = 0
        self._every_frames = self.options.cursor_every_frames
        self._put_at = time.monotonic()
        self._client: _Client | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self._go_live = False  # the next connection starts without a cursor
        self._too_big = False  # the last connection ended on a frame over max_frame_bytes
        self._steps = OversizedSteps(self.filter.skipped, self.options.max_frame_bytes)
        self.liveness = Liveness()  # is the connection alive? (bot/health.py asks)
        # called when the relay no longer held our cursor: the service reconciles the gap
        self.on_cursor_lost: Callable[[], None] | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Resume from the stored cursor (None: live) and run until `stop()`."""
        if self._task is not None:
            raise RuntimeError("relay source already started")
        saved = await self.store.get_cursor(self.options.cursor_name)
        self._queued_seq, self._handled = saved, -1 if saved is None else saved
        self._stopping.clear()
        self.liveness = Liveness()  # its grace to connect starts now
        log.info("relay source starting at cursor %s", self.seq)
        self._task = asyncio.create_task(self._run(), name="relay-source")

    async def stop(self) -> None:
        """Close the stream, wait for the callback to finish, and queue the final cursor."""
        self._stopping.set()
        client, task = self._client, self._task
        if client is not None:
            await client.stop()
        if task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(task), self.options.stop_timeout_s)
            except TimeoutError:  # e.g. the callback is blocked on a full queue
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._task = None
        self._queue_final_cursor()

    @property
    def seq(self) -> int | None:
        """The last relay seq handled: its events, if any, are on the queue."""
        return None if self._handled < 0 else self._handled

    def transport(self) -> TransportState:
        stall = stall_after_s(self.options.ping_interval_s, self.options.ping_timeout_s)
        return self.liveness.state("relay", stall)

    def streams(self) -> list[StreamState]:
        """Has the connection caught up since it last opened? (bot/catchup.py)"""
        return [self.liveness.stream("relay")]

    def reconnects(self) -> int:
        return max(self.stats.dials - 1, 0)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def apply_changes(self, opted_in: Iterable[str], opted_out: Iterable[str]) -> None:
        """Who the filter fully decodes: call with each batch's outcome (see `on_flushed`).

        The filter also starts decoding a stranger at once when it sees their follow of the
        bot (the outcome comes only after the batch commits); a follow the pipeline refuses
        must therefore come back here in `opted_out`."""
        self.filter.opted.update(opted_in)
        self.filter.opted.difference_update(opted_out)

    async def on_flushed(self, outcome: IngestOutcome) -> None:
        """Fits `IngestLoop(on_flushed=...)`."""
        self.apply_changes(outcome.opted_in, outcome.opted_out)

    # -- the connection loop -----------------------------------------------------------------

    async def _run(self) -> None:
        attempt = 0
        while not self._stopping.is_set():
            began = time.monotonic()
            await self._connect_once()
            if self._stopping.is_set():
                break
            too_big, self._too_big = self._too_big, False
            if self._go_live:
                continue  # we closed it ourselves to drop an outdated cursor: no backoff
            if too_big:  # no backoff: each try is one seq further on, never the same
                await self._step_past_oversized()
                continue
            healthy = time.monotonic() - began >= self.options.healthy_after_s
            attempt = 1 if healthy else attempt + 1
            delay = backoff_delay(
                attempt - 1, base_s=self.options.backoff_initial_s, cap_s=self.options.backoff_max_s
            )
            log.warning("relay stream ended; reconnecting in %.1f s (cursor %s)", delay, self.seq)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), delay)

    async def _connect_once(self) -> None:
        """One run of the SDK client: it reconnects itself on network errors and returns on a
        clean close; anything it gives up on (e.g. an error frame) is reported here."""
        live, self._go_live = self._go_live, False
        params = {"cursor": self.seq} if self.seq is not None and not live else None
        if live:
            self._handled = -1  # live seqs of another relay may be lower than ours
        opts = self.options
        client = _Client(
            params,
            base_uri=opts.base_uri,
            recv_timeout=opts.recv_timeout_s,
            ping_interval_s=opts.ping_interval_s,
            ping_timeout_s=opts.ping_timeout_s,
            on_dial=self._dialed,
            skipped=self.filter.skipped,
            max_frame_bytes=opts.max_frame_bytes,
            liveness=self.liveness,
            on_too_big=self._closed_for_size,
        )
        self._client = client
        self.stats.connections += 1
        try:
            await client.start(self.on_frame, self._on_callback_error)
        except Exception as e:
            if _error_name(e) == FUTURE_CURSOR:
                # a cursor from another relay (RELAY_URL changed) or a relay that lost state
                self._cursor_lost("a cursor ahead of the relay")
            else:
                self.errors.report("relay.stream", e)
        finally:
            self._client = None

    def _dialed(self) -> None:
        self.stats.dials += 1

    def _closed_for_size(self) -> None:
        self._too_big = True

    async def _step_past_oversized(self) -> None:
        """Resume one seq further on and save it, so a restart does not meet the frame."""
        cursor = self._steps.step(self.seq)
        if cursor is not None:
            await self._put((), cursor)
            self._handled = cursor
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), self.options.oversized_retry_s)

    async def _on_callback_error(self, error: BaseException) -> None:
        self.errors.report("relay.callback", error)

    # -- per frame: filter, convert, enqueue; nothing else --------------------------------------

    async def on_frame(self, frame: Any) -> None:
        """The SDK's callback, run for every frame of the network (~10k/s): kept flat."""
        body = frame.body
        if body.__class__ is not dict:
            self.filter.skip_frame(f"a {frame.header.t!r} frame", "body is not a map")
            return
        seq = body.get("seq")
        if seq.__class__ is not int:
            if frame.type == INFO:
                await self._on_info(body)
            return
        if seq <= self._handled:
            self.stats.duplicates += 1
            return
        kind = frame.header.t
        events = self.filter.commit(body) if kind == COMMIT else self.filter.events(kind, body)
        since = self._since_put = self._since_put + 1
        # the clock is read every 64 frames only: this runs ~10k times a second
        if events or since >= self._every_frames or (since & 63 == 0 and self._time_for_cursor()):
            await self._put(events, seq)
        if not self.liveness.live:  # until at the tip: each frame's time (bot/catchup.py)
            self.liveness.frame(iso_time_us(body.get("time")))
        self._handled = seq  # only now: a put cancelled by stop() must not move the cursor

    def _time_for_cursor(self) -> bool:
        return time.monotonic() - self._put_at >= self.options.cursor_every_s

    async def _put(self, events: Sequence[Event], seq: int) -> None:
        await self.queue.put(SourceItem(events, self.options.cursor_name, seq))
        self._queued_seq = seq
        self._since_put = 0
        self._put_at = time.monotonic()
        self.stats.items += 1
        if self._client is not None:
            self._client.update_params({"cursor": seq})

    async def _on_info(self, body: Any) -> None:
        name, message = body.get("name"), body.get("message")
        if name != OUTDATED_CURSOR:
            log.info("relay info %s: %s", name, message)
            return
        # The relay would go on from the oldest event it holds: on the real network that is
        # days of the whole firehose to chew through. Go live instead; reconciliation repairs.
        self._cursor_lost(f"an outdated cursor ({message})")
        if self._client is not None:
            await self._client.stop()  # start() returns once this callback does

    def _cursor_lost(self, why: str) -> None:
        self.stats.cursor_outdated = True
        if self.on_cursor_lost is not None:
            self.on_cursor_lost()
        self._go_live = True
        log.warning(
            "relay: %s at %s: going live; reconciliation must repair the gap", why, self.seq
        )

    def _queue_final_cursor(self) -> None:
        """Cursor-only frames since the last item: saving them spares a replay on restart.
        Never blocks (the ingest loop may be gone); a lost one only costs a harmless replay."""
        if self.seq is None or self.seq == self._queued_seq:
            return
        with contextlib.suppress(asyncio.QueueFull):
            self.queue.put_nowait(SourceItem((), self.options.cursor_name, self.seq))
            self._queued_seq = self.seq
