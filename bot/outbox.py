"""Outbox rows -> DMs, exactly once: claim with a lease, send, mark sent.

The sender is a protocol: replay prints, live sends real DMs (a later issue). A row whose
reason went away before it could be sent (a quiet person who came back) is cancelled.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from bot import policy
from bot.clock import US_PER_MINUTE, US_PER_SECOND
from bot.errors import (
    HeldByOperator,
    PermanentError,
    RateLimited,
    TransientError,
    UnreachableRecipient,
)
from bot.messages import catalog_for, render
from bot.policy import AT_ONCE_KINDS, DmKind
from bot.store import OutboxItem, PersonRow, Store

log = logging.getLogger(__name__)

# (kind, result, error): result is sent / failed / retried / cancelled / deferred
OnResult = Callable[[DmKind, str, Exception | None], None]


class Sender(Protocol):
    async def send(self, item: OutboxItem, person: PersonRow, now_us: int) -> str | None:
        """Deliver one DM; return the message id if the transport has one."""
        ...


@dataclass(frozen=True, slots=True)
class SendSettings:
    batch_size: int = 50
    lease_us: int = 5 * US_PER_MINUTE
    retry_base_us: int = 30 * US_PER_SECOND
    retry_cap_us: int = 60 * US_PER_MINUTE
    max_attempts: int = 8
    # Live senders mark each DM sent the moment it went out, narrowing the crash window;
    # replay's printing sender cannot crash between print and mark, so it marks per batch.
    mark_each: bool = True


@dataclass
class SendReport:
    sent: int = 0
    cancelled: int = 0
    retried: int = 0
    failed: int = 0
    deferred: int = 0


def still_wanted(item: OutboxItem, person: PersonRow | None, now_us: int) -> str | None:
    """Why a queued row should not go out any more, or None if it still should."""
    if person is None:
        return "person opted out"
    if not person.account_active:
        return f"account {person.account_status or 'inactive'}"
    if item.kind == DmKind.WELCOME:
        return None  # it answers their own follow
    if person.nudges_held_until_us is not None and person.nudges_held_until_us > now_us:
        return "held after a distress or crisis reply"
    if item.kind == DmKind.CHECKIN and person.paused_until_us == person.checkin_until_us:
        return None  # the pause is the check-in's own: it goes out first
    if person.paused_until_us is not None and person.paused_until_us > now_us:
        return "paused"
    if item.kind == DmKind.QUIET and (person.last_activity_us or 0) > int(item.episode):
        return "active again since the nudge was queued"
    return None


def in_their_language(item: OutboxItem, person: PersonRow) -> OutboxItem:
    """A welcome is queued at the follow, before their language is known (their history is
    read just after): it is written again in the language known when it goes."""
    if item.kind != DmKind.WELCOME or catalog_for(person.language).language == "en":
        return item
    message = render(
        DmKind.WELCOME,
        did=item.did,
        episode=item.episode,
        display_name=None,
        handle=None,
        last_variant=None,
        language=person.language,
    )
    return dataclasses.replace(item, variant=message.variant, text=message.text)


def retry_delay_us(attempts: int, settings: SendSettings, error: TransientError) -> int:
    if isinstance(error, RateLimited) and error.retry_after is not None:
        wait_us: int = int(error.retry_after * US_PER_SECOND)
        return max(wait_us, US_PER_SECOND)  # the server (or our budget) said when
    backoff: int = settings.retry_base_us << max(attempts - 1, 0)
    return min(backoff, settings.retry_cap_us)


class Outbox:
    def __init__(
        self,
        store: Store,
        sender: Sender,
        settings: SendSettings,
        worker: str,
        hours: policy.PolicySettings | None = None,
    ) -> None:
        self.store = store
        self.sender = sender
        self.settings = settings
        self.worker = worker
        self.hours = hours  # given: nudges wait for the person's daytime at send time too
        self.on_result: OnResult | None = None  # one call per row handled (metrics)

    async def send_due(self, now_us: int, limit: int | None = None) -> SendReport:
        """Send what is due, at most `limit` DMs (the pacing budget), claiming no more rows
        than can go out now — a claimed row waiting for budget would outlive its lease."""
        report = SendReport()
        budget = limit if limit is not None else 1 << 62  # no limit: everything due
        while budget > 0 and (
            items := await self.store.claim_due(
                now_us, min(self.settings.batch_size, budget), self.settings.lease_us, self.worker
            )
        ):
            budget -= len(items)
            persons = await self.store.people([item.did for item in items])
            delivered: list[tuple[int, str | None]] = []
            for item in items:
                await self._deliver(item, persons.get(item.did), now_us, report, delivered)
            await self.store.mark_sent_many(delivered, now_us)
            if len(items) < self.settings.batch_size:
                break
        return report

    async def _deliver(
        self,
        item: OutboxItem,
        person: PersonRow | None,
        now_us: int,
        report: SendReport,
        delivered: list[tuple[int, str | None]],
    ) -> None:
        why_not = still_wanted(item, person, now_us)
        if why_not is not None or person is None:
            await self.store.cancel(item.id, why_not or "gone", restore_rate_limit=True)
            report.cancelled += 1
            self._note(item.kind, "cancelled")
            return
        if self.hours is not None and item.kind not in AT_ONCE_KINDS:
            later = policy.next_send_us(person, now_us, self.hours)
            if later > now_us:
                await self.store.release(item.id, "outside their hours", later, count_attempt=False)
                report.deferred += 1
                self._note(item.kind, "deferred")
                return
        item = in_their_language(item, person)
        try:
            message_id = await self.sender.send(item, person, now_us)
        except UnreachableRecipient as exc:
            await self.store.update_person(item.did, unreachable_reason=exc.reason)
            await self.store.fail(item.id, str(exc))
            report.failed += 1
            self._note(item.kind, "failed", exc)
        except PermanentError as exc:
            await self.store.fail(item.id, f"{type(exc).__name__}: {exc}")
            report.failed += 1
            self._note(item.kind, "failed", exc)
        except HeldByOperator as exc:
            # paused by the operator: the row keeps its place and its attempts
            await self.store.release(item.id, str(exc), item.send_after_us, count_attempt=False)
            report.deferred += 1
            self._note(item.kind, "deferred")
        except RateLimited as exc:
            delay = retry_delay_us(item.attempts, self.settings, exc)
            await self.store.release(item.id, str(exc), now_us + delay, count_attempt=False)
            report.retried += 1
            self._note(item.kind, "retried", exc)
        except TransientError as exc:
            if item.attempts >= self.settings.max_attempts:
                await self.store.fail(item.id, f"gave up after {item.attempts} tries: {exc}")
                report.failed += 1
                self._note(item.kind, "failed", exc)
            else:
                delay = retry_delay_us(item.attempts, self.settings, exc)
                await self.store.release(item.id, str(exc), now_us + delay)
                report.retried += 1
                self._note(item.kind, "retried", exc)
        else:
            report.sent += 1
            self._note(item.kind, "sent")
            if self.settings.mark_each:
                await self.store.mark_sent(item.id, now_us, message_id)
            else:
                delivered.append((item.id, message_id))

    def _note(self, kind: DmKind, result: str, error: Exception | None = None) -> None:
        if self.on_result is not None:
            self.on_result(kind, result, error)
