"""The send loop with fakes: it sends on its timer and at once for a welcome (the welcome's
rule), claims nothing while paused or held, looks again sooner while held, stops when
cancelled even as it is woken, and its errors reach the error sink through its supervisor."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest

from bot.clock import SimulatedClock
from bot.send_loop import SendLoop, sends_at_once
from bot.shared import IngestOutcome
from bot.supervise import ErrorSink, supervised

T0 = 1_785_585_600_000_000
LONG_S = 3600.0  # a timer that never fires within a test
WITHIN_S = 2.0  # how long a test waits for what should happen at once


@pytest.mark.parametrize(
    ("outcome", "at_once"),
    [
        (IngestOutcome(), False),
        (IngestOutcome(opted_in=["did:plc:a"]), False),  # the welcome is counted separately
        (IngestOutcome(opted_out=["did:plc:a"], activities=3), False),
        (IngestOutcome(welcomed=["did:plc:a"]), True),
        (IngestOutcome(histories=["did:plc:a"]), True),  # their welcome is due now
        (IngestOutcome(opted_in=["did:plc:a"], welcomed=["did:plc:a"]), True),
    ],
)
def test_the_welcome_rule(outcome: IngestOutcome, at_once: bool) -> None:
    assert sends_at_once(outcome) is at_once


class Count:
    def __init__(self) -> None:
        self.n = 0
        self._changed = asyncio.Event()

    def bump(self) -> None:
        self.n += 1
        self._changed.set()

    async def reach(self, n: int) -> None:
        async with asyncio.timeout(WITHIN_S):
            while self.n < n:
                self._changed.clear()
                await self._changed.wait()


class FakeHold:
    def __init__(self, ready: bool = True) -> None:
        self.is_ready = ready
        self.held_since: float | None = None if ready else 1.0
        self.asked = Count()

    async def ready(self) -> bool:
        self.asked.bump()
        return self.is_ready


class Rig:
    def __init__(self) -> None:
        self.clock = SimulatedClock(T0)
        self.hold = FakeHold()
        self.is_paused = False
        self.sends: list[int] = []
        self.sent = asyncio.Event()
        self.fail: Exception | None = None
        self.wake = asyncio.Event()

    async def send(self, now_us: int) -> int:
        if self.fail is not None:
            raise self.fail
        self.sends.append(now_us)
        self.sent.set()
        return 1

    async def paused(self) -> bool:
        return self.is_paused

    def loop(self, every_s: float = LONG_S, held_every_s: float = LONG_S) -> SendLoop:
        return SendLoop(
            self.send,
            self.paused,
            self.hold,
            self.clock,
            self.wake,
            every_s=every_s,
            held_every_s=held_every_s,
        )

    async def next_send(self) -> None:
        await asyncio.wait_for(self.sent.wait(), WITHIN_S)
        self.sent.clear()


@pytest.fixture
async def running() -> AsyncIterator[Callable[[SendLoop], asyncio.Task[None]]]:
    tasks: list[asyncio.Task[None]] = []

    def start(loop: SendLoop) -> asyncio.Task[None]:
        tasks.append(asyncio.create_task(loop.run()))
        return tasks[-1]

    yield start
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def test_a_welcome_wakes_it_at_once_other_batches_do_not(
    running: Callable[[SendLoop], asyncio.Task[None]],
) -> None:
    rig = Rig()
    loop = rig.loop()
    running(loop)
    await rig.next_send()  # a round at start
    await loop.on_flushed(IngestOutcome(opted_in=["did:plc:a"], activities=1))
    assert not rig.wake.is_set()
    rig.clock.advance_to(T0 + 7)
    await loop.on_flushed(IngestOutcome(welcomed=["did:plc:a"]))
    await rig.next_send()  # long before its timer
    assert rig.sends == [T0, T0 + 7]  # each round at the clock's now


async def test_the_operators_resume_wakes_it_through_the_same_event(
    running: Callable[[SendLoop], asyncio.Task[None]],
) -> None:
    rig = Rig()
    running(rig.loop())
    await rig.next_send()
    rig.wake.set()  # what `GlobalPause(on_resume=...)` calls
    await rig.next_send()
    assert len(rig.sends) == 2


async def test_without_a_wake_it_sends_on_its_timer(
    running: Callable[[SendLoop], asyncio.Task[None]],
) -> None:
    rig = Rig()
    running(rig.loop(every_s=0.01))
    for _ in range(3):
        await rig.next_send()


async def test_paused_it_claims_nothing_and_asks_again_on_its_timer(
    running: Callable[[SendLoop], asyncio.Task[None]],
) -> None:
    rig = Rig()
    rig.is_paused = True
    polled = Count()

    async def paused() -> bool:
        polled.bump()
        return rig.is_paused

    running(SendLoop(rig.send, paused, rig.hold, rig.clock, rig.wake, every_s=0.01))
    await polled.reach(3)
    assert rig.sends == [] and rig.hold.asked.n == 0  # a paused bot does not even ask the hold
    rig.is_paused = False
    await rig.next_send()


async def test_held_it_claims_nothing_and_looks_again_sooner(
    running: Callable[[SendLoop], asyncio.Task[None]],
) -> None:
    rig = Rig()
    rig.hold = FakeHold(ready=False)
    running(rig.loop(every_s=LONG_S, held_every_s=0.01))
    await rig.hold.asked.reach(3)  # the held interval, not the long one
    assert rig.sends == []
    rig.hold.is_ready, rig.hold.held_since = True, None
    await rig.next_send()


@pytest.mark.parametrize("woken", [False, True])
async def test_it_stops_when_cancelled_even_as_it_is_woken(woken: bool) -> None:
    rig = Rig()
    task = asyncio.create_task(rig.loop().run())
    await rig.next_send()
    await asyncio.sleep(0)  # now waiting for a wake-up
    if woken:
        rig.wake.set()  # a history read committed while stopping
    task.cancel()
    await asyncio.wait_for(asyncio.gather(task, return_exceptions=True), WITHIN_S)
    assert task.cancelled()


async def test_an_error_goes_to_the_error_sink_and_the_loop_starts_again() -> None:
    rig = Rig()
    rig.fail = RuntimeError("database gone")
    sink = ErrorSink()
    reported = asyncio.Event()
    sink.listeners.append(lambda where, exc: reported.set())
    fatal: list[BaseException] = []
    task = asyncio.create_task(
        supervised("send", rig.loop().run, sink, on_fatal=fatal.append, backoff_cap_s=0.02)
    )
    try:
        await asyncio.wait_for(reported.wait(), WITHIN_S)
        assert sink.counts["send"] == 1 and "database gone" in sink.last["send"]
        rig.fail = None
        await rig.next_send()  # restarted after its backoff
        assert fatal == [] and not task.done()
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
