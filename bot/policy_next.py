"""When to look at someone again: the exact next moment `policy.evaluate` could decide
differently if nothing new happens, and which stored posts can still matter.

Pure, like bot/policy.py, whose rules these mirror; kept apart because the hourly
evaluation only evaluates people whose exact next check has come.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import json
from collections.abc import Sequence
from operator import attrgetter, itemgetter

from bot.clock import US_PER_DAY
from bot.policy import (
    PersonView,
    PolicySettings,
    RecentPost,
    _interval_us,
    _percentile_gap,
    _promo_holds,
    _threshold_days,
)


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


def settings_fingerprint(settings: PolicySettings) -> str:
    """Names the settings `next_evaluation_us` was computed under: its answers are exact for
    those settings only (the store re-checks everyone when the name changes)."""
    fields = json.dumps(dataclasses.asdict(settings), sort_keys=True)
    return hashlib.sha256(fields.encode()).hexdigest()[:16]


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
