"""Replies over a fake chat log and a real SQLite store + pipeline: commands change only their
sender's data and are answered once, human replies reach the inbox, forged senders are ignored."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from bot.classify import PromoVerdict
from bot.clock import US_PER_DAY, US_PER_HOUR, SimulatedClock
from bot.errors import RateLimited
from bot.events import Event, FollowCreated
from bot.pacing import DmBudget
from bot.pipeline import Pipeline
from bot.policy import PolicySettings
from bot.replies import LOG_CURSOR, MAX_TRIES_PER_ENTRY, Replies
from bot.store import Store
from bot.supervise import ErrorSink
from tests.tasks import stop

T0 = 1_785_585_600_000_000
BOT, ALICE, BOB, EVE = "did:plc:bot", "did:plc:alice", "did:plc:bob", "did:plc:eve"


@dataclass(frozen=True)
class Msg:
    id: str
    convo_id: str
    sender_did: str
    text: str
    sent_at_us: int
    rev: str = ""


@dataclass(frozen=True)
class Entry:
    kind: str
    convo_id: str
    rev: str
    message: Msg | None = None


@dataclass(frozen=True)
class Convo:
    id: str
    status: str | None = "accepted"


@dataclass
class FakeChat:
    entries: list[Entry] = field(default_factory=list)
    messages: dict[str, list[Msg]] = field(default_factory=dict)
    requests: set[str] = field(default_factory=set)
    accepted: list[str] = field(default_factory=list)
    send_errors: list[Exception] = field(default_factory=list)
    clock: SimulatedClock = field(default_factory=SimulatedClock)
    spoke: asyncio.Event = field(default_factory=asyncio.Event)

    def write(self, did: str, text: str) -> None:
        convo = f"c-{did}"
        rev = f"r{len(self.entries) + 1:04d}"
        msg = Msg(f"m{rev}", convo, did, text, self.clock.now_us(), rev)
        self.messages.setdefault(convo, []).append(msg)
        self.entries.append(Entry("message", convo, rev, msg))

    async def log(self, cursor: str | None) -> tuple[str | None, Sequence[Entry]]:
        if cursor is None:
            return (self.entries[-1].rev if self.entries else "r0000"), []
        after = [e for e in self.entries if e.rev > cursor]
        return (self.entries[-1].rev if self.entries else cursor), after

    async def convo_with(self, did: str) -> Convo:
        convo = f"c-{did}"
        return Convo(convo, "request" if convo in self.requests else "accepted")

    async def accept(self, convo_id: str) -> None:
        self.accepted.append(convo_id)

    async def send(self, convo_id: str, text: str) -> Msg:
        if self.send_errors:
            raise self.send_errors.pop(0)
        msg = Msg(f"b{len(self.said()) + 1}", convo_id, BOT, text, self.clock.now_us())
        self.messages.setdefault(convo_id, []).append(msg)
        self.spoke.set()
        return msg

    async def recent_messages(self, convo_id: str, limit: int = 30) -> Sequence[Msg]:
        return list(reversed(self.messages.get(convo_id, [])))[:limit]

    def said(self, convo_id: str | None = None) -> list[str]:
        return [
            m.text
            for c, msgs in self.messages.items()
            if convo_id is None or c == convo_id
            for m in msgs
            if m.sender_did == BOT
        ]


@dataclass
class Rig:
    store: Store
    pipeline: Pipeline
    chat: FakeChat
    replies: Replies
    clock: SimulatedClock
    started: list[str]

    async def put(self, events: Sequence[Event]) -> None:
        await self.pipeline.ingest(events, self.clock.now_us())

    async def poll(self) -> int:
        return await self.replies.poll_once()


@pytest.fixture
async def rig(tmp_path: Path) -> AsyncIterator[Rig]:
    async with opened_rig(tmp_path) as made:
        yield made


@asynccontextmanager
async def opened_rig(tmp_path: Path) -> AsyncIterator[Rig]:
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path}/r.db") as store:
        await store.migrate()
        pipeline = Pipeline(store, BOT, lambda r: PromoVerdict(0.0, False), PolicySettings())
        await pipeline.start()
        clock = SimulatedClock(T0)
        chat = FakeChat(clock=clock)
        started: list[str] = []
        holder: list[Rig] = []

        async def put(events: Sequence[Event]) -> None:
            await holder[0].put(events)

        replies = Replies(
            chat, store, BOT, put, DmBudget(per_minute=100), clock, ErrorSink(),
            on_start=lambda: started.append("reconcile"),
        )  # fmt: skip
        made = Rig(store, pipeline, chat, replies, clock, started)
        holder.append(made)
        await pipeline.ingest(
            [FollowCreated(ALICE, T0, "fa", BOT), FollowCreated(BOB, T0, "fb", BOT)], T0
        )
        await made.poll()  # the first poll only learns where "now" is
        yield made


async def test_pause_changes_only_the_sender_and_is_answered_once(rig: Rig) -> None:
    rig.chat.write(ALICE, "pause 2w")
    assert await rig.poll() == 1
    alice, bob = await rig.store.person(ALICE), await rig.store.person(BOB)
    assert alice is not None and alice.paused_until_us == T0 + 14 * US_PER_DAY
    assert bob is not None and bob.paused_until_us is None
    assert alice.convo_id == f"c-{ALICE}"
    [said] = rig.chat.said(f"c-{ALICE}")
    assert "Paused until 15 August 2026" in said
    # the same entry handled again (a crash before the cursor moved): nothing said twice
    await rig.store.set_marker(LOG_CURSOR, "r0000", T0)
    assert await rig.poll() == 1
    assert len(rig.chat.said()) == 1


@pytest.mark.parametrize(
    ("text", "field_name", "value"),
    [
        ("tz Europe/Berlin", "tz_name", "Europe/Berlin"),
        ("hours 9-18", "day_start_hour", 9),
        ("less", "frequency_days", 30),
        ("resume", "paused_until_us", None),
    ],
)
async def test_settings_commands(rig: Rig, text: str, field_name: str, value: object) -> None:
    await rig.store.update_person(ALICE, paused_until_us=T0 + US_PER_DAY, frequency_days=7)
    rig.chat.write(ALICE, text)
    await rig.poll()
    alice = await rig.store.person(ALICE)
    assert alice is not None and getattr(alice, field_name) == value
    assert len(rig.chat.said(f"c-{ALICE}")) == 1


async def test_stop_purges_confirms_and_start_brings_them_back(rig: Rig) -> None:
    rig.chat.write(ALICE, "STOP!")
    await rig.poll()
    assert await rig.store.person(ALICE) is None and ALICE not in rig.pipeline.opted
    assert "stopped" in rig.chat.said(f"c-{ALICE}")[0]
    # reconciliation lists the same follow: refused
    await rig.put([FollowCreated(ALICE, T0 + 1, "fa", BOT)])
    assert ALICE not in rig.pipeline.opted
    rig.chat.write(ALICE, "start")
    await rig.poll()
    assert rig.started == ["reconcile"]
    await rig.put([FollowCreated(ALICE, T0 + 2, "fa", BOT)])  # what reconciliation then does
    assert rig.pipeline.opted.get(ALICE) == "fa"


class Crash(Exception):
    """Stands in for a kill: the entry is left unfinished and handled again."""


@pytest.mark.parametrize("where", ["before the answer", "after the answer"])
async def test_start_handled_again_after_a_crash_is_answered_once_as_the_first_time(
    rig: Rig, where: str
) -> None:
    rig.chat.write(ALICE, "stop")
    await rig.poll()
    crashes = [Crash()]
    send = rig.chat.send

    def fault(point: str) -> None:
        if where == "before the answer" and point == "after-command" and crashes:
            raise crashes.pop()

    async def send_then_crash(convo_id: str, text: str) -> Msg:
        sent = await send(convo_id, text)
        if where == "after the answer" and crashes:
            raise crashes.pop()
        return sent

    rig.replies.fault = fault
    rig.chat.send = send_then_crash  # type: ignore[method-assign]
    rig.chat.write(ALICE, "start")
    start = rig.chat.entries[-1].message
    assert start is not None
    assert await rig.poll() == 0 and not crashes
    await rig.put([FollowCreated(ALICE, T0 + 2, "fa", BOT)])  # reconciliation re-opts her in
    # handled again now that she is opted in: still the first answer, and only once
    assert await rig.poll() == 1
    stopped, started = rig.chat.said(f"c-{ALICE}")
    assert "stopped" in stopped and "Welcome back" in started
    # with the cursor past it, the recorded answer is gone
    assert await rig.store.recorded_answer((start.convo_id, start.id)) is None


async def test_pause_handled_again_a_day_later_counts_from_when_it_was_said(rig: Rig) -> None:
    rig.chat.write(ALICE, "pause 1w")
    await rig.poll()
    rig.clock.advance_to(T0 + US_PER_DAY)
    await rig.store.set_marker(LOG_CURSOR, "r0000", T0)
    await rig.poll()
    alice = await rig.store.person(ALICE)
    assert alice is not None and alice.paused_until_us == T0 + 7 * US_PER_DAY
    [said] = rig.chat.said(f"c-{ALICE}")
    assert "Paused until 8 August 2026" in said


async def test_each_answer_sent_is_reported_once_for_the_metrics(rig: Rig) -> None:
    reported: list[tuple[str, str, Exception | None]] = []
    rig.replies.on_sent = lambda kind, result, error: reported.append((kind, result, error))
    rig.chat.write(ALICE, "less")
    rig.chat.write(BOB, "tz Europe/Paris")
    await rig.poll()
    await rig.store.set_marker(LOG_CURSOR, "r0000", T0)  # handled again: said once, counted once
    await rig.poll()
    assert reported == [("reply", "sent", None)] * 2


async def test_a_human_reply_is_acknowledged_once_a_day_and_lands_in_the_inbox(rig: Rig) -> None:
    rig.chat.write(ALICE, "thanks, I'm doing well! busy week")
    rig.chat.write(ALICE, "and you?")
    await rig.poll()
    assert len(rig.chat.said(f"c-{ALICE}")) == 1  # one acknowledgement, not one per message
    [entry] = await rig.store.inbox()
    assert (entry.did, entry.messages) == (ALICE, 2)
    rig.clock.advance_to(T0 + 25 * US_PER_HOUR)
    rig.chat.write(ALICE, "hello again")
    await rig.poll()
    assert len(rig.chat.said(f"c-{ALICE}")) == 2


async def test_a_forged_sender_is_ignored(rig: Rig) -> None:
    rig.chat.write(ALICE, "hello")
    await rig.poll()
    # a message in Alice's conversation that claims to be Bob's "stop"
    forged = Msg("mx", f"c-{ALICE}", BOB, "stop", T0, "r9000")
    rig.chat.entries.append(Entry("message", f"c-{ALICE}", "r9000", forged))
    await rig.poll()
    assert await rig.store.person(BOB) is not None and BOB in rig.pipeline.opted


async def test_crossed_commands_of_two_people_change_only_their_senders(rig: Rig) -> None:
    rig.chat.write(ALICE, "tz Europe/Berlin")
    rig.chat.write(BOB, "hours 9-18")
    # forgeries in each other's conversation: each claims the other member as sender
    for convo, claimed, text, rev in (
        (ALICE, BOB, "stop", "r8001"),
        (BOB, ALICE, "forget", "r8002"),
    ):
        forged = Msg(f"m{rev}", f"c-{convo}", claimed, text, T0, rev)
        rig.chat.entries.append(Entry("message", f"c-{convo}", rev, forged))
    rig.chat.write(ALICE, "less")
    await rig.poll()
    alice, bob = await rig.store.person(ALICE), await rig.store.person(BOB)
    assert alice is not None and bob is not None  # neither forged stop/forget took effect
    assert (alice.tz_name, alice.day_start_hour, alice.frequency_days) == (
        "Europe/Berlin",
        None,
        30,
    )
    assert (bob.tz_name, bob.day_start_hour, bob.frequency_days) == (None, 9, None)
    assert {ALICE, BOB} <= set(rig.pipeline.opted)
    assert len(rig.chat.said(f"c-{ALICE}")) == 2 and len(rig.chat.said(f"c-{BOB}")) == 1


async def test_a_stranger_writing_first_is_accepted_but_not_signed_up(rig: Rig) -> None:
    rig.chat.requests.add(f"c-{EVE}")
    rig.chat.write(EVE, "hi bot")
    await rig.poll()
    assert rig.chat.accepted == [f"c-{EVE}"]
    assert await rig.store.person(EVE) is None and rig.chat.said(f"c-{EVE}") == []
    rig.chat.write(EVE, "pause 2w")
    await rig.poll()
    assert "follow this account" in rig.chat.said(f"c-{EVE}")[0]


async def test_leaving_the_conversation_pauses(rig: Rig) -> None:
    rig.chat.write(ALICE, "hi")
    await rig.poll()
    rig.chat.entries.append(Entry("leave", f"c-{ALICE}", "r9001"))
    await rig.poll()
    alice = await rig.store.person(ALICE)
    assert alice is not None and alice.paused_until_us is not None
    assert alice.paused_until_us > T0 + 365 * US_PER_DAY and alice.convo_id is None


async def test_a_429_holds_the_answer_until_the_reset(rig: Rig) -> None:
    rig.chat.send_errors.append(RateLimited(retry_after=60))
    rig.chat.write(ALICE, "help")
    assert await rig.poll() == 0  # the entry is tried again on the next poll
    assert await rig.poll() == 1  # applied; the budget holds the answer until the reset
    assert rig.chat.said() == [] and len(await rig.store.held()) == 1
    rig.clock.advance_to(T0 + 61 * 1_000_000)
    await rig.poll()
    assert len(rig.chat.said(f"c-{ALICE}")) == 1 and await rig.store.held() == []


async def test_a_database_outage_never_uses_up_a_commands_tries(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More failed polls than MAX_TRIES_PER_ENTRY while the database is away: the command is
    still applied and answered once it is back (it used to be skipped after three)."""
    real = rig.store.update_person
    outage = [OperationalError("UPDATE people", {}, sqlite3.OperationalError("locked"))] * (
        MAX_TRIES_PER_ENTRY + 2
    )

    async def flaky(did: str, **fields: Any) -> bool:
        if outage:
            raise outage.pop()
        return await real(did, **fields)

    monkeypatch.setattr(rig.store, "update_person", flaky)
    rig.chat.write(ALICE, "pause 2w")
    for _ in range(MAX_TRIES_PER_ENTRY + 2):
        assert await rig.poll() == 0
    assert rig.chat.said() == []
    assert await rig.poll() == 1
    alice = await rig.store.person(ALICE)
    assert alice is not None and alice.paused_until_us == T0 + 14 * US_PER_DAY
    [said] = rig.chat.said(f"c-{ALICE}")
    assert "Paused until" in said


