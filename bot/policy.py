"""Pure nudge decisions: who may get a gentle message, when, and why.

No I/O, no clock reads, no SDK: every function takes `now_us` and plain data, so the
hourly evaluation, replay and tests all get identical answers.

Conventions used throughout (they matter at the boundaries):

* Day numbers are UTC days, `time_us // US_PER_DAY`.
* A "W-day window before now" holds the day numbers `d` with
  `(now_us - W * US_PER_DAY) // US_PER_DAY <= d <= now_us // US_PER_DAY`: a day counts when
  any part of it lies in (now - W days, now]. Both windows (regular, judgment) change only at
  UTC midnight, which is what lets `next_evaluation_us` be exact.
* "At most one X per N days": X is allowed again once `now - last >= N days` (rate limit,
  promo cooldown, welcome cooldown alike).
* `active_days` must be sorted ascending and distinct (the store keeps it that way).
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo
from enum import StrEnum
from operator import sub
from typing import NamedTuple, Protocol

from bot import daytime
from bot.clock import US_PER_DAY, US_PER_SECOND

__all__ = [
    "AT_ONCE_KINDS",
    "UNASKED_KINDS",
    "Decision",
    "DmKind",
    "PersonState",
    "PersonView",
    "PolicySettings",
    "RecentPost",
    "evaluate",
    "infer_utc_offset_hours",
    "is_regular",
    "next_daytime_us",
    "person_zone",
    "quiet_threshold_us",
    "typical_gap_days",
    "welcome_allowed",
]


class DmKind(StrEnum):
    """Every DM the bot writes; the values are the outbox's `kind` column and metric labels."""

    WELCOME = "welcome"
    QUIET = "quiet"
    PROMO_ONLY = "promo_only"
    CHECKIN = "checkin"
    FRIEND = "friend"  # a "stay in touch" suggestion (bot/stay_in_touch.py)
    REPLY = "reply"  # an answer to a command or a message: said at once, never queued


# The person asked for these (a follow, a message): they go at once, whatever the hour. Every
# other kind waits for the person's daytime, also when a delay (budget, 429) pushed it past it.
AT_ONCE_KINDS = frozenset({DmKind.WELCOME, DmKind.REPLY})
# Nudges nobody asked for: ignored three times in a row, they lead to a check-in
UNASKED_KINDS = frozenset({DmKind.QUIET, DmKind.PROMO_ONLY, DmKind.FRIEND})


@dataclass(frozen=True, slots=True)
class PolicySettings:
    """Product defaults; see the module docstring for how windows and cooldowns are counted."""

    judgment_window_days: int = 90
    regular_min_days: int = 5
    regular_window_days: int = 60
    quiet_min_days: float = 14.0
    quiet_gap_multiplier: float = 3.0
    quiet_gap_percentile: float = 80.0
    promo_window_days: int = 14
    promo_min_posts: int = 5
    promo_min_ratio: float = 0.9
    promo_cooldown_days: int = 30
    nudge_min_interval_days: int = 7
    welcome_cooldown_days: int = 30
    day_start_hour: int = 10
    day_end_hour: int = 19
    tz_min_samples: int = 20
    checkin_after_ignored: int = 3  # nudges in a row without a reply, then ask once
    checkin_pause_days: int = 90  # and pause this long unless they answer


class RecentPost(NamedTuple):
    # a NamedTuple, not a dataclass: the store decodes thousands per evaluation pass and a
    # tuple builds several times faster than a frozen dataclass
    time_us: int
    promo: bool
    replies_to_other: bool


@dataclass(frozen=True, slots=True)
class PersonState:
    """A person's aggregates as the store keeps them; all times are microseconds (UTC)."""

    did: str
    opted_in_us: int
    last_activity_us: int | None  # most recent public record of any kind
    active_days: tuple[int, ...]  # sorted distinct UTC day numbers with activity, ~90 days
    recent_posts: tuple[RecentPost, ...]  # any order; older than the promo window is ignored
    paused_until_us: int | None = None
    account_active: bool = True  # False when deactivated or taken down: never nudge
    last_nudge_us: int | None = None  # last quiet/promo_only nudge queued (not welcome)
    last_quiet_episode: int | None = None  # last_activity_us of the spell already nudged
    last_promo_nudge_us: int | None = None
    frequency_days: int | None = None  # own minimum interval; only ever lengthens the default
    tz_name: str | None = None  # IANA name the person set; invalid names are ignored
    hour_counts: tuple[int, ...] = ()  # 24 activity counts by UTC hour, for zone inference
    day_start_hour: int | None = None  # own daytime window, else the settings'
    day_end_hour: int | None = None


