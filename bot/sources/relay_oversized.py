"""Stepping past a relay frame over `max_frame_bytes`.

websockets refuses such a frame unread: it closes the connection with 1009 (message too big),
so we never learn its seq. The SDK client would reconnect from our cursor, with a growing
backoff, and the relay would send the same frame again, forever. The relay sends frames in seq
order, each with seq > the cursor asked for: if the last seq handled was C, the frame that was
too big is the first seq > C. Resuming from C+1 therefore loses nothing: either that frame was
C+1 and is left out, or no seq C+1 exists and the next try meets the frame again, one further
on. Each try steps one seq; a handled frame starts a new run of steps from its seq.
"""

from __future__ import annotations

import logging
from collections import Counter

from websockets.exceptions import ConnectionClosedError
from websockets.frames import CloseCode

log = logging.getLogger(__name__)

# one per cursor step: a step leaves out at most one frame (a gap in seqs costs extra steps)
OVERSIZED_FRAME = "oversized-frame"


def closed_for_size(error: BaseException) -> bool:
    """Did our side close the connection because a frame was over websockets' `max_size`?
    A 1009 the relay sent first (ours would only be its echo) is not that."""
    if not isinstance(error, ConnectionClosedError) or error.sent is None:
        return False
    return error.sent.code == CloseCode.MESSAGE_TOO_BIG and not error.rcvd_then_sent


class OversizedSteps:
    """Which cursor to resume from after each such close; counts and logs every step."""

    def __init__(self, skipped: Counter[str], limit: int) -> None:
        self.skipped = skipped
        self.limit = limit
        self._from = -1  # the last seq handled before this run of steps
        self._to: int | None = None  # the cursor the last step resumed from

    def step(self, handled: int | None) -> int | None:
        """The cursor to resume from, `handled` being the last seq handled. None (live, no
        cursor): a live stream starts after the frame anyway, so it is not met again."""
        self.skipped[OVERSIZED_FRAME] += 1
        if handled is None:
            log.warning(
                "relay: a frame over %d bytes closed the live stream (1009) before any seq was "
                "handled; reconnecting live",
                self.limit,
            )
            return None
        if handled != self._to:  # a frame was handled since the last step: a new run
            self._from = handled
        self._to = handled + 1
        log.warning(
            "relay: a frame over %d bytes after seq %d closed the connection (1009); resuming "
            "from cursor %d (try %d: seqs %d..%d stepped over, no frame lost but that one)",
            self.limit,
            self._from,
            self._to,
            self._to - self._from,
            self._from + 1,
            self._to,
        )
        return self._to
