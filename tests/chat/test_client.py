"""ChatClient with the real SDK client against a fake chat.bsky.convo server on loopback:
plain data out, every error mapped (status and XRPC error name kept), sizes bounded."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
from atproto import AsyncClient
from atproto_client.request import AsyncRequest

from bot.chat import DM_ACCESS_HELP, ChatClient, ChatMessage, Convo
from bot.errors import (
    AuthError,
    NudgebotError,
    PermanentError,
    RateLimited,
    TransientError,
    UnreachableRecipient,
)
from tests.chat.fake_chat import (
    BOT,
    CONVO,
    DEFS,
    PERSON,
    Answer,
    FakeChat,
    convo,
    message,
    xrpc_error,
)

pytestmark = pytest.mark.loopback

CHAT_DID = "did:web:chat.test"
TIMEOUT_S = 0.5


@pytest.fixture
async def chat(fake: FakeChat) -> AsyncIterator[ChatClient]:
    base = AsyncClient(base_url=f"{fake.url}/xrpc", request=AsyncRequest(timeout=TIMEOUT_S))
    proxied = base.with_proxy("bsky_chat", CHAT_DID)
    try:
        yield ChatClient(proxied, BOT)
    finally:
        for client in (proxied, base):
            await client.request.close()


async def test_convo_with_returns_plain_data_through_the_proxy_header(
    fake: FakeChat, chat: ChatClient
) -> None:
    fake.answer("getConvoForMembers", Answer(body={"convo": convo(status="request", muted=True)}))
    got = await chat.convo_with(PERSON)
    assert got == Convo(id="c1", member_dids=(BOT, PERSON), status="request", muted=True)
    (call,) = fake.calls("getConvoForMembers")
    assert call.query == {"members": [PERSON]}
    assert call.headers["atproto-proxy"] == f"{CHAT_DID}#bsky_chat"


async def test_convo_without_the_person_is_refused(fake: FakeChat, chat: ChatClient) -> None:
    fake.answer("getConvoForMembers", Answer(body={"convo": convo(members=(BOT, "did:plc:x"))}))
    with pytest.raises(PermanentError, match="without"):
        await chat.convo_with(PERSON)


@pytest.mark.parametrize(
    "reason",
    [
        "MessagesDisabled",
        "NotFollowedBySender",
        "BlockedActor",
        "BlockedSubject",
        "RecipientNotFound",
        "AccountSuspended",
    ],
)
async def test_each_reachability_reason(fake: FakeChat, chat: ChatClient, reason: str) -> None:
    fake.answer("getConvoForMembers", xrpc_error(400, reason))
    with pytest.raises(UnreachableRecipient) as caught:
        await chat.convo_with(PERSON)
    error = caught.value
    assert (error.did, error.reason, error.status, error.error_name) == (
        PERSON,
        reason,
        400,
        reason,
    )


async def test_other_convo_errors_are_not_reachability(fake: FakeChat, chat: ChatClient) -> None:
    fake.answer("getConvoForMembers", xrpc_error(400, "InvalidRequest"))
    with pytest.raises(PermanentError) as caught:
        await chat.convo_with(PERSON)
    assert not isinstance(caught.value, UnreachableRecipient)


ERRORS: list[tuple[str, Answer, type[NudgebotError], int | None, str | None]] = [
    ("ConvoLocked", xrpc_error(400, "ConvoLocked"), PermanentError, 400, "ConvoLocked"),
    ("InvalidConvo", xrpc_error(400, "InvalidConvo"), PermanentError, 400, "InvalidConvo"),
    ("ReplyTarget", xrpc_error(400, "ReplyTargetNotFound"), PermanentError, 400, None),
    ("InvalidToken", xrpc_error(400, "InvalidToken", "Bad token scope"), AuthError, 400, None),
    ("401", xrpc_error(401, "AuthMissing"), AuthError, 401, "AuthMissing"),
    ("413", xrpc_error(413, "PayloadTooLarge"), PermanentError, 413, None),
    ("500", xrpc_error(500, "InternalServerError"), TransientError, 500, None),
    ("502 proxy", xrpc_error(502, "UpstreamFailure"), TransientError, 502, "UpstreamFailure"),
    ("503", Answer(503, {"error": "NotEnoughResources"}), TransientError, 503, None),
    ("429 bare", xrpc_error(429, "RateLimitExceeded"), RateLimited, 429, "RateLimitExceeded"),
]


@pytest.mark.parametrize(
    ("answer", "expected", "status", "name"),
    [row[1:] for row in ERRORS],
    ids=[row[0] for row in ERRORS],
)
async def test_send_error_mapping(
    fake: FakeChat,
    chat: ChatClient,
    answer: Answer,
    expected: type[NudgebotError],
    status: int,
    name: str | None,
) -> None:
    fake.answer("sendMessage", answer)
    with pytest.raises(expected) as caught:
        await chat.send("c1", "hi")
    assert type(caught.value) is expected  # e.g. not an UnreachableRecipient
    assert caught.value.status == status
    assert caught.value.error_name == (name or answer.body["error"])
    if expected is RateLimited:
        assert caught.value.retry_after is None  # type: ignore[attr-defined]


async def test_429_with_retry_after(fake: FakeChat, chat: ChatClient) -> None:
    fake.answer("sendMessage", xrpc_error(429, "RateLimitExceeded", **{"retry-after": "42"}))
    with pytest.raises(RateLimited) as caught:
        await chat.send("c1", "hi")
    assert caught.value.retry_after == 42.0


async def test_timeout_is_transient(fake: FakeChat, chat: ChatClient) -> None:
    fake.answer("sendMessage", Answer(delay=TIMEOUT_S * 3))
    with pytest.raises(TransientError) as caught:
        await chat.send("c1", "hi")
    assert type(caught.value) is TransientError and "timed out" in str(caught.value)


async def test_send_returns_the_message(fake: FakeChat, chat: ChatClient) -> None:
    sent = await chat.send("c1", "Hi 👋🏽 there")
    assert sent == ChatMessage(
        id="m1",
        convo_id="c1",
        sender_did=BOT,
        text="Hi 👋🏽 there",
        sent_at_us=1_767_323_045_678_000,
        rev="r1",
    )
    (call,) = fake.calls("sendMessage")
    assert call.body["convoId"] == "c1" and call.body["message"]["text"] == "Hi 👋🏽 there"


async def test_send_refuses_over_1000_graphemes_without_a_request(
    fake: FakeChat, chat: ChatClient
) -> None:
    await chat.send("c1", "👋🏽" * 1000)  # 1000 graphemes, 8000 bytes: fine
    with pytest.raises(PermanentError, match="1000 graphemes"):
        await chat.send("c1", "a" * 1001)
    assert len(fake.calls("sendMessage")) == 1


async def test_malformed_send_answer_is_permanent(fake: FakeChat, chat: ChatClient) -> None:
    fake.answer("sendMessage", Answer(body={**message(), "id": "x" * 600}))
    with pytest.raises(PermanentError, match="malformed"):
        await chat.send("c1", "hi")


async def test_check_access_names_the_app_password_to_create(
    fake: FakeChat, chat: ChatClient
) -> None:
    await chat.check_access()
    assert fake.calls("listConvos")[0].query == {"limit": ["1"]}
    fake.answer("listConvos", xrpc_error(400, "InvalidToken", "Bad token method"))
    with pytest.raises(AuthError) as caught:
        await chat.check_access()
    text = str(caught.value)
    assert DM_ACCESS_HELP in text and "Bad token method" in text
    assert (
        "an app password with 'Allow access to your direct messages' "
        "(Settings → Privacy and security → App passwords)"
    ) in text
    assert (caught.value.status, caught.value.error_name) == (400, "InvalidToken")


async def test_check_access_maps_other_failures(fake: FakeChat, chat: ChatClient) -> None:
    fake.answer("listConvos", *[xrpc_error(502, "UpstreamFailure")] * 3)
    with pytest.raises(TransientError):
        await chat.check_access()
    assert len(fake.calls("listConvos")) == 3  # a read is tried three times, then given up


async def test_a_read_recovers_from_one_transient_failure(fake: FakeChat, chat: ChatClient) -> None:
    fake.answer("listConvos", xrpc_error(503, "Unavailable"))
    await chat.check_access()
    assert len(fake.calls("listConvos")) == 2


async def test_a_send_is_never_repeated_in_the_call(fake: FakeChat, chat: ChatClient) -> None:
    """A 502 may hide a message that went through: the outbox decides, after looking."""
    fake.answer("sendMessage", xrpc_error(502, "UpstreamFailure"))
    with pytest.raises(TransientError):
        await chat.send("c1", "hello")
    assert len(fake.calls("sendMessage")) == 1


async def test_can_chat(fake: FakeChat, chat: ChatClient) -> None:
    assert await chat.can_chat(PERSON) is True
    fake.answer("getConvoAvailability", Answer(body={"canChat": False}))
    assert await chat.can_chat(PERSON) is False
    assert fake.calls("getConvoAvailability")[0].query == {"members": [PERSON]}


async def test_recent_messages_are_bounded_and_skip_what_is_not_a_message(
    fake: FakeChat, chat: ChatClient, caplog: pytest.LogCaptureFixture
) -> None:
    long = "é" * 5000  # 10,000 bytes: the most Bluesky allows
    deleted = {**message(id="m2"), "$type": DEFS + "deletedMessageView"}
    del deleted["text"]
    messages = [
        message("newest", PERSON, id="m3", rev="r3", sent_at="not a time"),
        deleted,
        message(long, id="m1", rev="r1", sent_at="2026-01-02T03:04:05.123456789+01:00"),
        {"$type": DEFS + "systemMessageView", "id": "s", "rev": "r", "sentAt": "x", "data": {}},
        {**message(id="m0"), "sender": {}},  # no sender DID: skipped
        message("bad time again", id="m4", sent_at=None),
    ]
    fake.answer("getMessages", Answer(body={"messages": messages, "cursor": "r1"}))
    with caplog.at_level(logging.WARNING, logger="bot.chat.client"):
        got = await chat.recent_messages("c1", limit=500)
    assert [m.id for m in got] == ["m3", "m1", "m4"]
    assert got[0].sent_at_us == 0 and got[2].sent_at_us == 0
    assert got[1].sent_at_us == 1_767_319_445_123_456
    assert got[1].text == "é" * 2048 and len(got[1].text.encode()) == 4096
    assert chat.bad_times == 2 and chat.skipped == 1
    assert len([r for r in caplog.records if "sentAt" in r.getMessage()]) == 1  # logged once
    assert fake.calls("getMessages")[0].query == {"convoId": ["c1"], "limit": ["100"]}


async def test_log_without_cursor_is_now(fake: FakeChat, chat: ChatClient) -> None:
    cursor, entries = await chat.log(None)
    assert (cursor, entries) == ("now0001", [])
    assert fake.calls("getLog")[0].query == {}


async def test_log_entries_by_kind(fake: FakeChat, chat: ChatClient) -> None:
    def entry(kind: str, rev: str, **extra: object) -> dict[str, object]:
        return {"$type": DEFS + kind, "rev": rev, "convoId": "c1", **extra}

    deleted = {**message(id="m0"), "$type": DEFS + "deletedMessageView"}
    logs = [
        entry("logBeginConvo", "r1"),
        entry("logCreateMessage", "r2", message=message("stop", PERSON, id="m2", rev="r2")),
        entry("logAcceptConvo", "r3"),
        entry("logMuteConvo", "r4"),
        entry("logLeaveConvo", "r5"),
        entry("logCreateMessage", "r6", message=deleted),
        entry("logSomethingNewer", "r7", whatever=[1, 2]),  # a $type newer than this SDK
        {"$type": DEFS + "logFuture", "rev": "r8"},  # no convoId: skipped
    ]
    fake.answer("getLog", Answer(body={"cursor": "r8", "logs": logs}))
    cursor, entries = await chat.log("r0")
    assert cursor == "r8"
    assert [(e.kind, e.rev) for e in entries] == [
        ("begin", "r1"),
        ("message", "r2"),
        ("accept", "r3"),
        ("other", "r4"),
        ("leave", "r5"),
        ("other", "r6"),
        ("other", "r7"),
    ]
    said = entries[1].message
    assert said is not None and (said.sender_did, said.text, said.convo_id) == (
        PERSON,
        "stop",
        "c1",
    )
    assert all(e.message is None for e in entries if e.kind != "message")
    assert fake.calls("getLog")[0].query == {"cursor": ["r0"]}


async def test_log_keeps_its_cursor_when_the_answer_has_none(
    fake: FakeChat, chat: ChatClient
) -> None:
    fake.answer("getLog", Answer(body={"logs": []}))
    assert await chat.log("r5") == ("r5", [])


async def test_accept_and_mark_read_bodies(fake: FakeChat, chat: ChatClient) -> None:
    await chat.accept("c1")
    await chat.mark_read("c1")
    await chat.mark_read("c1", "m7")
    assert [s.body for s in fake.calls("acceptConvo")] == [{"convoId": "c1"}]
    assert [s.body for s in fake.calls("updateRead")] == [
        {"convoId": "c1"},
        {"convoId": "c1", "messageId": "m7"},
    ]


async def test_invalid_convo_on_accept_is_permanent(fake: FakeChat, chat: ChatClient) -> None:
    fake.answer("acceptConvo", xrpc_error(400, "InvalidConvo"))
    with pytest.raises(PermanentError) as caught:
        await chat.accept("nope")
    assert caught.value.error_name == "InvalidConvo"


def test_no_sdk_model_leaves_the_package() -> None:
    assert CONVO == "chat.bsky.convo."
    for cls in (ChatMessage, Convo):
        assert cls.__module__ == "bot.chat.wire"


async def test_one_odd_log_entry_does_not_block_the_poll(fake: FakeChat, chat: ChatClient) -> None:
    """The SDK's own model would reject the whole page (text over 10,000 characters, a
    missing sender); the client keeps the rest and moves its cursor on."""

    def created(rev: str, view: dict[str, object]) -> dict[str, object]:
        return {"$type": DEFS + "logCreateMessage", "rev": rev, "convoId": "c1", "message": view}

    huge = message("x" * 12_000, PERSON, id="m1", rev="r1")
    no_sender = {**message(id="m2", rev="r2"), "sender": None}
    fine = message("hi", PERSON, id="m3", rev="r3")
    logs = [created("r1", huge), created("r2", no_sender), created("r3", fine)]
    fake.answer("getLog", Answer(body={"cursor": "r3", "logs": logs}))
    cursor, entries = await chat.log("r0")
    assert cursor == "r3" and [e.rev for e in entries] == ["r1", "r3"]
    assert entries[0].message is not None and entries[0].message.text == "x" * 4096
    assert chat.skipped == 1
