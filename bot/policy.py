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
from operator import attrgetter, itemgetter, sub
from typing import NamedTuple, Protocol

from bot import daytime
from bot.clock import US_PER_DAY, US_PER_SECOND

__all__ = [
    "Decision",
    "NudgeKind",
    "PersonState",
    "PersonView",
    "PolicySettings",
    "RecentPost",
    "earliest_check_us",
    "evaluate",
    "infer_utc_offset_hours",
    "is_regular",
    "next_daytime_us",
    "next_evaluation_us",
    "person_zone",
    "posts_horizon_us",
    "promo_may_hold",
    "quiet_threshold_us",
    "typical_gap_days",
    "welcome_allowed",
]


class NudgeKind(StrEnum):
    WELCOME = "welcome"
    QUIET = "quiet"
    PROMO_ONLY = "promo_only"
    CHECKIN = "checkin"


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
    kind: NudgeKind
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
        kind, episode = NudgeKind.QUIET, str(person.last_activity_us)
    else:
        reason = _promo_reason(person, now_us, settings)
        if reason is None:
            return None
        kind, episode = NudgeKind.PROMO_ONLY, _utc_date(now_us)
    start, end = _hours(person, settings)
    send_after = next_daytime_us(now_us, person_zone(person, settings), start, end)
    return Decision(person.did, kind, episode, send_after, reason)


# ---------------------------------------------------------------------------------------------
# When to look again


def next_evaluation_us(person: PersonView, now_us: int, settings: PolicySettings) -> int | None:
    """The first time >= now at which `evaluate` returns a decision if nothing new happens.

    Exact, not just a lower bound: pause and rate limit end at fixed moments, quietness only
    changes at UTC midnight or when the silence crosses the threshold, and the promo window
    only changes when a post enters or leaves it. None when nothing can become due without new
    activity or a state change (which makes the store recompute this anyway).
    """
    if not person.account_active:
        return None
    gate = now_us
    if person.paused_until_us is not None:
        gate = max(gate, person.paused_until_us)
    if person.last_nudge_us is not None:
        gate = max(gate, person.last_nudge_us + _interval_us(person, settings))
    quiet = _first_quiet_us(person, gate, settings)
    promo = _first_promo_us(person, gate, settings)
    if quiet is None or promo is None:
        return promo if quiet is None else quiet
    return min(quiet, promo)


def posts_horizon_us(now_us: int, settings: PolicySettings) -> int:
    """Posts at or before this moment change neither `evaluate` nor `next_evaluation_us` at
    `now_us`: both look only at the promo window ending now or later (the promo rule counts
    posts in (now - window, now]; its minimum count is met by the windowed posts or not at all).
    So evaluation may leave them undecoded."""
    return now_us - settings.promo_window_days * US_PER_DAY


def promo_may_hold(total: int, promos: int, settings: PolicySettings) -> bool:
    """Whether some window of `total` posts, `promos` of them promotional, might hold the promo
    rule; False is exact. A window that holds has t >= promo_min_posts of them, p <= promos
    promotional, so p / t <= promos / promo_min_posts, and division rounds monotonically."""
    min_posts = settings.promo_min_posts
    if total < min_posts:
        return False
    return min_posts <= 0 or promos / min_posts >= settings.promo_min_ratio


def earliest_check_us(
    last_activity_us: int | None,
    recent_posts: Sequence[RecentPost],
    now_us: int,
    settings: PolicySettings,
) -> int | None:
    """A cheap lower bound on `next_evaluation_us`, for the ingest hot path.

    Right after new activity nothing can fire before the silence reaches `quiet_min_days`,
    unless enough promotional posts sit in the promo window for the promo rule to hold (it
    needs at least `promo_min_ratio * promo_min_posts` of them, and without new posts their
    number only falls): then look now. The exact answer comes when the person is evaluated.
    """
    window_start = now_us - settings.promo_window_days * US_PER_DAY
    promos = sum(1 for post in recent_posts if post.promo and post.time_us > window_start)
    if promos and promos >= settings.promo_min_ratio * settings.promo_min_posts:
        return now_us
    if last_activity_us is None:
        return None
    return last_activity_us + int(settings.quiet_min_days * US_PER_DAY)


def _next_change_day(days: Sequence[int], after_day: int, offsets: tuple[int, ...]) -> int | None:
    """The first day after `after_day` on which a window gains or loses an active day.

    Day d enters both windows on day d and leaves a W-day window on day d + W + 1, so the
    change days are the active days shifted by each offset in (0, W_regular + 1, W_judgment + 1).
    One bisect per offset: no per-call generators or merging.
    """
    n = len(days)
    first: int | None = None
    for offset in offsets:
        i = bisect.bisect_right(days, after_day - offset)
        if i < n and (first is None or days[i] + offset < first):
            first = days[i] + offset
    return first


