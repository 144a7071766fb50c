"""Two senders (two workers with their own leases, as two processes would be) draining one
outbox at once, on every backend: each DM goes out exactly once."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.aggregates import Aggregates
from bot.clock import US_PER_MINUTE
from bot.outbox import Outbox, SendSettings
from bot.pacing import DmBudget
from bot.sender import ChatSender
from bot.store import IngestBatch, OptIn, OutboxDraft, Store
from tests.test_sender import Convo, Message

T0 = 1_785_585_600_000_000
BOT = "did:plc:bot"


@dataclass
class SharedChat:
    """One chat service both senders talk to. The first two sends wait for each other, so
    both senders hold claimed rows at the same moment (the case that must not double)."""

    sent: list[tuple[str, str]] = field(default_factory=list)
    gate: asyncio.Barrier = field(default_factory=lambda: asyncio.Barrier(2))
    arrivals: int = 0

    async def convo_with(self, did: str) -> Convo:
        await asyncio.sleep(0)
        return Convo(f"c-{did}")

    async def send(self, convo_id: str, text: str) -> Message:
        self.arrivals += 1
        if self.arrivals <= 2:
            async with asyncio.timeout(10):
                await self.gate.wait()
        self.sent.append((convo_id, text))
        return Message(f"m{len(self.sent)}", BOT, text)

    async def recent_messages(self, convo_id: str, limit: int = 30) -> Sequence[Message]:
        return [Message("x", BOT, t) for c, t in self.sent if c == convo_id]


def no_next(_: Aggregates) -> int | None:
    return None


async def test_two_senders_never_send_the_same_row(store: Store) -> None:
    dids = [f"did:plc:p{i:03d}" for i in range(60)]
    batch = IngestBatch()
    for did in dids:
        batch.opt_ins[did] = OptIn(did, "f", T0)
        batch.welcomes[did] = OutboxDraft(did, "welcome", "w", 0, f"hello {did}", T0)
    await store.apply(batch, T0, no_next)
    chat = SharedChat()

    def worker(name: str) -> Outbox:
        sender = ChatSender(chat, store, BOT, DmBudget(per_minute=1000, per_day=1000))
        return Outbox(store, sender, SendSettings(batch_size=7, lease_us=US_PER_MINUTE), name)

    first, second = worker("sender-1"), worker("sender-2")
    reports = await asyncio.gather(first.send_due(T0), second.send_due(T0))
    assert sum(r.sent for r in reports) == 60
    assert all(r.sent > 0 for r in reports), "both senders should have taken part"
    assert sorted(text for _, text in chat.sent) == sorted(f"hello {did}" for did in dids)
    rows = await store.outbox_rows()
    assert {r["status"] for r in rows} == {"sent"} and {r["attempts"] for r in rows} == {1}
