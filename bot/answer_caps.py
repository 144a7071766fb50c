"""How often the bot answers one person in DMs: a pure decision over the times it answered them.

Anyone can write to the bot, and every answer is a DM from the shared budget that welcomes and
nudges need too. So answers to one person are capped (a few an hour, a few more a day; then
silence until the window has passed), and someone who does not follow the bot is answered at
most once a day: enough to say "follow to opt in", too little for an auto-responder loop or a
crowd of throw-away accounts to drain the day's budget.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from bot.clock import US_PER_DAY, US_PER_HOUR


class Verdict(StrEnum):
    ANSWER = "answer"
    # silence, and why (a metrics label)
    HOURLY = "hourly"
    DAILY = "daily"
    STRANGER = "stranger"  # not a follower, and answered once already today


class Answered(NamedTuple):
    at_us: int
    stranger: bool  # they did not follow the bot then (their `stop` was a follower's)


@dataclass(frozen=True, slots=True)
class AnswerCaps:
    per_hour: int = 5
    per_day: int = 20
    stranger_per_day: int = 1

    def __post_init__(self) -> None:
        if min(self.per_hour, self.per_day, self.stranger_per_day) < 1:
            raise ValueError("answer caps must allow at least one answer")
        if self.per_hour > self.per_day:
            raise ValueError("the hourly answer cap cannot exceed the daily one")


def decide(
    earlier: Iterable[Answered], now_us: int, *, follower: bool, caps: AnswerCaps
) -> Verdict:
    """Answer this person now, or stay silent: `earlier` are the bot's answers to them (older
    ones are ignored), counted over sliding windows of an hour and a day ending at `now_us`."""
    last_day = [a for a in earlier if now_us - US_PER_DAY < a.at_us <= now_us]
    last_hour = sum(1 for a in last_day if a.at_us > now_us - US_PER_HOUR)
    as_stranger = sum(1 for a in last_day if a.stranger)
    if not follower and as_stranger >= caps.stranger_per_day:
        return Verdict.STRANGER
    if len(last_day) >= caps.per_day:
        return Verdict.DAILY
    if last_hour >= caps.per_hour:
        return Verdict.HOURLY
    return Verdict.ANSWER
