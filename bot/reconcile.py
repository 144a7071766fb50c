"""Reconciliation: the bot's real followers (the AppView's listing) against what the store
believes, so an opt-in or opt-out missed while the bot was down is repaired.

The plan is pure; the events it becomes go through the ordinary pipeline (opt-in with its
welcome, opt-out with its purge), so reconciliation has no write path of its own. This module
never imports the SDK: the listing arrives as plain data through `ListFollowers`.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from bot.clock import US_PER_HOUR, Clock
from bot.errors import NudgebotError
from bot.events import Event, FollowCreated, FollowDeleted
from bot.store.types import KnownFollower

log = logging.getLogger(__name__)

__all__ = [
    "FollowerListing",
    "KnownFollower",
    "KnownFollowers",
    "ListFollowers",
    "PutEvents",
    "ReconcileLoop",
    "ReconcilePlan",
    "ReconcileReport",
    "Reconciler",
    "plan_reconciliation",
    "reconciliation_events",
]

# The AppView indexes a follow about a second after it happens here, minutes at worst in
# production; an hour keeps a live opt-in safe from a listing that has not caught up yet.
DEFAULT_GRACE_US = US_PER_HOUR
RETRY_S = 300.0  # after a failed pass: sooner than the interval, not in a tight loop


@dataclass(frozen=True, slots=True)
class ReconcilePlan:
    """What to change. Pairs are (DID, follow rkey); opt-outs carry the rkey the store holds,
    because the pipeline only honours an unfollow of the follow it knows."""

    opt_ins: list[tuple[str, str]] = field(default_factory=list)
    opt_outs: list[tuple[str, str]] = field(default_factory=list)
    refused: str | None = None
    skipped_no_rkey: int = 0
    in_grace: int = 0  # unlisted but opted in too recently to trust their absence


def _opt_ins(
    followers: Mapping[str, str | None], known: Mapping[str, KnownFollower]
) -> tuple[list[tuple[str, str]], int]:
    """Followers the store lacks or holds with another rkey; those without an rkey are counted,
    never guessed (an opt-out must later match the real record)."""
    opt_ins: list[tuple[str, str]] = []
    skipped = 0
    for did, rkey in sorted(followers.items()):
        if rkey is None:
            skipped += 1
            continue
        stored = known.get(did)
        if stored is None or stored.follow_rkey != rkey:
            opt_ins.append((did, rkey))
    return opt_ins, skipped


def _opt_outs(
    followers: Mapping[str, str | None], known: Mapping[str, KnownFollower], grace_from_us: int
) -> tuple[list[tuple[str, str]], int]:
    """Stored people the listing lacks, except those who opted in after `grace_from_us`."""
    opt_outs: list[tuple[str, str]] = []
    in_grace = 0
    for did, stored in sorted(known.items()):
        if did in followers:
            continue
        if stored.opted_in_us >= grace_from_us:
            in_grace += 1
        else:
            opt_outs.append((did, stored.follow_rkey))
    return opt_outs, in_grace


def plan_reconciliation(
    followers: Mapping[str, str | None],
    complete: bool,
    known: Mapping[str, KnownFollower],
    *,
    started_us: int,
    grace_us: int,
    max_drop_fraction: float = 0.5,
    min_drop_guard: int = 10,
) -> ReconcilePlan:
    """Compare the listing (`followers`: DID -> rkey or None) with the store's `known` people.

    Opt-outs need a complete listing, spare anyone opted in at or after `started_us -
    grace_us` (the AppView lags), and are refused as a whole when they would drop more than
    `max_drop_fraction` of the known people and more than `min_drop_guard` of them: a broken
    AppView answering with nobody must not purge everyone. Opt-ins always go ahead.
    """
    opt_ins, skipped = _opt_ins(followers, known)
    if not complete:
        return ReconcilePlan(opt_ins, [], None, skipped, 0)
    opt_outs, in_grace = _opt_outs(followers, known, started_us - grace_us)
    drops = len(opt_outs)
    if drops > min_drop_guard and drops > max_drop_fraction * len(known):
        refused = (
            f"{drops} of {len(known)} opted-in people are missing from the followers listing "
            f"(more than {max_drop_fraction:.0%} and more than {min_drop_guard}): "
            "not trusting it to opt them out"
        )
        return ReconcilePlan(opt_ins, [], refused, skipped, in_grace)
    return ReconcilePlan(opt_ins, opt_outs, None, skipped, in_grace)


def reconciliation_events(plan: ReconcilePlan, bot_did: str, now_us: int) -> list[Event]:
    """The plan as the events the pipeline already understands: a follow of the bot for each
    opt-in, the delete of the stored follow for each opt-out."""
    events: list[Event] = [FollowDeleted(did, now_us, rkey) for did, rkey in plan.opt_outs]
    events.extend(FollowCreated(did, now_us, rkey, subject=bot_did) for did, rkey in plan.opt_ins)
    return events


# --- the orchestrator -----------------------------------------------------------------------


class FollowerListing(Protocol):
    """The edge's listing as plain data (bot.sources.followers.FollowerList fits)."""

    @property
    def follows(self) -> Mapping[str, str | None]: ...

    @property
    def complete(self) -> bool: ...


class ListFollowers(Protocol):
    """Pages through the followers of `bot_did` (e.g. bot.sources.followers.list_followers
    with the client bound)."""

    def __call__(self, bot_did: str, /) -> Awaitable[FollowerListing]: ...


