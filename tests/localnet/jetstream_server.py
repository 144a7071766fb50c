"""A Jetstream v2 test server (`network.bsky.jetstream.subscribeEvents`) fed by the local PDS.

The real Jetstream is Go and cannot be built here. This server reads the PDS's
`com.atproto.sync.subscribeRepos` (from cursor 0, so it never misses an event), turns every
record operation, identity, account and sync event into one v2 event with its own sequence
number, keeps them in memory, and serves them to the unmodified SDK `AsyncJetstreamClient`
over the `xrpc.v1.json` subprotocol:

- filters `kinds`, `dids` (every kind), `collections` (commits only; `prefix.*` patterns),
  `maxMessageSizeBytes`; invalid values are rejected before the upgrade with 400
  `InvalidRequest`, as is `collections` with `kinds` that exclude commits;
- cursors: a sequence number is inclusive (events with seq >= cursor are replayed); values
  >= 1e15 are unix-microsecond timestamps, translated to the first event witnessed at or
  after that instant; a seq below the retention floor gets 400 `CursorTooOld` before the
  upgrade; a timestamp older than the oldest retained event is clamped up to it after an
  `#info OutdatedCursor` frame; a seq beyond the next one to be assigned starts at the live
  tip after an `#info FutureCursor` frame; no cursor starts at the live tip;
- slow consumers: each subscriber has a bounded queue of live events; when it overflows
  (the subscriber stopped reading and the socket buffers are full) the server sends an
  error frame `ConsumerTooSlow` and closes the connection;
- zstd: off by default: `network.bsky.jetstream.getZstdDictionary` answers 501
  `MethodNotImplemented`, so the SDK client (compress=True by default) falls back to an
  uncompressed stream, and a `zstdDictionary` parameter is refused before the upgrade with 400
  `UnknownZstdDictionary`. With `--zstd` (or `Jetstream(..., zstd=True)`) the server trains a
  dictionary on synthetic events at startup, serves it, and sends subscribers that name its id
  binary frames compressed with it (an unknown id: 400 `UnknownZstdDictionary`).

Record values are converted from DAG-CBOR to the atproto JSON form; since the decoder
returns CID links as bytes, a byte string that parses as a CIDv1 becomes `{"$link": ...}`
and any other one `{"$bytes": ...}`. Identity, account and sync events wrap the upstream
event body, with byte fields (a sync event's `blocks`) as base64 strings.

Test switches (plain HTTP):
  GET  /_test/stats   {"nextSeq", "floorSeq", "events", "subscribers", "dropped", "each"}
  POST /_test/trim    {"beforeSeq": n}: forget events below n (as retention would)
  POST /_test/config  {"buffer": n}: live-queue size for new subscribers (slow-consumer tests);
                      {"ignoreMaxSize": true}: send events past `maxMessageSizeBytes` anyway
  POST /_test/drop    drop every current subscriber as too slow (ConsumerTooSlow)
  POST /_test/event   {"did", "collection", "record"}: append a commit of that record (e.g. a
                      record far larger than a PDS would take, for size-bound tests)

Run: python -m tests.localnet.jetstream_server --firehose ws://localhost:PDS_PORT/xrpc
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import re
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import aiohttp
import libipld
import zstandard
from aiohttp import web

from tests.localnet.serving import bind_loopback, serve

NSID = "network.bsky.jetstream.subscribeEvents"
TYPE = NSID + "#"
SUBPROTOCOL = "xrpc.v1.json"
KINDS = ("commit", "identity", "account", "sync")
TIMESTAMP_CURSOR = 10**15
NSID_RE = re.compile(r"^[a-zA-Z]([a-zA-Z0-9-]*)(\.[a-zA-Z0-9-]+)+$")
PREFIX_RE = re.compile(r"^[a-zA-Z]([a-zA-Z0-9-]*)(\.[a-zA-Z0-9-]+)*\.\*$")
DID_RE = re.compile(r"^did:[a-z]+:[a-zA-Z0-9._:%-]+$")


def iso_us(time_us: int) -> str:
    dt = datetime.fromtimestamp(time_us / 1e6, tz=UTC)
    return dt.isoformat(timespec="microseconds").replace("+00:00", "Z")


def to_json_value(value: Any) -> Any:
    """DAG-CBOR (as decoded by libipld) → atproto JSON data model."""
    if isinstance(value, dict):
        return {k: to_json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json_value(v) for v in value]
    if isinstance(value, bytes):
        if value[:1] == b"\x01":
            with contextlib.suppress(Exception):
                return {"$link": libipld.encode_cid(value)}
        return {"$bytes": base64.b64encode(value).decode().rstrip("=")}
    return value


def upstream_json(value: Any) -> Any:
    """An upstream firehose event body as Jetstream wraps it: bytes as base64 strings."""
    if isinstance(value, dict):
        return {k: upstream_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [upstream_json(v) for v in value]
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


@dataclass
class Event:
    seq: int
    time_us: int
    kind: str
    did: str
    collection: str | None
    frame: str  # the whole xrpc.v1.json text frame


@dataclass
class Filter:
    kinds: frozenset[str]
    dids: frozenset[str]
    collections: frozenset[str]
    prefixes: tuple[str, ...]
    max_size: int

    def wants(self, ev: Event) -> bool:
        if self.kinds and ev.kind not in self.kinds:
            return False
        if self.dids and ev.did not in self.dids:
            return False
        if ev.kind == "commit" and (self.collections or self.prefixes):
            c = ev.collection or ""
            if c not in self.collections and not any(c.startswith(p) for p in self.prefixes):
                return False
        return not (self.max_size and len(ev.frame.encode()) > self.max_size)


@dataclass
class Wire:
    """One subscriber's socket: text frames, or binary zstd frames if it asked for them."""

    ws: web.WebSocketResponse
    compressor: zstandard.ZstdCompressor | None

    async def send(self, frame: str) -> None:
        if self.compressor is None:
            await self.ws.send_str(frame)
        else:
            await self.ws.send_bytes(self.compressor.compress(frame.encode()))


