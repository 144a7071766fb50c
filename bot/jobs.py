"""The jobs, as plain `async def job(now_us)` callables.

APScheduler triggers them live (bot/scheduler.py); replay drives the very same functions
from its simulated clock. Neither the jobs nor the policy read the clock themselves.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Any

from bot import policy
from bot.messages import render
from bot.outbox import Outbox, SendReport
from bot.pipeline import person_state
from bot.store import NudgeRecord, OutboxDraft, PersonRow, Store

log = logging.getLogger(__name__)


@dataclass
class EvaluationReport:
    examined: int = 0
    queued: int = 0


def decide(row: PersonRow, now_us: int, settings: policy.PolicySettings) -> NudgeRecord:
    """One person's evaluation: maybe a nudge (rendered now), always the next check time."""
    state = person_state(row)
    if row.unreachable_reason is not None:
        return NudgeRecord(row.did, None)  # until they re-follow or a re-check clears it
    decision = policy.evaluate(state, now_us, settings)
    if decision is None:
        return NudgeRecord(row.did, policy.next_evaluation_us(state, now_us, settings))
    kind = decision.kind.value
    message = render(
        decision.kind,
        did=row.did,
        episode=decision.episode,
        display_name=row.display_name,
        handle=row.handle,
        last_variant=row.last_variants.get(kind),
        language=row.language,
    )
    updates: dict[str, Any] = {
        "last_nudge_us": now_us,
        "last_variants": {**row.last_variants, kind: message.variant},
    }
    after = dataclasses.replace(state, last_nudge_us=now_us)
    if decision.kind is policy.NudgeKind.QUIET:
        updates["last_quiet_episode"] = int(decision.episode)
        after = dataclasses.replace(after, last_quiet_episode=int(decision.episode))
    elif decision.kind is policy.NudgeKind.PROMO_ONLY:
        updates["last_promo_nudge_us"] = now_us
        after = dataclasses.replace(after, last_promo_nudge_us=now_us)
    log.info("nudge %s for %s: %s", kind, row.did, decision.reason)
    draft = OutboxDraft(
        row.did, kind, decision.episode, message.variant, message.text, decision.send_after_us
    )
    return NudgeRecord(row.did, policy.next_evaluation_us(after, now_us, settings), draft, updates)


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

    async def evaluate(self, now_us: int) -> EvaluationReport:
        report = EvaluationReport()
        after = ""
        while page := await self.store.people_due(now_us, self.page_size, after):
            records = [decide(row, now_us, self.settings) for row in page]
            report.examined += len(page)
            report.queued += await self.store.record_evaluations(records, now_us)
            after = page[-1].did
        return report

    async def send(self, now_us: int) -> SendReport:
        return await self.outbox.send_due(now_us)

    async def prune(self, now_us: int) -> int:
        return await self.store.prune(now_us)

    async def tick(self, now_us: int) -> None:
        """What the hourly schedule does: decide, then send whatever is due."""
        await self.evaluate(now_us)
        await self.send(now_us)
