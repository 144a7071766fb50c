"""Time as a dependency: real time live, simulated time in replay and tests."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

US_PER_SECOND = 1_000_000
US_PER_MINUTE = 60 * US_PER_SECOND
US_PER_HOUR = 60 * US_PER_MINUTE
US_PER_DAY = 24 * US_PER_HOUR


class Clock(Protocol):
    def now_us(self) -> int:
        """Microseconds since the Unix epoch."""
        ...


class SystemClock:
    def now_us(self) -> int:
        return time.time_ns() // 1000


@dataclass
class SimulatedClock:
    """A clock that only moves when told to, and never backwards."""

    current_us: int = 0

    def now_us(self) -> int:
        return self.current_us

    def advance_to(self, time_us: int) -> None:
        if time_us > self.current_us:
            self.current_us = time_us


def iso_z(time_us: int) -> str:
    """ISO-8601 UTC with a Z suffix and second precision, as replay prints it."""
    secs = time_us // US_PER_SECOND
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(secs))
