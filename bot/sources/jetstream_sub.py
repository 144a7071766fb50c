"""One Jetstream v2 subscription: the SDK's `AsyncJetstreamClient` in a reconnect loop.

Each SDK message becomes the same JSON shape as Jetstream v1 and goes through
`event_from_jetstream`: one conversion logic for replay files and live streams. The SDK has
already parsed the record into a model; turning it back into a dict costs a `model_dump`,
which is cheap next to the parse, and keeps every rule about records in one place.

The SDK awaits our callback before reading the next frame, so the callback only converts and
`await queue.put(...)`s (a full queue is back-pressure); `IngestLoop` does the database work.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from atproto_client import models
from atproto_client.client.async_raw import AsyncClientRaw
from atproto_client.exceptions import ModelError
from atproto_client.models.utils import get_model_as_dict
from atproto_jetstream import AsyncJetstreamClient
from atproto_jetstream.exceptions import (
    JetstreamCursorTooOldError,
    JetstreamDecodingError,
    JetstreamError,
)
from pydantic import ValidationError

from bot import endpoints
from bot.backoff import backoff_delay
from bot.catchup import iso_time_us
from bot.events import Event, FollowCreated
from bot.shared import ErrorReporter, SourceItem
from bot.sources.bounded import (
    ZSTD_DICTIONARY_MAX_BYTES,
    BoundedRequest,
    CappedZstd,
    OversizedFrame,
)
from bot.sources.jetstream_json import (
    SkippedInput,
    event_from_jetstream,
    is_relevant,
    note_skip,
    short,
)
from bot.sources.jetstream_plan import BLOCK, FOLLOW, TIMESTAMP_CURSOR, Position
from bot.sources.keepalive import Liveness, keepalive_kwargs

log = logging.getLogger(__name__)

DEFAULT_URL = endpoints.JETSTREAM_URL
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = datetime.resolution  # one microsecond as a timedelta
_HEALTHY_S = 60.0  # a connection that lived this long resets the backoff
MAX_FRAME_BYTES = 8 * 1024 * 1024

UNDECODABLE_FRAME = "undecodable-frame"  # a frame the SDK could not parse or model
OVERSIZED_FRAME = "oversized-frame"  # a compressed frame that inflates past max_frame_bytes

_Msg = models.NetworkBskyJetstreamSubscribeEvents
Message = Any  # one of _Msg.Commit | Identity | Account | Sync | Info (the SDK's union)


@dataclass(frozen=True, slots=True)
class JetstreamOptions:
    bot_did: str
    url: str = DEFAULT_URL
    # ~150 did:plc DIDs (38 bytes each in the query) keep a shard's URL near 6 KB, under 8 KB.
    shard_size: int = 150
    max_connections: int = 20  # DID-filtered shards; the hash bucket count (keep it stable)
    max_url_bytes: int = 8000
    compress: bool = True  # zstd when the server offers a dictionary; the SDK falls back
    # None: liveness is the websocket's ping/pong (see keepalive.py), not the event rate, so a
    # healthy but silent DID-filtered stream is never torn down.
    recv_timeout_s: float | None = None
    ping_interval_s: float = 20.0  # websockets' default; a dead peer is found within ~40 s
    ping_timeout_s: float = 20.0
    checkpoint_s: float = 5.0  # how often a filtered stream saves its cursor without events
    # One websocket message, bounded before it is parsed (the SDK's own bound is 32 MB). A
    # record is at most ~2 MB of CBOR, its JSON less than twice that. The server is asked not to
    # send larger events (`maxMessageSizeBytes`, measured uncompressed); one it sends anyway
    # closes the connection (1009) unread. A zstd frame is inflated only up to this bound.
    max_frame_bytes: int = MAX_FRAME_BYTES
    backoff_cap_s: float = 60.0


def time_us_of(iso: str) -> int:
    """Jetstream's microsecond timestamps, exactly (no float rounding)."""
    moment = datetime.fromisoformat(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH) // _US


def _plain(value: Any) -> Any:
    return value if isinstance(value, dict) else get_model_as_dict(value)


