"""`nudgebot replay`: a recorded Jetstream stream through the whole pipeline, in simulated time.

Same pipeline, same jobs, same outbox as live; only the clock is simulated (jobs run at every
hour boundary the stream crosses) and the sender prints the DMs it would send.
"""

from __future__ import annotations

import logging
import tempfile
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import orjson

from bot import policy
from bot.classify import score_post
from bot.clock import US_PER_DAY, US_PER_HOUR, SimulatedClock, iso_z
from bot.database_url import normalize_url
from bot.events import MAX_TIME_US
from bot.gcpace import fewer_collections
from bot.jobs import Jobs
from bot.lines import TOO_LONG, bounded_lines
from bot.outbox import Outbox, SendSettings
from bot.pipeline import Pipeline
from bot.replay_friends import ReplayFriendCheck, enabled_for
from bot.replay_history import ReplayLanguages
from bot.sources.jetstream_json import (
    BLOCK,
    FOLLOW,
    MALFORMED,
    SkippedInput,
    event_from_jetstream,
)
from bot.stay_in_touch import StayInTouch
from bot.store import OutboxItem, PersonRow, Store
from bot.store.inline_sqlite import create_inline_engine

log = logging.getLogger(__name__)
BATCH_EVENTS = 5000
_FOLLOW_OR_BLOCK = (FOLLOW, BLOCK)
# A line dated further than this ahead of the stream's clock (a stranger's clock) would make
# simulated time jump: every job of the days in between would run at once. It is held until
# the next timed line: one back at the stream's time skips it (counted); one ahead too says the
# recording has a gap, and time moves on. A recording's last line has no next one: it is taken.
AHEAD_US = US_PER_DAY
AHEAD = "ahead-of-stream"
JUMP_LINES = 2


class PrintingSender:
    """Prints one JSON line per DM instead of sending it (or a readable block with `pretty`)."""

    def __init__(self, out: IO[str], pretty: bool = False) -> None:
        self.out = out
        self.pretty = pretty
        self.sent = 0
        # Simulated jobs run only at ticks; a DM that fell due between two ticks (a welcome
        # answering a follow) is stamped with the moment it fell due, as live would send it.
        self.floor_us = 0

    async def send(self, item: OutboxItem, person: PersonRow, now_us: int) -> str | None:
        self.sent += 1
        now_us = min(now_us, max(item.send_after_us, self.floor_us))
        if self.pretty:
            who = person.handle or person.did
            self.out.write(f"── {iso_z(now_us)}  {item.kind} → {who}\n{item.text}\n\n")
        else:
            line = {"at": iso_z(now_us), "did": item.did, "kind": item.kind, "text": item.text}
            self.out.write(orjson.dumps(line).decode() + "\n")
        return None


@dataclass
class ReplayStats:
    lines: int = 0
    events: int = 0
    ignored: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    opted_in: int = 0
    opted_out: int = 0
    dms: int = 0
    first_us: int | None = None
    last_us: int | None = None

    def summary(self) -> str:
        skipped = ", ".join(f"{n} {k}" for k, n in sorted(self.skipped.items())) or "none"
        return (
            f"replay: {self.lines} lines, {self.events} events for opted-in people or the bot, "
            f"{self.ignored} ignored (not opted in), skipped: {skipped}; "
            f"{self.opted_in} opt-ins, {self.opted_out} opt-outs, {self.dms} DMs"
        )


@dataclass(frozen=True, slots=True)
class ReplayOptions:
    bot_did: str
    until_us: int | None = None
    database_url: str | None = None
    pretty: bool = False
    policy: policy.PolicySettings = field(default_factory=policy.PolicySettings)
    # "stay in touch" on for these DIDs when they opt in ("all": everyone), as `friends on` would
    friends: frozenset[str] = frozenset()


