"""`com.atproto.sync.subscribeRepos` frame bodies -> the bot's events, filtering before decoding.

The relay sends every commit of the network (~10k/s); the bot cares about the few opted-in
repos and about follows/blocks whose subject is the bot. So a frame is judged on what is already
plain data after the frame decode — the commit's `repo` and its ops' `action` and `path` — and
only then is anything decoded:

- opted-in repo: the CAR is decoded once and every op becomes an event;
- any other repo: only `app.bsky.graph.follow` / `app.bsky.graph.block` creates are looked at,
  and only when the bot's DID occurs in the CAR's bytes at all; then just that one record's
  block is found and decoded to read its `subject`. Everything else is dropped undecoded.

Records go through `event_from_record` (Jetstream's JSON shape), so there is
one conversion of records for both sources. No SDK models here: frames stay dicts (libipld).

Event time is the commit's `time` — when the network (PDS, relayed unchanged) sequenced it —
never the record's user-controlled `createdAt`. A replay from a cursor keeps the original times.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

import libipld

from bot.events import Event
from bot.sources.jetstream_json import (
    BLOCK,
    FOLLOW,
    MALFORMED,
    SkippedInput,
    event_from_jetstream,
    event_from_record,
    note_skip,
    short,
)

Skip = Callable[[SkippedInput, str], None]  # count one bad op; log it if first

log = logging.getLogger(__name__)

COMMIT, ACCOUNT, IDENTITY, INFO = "#commit", "#account", "#identity", "#info"
_WATCH_PREFIXES = (FOLLOW + "/", BLOCK + "/")
UNDECODABLE = "undecodable"  # a CAR or record block that libipld cannot read
UNDECODABLE_FRAME = "undecodable-frame"  # a frame the SDK could not decode, or not a map


def time_us_of(value: Any) -> int | None:
    """An atproto datetime (`2024-05-01T12:00:00.123Z`) -> microseconds since the epoch."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None  # the spec requires a zone; a naive time would be read as local time
    # whole seconds from the float are exact at this magnitude; microseconds come separately
    return int(moment.replace(microsecond=0).timestamp()) * 1_000_000 + moment.microsecond


def collection_of(op: Mapping[str, Any]) -> str:
    return str(op.get("path")).partition("/")[0]


def find_block(car: bytes, cid: bytes) -> bytes | None:
    """The data of the block `cid` in a CAR (v1), found by walking the section headers.

    Only lengths are read, nothing is decoded: cheap enough to do for every stranger's follow
    of the bot. A truncated or garbage CAR gives None."""
    pos, end = 0, len(car)
    first = True  # the first section is the CAR header
    while pos < end:
        byte = car[pos]
        if byte < 0x80:  # sections are almost always < 16 KiB: one or two length bytes
            length, start = byte, pos + 1
        elif pos + 1 < end and car[pos + 1] < 0x80:
            length, start = (byte & 0x7F) | (car[pos + 1] << 7), pos + 2
        else:
            long_length, start = _varint(car, pos)
            if long_length is None:
                return None
            length = long_length
        if start + length > end:
            return None
        if not first and car.startswith(cid, start):
            return car[start + len(cid) : start + length]
        pos, first = start + length, False
    return None


def _varint(data: bytes, pos: int) -> tuple[int | None, int]:
    value = shift = 0
    for i in range(pos, min(pos + 9, len(data))):
        byte = data[i]
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, i + 1
        shift += 7
    return None, pos


