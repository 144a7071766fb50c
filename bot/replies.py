"""People talk back: poll the chat log, apply commands, acknowledge human replies, fill the inbox.

Who a message is from is the conversation's, not the message's: a 1:1 conversation between the
bot and a person can only carry that person's words, so the acting DID is the conversation's
member, and a message whose `sender` field disagrees is ignored as forged.

Each log entry is handled and then the cursor moves past it. A crash in between handles the
entry again: every effect is idempotent (settings are set, not toggled; stop is final), a
command's answer is recorded when decided and reused until the cursor has passed it, and every
reply looks at the conversation first: nothing is applied or said twice, nor said differently.

Answers are DMs like any other: each spends the shared budget (bot/pacing.py), and each person's
answers are capped (bot/answer_caps.py). A follower's answer that finds no budget now waits in
the held answers and goes out first once there is some; a stranger's is simply not said.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import date
from typing import Protocol

from bot.answer_caps import AnswerCaps, Verdict, decide
from bot.clock import US_PER_DAY, US_PER_MINUTE, Clock
from bot.commands import Command, CommandKind, Invalid, parse_command
from bot.errors import NudgebotError, RateLimited, TransientError
from bot.events import Event, StopRequested
from bot.faults import FaultHook, no_fault
from bot.language import DIRECT_WEIGHT, reply_language
from bot.messages.answer_language import answer_language
from bot.messages.catalog import ReplyKey
from bot.messages.dates import format_moment, midnight_us, readable_zone
from bot.messages.replies import Answer, reply_text
from bot.outbox import OnResult
from bot.pacing import DmBudget
from bot.policy import DmKind
from bot.safety.desk import Desk
from bot.sender import ConvoView, MessageView, already_said, send_in_budget
from bot.stay_in_touch import FRIEND_KINDS, StayInTouch
from bot.store import PersonRow, Store
from bot.store.engine import is_unavailable
from bot.supervise import ErrorSink

log = logging.getLogger(__name__)

LOG_CURSOR = "chat.log"
LEAVE_PAUSE_US = 3650 * US_PER_DAY  # leaving the conversation pauses until they say `resume`
MAX_TRIES_PER_ENTRY = 3
# how often they may be written to (days; None: the default) and the answer that says so
SETTINGS_BY_KIND: Mapping[CommandKind, tuple[int | None, ReplyKey]] = {
    CommandKind.LESS: (30, "less"),
    CommandKind.MORE: (None, "more"),
}
# `start` that lifted a stop asks for a follower reconciliation (their follow record is not
# sent again), at most this often: anyone can write `start`
START_RECONCILE_EVERY_US = 5 * US_PER_MINUTE
# an invalid command is answered by what was wrong in general, never with its words
INVALID_KEYS: Mapping[CommandKind, ReplyKey] = {
    CommandKind.PAUSE: "invalid_pause",
    CommandKind.TZ: "invalid_tz",
    CommandKind.HOURS: "invalid_hours",
    CommandKind.FRIENDS_SKIP: "invalid_handle",
    CommandKind.LANG: "invalid_lang",
}


class LogEntryView(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def convo_id(self) -> str: ...

    @property
    def rev(self) -> str: ...

    @property
    def message(self) -> MessageView | None: ...


class FullConvo(ConvoView, Protocol):
    @property
    def status(self) -> str | None: ...


class ChatLogPort(Protocol):
    async def log(self, cursor: str | None) -> tuple[str | None, Sequence[LogEntryView]]: ...

    async def convo_with(self, did: str) -> FullConvo: ...

    async def accept(self, convo_id: str) -> None: ...

    async def send(self, convo_id: str, text: str) -> MessageView: ...

    async def recent_messages(self, convo_id: str, limit: int = 30) -> Sequence[MessageView]: ...


PutEvents = Callable[[Sequence[Event]], Awaitable[None]]


class Replies:
    def __init__(
        self,
        chat: ChatLogPort,
        store: Store,
        bot_did: str,
        put: PutEvents,
        budget: DmBudget,
        clock: Clock,
        errors: ErrorSink,
        *,
        on_start: Callable[[], None] = lambda: None,
        paused: Callable[[], Awaitable[bool]] | None = None,
        fault: FaultHook = no_fault,
        friends: StayInTouch | None = None,
        caps: AnswerCaps | None = None,
        desk: Desk | None = None,
    ) -> None:
        self.chat = chat
        self.paused = paused  # the operator's global pause: answers wait, commands do not
        self.store = store
        self.bot_did = bot_did
        self.put = put
        self.budget = budget
        self.clock = clock
        self.errors = errors
        self.on_start = on_start  # e.g. reconcile now: `start` needs their follow record
        self.fault = fault  # tests only (bot/faults.py)
        self.friends = friends  # "stay in touch"; without it `friends …` is not available
        self._tries: dict[str, int] = {}
        self.handled = 0
        self.on_sent: OnResult | None = None  # metrics: one call per answer sent
        self.on_withheld: Callable[[str], None] | None = None  # metrics: why one was not said
        self.caps = caps or AnswerCaps()
        # human replies, triaged (bot/safety); tests give one with a fake triage
        self.desk = desk or Desk(chat, store, budget, clock, bot_did, errors)
        self._reconcile_pending = False
        self._reconciled_us: int | None = None

    async def run(self, interval_s: float = 10.0) -> None:
        """Forever: poll, handle, sleep. The Bluesky app itself polls every 4-30 s."""
        while True:
            try:
                await self.poll_once()
            except Exception as exc:
                if isinstance(exc, TransientError) or is_unavailable(exc):
                    log.warning("chat log poll failed: %s", exc)
                elif isinstance(exc, NudgebotError):
                    self.errors.report("replies.poll", exc)
                else:
                    raise
            await asyncio.sleep(interval_s)

    async def poll_once(self) -> int:
        """Handle what the log has past our cursor; returns how many entries were handled."""
        self._maybe_reconcile()
        await self._send_held()
        cursor = await self.store.get_marker(LOG_CURSOR)
        latest, entries = await self.chat.log(cursor)
        handled = 0
        for entry in entries:
            if not await self._handle_safely(entry):
                return handled  # try this entry again on the next poll
            answered = (entry.convo_id, entry.message.id) if entry.message else None
            await self.store.set_marker(
                LOG_CURSOR, entry.rev, self.clock.now_us(), answered=answered
            )
            handled += 1
        if latest and latest != cursor:
            await self.store.set_marker(LOG_CURSOR, latest, self.clock.now_us())
        await self.desk.watch()
        return handled

    async def _handle_safely(self, entry: LogEntryView) -> bool:
        """True when the entry is done with (handled, or given up on after a few tries)."""
        try:
            await self._handle(entry)
        except Exception as exc:
            if isinstance(exc, TransientError) or is_unavailable(exc):
                # not this entry's fault (the chat service or the database is away): it must
                # not use up the entry's tries, or a command said during an outage is lost
                log.warning("reply %s: %s; trying again soon", entry.rev, exc)
                return False
            tries = self._tries[entry.rev] = self._tries.get(entry.rev, 0) + 1
            self.errors.report("replies.entry", exc)
            if tries < MAX_TRIES_PER_ENTRY:
                return False
            log.error("reply %s skipped after %d tries", entry.rev, tries)
        self._tries.pop(entry.rev, None)
        self.handled += 1
        return True

    async def _handle(self, entry: LogEntryView) -> None:
        if entry.kind == "leave":
            await self._left(entry.convo_id)
            return
        message = entry.message
        if entry.kind != "message" or message is None or message.sender_did == self.bot_did:
            return
        did = await self._author(entry.convo_id, message)
        if did is None:
            return
        person = await self.store.person(did)
        # "pause 2 weeks" counts from when they said it, also when it is handled again later
        parsed = parse_command(message.text, min(message.sent_at_us, self.clock.now_us()))
        if parsed is None:
            await self._human(person, entry.convo_id, message)
        elif isinstance(parsed, Invalid):
            language = _answer_language(parsed, person)
            text = reply_text(INVALID_KEYS.get(parsed.kind, "invalid"), language)
            await self._reply(did, person is not None, entry.convo_id, text, message)
        else:
            await self._command(did, person, parsed, entry.convo_id, message)

    async def _author(self, convo_id: str, message: MessageView) -> str | None:
        """The DID this conversation belongs to, or None for one we cannot vouch for."""
        known = await self.store.person_by_convo(convo_id)
        if known is not None:
            if message.sender_did != known.did:
                log.warning("message in %s claims another sender: ignored", convo_id)
                return None
            return known.did
        # a conversation we have not seen: ask the service for the one with the claimed sender
        convo = await self.chat.convo_with(message.sender_did)
        if convo.id != convo_id:
            log.warning("message in %s not from its member: ignored", convo_id)
            return None
        if convo.status == "request":
            await self.chat.accept(convo_id)  # they wrote first: open the conversation
        if await self.store.person(message.sender_did) is not None:
            await self.store.set_convo(message.sender_did, convo_id)
        return message.sender_did

    async def _left(self, convo_id: str) -> None:
        person = await self.store.person_by_convo(convo_id)
        if person is None:
            return
        until = self.clock.now_us() + LEAVE_PAUSE_US
        await self.store.update_person(person.did, paused_until_us=until)
        await self.store.set_convo(person.did, None)
        log.info("%s left the conversation: paused", person.did)

    async def _human(self, person: PersonRow | None, convo_id: str, message: MessageView) -> None:
        if person is None:
            return  # not opted in: the bot does not talk to them unasked

        async def reply(text: str) -> bool:
            return await self._reply(person.did, True, convo_id, text, message)

        await self._heard(person.did, reply_language(message.text))
        # triaged: the answer, the inbox entry's level and holds by level (bot/safety/desk.py)
        await self.desk.human(person, convo_id, message, reply)

    async def _command(
        self,
        did: str,
        person: PersonRow | None,
        command: Command,
        convo_id: str,
        message: MessageView,
    ) -> None:
        language = _answer_language(command, person)
        if command.kind is CommandKind.LANG:
            language = command.language  # `lang_set` is written in the language just chosen
        if person is not None:
            await self.store.note_reply(did, convo_id, self.clock.now_us(), human=False)
        # Handled again after a crash, the command is applied again (idempotent) but answered
        # with the text decided the first time: the state it changed would now answer
        # differently (`start` says "already in"), and `_reply` dedups by text.
        recorded = await self.store.recorded_answer((convo_id, message.id))
        key, values = await self._apply(did, person, command, language)
        text = recorded or reply_text(key, language, **values)
        if recorded is None:
            await self.store.record_answer((convo_id, message.id), text, self.clock.now_us())
        self.fault("after-command")
        opted = _was_opted_in(person, command, key, recorded)
        await self._reply(did, opted, convo_id, text, message)

    async def _apply(
        self, did: str, person: PersonRow | None, command: Command, language: str
    ) -> Answer:
        kind, now = command.kind, self.clock.now_us()
        if person is not None:
            await self._heard(did, command.only_language)
        if kind in (CommandKind.STOP, CommandKind.FORGET):
            reason = "stop" if kind is CommandKind.STOP else "forget"
            await self.put([StopRequested(did, now, reason)])
            return ("stopped" if reason == "stop" else "forgotten"), {}
        if kind is CommandKind.START:
            lifted = await self.store.lift_tombstone(did)
            if person is not None:
                return "already_in", {}
            if not lifted:
                return "not_following", {}  # nothing to undo: a follow is how to start
            self._reconcile_pending = True
            self._maybe_reconcile()
            return "started", {}
        if kind is CommandKind.HELP:
            return "help", {}
        if person is None:
            return "not_following", {}
        return await self._setting(person, command, now, language)

    async def _setting(
        self, person: PersonRow, command: Command, now: int, language: str
    ) -> Answer:
        kind, did = command.kind, person.did
        if kind is CommandKind.PAUSE and command.pause_until_us is not None:
            until_us = pause_end(command.pause_until_us, command.pause_day, person.tz_name, now)
            await self.store.update_person(did, paused_until_us=until_us)
            return "paused", {"until": format_moment(until_us, language, person.tz_name)}
        if kind is CommandKind.RESUME:
            await self.store.update_person(did, paused_until_us=None)
            return "resumed", {}
        if kind is CommandKind.TZ and command.tz_name:
            await self.store.update_person(did, tz_name=command.tz_name)
            return "tz", {"tz": command.tz_shown or readable_zone(command.tz_name)}
        if kind is CommandKind.HOURS and command.hours:
            start, end = command.hours
            await self.store.update_person(did, day_start_hour=start, day_end_hour=end)
            return "hours", {"start": start, "end": end}
        if kind in SETTINGS_BY_KIND:
            days, key = SETTINGS_BY_KIND[kind]
            await self.store.update_person(did, frequency_days=days)
            return key, {}
        if kind is CommandKind.STATUS:
            return "status", status_values(person, now, language)
        if kind is CommandKind.LANG:
            await self.store.choose_language(did, command.language)
            return "lang_set", {}
        if kind in FRIEND_KINDS and self.friends is not None:
            return await self.friends.command(person, command, now)
        return "friends_later", {}

    async def _heard(self, did: str, language: str | None) -> None:
        """They wrote to the bot in words of one language: a strong sign (docs/language.md)."""
        if language is not None:
            await self.store.note_languages(did, [(language, DIRECT_WEIGHT)])

    def _maybe_reconcile(self) -> None:
        now = self.clock.now_us()
        if reconcile_due(self._reconcile_pending, self._reconciled_us, now):
            self._reconcile_pending, self._reconciled_us = False, now
            self.on_start()

    async def _reply(
        self, did: str, follower: bool, convo_id: str, text: str, to: MessageView
    ) -> bool:
        """Say `text` once, within their caps and the budget: a crash after sending and before
        the cursor moved must not say it again, so look at what the bot already said since
        their message. True when it was said or waits to be."""
        if await already_said(self.chat, self.bot_did, convo_id, text, to.sent_at_us):
            return True
        now = self.clock.now_us()
        earlier = await self.store.answers_to(did, now - US_PER_DAY)
        verdict = decide(earlier, now, follower=follower, caps=self.caps)
        if verdict is not Verdict.ANSWER:
            return self._withhold(convo_id, verdict.value)
        if self.paused is not None and await self.paused():
            # the command took effect; its answer waits for `resume-all` (bot/operator.py)
            return await self._hold(did, follower, convo_id, text, to, "paused by the operator")
        if self.budget.available(now) == 0:
            if not follower:
                return self._withhold(convo_id, "budget")
            return await self._hold(did, follower, convo_id, text, to, "no DM budget now")
        await send_in_budget(self.chat, self.budget, convo_id, text, now)
        await self.store.note_answer(did, now, stranger=not follower)
        log.info("replied in %s", convo_id)
        if self.on_sent is not None:
            self.on_sent(DmKind.REPLY, "sent", None)
        return True

    async def _hold(
        self, did: str, follower: bool, convo_id: str, text: str, to: MessageView, why: str
    ) -> bool:
        now = self.clock.now_us()
        await self.store.hold_reply(convo_id, text, to.sent_at_us, now)
        # it counts against their caps from now on
        await self.store.note_answer(did, now, stranger=not follower)
        log.info("reply in %s held: %s", convo_id, why)
        return True

    def _withhold(self, convo_id: str, reason: str) -> bool:
        log.info("no reply in %s: %s cap", convo_id, reason)
        if self.on_withheld is not None:
            self.on_withheld(reason)
        return False

    async def _send_held(self) -> None:
        """Answers held (the operator's pause, no budget), urgent (crisis) ones first, each
        group oldest first, each once, while the budget allows: before anything new is
        answered. The operator's pause holds all but the urgent ones."""
        paused = self.paused is not None and await self.paused()
        for held in await self.store.held(urgent_only=paused):
            now = self.clock.now_us()
            if self.budget.available(now) == 0:
                return
            said = await already_said(
                self.chat, self.bot_did, held.convo_id, held.text, held.since_us
            )
            if said is None:
                try:
                    await send_in_budget(self.chat, self.budget, held.convo_id, held.text, now)
                except RateLimited:
                    return  # the budget is paused now: the rest wait for its reset
                log.info("replied in %s (held)", held.convo_id)
                if self.on_sent is not None:
                    self.on_sent(DmKind.REPLY, "sent", None)
            await self.store.drop_held(held.id)


def pause_end(until_us: int, day: date | None, tz_name: str | None, now_us: int) -> int:
    """When a pause ends: "until 24 December" ends as that day begins where they live (the
    parser's UTC midnight would read "until 23 December" in New York), unless that is past."""
    if day is None or not tz_name:
        return until_us
    local = midnight_us(day, tz_name)
    return local if local > now_us else until_us


def status_values(person: PersonRow, now_us: int, language: str) -> dict[str, object]:
    """What `status` fills in: dates where and how they read them, words in their language."""

    def day(time_us: int) -> str:
        return format_moment(time_us, language, person.tz_name)

    paused, last = person.paused_until_us, person.last_nudge_us
    return {
        "since": day(person.opted_in_us),
        "last": day(last) if last else reply_text("never", language),
        "paused": day(paused) if paused and paused > now_us else reply_text("not_paused", language),
        "tz": readable_zone(person.tz_name)
        if person.tz_name
        else reply_text("tz_unknown", language),
    }


def _answer_language(said: Command | Invalid, person: PersonRow | None) -> str:
    return answer_language(said.languages or (said.language,), person.language if person else None)


def reconcile_due(
    pending: bool, last_us: int | None, now_us: int, every_us: int = START_RECONCILE_EVERY_US
) -> bool:
    """A reconciliation asked for by `start`, and none in the last `every_us`."""
    return pending and (last_us is None or now_us - last_us >= every_us)


def _was_opted_in(
    person: PersonRow | None, command: Command, key: ReplyKey, recorded: str | None
) -> bool:
    """Whether to cap this answer as a follower's (held when there is no budget) rather than a
    stranger's (once a day, dropped without budget): who they were when they wrote.
    - A stop or forget handled again after a crash has already deleted them; its recorded
      answer shows it was applied before, when they were opted in.
    - A start that lifted their stop (or its recorded answer, handled again) is someone who
      follows and comes back: dropping its answer for want of budget would leave them unsure
      whether they are back."""
    if person is not None:
        return True
    if command.kind in (CommandKind.STOP, CommandKind.FORGET):
        return recorded is not None
    return command.kind is CommandKind.START and (key == "started" or recorded is not None)
