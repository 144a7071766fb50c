"""The send loop: the outbox's due DMs go out, paced by the budget, while the operator has not
paused the bot and the firehose has caught up (bot/catchup.py, docs/dm-hold.md).

It sends on a timer and at once when woken. What wakes it is the welcome's rule, which lives
here: a welcome answers a follow, so it goes as soon as it may. It is due `WELCOME_WAIT_S`
after the follow, or earlier, the moment the history read that tells the person's language
is committed (docs/language.md); either way the loop looks at once instead of within
`SEND_EVERY_S`. The operator's `resume-all` wakes it too (held DMs go out at once).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Protocol

from bot.catchup import POLL_S as HOLD_POLL_S
from bot.clock import Clock

if TYPE_CHECKING:
    from bot.shared import IngestOutcome

SEND_EVERY_S = 5.0  # the budget, not this, sets the pace; this only bounds the delay
# A welcome waits at most this long for the history read that tells the person's language
# (docs/language.md); it goes as soon as the read is committed, usually well within a second.
WELCOME_WAIT_S = 5.0


def sends_at_once(outcome: IngestOutcome) -> bool:
    """The welcome's "at once" rule: a committed batch that welcomed someone, or committed
    someone's history read (which makes their welcome due now), wakes the send loop."""
    return bool(outcome.welcomed or outcome.histories)


class Hold(Protocol):
    """The firehose gate (`catchup.DmHold`): no DM until the stream has caught up."""

    @property
    def held_since(self) -> float | None: ...

    async def ready(self) -> bool: ...


class SendLoop:
    def __init__(
        self,
        send: Callable[[int], Awaitable[object]],
        paused: Callable[[], Awaitable[bool]],
        hold: Hold,
        clock: Clock,
        wake: asyncio.Event,
        *,
        every_s: float = SEND_EVERY_S,
        held_every_s: float = HOLD_POLL_S,
    ) -> None:
        self.send = send  # one paced round: `DmService.send`
        self.paused = paused  # the operator's `pause-all`
        self.hold = hold
        self.clock = clock
        self.wake = wake  # set by `on_flushed` and by the operator's resume
        self.every_s = every_s
        self.held_every_s = held_every_s  # while held, look again sooner

    async def on_flushed(self, outcome: IngestOutcome) -> None:
        """The ingest loop's hook after each commit: the welcome's rule."""
        if sends_at_once(outcome):
            self.wake.set()

    async def run(self) -> None:
        """Forever; an error ends it (its supervisor reports it and starts it again)."""
        while True:
            self.wake.clear()
            # paused by the operator, or the firehose not caught up yet: claim nothing
            if not await self.paused() and await self.hold.ready():
                await self.send(self.clock.now_us())
            every_s = self.every_s if self.hold.held_since is None else self.held_every_s
            # not wait_for: on 3.11 it swallows a cancel that meets a wake-up (a history
            # read committed while stopping), and the service would never stop
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(every_s):
                    await self.wake.wait()