async def test_an_invalid_argument_is_explained_without_quoting_it(rig: Rig) -> None:
    rig.chat.write(ALICE, "tz Mars/Olympus")
    await rig.poll()
    [said] = rig.chat.said(f"c-{ALICE}")
    assert "don't know that time zone" in said and "Mars" not in said


async def test_run_keeps_polling(rig: Rig) -> None:
    task = asyncio.create_task(rig.replies.run(interval_s=0.01))
    rig.chat.write(ALICE, "status")
    try:
        async with asyncio.timeout(5):
            await rig.chat.spoke.wait()
    finally:
        await stop(task)
    assert "following since 1 August 2026" in rig.chat.said(f"c-{ALICE}")[0]


async def test_while_paused_commands_apply_at_once_and_answers_wait(rig: Rig) -> None:
    from bot.operator import PAUSE_SWITCH_NAME, GlobalPause

    rig.replies.paused = GlobalPause(rig.store).paused
    await rig.store.set_switch(PAUSE_SWITCH_NAME, "paused", T0)
    rig.chat.write(ALICE, "stop")
    rig.chat.write(BOB, "pause 2w")
    assert await rig.poll() == 2
    assert await rig.store.person(ALICE) is None and ALICE not in rig.pipeline.opted
    bob = await rig.store.person(BOB)
    assert bob is not None and bob.paused_until_us == T0 + 14 * US_PER_DAY
    assert rig.chat.said() == [] and len(await rig.store.held()) == 2
    assert await rig.poll() == 0 and rig.chat.said() == []  # still paused: still waiting
    await rig.store.clear_switch(PAUSE_SWITCH_NAME)
    await rig.poll()
    assert "stopped" in rig.chat.said(f"c-{ALICE}")[0]
    assert "Paused until 15 August 2026" in rig.chat.said(f"c-{BOB}")[0]
    assert await rig.store.held() == []
    await rig.poll()
    assert len(rig.chat.said()) == 2  # each answer once


