"""Which language a reply is in and which country a person is in, roughly, from what the bot
already has: the store's language, the time zone they set (tz Europe/Berlin), else the script
and letters of the reply. Used only to pick words and a phone number, never to judge anyone."""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources

LANGUAGES = ("en", "es", "de", "fr", "pt", "ja")

# letters that, among our six languages, belong to one (or mostly one) of them
_MARKS = {
    "es": "ñ¿¡",
    "pt": "ãõ",
    "de": "ßäöü",
    "fr": "œçèêëîïûùàâ",  # ç is Portuguese too: "ção" also has ã, and ties go to pt
}


def guess_language(text: str) -> str:
    """ja for kana or kanji, else the language whose own letters appear most, else en."""
    counts = dict.fromkeys(_MARKS, 0)
    for char in text.lower():
        if _is_japanese(char):
            return "ja"
        for language, marks in _MARKS.items():
            if char in marks:
                counts[language] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] > 0 else "en"


def _is_japanese(char: str) -> bool:
    if not ("\u3040" <= char <= "\u30ff" or "\u4e00" <= char <= "\u9fff"):
        return False
    return unicodedata.category(char).startswith("L")


def language_of(stored: str | None, text: str) -> str:
    """The store's language when it is one we speak, else a guess from the reply."""
    if stored:
        primary = stored.replace("_", "-").split("-", 1)[0].lower()
        if primary in LANGUAGES:
            return primary
    return guess_language(text)


@functools.cache
def _zone_countries() -> dict[str, str]:
    """tzdata's zone.tab: zone name -> ISO country code (a zone serves one country there)."""
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    table = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) >= 3:
                table[parts[2]] = parts[0]
    return table


def country_of_zone(tz_name: str | None) -> str | None:
    """The country of an IANA zone they set (Europe/Berlin -> DE); None for UTC offsets,
    unknown or shared zones."""
    if not tz_name:
        return None
    return _zone_countries().get(tz_name)
