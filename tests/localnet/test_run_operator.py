"""Operator commands against a running `nudgebot run` on the local network and our chat
service: `pause-all` stops every DM (a welcome waits, a command applies and its answer waits),
`resume-all` sends them, each once; `forget HANDLE` by mail drops a person from the running
service within seconds; `check-config` passes and sends nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from atproto import AsyncClient

from bot.store import Store
from tests.localnet.botproc import ROOT, BotProcess, Live
from tests.localnet.harness import Account
from tests.localnet.test_run_dms import bot_says, write
from tests.localnet.util import declare, eventually, follow

pytestmark = pytest.mark.localnet


def nudgebot(env: dict[str, str], workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=workdir,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_pause_all_holds_every_dm_and_resume_all_sends_each_once(live: Live) -> None:
    bot, ana, ben = live.make_account("bot"), live.make_account("ana"), live.make_account("ben")
    process = live.bot_process(bot, DM_PER_MINUTE="30")
    env, tmp_path = process.env, live.tmp_path
    a, b = await live.clients.login(ana), await live.clients.login(ben)
    her = live.clients.chat(a, live.chat.did)
    # she writes before the bot ever wrote to her (its welcome is held): it must take that
    await declare(await live.clients.login(bot), bot, "all")
    async with live.store() as store:
        checked = nudgebot(env, tmp_path, "check-config")
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert [line.split(":")[0] for line in checked.stdout.splitlines()] == [
            "settings", "database", "state", "firehose", "login", "chat"
        ]  # fmt: skip
        process.start()
        try:
            await paused_then_resumed(store, process, env, tmp_path, bot, ana, a, her)
            await forgotten_while_running(store, process, env, tmp_path, bot, ben, b)
            code, _ = process.terminate()
            assert code == 0
        except BaseException:
            print(process.output()[-8000:])
            raise
    output = process.output()
    assert bot.app_password not in output and "Traceback" not in output, output[-4000:]


async def paused_then_resumed(
    store: Store,
    process: BotProcess,
    env: dict[str, str],
    workdir: Path,
    bot: Account,
    ana: Account,
    a: AsyncClient,
    her: AsyncClient,
) -> None:
    await eventually(lambda: "nudgebot is running" in process.output(), within=60, what="start")
    paused = nudgebot(env, workdir, "pause-all")
    assert paused.returncode == 0 and paused.stdout.startswith("paused:"), paused.stderr
    await eventually(
        lambda: "paused by the operator" in process.output(), within=30, what="the pause"
    )
    await follow(a, ana, bot)
    [row] = await eventually(lambda: store.outbox_rows(ana.did), within=60, what="the welcome")
    # her command, written after the welcome was queued (which woke the send loop), applies;
    # neither the welcome nor the answer goes out
    await write(her, bot, "pause 2w")
    await eventually(lambda: _paused(store, ana.did), within=60, what="her pause applied")
    await eventually(lambda: _held(store, 1), within=30, what="the answer held")
    [row] = await store.outbox_rows(ana.did)
    assert (row["status"], row["attempts"]) == ("pending", 0)
    assert await bot_says(her, bot, 1) is None  # not one DM while paused
    status = nudgebot(env, workdir, "status")
    assert "paused_all: True" in status.stdout

    resumed = nudgebot(env, workdir, "resume-all")
    assert resumed.returncode == 0 and resumed.stdout.startswith("resumed"), resumed.stderr
    said = await eventually(lambda: bot_says(her, bot, 2), within=60, what="welcome + answer")
    [answer] = [s for s in said if s.startswith("Paused until")]
    [welcome] = [s for s in said if s != answer]
    assert "stop" in welcome

    async def marked_sent() -> bool:  # the mark commits just after the person sees the DM
        [row] = await store.outbox_rows(ana.did)
        return (row["status"], row["attempts"]) == ("sent", 1)

    await eventually(marked_sent, within=30, what="the welcome marked sent, once")
    await eventually(lambda: _held(store, 0), within=30, what="held answers sent")
    assert len(await bot_says(her, bot, 2) or []) == 2  # each once
    output = process.output()
    assert output.count("paused by the operator since") == 1
    assert output.count("resumed by the operator") == 1


async def forgotten_while_running(
    store: Store,
    process: BotProcess,
    env: dict[str, str],
    workdir: Path,
    bot: Account,
    ben: Account,
    b: AsyncClient,
) -> None:
    await follow(b, ben, bot)
    await eventually(lambda: _welcomed(store, ben.did), within=60, what="Ben's welcome")
    done = nudgebot(env, workdir, "forget", ben.handle)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"forgot {ben.did} (@{ben.handle}): deleted 1 people")
    await eventually(
        lambda: "applied 1 forget request(s) of the operator (1 watched)" in process.output(),
        within=30,
        what="the running service dropping him",
    )
    assert await store.forget_requests() == []
    assert await store.person(ben.did) is None and await store.outbox_rows(ben.did) == []
    exported = nudgebot(env, workdir, "export", ben.did)
    assert exported.returncode == 0 and '"person": null' in exported.stdout
    assert '"reason": "forget"' in exported.stdout


async def _paused(store: Store, did: str) -> bool:
    person = await store.person(did)
    return person is not None and person.paused_until_us is not None


async def _held(store: Store, count: int) -> bool:
    return len(await store.held()) == count


async def _welcomed(store: Store, did: str) -> bool:
    return any(r["status"] == "sent" for r in await store.outbox_rows(did))
