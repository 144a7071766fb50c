"""Our chat service through the local PDS's proxy, with the real SDK: DMs, JWTs, faults."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import httpx
import pytest
from atproto import AsyncClient, models
from atproto_client.exceptions import (
    BadRequestError,
    InvokeTimeoutError,
    NetworkError,
    RateLimitExceededError,
)

from tests.localnet.conftest import AccountFactory
from tests.localnet.harness import ChatServiceInfo
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


async def test_dm_round_trip_through_the_pds_proxy(
    chat_service: ChatServiceInfo,
    control: ChatControl,
    make_account: AccountFactory,
    clients: Clients,
) -> None:
    nudger, alice = make_account("nudger"), make_account("alice")
    nudger_pds, alice_pds = await clients.login(nudger), await clients.login(alice)
    await follow(alice_pds, alice, nudger)  # alice opts in; her default allowIncoming=following
    bot = clients.chat(nudger_pds, chat_service.did)
    her = clients.chat(alice_pds, chat_service.did)

    avail = await bot.chat.bsky.convo.get_convo_availability({"members": [alice.did]})
    assert avail.can_chat is True and avail.convo is None
    convo = (await bot.chat.bsky.convo.get_convo_for_members({"members": [alice.did]})).convo
    assert {m.did for m in convo.members} == {nudger.did, alice.did}
    assert {m.handle for m in convo.members} == {nudger.handle, alice.handle}

    # getLog without a cursor: only the current position, no history.
    start = await bot.chat.bsky.convo.get_log()
    assert start.logs == [] and start.cursor

    sent = await bot.chat.bsky.convo.send_message(
        {"convo_id": convo.id, "message": {"text": "Hi Alice 👋🏽 — a kind nudge"}}
    )
    assert sent.sender.did == nudger.did

    requests = await her.chat.bsky.convo.list_convos({"status": "request"})
    assert [c.id for c in requests.convos] == [convo.id]
    assert requests.convos[0].unread_count == 1
    msgs = await her.chat.bsky.convo.get_messages({"convo_id": convo.id})
    assert [m.text for m in msgs.messages] == ["Hi Alice 👋🏽 — a kind nudge"]
    accepted = await her.chat.bsky.convo.accept_convo({"convo_id": convo.id})
    assert accepted.rev
    await her.chat.bsky.convo.update_read({"convo_id": convo.id})
    assert (await her.chat.bsky.convo.get_convo({"convo_id": convo.id})).convo.unread_count == 0
    await her.chat.bsky.convo.send_message({"convo_id": convo.id, "message": {"text": "stop"}})

    log = await bot.chat.bsky.convo.get_log({"cursor": start.cursor})
    created = [e for e in log.logs if isinstance(e, models.ChatBskyConvoDefs.LogCreateMessage)]
    texts = [(e.message.sender.did, e.message.text) for e in created]  # type: ignore[union-attr]
    assert texts == [(nudger.did, "Hi Alice 👋🏽 — a kind nudge"), (alice.did, "stop")]
    again = await bot.chat.bsky.convo.get_log({"cursor": log.cursor})
    assert again.logs == [] and again.cursor == log.cursor

    # The service saw every call with a verified service JWT naming the caller and method.
    seen = await control.requests()
    mine = [r for r in seen if r.get("iss") in (nudger.did, alice.did)]
    assert mine and all(r["aud"] == chat_service.did for r in mine)
    assert all(r["lxm"] == r["method"] for r in mine)
    assert {r["iss"] for r in mine if r["method"] == CONVO + "acceptConvo"} == {alice.did}


async def test_service_jwt_is_verified(
    chat_service: ChatServiceInfo,
    control: ChatControl,
    make_account: AccountFactory,
    clients: Clients,
) -> None:
    who = make_account("jwt")
    pds = await clients.login(who, app_password=False)

    async def token(aud: str, lxm: str) -> str:
        got = await pds.com.atproto.server.get_service_auth({"aud": aud, "lxm": lxm})
        return got.token

    url = f"{chat_service.url}/xrpc/{CONVO}getLog"
    good = await token(chat_service.did, CONVO + "getLog")
    wrong_method = await token(chat_service.did, CONVO + "sendMessage")
    wrong_aud = await token("did:web:localhost%3A1", CONVO + "getLog")
    head, payload, sig = good.split(".")
    forged = f"{head}.{payload}.{sig[:-4]}{'AAAA' if sig[-4:] != 'AAAA' else 'BBBB'}"
    async with httpx.AsyncClient(timeout=10) as http:

        async def call(jwt: str | None) -> httpx.Response:
            headers = {"authorization": f"Bearer {jwt}"} if jwt else {}
            return await http.get(url, headers=headers)

        assert (await call(good)).status_code == 200
        for bad, error in [
            (None, "AuthMissing"),
            (wrong_method, "BadJwtLexiconMethod"),
            (wrong_aud, "InvalidToken"),
            (forged, "InvalidToken"),
        ]:
            r = await call(bad)
            assert (r.status_code, r.json()["error"]) == (401, error)


async def test_allow_incoming_is_enforced(
    chat_service: ChatServiceInfo, make_account: AccountFactory, clients: Clients
) -> None:
    sender = make_account("sender")
    closed, picky, open_ = make_account("closed"), make_account("picky"), make_account("open")
    bot = clients.chat(await clients.login(sender), chat_service.did)
    await declare(await clients.login(closed), closed, "none")
    await follow(await clients.login(closed), closed, sender)  # following does not override none
    await declare(await clients.login(open_), open_, "all")
    # picky has no declaration: Bluesky's default is "following", and picky follows nobody.

    for person, error in [(closed, "MessagesDisabled"), (picky, "NotFollowedBySender")]:
        avail = await bot.chat.bsky.convo.get_convo_availability({"members": [person.did]})
        assert avail.can_chat is False
        with pytest.raises(BadRequestError) as e:
            await bot.chat.bsky.convo.get_convo_for_members({"members": [person.did]})
        assert e.value.response is not None
        assert e.value.response.content.error == error  # type: ignore[union-attr]

    convo = (await bot.chat.bsky.convo.get_convo_for_members({"members": [open_.did]})).convo
    assert convo.status == "accepted"  # the sender's own view of a convo it started


async def test_plain_app_password_cannot_chat(
    chat_service: ChatServiceInfo, make_account: AccountFactory, clients: Clients
) -> None:
    who = make_account("plain")
    pds = await clients.login(who, app_password=False)
    plain = await pds.com.atproto.server.create_app_password(
        models.ComAtprotoServerCreateAppPassword.Data(name="not-privileged")
    )
    client = clients.new(who.pds_url)
    await client.login(who.handle, plain.password, fetch_bsky_profile=False)
    with pytest.raises(BadRequestError) as e:
        await clients.chat(client, chat_service.did).chat.bsky.convo.get_log()
    assert e.value.response is not None
    assert e.value.response.content.error == "InvalidToken"  # type: ignore[union-attr]


@pytest.fixture
async def pair(
    chat_service: ChatServiceInfo, make_account: AccountFactory, clients: Clients
) -> tuple[AsyncClient, str]:
    """A chat client for a fresh sender and a convo with an open recipient."""
    sender, open_ = make_account("faulty"), make_account("open")
    await declare(await clients.login(open_), open_, "all")
    bot = clients.chat(await clients.login(sender), chat_service.did)
    convo = (await bot.chat.bsky.convo.get_convo_for_members({"members": [open_.did]})).convo
    return bot, convo.id


async def test_fault_429(control: ChatControl, pair: tuple[AsyncClient, str]) -> None:
    bot, convo_id = pair
    await control.fault("429", CONVO + "sendMessage", count=2, retry_after=42)
    for _ in range(2):
        with pytest.raises(RateLimitExceededError) as e:
            await bot.chat.bsky.convo.send_message({"convo_id": convo_id, "message": {"text": "x"}})
        assert e.value.response is not None and e.value.response.status_code == 429
        assert e.value.response.content.error == "RateLimitExceeded"  # type: ignore[union-attr]
        # The dev PDS's proxy drops retry-after / ratelimit-*: a client must not rely on them.
        assert e.value.retry_after is None
    sent = await bot.chat.bsky.convo.send_message({"convo_id": convo_id, "message": {"text": "y"}})
    assert sent.text == "y"


async def test_fault_500_arrives_as_502(
    control: ChatControl, pair: tuple[AsyncClient, str]
) -> None:
    bot, _convo_id = pair
    await control.fault("500", CONVO + "getLog", count=1)
    with pytest.raises(NetworkError) as e:
        await bot.chat.bsky.convo.get_log()
    # The dev PDS's proxy turns an upstream 5xx into 502 and keeps the upstream's error body.
    assert e.value.response is not None and e.value.response.status_code == 502
    assert e.value.response.content.error == "InternalServerError"  # type: ignore[union-attr]
    assert (await bot.chat.bsky.convo.get_log()).cursor


async def test_fault_slow(
    chat_service: ChatServiceInfo,
    control: ChatControl,
    make_account: AccountFactory,
    clients: Clients,
    pair: tuple[AsyncClient, str],
) -> None:
    bot, convo_id = pair
    await control.fault("slow", CONVO + "getConvo", count=1, delay=1.5)
    began = time.monotonic()
    got = await bot.chat.bsky.convo.get_convo({"convo_id": convo_id})
    assert got.convo.id == convo_id and time.monotonic() - began >= 1.5

    # Slower than the client's timeout: the SDK raises InvokeTimeoutError.
    who = make_account("impatient")
    impatient = clients.chat(await clients.login(who, http_timeout=1.0), chat_service.did)
    await control.fault("slow", CONVO + "getLog", count=1, delay=3.0)
    with pytest.raises(InvokeTimeoutError):
        await impatient.chat.bsky.convo.get_log()
    assert (await impatient.chat.bsky.convo.get_log()).cursor
    faults = [r for r in await control.requests() if r.get("fault") == "slow"]
    assert len(faults) >= 2


async def test_fault_until_cleared_and_wildcard(
    control: ChatControl, pair: tuple[AsyncClient, str]
) -> None:
    bot, convo_id = pair
    await control.fault("429", "*", count=None)
    for _ in range(3):
        with pytest.raises(RateLimitExceededError):
            await bot.chat.bsky.convo.get_convo({"convo_id": convo_id})
    await control.clear()
    assert (await bot.chat.bsky.convo.get_convo({"convo_id": convo_id})).convo.id == convo_id
