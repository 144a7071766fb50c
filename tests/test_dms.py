"""Which claim holders count as stopped processes of this host; the dry-run chat."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from bot.chat import ChatClient, ChatMessage, Convo, LogEntry
from bot.clock import SimulatedClock
from bot.dms import DryRunChat, _is_dead_local

BOT = "did:plc:bot"
ALICE = "did:plc:alice"


def test_only_stopped_processes_of_this_host_are_dead() -> None:
    host = socket.gethostname()
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    gone = int(done.stdout)
    assert _is_dead_local(f"{host}:{gone}", host)
    assert not _is_dead_local(f"{host}:{os.getpid()}", host)  # ourselves
    assert not _is_dead_local(f"{host}:1", host)  # alive (init)
    assert not _is_dead_local(f"elsewhere:{gone}", host)  # another machine's: its lease holds
    assert not _is_dead_local("replay", host)


class RecordingChat(ChatClient):
    """A chat edge that answers from memory and records each call (no SDK client)."""

    def __init__(self) -> None:
        self.bot_did = BOT
        self.calls: list[tuple[str, object]] = []
        self.said = ChatMessage("m1", "c1", ALICE, "hi", 5, "r1")

    async def log(self, cursor: str | None) -> tuple[str | None, list[LogEntry]]:
        self.calls.append(("log", cursor))
        return "next", [LogEntry("message", "c1", "r1", self.said)]

    async def convo_with(self, did: str) -> Convo:
        self.calls.append(("convo_with", did))
        return Convo("c1", (BOT, did), "accepted", False)

    async def accept(self, convo_id: str) -> None:
        self.calls.append(("accept", convo_id))

    async def recent_messages(self, convo_id: str, limit: int = 30) -> list[ChatMessage]:
        self.calls.append(("recent_messages", (convo_id, limit)))
        return [self.said]

    async def send(self, convo_id: str, text: str) -> ChatMessage:
        self.calls.append(("send", (convo_id, text)))
        raise AssertionError("a dry run sent a DM")


async def test_dry_run_chat_reads_through_and_sends_nothing() -> None:
    real = RecordingChat()
    chat = DryRunChat(real, SimulatedClock(1_000))
    assert await chat.log("c0") == ("next", [LogEntry("message", "c1", "r1", real.said)])
    assert (await chat.convo_with(ALICE)).member_dids == (BOT, ALICE)
    await chat.accept("c1")
    assert await chat.recent_messages("c1", 5) == [real.said]
    sent = await chat.send("c1", "hello")
    assert sent == ChatMessage("dry-1000", "c1", BOT, "hello", 1_000, "")
    assert real.calls == [
        ("log", "c0"),
        ("convo_with", ALICE),
        ("accept", "c1"),
        ("recent_messages", ("c1", 5)),
    ]
