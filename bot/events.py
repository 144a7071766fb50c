"""The bot's own events: frozen, SDK-free, converted once at the edge (bot/sources/).

Every event carries the DID that acted and `time_us`, the time the network saw it
(Jetstream's `time_us`). Activity is always judged by that time, never by the
record's user-controlled `createdAt`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeGuard

# What the store keeps of a string from the network (its columns are this wide; a longer
# value would fail the whole batch's commit on PostgreSQL, and the retry would fail again).
# Real values are far shorter: DIDs < 100 chars, TID rkeys 13, handles <= 253 (the spec's max).
MAX_DID_CHARS = 256
MAX_RKEY_CHARS = 64
MAX_HANDLE_CHARS = 253
MAX_NAME_CHARS = 256  # display names: the lexicon allows 64 graphemes
MAX_STATUS_CHARS = 32
# 9999-12-31T23:59:59.999999Z: later times overflow datetime (and a BIGINT soon after)
MAX_TIME_US = 253_402_300_799_999_999


# The DID syntax (atproto): `did:`, a method the network uses (plc, web), then letters, digits,
# `._:-` and %-escapes, not ending in `:` or `%`; at most the DID spec's 2 KB, and here the
# store's column width. Nothing else (NUL, newlines, bidi overrides, quotes …) is a DID.
_DID = re.compile(r"did:(?:plc|web):(?:[A-Za-z0-9._:-]|%[0-9A-Fa-f]{2})*[A-Za-z0-9._-]")


def is_did(value: object) -> TypeGuard[str]:
    """True for a syntactically valid did:plc or did:web DID of at most MAX_DID_CHARS."""
    return (
        isinstance(value, str) and len(value) <= MAX_DID_CHARS and _DID.fullmatch(value) is not None
    )


class ActivityKind(StrEnum):
    """What a stored activity row says the person did (no content, only the kind)."""

    POST = "post"
    REPLY = "reply"
    QUOTE = "quote"
    REPOST = "repost"
    LIKE = "like"
    FOLLOW = "follow"
    BLOCK = "block"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class PostCreated:
    """A post, reply or quote. `record` is kept only for the classifier and never stored."""

    did: str
    time_us: int
    rkey: str
    kind: ActivityKind
    record: Mapping[str, Any] = field(repr=False, compare=False)
    reply_parent_did: str | None = None
    reply_root_did: str | None = None
    quote_did: str | None = None
    mention_dids: tuple[str, ...] = ()
    # the supported language its `langs` tag names (bot/language.py), read at the edge
    language: str | None = None

    @property
    def replies_to_other(self) -> bool:
        return self.reply_parent_did is not None and self.reply_parent_did != self.did


@dataclass(frozen=True, slots=True)
class PostDeleted:
    did: str
    time_us: int
    rkey: str


@dataclass(frozen=True, slots=True)
class EngagementCreated:
    """A like or repost of someone's post (`subject_did` is the post's author)."""

    did: str
    time_us: int
    rkey: str
    kind: ActivityKind
    subject_did: str | None


@dataclass(frozen=True, slots=True)
class EngagementDeleted:
    did: str
    time_us: int
    rkey: str
    kind: ActivityKind


@dataclass(frozen=True, slots=True)
class FollowCreated:
    did: str
    time_us: int
    rkey: str
    subject: str


@dataclass(frozen=True, slots=True)
class FollowDeleted:
    """Deletes carry only the rkey: the store knows whether it was the follow of the bot."""

    did: str
    time_us: int
    rkey: str


@dataclass(frozen=True, slots=True)
class BlockCreated:
    did: str
    time_us: int
    rkey: str
    subject: str


@dataclass(frozen=True, slots=True)
class BlockDeleted:
    did: str
    time_us: int
    rkey: str


@dataclass(frozen=True, slots=True)
class OtherRecordCreated:
    """Any other known public record (list, list item, profile, starter pack, …): still activity."""

    did: str
    time_us: int
    rkey: str
    collection: str


@dataclass(frozen=True, slots=True)
class ProfileChanged:
    """Only the display name is kept, for greeting people by name. Creating a profile is
    activity like any other record; editing one is not."""

    did: str
    time_us: int
    display_name: str | None
    created: bool = False
    rkey: str = "self"


@dataclass(frozen=True, slots=True)
class AccountChanged:
    """`status` is None when active, else e.g. 'deactivated', 'takendown', 'deleted'."""

    did: str
    time_us: int
    active: bool
    status: str | None


@dataclass(frozen=True, slots=True)
class IdentityChanged:
    did: str
    time_us: int
    handle: str | None


@dataclass(frozen=True, slots=True)
class HistoryLoaded:
    """The person's recent public records (read on opt-in) have all been handed over before
    this event; `time_us` is when they were read, `records` how many there were."""

    did: str
    time_us: int
    records: int = 0


@dataclass(frozen=True, slots=True)
class StopRequested:
    """The person wrote `stop` or `forget`: opt them out like an unfollow, and leave a tombstone
    so their still-existing follow does not sign them up again."""

    did: str
    time_us: int
    reason: str = "stop"


Event = (
    PostCreated
    | PostDeleted
    | EngagementCreated
    | EngagementDeleted
    | FollowCreated
    | FollowDeleted
    | BlockCreated
    | BlockDeleted
    | OtherRecordCreated
    | ProfileChanged
    | AccountChanged
    | IdentityChanged
    | HistoryLoaded
    | StopRequested
)

# Records that create activity: anything a person publishes in the app's own namespaces.
KNOWN_COLLECTIONS: frozenset[str] = frozenset(
    {
        "app.bsky.feed.post",
        "app.bsky.feed.like",
        "app.bsky.feed.repost",
        "app.bsky.feed.generator",
        "app.bsky.feed.threadgate",
        "app.bsky.feed.postgate",
        "app.bsky.graph.follow",
        "app.bsky.graph.block",
        "app.bsky.graph.list",
        "app.bsky.graph.listitem",
        "app.bsky.graph.listblock",
        "app.bsky.graph.starterpack",
        "app.bsky.graph.verification",
        "app.bsky.actor.profile",
        "app.bsky.actor.status",
        "app.bsky.labeler.service",
        "chat.bsky.actor.declaration",
    }
)


def did_of_uri(uri: object) -> str | None:
    """The repo DID of an at:// URI, or None when it is not one (or absurdly long)."""
    if not isinstance(uri, str) or not uri.startswith("at://did:"):
        return None
    end = uri.find("/", 5, 5 + MAX_DID_CHARS + 1)
    did = uri[5:] if end == -1 else uri[5:end]
    return did if is_did(did) else None
