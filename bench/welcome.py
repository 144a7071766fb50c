"""bench/welcome: opt-in -> welcome DM latency through the whole running service.

On the real local network (PLC + PDS), our Jetstream server and our chat service behind the
PDS proxy, `nudgebot run` runs as a process; then, one after another, N fresh people follow the
bot and each waits until the welcome DM is in their own conversation (polled every 50 ms).
Prints median / min / max; asserts nothing. Skips with a message when the local network
cannot run here (see tests/localnet/README.md).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from atproto import AsyncClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.store import Store
from tests.localnet import harness
from tests.localnet.botproc import BotProcess, bot_env, prepare
from tests.localnet.util import follow


async def welcomed(her: AsyncClient, bot_did: str) -> bool:
    convos = await her.chat.bsky.convo.list_convos()
    return any(
        c.last_message is not None and bot_did in {m.did for m in c.members} for c in convos.convos
    )


async def one(net: harness.Network, chat_did: str, bot: harness.Account) -> float:
    person = harness.create_account(net.pds_url, "wel")
    client = AsyncClient(base_url=f"{net.pds_url}/xrpc")
    try:
        await client.login(person.handle, person.app_password, fetch_bsky_profile=False)
        her = client.with_proxy("bsky_chat", chat_did)
        started = time.perf_counter()
        await follow(client, person, bot)
        async with asyncio.timeout(120):
            while not await welcomed(her, bot.did):  # noqa: ASYNC110 - another process's DMs
                await asyncio.sleep(0.05)
        return time.perf_counter() - started
    finally:
        await client.request.close()


async def measure(
    net: harness.Network, js: harness.JetstreamInfo, chat: harness.ChatServiceInfo, runs: int
) -> None:
    bot = harness.create_account(net.pds_url, "bot")
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        env = bot_env(net, bot, workdir, "jetstream", js.ws_uri, chat)
        env["DM_PER_MINUTE"] = str(max(3, runs))  # pacing is not what this measures
        async with Store.open(f"sqlite+aiosqlite:///{workdir / 'bot.db'}") as store:
            await prepare(store, "jetstream", js)
        process = BotProcess(env, workdir)
        process.start()
        try:
            await asyncio.sleep(3)  # logged in and connected
            latencies = [await one(net, chat.did, bot) for _ in range(runs)]
        finally:
            process.terminate()
    median = statistics.median(latencies)
    print(
        f"opt-in -> welcome DM seen by the person ({runs} people): median {median:.2f} s "
        f"(min {min(latencies):.2f}, max {max(latencies):.2f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    problem = harness.install_problem()
    if problem:
        print(f"bench/welcome skipped: local network unavailable: {problem}")
        return 0
    session = harness.Session()
    try:
        try:
            net = harness.start_network(session)
            js = harness.start_jetstream(session, net)
            chat = harness.start_chat_service(session, net)
        except harness.LocalnetUnavailable as e:
            print(f"bench/welcome skipped: local network unavailable: {e}")
            return 0
        asyncio.run(measure(net, js, chat, args.runs))
    finally:
        session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