class KnownFollowers(Protocol):
    """The part of the store reconciliation reads (bot.store.Store fits)."""

    async def load_opted_in_details(self) -> Mapping[str, KnownFollower]: ...


PutEvents = Callable[[Sequence[Event]], Awaitable[None]]
ConfirmFollow = Callable[[str, str], Awaitable[bool]]
"""(did, rkey) -> whether that follow record of the bot still exists in the person's own repo.
The AppView indexes with a lag: a person who just unfollowed may still be listed, and must not
be signed up again."""


@dataclass(frozen=True, slots=True)
class ReconcileReport:
    followers: int
    complete: bool
    opt_ins: int
    opt_outs: int
    skipped_no_rkey: int
    in_grace: int
    refused: str | None
    unconfirmed: int = 0  # listed by the AppView, but the follow record is gone (or unreadable)

    def summary(self) -> str:
        listing = "complete" if self.complete else "INCOMPLETE (no opt-outs)"
        text = (
            f"reconciliation: {self.followers} followers ({listing}), {self.opt_ins} opt-ins, "
            f"{self.opt_outs} opt-outs, {self.skipped_no_rkey} without rkey skipped, "
            f"{self.in_grace} recent opt-ins spared, {self.unconfirmed} unconfirmed"
        )
        return text if self.refused is None else f"{text}; opt-outs REFUSED: {self.refused}"


class Reconciler:
    """One pass: list the followers, read the store, plan, hand the events to `put`."""

    def __init__(
        self,
        list_followers: ListFollowers,
        store: KnownFollowers,
        put: PutEvents,
        bot_did: str,
        *,
        grace_us: int = DEFAULT_GRACE_US,
        max_drop_fraction: float = 0.5,
        min_drop_guard: int = 10,
        confirm: ConfirmFollow | None = None,
    ) -> None:
        self.list_followers = list_followers
        self.confirm = confirm
        self.store = store
        self.put = put
        self.bot_did = bot_did
        self.grace_us = grace_us
        self.max_drop_fraction = max_drop_fraction
        self.min_drop_guard = min_drop_guard

    async def run_once(self, now_us: int) -> ReconcileReport:
        """Errors of the listing propagate (already mapped by the edge); nothing is put then."""
        listing = await self.list_followers(self.bot_did)
        # read after the listing: whoever opted in meanwhile is then known and, being recent,
        # spared by the grace period rather than missing from the snapshot
        known = await self.store.load_opted_in_details()
        plan = plan_reconciliation(
            listing.follows,
            listing.complete,
            known,
            started_us=now_us,
            grace_us=self.grace_us,
            max_drop_fraction=self.max_drop_fraction,
            min_drop_guard=self.min_drop_guard,
        )
        unconfirmed = 0
        if self.confirm is not None and plan.opt_ins:
            confirmed = await self._confirmed(plan.opt_ins)
            unconfirmed = len(plan.opt_ins) - len(confirmed)
            plan = dataclasses.replace(plan, opt_ins=confirmed)
        events = reconciliation_events(plan, self.bot_did, now_us)
        if events:
            await self.put(events)
        report = ReconcileReport(
            followers=len(listing.follows),
            complete=listing.complete,
            opt_ins=len(plan.opt_ins),
            opt_outs=len(plan.opt_outs),
            skipped_no_rkey=plan.skipped_no_rkey,
            in_grace=plan.in_grace,
            refused=plan.refused,
            unconfirmed=unconfirmed,
        )
        level = logging.WARNING if plan.refused or not listing.complete else logging.INFO
        log.log(level, "%s", report.summary())
        return report

    async def _confirmed(self, opt_ins: list[tuple[str, str]]) -> list[tuple[str, str]]:
        assert self.confirm is not None
        kept = []
        for did, rkey in opt_ins:
            try:
                if await self.confirm(did, rkey):
                    kept.append((did, rkey))
            except NudgebotError as exc:  # unreadable now: the next pass tries again
                log.info("reconciliation: cannot confirm %s's follow now: %s", did, exc)
        return kept


class ReconcileLoop:
    """A pass every `interval_s`, and at once when `asked` is set (a source lost its cursor,
    a `start` needs their follow record); a pass that failed with expected trouble is tried
    again after `retry_s` at most. Other errors end it (its supervisor reports them)."""

    def __init__(
        self,
        reconcile: Callable[[int], Awaitable[object]],
        clock: Clock,
        asked: asyncio.Event,
        interval_s: float,
        retry_s: float = RETRY_S,
    ) -> None:
        self.reconcile = reconcile  # one pass: `Reconciler.run_once`
        self.clock = clock
        self.asked = asked
        self.interval_s = interval_s
        self.retry_s = retry_s

    async def run(self) -> None:
        while True:
            self.asked.clear()
            wait = self.interval_s
            try:
                await self.reconcile(self.clock.now_us())
            except NudgebotError as exc:  # expected trouble: say so, try again sooner
                wait = min(self.interval_s, self.retry_s)
                log.warning("reconciliation failed (%s); next try in %.0f s", exc, wait)
            # not wait_for: on 3.11 it swallows a cancel that meets an ask (a source losing
            # its cursor while the service stops), and the service would never stop
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(wait):
                    await self.asked.wait()
