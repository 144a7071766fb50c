"""Dates and time zones as a person reads them in their language, never ISO.

Month names are written out here rather than taken from the C library's locales: those depend
on what the machine has installed, and a reply must not change with the host.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, tzinfo

from bot.clock import US_PER_SECOND
from bot.messages.answer_language import primary

_MONTHS: Mapping[str, tuple[str, ...]] = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "es": (
        "enero", "febrero", "marzo", "abril", "mayo", "junio",
        "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    ),
    "de": (
        "Januar", "Februar", "März", "April", "Mai", "Juni",
        "Juli", "August", "September", "Oktober", "November", "Dezember",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
    "pt": (
        "janeiro", "fevereiro", "março", "abril", "maio", "junho",
        "julho", "agosto", "setembro", "outubro", "novembro", "dezembro",
    ),
}  # fmt: skip


def _fr_day(day: int) -> str:
    return "1er" if day == 1 else str(day)  # « le 1er décembre »


_FORMATS: Mapping[str, Callable[[date], str]] = {
    "en": lambda d: f"{d.day} {_MONTHS['en'][d.month - 1]} {d.year}",
    "es": lambda d: f"{d.day} de {_MONTHS['es'][d.month - 1]} de {d.year}",
    "de": lambda d: f"{d.day}. {_MONTHS['de'][d.month - 1]} {d.year}",
    "fr": lambda d: f"{_fr_day(d.day)} {_MONTHS['fr'][d.month - 1]} {d.year}",
    "pt": lambda d: f"{d.day} de {_MONTHS['pt'][d.month - 1]} de {d.year}",
    "ja": lambda d: f"{d.year}年{d.month}月{d.day}日",
}


def format_date(day: date, language: str | None) -> str:
    """ "24 December 2026", "24. Dezember 2026", "2026年12月24日"…; English when unknown."""
    return _FORMATS.get(primary(language) or "en", _FORMATS["en"])(day)


def _zone(tz_name: str | None) -> tzinfo:
    if not tz_name:
        return UTC
    try:
        return zoneinfo.ZoneInfo(tz_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return UTC  # a zone this machine lacks: the date is at most a day off, never an error


def local_date(time_us: int, tz_name: str | None) -> date:
    """The calendar date at `time_us` in the person's zone (UTC when unknown)."""
    return datetime.fromtimestamp(time_us // US_PER_SECOND, _zone(tz_name)).date()


def midnight_us(day: date, tz_name: str | None) -> int:
    """When `day` begins in the person's zone (UTC when unknown)."""
    start = datetime(day.year, day.month, day.day, tzinfo=_zone(tz_name))
    return int(start.timestamp()) * US_PER_SECOND


def format_moment(time_us: int, language: str | None, tz_name: str | None) -> str:
    """The date of `time_us` where the person lives, in their language."""
    return format_date(local_date(time_us, tz_name), language)


_ETC_OFFSET = re.compile(r"(?:Etc/)?GMT([+-])(\d{1,2})")
_UTC_NAMES = frozenset(
    f"{prefix}{name}"
    for prefix in ("", "Etc/")
    for name in ("UTC", "UCT", "GMT", "GMT0", "Greenwich", "Universal", "Zulu")
)


def readable_zone(tz_name: str) -> str:
    """A stored zone as people write it: "Etc/GMT-2" (POSIX signs are inverted) → "UTC+2",
    "Etc/UTC" → "UTC"; names like "Europe/Berlin" stay."""
    match = _ETC_OFFSET.fullmatch(tz_name)
    if match:
        hours = int(match[2])
        return f"UTC{'-' if match[1] == '+' else '+'}{hours}" if hours else "UTC"
    return "UTC" if tz_name in _UTC_NAMES else tz_name
