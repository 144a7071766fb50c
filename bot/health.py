"""Is the service well? Three facts, each stamped by whoever knows it, judged in one place.

- the event loop turns: a heartbeat task stamps the monotonic time every second;
- the firehose transport is alive: the source's `TransportState` (keepalive.py): any byte
  from the peer (a frame or a pong) within the ping interval + timeout. A silent filtered
  stream with answered pings is healthy; a connection that is down and cannot be made again,
  or one that is open but stalled, is not;
- the database answers: a cheap `SELECT 1` every few seconds, with a timeout;
- and, when wired, DMs are not held past their ceiling waiting for the firehose to catch up
  (bot/catchup.py).

`Health.check(now)` is pure over those stamps. The watchdog pinger (systemd's WATCHDOG=1) and
`/healthz` both ask it; neither judges by itself. The clock is monotonic seconds throughout.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from bot.shared import TransportState

log = logging.getLogger(__name__)

HEARTBEAT_S = 1.0
LOOP_STALE_S = 10.0  # a loop that has not turned for this long is wedged
DB_PROBE_S = 5.0
DB_TIMEOUT_S = 5.0
REASON_CHARS = 200

Clock = Callable[[], float]


class Health:
    def __init__(
        self,
        firehose: Callable[[], TransportState],
        *,
        clock: Clock = time.monotonic,
        loop_stale_s: float = LOOP_STALE_S,
        db_stale_s: float = DB_PROBE_S + DB_TIMEOUT_S + 5.0,
        dm_hold: Callable[[float], str | None] | None = None,
    ) -> None:
        self.firehose = firehose
        self.dm_hold = dm_hold  # DMs held past their ceiling (bot/catchup.py), or None
        self.loop_stale_s = loop_stale_s
        self.db_stale_s = db_stale_s
        started = clock()
        self.beat_at = started
        self.db_ok_at = started  # the store was just opened (and migrated): a fair start
        self.db_error: str | None = None

    def beat(self, now: float) -> None:
        self.beat_at = now

    def db_answered(self, now: float) -> None:
        self.db_ok_at = now
        self.db_error = None

    def db_failed(self, error: str) -> None:
        self.db_error = error

    def check(self, now: float) -> tuple[bool, list[str]]:
        """(healthy, the reasons it is not — one line each)."""
        reasons: list[str] = []
        stale = now - self.beat_at
        if stale > self.loop_stale_s:
            reasons.append(f"event loop: no heartbeat for {stale:.0f} s")
        problem = self.firehose().problem(now)
        if problem is not None:
            reasons.append(problem)
        held = self.dm_hold(now) if self.dm_hold is not None else None
        if held is not None:
            reasons.append(held)
        if self.db_error is not None:
            reasons.append(f"database: unreachable: {self.db_error}")
        elif now - self.db_ok_at > self.db_stale_s:
            reasons.append(f"database: no answer for {now - self.db_ok_at:.0f} s")
        return not reasons, [_one_line(r) for r in reasons]


async def heartbeat(health: Health, clock: Clock = time.monotonic) -> None:
    while True:
        health.beat(clock())
        await asyncio.sleep(HEARTBEAT_S)


async def probe_database(
    health: Health,
    ping: Callable[[], Awaitable[None]],
    *,
    every_s: float = DB_PROBE_S,
    timeout_s: float = DB_TIMEOUT_S,
    clock: Clock = time.monotonic,
) -> None:
    """`SELECT 1` every `every_s`; its failures are the health signal, not task errors."""
    while True:
        await probe_once(health, ping, timeout_s, clock)
        await asyncio.sleep(every_s)


async def probe_once(
    health: Health, ping: Callable[[], Awaitable[None]], timeout_s: float, clock: Clock
) -> None:
    try:
        async with asyncio.timeout(timeout_s):
            await ping()
    except TimeoutError:
        health.db_failed(f"no answer within {timeout_s:.0f} s")
    except Exception as exc:  # whatever the driver says is down is the reason
        health.db_failed(f"{type(exc).__name__}: {exc}")
    else:
        health.db_answered(clock())


def watchdog_interval_s(usec: int | None, for_pid: int | None, pid: int) -> float | None:
    """systemd's WATCHDOG_USEC / WATCHDOG_PID -> how often to ping (half the limit, as
    sd_watchdog_enabled(3) advises), or None when the watchdog is not ours."""
    if usec is None or usec <= 0 or (for_pid is not None and for_pid != pid):
        return None
    return usec / 2 / 1_000_000


class Watchdog:
    """WATCHDOG=1 every `every_s` while healthy; silence otherwise, so systemd restarts us.
    Says once why it stopped, and once that it resumed (in the log, and through `on_change`,
    which the service turns into systemd's STATUS= line)."""

    def __init__(
        self,
        health: Health,
        ping: Callable[[], None],
        every_s: float,
        *,
        on_change: Callable[[bool, list[str]], None] | None = None,
        clock: Clock = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.health = health
        self.ping = ping
        self.every_s = every_s
        self.on_change = on_change
        self.clock = clock
        self.sleep = sleep
        self.unhealthy = False

    def tick(self) -> bool:
        ok, reasons = self.health.check(self.clock())
        if ok:
            if self.unhealthy:
                log.warning("healthy again: watchdog pings resume")
                self._changed(True, [])
            self.unhealthy = False
            self.ping()
        elif not self.unhealthy:
            self.unhealthy = True
            log.error("unhealthy, watchdog pings stop: %s", "; ".join(reasons))
            self._changed(False, reasons)
        return ok

    def _changed(self, ok: bool, reasons: list[str]) -> None:
        if self.on_change is not None:
            self.on_change(ok, reasons)

    async def run(self) -> None:
        while True:
            await self.sleep(self.every_s)  # after READY=1, not before
            self.tick()


def _one_line(text: str) -> str:
    return " ".join(text.split())[:REASON_CHARS]
