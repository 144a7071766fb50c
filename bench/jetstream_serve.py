"""Generated Jetstream v2 events, served as fast as a client reads them (bench/ingest_jetstream).

Events are built by the test server's own code (`tests/localnet/jetstream_server.Jetstream.append`:
the same `xrpc.v1.json` text frames, envelope and `$type`s), and a subscription's query is read
by its `parse` and matched by its `Filter` (kinds, dids, collections, inclusive seq cursors).
What differs is the sending: that server awaits one aiohttp `send_str` per event, far slower
than the SDK client reads. Here every event is a pre-built websocket frame, each known
subscription's selection is computed before the clock starts (as an indexed server would), and
the frames go out in 256 KB writes. After the last retained event the connection stays open
and idle (as at the live tip) until the client closes it. Uncompressed, as the test server:
`getZstdDictionary` → 501.

The server runs in a forked child process on 127.0.0.1, so it does not share the client's core.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import json
import multiprocessing
import os
import random
import signal
import socket
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from multidict import MultiDict

from tests.localnet.jetstream_server import NSID, SUBPROTOCOL, BadRequest, Filter, Jetstream

POST, LIKE, REPOST = "app.bsky.feed.post", "app.bsky.feed.like", "app.bsky.feed.repost"
FOLLOW, BLOCK = "app.bsky.graph.follow", "app.bsky.graph.block"
_B32 = "234567abcdefghijklmnopqrstuvwxyz"
_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
_CHUNK = 256 * 1024
TEXTS = [
    "coffee first, then the world",
    "my cat just knocked the plant over again, third time this week. send help",
    "20% off everything in my shop this weekend with code AUTUMN20",
    "finished the book, what a ride. recommendations welcome",
]


def did_of(i: int) -> str:
    """A did:plc-shaped DID (24 base32 characters) for account number i."""
    return "did:plc:" + "".join(_B32[(i >> (5 * k)) & 31] for k in range(24))


def tid(n: int) -> str:
    """A TID-shaped record key / rev (13 base32-sortable characters)."""
    value = (1_785_585_600_000_000 + n) << 10
    return "".join(_B32[(value >> (5 * k)) & 31] for k in reversed(range(13)))


def cid(n: int) -> str:
    return "bafyrei" + hashlib.sha256(str(n).encode()).hexdigest()[:52]


def _record(rng: random.Random, dids: list[str], collection: str, n: int) -> dict[str, Any]:
    created = "2026-11-25T12:00:00.000Z"
    other = rng.choice(dids)
    if collection in (LIKE, REPOST):
        subject = {"uri": f"at://{other}/{POST}/{tid(n - 7)}", "cid": cid(n - 7)}
        return {"$type": collection, "subject": subject, "createdAt": created}
    if collection in (FOLLOW, BLOCK):
        return {"$type": collection, "subject": other, "createdAt": created}
    post: dict[str, Any] = {
        "$type": POST,
        "text": rng.choice(TEXTS),
        "langs": ["en"],
        "createdAt": created,
    }
    if rng.random() < 0.3:  # a reply
        ref = {"uri": f"at://{other}/{POST}/{tid(n - 3)}", "cid": cid(n - 3)}
        post["reply"] = {"root": ref, "parent": ref}
    return post


def generate(events: int, accounts: int, opted: int, bot: str, seed: int) -> Jetstream:
    """A firehose-like mix; the first `opted` DIDs are the opted-in ones."""
    rng = random.Random(seed)
    dids = [did_of(i) for i in range(accounts)]
    js = Jetstream("unused://", buffer=1)
    for n in range(events):
        did, roll = dids[rng.randrange(accounts)], rng.random()
        if roll < 0.003:
            identity = {"did": did, "seq": n, "time": "2026-11-25T12:00:00.000Z"}
            js.append("identity", did, None, {"identity": identity | {"handle": "x.bsky.social"}})
            continue
        if roll < 0.005:
            account = {"did": did, "seq": n, "time": "2026-11-25T12:00:00.000Z", "active": True}
            js.append("account", did, None, {"account": account})
            continue
        roll = rng.random()
        if roll >= 0.94:  # a delete: rkey only
            collection = rng.choice((LIKE, POST, FOLLOW, REPOST))
            body = {"rev": tid(n), "operation": "delete", "collection": collection}
            js.append("commit", did, collection, body | {"rkey": tid(n - 11)})
            continue
        collection = (
            LIKE if roll < 0.50 else POST if roll < 0.65 else REPOST if roll < 0.77 else
            FOLLOW if roll < 0.92 else BLOCK
        )  # fmt: skip
        record = _record(rng, dids, collection, n)
        if collection == FOLLOW and rng.random() < 0.001:
            record["subject"] = bot  # a few opt-ins
        body = {"rev": tid(n), "operation": "create", "collection": collection, "rkey": tid(n)}
        js.append("commit", did, collection, body | {"cid": cid(n), "record": record})
    return js


def ws_frame(payload: bytes, opcode: int = 0x1) -> bytes:
    """One unmasked server-to-client websocket frame."""
    n = len(payload)
    if n < 126:
        head = bytes([0x80 | opcode, n])
    elif n < 1 << 16:
        head = bytes([0x80 | opcode, 126]) + n.to_bytes(2, "big")
    else:
        head = bytes([0x80 | opcode, 127]) + n.to_bytes(8, "big")
    return head + payload


def _key(f: Filter) -> tuple[Any, ...]:
    return (f.kinds, f.dids, f.collections, f.prefixes, f.max_size)


@dataclass
class Selection:
    seqs: list[int]  # every retained event this filter delivers, in order
    frames: list[bytes]


class BenchServer:
    def __init__(self, js: Jetstream, queries: Iterable[Mapping[str, Any]]) -> None:
        self.js = js
        self.wire = [ws_frame(ev.frame.encode()) for ev in js.events]
        self.selections: dict[tuple[Any, ...], Selection] = {}
        for params in queries:
            self.selection(params)

    def parse(self, query: str) -> tuple[Filter, int | None, str | None]:
        request = SimpleNamespace(query=MultiDict(parse_qsl(query, keep_blank_values=True)))
        return self.js.parse(request)  # type: ignore[arg-type]  # it reads .query only

    def selection(self, params: Mapping[str, Any]) -> Selection:
        """What a subscription with these params receives from the start (cursor aside)."""
        filt, _, _ = self.parse(urlencode({k: v for k, v in params.items() if v}, doseq=True))
        return self._select(filt)

    def _select(self, filt: Filter) -> Selection:
        key = _key(filt)
        if key not in self.selections:
            chosen = [i for i, ev in enumerate(self.js.events) if filt.wants(ev)]
            seqs = [self.js.events[i].seq for i in chosen]
            self.selections[key] = Selection(seqs, [self.wire[i] for i in chosen])
        return self.selections[key]

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            target = urlsplit(head[0].split(" ")[1])
            headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in head)}
            if not target.path.endswith(NSID):
                await _http(writer, 501, {"error": "MethodNotImplemented", "message": "bench"})
                return
            try:
                filt, start, _info = self.parse(target.query)
            except BadRequest as e:
                await _http(writer, 400, {"error": e.error, "message": e.message})
                return
            accept = hashlib.sha1((headers["sec-websocket-key"] + _GUID).encode()).digest()
            writer.write(
                b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                b"Connection: Upgrade\r\nSec-WebSocket-Accept: "
                + base64.b64encode(accept)
                + f"\r\nSec-WebSocket-Protocol: {SUBPROTOCOL}\r\n\r\n".encode()
            )
            pongs = asyncio.create_task(_answer_pings(reader, writer))
            await self._send(writer, filt, start)
            await pongs  # then idle, as at the live tip, until the client closes
            writer.write(ws_frame((1000).to_bytes(2, "big"), opcode=0x8))
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def _send(self, writer: asyncio.StreamWriter, filt: Filter, start: int | None) -> None:
        if start is None:
            return  # the live tip: nothing more will come
        sel = self._select(filt)  # planned ones were computed before the clock started
        first = next((i for i, s in enumerate(sel.seqs) if s >= start), len(sel.seqs))
        chunk: list[bytes] = []
        size = 0
        for frame in sel.frames[first:]:
            chunk.append(frame)
            size += len(frame)
            if size >= _CHUNK:
                writer.write(b"".join(chunk))
                chunk, size = [], 0
                await writer.drain()
        writer.write(b"".join(chunk))
        await writer.drain()


async def _http(writer: asyncio.StreamWriter, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body).encode()
    writer.write(
        f"HTTP/1.1 {status} Error\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode()
        + data
    )
    await writer.drain()


async def _answer_pings(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Read the client's (masked) frames: answer pings, return on its close."""
    while True:
        b0, b1 = await reader.readexactly(2)
        n = b1 & 0x7F
        if n == 126:
            n = int.from_bytes(await reader.readexactly(2), "big")
        elif n == 127:
            n = int.from_bytes(await reader.readexactly(8), "big")
        mask = await reader.readexactly(4) if b1 & 0x80 else b"\0\0\0\0"
        data = bytes(c ^ mask[i % 4] for i, c in enumerate(await reader.readexactly(n)))
        opcode = b0 & 0x0F
        if opcode == 0x9:
            writer.write(ws_frame(data, opcode=0xA))
        elif opcode == 0x8:
            return


def _serve_forever(server: BenchServer, sock: socket.socket) -> None:
    async def main() -> None:
        srv = await asyncio.start_server(server.handle, sock=sock, limit=1 << 20)
        async with srv:
            await srv.serve_forever()

    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())


def bind() -> tuple[socket.socket, str]:
    """A listening socket on 127.0.0.1 (a free port) and its ws base URI."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(512)
    return sock, f"ws://127.0.0.1:{sock.getsockname()[1]}/xrpc"


def fork(server: BenchServer, sock: socket.socket) -> multiprocessing.process.BaseProcess:
    """Serve from a forked child (it inherits the prepared frames); stop it with terminate()."""
    process = multiprocessing.get_context("fork").Process(
        target=_serve_forever, args=(server, sock), daemon=True
    )
    process.start()
    sock.close()
    return process
