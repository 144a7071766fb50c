"""Human replies, triaged: the level goes on the inbox entry (never the text), the answer and
holds come from bot/safety/respond.py, and a crisis is answered at once: past the daily
acknowledgement, the per-person answer caps and the operator's pause, first in the DM budget
(held, urgent, when there is none now). Operators (OPERATOR_DIDS) are told that an urgent
entry waits, once per entry, never what or who.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Protocol

from bot.clock import Clock
from bot.errors import NudgebotError, RateLimited
from bot.outbox import OnResult
from bot.pacing import DmBudget
from bot.place import country_of_zone, language_of
from bot.policy import DmKind
from bot.safety.resources import RESOURCES, Resource
from bot.safety.respond import Person, Response, respond
from bot.sender import ChatPort, MessageView, already_said, send_in_budget
from bot.store import PersonRow, Store
from bot.supervise import ErrorSink
from bot.triage import Level, Triage
from bot.triage import triage as default_triage

log = logging.getLogger(__name__)

OPERATOR_NOTE = "An urgent reply is waiting in the inbox: `nudgebot inbox`."

Reply = Callable[[str], Awaitable[bool]]  # the capped, pausable answer (bot/replies.py)


class _Convo(Protocol):
    @property
    def id(self) -> str: ...


class DeskChat(ChatPort, Protocol):
    async def convo_with(self, did: str) -> _Convo: ...


class Desk:
    def __init__(
        self,
        chat: DeskChat,
        store: Store,
        budget: DmBudget,
        clock: Clock,
        bot_did: str,
        errors: ErrorSink,
        *,
        triage: Callable[[str], Triage] = default_triage,
        resources: Mapping[str, Resource] = RESOURCES,
        operator_dids: Sequence[str] = (),
    ) -> None:
        self.chat, self.store, self.budget, self.clock = chat, store, budget, clock
        self.bot_did, self.errors = bot_did, errors
        self.triage = triage
        self.resources = resources
        self.operator_dids = tuple(operator_dids)
        self.on_sent: OnResult | None = None  # metrics: one call per answer sent
        self.on_urgent: Callable[[int], None] | None = None  # metrics: urgent entries waiting
        self._urgent_seen = 0

    def level(self, text: str) -> Level:
        """The triage's level; a triage that fails is reported and taken as distress: a warm
        answer fits any reply, and the operator sees the entry marked."""
        try:
            return Level(self.triage(text).level)
        except Exception as exc:
            self.errors.report("replies.triage", exc)
            return Level.DISTRESS

    async def human(
        self, person: PersonRow, convo_id: str, message: MessageView, reply: Reply
    ) -> None:
        now = self.clock.now_us()
        level = self.level(message.text)
        await self.store.note_reply(person.did, convo_id, now, human=True, level=level.value)
        facts = Person(
            person.did,
            language_of(person.language, message.text),
            country_of_zone(person.tz_name),
            person.last_ack_us,
            person.last_crisis_answer_us,
        )
        response = respond(level, facts, now, self.resources)
        if response.hold_until_us is not None:
            await self.store.hold_nudges(person.did, response.hold_until_us)
        if response.text is not None and await self._say(
            person, convo_id, message, response, reply
        ):
            if response.acknowledges:
                await self.store.mark_acknowledged(person.did, now)
            if response.urgent:
                await self.store.note_crisis_answer(person.did, now)
        if response.urgent:
            # no text and no DID here: the inbox says who, the Bluesky app what
            log.warning("an urgent reply waits in the inbox: see `nudgebot inbox`")
            await self.tell_operators(now)

    async def _say(
        self,
        person: PersonRow,
        convo_id: str,
        message: MessageView,
        response: Response,
        reply: Reply,
    ) -> bool:
        assert response.text is not None
        if not response.urgent:
            return await reply(response.text)
        return await self.urgent(person.did, convo_id, response.text, message)

    async def urgent(self, did: str, convo_id: str, text: str, to: MessageView) -> bool:
        """Said now, within the budget but past every cap and the pause; without budget it
        waits first in line (held, urgent). True when said or waiting to be."""
        if await already_said(self.chat, self.bot_did, convo_id, text, to.sent_at_us):
            return True
        now = self.clock.now_us()
        if self.budget.available(now) > 0:
            try:
                await send_in_budget(self.chat, self.budget, convo_id, text, now)
            except RateLimited:
                pass  # the budget is paused now: held below, first when it resumes
            else:
                await self.store.note_answer(did, now, stranger=False)
                log.info("crisis answer sent")
                if self.on_sent is not None:
                    self.on_sent(DmKind.REPLY, "sent", None)
                return True
        await self.store.hold_reply(convo_id, text, to.sent_at_us, now, urgent=True)
        await self.store.note_answer(did, now, stranger=False)
        log.warning("crisis answer waits for DM budget (first in line)")
        return True

    async def tell_operators(self, now_us: int) -> None:
        """Each operator gets one DM per new urgent entry, saying only that one waits."""
        if not self.operator_dids or await self.store.claim_untold_urgent(now_us) == 0:
            return
        for did in self.operator_dids:
            try:
                convo = await self.chat.convo_with(did)
                await send_in_budget(self.chat, self.budget, convo.id, OPERATOR_NOTE, now_us)
            except NudgebotError as exc:
                log.warning("an operator could not be told of the urgent entry: %s", exc)

    async def watch(self) -> None:
        """The metric, and a WARNING whenever the number of urgent entries waiting grows."""
        waiting = await self.store.urgent_waiting()
        if self.on_urgent is not None:
            self.on_urgent(waiting)
        if waiting > self._urgent_seen:
            log.warning("%d urgent inbox entr%s waiting: `nudgebot inbox`",
                        waiting, "y" if waiting == 1 else "ies")  # fmt: skip
        self._urgent_seen = waiting