async def test_friends_commands_through_the_chat_change_only_their_sender(rig: Rig) -> None:
    from bot.stay_in_touch import StayInTouch
    from tests.store.test_friends import FakeCheck

    check = FakeCheck()
    check.handles = {BOB: "bob.test"}
    rig.replies.friends = StayInTouch(rig.store, check, PolicySettings(), BOT)
    for text in ("friends on", "friends", "friends skip @bob.test", "friends skip @nobody.test"):
        rig.chat.write(ALICE, text)
    assert await rig.poll() == 4
    said = rig.chat.said(f"c-{ALICE}")
    assert len(said) == 4
    assert "friends off" in said[0]  # on: says how to turn it off
    assert "Nobody to suggest" in said[1]
    assert "@bob.test" in said[2] and "couldn't find" in said[3]
    assert await rig.store.friends_state(ALICE) == (True, None)
    assert await rig.store.friends_state(BOB) == (False, None)  # only the sender changed
    assert rig.store.digest(BOB) in await rig.store.friend_exclusions(ALICE)
    assert await rig.store.friend_exclusions(BOB) == set()

    rig.chat.write(ALICE, "friends off")
    await rig.poll()
    assert await rig.store.friends_state(ALICE) == (False, None)
    assert "off" in rig.chat.said(f"c-{ALICE}")[-1]


async def test_without_stay_in_touch_friends_says_it_is_not_available(rig: Rig) -> None:
    rig.chat.write(ALICE, "friends on")
    await rig.poll()
    assert "isn't available" in rig.chat.said(f"c-{ALICE}")[0]
    assert await rig.store.friends_state(ALICE) == (False, None)
