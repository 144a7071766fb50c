"""The chat service's answers (through the PDS proxy) are size-bounded before they are parsed:
an oversized one is a `ResponseTooLarge`, asked once, and a DM caught in it is retried by the
outbox, not lost or sent twice. The real SDK client over a fake chat server on loopback."""

from __future__ import annotations

import gzip
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from atproto import AsyncClient

from bot.chat import ChatClient
from bot.clock import US_PER_MINUTE
from bot.errors import ResponseTooLarge
from bot.outbox import Outbox, SendSettings
from bot.pacing import DmBudget
from bot.sender import ChatSender, send_paced
from bot.sources.bounded import BoundedRequest
from bot.store import IngestBatch, OptIn, OutboxDraft, Store
from tests.chat.fake_chat import BOT, PERSON, Answer, FakeChat, message

pytestmark = pytest.mark.loopback

LIMIT = 64 * 1024
T0 = 1_785_585_600_000_000
TEXT = "hello, welcome"
HUGE_LOG = {"cursor": "c9", "logs": [{"$type": "x", "rev": "r", "convoId": "c1"}] * 5000}
BOMB = gzip.compress(json.dumps({"messages": [message("x" * 1000)] * 2000}).encode())


@pytest.fixture
async def chat(fake: FakeChat) -> AsyncIterator[ChatClient]:
    base = AsyncClient(base_url=f"{fake.url}/xrpc", request=BoundedRequest(LIMIT, timeout=2.0))
    proxied = base.with_proxy("bsky_chat", "did:web:chat.test")  # as SessionOwner.proxied does
    try:
        yield ChatClient(proxied, BOT)
    finally:
        for client in (proxied, base):
            await client.request.close()


async def test_an_oversized_log_is_refused_once_and_the_next_poll_reads_on(
    fake: FakeChat, chat: ChatClient
) -> None:
    assert len(json.dumps(HUGE_LOG)) > LIMIT
    fake.answer("getLog", Answer(body=HUGE_LOG))
    with pytest.raises(ResponseTooLarge, match=r"chat\.bsky\.convo\.getLog"):
        await chat.log("c1")
    assert len(fake.calls("getLog")) == 1  # not asked again at once
    assert await chat.log("c1") == ("c1", [])  # the same cursor: nothing skipped


async def test_a_gzip_bomb_from_get_messages_is_refused(fake: FakeChat, chat: ChatClient) -> None:
    assert len(BOMB) < LIMIT  # small on the wire; the bound counts the inflated bytes
    fake.answer("getMessages", Answer(body=BOMB, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(ResponseTooLarge, match="getMessages"):
        await chat.recent_messages("c1")
    small = gzip.compress(json.dumps({"messages": [message(TEXT)]}).encode())
    fake.answer("getMessages", Answer(body=small, headers={"Content-Encoding": "gzip"}))
    [got] = await chat.recent_messages("c1")  # a small compressed answer is read as usual
    assert got.text == TEXT


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path}/s.db") as opened:
        await opened.migrate()
        batch = IngestBatch()
        batch.opt_ins[PERSON] = OptIn(PERSON, "f1", T0)
        batch.welcomes[PERSON] = OutboxDraft(PERSON, "welcome", str(T0), 0, TEXT, T0)
        await opened.apply(batch, T0, lambda _: None)
        yield opened


def too_big(method: str) -> Answer:
    if method == "sendMessage":
        return Answer(body={**message(TEXT), "text": TEXT + " " * LIMIT})
    return Answer(body={"convo": {"id": "c1", "pad": "x" * LIMIT}})


@pytest.mark.parametrize("method", ["getConvoForMembers", "sendMessage"])
async def test_a_dm_caught_in_an_oversized_answer_is_retried_not_lost(
    fake: FakeChat, chat: ChatClient, store: Store, method: str
) -> None:
    sender = ChatSender(chat, store, BOT, DmBudget())
    outbox = Outbox(store, sender, SendSettings(), "w1")
    fake.answer(method, too_big(method))
    assert await send_paced(outbox, sender.budget, T0) == 0
    [row] = await store.outbox_rows(PERSON)
    assert (row["status"], row["attempts"]) == ("pending", 1)
    assert "too large" in row["last_error"]
    if method == "sendMessage":  # it did go out: the next try must find it, not send again
        fake.answer("getMessages", Answer(body={"messages": [message(TEXT, BOT, id="m7")]}))
    assert await send_paced(outbox, sender.budget, T0 + 10 * US_PER_MINUTE) == 1
    [row] = await store.outbox_rows(PERSON)
    assert row["status"] == "sent"
    assert len(fake.calls("sendMessage")) == 1  # exactly one DM either way
    assert sender.recovered == (1 if method == "sendMessage" else 0)
