"""Reconnect backoff shared by every long-lived connection (both firehose sources)."""

from __future__ import annotations

import random
from collections.abc import Callable


def backoff_delay(
    attempt: int,
    *,
    base_s: float = 1.0,
    cap_s: float = 60.0,
    rand: Callable[[], float] = random.random,
) -> float:
    """Seconds before reconnect number `attempt` (0 = the first): base, 2x, 4x, … capped at
    `cap_s`, each jittered into [50 %, 100 %] so many clients do not come back at once."""
    step = min(cap_s, base_s * 2.0 ** min(max(attempt, 0), 30))
    return step * (0.5 + 0.5 * rand())
