"""Turning a display name or handle into something safe to greet someone with."""

from __future__ import annotations

import re
import unicodedata

import grapheme

MAX_NAME_GRAPHEMES = 40

# Invisible format characters that can reorder or hide text (bidi overrides, zero-width
# spaces). ZWJ/ZWNJ and emoji tag characters are kept: emoji and some scripts need them.
_HIDDEN = frozenset(
    "\u00ad\u061c\u180e\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)

# Anything a client might turn into a link: schemes, www, and label.label shapes.
LINKISH = re.compile(
    r"https?:|://|www\.|\b[^\W_](?:[\w-]*[^\W_])?(?:\.[\w-]+)*\.[^\W\d_]{2,}\b",
    re.IGNORECASE,
)


def _visible(ch: str) -> bool:
    return ch not in _HIDDEN and unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Zl", "Zp")


def clean_display_name(raw: str | None) -> str | None:
    """A single-line, bounded, link-free name, or None when nothing usable is left."""
    if not raw:
        return None
    text = unicodedata.normalize("NFC", raw)
    text = "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or _visible(ch))
    text = " ".join(text.split()).lstrip("@")
    if LINKISH.search(text):
        return None
    if len(text) > MAX_NAME_GRAPHEMES and grapheme.length(text) > MAX_NAME_GRAPHEMES:
        text = grapheme.slice(text, 0, MAX_NAME_GRAPHEMES).rstrip(" ,.;:-")
    if not any(unicodedata.category(ch)[0] in "LNS" for ch in text):
        return None
    return text


def handle_label(handle: str | None) -> str | None:
    """The first label of a handle ("alice" for "@alice.bsky.social"), never the domain."""
    if not handle:
        return None
    label = handle.strip().lstrip("@").split(".", 1)[0].lower()
    if handle.strip().lower() == "handle.invalid" or label in ("", "www"):
        return None
    if len(label) > MAX_NAME_GRAPHEMES or not re.fullmatch(r"[a-z0-9-]+", label):
        return None
    return label


def greeting_name(display_name: str | None, handle: str | None) -> str | None:
    return clean_display_name(display_name) or handle_label(handle)
