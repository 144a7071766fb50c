"""Test-only crash points: where `FAULT_POINT` makes the process die, as a SIGKILL would.

The crash tests (tests/localnet/test_kill_points.py) prove that a restart loses and doubles
nothing when the process dies at the worst moments. Each such moment calls `hit(name)`; with
`FAULT_POINT=name` (and `FAULT_AFTER=n`, default 1) the n-th call exits at once with
`EXIT_CODE` — no cleanup, no flush of open transactions, exactly like a kill. Without
`FAULT_POINT` (always, in production) `hit` does nothing.

The points, and what a crash there leaves behind:
  after-claim    an outbox row claimed with a lease, the DM not yet sent
  after-send     the DM sent, its row not yet marked sent
  mid-commit     inside an ingest batch's transaction: rows written, cursors not, no commit
  after-command  a DM command applied, its answer not yet sent, the chat-log cursor not moved
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Final, Literal

log = logging.getLogger(__name__)

FaultPointName = Literal["after-claim", "after-send", "mid-commit", "after-command"]
POINTS: Final = ("after-claim", "after-send", "mid-commit", "after-command")
EXIT_CODE: Final = 75  # EX_TEMPFAIL: what the tests wait for

FaultHook = Callable[[str], None]


def no_fault(point: str) -> None:
    """The hook everywhere outside the crash tests."""


class FaultPoints:
    """The one place that turns the named points into a death (tests only)."""

    def __init__(self, point: str | None, after: int = 1) -> None:
        if point is not None and point not in POINTS:
            raise ValueError(f"unknown fault point {point!r} (one of {', '.join(POINTS)})")
        self.point = point
        self.after = after
        self.seen = 0

    def hit(self, point: str) -> None:
        if point != self.point:
            return
        self.seen += 1
        if self.seen >= self.after:
            log.error("FAULT_POINT=%s (#%d): dying here on purpose", point, self.seen)
            logging.shutdown()
            os._exit(EXIT_CODE)

    @property
    def hook(self) -> FaultHook:
        return self.hit if self.point is not None else no_fault
