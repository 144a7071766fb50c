"""The DM hold (bot/catchup.py): the pure judgment of "caught up" per connection and for all of
them, the ceiling, and `DmHold` over a fake clock, fake streams and a recording barrier."""

from __future__ import annotations

import logging

import pytest

from bot.catchup import (
    DmHold,
    HoldRules,
    StreamState,
    caught_up,
    decide,
    hold_problem,
    is_live_event,
    iso_time_us,
)
from bot.sources.keepalive import Liveness

T0 = 1000.0  # monotonic seconds
RULES = HoldRules(live_within_s=5.0, idle_s=3.0, ceiling_s=600.0)
WALL = 1_800_000_000_000_000  # wall-clock microseconds "now"


def stream(
    opened: float | None = T0,
    *,
    connected: bool = True,
    heard: float | None = None,
    frame: float | None = None,
    live: float | None = None,
    name: str = "relay",
) -> StreamState:
    heard_at = heard if heard is not None else (opened if opened is not None else 0.0)
    return StreamState(name, connected, opened, heard_at, frame, live)


@pytest.mark.parametrize(
    ("state", "now", "expected"),
    [
        # never connected, or down
        (stream(None), T0 + 100, False),
        (stream(T0, connected=False, frame=T0 + 1), T0 + 100, False),
        # connected, but the server has not answered the handshake yet
        (stream(T0, heard=T0 - 5), T0 + 100, False),
        # quiet after connecting: the server had nothing more
        (stream(T0), T0 + 2.9, False),
        (stream(T0), T0 + 3.0, True),
        # reading a backlog: frames keep coming, none near now
        (stream(T0, frame=T0 + 9), T0 + 10, False),
        (stream(T0, frame=T0 + 9), T0 + 12, True),
        # a frame at the tip since this connect: caught up at once, whatever follows
        (stream(T0, frame=T0 + 1, live=T0 + 1), T0 + 1, True),
        # at the tip before a reconnect: says nothing about the new connection
        (stream(T0, frame=T0 - 1, live=T0 - 1), T0 + 1, False),
        (stream(T0, frame=T0 - 1, live=T0 - 1), T0 + 3, True),
        # a pong is no frame: it does not hold back an idle stream
        (stream(T0, heard=T0 + 2.5), T0 + 3, True),
    ],
)
def test_caught_up(state: StreamState, now: float, expected: bool) -> None:
    assert caught_up(state, now, RULES) is expected


@pytest.mark.parametrize(
    ("event_us", "expected"),
    [
        (None, False),
        (WALL, True),
        (WALL - 5_000_000, True),
        (WALL - 5_000_001, False),
        (WALL - 3600 * 1_000_000, False),  # an hour-old event: a backlog
        (WALL + 60 * 1_000_000, True),  # the server's clock ahead of ours
    ],
)
def test_is_live_event(event_us: int | None, expected: bool) -> None:
    assert is_live_event(event_us, WALL, 5.0) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1970-01-01T00:00:01.000001Z", 1_000_001),
        ("1970-01-01T00:00:01+01:00", 1_000_000 - 3600 * 1_000_000),
        ("1970-01-01T00:00:02", 2_000_000),  # no zone: UTC
        ("yesterday", None),
        ("", None),
        (12, None),
        (None, None),
    ],
)
def test_iso_time_us(value: object, expected: int | None) -> None:
    assert iso_time_us(value) == expected


A = stream(T0, name="a")
B_BEHIND = stream(T0 + 1, frame=T0 + 9, name="b")
B_IDLE = stream(T0 + 1, name="b")
B_DOWN = stream(T0 + 1, connected=False, name="b")
EPOCH = (T0, T0 + 1)


@pytest.mark.parametrize(
    ("streams", "held_since", "passed", "send", "behind", "overdue"),
    [
        ([], T0, None, False, ("the firehose (not started)",), False),
        ([A, B_IDLE], T0, None, True, (), False),
        ([A, B_BEHIND], T0, None, False, ("b",), False),
        ([A, B_DOWN], T0, None, False, ("b",), False),
        # the gate opened for these very connections: a frame later does not close it again
        ([A, B_BEHIND], None, EPOCH, True, (), False),
        # ... but a connection going down does
        ([A, B_DOWN], None, EPOCH, False, ("b (down)",), False),
        # a reconnect anywhere (another epoch) asks for a catch-up again
        ([A, B_BEHIND], T0, (T0, T0 - 50), False, ("b",), False),
        # held past the ceiling
        ([A, B_BEHIND], T0 + 10 - 601, None, False, ("b",), True),
        ([A, B_BEHIND], T0 + 10 - 599, None, False, ("b",), False),
    ],
)
def test_decide(
    streams: list[StreamState],
    held_since: float | None,
    passed: tuple[float, ...] | None,
    send: bool,
    behind: tuple[str, ...],
    overdue: bool,
) -> None:
    verdict = decide(streams, T0 + 10, held_since, passed, RULES)
    assert (verdict.send, verdict.behind, verdict.overdue) == (send, behind, overdue)
    assert verdict.epoch == tuple(sorted(s.opened_at or 0.0 for s in streams))


