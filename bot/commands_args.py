"""Pure: the arguments of DM commands — pause durations, time zones, daytime hours.

Each parser returns the value, or a short reason (a str) the bot can say back.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import UTC, date, datetime
from functools import lru_cache

from bot.clock import US_PER_DAY, US_PER_HOUR, US_PER_SECOND

DEFAULT_PAUSE_DAYS = 14
MAX_PAUSE_DAYS = 365
MIN_HOURS_WINDOW = 2

_UNITS: dict[str, int] = {}
for _unit_us, _names in (
    (US_PER_HOUR, "h hr hrs hour hours hora horas stunde stunden heure heures 時間"),
    (US_PER_DAY, "d day days día días dia dias tag tage tagen jour jours 日"),
    (7 * US_PER_DAY, "w wk wks week weeks semana semanas woche wochen semaine semaines 週 週間"),
    (
        30 * US_PER_DAY,
        "m mo mos month months mes meses mês monat monate monaten mois か月 ヶ月 ケ月",
    ),
    (365 * US_PER_DAY, "y yr year years año años ano anos jahr jahre an ans 年"),
):
    for _name in _names.split():
        _UNITS[_name] = _unit_us
_ONE = {"a", "an", "one", "un", "una", "uno", "ein", "eine", "einen", "um", "uma", "une"}
_FILLER = {"for", "por", "für", "pour", "durante", "during"}
_UNTIL = {"until", "till", "hasta", "bis", "jusqu'au", "jusqu'à", "até"}
_AMOUNT = re.compile(r"^(\d{1,4})\s*([^\d\s]+)$")


def parse_duration_us(text: str, now_us: int) -> int | str:
    """When a pause given as "2w", "3 days", "for a week", "until 2026-12-24" (or nothing:
    two weeks) ends; at most a year ahead."""
    words = [w for w in text.split() if w not in _FILLER]
    if not words:
        return now_us + DEFAULT_PAUSE_DAYS * US_PER_DAY
    if words[0] in _UNTIL:
        return _until(" ".join(words[1:]), now_us)
    amount = _amount_us(words)
    if isinstance(amount, str):
        return amount
    if amount <= 0:
        return "a pause needs a length above zero"
    return now_us + min(amount, MAX_PAUSE_DAYS * US_PER_DAY)


def _amount_us(words: list[str]) -> int | str:
    joined = "".join(words)
    match = _AMOUNT.match(joined) or _AMOUNT.match(" ".join(words))
    if match and match.group(2) in _UNITS:
        return int(match.group(1)) * _UNITS[match.group(2)]
    if len(words) == 2 and words[0] in _ONE and words[1] in _UNITS:
        return _UNITS[words[1]]
    if len(words) == 1 and words[0] in _UNITS:
        return _UNITS[words[0]]
    return f"I can't read “{' '.join(words)}” as a length (try “pause 2w” or “pause 3 days”)"


def _until(text: str, now_us: int) -> int | str:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return f"“{text}” is not a date like 2026-12-24"
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    until_us = int(start.timestamp()) * US_PER_SECOND
    if until_us <= now_us:
        return "that date has already begun"
    return min(until_us, now_us + MAX_PAUSE_DAYS * US_PER_DAY)


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    return {name.casefold(): name for name in zoneinfo.available_timezones()}


_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?00)?$")


def parse_tz(text: str) -> str | None:
    """An IANA zone in its canonical spelling; "UTC+2" / "+02:00" become Etc/GMT-2 (POSIX
    signs are reversed in those names); None when unknown."""
    key = text.strip().replace(" ", "_").casefold()
    if not key:
        return None
    if key in ("utc", "gmt", "z"):
        return "UTC"
    match = _OFFSET.match(key)
    if match:
        sign, hours = match.group(1), int(match.group(2))
        if hours == 0:
            return "UTC"
        if (sign == "+" and hours <= 14) or (sign == "-" and hours <= 12):
            return f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"
        return None
    return _zones().get(key)


_RANGE = re.compile(
    r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\s*(?:-|–|—|to|a|bis|à|até)\s*"
    r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$"
)


def parse_hours(text: str) -> tuple[int, int] | str:
    """(start, end) whole hours 0-24 from "9-18", "9am-6pm", "09:00–18:00", "22-7" (a night
    owl's day wraps midnight); at least two hours long."""
    match = _RANGE.match(text.strip())
    if not match:
        return f"I can't read “{text}” as hours (try “hours 9-18”)"
    h1, m1, p1, h2, m2, p2 = match.groups()
    if (m1 and m1 != "00") or (m2 and m2 != "00"):
        return "whole hours only, like 9-18"
    start, end = _hour(int(h1), p1), _hour(int(h2), p2)
    if start is None or end is None or start > 24 or end > 24:
        return "hours go from 0 to 24"
    start %= 24
    end = end or 24  # "18-0": until midnight
    span = (end - start) % 24 or (24 if end != start else 0)
    if span < MIN_HOURS_WINDOW:
        return f"the window must be at least {MIN_HOURS_WINDOW} hours long"
    return start, end


def _hour(hour: int, meridiem: str | None) -> int | None:
    if meridiem is None:
        return hour
    if not 1 <= hour <= 12:
        return None
    return hour % 12 + (12 if meridiem == "pm" else 0)
