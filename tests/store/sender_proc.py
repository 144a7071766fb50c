"""One sender process for tests/store/test_sender_processes.py: its own engine and pool on the
shared database, a chat fake that records each DM it "sends".

Usage: python -m tests.store.sender_proc DATABASE_URL NAME NOW_US
Prints `ready` once connected, waits for a line on stdin (so both processes claim at the same
moment), drains the outbox, then prints one `sent<TAB>text` line per DM.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence

from bot.clock import US_PER_MINUTE
from bot.outbox import Outbox, SendSettings
from bot.pacing import DmBudget
from bot.sender import ChatSender
from bot.store import Store
from tests.store.test_two_senders import BOT, Convo, Message


class RecordingChat:
    """A short pause per send keeps both senders busy at once, each holding claimed rows
    while the other claims."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def convo_with(self, did: str) -> Convo:
        return Convo(f"c-{did}")

    async def send(self, convo_id: str, text: str) -> Message:
        await asyncio.sleep(0.005)
        self.sent.append((convo_id, text))
        return Message(f"m{len(self.sent)}", BOT, text)

    async def recent_messages(self, convo_id: str, limit: int = 30) -> Sequence[Message]:
        return [Message("x", BOT, t) for c, t in self.sent if c == convo_id]


async def main(url: str, name: str, now_us: int) -> None:
    chat = RecordingChat()
    async with Store.open(url) as store:
        await store.ping()
        print("ready", flush=True)
        await asyncio.to_thread(sys.stdin.readline)
        sender = ChatSender(chat, store, BOT, DmBudget(per_minute=10**6, per_day=10**6))
        outbox = Outbox(store, sender, SendSettings(batch_size=5, lease_us=US_PER_MINUTE), name)
        while (await outbox.send_due(now_us)).sent:
            pass
    for _, text in chat.sent:
        print(f"sent\t{text}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
