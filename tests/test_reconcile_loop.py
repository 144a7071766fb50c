"""The reconciliation loop with a fake pass: a pass at start and on every ask (also an ask that
came during a pass), expected trouble tried again sooner than the interval, any other error
left to its supervisor, and a cancel that meets an ask still stops it."""

from __future__ import annotations

import asyncio

import pytest

from bot.clock import SimulatedClock
from bot.errors import TransientError
from bot.reconcile import ReconcileLoop

T0 = 1_785_585_600_000_000
LONG_S = 3600.0
WITHIN_S = 2.0


class FakePass:
    def __init__(self, asked: asyncio.Event) -> None:
        self.asked = asked
        self.runs: list[int] = []
        self.ran = asyncio.Event()
        self.fail: list[Exception] = []  # raised by the next passes, in order
        self.ask_during = False

    async def __call__(self, now_us: int) -> None:
        self.runs.append(now_us)
        self.ran.set()
        if self.ask_during:
            self.ask_during = False
            self.asked.set()  # a source lost its cursor while this pass was listing
        if self.fail:
            raise self.fail.pop(0)

    async def runs_reach(self, n: int) -> None:
        async with asyncio.timeout(WITHIN_S):
            while len(self.runs) < n:
                self.ran.clear()
                await self.ran.wait()


def rig(interval_s: float = LONG_S, retry_s: float = LONG_S) -> tuple[FakePass, ReconcileLoop]:
    asked = asyncio.Event()
    fake = FakePass(asked)
    return fake, ReconcileLoop(fake, SimulatedClock(T0), asked, interval_s, retry_s)


async def stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    await asyncio.wait_for(asyncio.gather(task, return_exceptions=True), WITHIN_S)


async def test_a_pass_at_start_and_at_once_when_asked() -> None:
    fake, loop = rig()
    task = asyncio.create_task(loop.run())
    await fake.runs_reach(1)
    loop.asked.set()
    await fake.runs_reach(2)
    assert fake.runs == [T0, T0] and not loop.asked.is_set()
    await stop(task)


async def test_an_ask_during_a_pass_gets_a_pass_of_its_own() -> None:
    fake, loop = rig()
    fake.ask_during = True
    task = asyncio.create_task(loop.run())
    await fake.runs_reach(1)
    await fake.runs_reach(2)
    assert len(fake.runs) == 2
    await stop(task)


async def test_expected_trouble_is_tried_again_after_the_retry_not_the_interval(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake, loop = rig(interval_s=LONG_S, retry_s=0.01)
    fake.fail = [TransientError("appview down")]
    task = asyncio.create_task(loop.run())
    await fake.runs_reach(1)
    await fake.runs_reach(2)  # within the retry, long before the interval
    assert "reconciliation failed (appview down); next try in 0 s" in caplog.text
    await stop(task)


async def test_the_retry_is_never_later_than_the_interval() -> None:
    fake, loop = rig(interval_s=0.01, retry_s=LONG_S)
    fake.fail = [TransientError("appview down")]
    task = asyncio.create_task(loop.run())
    await fake.runs_reach(1)
    await fake.runs_reach(2)
    await stop(task)


async def test_any_other_error_ends_the_run_for_its_supervisor() -> None:
    fake, loop = rig()
    fake.fail = [RuntimeError("a bug")]
    with pytest.raises(RuntimeError, match="a bug"):
        await asyncio.wait_for(loop.run(), WITHIN_S)


async def test_a_cancel_that_meets_an_ask_still_stops_it() -> None:
    fake, loop = rig()
    task = asyncio.create_task(loop.run())
    await fake.runs_reach(1)
    await asyncio.sleep(0)  # now waiting for an ask
    loop.asked.set()  # a source lost its cursor while the service stops
    await stop(task)
    assert task.cancelled()
