"""The shape of a language's message texts: a greeting (with or without a name) and a body."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, NamedTuple

from bot.policy import DmKind

# the kinds written from a language's variants; a friend suggestion and a reply have their
# own texts (bot/messages/friends.py, REPLIES)
CATALOG_KINDS: tuple[DmKind, ...] = (
    DmKind.WELCOME,
    DmKind.QUIET,
    DmKind.PROMO_ONLY,
    DmKind.CHECKIN,
)


# the answers to commands and replies, each language's REPLIES (a key missing in one language
# fails tests/test_messages_complete.py; a misspelt key fails mypy)
ReplyKey = Literal[
    "stopped",
    "forgotten",
    "started",
    "already_in",
    "not_following",
    "paused",
    "resumed",
    "tz",
    "hours",
    "less",
    "more",
    "status",
    "help",
    "invalid",
    "invalid_pause",
    "invalid_tz",
    "invalid_hours",
    "invalid_handle",
    "lang_set",
    "invalid_lang",
    "ack",
    "friends_later",
    "friends_on",
    "friends_off",
    "friends_skip",
    "friends_unknown",
    "friends_disabled",
    "friends_none",
    "friends_list",
    "never",
    "not_paused",
    "tz_unknown",
]


class Variant(NamedTuple):
    named: str  # greeting with "{name}"
    plain: str  # the same greeting when we have no usable name
    body: str


@dataclass(frozen=True, slots=True)
class Catalog:
    language: str
    joiner: str  # between greeting and body: a space, or nothing in Japanese
    variants: Mapping[DmKind, tuple[Variant, ...]]

    def text(self, kind: DmKind, index: int, name: str | None) -> str:
        variant = self.variants[kind][index]
        greeting = variant.plain if name is None else variant.named.replace("{name}", name)
        return greeting + self.joiner + variant.body
