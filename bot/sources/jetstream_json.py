"""Jetstream's JSON event shape (v1 `/subscribe` and replay files) -> the bot's events.

Malformed input raises `SkippedInput` with a category, so callers count it (`note_skip`), log
it once and move on. Strings bound for the store are bounded here (see bot/events.py), so that
no single odd event can fail a batch's commit; error messages quote at most a few dozen chars.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Container, Mapping
from typing import Any

from bot.errors import BadInput
from bot.events import (
    KNOWN_COLLECTIONS,
    MAX_HANDLE_CHARS,
    MAX_NAME_CHARS,
    MAX_RKEY_CHARS,
    MAX_STATUS_CHARS,
    MAX_TIME_US,
    AccountChanged,
    ActivityKind,
    BlockCreated,
    BlockDeleted,
    EngagementCreated,
    EngagementDeleted,
    Event,
    FollowCreated,
    FollowDeleted,
    IdentityChanged,
    OtherRecordCreated,
    PostCreated,
    PostDeleted,
    ProfileChanged,
    did_of_uri,
    is_did,
)
from bot.language import post_language

log = logging.getLogger(__name__)

POST = "app.bsky.feed.post"
LIKE = "app.bsky.feed.like"
REPOST = "app.bsky.feed.repost"
FOLLOW = "app.bsky.graph.follow"
BLOCK = "app.bsky.graph.block"
PROFILE = "app.bsky.actor.profile"
_QUOTE_EMBEDS = ("app.bsky.embed.record", "app.bsky.embed.recordWithMedia")
_ENGAGEMENT = {LIKE: ActivityKind.LIKE, REPOST: ActivityKind.REPOST}

MALFORMED = "malformed"
UNKNOWN_COLLECTION = "unknown-collection"
UNKNOWN_RECORD_TYPE = "unknown-record-type"


class SkippedInput(BadInput):
    """An input we skip; `category` is what the summary counts it under."""

    def __init__(self, category: str, message: str) -> None:
        super().__init__(message)
        self.category = category


def _malformed(message: str) -> SkippedInput:
    return SkippedInput(MALFORMED, message)


def short(value: object, limit: int = 64) -> str:
    """A repr for a log line or an error message: never the whole of a hostile payload (a
    container is named by its type: its repr could be huge or nested too deep to print)."""
    if isinstance(value, str):
        text = repr(value[:limit])
    elif (
        value is None
        or isinstance(value, bool | float)
        or (isinstance(value, int) and abs(value) < 10**18)
    ):
        text = repr(value)
    else:
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def note_skip(skipped: Counter[str], error: SkippedInput, where: str, did: object) -> None:
    """Count a skipped input and log it once, with where it came from but not its payload.
    Records of collections the bot does not know are ordinary traffic: debug only."""
    skipped[error.category] += 1
    level = logging.WARNING if error.category == MALFORMED else logging.DEBUG
    log.log(level, "%s: skipped %s from %s: %s", where, error.category, short(did), error)


def _bounded(value: object, limit: int) -> str | None:
    return value if isinstance(value, str) and len(value) <= limit else None


def is_relevant(obj: Mapping[str, Any], watched: Container[str], bot_did: str) -> bool:
    """Cheap look before any conversion: opted-in people, and follows/blocks of the bot."""
    did = obj.get("did")
    if isinstance(did, str) and did in watched:  # a list or dict `did` is unhashable
        return True
    commit = obj.get("commit")
    if not isinstance(commit, dict) or commit.get("operation") != "create":
        return False
    if commit.get("collection") not in (FOLLOW, BLOCK):
        return False
    record = commit.get("record")
    return isinstance(record, dict) and record.get("subject") == bot_did


def event_from_jetstream(obj: Any) -> Event | None:
    """One Jetstream event -> one of ours; None for things that mean nothing to the bot."""
    if not isinstance(obj, dict):
        raise _malformed("event is not a JSON object")
    did, time_us, kind = obj.get("did"), obj.get("time_us"), obj.get("kind")
    if not is_did(did):
        raise _malformed("missing or invalid did")
    if not isinstance(time_us, int) or isinstance(time_us, bool) or not 0 < time_us <= MAX_TIME_US:
        raise _malformed("missing or invalid time_us")
    if kind == "commit":
        commit = obj.get("commit")
        if not isinstance(commit, dict):
            raise _malformed("commit event without a commit object")
        return _from_commit(did, time_us, commit)
    if kind == "account":
        return _from_account(did, time_us, obj.get("account"))
    if kind == "identity":
        identity = obj.get("identity")
        handle = identity.get("handle") if isinstance(identity, dict) else None
        return IdentityChanged(did, time_us, _bounded(handle, MAX_HANDLE_CHARS))
    raise _malformed(f"unknown event kind {short(kind)}")


def event_from_record(
    did: str,
    time_us: int | None,
    collection: str,
    rkey: str,
    record: Any,
    operation: object = "create",
) -> Event | None:
    """One repo record operation (a relay op, a listed record) -> one of ours.

    Every source that does not speak Jetstream's JSON builds that shape here, so records are
    converted by one piece of code; `SkippedInput` as for `event_from_jetstream`."""
    commit: dict[str, Any] = {"operation": operation, "collection": collection, "rkey": rkey}
    if record is not None:
        commit["record"] = record
    return event_from_jetstream(
        {"did": did, "time_us": time_us, "kind": "commit", "commit": commit}
    )


def _from_account(did: str, time_us: int, account: Any) -> AccountChanged:
    if not isinstance(account, dict) or not isinstance(account.get("active"), bool):
        raise _malformed("account event without account.active")
    status = _bounded(account.get("status"), MAX_STATUS_CHARS)
    return AccountChanged(did, time_us, account["active"], status)


def _from_commit(did: str, time_us: int, commit: Mapping[str, Any]) -> Event | None:
    operation, collection, rkey = (
        commit.get("operation"),
        commit.get("collection"),
        commit.get("rkey"),
    )
    if not isinstance(collection, str) or not isinstance(rkey, str) or not rkey:
        raise _malformed("commit without collection or rkey")
    if collection not in KNOWN_COLLECTIONS:
        raise SkippedInput(UNKNOWN_COLLECTION, f"unknown collection {short(collection)}")
    if len(rkey) > MAX_RKEY_CHARS:  # valid up to 512, but no TID and no store key is that long
        raise _malformed(f"rkey of {len(rkey)} chars in {collection}")
    if operation == "delete":
        return _from_delete(did, time_us, collection, rkey)
    if operation not in ("create", "update"):
        raise _malformed(f"unknown commit operation {short(operation)}")
    record = commit.get("record")
    if not isinstance(record, dict):
        raise _malformed(f"{operation} without a record")
    if record.get("$type") != collection:
        raise SkippedInput(
            UNKNOWN_RECORD_TYPE, f"record type {short(record.get('$type'))} in {collection}"
        )
    if collection == PROFILE:
        name = record.get("displayName")
        display_name = name[:MAX_NAME_CHARS] if isinstance(name, str) else None
        return ProfileChanged(did, time_us, display_name, operation == "create", rkey)
    if operation == "update":
        return None  # edits are not new activity
    return _from_create(did, time_us, collection, rkey, record)


def _from_create(
    did: str, time_us: int, collection: str, rkey: str, record: Mapping[str, Any]
) -> Event:
    if collection == POST:
        return _post(did, time_us, rkey, record)
    if collection in _ENGAGEMENT:
        subject = record.get("subject")
        uri = subject.get("uri") if isinstance(subject, dict) else None
        return EngagementCreated(did, time_us, rkey, _ENGAGEMENT[collection], did_of_uri(uri))
    if collection in (FOLLOW, BLOCK):
        subject = record.get("subject")
        if not is_did(subject):
            raise _malformed(f"{collection} without a DID subject")
        cls = FollowCreated if collection == FOLLOW else BlockCreated
        return cls(did, time_us, rkey, subject)
    return OtherRecordCreated(did, time_us, rkey, collection)


def _from_delete(did: str, time_us: int, collection: str, rkey: str) -> Event | None:
    if collection == POST:
        return PostDeleted(did, time_us, rkey)
    if collection in _ENGAGEMENT:
        return EngagementDeleted(did, time_us, rkey, _ENGAGEMENT[collection])
    if collection == FOLLOW:
        return FollowDeleted(did, time_us, rkey)
    if collection == BLOCK:
        return BlockDeleted(did, time_us, rkey)
    return None


def _post(did: str, time_us: int, rkey: str, record: Mapping[str, Any]) -> PostCreated:
    reply = record.get("reply")
    parent_did = root_did = quote_did = None
    if isinstance(reply, dict):
        parent, root = reply.get("parent"), reply.get("root")
        parent_did = did_of_uri(parent.get("uri")) if isinstance(parent, dict) else None
        root_did = did_of_uri(root.get("uri")) if isinstance(root, dict) else None
    embed = record.get("embed")
    if isinstance(embed, dict) and embed.get("$type") in _QUOTE_EMBEDS:
        quote_did = _quoted_did(embed)
    if parent_did is not None:
        kind = ActivityKind.REPLY
    elif quote_did is not None:
        kind = ActivityKind.QUOTE
    else:
        kind = ActivityKind.POST
    return PostCreated(
        did,
        time_us,
        rkey,
        kind,
        record,
        parent_did,
        root_did,
        quote_did,
        _mentions(record),
        post_language(record),
    )


def _quoted_did(embed: Mapping[str, Any]) -> str | None:
    inner = embed.get("record")
    if isinstance(inner, dict) and isinstance(inner.get("record"), dict):
        inner = inner["record"]  # recordWithMedia nests the strong ref one level deeper
    return did_of_uri(inner.get("uri")) if isinstance(inner, dict) else None


def _mentions(record: Mapping[str, Any]) -> tuple[str, ...]:
    facets = record.get("facets")
    if not isinstance(facets, list):
        return ()
    found: list[str] = []
    for facet in facets:
        features = facet.get("features") if isinstance(facet, dict) else None
        for feature in features if isinstance(features, list) else ():
            if isinstance(feature, dict) and is_did(feature.get("did")):
                found.append(feature["did"])
    return tuple(found)