class BadRequest(Exception):
    def __init__(self, error: str, message: str) -> None:
        super().__init__(message)
        self.error, self.message = error, message


@dataclass(eq=False)
class Subscriber:
    queue: asyncio.Queue[Event]
    too_slow: asyncio.Event = field(default_factory=asyncio.Event)
    sent: int = 0
    transport: asyncio.BaseTransport | None = None

    def describe(self) -> dict[str, Any]:
        buffered = None
        if isinstance(self.transport, asyncio.WriteTransport):
            buffered = self.transport.get_write_buffer_size()
        return {"sent": self.sent, "queued": self.queue.qsize(), "writeBuffer": buffered}


def train_dictionary() -> zstandard.ZstdCompressionDict:
    """A real (formatted) zstd dictionary, as the SDK expects, trained on event-like JSON."""
    samples = [
        json.dumps(
            {
                "$type": "message",
                "payload": {
                    "$type": TYPE + "commit",
                    "seq": i,
                    "did": f"did:plc:{i:024d}",
                    "collection": "app.bsky.feed.post",
                    "record": {"$type": "app.bsky.feed.post", "text": "a post " * (i % 17)},
                },
            }
        ).encode()
        for i in range(500)
    ]
    return zstandard.train_dictionary(16 * 1024, samples)


