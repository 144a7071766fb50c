"""What the running service takes from the operator's commands, through the database:
the global pause (`nudgebot pause-all` / `resume-all`) and `nudgebot forget` requests.

The CLI cannot reach into the running process, so it writes switches and the service polls
them every few seconds (and the sender once more right before each DM).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence

from bot.clock import Clock, iso_z
from bot.events import Event, StopRequested
from bot.store import Store
from bot.store.operator import PAUSE_SWITCH as PAUSE_SWITCH_NAME

log = logging.getLogger(__name__)

__all__ = ["PAUSE_SWITCH_NAME", "GlobalPause", "OperatorLoop", "apply_forget_requests"]

POLL_S = 2.0  # the operator's commands take effect within seconds

PutEvents = Callable[[Sequence[Event]], Awaitable[None]]


class GlobalPause:
    """The operator's stop switch as this process sees it. Every reader asks the database
    (a paused bot must not send one more DM); the change is logged once, here."""

    def __init__(self, store: Store, on_resume: Callable[[], None] = lambda: None) -> None:
        self.store = store
        self.on_resume = on_resume  # e.g. wake the send loop: held DMs go out at once
        self._paused: bool | None = None

    async def paused(self) -> bool:
        since = await self.store.paused_since()
        paused = since is not None
        if paused != self._paused:
            if since is not None:
                log.warning(
                    "paused by the operator since %s: no DM is claimed or sent until "
                    "`nudgebot resume-all` (commands are still applied; answers wait)",
                    iso_z(since),
                )
            elif self._paused is not None:
                log.warning("resumed by the operator: DMs go out again")
                self.on_resume()
            self._paused = paused
        return paused


async def apply_forget_requests(
    store: Store, opted: Mapping[str, str], put: PutEvents, now_us: int
) -> int:
    """`nudgebot forget` already deleted the person in the database; this process may still
    watch them. The request names them only by keyed digest, so it is matched against the
    opted-in set, and a match goes through the pipeline as the DM `forget` does (dropping them
    from memory and the sources). Returns how many this process still knew."""
    digests = await store.forget_requests()
    if not digests:
        return 0
    by_digest = {store.digest(did): did for did in list(opted)}
    known = [by_digest[d] for d in digests if d in by_digest]
    if known:
        await put([StopRequested(did, now_us, "forget") for did in known])
    for digest in digests:
        await store.forget_request_done(digest)
    # no DIDs in the log: these people asked to be forgotten
    log.info("applied %d forget request(s) of the operator (%d watched)", len(digests), len(known))
    return len(known)


class OperatorLoop:
    """`pause-all` / `resume-all` and `forget` from the CLI, within `every_s` seconds."""

    def __init__(
        self,
        pause: GlobalPause,
        store: Store,
        opted: Callable[[], Mapping[str, str]],
        put: PutEvents,
        clock: Clock,
        every_s: float = POLL_S,
    ) -> None:
        self.pause = pause
        self.store = store
        self.opted = opted  # the pipeline's opted-in set, read anew (a resync replaces it)
        self.put = put  # into the ingest loop, returning once committed
        self.clock = clock
        self.every_s = every_s

    async def run(self) -> None:
        while True:
            await self.pause.paused()  # logs the change; a resume wakes the send loop
            await apply_forget_requests(self.store, self.opted(), self.put, self.clock.now_us())
            await asyncio.sleep(self.every_s)
