"""ChatClient for the bot's session (SessionOwner) through the real local PDS proxy to our chat
service: DMs both ways, the log, reachability, a login without DM access, faults."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from atproto import AsyncClient, models
from pydantic import SecretStr

from bot.chat import DM_ACCESS_HELP, ChatClient, LogEntry
from bot.errors import (
    AuthError,
    PermanentError,
    RateLimited,
    TransientError,
    UnreachableRecipient,
)
from bot.sources.session import SessionFile, SessionOwner
from tests.localnet.conftest import AccountFactory
from tests.localnet.harness import Account, ChatServiceInfo
from tests.localnet.util import ChatControl, Clients, declare, follow

pytestmark = pytest.mark.localnet

CONVO = "chat.bsky.convo."


@pytest.fixture
async def control(chat_service: ChatServiceInfo) -> AsyncIterator[ChatControl]:
    ctl = ChatControl(chat_service.url)
    await ctl.clear()
    try:
        yield ctl
    finally:
        await ctl.clear()


@pytest.fixture
def bot_account(make_account: AccountFactory) -> Account:
    return make_account("nudge")


async def start_owner(account: Account, password: str, path: Path) -> SessionOwner:
    owner = SessionOwner(account.pds_url, account.handle, SecretStr(password), SessionFile(path))
    await owner.start()
    return owner


@pytest.fixture
async def owner(bot_account: Account, tmp_path: Path) -> AsyncIterator[SessionOwner]:
    started = await start_owner(bot_account, bot_account.app_password, tmp_path / "session")
    try:
        yield started
    finally:
        await started.close()


@pytest.fixture
def chat(owner: SessionOwner, chat_service: ChatServiceInfo) -> ChatClient:
    assert owner.did is not None
    return ChatClient(owner.proxied("bsky_chat", chat_service.did), owner.did)


async def person_chat(
    clients: Clients, chat_service: ChatServiceInfo, person: Account
) -> AsyncClient:
    return clients.chat(await clients.login(person), chat_service.did)


def kinds(entries: list[LogEntry], convo_id: str) -> list[str]:
    return [e.kind for e in entries if e.convo_id == convo_id]


async def test_dm_reply_and_leave(
    chat: ChatClient,
    bot_account: Account,
    chat_service: ChatServiceInfo,
    make_account: AccountFactory,
    clients: Clients,
) -> None:
    person = make_account("person")
    await follow(await clients.login(person), person, bot_account)  # opts in; default: following
    her = await person_chat(clients, chat_service, person)
    await chat.check_access()
    start, nothing = await chat.log(None)
    assert start and nothing == []

    assert await chat.can_chat(person.did) is True
    convo = await chat.convo_with(person.did)
    assert set(convo.member_dids) == {bot_account.did, person.did}
    assert (convo.status, convo.muted) == ("accepted", False)
    sent = await chat.send(convo.id, "Hi 👋🏽 — how are you doing?")
    assert (sent.convo_id, sent.sender_did) == (convo.id, bot_account.did)
    assert sent.sent_at_us > 1_700_000_000_000_000

    # She sees it as a request, with the text; the bot sees it in the convo's recent messages.
    requests = await her.chat.bsky.convo.list_convos({"status": "request"})
    assert [c.id for c in requests.convos] == [convo.id]
    got = await her.chat.bsky.convo.get_messages({"convo_id": convo.id})
    assert [m.text for m in got.messages] == [sent.text]
    assert [m.id for m in await chat.recent_messages(convo.id)] == [sent.id]

    reply = await her.chat.bsky.convo.send_message(
        {"convo_id": convo.id, "message": {"text": "doing fine, thanks"}}
    )
    cursor, entries = await chat.log(start)
    assert kinds(entries, convo.id) == ["begin", "message", "message"]
    said = entries[-1].message
    assert said is not None and (said.sender_did, said.text, said.id) == (
        person.did,
        "doing fine, thanks",
        reply.id,
    )
    assert [m.id for m in await chat.recent_messages(convo.id, limit=1)] == [reply.id]
    await chat.mark_read(convo.id, reply.id)
    assert await chat.log(cursor) == (cursor, [])

    await her.chat.bsky.convo.leave_convo({"convo_id": convo.id})
    cursor, entries = await chat.log(cursor)
    assert kinds(entries, convo.id) == ["leave"]
    assert (await her.chat.bsky.convo.list_convos()).convos == []


async def test_a_person_who_writes_first_is_a_request_until_accepted(
    chat: ChatClient,
    owner: SessionOwner,
    bot_account: Account,
    chat_service: ChatServiceInfo,
    make_account: AccountFactory,
    clients: Clients,
) -> None:
    await declare(owner.client, bot_account, "all")
    person = make_account("first")
    her = await person_chat(clients, chat_service, person)
    start, _ = await chat.log(None)
    theirs = await her.chat.bsky.convo.get_convo_for_members({"members": [bot_account.did]})
    await her.chat.bsky.convo.send_message(
        {"convo_id": theirs.convo.id, "message": {"text": "hello bot"}}
    )
    cursor, entries = await chat.log(start)
    assert kinds(entries, theirs.convo.id) == ["begin", "message"]
    assert entries[-1].message is not None and entries[-1].message.sender_did == person.did

    convo = await chat.convo_with(person.did)
    assert (convo.id, convo.status) == (theirs.convo.id, "request")
    await chat.accept(convo.id)
    assert (await chat.convo_with(person.did)).status == "accepted"
    _, entries = await chat.log(cursor)
    assert kinds(entries, convo.id) == ["accept"]


async def test_unreachable_people(
    chat: ChatClient,
    bot_account: Account,
    make_account: AccountFactory,
    clients: Clients,
) -> None:
    closed, stranger = make_account("closed"), make_account("stranger")
    closed_pds = await clients.login(closed)
    await follow(closed_pds, closed, bot_account)  # following does not override "none"
    await declare(closed_pds, closed, "none")
    for person, reason in [(closed, "MessagesDisabled"), (stranger, "NotFollowedBySender")]:
        assert await chat.can_chat(person.did) is False
        with pytest.raises(UnreachableRecipient) as caught:
            await chat.convo_with(person.did)
        error = caught.value
        assert (error.did, error.reason, error.status, error.error_name) == (
            person.did,
            reason,
            400,
            reason,
        )


async def test_a_login_without_dm_access_is_told_what_to_create(
    chat_service: ChatServiceInfo,
    make_account: AccountFactory,
    clients: Clients,
    tmp_path: Path,
) -> None:
    account = make_account("plainpw")
    main = await clients.login(account, app_password=False)
    plain = await main.com.atproto.server.create_app_password(
        models.ComAtprotoServerCreateAppPassword.Data(name="no-dms")  # privileged: not set
    )
    owner = await start_owner(account, plain.password, tmp_path / "session")
    try:
        chat = ChatClient(owner.proxied("bsky_chat", chat_service.did), account.did)
        with pytest.raises(AuthError) as caught:
            await chat.check_access()
    finally:
        await owner.close()
    assert DM_ACCESS_HELP in str(caught.value)
    assert "'Allow access to your direct messages'" in str(caught.value)
    assert (caught.value.status, caught.value.error_name) == (400, "InvalidToken")


@pytest.fixture
async def open_convo(
    chat: ChatClient, make_account: AccountFactory, clients: Clients
) -> tuple[str, str]:
    """(DID, convo id) of a person who accepts DMs from anyone."""
    person = make_account("open")
    await declare(await clients.login(person), person, "all")
    return person.did, (await chat.convo_with(person.did)).id


async def test_faults_through_the_proxy(
    chat: ChatClient, control: ChatControl, open_convo: tuple[str, str]
) -> None:
    did, convo_id = open_convo
    await control.fault("429", CONVO + "sendMessage", retry_after=42)
    with pytest.raises(RateLimited) as limited:
        await chat.send(convo_id, "x")
    assert limited.value.retry_after is None  # the dev PDS proxy drops retry-after

    await control.fault("500", CONVO + "getLog", count=3)  # a read is tried three times
    with pytest.raises(TransientError) as failed:
        await chat.log(None)
    assert type(failed.value) is TransientError and failed.value.status == 502
    await control.fault("500", CONVO + "getLog", count=1)  # one failure: the retry gets through
    assert (await chat.log(None))[1] == []

    await control.fault("error", CONVO + "sendMessage", error="ConvoLocked")
    with pytest.raises(PermanentError) as locked:
        await chat.send(convo_id, "x")
    assert (locked.value.status, locked.value.error_name) == (400, "ConvoLocked")

    await control.fault("error", CONVO + "getConvoForMembers", error="AccountSuspended")
    with pytest.raises(UnreachableRecipient) as suspended:
        await chat.convo_with(did)
    assert suspended.value.reason == "AccountSuspended"

    assert (await chat.send(convo_id, "after the storm")).text == "after the storm"