class Jetstream:
    def __init__(self, firehose: str, buffer: int, *, zstd: bool = False) -> None:
        self.firehose = firehose.rstrip("/")
        self.events: list[Event] = []
        self.floor_seq = 1  # seq of events[0], or next_seq when empty
        self.next_seq = 1
        self.trimmed = False
        self.upstream_cursor = 0
        self.buffer = buffer
        self.subscribers: set[Subscriber] = set()
        self.dropped = 0
        self.upstream_connected = asyncio.Event()
        self.dictionary = train_dictionary() if zstd else None
        self.ignore_max_size = False  # a server that sends oversized events anyway

    # --- ingest -----------------------------------------------------------------------

    def append(self, kind: str, did: str, collection: str | None, body: dict[str, Any]) -> None:
        seq = self.next_seq
        self.next_seq += 1
        time_us = int(time.time() * 1_000_000)
        if self.events and time_us <= self.events[-1].time_us:
            time_us = self.events[-1].time_us + 1  # witnessed times are strictly monotonic
        payload = {
            "$type": TYPE + kind,
            "seq": seq,
            "time": iso_us(time_us),
            "witnessedAt": iso_us(time_us),
            "did": did,
            **body,
        }
        frame = json.dumps({"$type": "message", "payload": payload}, separators=(",", ":"))
        ev = Event(seq, time_us, kind, did, collection, frame)
        if not self.events:
            self.floor_seq = seq
        self.events.append(ev)
        for sub in list(self.subscribers):
            try:
                sub.queue.put_nowait(ev)
            except asyncio.QueueFull:
                sub.too_slow.set()

    def ingest_frame(self, data: bytes) -> None:
        header, body = libipld.decode_dag_cbor_multi(data)
        if header.get("op") != 1:
            return
        t = header.get("t")
        seq = body.get("seq")
        if isinstance(seq, int):
            self.upstream_cursor = seq
        if t == "#commit":
            did = body["repo"]
            blocks: dict[bytes, Any] = {}
            if body.get("blocks"):
                _, blocks = libipld.decode_car(body["blocks"])
            for op in body.get("ops", []):
                collection, _, rkey = op["path"].partition("/")
                event: dict[str, Any] = {
                    "rev": body["rev"],
                    "operation": op["action"],
                    "collection": collection,
                    "rkey": rkey,
                }
                if op["action"] in ("create", "update") and op.get("cid"):
                    event["cid"] = libipld.encode_cid(op["cid"])
                    record = blocks.get(op["cid"])
                    if record is not None:
                        event["record"] = to_json_value(record)
                self.append("commit", did, collection, event)
        elif t in ("#identity", "#account", "#sync"):
            kind = t[1:]
            upstream = upstream_json(body)
            self.append(kind, body["did"], None, {kind: upstream})

    async def ingest(self, stop: asyncio.Event) -> None:
        """Follow the PDS firehose for ever, resuming from the last upstream seq."""
        async with aiohttp.ClientSession() as http:
            while not stop.is_set():
                url = (
                    f"{self.firehose}/com.atproto.sync.subscribeRepos?cursor={self.upstream_cursor}"
                )
                try:
                    async with http.ws_connect(url, max_msg_size=0, heartbeat=20) as ws:
                        self.upstream_connected.set()
                        async for msg in ws:
                            if msg.type == aiohttp.WSMsgType.BINARY:
                                self.ingest_frame(msg.data)
                            elif msg.type in (aiohttp.WSMsgType.ERROR, aiohttp.WSMsgType.CLOSED):
                                break
                except (aiohttp.ClientError, OSError) as e:
                    print(f"jetstream: upstream error {e!r}; reconnecting", flush=True)
                await asyncio.sleep(0.5)

    # --- serving ----------------------------------------------------------------------

    def trim(self, before_seq: int) -> None:
        keep = [e for e in self.events if e.seq >= before_seq]
        if len(keep) != len(self.events):
            self.trimmed = True
        self.events = keep
        self.floor_seq = keep[0].seq if keep else self.next_seq

    def since(self, seq: int) -> Iterator[Event]:
        """Retained events with seq >= `seq`, read live (the list may grow or be trimmed)."""
        while True:
            if not self.events or seq >= self.next_seq:
                return
            index = max(0, seq - self.events[0].seq)
            if index >= len(self.events):
                return
            ev = self.events[index]
            yield ev
            seq = ev.seq + 1

    def compressor(self, request: web.Request) -> zstandard.ZstdCompressor | None:
        """The compressor for a subscriber that named our dictionary (checked by `parse`)."""
        if self.dictionary is None or "zstdDictionary" not in request.query:
            return None
        return zstandard.ZstdCompressor(dict_data=self.dictionary)

    def parse(self, request: web.Request) -> tuple[Filter, int | None, str | None]:
        """Validate the query before the upgrade: (filter, start seq or None for live, info)."""
        q = request.query
        kinds = q.getall("kinds", [])
        if len(kinds) > 4 or any(k not in KINDS for k in kinds):
            raise BadRequest("InvalidRequest", f"kinds must be among {', '.join(KINDS)}")
        collections = q.getall("collections", [])
        if len(collections) > 100:
            raise BadRequest("InvalidRequest", "at most 100 collections")
        for c in collections:
            if not (NSID_RE.match(c) or PREFIX_RE.match(c)):
                raise BadRequest("InvalidRequest", f"invalid collection {c!r}")
        if collections and kinds and "commit" not in kinds:
            raise BadRequest("InvalidRequest", "collections apply to commits, which kinds excludes")
        dids = q.getall("dids", [])
        if len(dids) > 10000 or any(not DID_RE.match(d) for d in dids):
            raise BadRequest("InvalidRequest", "invalid dids")
        try:
            max_size = int(q.get("maxMessageSizeBytes", "0"))
            cursor = int(q["cursor"]) if "cursor" in q else None
        except ValueError as e:
            raise BadRequest("InvalidRequest", "integers expected") from e
        if "zstdDictionary" in q and (
            self.dictionary is None or q["zstdDictionary"] != str(self.dictionary.dict_id())
        ):
            raise BadRequest("UnknownZstdDictionary", "not the dictionary this server has")
        filt = Filter(
            kinds=frozenset(kinds),
            dids=frozenset(dids),
            collections=frozenset(c for c in collections if not c.endswith(".*")),
            prefixes=tuple(c[:-1] for c in collections if c.endswith(".*")),
            max_size=0 if self.ignore_max_size else max(0, max_size),
        )
        if cursor is None:
            return filt, None, None
        if cursor >= TIMESTAMP_CURSOR:
            first = next((e for e in self.events if e.time_us >= cursor), None)
            if self.events and cursor < self.events[0].time_us:
                start = self.events[0].seq
                return filt, start, f"OutdatedCursor: resuming from seq {start}"
            return filt, (first.seq if first else None), None
        if cursor > self.next_seq:
            return filt, None, f"FutureCursor: starting at the live tip, seq {self.next_seq}"
        if self.trimmed and cursor < self.floor_seq:
            raise BadRequest("CursorTooOld", f"cursor {cursor} is below the floor {self.floor_seq}")
        return filt, max(cursor, self.floor_seq), None

    async def subscribe(self, request: web.Request) -> web.StreamResponse:
        try:
            filt, start, info = self.parse(request)
        except BadRequest as e:
            return web.json_response({"error": e.error, "message": e.message}, status=400)
        ws = web.WebSocketResponse(protocols=(SUBPROTOCOL,), heartbeat=None, max_msg_size=1 << 20)
        # Small buffers, so a consumer that stops reading is noticed soon.
        if request.transport is not None:
            request.transport.set_write_buffer_limits(high=64 * 1024)
            sock = request.transport.get_extra_info("socket")
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 64 * 1024)
        await ws.prepare(request)
        sub = Subscriber(queue=asyncio.Queue(maxsize=self.buffer), transport=request.transport)
        self.subscribers.add(sub)  # before the replay: nothing can fall between the two
        sender = asyncio.create_task(
            self._send(Wire(ws, self.compressor(request)), sub, filt, start, info)
        )
        reader = asyncio.create_task(self._drain(ws))
        slow = asyncio.create_task(sub.too_slow.wait())
        try:
            await asyncio.wait({sender, reader, slow}, return_when=asyncio.FIRST_COMPLETED)
            if slow.done() and not sender.done():
                sender.cancel()
                self.dropped += 1
                await self._drop(ws)
        finally:
            self.subscribers.discard(sub)
            for task in (sender, reader, slow):
                task.cancel()
            for task in (sender, reader, slow):
                with contextlib.suppress(BaseException):
                    await task
            if not ws.closed:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(ws.close(), 2)
        return ws

    async def _drain(self, ws: web.WebSocketResponse) -> None:
        async for _ in ws:  # v2 is push-only: inbound messages are ignored
            pass

    async def _send(
        self,
        ws: Wire,
        sub: Subscriber,
        filt: Filter,
        start: int | None,
        info: str | None,
    ) -> None:
        if info:
            name, _, message = info.partition(": ")
            payload = {"$type": TYPE + "info", "name": name, "message": message}
            await ws.send(json.dumps({"$type": "message", "payload": payload}))
        last = self.next_seq - 1 if start is None else start - 1
        if start is not None:
            for ev in self.since(start):
                if filt.wants(ev):
                    await ws.send(ev.frame)
                    sub.sent += 1
                last = ev.seq
        while True:
            ev = await sub.queue.get()
            if ev.seq <= last:
                continue  # already sent during the replay
            if filt.wants(ev):
                await ws.send(ev.frame)
                sub.sent += 1
            last = ev.seq

    async def _drop(self, ws: web.WebSocketResponse) -> None:
        frame = {"$type": "error", "error": "ConsumerTooSlow", "message": "consumer too slow"}
        with contextlib.suppress(Exception):
            await asyncio.wait_for(ws.send_str(json.dumps(frame)), 2)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(ws.close(code=1008, message=b"ConsumerTooSlow"), 5)

    async def zstd_dictionary(self, request: web.Request) -> web.Response:
        if self.dictionary is not None:
            return web.Response(
                body=self.dictionary.as_bytes(), content_type="application/octet-stream"
            )
        return web.json_response(
            {"error": "MethodNotImplemented", "message": "this server sends uncompressed frames"},
            status=501,
        )

    async def stats(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "nextSeq": self.next_seq,
                "floorSeq": self.floor_seq,
                "events": len(self.events),
                "subscribers": len(self.subscribers),
                "dropped": self.dropped,
                "each": [sub.describe() for sub in self.subscribers],
                "upstreamCursor": self.upstream_cursor,
            }
        )

    async def trim_handler(self, request: web.Request) -> web.Response:
        self.trim(int((await request.json())["beforeSeq"]))
        return await self.stats(request)

    async def drop_all(self, request: web.Request) -> web.Response:
        """Treat every current subscriber as too slow (tests the clients' recovery)."""
        for sub in self.subscribers:
            sub.too_slow.set()
        return web.json_response({"dropping": len(self.subscribers)})

    async def config(self, request: web.Request) -> web.Response:
        body = await request.json()
        if "buffer" in body:
            self.buffer = max(1, int(body["buffer"]))
        if "ignoreMaxSize" in body:
            self.ignore_max_size = bool(body["ignoreMaxSize"])
        return web.json_response({"buffer": self.buffer, "ignoreMaxSize": self.ignore_max_size})

    async def event(self, request: web.Request) -> web.Response:
        body = await request.json()
        did, collection = body["did"], body["collection"]
        rkey = f"3l{self.next_seq:011d}"
        commit = {"rev": rkey, "operation": "create", "collection": collection, "rkey": rkey}
        commit["record"] = {"$type": collection, **body["record"]}
        commit["cid"] = "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm"
        self.append("commit", did, collection, commit)
        return await self.stats(request)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get(f"/xrpc/{NSID}", self.subscribe)
        app.router.add_get("/xrpc/network.bsky.jetstream.getZstdDictionary", self.zstd_dictionary)
        app.router.add_get("/_test/stats", self.stats)
        app.router.add_post("/_test/trim", self.trim_handler)
        app.router.add_post("/_test/config", self.config)
        app.router.add_post("/_test/drop", self.drop_all)
        app.router.add_post("/_test/event", self.event)
        return app


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--firehose", required=True, help="ws://localhost:PORT/xrpc of the PDS")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--buffer", type=int, default=10_000, help="live queue per subscriber")
    parser.add_argument("--zstd", action="store_true", help="offer a dictionary, compress frames")
    args = parser.parse_args()
    socks = bind_loopback(args.port)
    port = socks[0].getsockname()[1]
    js = Jetstream(args.firehose, args.buffer, zstd=args.zstd)

    info = {"url": f"http://localhost:{port}", "wsUri": f"ws://localhost:{port}/xrpc", "port": port}
    await serve(js.app(), socks, info, background=js.ingest, ready=js.upstream_connected)


if __name__ == "__main__":
    asyncio.run(main())