@pytest.mark.parametrize(
    ("held_since", "now", "has_problem"),
    [(None, T0, False), (T0, T0 + 600, False), (T0, T0 + 601, True)],
)
def test_hold_problem(held_since: float | None, now: float, has_problem: bool) -> None:
    problem = hold_problem(held_since, now, RULES)
    assert (problem is not None) == has_problem
    if problem is not None:
        assert problem.startswith("dms: held for 601 s")


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


class Fixture:
    def __init__(self) -> None:
        self.clock = Clock()
        self.streams: list[StreamState] = []
        self.barriers = 0
        self.hold = DmHold(lambda: self.streams, self._barrier, self.clock, RULES)

    async def _barrier(self) -> None:
        self.barriers += 1


async def test_a_start_holds_until_every_stream_caught_up_then_one_barrier(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="bot.catchup")
    f = Fixture()
    assert not await f.hold.ready()  # not started: no streams
    assert not await f.hold.ready()
    said = [r.getMessage() for r in caplog.records]
    assert said == ["DMs held until the firehose catches up: the firehose (not started)"]
    f.streams = [stream(T0 + 1, name="a"), stream(T0 + 1, frame=T0 + 4, name="b")]
    f.clock.now = T0 + 5
    assert not await f.hold.ready()  # b is still reading
    assert f.hold.held_s(f.clock.now) == 5.0 and f.barriers == 0
    f.clock.now = T0 + 7
    assert await f.hold.ready()
    assert f.barriers == 1 and f.hold.held_since is None and f.hold.held_s(T0 + 7) == 0.0
    assert await f.hold.ready()  # the same connections: no new barrier
    assert f.barriers == 1
    assert caplog.records[-1].getMessage() == "DMs: the firehose caught up after 7.0 s; sending"


async def test_a_reconnect_holds_again_and_needs_a_new_barrier() -> None:
    f = Fixture()
    f.streams = [stream(T0)]
    f.clock.now = T0 + 3
    assert await f.hold.ready() and f.barriers == 1
    f.streams = [stream(T0 + 4, frame=T0 + 5)]  # reconnected, reading what it missed
    f.clock.now = T0 + 6
    assert not await f.hold.ready()
    f.streams = [stream(T0 + 4, frame=T0 + 7, live=T0 + 7)]  # at the tip
    f.clock.now = T0 + 7
    assert await f.hold.ready() and f.barriers == 2


async def test_a_reconnect_that_caught_up_between_two_looks_still_gets_a_barrier() -> None:
    f = Fixture()
    f.streams = [stream(T0)]
    f.clock.now = T0 + 3
    assert await f.hold.ready() and f.barriers == 1
    f.streams = [stream(T0 + 10)]
    f.clock.now = T0 + 20  # never seen held, but its backlog may still be on the queue
    assert await f.hold.ready() and f.barriers == 2


async def test_a_hold_past_the_ceiling_warns_once_per_ceiling_and_is_a_health_problem(
    caplog: pytest.LogCaptureFixture,
) -> None:
    f = Fixture()
    f.streams = [stream(T0, connected=False, name="relay")]
    caplog.set_level(logging.INFO, logger="bot.catchup")
    for second in range(0, 1300, 10):
        f.clock.now = T0 + second
        assert not await f.hold.ready()
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2 and "relay" in warnings[0].getMessage()
    assert f.hold.problem(T0 + 1290) is not None
    assert f.hold.problem(T0 + 600) is None
    f.streams = [stream(T0 + 1300)]
    f.clock.now = T0 + 1304
    assert await f.hold.ready() and f.hold.problem(f.clock.now) is None


class Ticks:
    def __init__(self) -> None:
        self.mono = T0
        self.wall = WALL

    def monotonic(self) -> float:
        return self.mono

    def wall_us(self) -> int:
        return self.wall


def test_liveness_reports_a_connections_catch_up_and_forgets_it_on_reconnect() -> None:
    t = Ticks()
    live = Liveness(clock=t.monotonic, wall=t.wall_us, live_within_s=5.0)
    assert live.stream("relay").opened_at is None
    live.opened()
    live.heard()
    t.mono += 1
    live.frame(WALL - 3600 * 1_000_000)  # the backlog
    assert not live.live and live.stream("relay").frame_at == T0 + 1
    t.mono += 1
    live.frame(WALL - 1_000_000)  # the tip
    state = live.stream("relay")
    assert live.live and state.live_at == T0 + 2 and caught_up(state, T0 + 2, RULES)
    live.closed()
    assert not caught_up(live.stream("relay"), T0 + 2, RULES)
    t.mono += 1
    live.opened()
    live.heard()
    state = live.stream("relay")
    assert not live.live and state.live_at is None and state.frame_at is None
    assert not caught_up(state, T0 + 4, RULES) and caught_up(state, T0 + 6, RULES)
