"""Builders for Jetstream JSON-lines streams (tests, the demo and the benchmarks use them)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

US_PER_SECOND = 1_000_000
US_PER_HOUR = 3600 * US_PER_SECOND
US_PER_DAY = 24 * US_PER_HOUR
BOT = "did:plc:nudgebotbotbotbotbotbot00"


def at(text: str) -> int:
    """'2026-08-01T12:00' (UTC) -> microseconds."""
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp() * US_PER_SECOND)


@dataclass
class Stream:
    """Collects events; `lines()` returns them sorted by time, as Jetstream delivers them."""

    events: list[dict[str, Any]] = field(default_factory=list)
    raw: list[tuple[int, bytes]] = field(default_factory=list)
    _rkey: int = 0

    def rkey(self) -> str:
        self._rkey += 1
        return f"3l{self._rkey:011d}"

    def commit(
        self,
        did: str,
        t: int,
        collection: str,
        operation: str = "create",
        record: dict[str, Any] | None = None,
        rkey: str | None = None,
    ) -> str:
        rkey = rkey or self.rkey()
        commit: dict[str, Any] = {
            "rev": f"rev{t}",
            "operation": operation,
            "collection": collection,
            "rkey": rkey,
        }
        if record is not None:
            commit["record"] = {"$type": collection, **record}
            commit["cid"] = "bafyreib" + rkey
        self.events.append({"did": did, "time_us": t, "kind": "commit", "commit": commit})
        return rkey

    def follow(self, did: str, t: int, subject: str = BOT) -> str:
        return self.commit(
            did, t, "app.bsky.graph.follow", record={"subject": subject, "createdAt": "x"}
        )

    def unfollow(self, did: str, t: int, rkey: str) -> None:
        self.commit(did, t, "app.bsky.graph.follow", "delete", rkey=rkey)

    def block(self, did: str, t: int, subject: str = BOT) -> str:
        return self.commit(
            did, t, "app.bsky.graph.block", record={"subject": subject, "createdAt": "x"}
        )

    def post(
        self,
        did: str,
        t: int,
        text: str = "just a thought",
        *,
        reply_to: str | None = None,
        link: str | None = None,
        tags: Iterable[str] = (),
        langs: Iterable[str] = ("en",),
    ) -> str:
        record: dict[str, Any] = {
            "text": text,
            "createdAt": "2020-01-01T00:00:00Z",
            "langs": list(langs),
        }
        if reply_to is not None:
            ref = {"uri": f"at://{reply_to}/app.bsky.feed.post/3kparent", "cid": "bafyparent"}
            record["reply"] = {"parent": ref, "root": ref}
        facets = []
        if link is not None:
            facets.append(
                {
                    "index": {"byteStart": 0, "byteEnd": 1},
                    "features": [{"$type": "app.bsky.richtext.facet#link", "uri": link}],
                }
            )
            record["embed"] = {
                "$type": "app.bsky.embed.external",
                "external": {"uri": link, "title": "", "description": ""},
            }
        for tag in tags:
            facets.append(
                {
                    "index": {"byteStart": 0, "byteEnd": 1},
                    "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": tag}],
                }
            )
        if facets:
            record["facets"] = facets
        return self.commit(did, t, "app.bsky.feed.post", record=record)

    def like(self, did: str, t: int, author: str = "did:plc:someoneelse") -> str:
        subject = {"uri": f"at://{author}/app.bsky.feed.post/3kabc", "cid": "bafy"}
        return self.commit(
            did, t, "app.bsky.feed.like", record={"subject": subject, "createdAt": "x"}
        )

    def account(self, did: str, t: int, active: bool, status: str | None = None) -> None:
        account: dict[str, Any] = {"active": active, "did": did, "seq": 1, "time": "x"}
        if status is not None:
            account["status"] = status
        self.events.append({"did": did, "time_us": t, "kind": "account", "account": account})

    def identity(self, did: str, t: int, handle: str) -> None:
        identity = {"did": did, "handle": handle, "seq": 1, "time": "x"}
        self.events.append({"did": did, "time_us": t, "kind": "identity", "identity": identity})

    def add_raw(self, t: int, line: bytes) -> None:
        self.raw.append((t, line))

    def lines(self) -> list[bytes]:
        keyed = [(e["time_us"], orjson.dumps(e)) for e in self.events] + self.raw
        keyed.sort(key=lambda item: item[0])
        return [line for _, line in keyed]

    def write(self, path: str) -> None:
        with open(path, "wb") as handle:
            for line in self.lines():
                handle.write(line + b"\n")
