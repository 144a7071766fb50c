"""Builders for real `com.atproto.sync.subscribeRepos` frames (unit tests and bench/ingest).

A frame is two DAG-CBOR objects back to back: the header `{op: 1, t: '#commit'}` and the body.
A commit body carries its blocks as a CAR (v1): the commit object, an MST node and the records,
addressed by CIDv1 (dag-cbor, sha-256). libipld encodes DAG-CBOR but not CID links, so links are
encoded as byte strings and then tagged (CBOR tag 42) in the output.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import libipld

_CID_PREFIX = bytes([0x01, 0x71, 0x12, 0x20])  # CIDv1, dag-cbor, sha2-256, 32 bytes
_LINK_BYTES_HEADER = b"\x58\x25"  # a 37-byte byte string: 0x00 + 36-byte CID


@dataclass(frozen=True)
class Link:
    cid: bytes


@dataclass(frozen=True)
class Op:
    action: str  # create | update | delete
    collection: str
    rkey: str
    record: dict[str, Any] | None = None

    @property
    def path(self) -> str:
        return f"{self.collection}/{self.rkey}"


def cid_of(data: bytes) -> bytes:
    return _CID_PREFIX + hashlib.sha256(data).digest()


def encode(obj: Any) -> bytes:
    """DAG-CBOR with `Link` values encoded as CID links (tag 42)."""
    links: list[bytes] = []
    encoded = libipld.encode_dag_cbor(_unlink(obj, links))
    for cid in set(links):
        encoded = _tag_links(encoded, _LINK_BYTES_HEADER + b"\x00" + cid)
    return encoded


def _tag_links(encoded: bytes, raw: bytes) -> bytes:
    """Prefix tag 42 to each `raw`, except where already tagged (links inside nested CARs)."""
    parts, pos = [], 0
    while (found := encoded.find(raw, pos)) != -1:
        if encoded[found - 2 : found] != b"\xd8\x2a":
            parts += [encoded[pos:found], b"\xd8\x2a"]
            pos = found
        parts.append(encoded[pos : found + len(raw)])
        pos = found + len(raw)
    parts.append(encoded[pos:])
    return b"".join(parts)


def _unlink(obj: Any, links: list[bytes]) -> Any:
    if isinstance(obj, Link):
        links.append(obj.cid)
        return b"\x00" + obj.cid
    if isinstance(obj, dict):
        return {k: _unlink(v, links) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_unlink(v, links) for v in obj]
    return obj


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | 0x80 if n else byte)
        if not n:
            return bytes(out)


def car(root: bytes, blocks: list[tuple[bytes, bytes]]) -> bytes:
    header = encode({"version": 1, "roots": [Link(root)]})
    parts = [_varint(len(header)), header]
    for cid, data in blocks:
        parts += [_varint(len(cid) + len(data)), cid, data]
    return b"".join(parts)


def iso(time_us: int) -> str:
    moment = datetime.fromtimestamp(time_us / 1_000_000, UTC)
    return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")


def frame(kind: str, body: dict[str, Any]) -> bytes:
    return encode({"op": 1, "t": kind}) + encode(body)


def commit_frame(
    seq: int,
    repo: str,
    ops: list[Op],
    time_us: int,
    *,
    blocks: bytes | None = None,
    mst_depth: int = 0,
) -> bytes:
    """A `#commit` frame; `blocks` replaces the CAR (e.g. garbage, to prove it is not read);
    `mst_depth` adds inner MST nodes, as a large repo's commit carries (the bench uses 3-5)."""
    record_blocks: list[tuple[bytes, bytes]] = []
    op_bodies: list[dict[str, Any]] = []
    for op in ops:
        cid = None
        if op.record is not None:
            data = encode(op.record)
            cid = cid_of(data)
            record_blocks.append((cid, data))
        op_bodies.append({"action": op.action, "path": op.path, "cid": _link_or_none(cid)})
    # an MST node like the ones a real commit carries (entries point at the records)
    entries = [{"k": op.path.encode(), "p": 0, "v": Link(c), "t": None} for c, _ in record_blocks]
    mst = encode({"l": None, "e": entries})
    inner: list[tuple[bytes, bytes]] = []
    for level in range(mst_depth):
        keys = [
            {"k": f"{level}/{seq}/{i}".encode(), "p": 9, "v": Link(cid_of(mst)), "t": None}
            for i in range(4)
        ]
        node = encode({"l": Link(cid_of(mst)), "e": keys})
        inner.append((cid_of(node), node))
    commit = encode(
        {"did": repo, "version": 3, "data": Link(cid_of(mst)), "rev": _rev(seq), "prev": None}
        | {"sig": hashlib.sha512(mst).digest()}
    )
    commit_cid = cid_of(commit)
    car_bytes = car(commit_cid, [(commit_cid, commit), *inner, (cid_of(mst), mst), *record_blocks])
    body = {
        "seq": seq,
        "rebase": False,
        "tooBig": False,
        "repo": repo,
        "commit": Link(commit_cid),
        "rev": _rev(seq),
        "since": None,
        "blocks": car_bytes if blocks is None else blocks,
        "ops": op_bodies,
        "blobs": [],
        "time": iso(time_us),
    }
    return frame("#commit", body)


def _link_or_none(cid: bytes | None) -> Link | None:
    return Link(cid) if cid is not None else None


def _rev(seq: int) -> str:
    alphabet = "234567abcdefghijklmnopqrstuvwxyz"
    n, out = seq + (1 << 50), []
    for _ in range(13):
        out.append(alphabet[n & 31])
        n >>= 5
    return "".join(reversed(out))


def account_frame(seq: int, did: str, time_us: int, active: bool, status: str | None) -> bytes:
    body: dict[str, Any] = {"seq": seq, "did": did, "time": iso(time_us), "active": active}
    if status is not None:
        body["status"] = status
    return frame("#account", body)


def identity_frame(seq: int, did: str, time_us: int, handle: str | None) -> bytes:
    return frame("#identity", {"seq": seq, "did": did, "time": iso(time_us), "handle": handle})


def info_frame(name: str, message: str | None = None) -> bytes:
    return frame("#info", {"name": name, "message": message})


# records ------------------------------------------------------------------------------------


def post(text: str, created_at: str = "2020-01-01T00:00:00.000Z") -> dict[str, Any]:
    return {"$type": "app.bsky.feed.post", "text": text, "createdAt": created_at}


def follow(subject: str) -> dict[str, Any]:
    return {"$type": "app.bsky.graph.follow", "subject": subject, "createdAt": iso(0)}


def block(subject: str) -> dict[str, Any]:
    return {"$type": "app.bsky.graph.block", "subject": subject, "createdAt": iso(0)}


def like(author: str, rkey: str = "3kpost") -> dict[str, Any]:
    uri = f"at://{author}/app.bsky.feed.post/{rkey}"
    ref = {"uri": uri, "cid": "bafyreib2rxk3rh6kzwq"}
    return {"$type": "app.bsky.feed.like", "subject": ref, "createdAt": iso(0)}


def repost(author: str, rkey: str = "3kpost") -> dict[str, Any]:
    return like(author, rkey) | {"$type": "app.bsky.feed.repost"}
