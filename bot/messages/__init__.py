"""Warm, short, human DM texts for each nudge kind, in a few languages.

`render` is pure and deterministic: the same person, kind and episode always get the same
variant, which is never the one they got last time in that kind.
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

import grapheme

from bot.messages import de, en, es, fr, ja, pt
from bot.messages.catalog import Catalog
from bot.messages.names import greeting_name
from bot.policy import DmKind

__all__ = ["LANGUAGES", "MAX_GRAPHEMES", "RenderedMessage", "catalog_for", "render"]

# Bluesky chat messages are limited to 1000 graphemes.
MAX_GRAPHEMES = 1000

_CATALOGS: dict[str, Catalog] = {c.CATALOG.language: c.CATALOG for c in (en, es, de, fr, pt, ja)}
LANGUAGES: tuple[str, ...] = tuple(_CATALOGS)


class RenderedMessage(NamedTuple):
    variant: int
    text: str


def catalog_for(language: str | None) -> Catalog:
    """The catalog for a BCP-47-ish tag ("pt-BR", "de_AT", "JA"); English when unknown."""
    if not language:
        return en.CATALOG
    primary = language.strip().lower().replace("_", "-").split("-", 1)[0]
    return _CATALOGS.get(primary, en.CATALOG)


def _stable_hash(*parts: str) -> int:
    # Python's hash() is salted per process; the variant must survive restarts and replays.
    data = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


def choose_variant(count: int, did: str, kind: DmKind, episode: str, last: int | None) -> int:
    """A deterministic variant index in [0, count), different from `last` when count > 1."""
    choices = [i for i in range(count) if i != last] or [0]
    return choices[_stable_hash(did, str(kind), episode) % len(choices)]


def render(
    kind: DmKind,
    *,
    did: str,
    episode: str,
    display_name: str | None,
    handle: str | None,
    last_variant: int | None,
    language: str | None = None,
) -> RenderedMessage:
    catalog = catalog_for(language)
    index = choose_variant(len(catalog.variants[kind]), did, kind, episode, last_variant)
    text = catalog.text(kind, index, greeting_name(display_name, handle, catalog.language))
    # a grapheme is at least one code point, so only long texts need the slow count
    if len(text) > MAX_GRAPHEMES and grapheme.length(text) > MAX_GRAPHEMES:
        text = catalog.text(kind, index, None)  # names are capped, so this is belt and braces
    return RenderedMessage(index, text)
