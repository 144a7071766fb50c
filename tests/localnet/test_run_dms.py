"""DMs end to end: `nudgebot run` as a process, the real local PDS proxying to our chat service.
A follow gets a welcome; `pause 2w` pauses and is answered; a plain reply is acknowledged once
and lands in the operator inbox; `stop` deletes and confirms; someone who allows no DMs is
recorded as unreachable and not retried."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from atproto import AsyncClient

from bot.store import Store
from tests.localnet.botproc import ROOT, BotProcess, Live, bot_env
from tests.localnet.conftest import AccountFactory
from tests.localnet.harness import Account, ChatServiceInfo, Network
from tests.localnet.util import Clients, declare, eventually, follow

pytestmark = pytest.mark.localnet


async def bot_says(her: AsyncClient, bot: Account, count: int) -> list[str] | None:
    """The bot's messages in her conversation with it, oldest first, once there are `count`."""
    convos = await her.chat.bsky.convo.list_convos()
    for convo in convos.convos:
        if bot.did in {m.did for m in convo.members}:
            got = await her.chat.bsky.convo.get_messages({"convo_id": convo.id})
            said = [m.text for m in reversed(got.messages) if m.sender.did == bot.did]
            return said if len(said) >= count else None
    return None


async def write(her: AsyncClient, bot: Account, text: str) -> None:
    convo = await her.chat.bsky.convo.get_convo_for_members({"members": [bot.did]})
    await her.chat.bsky.convo.send_message({"convo_id": convo.convo.id, "message": {"text": text}})


def inbox(env: dict[str, str], workdir: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "inbox"],
        cwd=workdir,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


async def test_welcome_pause_reply_stop_and_unreachable(live: Live) -> None:
    bot, ana, ned = live.make_account("bot"), live.make_account("ana"), live.make_account("ned")
    process = live.bot_process(
        bot,
        DAY_START_HOUR="0",  # nudges at any hour in the test
        DAY_END_HOUR="24",
        DM_PER_MINUTE="30",  # the default 3 would make the test wait for the budget
    )
    a, n = await live.clients.login(ana), await live.clients.login(ned)
    her = live.clients.chat(a, live.chat.did)
    await declare(n, ned, "none")  # Ned takes no DMs at all
    async with live.store() as store:
        process.start()
        try:
            await run_the_story(
                store, process, process.env, live.tmp_path, bot, ana, ned, a, n, her
            )
            code, seconds = process.terminate()
            assert code == 0 and seconds < 10
        except BaseException:
            print(process.output()[-8000:])
            raise
    output = process.output()
    assert bot.app_password not in output and "Traceback" not in output, output[-4000:]


async def run_the_story(
    store: Store,
    process: BotProcess,
    env: dict[str, str],
    workdir: Path,
    bot: Account,
    ana: Account,
    ned: Account,
    a: AsyncClient,
    n: AsyncClient,
    her: AsyncClient,
) -> None:
    await follow(a, ana, bot)
    [welcome] = await eventually(lambda: bot_says(her, bot, 1), within=60, what="the welcome")
    assert "stop" in welcome and "http" not in welcome

    await write(her, bot, "pause 2w")
    said: Any = await eventually(lambda: bot_says(her, bot, 2), within=60, what="pause answer")
    assert said[1].startswith("Paused until")
    person = await store.person(ana.did)
    assert person is not None and person.paused_until_us is not None

    await write(her, bot, "thanks, doing well! busy week")
    await write(her, bot, "and you?")
    said = await eventually(lambda: bot_says(her, bot, 3), within=60, what="the acknowledgement")
    assert "Thank you for writing back" in said[2]
    listing = inbox(env, workdir)
    assert ana.did in listing and "2 message(s)" in listing

    await follow(n, ned, bot)
    await eventually(
        lambda: _unreachable(store, ned.did), within=60, what="Ned recorded as unreachable"
    )
    [row] = [r for r in await store.outbox_rows(ned.did) if r["kind"] == "welcome"]
    assert row["status"] == "failed" and row["attempts"] == 1

    await write(her, bot, "STOP")
    said = await eventually(lambda: bot_says(her, bot, 4), within=60, what="the stop answer")
    assert "stopped" in said[3]
    assert await store.person(ana.did) is None and await store.outbox_rows(ana.did) == []
    assert ana.did not in inbox(env, workdir)
    assert len(await bot_says(her, bot, 4) or []) == 4  # nothing said twice


async def _unreachable(store: Store, did: str) -> bool:
    person = await store.person(did)
    return person is not None and person.unreachable_reason == "MessagesDisabled"


async def test_an_app_password_without_dm_access_stops_the_bot_with_instructions(
    live: Live,
) -> None:
    from atproto import models

    bot = live.make_account("bot")
    main = await live.clients.login(bot, app_password=False)
    plain = await main.com.atproto.server.create_app_password(
        models.ComAtprotoServerCreateAppPassword.Data(name="no-dms")
    )
    process = live.bot_process(bot, BSKY_APP_PASSWORD=plain.password)
    code = process.start().wait(60)
    output = process.output()
    assert code == 1, output[-3000:]
    assert "Allow access to your direct messages" in output
    assert plain.password not in output and "Traceback" not in output


