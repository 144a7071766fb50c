"""Events -> one store transaction per batch: opt-in/out, classified activity, aggregates, cursor.

The pipeline keeps the opted-in set in memory (DID -> the rkey of their follow of the bot,
because an unfollow arrives as a delete that carries only the rkey).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from bot import policy, policy_next
from bot.aggregates import Aggregates
from bot.classify import PromoVerdict
from bot.events import (
    AccountChanged,
    ActivityKind,
    BlockCreated,
    BlockDeleted,
    EngagementCreated,
    EngagementDeleted,
    Event,
    FollowCreated,
    FollowDeleted,
    HistoryLoaded,
    IdentityChanged,
    OtherRecordCreated,
    PostCreated,
    PostDeleted,
    ProfileChanged,
    StopRequested,
)
from bot.messages import render
from bot.shared import IngestOutcome
from bot.store import AccountState, ActivityRow, IngestBatch, OptIn, OutboxDraft, PersonRow, Store
from bot.store.types import Contact

log = logging.getLogger(__name__)

Classifier = Callable[[Mapping[str, Any]], PromoVerdict]

# short collection codes for the activity table; other known collections keep their NSID
POST, LIKE, REPOST, FOLLOW, BLOCK = "post", "like", "repost", "follow", "block"
PROFILE = "app.bsky.actor.profile"
_ENGAGEMENT_CODES = {ActivityKind.LIKE: LIKE, ActivityKind.REPOST: REPOST}
_GONE_STATUSES = frozenset({"deleted"})


def person_state(row: PersonRow) -> policy.PersonState:
    """The store's row as the policy sees it."""
    return policy.PersonState(
        did=row.did,
        opted_in_us=row.opted_in_us,
        last_activity_us=row.last_activity_us,
        active_days=tuple(row.active_days),
        recent_posts=tuple(row.recent_posts),
        paused_until_us=row.paused_until_us,
        account_active=row.account_active,
        last_nudge_us=row.last_nudge_us,
        last_quiet_episode=row.last_quiet_episode,
        last_promo_nudge_us=row.last_promo_nudge_us,
        frequency_days=row.frequency_days,
        tz_name=row.tz_name,
        hour_counts=tuple(row.hour_counts),
        day_start_hour=row.day_start_hour,
        day_end_hour=row.day_end_hour,
    )


