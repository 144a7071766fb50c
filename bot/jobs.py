"""The jobs, as plain `async def job(now_us)` callables.

APScheduler triggers them live (bot/scheduler.py); replay drives the very same functions
from its simulated clock. Neither the jobs nor the policy read the clock themselves.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot import policy, policy_next
from bot.clock import US_PER_DAY, US_PER_HOUR
from bot.gcpace import fewer_collections
from bot.messages import render
from bot.outbox import Outbox, SendReport
from bot.store import NudgeRecord, NudgeUpdates, OutboxDraft, PersonRow, Store
from bot.store.triage import HELD_UNTIL_CLEARED

log = logging.getLogger(__name__)

DECIDE_SLICE = 250  # people decided between two turns of the event loop (~6 ms)


@dataclass
class EvaluationReport:
    examined: int = 0
    queued: int = 0
    kinds: Counter[policy.DmKind] = field(default_factory=Counter)  # queued nudges by kind


def decide(row: PersonRow, now_us: int, settings: policy.PolicySettings) -> NudgeRecord:
    """One person's evaluation: maybe a nudge (rendered now), always the next check time.

    The policy reads the row itself (`policy.PersonView`): no PersonState copy per person."""
    if row.unreachable_reason is not None:
        return NudgeRecord(row.did, None)  # until they re-follow or a re-check clears it
    held = row.nudges_held_until_us
    if held is not None and held > now_us:
        # a distress or crisis reply (bot/safety): looked at again when the hold ends, or
        # (a crisis) when the operator clears it, which makes them due at once
        return NudgeRecord(row.did, held if held < HELD_UNTIL_CLEARED else None)
    if checkin_due(row, now_us, settings):
        return _checkin(row, now_us, settings)
    next_eval = policy_next.next_evaluation_us(row, now_us, settings)
    # It is exact (tests/test_policy.py): `evaluate` decides on a nudge exactly when the next
    # check is now, so most people need only this one computation.
    if next_eval != now_us:
        return NudgeRecord(row.did, next_eval)
    decision = policy.evaluate(row, now_us, settings)
    if decision is None:
        return NudgeRecord(row.did, next_eval)
    kind = decision.kind
    message = render(
        decision.kind,
        did=row.did,
        episode=decision.episode,
        display_name=row.display_name,
        handle=row.handle,
        last_variant=row.last_variants.get(kind.value),
        language=row.language,
    )
    variants = {**row.last_variants, kind.value: message.variant}
    quiet_episode, promo_at = row.last_quiet_episode, row.last_promo_nudge_us
    if decision.kind is policy.DmKind.QUIET:
        quiet_episode = int(decision.episode)
    elif decision.kind is policy.DmKind.PROMO_ONLY:
        promo_at = now_us
    after = _AfterNudge(row, now_us, quiet_episode, promo_at)
    log.info("nudge %s for %s: %s", kind, row.did, decision.reason)
    draft = OutboxDraft(
        row.did, kind, decision.episode, message.variant, message.text, decision.send_after_us
    )
    return NudgeRecord(
        row.did,
        policy_next.next_evaluation_us(after, now_us, settings),
        draft,
        NudgeUpdates(now_us, quiet_episode, promo_at, variants),
        prev_last_nudge_us=row.last_nudge_us,
    )


class _AfterNudge:
    """The person as the policy sees them once this nudge is queued (a view over the row:
    cheaper than copying the row's 28 fields with `dataclasses.replace`)."""

    __slots__ = ("_row", "last_nudge_us", "last_promo_nudge_us", "last_quiet_episode")

    def __init__(
        self, row: PersonRow, nudged_us: int, quiet_episode: int | None, promo_at: int | None
    ) -> None:
        self._row = row
        self.last_nudge_us: int | None = nudged_us
        self.last_quiet_episode = quiet_episode
        self.last_promo_nudge_us = promo_at

    # the rest of `policy.PersonView`, as the row has it
    @property
    def did(self) -> str:
        return self._row.did

    @property
    def last_activity_us(self) -> int | None:
        return self._row.last_activity_us

    @property
    def active_days(self) -> Sequence[int]:
        return self._row.active_days

    @property
    def recent_posts(self) -> Sequence[policy.RecentPost]:
        return self._row.recent_posts

    @property
    def paused_until_us(self) -> int | None:
        return self._row.paused_until_us

    @property
    def account_active(self) -> bool:
        return self._row.account_active

    @property
    def frequency_days(self) -> int | None:
        return self._row.frequency_days

    @property
    def tz_name(self) -> str | None:
        return self._row.tz_name

    @property
    def hour_counts(self) -> Sequence[int]:
        return self._row.hour_counts

    @property
    def day_start_hour(self) -> int | None:
        return self._row.day_start_hour

    @property
    def day_end_hour(self) -> int | None:
        return self._row.day_end_hour


def checkin_due(row: PersonRow, now_us: int, settings: policy.PolicySettings) -> bool:
    """Several nudges in a row went unanswered: ask once whether they still want them."""
    paused = row.paused_until_us is not None and row.paused_until_us > now_us
    return row.unanswered_nudges >= settings.checkin_after_ignored and not paused


def _checkin(row: PersonRow, now_us: int, settings: policy.PolicySettings) -> NudgeRecord:
    kind = policy.DmKind.CHECKIN
    message = render(
        kind,
        did=row.did,
        episode=str(row.last_nudge_us),
        display_name=row.display_name,
        handle=row.handle,
        last_variant=row.last_variants.get(kind.value),
        language=row.language,
    )
    pause_until = now_us + settings.checkin_pause_days * US_PER_DAY
    send_after = policy.next_send_us(row, now_us, settings)
    draft = OutboxDraft(
        row.did, kind, str(row.last_nudge_us), message.variant, message.text, send_after
    )
    updates = NudgeUpdates(
        now_us,
        row.last_quiet_episode,
        row.last_promo_nudge_us,
        {**row.last_variants, kind.value: message.variant},
        pause_until_us=pause_until,
    )
    log.info("check-in for %s after %d unanswered nudges", row.did, row.unanswered_nudges)
    return NudgeRecord(row.did, pause_until, draft, updates, prev_last_nudge_us=row.last_nudge_us)


def _moved_past(record: NudgeRecord, now_us: int) -> NudgeRecord:
    """Every evaluated person's next check lies in the future, so evaluation always ends."""
    if record.next_eval_us is not None and record.next_eval_us <= now_us:
        log.warning("policy gave %s a next check not after now; retrying in an hour", record.did)
        return dataclasses.replace(record, next_eval_us=now_us + US_PER_HOUR)
    return record


class Jobs:
    def __init__(
        self,
        store: Store,
        outbox: Outbox,
        settings: policy.PolicySettings,
        page_size: int = 2000,
    ) -> None:
        self.store = store
        self.outbox = outbox
        self.settings = settings
        self.page_size = page_size
        self.on_evaluated: Callable[[EvaluationReport], None] | None = None  # metrics

    async def evaluate(self, now_us: int) -> EvaluationReport:
        report = EvaluationReport()
        with fewer_collections():
            await self._evaluate_pages(now_us, report)
        if self.on_evaluated is not None:
            self.on_evaluated(report)
        return report

    async def _evaluate_pages(self, now_us: int, report: EvaluationReport) -> None:
        """Decide a page while the previous page's outcomes are written: the database's work
        (in its driver's thread or server) overlaps the deciding, which is Python's. The next
        page is read before that write starts (the two would compete for the GIL, row by row)
        and leaves out the people still to be written, so nobody is decided twice."""
        settings = self.settings
        horizon = policy_next.posts_horizon_us(now_us, settings)

        def posts_matter(posts: int, promos: int) -> bool:
            # posts that cannot make a promo window hold from now on change no outcome
            return policy_next.promo_may_hold(posts, promos, settings)

        async def read(skip: list[str]) -> list[PersonRow]:
            return await self.store.people_due(
                now_us, self.page_size, horizon, posts_matter, skip=skip
            )

        writing: asyncio.Task[int] | None = None
        try:
            page = await read([])
            while page:
                records = await self._decide_page(page, now_us)
                report.examined += len(records)
                report.kinds.update(r.draft.kind for r in records if r.draft is not None)
                if writing is not None:
                    report.queued += await writing  # one page in flight: writes stay in order
                    writing = None
                last = len(page) < self.page_size
                page = [] if last else await read([r.did for r in records])
                writing = asyncio.create_task(self.store.record_evaluations(records, now_us))
        finally:
            if writing is not None:
                report.queued += await writing

    async def _decide_page(self, page: list[PersonRow], now_us: int) -> list[NudgeRecord]:
        """Decided in slices with a turn of the event loop between them: the write in flight
        moves on to its next statement (and the service's other tasks get a turn)."""
        settings = self.settings
        records: list[NudgeRecord] = []
        for start in range(0, len(page), DECIDE_SLICE):
            part = page[start : start + DECIDE_SLICE]
            records += [_moved_past(decide(row, now_us, settings), now_us) for row in part]
            await asyncio.sleep(0)
        return records

    async def send(self, now_us: int) -> SendReport:
        return await self.outbox.send_due(now_us)

    async def prune(self, now_us: int) -> int:
        return await self.store.prune(now_us)

    async def evaluate_due(self, now_us: int) -> EvaluationReport | None:
        """The live service's minutely `evaluate`: only when the store says someone's next
        check has come (None otherwise)."""
        next_eval, _ = await self.store.wakeups()
        report = await self._evaluate_if_due(next_eval, now_us)
        if report is not None and report.queued:
            log.info("evaluated %d people, %d nudges queued", report.examined, report.queued)
        return report

    async def tick(self, now_us: int) -> None:
        """What the hourly schedule does: decide, then send whatever is due (skipping a phase
        the store says has no work)."""
        next_eval, next_send = await self.store.wakeups()
        report = await self._evaluate_if_due(next_eval, now_us)
        if (report is not None and report.queued) or (
            next_send is not None and next_send <= now_us
        ):
            await self.send(now_us)

    async def _evaluate_if_due(self, next_eval: int | None, now_us: int) -> EvaluationReport | None:
        if next_eval is None or next_eval > now_us:
            return None
        return await self.evaluate(now_us)