def _first_quiet_us(person: PersonView, start_us: int, settings: PolicySettings) -> int | None:
    last = person.last_activity_us
    if last is None or person.last_quiet_episode == last:
        return None
    days = person.active_days
    regular_days, judgment_days = settings.regular_window_days, settings.judgment_window_days
    min_days = settings.regular_min_days
    offsets = (0, regular_days + 1, judgment_days + 1)
    # Nothing can be due before the shortest possible threshold has passed.
    seg_start = max(start_us, last + round(settings.quiet_min_days * US_PER_DAY))
    judged_lo = judged_hi = -1  # judgment-window bounds `threshold` was computed for
    threshold = due = 0
    # Regularity and threshold are constant between change days: one check per segment. The
    # window bounds are `_window_bounds` inlined (this runs for every person in every pass).
    while True:
        day = seg_start // US_PER_DAY
        hi = bisect.bisect_right(days, day)
        regular = hi - bisect.bisect_left(days, day - regular_days) >= min_days
        if regular:
            lo = bisect.bisect_left(days, day - judgment_days)
            if lo != judged_lo or hi != judged_hi:  # the sort behind the threshold reruns
                judged_lo, judged_hi = lo, hi  # only when days move
                gap = _percentile_gap(days, lo, hi, settings.quiet_gap_percentile)
                threshold = round(_threshold_days(gap, settings) * US_PER_DAY)
            due = max(seg_start, last + threshold)
            if due == seg_start:
                return due  # every segment ends after its start, so no need to find its end
        elif not days or days[-1] <= day:
            return None  # no day can enter the window any more, so it stays irregular
        change_day = _next_change_day(days, day, offsets)
        if change_day is None:
            return due if regular else None
        seg_end = change_day * US_PER_DAY
        if regular and due < seg_end:
            return due
        seg_start = seg_end


_post_time = attrgetter("time_us")
_post_promo = itemgetter(1)  # RecentPost.promo
_post_reply = itemgetter(2)  # RecentPost.replies_to_other


def _first_promo_us(person: PersonView, start_us: int, settings: PolicySettings) -> int | None:
    window = settings.promo_window_days * US_PER_DAY
    # Posts at or before start - window lie before every window from start_us on: they can
    # neither count nor move a window, so they are dropped before sorting.
    horizon = start_us - window
    posts = [p for p in person.recent_posts if p.time_us > horizon]
    if not promo_may_hold(len(posts), sum(map(_post_promo, posts)), settings):
        return None  # most people post few promotions: no sweep for them
    posts.sort(key=_post_time)
    if _no_run_can_hold(posts, settings):
        return None
    first = start_us
    last_promo = person.last_promo_nudge_us
    if last_promo is not None:
        # Nothing fires before the cooldown ends, and a window that can no longer hold at a
        # moment inside it cannot hold later either, so the search starts at the cooldown's end.
        first = max(first, last_promo + settings.promo_cooldown_days * US_PER_DAY)
    return _first_promo_window(posts, first, window, settings)


def _no_run_can_hold(posts: list[RecentPost], settings: PolicySettings) -> bool:
    """True when no window of `posts` (sorted by time) can hold, judged run by run.

    A window is a contiguous slice of the sorted posts, and one that holds contains no reply,
    so it lies inside a run between replies, and `promo_may_hold` applies to each run. Flags
    as bytes: the counting runs in C, the loop once per reply.
    """
    replies = bytes(map(_post_reply, posts))
    if 1 not in replies:
        return False  # one run: the caller's bound over all posts has already passed
    promos = bytes(map(_post_promo, posts))
    start = 0
    while True:
        end = replies.find(1, start)
        stop = len(posts) if end < 0 else end
        if promo_may_hold(stop - start, promos.count(1, start, stop), settings):
            return False
        if end < 0:
            return True
        start = end + 1


def _first_promo_window(
    posts: list[RecentPost], t: int, window: int, settings: PolicySettings
) -> int | None:
    """First moment >= t at which `posts` (sorted by time) in (moment - window, moment] hold.

    A sweep: the window's content only changes when a post enters (at its time) or leaves (at
    its time + window), so only those moments are checked, with running counts.
    """
    n = len(posts)
    # The first window by bisection and C counts (the loops below would step to the same
    # place): often it holds at once, and then no post is visited in bytecode.
    times = list(map(_post_time, posts))
    hi = bisect.bisect_right(times, t)
    lo = min(bisect.bisect_right(times, t - window), hi)  # the window is posts[lo:hi]
    promos = sum(map(_post_promo, posts[lo:hi]))
    replies = sum(map(_post_reply, posts[lo:hi]))
    while True:
        while hi < n and posts[hi].time_us <= t:
            promos += posts[hi].promo
            replies += posts[hi].replies_to_other
            hi += 1
        while lo < hi and posts[lo].time_us <= t - window:
            promos -= posts[lo].promo
            replies -= posts[lo].replies_to_other
            lo += 1
        if hi - lo < settings.promo_min_posts and hi == n:
            return None  # posts only leave the window from here on
        if _promo_holds(hi - lo, promos, replies > 0, settings):
            return t
        if lo < hi:
            leave = posts[lo].time_us + window
            t = leave if hi == n else min(leave, posts[hi].time_us)
        elif hi < n:
            t = posts[hi].time_us
        else:
            return None


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
