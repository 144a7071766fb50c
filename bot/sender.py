"""The live sender: outbox rows -> real DMs, exactly once and paced.

Exactly once: the outbox claims a row with a lease before the call and marks it sent right
after. A crash in between leaves a claimed row whose lease runs out; whoever claims it next
(attempt 2+) first looks at the conversation's recent messages, and a message from the bot with
that very text means it already went out: the row is marked sent without sending again.

Pacing: `DmBudget` decides how many rows the send job may claim; a 429 stops every DM until the
server's reset (or our own backoff), not just the one that hit it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

from bot.chat.client import REACHABILITY_ERRORS
from bot.clock import US_PER_SECOND
from bot.errors import (
    HeldByOperator,
    PermanentError,
    RateLimited,
    TransientError,
    UnreachableRecipient,
)
from bot.faults import FaultHook, no_fault
from bot.outbox import Outbox
from bot.pacing import DmBudget
from bot.policy import UNASKED_KINDS
from bot.store import OutboxItem, PersonRow, Store

log = logging.getLogger(__name__)

LOOKBACK_MESSAGES = 50


class ConvoView(Protocol):
    @property
    def id(self) -> str: ...


class MessageView(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def sender_did(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def sent_at_us(self) -> int: ...


class ChatPort(Protocol):
    """What sending needs from the chat edge (bot.chat.ChatClient fits)."""

    async def convo_with(self, did: str) -> ConvoView: ...

    async def send(self, convo_id: str, text: str) -> MessageView: ...

    async def recent_messages(self, convo_id: str, limit: int = 30) -> Sequence[MessageView]: ...


class ChatSender:
    """`outbox.Sender` over the chat API. `dry_run` logs each DM instead of sending it."""

    def __init__(
        self,
        chat: ChatPort,
        store: Store,
        bot_did: str,
        budget: DmBudget,
        *,
        dry_run: bool = False,
        fault: FaultHook = no_fault,
        paused: Callable[[], Awaitable[bool]] | None = None,
    ) -> None:
        self.chat = chat
        self.paused = paused  # the operator's global pause (bot/operator.py)
        self.store = store
        self.bot_did = bot_did
        self.budget = budget
        self.dry_run = dry_run
        self.recovered = 0  # rows found already delivered after a crash
        self.fault = fault  # tests only (bot/faults.py): where to die, like a SIGKILL would

    async def send(self, item: OutboxItem, person: PersonRow, now_us: int) -> str | None:
        if self.paused is not None and await self.paused():
            raise HeldByOperator("paused by the operator")
        if self.dry_run:
            log.info("DRY_RUN: would send %s to %s: %r", item.kind, item.did, item.text)
            return None
        hold_if_paused(self.budget, now_us)  # a 429 earlier in this batch holds for all
        self.fault("after-claim")
        convo_id = await self._convo(person)
        if item.attempts > 1:
            earlier = await already_said(self.chat, self.bot_did, convo_id, item.text)
            if earlier is not None:
                self.recovered += 1
                log.info("%s DM to %s was sent before a restart: not again", item.kind, item.did)
                return earlier
        try:
            message = await send_in_budget(self.chat, self.budget, convo_id, item.text, now_us)
        except PermanentError as exc:
            if exc.error_name == "InvalidConvo":
                # the conversation is gone (left, deleted): find or start it again next time
                await self.store.set_convo(item.did, None)
                raise TransientError(f"conversation {convo_id} is gone") from exc
            if exc.error_name in REACHABILITY_ERRORS:
                # they turned DMs off mid-conversation: recorded as unreachable (a re-follow
                # or the weekly re-check tries again), not a silently failed row
                raise UnreachableRecipient(item.did, exc.error_name) from exc
            raise
        self.fault("after-send")
        log.info("sent %s DM to %s", item.kind, item.did)
        if item.kind in UNASKED_KINDS:
            await self.store.note_nudge_sent(item.did)
        return message.id

    async def _convo(self, person: PersonRow) -> str:
        if person.convo_id:
            return person.convo_id
        convo = await self.chat.convo_with(person.did)  # unreachable people raise here
        await self.store.set_convo(person.did, convo.id)
        return convo.id


async def already_said(
    chat: ChatPort, bot_did: str, convo_id: str, text: str, since_us: int = 0
) -> str | None:
    """The id of a message in which the bot already said `text` (since `since_us`): what makes
    a send after a crash safe to repeat."""
    for message in await chat.recent_messages(convo_id, LOOKBACK_MESSAGES):
        mine = message.sender_did == bot_did and message.text == text
        if mine and message.sent_at_us >= since_us:
            return message.id
    return None


def hold_if_paused(budget: DmBudget, now_us: int) -> None:
    """No DM at all while the budget is paused by a 429."""
    if now_us < budget.paused_until_us:
        wait_s = (budget.paused_until_us - now_us) / US_PER_SECOND
        raise RateLimited("holding DMs after the chat service's 429", retry_after=wait_s)


async def send_in_budget(
    chat: ChatPort, budget: DmBudget, convo_id: str, text: str, now_us: int
) -> MessageView:
    """Send and spend from the budget; a 429 pauses the budget and says until when."""
    try:
        message = await chat.send(convo_id, text)
    except RateLimited as exc:
        resume = budget.pushback(now_us, exc.retry_after)
        wait_s = (resume - now_us) / US_PER_SECOND
        log.warning("chat said 429: no DMs for %.0f s (%s)", wait_s, exc)
        raise RateLimited(str(exc), retry_after=wait_s) from exc
    budget.spend(now_us)
    return message


async def send_paced(outbox: Outbox, budget: DmBudget, now_us: int) -> int:
    """The send job: as many due rows as the budget allows now. Returns how many went out."""
    allowed = budget.available(now_us)
    if allowed == 0:
        return 0
    report = await outbox.send_due(now_us, limit=allowed)
    return report.sent
