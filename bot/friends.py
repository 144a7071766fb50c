"""Pure "stay in touch" decisions: which counterparts a person has drifted from, and whether a
`friend` suggestion fits their nudge budget now.

A pair is judged by its own rhythm, as bot/policy.py judges a person's quietness: the days on
which the person addressed the friend (replies, mentions, quotes) within the judgment window,
their typical gap (the same percentile), and a drift threshold of
max(min_drift_days, gap_multiplier x typical gap). No I/O, no clock reads.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from bot import policy
from bot.clock import US_PER_DAY


class Reachable(policy.PersonView, Protocol):
    """A person as the suggestion budget reads them (the store's `PersonRow` is one)."""

    @property
    def unreachable_reason(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class FriendSettings:
    min_contact_days: int = 5  # distinct days they talked within the judgment window: regular
    gap_multiplier: float = 3.0
    min_drift_days: float = 14.0
    cooldown_days: int = 30  # at most one `friend` DM per this many days
    around_days: int = 60  # the friend published something this recently: still around
    max_checks: int = 3  # AppView look-ups per person and round (drifted friends, best first)


class Counterpart(NamedTuple):
    """Whom a person addressed, how often and when; never what was said."""

    friend: str
    times: int  # how many posts addressed them
    first_us: int
    last_us: int
    days: tuple[int, ...]  # sorted distinct UTC day numbers with contact


@dataclass(frozen=True, slots=True)
class Drift:
    friend: str
    contact_days: int  # within the judgment window
    gap_days: float  # the pair's typical gap
    silent_days: float  # since they last addressed the friend

    @property
    def reason(self) -> str:
        return (
            f"talked on {self.contact_days} days, usually every {self.gap_days:.0f} "
            f"days; nothing for {self.silent_days:.0f} days"
        )


class FriendLook(NamedTuple):
    """What the public AppView says about the friend right now (looked up, never stored)."""

    exists: bool  # the profile resolves and the account is active
    handle: str | None
    last_active_us: int | None  # their newest post (or repost) the AppView shows


def drift(
    pair: Counterpart,
    now_us: int,
    rules: policy.PolicySettings,
    settings: FriendSettings,
) -> Drift | None:
    """The drift of one pair at `now_us`, or None: not regular enough, or not long enough."""
    days = pair.days
    lo = bisect.bisect_left(days, (now_us - rules.judgment_window_days * US_PER_DAY) // US_PER_DAY)
    hi = bisect.bisect_right(days, now_us // US_PER_DAY)
    if hi - lo < settings.min_contact_days:
        return None
    gap = policy.typical_gap_days(days, now_us, rules)
    if gap is None:
        return None
    silence = now_us - pair.last_us
    threshold = max(settings.min_drift_days, settings.gap_multiplier * gap)
    if silence < round(threshold * US_PER_DAY):
        return None
    return Drift(pair.friend, hi - lo, gap, silence / US_PER_DAY)


def drifted(
    pairs: Iterable[Counterpart],
    excluded: Collection[str],
    now_us: int,
    rules: policy.PolicySettings,
    settings: FriendSettings,
) -> list[Drift]:
    """Drifted counterparts, not excluded (skipped, blocked, the bot, the person), best first:
    the most days together, then the longest silence, then the DID (stable)."""
    found = [
        d
        for pair in pairs
        if pair.friend not in excluded and (d := drift(pair, now_us, rules, settings)) is not None
    ]
    found.sort(key=lambda d: (-d.contact_days, -d.silent_days, d.friend))
    return found


def budget_refusal(
    person: Reachable,
    last_friend_us: int | None,
    now_us: int,
    rules: policy.PolicySettings,
    settings: FriendSettings,
) -> str | None:
    """Why no suggestion may be queued for `person` now, or None when one may: the same
    budget as every nudge (their own interval, pauses, reachability) and one per cooldown."""
    if not person.account_active or person.unreachable_reason is not None:
        return "not reachable"
    if person.paused_until_us is not None and person.paused_until_us > now_us:
        return "paused"
    interval = max(rules.nudge_min_interval_days, person.frequency_days or 0) * US_PER_DAY
    if person.last_nudge_us is not None and now_us - person.last_nudge_us < interval:
        return "a nudge went out recently"
    if last_friend_us is not None and now_us - last_friend_us < settings.cooldown_days * US_PER_DAY:
        return "a friend suggestion went out recently"
    return None


def around(look: FriendLook, now_us: int, settings: FriendSettings) -> bool:
    """Still on Bluesky: the profile exists and they published within `around_days`."""
    return (
        look.exists
        and look.handle is not None
        and look.last_active_us is not None
        and now_us - look.last_active_us <= settings.around_days * US_PER_DAY
    )


def friend_is_quiet(
    friend: policy.PersonView | None, now_us: int, rules: policy.PolicySettings
) -> bool:
    """Only for a friend who opted in to nudgebot too (else None): quiet by the same rule as
    their own quiet nudge. Nobody else's quietness is ever mentioned."""
    if friend is None or friend.last_activity_us is None:
        return False
    days: Sequence[int] = friend.active_days
    if not policy.is_regular(days, now_us, rules):
        return False
    return now_us - friend.last_activity_us >= policy.quiet_threshold_us(days, now_us, rules)


def merge_days(days: Sequence[int], new: Iterable[int], horizon_day: int) -> tuple[int, ...]:
    """Sorted distinct day numbers, those before `horizon_day` dropped."""
    return tuple(sorted({d for d in (*days, *new) if d >= horizon_day}))
