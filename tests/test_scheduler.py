"""APScheduler wiring: jobs get `now` from the clock, errors and misses reach the sink."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot.clock import SimulatedClock
from bot.scheduler import Schedule, build_scheduler
from bot.supervise import ErrorSink


async def wait_for(predicate: Callable[[], bool]) -> None:
    async with asyncio.timeout(5.0):
        while not predicate():  # noqa: ASYNC110 - polling another component's side effects
            await asyncio.sleep(0.01)


async def test_jobs_run_with_the_clock_and_errors_reach_the_sink() -> None:
    clock = SimulatedClock(1_234_000_000)
    seen: list[int] = []

    async def good(now_us: int) -> None:
        seen.append(now_us)

    async def bad(now_us: int) -> None:
        raise RuntimeError(f"boom at {now_us}")

    sink = ErrorSink()
    scheduler = build_scheduler(
        [Schedule("good", good, 0.05), Schedule("bad", bad, 0.05)], clock, sink
    )
    scheduler.start()
    try:
        await wait_for(lambda: len(seen) >= 2 and sink.counts["job:bad"] >= 2)
    finally:
        scheduler.shutdown(wait=False)
    assert set(seen) == {1_234_000_000}
    assert sink.last["job:bad"] == "RuntimeError: boom at 1234000000"


async def test_jobs_are_configured_to_coalesce_and_never_expire() -> None:
    async def noop(now_us: int) -> None:
        return None

    scheduler = build_scheduler([Schedule("noop", noop, 3600)], SimulatedClock(), ErrorSink())
    [job] = scheduler.get_jobs()
    assert (job.coalesce, job.misfire_grace_time, job.max_instances) == (True, None, 1)


def test_a_broken_listener_does_not_hide_the_error() -> None:
    sink = ErrorSink()
    heard: list[str] = []

    def broken(where: str, exc: BaseException) -> None:
        raise ValueError("listener bug")

    sink.listeners += [broken, lambda where, exc: heard.append(where)]
    sink.report("task:x", KeyError("k"))
    assert sink.counts["task:x"] == 1 and heard == ["task:x"] and sink.total == 1
