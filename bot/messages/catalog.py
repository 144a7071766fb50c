"""The shape of a language's message texts: a greeting (with or without a name) and a body."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from bot.policy import DmKind

# the kinds written from a language's variants; a friend suggestion and a reply have their
# own texts (bot/messages/friends.py, REPLIES)
CATALOG_KINDS: tuple[DmKind, ...] = (
    DmKind.WELCOME,
    DmKind.QUIET,
    DmKind.PROMO_ONLY,
    DmKind.CHECKIN,
)


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
