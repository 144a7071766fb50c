"""The live sender over a fake chat service and a real SQLite store: conversations, exactly once
across a crash, pacing, 429s, gone conversations, unreachable people, dry runs."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.aggregates import Aggregates
from bot.clock import US_PER_MINUTE, US_PER_SECOND
from bot.errors import PermanentError, RateLimited, UnreachableRecipient
from bot.outbox import Outbox, SendSettings
from bot.pacing import DmBudget
from bot.sender import ChatSender, send_paced
from bot.store import IngestBatch, NudgeRecord, NudgeUpdates, OptIn, OutboxDraft, Store

T0 = 1_785_585_600_000_000
BOT, ALICE, BOB = "did:plc:bot", "did:plc:alice", "did:plc:bob"


@dataclass(frozen=True)
class Convo:
    id: str


@dataclass(frozen=True)
class Message:
    id: str
    sender_did: str
    text: str
    sent_at_us: int = 0


@dataclass
class FakeChat:
    """Conversations as lists of messages; errors to raise per method, in order."""

    convos: dict[str, list[Message]] = field(default_factory=dict)
    errors: dict[str, list[Exception]] = field(default_factory=dict)
    sends: int = 0

    def _fail(self, method: str) -> None:
        pending = self.errors.get(method)
        if pending:
            raise pending.pop(0)

    async def convo_with(self, did: str) -> Convo:
        self._fail("convo_with")
        self.convos.setdefault(f"convo-{did}", [])
        return Convo(f"convo-{did}")

    async def send(self, convo_id: str, text: str) -> Message:
        self._fail("send")
        self.sends += 1
        message = Message(f"m{self.sends}", BOT, text)
        self.convos[convo_id].append(message)
        return message

    async def recent_messages(self, convo_id: str, limit: int = 30) -> Sequence[Message]:
        return list(reversed(self.convos.get(convo_id, [])))[:limit]


def no_next(_: Aggregates) -> int | None:
    return None


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path}/s.db") as opened:
        await opened.migrate()
        yield opened


async def welcome(store: Store, *dids: str) -> None:
    batch = IngestBatch()
    for did in dids:
        batch.opt_ins[did] = OptIn(did, "f1", T0)
        batch.welcomes[did] = OutboxDraft(did, "welcome", str(T0), 0, f"hello {did}", T0)
    await store.apply(batch, T0, no_next)


def rig(store: Store, chat: FakeChat, **budget: int) -> tuple[Outbox, ChatSender]:
    sender = ChatSender(chat, store, BOT, DmBudget(**budget))
    return Outbox(store, sender, SendSettings(), "w1"), sender


async def test_a_dm_finds_the_conversation_once_and_goes_out(store: Store) -> None:
    await welcome(store, ALICE)
    chat = FakeChat()
    outbox, sender = rig(store, chat)
    assert await send_paced(outbox, sender.budget, T0) == 1
    person = await store.person(ALICE)
    assert person is not None and person.convo_id == f"convo-{ALICE}"
    assert [m.text for m in chat.convos[f"convo-{ALICE}"]] == [f"hello {ALICE}"]
    [row] = await store.outbox_rows(ALICE)
    assert (row["status"], row["message_id"]) == ("sent", "m1")
    assert list(sender.budget.sent) == [T0]


async def test_a_crash_between_send_and_mark_does_not_send_twice(store: Store) -> None:
    await welcome(store, ALICE)
    chat = FakeChat()
    outbox, sender = rig(store, chat)
    [item] = await store.claim_due(T0, 10, US_PER_MINUTE, "w-crashed")
    person = await store.person(ALICE)
    assert person is not None
    await sender.send(item, person, T0)  # delivered, then the process died before marking
    later = T0 + 2 * US_PER_MINUTE  # the lease ran out
    assert await send_paced(outbox, sender.budget, later) == 1
    assert chat.sends == 1 and sender.recovered == 1
    [row] = await store.outbox_rows(ALICE)
    assert (row["status"], row["message_id"], row["attempts"]) == ("sent", "m1", 2)


async def test_a_claimed_row_never_sent_is_sent_on_the_next_claim(store: Store) -> None:
    await welcome(store, ALICE)
    chat = FakeChat()
    outbox, sender = rig(store, chat)
    await store.claim_due(T0, 10, US_PER_MINUTE, "w-crashed")  # died before sending
    assert await send_paced(outbox, sender.budget, T0 + 2 * US_PER_MINUTE) == 1
    assert chat.sends == 1 and sender.recovered == 0


async def test_the_budget_paces_a_backlog(store: Store) -> None:
    dids = [f"did:plc:p{i}" for i in range(5)]
    await welcome(store, *dids)
    chat = FakeChat()
    outbox, sender = rig(store, chat, per_minute=3, per_day=4)
    assert await send_paced(outbox, sender.budget, T0) == 3
    assert await send_paced(outbox, sender.budget, T0 + 30 * US_PER_SECOND) == 0
    assert await send_paced(outbox, sender.budget, T0 + US_PER_MINUTE) == 1  # the daily cap
    assert await send_paced(outbox, sender.budget, T0 + 2 * US_PER_MINUTE) == 0
    assert chat.sends == 4


async def test_a_429_stops_every_dm_until_the_reset(store: Store) -> None:
    await welcome(store, ALICE, BOB)
    chat = FakeChat(errors={"send": [RateLimited(retry_after=120)]})
    outbox, sender = rig(store, chat, per_minute=3)
    assert await send_paced(outbox, sender.budget, T0) == 0
    assert chat.sends == 0  # the second DM of the batch was not even tried
    rows = await store.outbox_rows()
    assert all(
        r["status"] == "pending" and r["send_after_us"] >= T0 + 100 * US_PER_SECOND for r in rows
    )
    assert await send_paced(outbox, sender.budget, T0 + 119 * US_PER_SECOND) == 0
    assert await send_paced(outbox, sender.budget, T0 + 121 * US_PER_SECOND) == 2


def xrpc_error(name: str) -> PermanentError:
    """A 400 as the chat edge maps it: the XRPC error name travels with it."""
    error = PermanentError(f"400 {name}")
    error.error_name = name
    return error


async def test_a_gone_conversation_is_looked_up_again(store: Store) -> None:
    await welcome(store, ALICE)
    await store.set_convo(ALICE, "convo-old")
    chat = FakeChat(convos={"convo-old": []})
    chat.errors["send"] = [xrpc_error("InvalidConvo")]
    outbox, sender = rig(store, chat)
    assert await send_paced(outbox, sender.budget, T0) == 0
    person = await store.person(ALICE)
    assert person is not None and person.convo_id is None
    assert await send_paced(outbox, sender.budget, T0 + 10 * US_PER_MINUTE) == 1
    assert [m.text for m in chat.convos[f"convo-{ALICE}"]] == [f"hello {ALICE}"]


async def test_dms_turned_off_mid_conversation_make_them_unreachable(store: Store) -> None:
    """sendMessage's MessagesDisabled in an existing conversation: recorded as unreachable
    (so the weekly re-check or a re-follow can reach them), not just a failed row."""
    await welcome(store, ALICE)
    await store.set_convo(ALICE, "convo-old")
    chat = FakeChat(convos={"convo-old": []})
    chat.errors["send"] = [xrpc_error("MessagesDisabled")]
    outbox, sender = rig(store, chat)
    assert await send_paced(outbox, sender.budget, T0) == 0
    person = await store.person(ALICE)
    assert person is not None and person.unreachable_reason == "MessagesDisabled"
    [row] = await store.outbox_rows(ALICE)
    assert row["status"] == "failed"


async def test_an_unreachable_person_is_remembered_not_retried(store: Store) -> None:
    await welcome(store, ALICE)
    chat = FakeChat(errors={"convo_with": [UnreachableRecipient(ALICE, "MessagesDisabled")]})
    outbox, sender = rig(store, chat)
    assert await send_paced(outbox, sender.budget, T0) == 0
    person = await store.person(ALICE)
    assert person is not None and person.unreachable_reason == "MessagesDisabled"
    [row] = await store.outbox_rows(ALICE)
    assert row["status"] == "failed"


async def test_dry_run_sends_nothing(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    await welcome(store, ALICE)
    chat = FakeChat()
    sender = ChatSender(chat, store, BOT, DmBudget(), dry_run=True)
    outbox = Outbox(store, sender, SendSettings(), "w1")
    with caplog.at_level("INFO", logger="bot.sender"):
        assert await send_paced(outbox, sender.budget, T0) == 1
    assert chat.sends == 0 and "DRY_RUN" in caplog.text


async def test_nudges_count_towards_the_ignored_streak(store: Store) -> None:
    await welcome(store, ALICE)
    draft = OutboxDraft(ALICE, "quiet", str(T0 - 1), 0, "how are you?", T0)
    updates = NudgeUpdates(T0, 1, None, {"quiet": 0})
    assert await store.record_evaluations([NudgeRecord(ALICE, None, draft, updates)], T0) == 1
    chat = FakeChat()
    outbox, sender = rig(store, chat)
    assert await send_paced(outbox, sender.budget, T0) == 2
    person = await store.person(ALICE)
    assert person is not None and person.unanswered_nudges == 1  # the welcome does not count


async def test_a_long_429_storm_loses_nothing(store: Store) -> None:
    await welcome(store, ALICE)
    chat = FakeChat(errors={"send": [RateLimited(retry_after=None) for _ in range(12)]})
    sender = ChatSender(chat, store, BOT, DmBudget(backoff_start_us=US_PER_SECOND))
    outbox = Outbox(store, sender, SendSettings(max_attempts=3), "w1")
    now = T0
    for _ in range(40):
        await send_paced(outbox, sender.budget, now)
        now += 3600 * US_PER_SECOND
    [row] = await store.outbox_rows(ALICE)
    assert (row["status"], row["attempts"]) == ("sent", 1) and chat.sends == 1


async def test_a_pause_between_claim_and_send_holds_the_dm_without_losing_it(store: Store) -> None:
    from bot.operator import PAUSE_SWITCH_NAME, GlobalPause

    await welcome(store, ALICE)
    chat = FakeChat()
    pause = GlobalPause(store)
    sender = ChatSender(chat, store, BOT, DmBudget(), paused=pause.paused)
    outbox = Outbox(store, sender, SendSettings(), "w1")
    await store.set_switch(PAUSE_SWITCH_NAME, "paused", T0)  # after the send loop looked
    report = await outbox.send_due(T0 + 1)
    assert (report.sent, report.deferred) == (0, 1) and chat.sends == 0
    [row] = await store.outbox_rows(ALICE)
    assert (row["status"], row["attempts"], row["send_after_us"]) == ("pending", 0, T0)
    await store.clear_switch(PAUSE_SWITCH_NAME)
    assert (await outbox.send_due(T0 + 2)).sent == 1
    assert [m.text for m in chat.convos[f"convo-{ALICE}"]] == [f"hello {ALICE}"]
