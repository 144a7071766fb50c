"""Chat faults against `nudgebot run` as a process: 500s, 502s and slow answers on sendMessage,
and a MessagesDisabled in the middle of a conversation. No DM is lost or doubled, the bot does
not crash, and the person who turned DMs off is recorded as unreachable (so a re-follow or the
weekly re-check can reach them again), not silently failed."""

from __future__ import annotations

import pytest

from bot.store import Store
from tests.localnet.botproc import Live
from tests.localnet.test_kill_points import said_at_least
from tests.localnet.test_run_dms import write
from tests.localnet.util import ChatControl, eventually, follow

# ≈ 110 s (the outbox's own retry delays after the 5xx): in `make test-long`, not `make test`
pytestmark = [pytest.mark.localnet, pytest.mark.long]

SEND = "chat.bsky.convo.sendMessage"


async def test_5xx_502_slow_and_messages_disabled_lose_and_double_nothing(live: Live) -> None:
    bot = live.make_account("bot")
    people = [live.make_account(f"f{i}") for i in range(3)]
    process = live.bot_process(bot, DM_PER_MINUTE="30", DM_BACKOFF_SECONDS="1")
    control = ChatControl(live.chat.url)
    async with live.store() as store:
        process.start()
        try:
            logins = [await live.clients.login(p) for p in people]
            await control.fault("500", SEND, count=2, caller=bot.did)
            await control.fault("error", SEND, count=2, status=502, error="UpstreamFailure")
            await control.fault("slow", SEND, count=2, delay=3.0, caller=bot.did)
            for person, client in zip(people[1:], logins[1:], strict=True):
                await follow(client, person, bot)
            for person in people[1:]:
                await eventually(said_at_least(control, bot, person, 1), within=120, what="DM")
            # the first one has turned DMs off by the time her welcome goes out
            await control.fault(
                "error", SEND, count=1, status=400, error="MessagesDisabled", caller=bot.did
            )
            await follow(logins[0], people[0], bot)
            await eventually(
                lambda: _unreachable(store, people[0].did), within=60, what="unreachable"
            )
            chats = [live.clients.chat(c, live.chat.did) for c in logins]
            for person, chat in zip(people[1:], chats[1:], strict=True):
                await write(chat, bot, "help")
                await eventually(said_at_least(control, bot, person, 2), within=60, what="help")
            said = [await control.said(bot.did, p.did) for p in people]
            assert [len(s) for s in said] == [0, 2, 2], said  # none doubled, none lost
            rows = {r["did"]: r["status"] for r in await store.outbox_rows()}
            assert rows == {people[0].did: "failed", people[1].did: "sent", people[2].did: "sent"}
            seen = [r for r in await control.requests() if r.get("iss") == bot.did]
            assert {r.get("fault") for r in seen} >= {"500", "error", "slow"}
            assert process.runs[-1].poll() is None, "the bot crashed"
            assert process.terminate()[0] == 0
        except BaseException:
            print(process.output()[-8000:])
            raise
        finally:
            await control.clear()


async def _unreachable(store: Store, did: str) -> bool:
    person = await store.person(did)
    return person is not None and person.unreachable_reason == "MessagesDisabled"