class FrameFilter:
    """Turns decoded frame bodies into events; holds the opted-in set the filter uses."""

    def __init__(self, bot_did: str, opted_in: Iterable[str] = ()) -> None:
        self.bot_did = bot_did
        self._bot_bytes = bot_did.encode()
        self.opted: set[str] = set(opted_in)
        self.skipped: Counter[str] = Counter()  # category -> count, like the replay summary
        self.decoded_frames = 0  # frames whose CAR (or one record) was decoded

    def events(self, kind: str | None, body: Mapping[str, Any]) -> list[Event]:
        """The events in one message frame (`kind` is the frame header's `t`)."""
        if kind == COMMIT:
            return self.commit(body)
        if kind in (ACCOUNT, IDENTITY):
            return self._repo_event(kind, body)
        return []  # #info is the source's business; #sync and unknown types carry no activity

    def commit(self, body: Mapping[str, Any]) -> list[Event]:
        """A `#commit` body. This runs for every commit of the network, hence the plain loop:
        most ops are likes and posts of strangers, dropped after one `startswith`."""
        repo, ops = body.get("repo"), body.get("ops")
        if ops.__class__ is not list or repo.__class__ is not str:
            self.skip_frame(f"commit of {short(repo)}", "no repo or no list of ops")
            return []
        if repo in self.opted:
            return self._decode_all(repo, body)
        watched: list[Any] | None = None
        for op in ops:
            if op.__class__ is not dict:
                continue  # judged when (if) the repo is decoded; a stranger's is dropped
            path = op.get("path")
            if (
                path.__class__ is str
                and path.startswith(_WATCH_PREFIXES)
                and op.get("action") == "create"
            ):
                watched = [op] if watched is None else [*watched, op]
        if watched is None:
            return []
        blocks = body.get("blocks")
        if blocks.__class__ is not bytes or self._bot_bytes not in blocks:
            return []  # cannot be a follow/block of the bot: no need to decode anything
        return self._decode_watched(repo, body, watched, blocks)

    def _decode_watched(
        self, repo: str, body: Mapping[str, Any], ops: list[Any], blocks: bytes
    ) -> list[Event]:
        self.decoded_frames += 1
        time_us = time_us_of(body.get("time"))
        found: list[Event] = []
        skip = self._skipper(repo)
        for op in ops:
            cid = op.get("cid")
            record = self._record_at(blocks, cid, skip) if isinstance(cid, bytes) else None
            if not isinstance(record, dict) or record.get("subject") != self.bot_did:
                continue
            event = self._convert(repo, time_us, op, record, skip)
            if event is None:
                continue
            found.append(event)
            if collection_of(op) == FOLLOW:
                # Watch them from this frame on: the pipeline's opt-in reaches `apply_changes`
                # only after the batch commits, and a post right after the follow must count.
                self.opted.add(repo)
        return found

    def _record_at(self, car: bytes, cid: bytes, skip: Skip) -> Any:
        """The decoded block `cid` of `car`; None (counted) when it is missing or garbage."""
        data = find_block(car, cid)
        if data is not None:
            try:
                return libipld.decode_dag_cbor(data)
            except ValueError:
                pass
        skip(SkippedInput(UNDECODABLE, "record block missing or not DAG-CBOR"), "relay")
        return None

    def skip_frame(self, what: str, why: str) -> None:
        """Count and log a frame that is not what a relay sends (not a map, no ops …)."""
        self.skipped[UNDECODABLE_FRAME] += 1
        log.warning("relay: skipped %s: %s", what, why)

    def _decode_all(self, repo: str, body: Mapping[str, Any]) -> list[Event]:
        """Every op of an opted-in person; each record's block is found and decoded alone
        (the CAR's MST nodes are never needed)."""
        self.decoded_frames += 1
        car, ops = body.get("blocks"), body.get("ops")
        if not isinstance(car, bytes) or not isinstance(ops, list):
            note_skip(
                self.skipped, SkippedInput(UNDECODABLE, "commit without a CAR"), "relay", repo
            )
            return []
        time_us = time_us_of(body.get("time"))
        found: list[Event] = []
        skip = self._skipper(repo)
        for op in ops:
            if not isinstance(op, dict):
                skip(SkippedInput(MALFORMED, "op is not a map"), "relay")
                continue
            cid, record = op.get("cid"), None
            if isinstance(cid, bytes):
                record = self._record_at(car, cid, skip)
                if record is None:
                    continue
            event = self._convert(repo, time_us, op, record, skip)
            if event is not None:
                found.append(event)
        return found

    def _skipper(self, repo: str) -> Skip:
        """Counts every bad op of one commit, logs only the first (a commit may hold
        thousands: one line says enough)."""
        logged = False

        def skip(error: SkippedInput, where: str) -> None:
            nonlocal logged
            if logged:
                self.skipped[error.category] += 1
            else:
                note_skip(self.skipped, error, where, repo)
                logged = True

        return skip

    def _convert(
        self, repo: str, time_us: int | None, op: Mapping[str, Any], record: Any, skip: Skip
    ) -> Event | None:
        path = op.get("path")
        collection, _, rkey = (path if isinstance(path, str) else "").partition("/")
        try:
            return event_from_record(repo, time_us, collection, rkey, record, op.get("action"))
        except SkippedInput as e:
            skip(e, f"relay {short(path)}")
            return None

    def _repo_event(self, kind: str, body: Mapping[str, Any]) -> list[Event]:
        did = body.get("did")
        if did.__class__ is not str or did not in self.opted:
            return []  # account/identity changes of strangers mean nothing to the bot
        obj: dict[str, Any] = {"did": did, "time_us": time_us_of(body.get("time"))}
        if kind == ACCOUNT:
            obj["kind"] = "account"
            obj["account"] = {"active": body.get("active"), "status": body.get("status")}
        else:
            obj["kind"] = "identity"
            obj["identity"] = {"handle": body.get("handle")}
        try:
            event = event_from_jetstream(obj)
        except SkippedInput as e:
            note_skip(self.skipped, e, f"relay {kind}", did)
            return []
        return [event] if event is not None else []
