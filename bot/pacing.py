"""The DM budget: pure arithmetic over the times DMs went out, and the server's pushback.

Bluesky documents no DM rate limit, but 429s on `sendMessage` were reported at ~5 DMs a minute
with quota still "remaining"; so the bot keeps well under that on its own (default 3 a minute)
and under a daily cap, and after a 429 it waits for the server's reset when one is given, else
backs off on its own schedule (1, 2, 4 … minutes, capped), for every DM, not just the one.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.clock import US_PER_DAY, US_PER_MINUTE, US_PER_SECOND

BACKOFF_START_US = US_PER_MINUTE
BACKOFF_CAP_US = 60 * US_PER_MINUTE


@dataclass
class DmBudget:
    per_minute: int = 3
    per_day: int = 200
    sent: deque[int] = field(default_factory=deque)  # send times within the last day, oldest first
    paused_until_us: int = 0
    pushbacks: int = 0  # 429s in a row; a DM that goes through resets it
    backoff_start_us: int = BACKOFF_START_US  # our own wait after a 429 without a reset

    def __post_init__(self) -> None:
        if self.per_minute < 1 or self.per_day < 1:
            raise ValueError("the DM budget needs at least one DM per minute and per day")

    @classmethod
    def from_history(
        cls,
        times_us: Iterable[int],
        now_us: int,
        *,
        per_minute: int = 3,
        per_day: int = 200,
        backoff_start_us: int = BACKOFF_START_US,
    ) -> DmBudget:
        """A budget that remembers the DMs of the last day (read from the store at startup,
        so a restart does not reset the daily cap)."""
        budget = cls(per_minute=per_minute, per_day=per_day, backoff_start_us=backoff_start_us)
        for time_us in sorted(times_us):
            if time_us > now_us - US_PER_DAY:
                budget.sent.append(time_us)
        return budget

    def available(self, now_us: int) -> int:
        """How many DMs may go out right now."""
        if now_us < self.paused_until_us:
            return 0
        self._forget_before(now_us - US_PER_DAY)
        last_minute = sum(1 for t in reversed(self.sent) if t > now_us - US_PER_MINUTE)
        return max(0, min(self.per_minute - last_minute, self.per_day - len(self.sent)))

    def next_slot_us(self, now_us: int) -> int:
        """The earliest moment another DM may go out."""
        if self.available(now_us) > 0:
            return now_us
        moments = [self.paused_until_us]
        recent = [t for t in self.sent if t > now_us - US_PER_MINUTE]
        if len(recent) >= self.per_minute:
            moments.append(recent[len(recent) - self.per_minute] + US_PER_MINUTE)
        if len(self.sent) >= self.per_day:
            moments.append(self.sent[len(self.sent) - self.per_day] + US_PER_DAY)
        return max(now_us, *moments)

    def spend(self, now_us: int) -> None:
        self.sent.append(now_us)
        self.pushbacks = 0

    def pushback(self, now_us: int, retry_after_s: float | None) -> int:
        """The server said 429: no DM until its reset, or our own growing wait. Returns when
        sending may resume."""
        self.pushbacks += 1
        if retry_after_s is not None and retry_after_s > 0:
            wait_us = int(retry_after_s * US_PER_SECOND)
        else:
            wait_us = min(self.backoff_start_us << min(self.pushbacks - 1, 16), BACKOFF_CAP_US)
        self.paused_until_us = max(self.paused_until_us, now_us + wait_us)
        return self.paused_until_us

    def _forget_before(self, floor_us: int) -> None:
        while self.sent and self.sent[0] <= floor_us:
            self.sent.popleft()
