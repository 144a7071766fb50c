"""The DM side of the running service: chat client, budget, sender, replies, re-checks.

Built once at startup (after the session): a login without DM access stops the service here
with instructions, before anything is sent.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.chat import ChatClient, ChatMessage, Convo, LogEntry
from bot.clock import US_PER_DAY, US_PER_SECOND, Clock
from bot.config import Settings
from bot.errors import AuthError, NudgebotError
from bot.faults import FaultHook, no_fault
from bot.outbox import Outbox, SendSettings
from bot.pacing import DmBudget
from bot.replies import PutEvents, Replies
from bot.safety.desk import Desk
from bot.safety.resources import load_resources
from bot.sender import ChatSender, send_paced
from bot.stay_in_touch import StayInTouch
from bot.store import Store
from bot.supervise import ErrorSink

log = logging.getLogger(__name__)

RECHECK_AFTER_US = 7 * US_PER_DAY  # "unreachable" is looked at again weekly
RECHECKS_PER_RUN = 50


class DryRunChat:
    """The real chat client for reading; sending only logs (DRY_RUN=true). What replies and
    the desk call, each by name (`ChatLogPort`, `DeskChat`), so mypy sees every use."""

    def __init__(self, chat: ChatClient, clock: Clock) -> None:
        self._chat = chat
        self._clock = clock

    async def log(self, cursor: str | None) -> tuple[str | None, list[LogEntry]]:
        return await self._chat.log(cursor)

    async def convo_with(self, did: str) -> Convo:
        return await self._chat.convo_with(did)

    async def accept(self, convo_id: str) -> None:
        await self._chat.accept(convo_id)

    async def recent_messages(self, convo_id: str, limit: int = 30) -> list[ChatMessage]:
        return await self._chat.recent_messages(convo_id, limit)

    async def send(self, convo_id: str, text: str) -> ChatMessage:
        log.info("DRY_RUN: would reply in %s: %r", convo_id, text)
        now = self._clock.now_us()
        return ChatMessage(f"dry-{now}", convo_id, self._chat.bot_did, text, now, "")


@dataclass
class DmService:
    chat: ChatClient
    store: Store
    budget: DmBudget
    sender: ChatSender
    outbox: Outbox
    replies: Replies
    clock: Clock

    @classmethod
    async def start(
        cls,
        settings: Settings,
        store: Store,
        client: Any,
        bot_did: str,
        clock: Clock,
        sink: ErrorSink,
        put: PutEvents,
        on_start: Callable[[], None],
        paused: Callable[[], Awaitable[bool]] | None = None,
        fault: FaultHook = no_fault,
        friends: StayInTouch | None = None,
    ) -> DmService:
        chat = ChatClient(client, bot_did)
        await _check_access(chat, settings.dry_run)
        now = clock.now_us()
        budget = DmBudget.from_history(
            await store.sent_times(now - US_PER_DAY),
            now,
            per_minute=settings.dm_per_minute,
            per_day=settings.dm_per_day,
            backoff_start_us=int(settings.dm_backoff_seconds * US_PER_SECOND),
        )
        sender = ChatSender(
            chat,
            store,
            bot_did,
            budget,
            dry_run=settings.dry_run,
            fault=fault,
            paused=paused,
        )
        worker = f"{socket.gethostname()}:{os.getpid()}"
        await _take_over_dead_claims(store)
        outbox = Outbox(store, sender, SendSettings(), worker, hours=settings.policy())
        replying: ChatClient | DryRunChat = DryRunChat(chat, clock) if settings.dry_run else chat
        desk = Desk(
            replying, store, budget, clock, bot_did, sink,
            resources=load_resources(settings.crisis_resources_file),
            operator_dids=settings.operator_did_list(),
        )  # fmt: skip
        replies = Replies(
            replying,
            store,
            bot_did,
            put,
            budget,
            clock,
            sink,
            on_start=on_start,
            paused=paused,
            fault=fault,
            friends=friends,
            caps=settings.answer_caps(),
            desk=desk,
        )
        return cls(chat, store, budget, sender, outbox, replies, clock)

    async def send(self, now_us: int) -> int:
        return await send_paced(self.outbox, self.budget, now_us)

    async def recheck(self, now_us: int) -> int:
        """Ask again whether unreachable people can get DMs now; returns how many can."""
        dids: Sequence[str] = await self.store.unreachable_due(
            now_us - RECHECK_AFTER_US, RECHECKS_PER_RUN
        )
        reachable = 0
        for did in dids:
            ok = await self.chat.can_chat(did)
            await self.store.rechecked(did, ok, now_us)
            reachable += ok
        if dids:
            log.info("re-checked %d unreachable people: %d reachable again", len(dids), reachable)
        return reachable


async def _check_access(chat: ChatClient, dry_run: bool) -> None:
    try:
        await chat.check_access()
    except AuthError:
        raise
    except NudgebotError as exc:  # the chat service is down: sending retries later
        log.warning("could not reach the chat service at startup: %s", exc)
    else:
        log.info("chat access checked%s", " (DRY_RUN: DMs are logged, not sent)" * dry_run)


async def _take_over_dead_claims(store: Store) -> None:
    """Rows a crashed process of this host had claimed need not wait out their lease: if that
    process is gone, they are claimable now (the sender still looks before sending again)."""
    host = socket.gethostname()
    dead = [w for w in await store.claim_holders() if _is_dead_local(w, host)]
    if dead:
        count = await store.expire_claims_of(dead)
        log.info("took over %d claimed DMs of %d stopped process(es)", count, len(dead))


def _is_dead_local(worker: str, host: str) -> bool:
    name, _, pid = worker.rpartition(":")
    if name != host or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, someone else's
    return False