class Replay:
    def __init__(self, store: Store, options: ReplayOptions, out: IO[str]) -> None:
        self.options = options
        self.store = store
        self.clock = SimulatedClock()
        self.sender = PrintingSender(out, options.pretty)
        self.pipeline = Pipeline(store, options.bot_did, score_post, options.policy)
        outbox = Outbox(store, self.sender, SendSettings(mark_each=False), worker="replay")
        self.jobs = Jobs(store, outbox, options.policy)
        self.stats = ReplayStats()
        self.pending_count = 0
        self.pending_max_us = 0
        self.next_tick: int | None = None
        self.next_prune_us = 0
        self.wake_us: int | None = None  # the store's next_wakeup_us, refreshed after each write
        self.friend_check = ReplayFriendCheck()
        self.friends = StayInTouch(store, self.friend_check, options.policy, options.bot_did)
        self.next_friends_us: int | None = None  # the daily suggestion pass, once someone has it
        self.ahead: list[dict[str, Any]] = []  # lines ahead of the clock, not yet skipped
        self.languages = ReplayLanguages()  # stands in for the history read at opt-in

    async def run(self, lines: Iterator[bytes | None]) -> ReplayStats:
        await self.pipeline.start()
        stats, options, pipeline = self.stats, self.options, self.pipeline
        until, bot_did = options.until_us, options.bot_did
        observe = self.friend_check.observe if options.friends else None
        history = self.languages.observe
        loads, decode_error = orjson.loads, orjson.JSONDecodeError
        # Each line is decoded, checked and taken in place, not through `_take` (which takes
        # held lines, already checked): most lines are valid events of people who never opted
        # in, and those must cost little more than the JSON decode. The two stay in step.
        for line in lines:
            stats.lines += 1
            try:
                obj = loads(line)  # type: ignore[arg-type]
            except (decode_error, TypeError):
                if line is None:  # longer than bot.lines allows: read past, never held
                    stats.skipped[TOO_LONG] += 1
                elif line.strip():  # a blank line is no event, not a broken one
                    stats.skipped[MALFORMED] += 1
                continue
            if type(obj) is not dict:
                stats.skipped[MALFORMED] += 1
                continue
            time_us = obj.get("time_us")
            if time_us is not None:
                if type(time_us) is not int or not 0 < time_us <= MAX_TIME_US:
                    stats.skipped[MALFORMED] += 1
                    continue
                if until is not None and time_us > until:
                    stats.ignored += 1
                    continue
                # every event moves simulated time, relevant or not; most stay in the hour
                last = stats.last_us
                if last is None or time_us > last:
                    if last is not None and time_us - last > AHEAD_US:
                        await self._ahead_of_clock(obj)
                        continue
                    if last is None:
                        self._first_time(time_us)
                    stats.last_us = time_us
                    if time_us >= self.next_tick:  # type: ignore[operator]
                        await self._cross_hour(time_us)
                if self.ahead:
                    self._skip_ahead()
            if observe is not None:
                observe(obj)
            did = obj.get("did")
            if not (type(did) is str and did in pipeline.opted) and not _follows_or_blocks(
                obj, bot_did
            ):
                stats.ignored += 1
                history(obj)
                continue
            await self._relevant(obj)
        await self._take_ahead()
        await self._flush()
        end = options.until_us if options.until_us is not None else stats.last_us
        if end is not None:
            await self._tick_until(end, final=True)
        stats.dms = self.sender.sent
        return stats

    async def _ahead_of_clock(self, obj: dict[str, Any]) -> None:
        """Hold a line dated too far ahead; when JUMP_LINES in a row are, the recording has a
        gap: time moves on and the held lines are replayed in order."""
        self.ahead.append(obj)
        if len(self.ahead) >= JUMP_LINES:
            await self._take_ahead()

    async def _take_ahead(self) -> None:
        held, self.ahead = self.ahead, []
        for earlier in held:
            await self._take(earlier)

    def _skip_ahead(self) -> None:
        """Held lines that no later line agreed with: a stranger's clock, not the stream's."""
        if self.ahead:
            self.stats.skipped[AHEAD] += len(self.ahead)
            self.ahead.clear()

    async def _take(self, obj: dict[str, Any]) -> None:
        """One held line (decoded, its `time_us` valid): what the loop in `run` does, in
        place, after its checks."""
        stats, time_us = self.stats, obj["time_us"]
        if self.options.until_us is not None and time_us > self.options.until_us:
            stats.ignored += 1
            return
        if stats.last_us is None or time_us > stats.last_us:
            stats.last_us = time_us
            if time_us >= self.next_tick:
                await self._cross_hour(time_us)
        if self.options.friends:
            self.friend_check.observe(obj)
        did = obj.get("did")
        relevant = type(did) is str and did in self.pipeline.opted
        if relevant or _follows_or_blocks(obj, self.options.bot_did):
            await self._relevant(obj)
        else:
            stats.ignored += 1
            self.languages.observe(obj)

    async def _relevant(self, obj: dict[str, Any]) -> None:
        """An event of an opted-in person, or a follow or block of the bot."""
        try:
            event = event_from_jetstream(obj)
        except SkippedInput as exc:
            self.stats.skipped[exc.category] += 1
            return
        if event is None:
            return
        self.stats.events += 1
        self.pipeline.add(event)
        self.pending_count += 1
        self.pending_max_us = max(self.pending_max_us, event.time_us)
        if self.pending_count >= BATCH_EVENTS:
            await self._flush()

    def _first_time(self, time_us: int) -> None:
        self.stats.first_us = time_us
        self.next_tick = (time_us // US_PER_HOUR + 1) * US_PER_HOUR

    async def _cross_hour(self, time_us: int) -> None:
        # The open batch only has to be committed first if a job will run (it must see
        # everything before it) or the batch holds something urgent.
        if self.pipeline.pending_is_urgent:
            await self._flush()
        if self.wake_us is not None and self.wake_us <= time_us:
            await self._flush()
            await self._tick_until(time_us)
        else:
            self.next_tick = (time_us // US_PER_HOUR + 1) * US_PER_HOUR

    async def _flush(self) -> None:
        if not self.pending_count:
            return
        self.pending_count = 0
        self.clock.advance_to(self.pending_max_us)
        now = self.clock.now_us()
        outcome = await self.pipeline.flush(now)
        # A batch only moves checks later, except the ones it scheduled itself: an early
        # cached wake-up costs one idle tick (which re-reads it), never a missed one.
        if outcome.earliest_check_us is not None:
            self.wake_us = min(self.wake_us or outcome.earliest_check_us, outcome.earliest_check_us)
        self.stats.opted_in += len(outcome.opted_in)
        await self._friends_on(outcome.opted_in, now)
        for did in outcome.opted_in:
            signals = self.languages.take(did)
            if signals:
                await self.store.note_languages(did, signals)
        self.stats.opted_out += len(outcome.opted_out)
        if outcome.welcomed:
            await self.jobs.send(now)  # the welcome answers their follow right away
            self.wake_us = await self._next_wake()

    async def _tick_until(self, end_us: int, final: bool = False) -> None:
        """Run the hourly jobs up to `end_us`, jumping over hours in which no job has work."""
        while self.next_tick is not None and self.next_tick <= end_us:
            wake = self.wake_us
            if wake is None or wake > end_us:
                self.next_tick = (end_us // US_PER_HOUR + 1) * US_PER_HOUR
                break
            if wake > self.next_tick:
                self.next_tick = -(-wake // US_PER_HOUR) * US_PER_HOUR  # the first tick >= wake
                continue
            await self._tick(self.next_tick)
            self.next_tick += US_PER_HOUR
        if final and end_us > self.clock.now_us():
            await self._tick(end_us)

    async def _tick(self, now_us: int) -> None:
        self.clock.advance_to(now_us)
        self.sender.floor_us = now_us
        await self.jobs.tick(now_us)
        if self.next_friends_us is not None and now_us >= self.next_friends_us:
            if await self.friends.suggest(now_us):
                await self.jobs.send(now_us)
            self.next_friends_us = now_us + US_PER_DAY
        self.wake_us = await self._next_wake()
        if now_us >= self.next_prune_us:
            await self.jobs.prune(now_us)
            self.next_prune_us = now_us + US_PER_DAY

    async def _friends_on(self, dids: list[str], now_us: int) -> None:
        """`friends on` for the chosen people as they opt in (replay has no DM channel)."""
        chosen = [did for did in dids if enabled_for(did, self.options.friends)]
        for did in chosen:
            await self.friends.store.set_friends(
                did, True, now_us, self.options.policy.judgment_window_days
            )
        if chosen and self.next_friends_us is None:
            self.next_friends_us = now_us + US_PER_DAY

    async def _next_wake(self) -> int | None:
        """The store's next wake-up, or the daily friends pass when that comes first."""
        wake = await self.store.next_wakeup_us()
        if self.next_friends_us is None:
            return wake
        return self.next_friends_us if wake is None else min(wake, self.next_friends_us)


def _follows_or_blocks(obj: dict[str, Any], bot_did: str) -> bool:
    """`bot.sources.jetstream_json.is_relevant` for someone not opted in: a follow or block
    of the bot (its checks, in its order, with exact-type tests for speed)."""
    commit = obj.get("commit")
    if type(commit) is not dict or commit.get("operation") != "create":
        return False
    if commit.get("collection") not in _FOLLOW_OR_BLOCK:
        return False
    record = commit.get("record")
    return type(record) is dict and record.get("subject") == bot_did


def read_lines(path: str) -> Iterator[bytes | None]:
    """The file's lines, None for one too long to read (see bot/lines.py)."""
    if path == "-":
        import sys

        yield from bounded_lines(sys.stdin.buffer)
        return
    with open(path, "rb") as handle:
        yield from bounded_lines(handle)


async def run_replay(path: str, options: ReplayOptions, out: IO[str]) -> ReplayStats:
    """Replay into `options.database_url`, or a throw-away SQLite file when none is given."""
    with tempfile.TemporaryDirectory(prefix="nudgebot-replay-") as tmp:
        url = options.database_url or f"sqlite+aiosqlite:///{Path(tmp) / 'replay.db'}"
        async with _open_store(url, scratch=options.database_url is None) as store:
            await store.migrate()
            # a million short-lived dicts and events, no cycles: see bot/gcpace.py
            with fewer_collections():
                return await Replay(store, options, out).run(read_lines(path))


@asynccontextmanager
async def _open_store(url: str, scratch: bool) -> AsyncIterator[Store]:
    """Replay is the only task in its process, so SQLite may run on the event loop's thread."""
    if not normalize_url(url).startswith("sqlite"):
        async with Store.open(url) as store:
            yield store
        return
    engine = create_inline_engine(url, scratch)
    try:
        yield Store(engine)
    finally:
        await engine.dispose()
