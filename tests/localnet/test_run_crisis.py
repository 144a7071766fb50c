"""A crisis reply against a running `nudgebot run` on the local network and our chat service
(issue 18): during `pause-all` the follower who writes it gets the resources answer within
seconds, the inbox entry is urgent and listed first, `status` counts it, a WARNING says one
waits (naming nobody), and no nudge reaches her until the operator's `nudgebot inbox done`."""

from __future__ import annotations

import time
from typing import Any

import orjson
import pytest
from atproto import AsyncClient

from bot.clock import US_PER_SECOND
from bot.store import Store
from bot.store.models import outbox
from tests.localnet.botproc import Live
from tests.localnet.harness import Account
from tests.localnet.test_run_dms import bot_says, write
from tests.localnet.test_run_operator import nudgebot
from tests.localnet.util import eventually, follow

pytestmark = pytest.mark.localnet

# the placeholder triage's one crisis phrase; the real model must call it crisis too
CRISIS = "I don't want to be here anymore. I've given my things away."


async def test_a_crisis_reply_is_answered_at_once_and_holds_nudges_until_done(live: Live) -> None:
    bot, ana = live.make_account("bot"), live.make_account("ana")
    process = live.bot_process(bot, DM_PER_MINUTE="30", DAY_START_HOUR="0", DAY_END_HOUR="24")
    env, workdir = process.env, live.tmp_path
    a = await live.clients.login(ana)
    her = live.clients.chat(a, live.chat.did)
    async with live.store() as store:
        process.start()
        try:
            await eventually(lambda: "nudgebot is running" in process.output(), within=60)
            await follow(a, ana, bot)
            await eventually(lambda: bot_says(her, bot, 1), within=60, what="the welcome")
            paused = nudgebot(env, workdir, "pause-all")
            assert paused.returncode == 0, paused.stderr
            await eventually(lambda: "paused by the operator" in process.output(), within=30)

            started = time.monotonic()
            await write(her, bot, CRISIS)
            said: Any = await eventually(lambda: bot_says(her, bot, 2), within=30, what="help")
            assert time.monotonic() - started < 15  # at once, though paused
            assert "988" in said[1] and "findahelpline.com" in said[1]
            assert "not a counsellor" in said[1] and "human" in said[1]
            convo = await urgent_entry(env, workdir, ana)
            assert "inbox_urgent: 1" in nudgebot(env, workdir, "status").stdout
            warnings = [ln for ln in process.output().splitlines() if "urgent" in ln]
            assert warnings and not any(ana.did in ln or CRISIS in ln for ln in warnings)

            assert nudgebot(env, workdir, "resume-all").returncode == 0
            await nudges_held_until_done(store, env, workdir, bot, ana, her, convo)
            code, _ = process.terminate()
            assert code == 0
        except BaseException:
            print(process.output()[-8000:])
            raise
    output = process.output()
    assert bot.app_password not in output and "Traceback" not in output, output[-4000:]
    assert CRISIS not in output  # never the text, in any log line


async def urgent_entry(env: dict[str, str], workdir: Any, ana: Account) -> str:
    listing = nudgebot(env, workdir, "inbox")
    assert listing.stdout.startswith("URGENT") and ana.did in listing.stdout, listing.stdout
    [entry] = [orjson.loads(ln) for ln in nudgebot(env, workdir, "inbox", "--json").stdout.split()]
    assert entry["urgent"] is True and entry["level"] == "crisis"
    return str(entry["convo"])


async def nudges_held_until_done(
    store: Store,
    env: dict[str, str],
    workdir: Any,
    bot: Account,
    ana: Account,
    her: AsyncClient,
    convo: str,
) -> None:
    first = await queue_nudge(store, ana.did, "a nudge that must not reach her")
    await eventually(lambda: _status(store, first, "cancelled"), within=30, what="cancelled")
    assert len(await bot_says(her, bot, 2) or []) == 2  # nothing more reached her
    done = nudgebot(env, workdir, "inbox", "done", convo)
    assert done.returncode == 0, done.stderr
    assert "inbox_urgent: 0" in nudgebot(env, workdir, "status").stdout
    await queue_nudge(store, ana.did, "a nudge after the operator cleared it")
    said: Any = await eventually(lambda: bot_says(her, bot, 3), within=30, what="the nudge")
    assert said[2] == "a nudge after the operator cleared it"


async def queue_nudge(store: Store, did: str, text: str) -> int:
    """A quiet nudge due now, as the evaluation would queue it."""
    now = int(time.time() * US_PER_SECOND)
    row = {
        "did": did, "kind": "quiet", "episode": str(now), "variant": 0, "text": text,
        "created_us": now, "send_after_us": now, "status": "pending", "attempts": 0,
    }  # fmt: skip
    async with store.engine.begin() as conn:
        result = await conn.execute(outbox.insert().values(**row))
    return int(result.inserted_primary_key[0])


async def _status(store: Store, row_id: int, status: str) -> bool:
    rows = [r for r in await store.outbox_rows() if r["id"] == row_id]
    return bool(rows) and rows[0]["status"] == status