class Pipeline:
    def __init__(
        self,
        store: Store,
        bot_did: str,
        classifier: Classifier,
        settings: policy.PolicySettings,
        welcome_wait_us: int = 0,
    ) -> None:
        self.store = store
        self.bot_did = bot_did
        self.classify = classifier
        self.settings = settings
        # how long a welcome may wait for the history read that tells their language (the
        # store sends it as soon as the read is committed); 0 where no history is read
        self.welcome_wait_us = welcome_wait_us
        self.opted: dict[str, str] = {}
        self._batch = IngestBatch()
        self._outcome = IngestOutcome()
        self._urgent = False
        self._stale = False

    async def start(self, now_us: int | None = None) -> None:
        """Load who is opted in; with `now_us` (the service), also re-check everyone at the
        next evaluation if the policy settings changed since the next checks were computed."""
        self.opted = await self.store.load_opted_in()
        if now_us is not None:
            fingerprint = policy_next.settings_fingerprint(self.settings)
            moved = await self.store.recheck_if_policy_changed(fingerprint, now_us)
            if moved is not None:
                log.info("policy settings are new here: %d next checks moved to now", moved)
        log.info("pipeline ready: %d people opted in", len(self.opted))

    def discard(self) -> None:
        """Drop the open batch (its commit failed midway); `resync` must run before the next."""
        self._batch, self._outcome = IngestBatch(), IngestOutcome()
        self._urgent = False
        self._stale = True

    async def resync(self) -> None:
        """After a failed commit, reload the opted-in set from the database before routing
        anything again; a database still down leaves it marked stale for the next try."""
        if self._stale:
            self.opted = await self.store.load_opted_in()
            self._stale = False

    def next_eval(
        self, now_us: int, outcome: IngestOutcome | None = None
    ) -> Callable[[Aggregates], int | None]:
        """The store's hook for each touched person; notes the earliest answer in `outcome`."""

        def compute(aggs: Aggregates) -> int | None:
            due = policy_next.earliest_check_us(
                aggs.last_activity_us, aggs.recent_posts, now_us, self.settings
            )
            if outcome is not None and due is not None:
                earliest = outcome.earliest_check_us
                outcome.earliest_check_us = due if earliest is None else min(earliest, due)
            return due

        return compute

    def add(self, event: Event) -> None:
        """Route one event into the open batch; the opted-in set changes at once."""
        self._route(event, self._batch, self._outcome)

    @property
    def pending(self) -> bool:
        return not self._batch.is_empty()

    @property
    def pending_is_urgent(self) -> bool:
        """Whether the open batch holds something a job must see before it runs: an opt-in or
        out (welcomes go out at once) or a promotional post (it can make someone due now)."""
        return self._urgent

    async def flush(self, now_us: int, cursors: Mapping[str, int] | None = None) -> IngestOutcome:
        """Commit the open batch and the source cursors it reaches as one transaction."""
        batch, outcome = self._batch, self._outcome
        batch.cursors = dict(cursors or {})
        self._batch, self._outcome = IngestBatch(), IngestOutcome()
        self._urgent = False
        if batch.is_empty():
            return outcome
        try:
            outcome.welcomed = await self.store.apply(
                batch, now_us, self.next_eval(now_us, outcome)
            )
        except BaseException:
            # the batch is lost with its transaction: the set must match the database again
            self._stale = True
            with contextlib.suppress(Exception):  # the caller sees the first error, not this
                await self.resync()
            raise
        if batch.refused:
            self._refused(batch.refused, outcome)
        outcome.activities = len(batch.activities)
        outcome.histories = list(batch.histories)
        return outcome

    def _refused(self, refused: set[str], outcome: IngestOutcome) -> None:
        """The store refused these opt-ins (they said `stop` on this very follow): not
        watched after all — sources that began watching at the follow learn it as opt-outs."""
        for did in refused:
            self.opted.pop(did, None)
        outcome.opted_in = [did for did in outcome.opted_in if did not in refused]
        outcome.opted_out.extend(sorted(refused))

    async def ingest(
        self, events: Iterable[Event], now_us: int, cursors: Mapping[str, int] | None = None
    ) -> IngestOutcome:
        """Add events in order and commit them as one transaction."""
        for event in events:
            self.add(event)
        return await self.flush(now_us, cursors)

    def _route(self, event: Event, batch: IngestBatch, outcome: IngestOutcome) -> None:
        did = event.did
        match event:
            case FollowCreated(subject=subject) if subject == self.bot_did:
                self._opt_in(event, batch, outcome)
            case FollowDeleted(rkey=rkey) if self.opted.get(did) == rkey:
                self._opt_out(did, batch, outcome)
            case BlockCreated(subject=subject) if subject == self.bot_did:
                if did in self.opted:
                    self._opt_out(did, batch, outcome)
            case AccountChanged(status=status) if did in self.opted and status in _GONE_STATUSES:
                self._opt_out(did, batch, outcome)
            case StopRequested(reason=reason):
                follow_rkey = self.opted.get(did)
                if follow_rkey is not None:
                    self._opt_out(did, batch, outcome)
                batch.tombstones[did] = (follow_rkey, reason)
            case _ if did in self.opted:
                self._record(event, batch)

    def _opt_in(self, event: FollowCreated, batch: IngestBatch, outcome: IngestOutcome) -> None:
        did = event.did
        self._urgent = True
        if self.opted.get(did) == event.rkey:
            return  # the same follow seen twice
        fresh = did not in self.opted
        self.opted[did] = event.rkey
        batch.opt_ins[did] = OptIn(did, event.rkey, event.time_us)
        if fresh:
            outcome.opted_in.append(did)
            episode = str(event.time_us)
            message = render(
                policy.DmKind.WELCOME,
                did=did,
                episode=episode,
                display_name=None,
                handle=None,
                last_variant=None,
            )
            batch.welcomes[did] = OutboxDraft(
                did,
                policy.DmKind.WELCOME,
                episode,
                message.variant,
                message.text,
                event.time_us + self.welcome_wait_us,
            )
        # the follow itself is public activity too
        batch.activities.append(
            ActivityRow(did, FOLLOW, event.rkey, "follow", event.time_us, target_did=self.bot_did)
        )

    def _opt_out(self, did: str, batch: IngestBatch, outcome: IngestOutcome) -> None:
        self._urgent = True
        del self.opted[did]
        batch.forget(did)
        batch.opt_outs.add(did)
        outcome.opted_out.append(did)

    def _contacts(self, event: PostCreated, batch: IngestBatch) -> None:
        """Whom the post addressed, for "stay in touch" (the store keeps them only for people
        who turned it on): the replied-to, quoted and mentioned accounts, not the bot."""
        friends = {event.reply_parent_did, event.quote_did, *event.mention_dids}
        friends.difference_update((None, event.did, self.bot_did))
        for friend in sorted(f for f in friends if f is not None):
            batch.contacts.append(Contact(event.did, event.rkey, friend, event.time_us))

    def _record(self, event: Event, batch: IngestBatch) -> None:
        match event:
            case PostCreated():
                verdict = self.classify(event.record)
                promotional = verdict.counts_toward_share
                self._urgent = self._urgent or promotional
                target = event.reply_parent_did or event.quote_did
                batch.activities.append(
                    ActivityRow(
                        event.did,
                        POST,
                        event.rkey,
                        event.kind.value,
                        event.time_us,
                        promotional,
                        verdict.score,
                        target,
                        event.replies_to_other,
                        event.language,
                    )
                )
                self._contacts(event, batch)
            case EngagementCreated(kind=kind):
                batch.activities.append(
                    ActivityRow(
                        event.did,
                        _ENGAGEMENT_CODES[kind],
                        event.rkey,
                        kind.value,
                        event.time_us,
                        target_did=event.subject_did,
                    )
                )
            case FollowCreated() | BlockCreated():
                code = FOLLOW if isinstance(event, FollowCreated) else BLOCK
                batch.activities.append(
                    ActivityRow(
                        event.did, code, event.rkey, code, event.time_us, target_did=event.subject
                    )
                )
            case OtherRecordCreated():
                batch.activities.append(
                    ActivityRow(
                        event.did,
                        event.collection,
                        event.rkey,
                        ActivityKind.OTHER.value,
                        event.time_us,
                    )
                )
            case PostDeleted():
                batch.deletions.append((event.did, POST, event.rkey))
            case EngagementDeleted(kind=kind):
                batch.deletions.append((event.did, _ENGAGEMENT_CODES[kind], event.rkey))
            case FollowDeleted() | BlockDeleted():
                code = FOLLOW if isinstance(event, FollowDeleted) else BLOCK
                batch.deletions.append((event.did, code, event.rkey))
            case ProfileChanged():
                batch.display_names[event.did] = event.display_name
                if event.created:
                    batch.activities.append(
                        ActivityRow(
                            event.did, PROFILE, event.rkey, ActivityKind.OTHER.value, event.time_us
                        )
                    )
            case IdentityChanged():
                batch.handles[event.did] = event.handle
            case AccountChanged():
                batch.accounts[event.did] = AccountState(event.active, event.status)
            case HistoryLoaded():
                batch.histories[event.did] = event.time_us
