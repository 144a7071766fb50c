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


# Display names carry more than a name: "Anna 🌸 | she/her | commissions open",
# "田中＠お仕事募集中", "【公式】ACME". Asides in brackets and keycap emoji go, and the name ends
# at the first separator.
_ASIDES = re.compile(
    r"\([^()]*\)|\[[^\[\]]*\]|（[^（）]*）|【[^【】]*】|「[^「」]*」|〔[^〔〕]*〕|[0-9#*]\ufe0f?\u20e3"
)
_PRONOUNS = r"she|her|he|him|they|them|it|xe|ze|fae|any|elle|il|iel|ella|él|ela|ele|elu|sie|er|dey"
_SEPARATOR = re.compile(
    r"[|｜•●◆★☆♪/／(\[（【「〔@＠]"  # a bar, bullet, slash, opening bracket, "@" (not first)
    r"|\s[·~\-–—:]\s"  # spaced dots and dashes ("Anna - artist"), not "Jean-Luc"
    rf"|,?\s(?:{_PRONOUNS})\s?/",  # pronouns without a separator: "Anna she/her"
    re.IGNORECASE,
)
# "Anna J." keeps its dot; other trailing punctuation goes
_INITIAL = re.compile(r"(?:^|\s)\w\.$")
# an honorific the person wrote themselves: the Japanese greetings add さん
_JA_HONORIFICS = (
    *("さん", "様", "さま", "ちゃん", "くん", "君", "氏"),
    *("-san", " san", "-sama", "-chan", "-kun"),
)


def _letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LN"


def _part_of_word(ch: str) -> bool:
    """Letters, digits and the marks that belong to them (Devanagari vowel signs), but not the
    variation selectors and keycap marks that belong to emoji."""
    if _letter(ch):
        return True
    emoji_mark = "\ufe00" <= ch <= "\ufe0f" or ch == "\u20e3" or "\U000e0100" <= ch <= "\U000e01ef"
    return unicodedata.category(ch)[0] == "M" and not emoji_mark


def trim_name(name: str) -> str | None:
    """The name part of a display name: asides and what follows a separator cut, emoji and
    punctuation around it dropped; None when no letter or digit is left."""
    name = _ASIDES.sub(" ", name)
    cut = _SEPARATOR.search(name, 1)  # a leading "@" or bullet is not a separator
    if cut is not None:
        name = name[: cut.start()]
    start = next((i for i, ch in enumerate(name) if _letter(ch)), len(name))
    end = len(name)
    while end > start and not _part_of_word(name[end - 1]):
        end -= 1
    if end < len(name) and name[end] == "." and _INITIAL.search(name[start : end + 1]):
        end += 1
    trimmed = name[start:end].strip()
    return trimmed or None


def _without_honorific(name: str) -> str:
    for honorific in _JA_HONORIFICS:
        if name.casefold().endswith(honorific) and len(name) > len(honorific):
            return name[: -len(honorific)].rstrip(" -・")
    return name


def greeting_name(
    display_name: str | None, handle: str | None, language: str | None = None
) -> str | None:
    """What to greet them by: the name in their display name, else their handle's first label,
    else the display name as it is; in Japanese without an honorific of their own, since the
    greeting adds さん (no "田中さんさん")."""
    clean = clean_display_name(display_name)
    name = (trim_name(clean) if clean else None) or handle_label(handle) or clean
    if name is not None and language and language.lower().startswith("ja"):
        name = _without_honorific(name)
    return name
