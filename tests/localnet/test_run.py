"""`nudgebot run` as a real process against the local network: follow → opt-in, activity
recorded, SIGKILL while people keep posting and following, restart from the saved cursors with
nothing missed and nothing counted twice, SIGTERM → exit 0 with the cursors saved. With both
firehose sources."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from bot.store import Store
from bot.store.models import metadata
from tests.localnet.botproc import BotProcess, Live, bot_env, counted_once, follow, like, post
from tests.localnet.conftest import AccountFactory
from tests.localnet.harness import ChatServiceInfo, Network
from tests.localnet.util import Clients, eventually

pytestmark = pytest.mark.localnet


@pytest.mark.parametrize("firehose", ["jetstream", "relay"])
async def test_sigkill_and_restart_loses_and_doubles_nothing(
    firehose: str,
    live: Live,
) -> None:
    make_account = live.make_account
    bot, alice, bob = make_account("bot"), make_account("alice"), make_account("bob")
    notify = live.tmp_path / "notify.sock"
    systemd = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)  # what Type=notify listens on
    systemd.bind(str(notify))
    systemd.settimeout(30)
    process = live.bot_process(bot, firehose=firehose, NOTIFY_SOCKET=str(notify))
    a, b = await live.clients.login(alice), await live.clients.login(bob)
    async with live.store(firehose=firehose) as store:
        process.start()
        try:
            await follow(a, alice, bot)
            first = await post(a, alice, "hello from before the crash")
            await eventually(
                lambda: counted_once(store, alice.did, 2, 1), within=60, what="alice's follow+post"
            )
            process.kill()

            # the bot is down: the network goes on
            made = await a.com.atproto.repo.get_record(
                {
                    "repo": alice.did,
                    "collection": "app.bsky.feed.post",
                    "rkey": first.rsplit("/", 1)[1],
                }
            )
            await post(a, alice, "while the bot was down 1")
            await post(a, alice, "while the bot was down 2")
            await like(a, alice, made.uri, str(made.cid))
            await post(b, bob, "before following: only the history read can see this")
            await follow(b, bob, bot)
            await post(b, bob, "bob says hi")

            process.start()
            await eventually(
                lambda: counted_once(store, alice.did, 5, 3), within=60, what="alice's missed 3"
            )
            await eventually(
                lambda: counted_once(store, bob.did, 3, 2),
                within=60,
                what="bob's history+follow+post",
            )
            for person in (alice, bob):
                state = await store.history_state(person.did)
                assert state is not None and state[0] is not None, "history not read"
            welcomes = [r["did"] for r in await store.outbox_rows() if r["kind"] == "welcome"]
            assert sorted(welcomes) == sorted([alice.did, bob.did])

            code, seconds = process.terminate()
            assert code == 0 and seconds < 10, process.output()[-3000:]
            told = [systemd.recv(4096).decode() for _ in range(3)]
            # READY from each run (the first was SIGKILLed: no STOPPING), STOPPING at SIGTERM
            assert [m.split("\n")[0] for m in told] == ["READY=1", "READY=1", "STOPPING=1"]
            assert "people opted in" in told[1]
            counts = await store.status(0)
            assert counts.cursors, "no cursor was saved"
        except BaseException:
            print(process.output()[-6000:])
            raise
        finally:
            systemd.close()
    output = process.output()
    assert bot.app_password not in output
    assert "Traceback" not in output, output[-6000:]
    assert {t.name for t in metadata.sorted_tables} >= {"people", "activity", "cursors"}


async def test_startup_reconciliation_repairs_a_follow_the_stream_never_showed(
    appview_net: Network,
    appview_chat_service: ChatServiceInfo,
    make_appview_account: AccountFactory,
    clients: Clients,
    processes: list[BotProcess],
    tmp_path: Path,
) -> None:
    """The follow happens before the bot ever ran and it starts live (no cursor): only
    reconciliation through the AppView can see it."""
    bot, carol = make_appview_account("bot"), make_appview_account("carol")
    c = await clients.login(carol)
    rkey = await follow(c, carol, bot)
    viewer = await clients.login(bot)

    async def indexed() -> bool:
        page = await viewer.app.bsky.graph.get_followers({"actor": bot.did})
        return any(f.did == carol.did for f in page.followers)

    await eventually(indexed, within=60, what="the AppView to index carol's follow")
    env = bot_env(
        appview_net, bot, tmp_path, "relay", appview_net.firehose_uri, appview_chat_service
    )
    process = BotProcess(env, tmp_path)
    processes.append(process)
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}") as store:
        await store.migrate()  # and no relay cursor: the bot starts at the live tip
        process.start()
        try:
            await eventually(
                lambda: store.load_opted_in(), within=60, what="reconciliation's opt-in"
            )
            assert await store.load_opted_in() == {carol.did: rkey}
            welcomes = [r for r in await store.outbox_rows(carol.did) if r["kind"] == "welcome"]
            assert len(welcomes) == 1
            code, _ = process.terminate()
            assert code == 0
        except BaseException:
            print(process.output()[-6000:])
            raise
