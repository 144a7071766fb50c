"""chat.bsky.convo views (SDK models) → the bot's plain, frozen, size-bounded data.

Nothing here returns an SDK object: every field is copied into `ChatMessage` / `Convo` /
`LogEntry`, strings from the network are bounded first, and an item of the wrong shape is
reported as `Malformed` so that callers can skip it (lists) or fail (single answers).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.events import is_did

log = logging.getLogger(__name__)

MAX_TEXT_BYTES = 4096  # Bluesky allows 10,000 bytes; commands and replies need far less
MAX_ID_CHARS = 512  # ids, revs, DIDs; real ones are < 100 — longer means a broken answer
MAX_TIME_CHARS = 64

# $type → LogEntry.kind; everything else (mute, reactions, reads, deletes, groups) is "other"
LOG_KINDS = {
    "chat.bsky.convo.defs#logCreateMessage": "message",
    "chat.bsky.convo.defs#logAcceptConvo": "accept",
    "chat.bsky.convo.defs#logLeaveConvo": "leave",
    "chat.bsky.convo.defs#logBeginConvo": "begin",
}
MESSAGE_VIEW = "chat.bsky.convo.defs#messageView"


@dataclass(frozen=True, slots=True)
class ChatMessage:
    id: str
    convo_id: str
    sender_did: str
    text: str  # at most MAX_TEXT_BYTES of UTF-8
    sent_at_us: int  # 0 when the server's sentAt could not be read
    rev: str


@dataclass(frozen=True, slots=True)
class Convo:
    id: str
    member_dids: tuple[str, ...]
    status: str | None  # the bot's own view: "request" | "accepted" | None
    muted: bool


@dataclass(frozen=True, slots=True)
class LogEntry:
    kind: str  # "message" | "accept" | "leave" | "begin" | "other"
    convo_id: str
    rev: str
    message: ChatMessage | None  # only for kind "message" with a readable message view


class Malformed(ValueError):
    """A view from the chat service lacks a field or carries an absurd one."""


TimeParser = Callable[[Any], int]


def bounded_text(text: str, limit: int = MAX_TEXT_BYTES) -> str:
    """`text` cut to at most `limit` UTF-8 bytes, never inside a code point."""
    if len(text) * 4 <= limit:  # cheap: no UTF-8 character is longer than 4 bytes
        return text
    raw = text[: limit + 1].encode()  # never encode more than we could keep
    return raw[:limit].decode(errors="ignore")


def parse_time_us(value: Any) -> int | None:
    """µs since the epoch of an atproto datetime (`Z`, offsets, up to 9 fraction digits);
    None when it cannot be read. A naive time is taken as UTC."""
    if not isinstance(value, str) or not value or len(value) > MAX_TIME_CHARS:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    delta = when - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def field(view: Any, name: str) -> Any:
    """`view.name` of an SDK model or of a DotDict (an unknown $type; it also answers the
    camelCase name), `view[name]` of a plain dict; None when absent."""
    if isinstance(view, dict):
        found = view.get(name)
        return found if found is not None else view.get(_camel(name))
    return getattr(view, name, None)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def type_of(view: Any) -> str | None:
    name = field(view, "$type") if isinstance(view, dict) else None
    name = name or field(view, "py_type") or field(view, "$type")
    return name if isinstance(name, str) else None


def short(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value or len(value) > MAX_ID_CHARS:
        raise Malformed(f"{what}: {type(value).__name__} of unexpected size")
    return value


def did_field(value: Any, what: str) -> str:
    """A DID from the chat service, checked against the DID syntax like every DID at the edge:
    a sender is who commands are taken from and answers go to."""
    if not is_did(value):
        raise Malformed(f"{what}: not a DID")
    return value


def message_of(view: Any, convo_id: str, parse_time: TimeParser) -> ChatMessage:
    """A chat.bsky.convo.defs#messageView as a ChatMessage."""
    text = field(view, "text")
    if not isinstance(text, str):
        raise Malformed("message without text")
    return ChatMessage(
        id=short(field(view, "id"), "message id"),
        convo_id=short(convo_id, "convo id"),
        sender_did=did_field(field(field(view, "sender"), "did"), "sender did"),
        text=bounded_text(text),
        sent_at_us=parse_time(field(view, "sent_at")),
        rev=short(field(view, "rev"), "message rev"),
    )


def convo_of(view: Any) -> Convo:
    """A chat.bsky.convo.defs#convoView as a Convo."""
    members = field(view, "members")
    if not isinstance(members, list) or not 1 <= len(members) <= 100:
        raise Malformed("convo without a sane member list")
    status = field(view, "status")
    return Convo(
        id=short(field(view, "id"), "convo id"),
        member_dids=tuple(did_field(field(m, "did"), "member did") for m in members),
        status=status if status in ("request", "accepted") else None,
        muted=field(view, "muted") is True,
    )


def entry_of(view: Any, parse_time: TimeParser) -> LogEntry:
    """One getLog entry as a LogEntry; unknown and uninteresting kinds are "other"."""
    kind = LOG_KINDS.get(type_of(view) or "", "other")
    convo_id = short(field(view, "convo_id") or field(view, "convoId"), "log convo id")
    message: ChatMessage | None = None
    if kind == "message":
        wire = field(view, "message")
        if type_of(wire) == MESSAGE_VIEW:
            message = message_of(wire, convo_id, parse_time)
        else:  # a deleted or system message: nothing to answer
            kind = "other"
    return LogEntry(
        kind=kind, convo_id=convo_id, rev=short(field(view, "rev"), "log rev"), message=message
    )
