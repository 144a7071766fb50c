"""Hold outgoing DMs until the firehose has caught up: after a start and after any outage.

Why: a DM goes out only to someone still opted in, and "still opted in" is read from the store.
After a restart (or a reconnect) the store does not yet know what happened while the bot was
not reading: someone who unfollowed meanwhile still looks opted in until that delete is read
from the backlog. So the send loop asks this gate first, and sends only once every firehose
connection has caught up since its latest (re)connect and everything read so far is committed
(a barrier through the ingest queue). The outbox then re-checks each row against the store as
it always does (`outbox.still_wanted`): the unfollower's row is gone, not sent.

A connection has caught up (`caught_up`) when, since it last opened and the server answered,
  - a frame came whose event time is within `live_within_s` of now (a busy stream at the tip), or
  - nothing came for `idle_s` (a quiet or DID-filtered stream: the server had nothing more).

Ceiling: the hold never gives up by sending on state that may be stale (a late welcome is
harmless, a DM to someone who left is not). Past `ceiling_s` it is reported instead: a warning
in the log (repeated every `ceiling_s`), `nudgebot_dms_held_seconds`, and a reason in `/healthz`
and the watchdog's judgment (bot/health.py), so systemd restarts a service whose stream never
catches up; the restart resumes from the saved cursors and loses nothing.

Answers to people who write to the bot (bot/replies.py) are not held: the person's own message
asks for the answer, and a `stop` must be confirmed at once. See docs/dm-hold.md.

Everything here is pure over plain data and `now` (monotonic seconds), except `DmHold`, which
keeps the hold's start and runs the barrier.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

log = logging.getLogger(__name__)

LIVE_WITHIN_S = 5.0  # an event at most this old when read: the stream is at its tip
IDLE_S = 3.0  # no frame for this long after connecting: the server had no backlog left
CEILING_S = 600.0  # held longer than this: say so (log, metric, health)
POLL_S = 1.0  # how often a held send loop looks again


@dataclass(frozen=True, slots=True)
class HoldRules:
    live_within_s: float = LIVE_WITHIN_S
    idle_s: float = IDLE_S
    ceiling_s: float = CEILING_S


@dataclass(frozen=True, slots=True)
class StreamState:
    """One firehose connection as the gate sees it (monotonic seconds; None: not yet)."""

    name: str
    connected: bool
    opened_at: float | None  # the latest (re)connect
    heard_at: float  # the last byte from the peer (the handshake's answer counts)
    frame_at: float | None  # the last frame read
    live_at: float | None  # the last frame whose event was within live_within_s of now


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = datetime.resolution


def iso_time_us(value: object) -> int | None:
    """A frame's ISO 8601 `time` in microseconds; None for anything else (such a frame says
    nothing about being at the tip)."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return (moment - _EPOCH) // _US
    except (ValueError, OverflowError):
        return None


def is_live_event(event_time_us: int | None, wall_now_us: int, live_within_s: float) -> bool:
    """An event read now that is at most `live_within_s` old (one from a clock ahead: too)."""
    if event_time_us is None:
        return False
    return wall_now_us - event_time_us <= live_within_s * 1_000_000


def caught_up(stream: StreamState, now: float, rules: HoldRules) -> bool:
    """Has this connection read everything the server had, since its latest connect?"""
    opened = stream.opened_at
    if not stream.connected or opened is None or stream.heard_at < opened:
        return False  # down, never connected, or connected but the server has not answered
    if stream.live_at is not None and stream.live_at >= opened:
        return True
    # idle since the connect or the last frame; pongs do not count (they come while idle)
    last = opened if stream.frame_at is None else max(opened, stream.frame_at)
    return now - last >= rules.idle_s


@dataclass(frozen=True, slots=True)
class Verdict:
    send: bool
    behind: tuple[str, ...]  # the connections not caught up
    overdue: bool  # held past the ceiling
    epoch: tuple[float, ...]  # the connects this verdict covers: a new one needs a new barrier


def decide(
    streams: Sequence[StreamState],
    now: float,
    held_since: float | None,
    passed: tuple[float, ...] | None,
    rules: HoldRules,
) -> Verdict:
    """May DMs go out now? `passed`: the epoch the gate last opened for. Within it the
    connections need only stay up (a catch-up is not undone by a later quiet spell or an old
    event); a new connect anywhere asks for a catch-up again. No connection at all (not
    started yet) is not caught up."""
    epoch = tuple(sorted(s.opened_at or 0.0 for s in streams))
    if not streams:
        behind: tuple[str, ...] = ("the firehose (not started)",)
    elif epoch == passed:
        behind = tuple(f"{s.name} (down)" for s in streams if not s.connected)
    else:
        behind = tuple(s.name for s in streams if not caught_up(s, now, rules))
    send = not behind
    overdue = not send and held_since is not None and now - held_since > rules.ceiling_s
    return Verdict(send, behind, overdue, epoch)


def hold_problem(held_since: float | None, now: float, rules: HoldRules) -> str | None:
    """The health reason for a hold past the ceiling, or None."""
    if held_since is None or now - held_since <= rules.ceiling_s:
        return None
    return (
        f"dms: held for {now - held_since:.0f} s: the firehose has not caught up "
        f"(limit {rules.ceiling_s:.0f} s)"
    )


class DmHold:
    """The send loop's gate: `await ready()` before each round of DMs."""

    def __init__(
        self,
        streams: Callable[[], Sequence[StreamState]],
        barrier: Callable[[], Awaitable[None]],
        clock: Callable[[], float],
        rules: HoldRules | None = None,
    ) -> None:
        self.streams = streams
        self.barrier = barrier  # returns once everything queued before it is committed
        self.clock = clock
        self.rules = rules or HoldRules()
        self.held_since: float | None = clock()  # a start is an outage of its own
        self._said_held = False
        self._passed: tuple[float, ...] | None = None  # the epoch the last barrier covered
        self._warned_at: float | None = None

    def held_s(self, now: float) -> float:
        return 0.0 if self.held_since is None else max(now - self.held_since, 0.0)

    def problem(self, now: float) -> str | None:
        return hold_problem(self.held_since, now, self.rules)

    async def ready(self) -> bool:
        now = self.clock()
        verdict = decide(self.streams(), now, self.held_since, self._passed, self.rules)
        if not verdict.send:
            self._hold(verdict, now)
            return False
        if verdict.epoch != self._passed:
            await self.barrier()  # the backlog read so far is committed before anyone is asked
            self._passed = verdict.epoch
        if self.held_since is not None:
            log.info("DMs: the firehose caught up after %.1f s; sending", now - self.held_since)
        self.held_since = self._warned_at = None
        self._said_held = False
        return True

    def _hold(self, verdict: Verdict, now: float) -> None:
        if self.held_since is None:
            self.held_since = now
        if not self._said_held:
            self._said_held = True
            log.info("DMs held until the firehose catches up: %s", ", ".join(verdict.behind))
        if verdict.overdue and (
            self._warned_at is None or now - self._warned_at >= self.rules.ceiling_s
        ):
            self._warned_at = now
            log.warning(
                "DMs held for %.0f s: not caught up: %s",
                now - self.held_since,
                ", ".join(verdict.behind),
            )