async def test_a_429_storm_delays_but_neither_loses_nor_doubles_a_dm(live: Live) -> None:
    from tests.localnet.util import ChatControl

    bot = live.make_account("bot")
    people = [live.make_account(f"p{i}") for i in range(3)]
    process = live.bot_process(bot, DM_PER_MINUTE="30", DM_BACKOFF_SECONDS="1")
    control = ChatControl(live.chat.url)
    async with live.store() as store:
        await control.fault("429", method="chat.bsky.convo.sendMessage", count=4, retry_after=1)
        process.start()
        try:
            chats = []
            for person in people:
                client = await live.clients.login(person)
                await follow(client, person, bot)
                chats.append(live.clients.chat(client, live.chat.did))
            for her in chats:
                said = await eventually(lambda h=her: bot_says(h, bot, 1), within=120, what="DM")
                assert said is not None and len(said) == 1

            async def all_sent() -> list[dict[str, Any]] | None:
                rows = [r for p in people for r in await store.outbox_rows(p.did)]
                return rows if sorted(r["status"] for r in rows) == ["sent"] * 3 else None

            # the DM is visible to her a moment before the bot marks its row sent
            rows = await eventually(all_sent, within=10, what="every row marked sent")
            assert all(r["attempts"] == 1 for r in rows)  # 429s do not use up attempts
            seen = await control.requests()  # the whole session's: keep only this bot's
            faults = [r for r in seen if r.get("fault") == "429" and r.get("iss") == bot.did]
            assert len(faults) == 4  # the storm was real
            code, _ = process.terminate()
            assert code == 0
        except BaseException:
            print(process.output()[-8000:])
            raise
        finally:
            await control.clear()


async def test_stop_survives_reconciliation_and_start_brings_them_back(
    appview_net: Network,
    appview_chat_service: ChatServiceInfo,
    make_appview_account: AccountFactory,
    clients: Clients,
    processes: list[BotProcess],
    tmp_path: Path,
) -> None:
    """Still following after `stop`: the restart's reconciliation lists the follow and must
    not sign her up again; `start` must (it asks for a reconciliation at once)."""
    bot, cleo = make_appview_account("bot"), make_appview_account("cleo")
    c = await clients.login(cleo)
    her = clients.chat(c, appview_chat_service.did)
    env = bot_env(
        appview_net, bot, tmp_path, "relay", appview_net.firehose_uri, appview_chat_service
    )
    env["DM_PER_MINUTE"] = "30"
    process = BotProcess(env, tmp_path)
    processes.append(process)
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}") as store:
        await store.migrate()
        await store.set_cursor("relay", 0, 0)
        process.start()
        try:
            await follow(c, cleo, bot)
            await eventually(lambda: bot_says(her, bot, 1), within=60, what="the welcome")
            await write(her, bot, "stop")
            await eventually(lambda: bot_says(her, bot, 2), within=60, what="stop answer")
            assert await store.person(cleo.did) is None

            assert process.terminate()[0] == 0
            process.start()  # reconciliation at startup lists her follow
            await eventually(
                lambda: "reconciliation:" in process.output().split("nudgebot is running")[-1],
                within=60,
                what="the startup reconciliation",
            )
            assert await store.person(cleo.did) is None, "reconciliation signed her up again"

            await write(her, bot, "start")
            said: Any = await eventually(
                lambda: bot_says(her, bot, 3), within=60, what="start answer"
            )
            assert "Welcome back" in said[2] or "set" in said[2]
            await eventually(lambda: store.person(cleo.did), within=60, what="her opt-in")
            assert process.terminate()[0] == 0
        except BaseException:
            print(process.output()[-8000:])
            raise


@pytest.mark.parametrize("point", ["after-claim", "after-send"])
async def test_a_kill_between_claim_and_mark_neither_loses_nor_doubles_the_dm(
    point: str,
    live: Live,
) -> None:
    """The process dies (os._exit, as a SIGKILL would) right after claiming the welcome, or
    right after sending it and before marking it sent; the restart delivers it exactly once."""
    from bot.faults import EXIT_CODE as FAULT_EXIT_CODE

    bot, dee = live.make_account("bot"), live.make_account("dee")
    d = await live.clients.login(dee)
    her = live.clients.chat(d, live.chat.did)
    process = live.bot_process(bot, FAULT_POINT=point)
    async with live.store() as store:
        first = process.start()
        try:
            await follow(d, dee, bot)
            assert first.wait(60) == FAULT_EXIT_CODE
            [row] = await store.outbox_rows(dee.did)
            assert row["status"] == "claimed"  # never marked: the process died first
            del process.env["FAULT_POINT"]  # no fault this time
            process.start()
            said = await eventually(lambda: bot_says(her, bot, 1), within=120, what="welcome")
            await eventually(
                lambda: _status(store, dee.did, "sent"), within=120, what="the row marked sent"
            )
            assert said is not None and len(await bot_says(her, bot, 1) or []) == 1
            assert process.terminate()[0] == 0
        except BaseException:
            print(process.output()[-8000:])
            raise


async def _status(store: Store, did: str, status: str) -> bool:
    rows = await store.outbox_rows(did)
    return bool(rows) and rows[0]["status"] == status
