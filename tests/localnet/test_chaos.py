"""Random kills (tests/localnet/chaos.py): a cast of people follows, posts, writes commands,
stops and unfollows while `nudgebot run` is SIGKILLed at random moments and restarted; at the
end nothing was lost or doubled.

The short run is part of `make test`; `make test-long` runs the long one (marker `long`):
NUDGEBOT_CHAOS_KILLS (default 100) and NUDGEBOT_CHAOS_PEOPLE (default 40). Every run prints its
seed; NUDGEBOT_CHAOS_SEED replays the same plans and kill schedule.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.localnet.botproc import BotProcess, Live
from tests.localnet.chaos import Cast, Chaos, Person, answer_within_s, plans, settled
from tests.localnet.util import ChatControl, eventually

pytestmark = pytest.mark.localnet

SHORT_PEOPLE, SHORT_KILLS, SHORT_SPREAD_S = 20, 20, 20.0  # ≈ 2 min on the 2-core CI box
LONG_PEOPLE, LONG_KILLS = 40, 100


def chaos_seed() -> int:
    raw = os.environ.get("NUDGEBOT_CHAOS_SEED")
    return int(raw) if raw else random.SystemRandom().randrange(2**32)


@dataclass
class Database:
    """Where the bot keeps its state (`bot_url`), where the test looks (`check_url`), and
    what else goes wrong with it during the run (`trouble`, run alongside the kills)."""

    bot_url: str
    check_url: str
    trouble: Callable[[], Awaitable[None]] | None = None


def sqlite(tmp_path: Path) -> Database:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    return Database(url, url)


async def serving(process: BotProcess) -> bool:
    """The run answers on METRICS_ADDR (bound once its SIGTERM handler is in place)."""
    try:
        async with httpx.AsyncClient(timeout=2.0) as http:
            await http.get(f"http://{process.env['METRICS_ADDR']}/healthz")
    except httpx.HTTPError:
        return False
    return True


async def run_chaos(
    *,
    people: int,
    kills: int,
    spread_s: float,
    database: Database,
    live: Live,
    capsys: pytest.CaptureFixture[str],
) -> None:
    seed = chaos_seed()
    with capsys.disabled():
        print(f"\nchaos: seed {seed} ({people} people, {kills} kills; NUDGEBOT_CHAOS_SEED)")
    started = time.monotonic()
    rng = random.Random(seed)
    bot = live.make_account("bot")
    control = ChatControl(live.chat.url)
    cast_plans = plans(rng, people, spread_s)
    cast: list[Person] = []
    for i, plan in enumerate(cast_plans):
        account = live.make_account(f"c{i}")
        client = await live.clients.login(account)
        cast.append(Person(account, client, live.clients.chat(client, live.chat.did), plan))
    process = live.bot_process(
        bot,
        # the default 3 a minute would make the run wait on pacing
        DM_PER_MINUTE="30",
        DATABASE_URL=database.bot_url,
    )
    troupe = Cast(cast, bot, control, answer_within_s(kills))
    chaos = Chaos(process, random.Random(seed + 1), kills)
    trouble = [database.trouble()] if database.trouble else []
    async with live.store(database.check_url) as store:
        process.start()
        try:
            # a group, not gather: when the cast fails, the kill loop must stop too, or it
            # goes on restarting the bot after the test has ended
            async with asyncio.TaskGroup() as group:
                for part in (troupe.run(), chaos.run(), *trouble):
                    group.create_task(part)
            await eventually(lambda: settled(store, troupe), within=120, what="the invariants")
            assert chaos.died_alone == [], f"the bot died by itself: {chaos.died_alone}"
            # the kill loop ends with a start: stop that run once it is up, as in production
            await eventually(lambda: serving(process), within=120, what="the last run to serve")
            # in a thread: the test's event loop carries the TcpProxy the bot may be using
            code, _ = await asyncio.to_thread(process.terminate)
            assert code == 0
        except BaseException:
            print(f"chaos seed {seed}\n{process.output()[-8000:]}")
            raise
    output = process.output()
    if database.trouble is None:  # an outage is reported (with its traceback) by the ErrorSink
        assert "Traceback" not in output, output[-6000:]
    assert chaos.done == kills
    with capsys.disabled():
        seconds = time.monotonic() - started
        print(f"chaos: seed {seed}: {kills} kills, {len(process.runs)} runs, {seconds:.0f} s")


async def test_random_kills_lose_and_double_nothing(
    live: Live,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await run_chaos(
        people=SHORT_PEOPLE,
        kills=SHORT_KILLS,
        spread_s=SHORT_SPREAD_S,
        database=sqlite(live.tmp_path),
        live=live,
        capsys=capsys,
    )


@pytest.mark.long
async def test_the_long_random_kill_loop_loses_and_doubles_nothing(
    live: Live,
    capsys: pytest.CaptureFixture[str],
) -> None:
    kills = int(os.environ.get("NUDGEBOT_CHAOS_KILLS", LONG_KILLS))
    people = int(os.environ.get("NUDGEBOT_CHAOS_PEOPLE", LONG_PEOPLE))
    await run_chaos(
        people=people,
        kills=kills,
        spread_s=max(SHORT_SPREAD_S, kills * 1.2),  # the cast acts over the whole loop
        database=sqlite(live.tmp_path),
        live=live,
        capsys=capsys,
    )