class PersonView(Protocol):
    """What the rules read of a person: `PersonState`, or the store's row as it is (the
    evaluation pass decides on `PersonRow`s without copying 15 fields into a PersonState)."""

    @property
    def did(self) -> str: ...
    @property
    def last_activity_us(self) -> int | None: ...
    @property
    def active_days(self) -> Sequence[int]: ...
    @property
    def recent_posts(self) -> Sequence[RecentPost]: ...
    @property
    def paused_until_us(self) -> int | None: ...
    @property
    def account_active(self) -> bool: ...
    @property
    def last_nudge_us(self) -> int | None: ...
    @property
    def last_quiet_episode(self) -> int | None: ...
    @property
    def last_promo_nudge_us(self) -> int | None: ...
    @property
    def frequency_days(self) -> int | None: ...
    @property
    def tz_name(self) -> str | None: ...
    @property
    def hour_counts(self) -> Sequence[int]: ...
    @property
    def day_start_hour(self) -> int | None: ...
    @property
    def day_end_hour(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class Decision:
    did: str
    kind: DmKind
    episode: str  # the outbox is unique on (did, kind, episode): re-evaluation cannot double
    send_after_us: int  # start of the person's next daytime window, or now inside it
    reason: str  # short and human, for logs and status


# ---------------------------------------------------------------------------------------------
# Activity measures


def _window_bounds(days: Sequence[int], now_us: int, window_days: int) -> tuple[int, int]:
    """Index range [lo, hi) of `days` inside the `window_days`-day window before now."""
    lo = bisect.bisect_left(days, (now_us - window_days * US_PER_DAY) // US_PER_DAY)
    hi = bisect.bisect_right(days, now_us // US_PER_DAY)
    return lo, hi


def is_regular(active_days: Sequence[int], now_us: int, settings: PolicySettings) -> bool:
    """Active on at least `regular_min_days` distinct days of the regular window."""
    lo, hi = _window_bounds(active_days, now_us, settings.regular_window_days)
    return hi - lo >= settings.regular_min_days


def typical_gap_days(
    active_days: Sequence[int], now_us: int, settings: PolicySettings
) -> float | None:
    """Percentile of the gaps (days) between consecutive active days of the judgment window.

    Linear interpolation between closest ranks (numpy's default "linear" method): with the
    n gaps sorted, the value at rank (n - 1) * p / 100. None with fewer than two active days.
    """
    lo, hi = _window_bounds(active_days, now_us, settings.judgment_window_days)
    return _percentile_gap(active_days, lo, hi, settings.quiet_gap_percentile)


def _percentile_gap(days: Sequence[int], lo: int, hi: int, percentile: float) -> float | None:
    """`typical_gap_days` of the active days `days[lo:hi]`."""
    if hi - lo < 2:
        return None
    # Slices and map(sub) run in C: no bytecode per gap (the window holds up to ~90 days).
    gaps: list[int] = sorted(map(sub, days[lo + 1 : hi], days[lo : hi - 1]))
    percentile = min(max(percentile, 0.0), 100.0)
    rank = (len(gaps) - 1) * percentile / 100.0
    below = int(rank)
    if below >= len(gaps) - 1:
        return float(gaps[-1])
    return gaps[below] + (gaps[below + 1] - gaps[below]) * (rank - below)


def _threshold_days(gap: float | None, settings: PolicySettings) -> float:
    if gap is None:
        return settings.quiet_min_days
    return max(settings.quiet_min_days, settings.quiet_gap_multiplier * gap)


def quiet_threshold_us(active_days: Sequence[int], now_us: int, settings: PolicySettings) -> int:
    """Silence needed to count as quiet: max(quiet_min_days, multiplier x typical gap)."""
    gap = typical_gap_days(active_days, now_us, settings)
    # Rounded to the microsecond so float noise (3 x 7.4 days) cannot flip an exact boundary.
    return round(_threshold_days(gap, settings) * US_PER_DAY)


def _promo_counts(
    posts: Sequence[RecentPost], now_us: int, settings: PolicySettings
) -> tuple[int, int, bool]:
    """(posts, promotional posts, any reply to others) within (now - window, now]."""
    start = now_us - settings.promo_window_days * US_PER_DAY
    total = promos = 0
    for post in posts:
        if start < post.time_us <= now_us:
            if post.replies_to_other:
                return 0, 0, True
            total += 1
            promos += post.promo
    return total, promos, False


def _promo_holds(total: int, promos: int, replied: bool, settings: PolicySettings) -> bool:
    return (
        not replied
        and total >= settings.promo_min_posts
        and total > 0
        and promos / total >= settings.promo_min_ratio
    )


# ---------------------------------------------------------------------------------------------
# Decisions


def _interval_us(person: PersonView, settings: PolicySettings) -> int:
    days = max(settings.nudge_min_interval_days, person.frequency_days or 0)
    return days * US_PER_DAY


def welcome_allowed(last_welcome_us: int | None, now_us: int, settings: PolicySettings) -> bool:
    """A welcome unless one went out less than `welcome_cooldown_days` ago."""
    return (
        last_welcome_us is None
        or now_us - last_welcome_us >= settings.welcome_cooldown_days * US_PER_DAY
    )


def _quiet_reason(person: PersonView, now_us: int, settings: PolicySettings) -> str | None:
    """Why the person is quiet now (the reason text), or None when they are not."""
    last = person.last_activity_us
    if last is None or person.last_quiet_episode == last:
        return None
    silence = now_us - last
    # Cheap rejection first: the threshold is never below quiet_min_days.
    if silence < round(settings.quiet_min_days * US_PER_DAY):
        return None
    days = person.active_days
    if not is_regular(days, now_us, settings):
        return None
    gap = typical_gap_days(days, now_us, settings)
    threshold = round(_threshold_days(gap, settings) * US_PER_DAY)
    if silence < threshold:
        return None
    gap_text = "no typical gap" if gap is None else f"typical gap {gap:.1f} d"
    return (
        f"silent {silence / US_PER_DAY:.1f} days >= threshold "
        f"{threshold / US_PER_DAY:.1f} days ({gap_text})"
    )


def _promo_reason(person: PersonView, now_us: int, settings: PolicySettings) -> str | None:
    last_promo = person.last_promo_nudge_us
    if last_promo is not None and now_us - last_promo < settings.promo_cooldown_days * US_PER_DAY:
        return None
    if len(person.recent_posts) < settings.promo_min_posts:
        return None
    total, promos, replied = _promo_counts(person.recent_posts, now_us, settings)
    if not _promo_holds(total, promos, replied, settings):
        return None
    return (
        f"{promos}/{total} posts promotional in the last {settings.promo_window_days} days, "
        "no replies to others"
    )


def _utc_date(time_us: int) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(time_us // US_PER_SECOND))


def evaluate(person: PersonView, now_us: int, settings: PolicySettings) -> Decision | None:
    """The quiet or promo_only nudge due for `person` at `now_us`, if any (quiet wins)."""
    if not person.account_active:
        return None
    if person.paused_until_us is not None and person.paused_until_us > now_us:
        return None
    last_nudge = person.last_nudge_us
    if last_nudge is not None and now_us - last_nudge < _interval_us(person, settings):
        return None
    reason = _quiet_reason(person, now_us, settings)
    if reason is not None:
        kind, episode = DmKind.QUIET, str(person.last_activity_us)
    else:
        reason = _promo_reason(person, now_us, settings)
        if reason is None:
            return None
        kind, episode = DmKind.PROMO_ONLY, _utc_date(now_us)
    start, end = _hours(person, settings)
    send_after = next_daytime_us(now_us, person_zone(person, settings), start, end)
    return Decision(person.did, kind, episode, send_after, reason)


# ---------------------------------------------------------------------------------------------
# Daytime in the person's zone (the mechanics live in bot/daytime.py)

next_daytime_us = daytime.next_daytime_us


def _hours(person: PersonView, settings: PolicySettings) -> tuple[int, int]:
    """The person's own hours field by field over the settings'; invalid pairs fall back."""
    start = settings.day_start_hour if person.day_start_hour is None else person.day_start_hour
    end = settings.day_end_hour if person.day_end_hour is None else person.day_end_hour
    if daytime.valid_hours(start, end):
        return start, end
    if daytime.valid_hours(settings.day_start_hour, settings.day_end_hour):
        return settings.day_start_hour, settings.day_end_hour
    return 0, 24


def next_send_us(person: PersonView, now_us: int, settings: PolicySettings) -> int:
    """`now_us` inside the person's hours, else when their hours next begin (a DM queued in
    their daytime may reach the front of the queue after it ended)."""
    start, end = _hours(person, settings)
    return next_daytime_us(now_us, person_zone(person, settings), start, end)


def person_zone(person: PersonView, settings: PolicySettings) -> tzinfo:
    """The zone the person set, else one inferred from their posting hours, else UTC."""
    return daytime.zone_for(person.tz_name, person.hour_counts, settings.tz_min_samples)


def infer_utc_offset_hours(hour_counts: Sequence[int], settings: PolicySettings) -> int | None:
    """See `bot.daytime.infer_utc_offset_hours`; the sample floor comes from the settings."""
    return daytime.infer_utc_offset_hours(hour_counts, settings.tz_min_samples)
