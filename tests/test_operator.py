"""The service's side of the operator commands over a real SQLite store and pipeline: the
global pause is logged once per change, `forget` requests drop people from memory."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest

from bot.classify import PromoVerdict
from bot.clock import SimulatedClock
from bot.events import Event, FollowCreated
from bot.operator import PAUSE_SWITCH_NAME, GlobalPause, OperatorLoop, apply_forget_requests
from bot.pipeline import Pipeline
from bot.policy import PolicySettings
from bot.store import Store

T0 = 1_785_585_600_000_000
BOT, ALICE, BOB = "did:plc:bot", "did:plc:alice", "did:plc:bob"


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path}/o.db") as opened:
        await opened.migrate()
        yield opened


async def test_the_pause_is_logged_once_per_change_and_a_resume_wakes(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    woken: list[str] = []
    pause = GlobalPause(store, on_resume=lambda: woken.append("send"))
    caplog.set_level(logging.INFO, "bot.operator")
    assert await pause.paused() is False and caplog.records == []
    await store.set_switch(PAUSE_SWITCH_NAME, "paused", T0)
    assert [await pause.paused() for _ in range(3)] == [True, True, True]
    await store.clear_switch(PAUSE_SWITCH_NAME)
    assert [await pause.paused() for _ in range(2)] == [False, False]
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2 and "paused by the operator" in messages[0]
    assert "resumed" in messages[1] and woken == ["send"]


async def test_forget_requests_drop_the_person_from_the_running_pipeline(store: Store) -> None:
    pipeline = Pipeline(store, BOT, lambda r: PromoVerdict(0.0, False), PolicySettings())
    await pipeline.start()
    await pipeline.ingest(
        [FollowCreated(ALICE, T0, "fa", BOT), FollowCreated(BOB, T0, "fb", BOT)], T0
    )
    put_events: list[Event] = []

    async def put(events: Sequence[Event]) -> None:
        put_events.extend(events)
        await pipeline.ingest(events, T0 + 5)

    await store.forget_person(ALICE, T0 + 1)  # what `nudgebot forget` does, in another process
    assert ALICE in pipeline.opted  # the running service does not know yet
    assert await apply_forget_requests(store, pipeline.opted, put, T0 + 2) == 1
    assert pipeline.opted == {BOB: "fb"} and await store.forget_requests() == []
    assert [(e.did, getattr(e, "reason", None)) for e in put_events] == [(ALICE, "forget")]
    # the same follow arriving again (a firehose replay) stays refused by the tombstone
    await pipeline.ingest([FollowCreated(ALICE, T0 + 6, "fa", BOT)], T0 + 6)
    assert ALICE not in pipeline.opted and await store.person(ALICE) is None
    assert await apply_forget_requests(store, pipeline.opted, put, T0 + 7) == 0


async def test_a_request_about_someone_this_process_never_knew_is_just_cleared(
    store: Store,
) -> None:
    async def put(events: Sequence[Event]) -> None:
        raise AssertionError("nothing to put")

    await store.forget_person(ALICE, T0)
    assert await apply_forget_requests(store, {BOB: "fb"}, put, T0 + 1) == 0
    assert await store.forget_requests() == []


async def test_the_loop_logs_the_pause_and_applies_forget_requests_to_the_current_set(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    """Each round reads the pipeline's opted-in set anew: a resync replaces the dict."""
    pipeline = {"opted": {BOB: "fb"}}
    put_events: list[Event] = []
    applied = asyncio.Event()

    async def put(events: Sequence[Event]) -> None:
        put_events.extend(events)
        applied.set()

    await store.set_switch(PAUSE_SWITCH_NAME, "paused", T0)
    caplog.set_level(logging.INFO, "bot.operator")
    a_round = asyncio.Event()

    def opted() -> dict[str, str]:
        a_round.set()
        return pipeline["opted"]

    loop = OperatorLoop(GlobalPause(store), store, opted, put, SimulatedClock(T0 + 9), 0.001)
    task = asyncio.create_task(loop.run())
    try:
        await asyncio.wait_for(a_round.wait(), 2.0)
        assert "paused by the operator" in caplog.text  # the round's first look
        pipeline["opted"] = {ALICE: "fa", BOB: "fb"}  # a resync: another dict
        await store.forget_person(ALICE, T0)
        await asyncio.wait_for(applied.wait(), 2.0)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert [(e.did, e.time_us) for e in put_events] == [(ALICE, T0 + 9)]  # at the clock's now
