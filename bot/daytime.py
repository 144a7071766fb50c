"""Daytime in a person's zone: the zone they set, one inferred from their activity hours, or
UTC; and the next moment inside their waking hours. Pure; used by bot/policy.py."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from itertools import accumulate, chain
from operator import sub
from zoneinfo import ZoneInfo

from bot.clock import US_PER_HOUR

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US = timedelta(microseconds=1)


def valid_hours(start: int, end: int) -> bool:
    return 0 <= start <= 23 and 1 <= end <= 24 and start != end


def next_daytime_us(now_us: int, zone: tzinfo, start_hour: int, end_hour: int) -> int:
    """`now_us` if the local hour in `zone` is in [start, end), else the next local start:00.

    start > end means the window wraps midnight (22 to 6 is a night owl's day); start == end
    means no restriction. Local times come from the zone's rules, so DST is honoured; a start
    hour skipped by a DST jump resolves to the jump itself.
    """
    if not (0 <= start_hour <= 23 and 0 <= end_hour <= 24):
        raise ValueError(f"hours out of range: {start_hour}-{end_hour}")
    if start_hour == end_hour:
        return now_us
    local = (_EPOCH + timedelta(microseconds=now_us)).astimezone(zone)
    hour = local.hour
    if start_hour < end_hour:
        inside = start_hour <= hour < end_hour
    else:
        inside = hour >= start_hour or hour < end_hour
    if inside:
        return now_us
    day = local.date() if hour < start_hour else local.date() + timedelta(days=1)
    for _ in range(3):
        candidate = datetime(day.year, day.month, day.day, start_hour, tzinfo=zone)
        candidate_us = (candidate - _EPOCH) // _ONE_US
        if candidate_us > now_us:
            return candidate_us
        day += timedelta(days=1)  # only reachable through exotic zone transitions
    return now_us + US_PER_HOUR


@lru_cache(maxsize=4096)
def _named_zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError, OSError, TypeError, UnicodeError):
        return None  # not an IANA name we know: the person's setting is ignored


@lru_cache(maxsize=64)
def _fixed_zone(offset_hours: int) -> tzinfo:
    return timezone(timedelta(hours=offset_hours))


def zone_for(tz_name: str | None, hour_counts: Sequence[int], min_samples: int) -> tzinfo:
    """The zone the person set, else one inferred from their activity hours, else UTC."""
    if tz_name:
        zone = _named_zone(tz_name)
        if zone is not None:
            return zone
    offset = infer_utc_offset_hours(hour_counts, min_samples)
    return UTC if offset is None else _fixed_zone(offset)


# Sleep is the most reliable signal in posting hours: the quietest 6 hours are assumed to be
# centred on 04:00 local time.
_SLEEP_HOURS = 6
_SLEEP_MIDDLE_LOCAL = 4
_NEIGHBOURHOODS = 8  # tie-breaks by windows widened 1..8 hours each side: 8, 10, ... 22 hours


def infer_utc_offset_hours(hour_counts: Sequence[int], min_samples: int) -> int | None:
    """A whole-hour UTC offset guessed from 24 activity counts by UTC hour, or None.

    The circular 6-hour window with the fewest events is taken as the night, its middle as
    04:00 local. Ties go to the window whose widening neighbourhoods (8, 10, ... 22 hours) are
    quietest, then to the earliest UTC start. A flat profile has no night, so no guess. Offsets
    are normalised to [-12, +11]: for hour-of-day windows +13 and -11 are the same.
    """
    if len(hour_counts) != 24 or min(hour_counts) < 0:
        return None
    total = sum(hour_counts)
    if total < max(min_samples, 1):
        return None
    # prefix[i] sums the first i hours of two laps of the clock, so a circular window of up to
    # 24 hours from hour s sums to prefix[s + width] - prefix[s]: O(1) per window.
    prefix = list(accumulate(chain(hour_counts, hour_counts), initial=0))
    nights = list(map(sub, prefix[_SLEEP_HOURS : _SLEEP_HOURS + 24], prefix[:24]))
    quietest = min(nights)
    if quietest * (24 // _SLEEP_HOURS) >= total:
        return None
    if nights.count(quietest) == 1:  # the usual case: no ties to break (all of it in C)
        best = nights.index(quietest)
    else:
        best = _break_ties(prefix, [s for s in range(24) if nights[s] == quietest])
    middle_utc = best + _SLEEP_HOURS // 2
    return (_SLEEP_MIDDLE_LOCAL - middle_utc + 12) % 24 - 12


def _break_ties(prefix: list[int], starts: list[int]) -> int:
    """Of equally quiet night starts (ascending), the one whose widening neighbourhoods are
    quietest: the earliest start whose score tuple is smallest, compared level by level."""
    for widen in range(1, _NEIGHBOURHOODS + 1):
        if len(starts) == 1:
            break
        width = _SLEEP_HOURS + 2 * widen
        sums = [prefix[(s - widen) % 24 + width] - prefix[(s - widen) % 24] for s in starts]
        low = min(sums)
        starts = [s for s, total in zip(starts, sums, strict=True) if total == low]
    return starts[0]
