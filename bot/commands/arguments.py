"""Command arguments: pause durations and dates, time zones, hours, handles. Pure.

Each parser takes the argument tokens (`keys`: folded, see lexicon.fold; `texts`: as typed,
after NFKC) and returns the value, a `Bad(reason)`, or None when the words are not an
argument at all, so that "pause the music lol" stays a human reply.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import NamedTuple

from bot.clock import US_PER_DAY
from bot.commands.lexicon import (
    DURATION_FILLERS,
    NUMBER_WORDS,
    UNITS,
    UNTIL_WORDS,
    VAGUE_DURATIONS,
    fold,
)
from bot.commands.model import (
    ABSURD_PAUSE_DAYS,
    DEFAULT_PAUSE_US,
    MAX_PAUSE_US,
    MIN_HOURS_WIDTH,
)
from bot.language import primary_language


class Bad(NamedTuple):
    reason: str


class Pause(NamedTuple):
    until_us: int
    languages: tuple[str, ...]  # languages of the unit word, a hint for shared command words
    day: date | None = None  # "until 2026-12-24": the date they named (when not capped)


def _shown(texts: Sequence[str]) -> str:
    return " ".join(texts)[:64]  # reasons quote the person, but never at length


# ---------------------------------------------------------------------------------------------
# pause

_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_AMOUNT = re.compile(r"([+-]?\d{1,12})\s*(\D+)")


def parse_pause(keys: Sequence[str], now_us: int) -> Pause | Bad | None:
    """ "", "2w", "2 weeks", "for a week", "until 2026-12-24" → when the pause ends."""
    if keys and keys[0] in DURATION_FILLERS:
        keys = keys[1:]
    if not keys or tuple(keys) in VAGUE_DURATIONS:
        return Pause(now_us + DEFAULT_PAUSE_US, ())
    if keys[0] in UNTIL_WORDS:
        if len(keys) != 2:
            return Bad("date expected, like 2026-12-24")
        return _pause_until_date(keys[1], now_us, UNTIL_WORDS[keys[0]])
    if len(keys) == 1 and _DATE.fullmatch(keys[0]):
        return _pause_until_date(keys[0], now_us, ())
    if len(keys) == 2 and keys[0] in NUMBER_WORDS and keys[1] in UNITS:
        return _pause_for(NUMBER_WORDS[keys[0]], keys[1], now_us)
    match = _AMOUNT.fullmatch(" ".join(keys))
    if match and match[2].strip() in UNITS:
        return _pause_for(int(match[1]), match[2].strip(), now_us)
    if any(ch.isdigit() for key in keys for ch in key) or any(k in UNITS for k in keys):
        return Bad(f'unclear duration "{_shown(keys)}"')
    return None


def _pause_for(amount: int, unit: str, now_us: int) -> Pause | Bad:
    length_us, languages = UNITS[unit]
    if amount <= 0:
        return Bad("the duration must be positive")
    if amount * length_us > ABSURD_PAUSE_DAYS * US_PER_DAY:
        return Bad("the duration is too long")
    return Pause(now_us + min(amount * length_us, MAX_PAUSE_US), languages)


def _pause_until_date(key: str, now_us: int, languages: tuple[str, ...]) -> Pause | Bad:
    """Until UTC midnight starting that date; the date must be tomorrow or later."""
    match = _DATE.fullmatch(key)
    if match is None:
        return Bad("date expected, like 2026-12-24")
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return Bad(f'no such date "{key[:16]}"')
    until_us = (day - date(1970, 1, 1)).days * US_PER_DAY
    if until_us <= now_us - now_us % US_PER_DAY:
        return Bad("the date must be tomorrow or later")
    if until_us - now_us > ABSURD_PAUSE_DAYS * US_PER_DAY:
        return Bad("the date is too far away")
    if until_us > now_us + MAX_PAUSE_US:
        return Pause(now_us + MAX_PAUSE_US, languages)
    return Pause(until_us, languages, day)


# ---------------------------------------------------------------------------------------------
# time zone

# Entries of available_timezones() that are not zones a person lives in.
_NOT_ZONES = frozenset({"localtime", "Factory", "posixrules"})
_OFFSET = re.compile(r"(?:utc|gmt|z)?([+-])(\d{1,2})(?::?(\d{2}))?")


@cache
def _zones() -> tuple[dict[str, str], dict[str, str]]:
    """Folded name → canonical name, and unambiguous city → canonical name (computed once:
    available_timezones() walks the zone directories)."""
    names = sorted(zoneinfo.available_timezones() - _NOT_ZONES)
    by_name = {_zone_key(name): name for name in names}
    cities: dict[str, list[str]] = {}
    for name in names:
        if "/" in name and not name.startswith("Etc/"):
            cities.setdefault(_zone_key(name.rsplit("/", 1)[1]), []).append(name)
    return by_name, {city: found[0] for city, found in cities.items() if len(found) == 1}


def _zone_key(name: str) -> str:
    return name.casefold().replace("-", "_")  # "port au prince" finds America/Port-au-Prince


def parse_tz(texts: Sequence[str]) -> str | Bad | None:
    """An IANA name in any case ("europe/berlin"), a unique city ("Berlin", "new york"), or a
    whole-hour UTC offset ("UTC+2", "+02:00") → Etc/GMT-2 (POSIX signs are inverted)."""
    if not texts:
        return Bad("time zone expected, like Europe/Berlin")
    if len(texts) > 3:
        return None  # "timezones are so confusing honestly": talk, not a zone
    by_name, by_city = _zones()
    offset = _OFFSET.fullmatch("".join(texts).casefold())
    if offset:
        return _fixed_offset(offset[1], int(offset[2]), int(offset[3] or 0), by_name)
    wanted = _zone_key("_".join(texts))
    found = by_name.get(wanted) or by_city.get(wanted)
    return found if found else Bad(f'unknown time zone "{_shown(texts)}"')


def _fixed_offset(sign: str, hours: int, minutes: int, by_name: dict[str, str]) -> str | Bad:
    if minutes:
        return Bad("only whole-hour offsets; use a zone name such as Asia/Kolkata")
    if hours == 0:
        return "UTC"
    name = f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"
    return by_name.get(_zone_key(name)) or Bad(f"offset out of range: UTC{sign}{hours}")


def zone_as_written(texts: Sequence[str], zone: str) -> str:
    """The zone `parse_tz` found, as the person wrote it, tidied: an offset keeps their prefix
    ("gmt -5" → "GMT-5", "+02:00" → "UTC+2"), a name its canonical case ("europe/berlin" →
    "Europe/Berlin"), a city its own name ("new york" → "New York")."""
    offset = _OFFSET.fullmatch("".join(texts).casefold())
    if offset:
        prefix = "GMT" if texts[0].casefold().startswith("gmt") else "UTC"
        hours = int(offset[2])
        return f"{prefix}{offset[1]}{hours}" if hours else prefix
    if _zone_key("_".join(texts)) == _zone_key(zone):
        return zone
    return zone.rsplit("/", 1)[-1].replace("_", " ")


# ---------------------------------------------------------------------------------------------
# hours

_FROM = frozenset({"from", "de", "von", "des", "desde", "das", "entre", "between"})
_TIME = r"(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.?|p\.m\.?|h|uhr)?"
_RANGE = re.compile(rf"{_TIME}\s*(?:-|to|a|bis|ate|till|until|and|et|y|e|und)\s*{_TIME}")


def parse_hours(keys: Sequence[str]) -> tuple[int, int] | Bad | None:
    """ "9-18", "9am-6pm", "09:00-18:00", "9h à 18h", "22-7" (wraps midnight) → (start, end)."""
    if keys and keys[0] in _FROM:
        keys = keys[1:]
    if not keys:
        return Bad("hours expected, like 9-18")
    match = _RANGE.fullmatch(" ".join(keys))
    if match is None:
        has_digit = any(ch.isdigit() for key in keys for ch in key)
        return Bad(f'unclear hours "{_shown(keys)}"') if has_digit else None
    start = _hour(match[1], match[2], match[3])
    end = _hour(match[4], match[5], match[6])
    if isinstance(start, Bad):
        return start
    if isinstance(end, Bad):
        return end
    end = 24 if end == 0 else end  # "to midnight"
    if start == end:
        return Bad(f"the window must be at least {MIN_HOURS_WIDTH} hours long")
    if start > 23 or end > 24:
        return Bad(f'hours must be within 0-24, not "{_shown(keys)}"')
    width = end - start if start < end else 24 - start + end
    if width < MIN_HOURS_WIDTH:
        return Bad(f"the window must be at least {MIN_HOURS_WIDTH} hours long")
    return start, end


def _hour(hour_text: str, minutes: str | None, suffix: str | None) -> int | Bad:
    hour = int(hour_text)
    if minutes and int(minutes):
        return Bad("whole hours only, like 9-18")
    if suffix and suffix[0] in "ap" and suffix != "h":
        if not 1 <= hour <= 12:
            return Bad(f"{hour}{suffix} is not a time")
        return hour % 12 + (12 if suffix[0] == "p" else 0)
    return hour


# ---------------------------------------------------------------------------------------------
# handles

_HANDLE = re.compile(r"([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?")
_DID = re.compile(r"did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]")


def parse_handle(texts: Sequence[str]) -> str | Bad:
    """ "@Alice.bsky.social" → "alice.bsky.social"; a DID stays as typed (it is case-sensitive)."""
    if len(texts) != 1:
        return Bad("one handle expected, like @alice.bsky.social")
    text = texts[0].removeprefix("@")
    if text.casefold().startswith("did:"):
        valid = _DID.fullmatch(text) and len(text) <= 2048
        return text if valid else Bad(f'not a DID "{_shown(texts)}"')
    handle = text.lower()
    if len(handle) <= 253 and _HANDLE.fullmatch(handle):
        return handle
    return Bad(f'not a handle "{_shown(texts)}"')


# ---------------------------------------------------------------------------------------------
# lang

# Each language by its own name and its English name (folded: "francais" is "français" too);
# codes and tags ("de", "pt-BR") are read by bot.language.primary_language.
_LANGUAGE_NAMES: dict[str, str] = {
    fold(name): code
    for code, names in {
        "en": ("english", "inglés", "englisch", "anglais", "inglês", "英語"),
        "es": ("español", "spanish", "castellano", "espanhol", "spanisch", "espagnol"),
        "de": ("deutsch", "german", "alemán", "allemand", "alemão", "ドイツ語"),
        "fr": ("français", "french", "francés", "französisch", "francês", "フランス語"),
        "pt": ("português", "portuguese", "portugués", "portugiesisch", "portugais"),
        "ja": ("日本語", "japanese", "japonés", "japanisch", "japonais", "japonês", "nihongo"),
    }.items()
    for name in names
}


def parse_language(keys: Sequence[str]) -> str | Bad | None:
    """ "de", "pt-BR", "Deutsch", "German", "日本語" → a supported language code; one unknown
    word is Bad (the answer lists what the bot speaks); more words are not an argument."""
    if len(keys) > 1:
        return None
    if not keys:
        return Bad("which language? e.g. lang de")
    found = _LANGUAGE_NAMES.get(keys[0]) or primary_language(keys[0])
    return found if found is not None else Bad(f"no texts in {keys[0][:16]!r} yet")
