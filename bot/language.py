"""Which language to write to a person in: pure rules over small per-language counts.

Signals (docs/language.md): each of their posts counts once for the language its `langs` tag
names (first tag, primary subtag: "pt-BR" is pt); a command to the bot in words only one
language has, or a reply in letters only one language uses, counts `DIRECT_WEIGHT` times.
Each new signal first shrinks the older counts by `DECAY`, so roughly their last twenty posts
decide. Only the six languages the bot writes count; nothing of the text is kept.

`decide_language` keeps the current language unless another one clearly leads, and never
overrides a language the person chose with `lang` (until they choose again).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bot.place import guess_language  # the letters the crisis answer reads too

SUPPORTED: tuple[str, ...] = ("en", "es", "de", "fr", "pt", "ja")  # = bot.messages.LANGUAGES

POST_WEIGHT = 1.0
DIRECT_WEIGHT = 3.0  # written to the bot itself: a stronger sign than a post to everyone
DECAY = 0.9  # per signal: a count never exceeds weight / (1 - DECAY)
MIN_COUNT = 2.5  # three posts (2.71 after decay) before a language is decided at all
MAJORITY = 0.6  # the leader's share of all counts
SWITCH_FACTOR = 2.0  # to replace a decided language, the leader needs twice its count
_KEEP_ABOVE = 0.05  # smaller counts are dropped from the stored form

Signal = tuple[str, float]


def primary_language(tag: object) -> str | None:
    """The supported language a BCP-47 tag names ("pt-BR" -> "pt", "JA" -> "ja"), else None."""
    if not isinstance(tag, str) or len(tag) > 64:
        return None
    primary = tag.strip().lower().replace("_", "-").split("-", 1)[0]
    return primary if primary in SUPPORTED else None


def post_language(record: Mapping[str, Any]) -> str | None:
    """A post record's language: its first `langs` tag, when the bot writes that language."""
    langs = record.get("langs")
    if not isinstance(langs, list) or not langs:
        return None
    return primary_language(langs[0])


def fold_signals(counts: Mapping[str, float], signals: Iterable[Signal]) -> dict[str, float]:
    """The counts after these signals, oldest first; unsupported languages are ignored."""
    folded = {lang: n for lang, n in counts.items() if lang in SUPPORTED and n > 0}
    for language, weight in signals:
        if language not in SUPPORTED or weight <= 0:
            continue
        folded = {lang: n * DECAY for lang, n in folded.items()}
        folded[language] = folded.get(language, 0.0) + weight
    return {lang: n for lang, n in folded.items() if n >= _KEEP_ABOVE}


def decide_language(
    counts: Mapping[str, float], current: str | None, chosen: bool = False
) -> str | None:
    """The language to write in: `current` unless the counts clearly name another one."""
    if chosen:
        return current  # they said so with `lang`: posts never override it
    known = {lang: n for lang, n in counts.items() if lang in SUPPORTED and n > 0}
    if not known:
        return current
    # ties go to the earlier language in SUPPORTED, so the outcome never depends on dict order
    leader = max(SUPPORTED, key=lambda lang: (known.get(lang, 0.0), -SUPPORTED.index(lang)))
    top = known.get(leader, 0.0)
    if leader == current or top < MIN_COUNT or top < MAJORITY * sum(known.values()):
        return current
    if current is not None and top < SWITCH_FACTOR * known.get(current, 0.0):
        return current  # a few stray posts do not flip a language already decided
    return leader


def encode_counts(counts: Mapping[str, float]) -> str:
    """The stored form: "de:4.31 en:0.9" (supported languages only, two decimals)."""
    return " ".join(
        f"{lang}:{round(counts[lang], 2):g}"
        for lang in SUPPORTED
        if counts.get(lang, 0.0) >= _KEEP_ABOVE
    )


def decode_counts(text: str | None) -> dict[str, float]:
    """The counts from their stored form; anything malformed is skipped, never fatal."""
    counts: dict[str, float] = {}
    for part in (text or "").split():
        lang, _, value = part.partition(":")
        try:
            number = float(value)
        except ValueError:
            continue
        if lang in SUPPORTED and 0 < number < 1e6:
            counts[lang] = number
    return counts


def reply_language(text: str) -> str | None:
    """The language a reply's own letters show (kana or kanji, ñ, ß, ã, ç …), else None:
    English has no letters of its own, so a reply without such letters tells nothing."""
    guessed = guess_language(text)
    return None if guessed == "en" else guessed