def message_to_json(message: Message) -> dict[str, Any] | None:
    """An SDK message -> Jetstream's JSON event shape (None for #sync / #info)."""
    if isinstance(message, _Msg.Commit):
        commit: dict[str, Any] = {
            "rev": message.rev,
            "operation": message.operation,
            "collection": message.collection,
            "rkey": message.rkey,
        }
        if message.record is not None:
            commit["record"] = _plain(message.record)
            commit["cid"] = message.cid
        return _envelope(message, "commit", commit)
    if isinstance(message, _Msg.Identity):
        return _envelope(message, "identity", {"handle": message.identity.handle})
    if isinstance(message, _Msg.Account):
        upstream = message.account
        return _envelope(message, "account", {"active": upstream.active, "status": upstream.status})
    return None


def _envelope(message: Message, kind: str, body: dict[str, Any]) -> dict[str, Any]:
    try:
        time_us: int | None = time_us_of(message.time)
    except (TypeError, ValueError, OverflowError):
        time_us = None  # the conversion skips it as malformed, counted with the others
    return {"did": message.did, "time_us": time_us, "kind": kind, kind: body}


class _BadFrame(JetstreamDecodingError):  # type: ignore[misc]  # the SDK is untyped
    """A frame the SDK's parser failed on in a way it does not expect."""


