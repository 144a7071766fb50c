"""Health: the pure check over its stamps, the probes that stamp them, and the watchdog pinger
(fake notifier, fake clock)."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.health import Health, Watchdog, heartbeat, probe_once, watchdog_interval_s
from bot.shared import TransportState, worst
from tests.tasks import stop

T0 = 1000.0
STALL = 40.0


class FakeClock:
    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def link(heard_ago: float, connected: bool = True, name: str = "relay") -> TransportState:
    return TransportState(name, connected, T0 - heard_ago, STALL)


@pytest.mark.parametrize(
    ("state", "problem"),
    [
        (link(0), None),
        (link(39.9), None),  # a silent stream whose pong is due: fine
        (link(40.0), None),
        (link(45), "firehose: relay stalled: nothing heard for 45 s, not even a pong"),
        (link(3, connected=False), None),  # reconnecting, within the grace
        (link(41, connected=False), "firehose: relay down: no connection, nothing heard for 41 s"),
    ],
)
def test_transport_problem(state: TransportState, problem: str | None) -> None:
    found = state.problem(T0)
    if problem is None:
        assert found is None
    else:
        assert found is not None and found.startswith(problem)


def test_the_stalest_connection_speaks_for_all() -> None:
    fallback = link(0, name="none")
    states = [link(1, name="a"), link(50, name="b"), link(20, connected=False, name="c")]
    assert worst(states, fallback).name == "b"
    assert worst([], fallback) is fallback
    assert worst(states, fallback).problem(T0) is not None


@pytest.mark.parametrize(
    ("beat_ago", "firehose", "db_error", "db_ago", "reasons"),
    [
        (0.5, link(1), None, 3.0, []),
        (11.0, link(1), None, 3.0, ["event loop: no heartbeat for 11 s"]),
        (0.5, link(60), None, 3.0, ["firehose: relay stalled"]),
        (0.5, link(1), "OSError: refused", 3.0, ["database: unreachable: OSError: refused"]),
        (0.5, link(1), None, 16.0, ["database: no answer for 16 s"]),  # a probe that hangs
        (
            12.0,
            link(60, connected=False),
            "timeout",
            30.0,
            ["event loop", "firehose: relay down", "database: unreachable: timeout"],
        ),
    ],
)
def test_check(
    beat_ago: float,
    firehose: TransportState,
    db_error: str | None,
    db_ago: float,
    reasons: list[str],
) -> None:
    health = Health(lambda: firehose, clock=FakeClock(0.0))
    health.beat(T0 - beat_ago)
    health.db_answered(T0 - db_ago)
    if db_error is not None:
        health.db_failed(db_error)
    ok, found = health.check(T0)
    assert ok == (not reasons)
    assert len(found) == len(reasons)
    for line, start in zip(found, reasons, strict=True):
        assert line.startswith(start) and "\n" not in line


def test_a_fresh_health_gives_the_probes_time() -> None:
    clock = FakeClock()
    health = Health(lambda: link(0), clock=clock)
    assert health.check(T0 + 1) == (True, [])
    health.db_failed("boom")
    health.db_answered(T0 + 2)  # an answer clears the failure
    assert health.check(T0 + 2) == (True, [])


def test_dms_held_past_their_ceiling_make_the_service_unhealthy() -> None:
    from bot.catchup import HoldRules, hold_problem

    held = {"since": T0 - 601.0}
    rules = HoldRules(ceiling_s=600.0)
    health = Health(
        lambda: link(0),
        clock=FakeClock(),
        dm_hold=lambda now: hold_problem(held["since"], now, rules),
    )
    ok, reasons = health.check(T0)
    assert not ok and reasons == [
        "dms: held for 601 s: the firehose has not caught up (limit 600 s)"
    ]
    held["since"] = T0 - 600.0
    assert health.check(T0) == (True, [])


def test_reasons_are_one_bounded_line() -> None:
    health = Health(lambda: link(0), clock=FakeClock())
    health.db_failed("line one\nline two " + "x" * 500)
    _, reasons = health.check(T0)
    assert reasons[0].startswith("database: unreachable: line one line two")
    assert len(reasons[0]) == 200


@pytest.mark.parametrize(
    ("usec", "for_pid", "every_s"),
    [
        (None, None, None),  # no WatchdogSec=
        (30_000_000, None, 15.0),
        (30_000_000, 4242, 15.0),  # for us
        (30_000_000, 1, None),  # for another process (NotifyAccess=all, a child)
        (2_000_000, None, 1.0),
        (0, None, None),
    ],
)
def test_watchdog_interval(usec: int | None, for_pid: int | None, every_s: float | None) -> None:
    assert watchdog_interval_s(usec, for_pid, 4242) == every_s


class Pinged:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


def test_the_watchdog_pings_only_while_healthy_and_says_so_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = FakeClock()
    state = {"firehose": link(0)}
    health = Health(lambda: state["firehose"], clock=clock)
    ping, changes = Pinged(), []
    watchdog = Watchdog(
        health, ping, 15.0, clock=clock, on_change=lambda ok, r: changes.append((ok, r))
    )
    for _ in range(3):
        health.beat(clock.now)
        health.db_answered(clock.now)
        assert watchdog.tick()
    assert ping.count == 3 and changes == []

    state["firehose"] = link(100, connected=False)
    with caplog.at_level(logging.ERROR, logger="bot.health"):
        for _ in range(4):
            assert not watchdog.tick()
    assert ping.count == 3  # silence: systemd restarts us after WatchdogSec
    stopped = [r.getMessage() for r in caplog.records if "pings stop" in r.getMessage()]
    assert len(stopped) == 1 and "firehose: relay down" in stopped[0]
    assert len(changes) == 1 and not changes[0][0] and "firehose" in changes[0][1][0]

    state["firehose"] = link(0)
    assert watchdog.tick() and ping.count == 4
    assert changes[-1] == (True, [])


async def test_the_watchdog_waits_one_interval_before_each_ping() -> None:
    clock = FakeClock()
    health = Health(lambda: link(0), clock=clock)
    ping, slept = Pinged(), []

    class Enough(Exception):
        pass

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        assert ping.count == len(slept) - 1  # no ping before the first sleep (READY first)
        if len(slept) == 4:
            raise Enough
        clock.now += seconds
        health.beat(clock.now)
        health.db_answered(clock.now)

    with pytest.raises(Enough):
        await Watchdog(health, ping, 7.5, clock=clock, sleep=sleep).run()
    assert slept == [7.5] * 4 and ping.count == 3


async def test_probe_once_stamps_answers_and_failures() -> None:
    clock = FakeClock()
    health = Health(lambda: link(0), clock=clock)

    async def fine() -> None:
        return None

    async def refused() -> None:
        raise ConnectionRefusedError("connection refused")

    async def hangs() -> None:
        await asyncio.Event().wait()

    await probe_once(health, refused, 5.0, clock)
    assert health.db_error == "ConnectionRefusedError: connection refused"
    await probe_once(health, hangs, 0.01, clock)
    assert health.db_error == "no answer within 0 s"
    clock.now += 3
    await probe_once(health, fine, 5.0, clock)
    assert health.db_error is None and health.db_ok_at == T0 + 3


async def test_heartbeat_stamps_the_loop() -> None:
    read = asyncio.Event()

    def clock() -> float:
        read.set()
        return T0 + 50

    health = Health(lambda: link(0), clock=FakeClock())
    task = asyncio.create_task(heartbeat(health, clock))
    try:
        async with asyncio.timeout(5):
            await read.wait()
    finally:
        await stop(task)
    assert health.beat_at == T0 + 50
    loop_reasons = [r for r in health.check(T0 + 55)[1] if r.startswith("event loop")]
    assert loop_reasons == []
    assert health.check(T0 + 61)[1][0] == "event loop: no heartbeat for 11 s"
