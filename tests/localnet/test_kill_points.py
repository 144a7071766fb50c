"""Deterministic kill points (bot/faults.py): `nudgebot run` dies with `os._exit` — as a SIGKILL
would — at a named point, restarts without the fault, and nothing is lost or doubled.

  mid-commit     inside an ingest batch's transaction, rows written, cursors not: nothing of
                 the batch is kept, the restart reads the same events again from the saved
                 cursor; the opt-in, the welcome and the activity each land exactly once
  after-command  a command applied, its answer not sent, the chat-log cursor not moved: the
                 restart applies it again (harmless) and answers it exactly once

(after-claim and after-send, the outbox's two points, are in test_run_dms.py.)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from bot.faults import EXIT_CODE
from bot.store import Store
from tests.localnet.botproc import Live, counted_once, post
from tests.localnet.harness import Account
from tests.localnet.test_run_dms import write
from tests.localnet.util import ChatControl, eventually, follow

pytestmark = pytest.mark.localnet


def said_at_least(
    control: ChatControl, bot: Account, her: Account, count: int
) -> Callable[[], Awaitable[list[str] | None]]:
    """A probe: the bot's messages to her once there are at least `count`."""

    async def probe() -> list[str] | None:
        said = await control.said(bot.did, her.did)
        return said if len(said) >= count else None

    return probe


async def test_a_kill_in_the_middle_of_a_batch_commit_keeps_nothing_of_it_and_loses_nothing(
    live: Live,
) -> None:
    bot, eve = live.make_account("bot"), live.make_account("eve")
    e = await live.clients.login(eve)
    control = ChatControl(live.chat.url)
    process = live.bot_process(bot, FAULT_POINT="mid-commit")
    async with live.store() as store:
        before = (await store.status(0)).cursors
        first = process.start()
        try:
            await follow(e, eve, bot)
            await post(e, eve, "posted around the crash")
            assert first.wait(60) == EXIT_CODE, process.output()[-3000:]
            assert "FAULT_POINT=mid-commit" in process.output()
            # the batch had written her opt-in, welcome and activity: none of it was committed
            assert await store.person(eve.did) is None
            assert await store.outbox_rows(eve.did) == []
            assert await store.activity_count(eve.did) == 0
            assert (await store.status(0)).cursors == before  # no cursor moved past her follow

            del process.env["FAULT_POINT"]  # no fault this time: the same events come again
            process.start()
            await eventually(
                lambda: counted_once(store, eve.did, 2, 1), within=90, what="follow + post once"
            )
            [welcome] = await eventually(
                said_at_least(control, bot, eve, 1), within=60, what="the welcome"
            )
            await eventually(lambda: _all_sent(store, eve.did), within=60, what="marked sent")
            assert len(await control.said(bot.did, eve.did)) == 1
            rows = await store.outbox_rows(eve.did)
            assert [r["kind"] for r in rows] == ["welcome"] and welcome
            assert rows[0]["text"] == ""  # a sent DM's text is not kept
            assert process.terminate()[0] == 0
        except BaseException:
            print(process.output()[-8000:])
            raise


@pytest.mark.parametrize(
    ("command", "answer"), [("pause 3 days", "Paused until"), ("stop", "stopped")]
)
async def test_a_kill_between_a_commands_effect_and_its_answer_answers_it_once(
    command: str,
    answer: str,
    live: Live,
) -> None:
    bot, fay = live.make_account("bot"), live.make_account("fay")
    f = await live.clients.login(fay)
    her = live.clients.chat(f, live.chat.did)
    control = ChatControl(live.chat.url)
    process = live.bot_process(bot, DM_PER_MINUTE="30", FAULT_POINT="after-command")
    async with live.store() as store:
        first = process.start()
        try:
            await follow(f, fay, bot)
            await eventually(said_at_least(control, bot, fay, 1), within=60, what="the welcome")
            await write(her, bot, command)
            assert first.wait(60) == EXIT_CODE, process.output()[-3000:]
            assert "FAULT_POINT=after-command" in process.output()
            person = await store.person(fay.did)
            if command == "stop":  # the effect is in, the answer is not
                assert person is None
            else:
                assert person is not None and person.paused_until_us is not None
            assert len(await control.said(bot.did, fay.did)) == 1

            del process.env["FAULT_POINT"]
            process.start()
            said = await eventually(said_at_least(control, bot, fay, 2), within=60, what="answer")
            assert answer in said[1]
            # a later command is answered after the first one's log entry: had the restart
            # kept the first entry, it would have answered it again before this one
            await write(her, bot, "help")
            said = await eventually(said_at_least(control, bot, fay, 3), within=60, what="help")
            assert len(said) == 3 and sum(answer in s for s in said) == 1
            person = await store.person(fay.did)
            assert (person is None) == (command == "stop")
            assert process.terminate()[0] == 0
        except BaseException:
            print(process.output()[-8000:])
            raise


async def _all_sent(store: Store, did: str) -> bool:
    rows = await store.outbox_rows(did)
    return bool(rows) and all(r["status"] == "sent" for r in rows)