class _Client(AsyncJetstreamClient):  # type: ignore[misc]  # the SDK is untyped
    """The SDK client with our ping settings and a dial hook, plus two fixes for 0.0.73
    quirks (see tests/localnet/README.md)."""

    skipped_frames = 0

    def __init__(
        self,
        *args: Any,
        ping_interval_s: float = 20.0,
        ping_timeout_s: float = 20.0,
        on_dial: Callable[[], None] | None = None,
        skipped: Counter[str] | None = None,
        max_frame_bytes: int = MAX_FRAME_BYTES,
        liveness: Liveness | None = None,
        name: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.name = name  # the subscription's, for log context
        self._max_size = max_frame_bytes
        self._ping = (ping_interval_s, ping_timeout_s)
        self._on_dial = on_dial
        self._skipped = skipped  # the source's counters: they outlive this client
        self._liveness = liveness
        if getattr(self, "_compression", None) is not None:
            # inflated frames get the bound plain ones have, and the dictionary is read bounded
            self._compression = CappedZstd(max_frame_bytes)
            request = BoundedRequest(ZSTD_DICTIONARY_MAX_BYTES, timeout=10.0)
            self._xrpc_client = AsyncClientRaw(base_url=self._http_origin, request=request)

    def _get_connect_kwargs(self) -> dict[str, Any]:  # private SDK hook: see keepalive.py
        kwargs = keepalive_kwargs(super()._get_connect_kwargs(), *self._ping, self._liveness)
        return {**kwargs, "max_size": self._max_size}

    def _get_async_client(self) -> Any:  # called once per dial, reconnects included
        if self._on_dial is not None:
            self._on_dial()
        return super()._get_async_client()

    def _decode_frame(self, raw_frame: str | bytes) -> Any:
        try:
            return super()._decode_frame(raw_frame)
        except JetstreamError:
            raise  # undecodable (skipped below) or an error frame the SDK acts on
        except Exception as e:
            # anything else the SDK's parser trips over (a payload of the wrong shape): the
            # frame is bad, not the connection, and a reconnect from our cursor would meet it
            # again. Skipped and counted like an undecodable frame.
            raise _BadFrame(f"{type(e).__name__}: {short(str(e), 200)}") from e

    def _handle_frame_decoding_error(self, exception: Exception) -> None:
        if isinstance(exception, OversizedFrame):
            self.skipped_frames += 1
            if self._skipped is not None:
                self._skipped[OVERSIZED_FRAME] += 1
            log.warning(
                "jetstream %s: skipped an oversized frame after seq %s: %s",
                self.name,
                self.cursor,
                exception,
            )
            return
        if isinstance(exception, JetstreamDecodingError | ModelError | ValidationError):
            self.skipped_frames += 1
            if self._skipped is not None:
                self._skipped[UNDECODABLE_FRAME] += 1
            log.warning(
                "jetstream: skipped a frame it could not decode (%s): %s",
                type(exception).__name__,
                short(str(exception), 300),
            )
            return
        super()._handle_frame_decoding_error(exception)

    async def aclose(self) -> None:
        # The SDK never closes the HTTP client it opens for getZstdDictionary.
        xrpc = getattr(self, "_xrpc_client", None)
        if xrpc is not None:
            await xrpc.request.close()


@dataclass
class Shared:
    """What every subscription of one source shares."""

    options: JetstreamOptions
    queue: asyncio.Queue[SourceItem]
    sink: ErrorReporter
    on_follow: Callable[[str, int], None]  # a follow of the bot seen: (did, seq)
    skipped: Counter[str] = field(default_factory=Counter)
    # websocket connections attempted per subscription name, the SDK's own reconnects included
    dials: Counter[str] = field(default_factory=Counter)
    # called when the server no longer held a cursor: the service reconciles the gap
    on_cursor_lost: Callable[[], None] | None = None


class Subscription:
    """One connection: a reconnect loop around the SDK client, with its own cursor name."""

    def __init__(
        self,
        shared: Shared,
        name: str,
        params: Mapping[str, list[str]],
        wants: Callable[[str], bool],
        handled: int | None = None,
        *,
        follows_only: bool = False,
    ) -> None:
        self.shared, self.name, self.params = shared, name, dict(params)
        self.wants, self.follows_only = wants, follows_only
        # a time (after a change of instance) is where to start, not a seq handled: this
        # instance's seqs are not comparable with it, so every event it sends is new
        self._since_time = handled if handled is not None and handled >= TIMESTAMP_CURSOR else None
        self.position = Position(None if self._since_time is not None else handled)
        self._client: _Client | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._last_put = time.monotonic()
        self._reported: int | None = handled
        self.liveness = Liveness()  # is this connection alive? (bot/health.py asks)

    def start(self) -> Subscription:
        self._task = asyncio.create_task(self._run(), name=self.name)
        return self

    async def stop(self) -> int | None:
        """Stop at once, also mid-`queue.put`; returns the last seq handed to the queue."""
        self._stopping = True
        if self._client is not None:
            await self._client.stop()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        return self.position.handled

    async def _run(self) -> None:
        attempt = 0
        while not self._stopping:
            began = time.monotonic()
            if await self._connect_once():
                continue  # the cursor was too old: go live at once
            if self._stopping:
                return
            attempt = 0 if time.monotonic() - began >= _HEALTHY_S else attempt + 1
            await asyncio.sleep(backoff_delay(attempt, cap_s=self.shared.options.backoff_cap_s))

    async def _connect_once(self) -> bool:
        """One SDK client's life (it reconnects by itself on network errors); True: retry now."""
        opts = self.shared.options
        params: dict[str, Any] = {
            **self.params,
            "cursor": await self._save_start(),
            "maxMessageSizeBytes": opts.max_frame_bytes,  # larger events: skipped by the server
        }
        client = _Client(
            params=params,
            base_uri=opts.url,
            recv_timeout=opts.recv_timeout_s,
            compress=opts.compress,
            ping_interval_s=opts.ping_interval_s,
            ping_timeout_s=opts.ping_timeout_s,
            on_dial=self._dialed,
            skipped=self.shared.skipped,
            max_frame_bytes=opts.max_frame_bytes,
            liveness=self.liveness,
            name=self.name,
        )
        self._client = client
        try:
            await client.start(self._on_message, self._on_callback_error)
            if not self._stopping:  # our own stop() ends the client the same way
                log.info("jetstream %s: closed by the server; reconnecting", self.name)
        except JetstreamCursorTooOldError:
            # reconciliation repairs what happened meanwhile; here we can only go live
            log.warning("jetstream %s: cursor too old; going live", self.name)
            self.position.go_live()
            self._since_time = None
            if self.shared.on_cursor_lost is not None:
                self.shared.on_cursor_lost()
            return True
        except Exception as e:  # JetstreamError (a refused handshake, …) or a bug of ours:
            # reported, never fatal to the loop, which retries with backoff
            self.shared.sink.report(f"jetstream:{self.name}", e)
        finally:
            self._client = None
            await client.aclose()
        return False

    def _dialed(self) -> None:
        self.shared.dials[self.name] += 1

    async def _on_callback_error(self, error: BaseException) -> None:
        self.shared.sink.report(f"jetstream:{self.name}:callback", error)

    async def _on_message(self, message: Message) -> None:
        if isinstance(message, _Msg.Info):
            # OutdatedCursor / FutureCursor: the server went on from elsewhere; so do we
            log.warning("jetstream %s: %s %s", self.name, message.name, message.message or "")
            return
        seq: int = message.seq
        if not self.position.is_new(message.did, seq):
            self._read(message)
            return  # re-sent after a reconnect (inclusive cursor) or handled before a rewind
        event = self._convert(message)
        if event is not None:
            if isinstance(event, FollowCreated) and self.follows_only:
                self.shared.on_follow(event.did, seq)  # before the opt-in can be applied
            cursor = self._safe_cursor(seq)
            await self.shared.queue.put(SourceItem((event,), self.name, cursor))
            self._sent(cursor)
        elif time.monotonic() - self._last_put >= self.shared.options.checkpoint_s:
            # a filtered stream may go hours without a relevant event: save where it is, so a
            # restart does not replay (or outlive) the server's retention
            cursor = self._safe_cursor(seq)
            if cursor != self._reported:
                await self.shared.queue.put(SourceItem((), self.name, cursor))
                self._sent(cursor)
        self.position.mark(seq)
        self._read(message)

    def _read(self, message: Message) -> None:
        """A frame handled: until one at the tip, its time tells whether we caught up."""
        if not self.liveness.live:
            self.liveness.frame(iso_time_us(getattr(message, "time", None)))

    async def _save_start(self) -> int | None:
        """Where the next connection starts. A new shard starts at its people's follows:
        saved at once, so a restart before its first event resumes there, not at the live
        tip (which would be a silent gap)."""
        start = self.position.resume_cursor()
        if start is None:
            start = self._since_time  # until this instance's first event
        if self._reported is None and start is not None:
            await self.shared.queue.put(SourceItem((), self.name, start))
            self._sent(start)
        return start

    def _safe_cursor(self, seq: int) -> int:
        """The cursor to save with this message: never past an event not handed over yet.
        While people just added to this shard catch up from their follow (a rewind), that is
        this message's seq, not the further point the others were handled to: a restart
        then replays a little (the store drops rows it holds) instead of skipping theirs."""
        return seq if self.position.floors else self.position.cursor_after(seq)

    def _sent(self, cursor: int) -> None:
        self._reported = cursor
        self._last_put = time.monotonic()

    def _names_the_bot(self, message: Message) -> bool:
        """The follows stream's cheap look at the SDK's record, before any dump: only a
        follow or block whose subject is the bot can pass `is_relevant` (nearly every frame
        on this stream is someone else's follow; dumping each was its main cost)."""
        if message.collection not in (FOLLOW, BLOCK):
            return False
        record = message.record
        subject = (
            record.get("subject") if isinstance(record, dict) else getattr(record, "subject", None)
        )
        return isinstance(subject, str) and subject == self.shared.options.bot_did

    def _convert(self, message: Message) -> Event | None:
        if not self.wants(message.did):
            return None
        if self.follows_only and (
            getattr(message, "operation", None) != "create" or not self._names_the_bot(message)
        ):
            return None
        obj = message_to_json(message)
        if obj is None:
            return None
        if self.follows_only and not is_relevant(obj, (), self.shared.options.bot_did):
            return None
        try:
            return event_from_jetstream(obj)
        except SkippedInput as e:
            note_skip(
                self.shared.skipped, e, f"jetstream {self.name} seq {message.seq}", obj["did"]
            )
            return None
