"""What the command parser returns: plain frozen data, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.clock import US_PER_DAY

# Bare "pause"/"snooze": the welcome text in every language promises "pause" = a month.
DEFAULT_PAUSE_DAYS = 30
MAX_PAUSE_DAYS = 365  # longer pauses are capped, not refused
ABSURD_PAUSE_DAYS = 3650  # beyond ten years it is a typo or a joke: Invalid
LESS_OFTEN_DAYS = 30  # `less`: at most one nudge per 30 days; `more` returns to the default
MIN_HOURS_WIDTH = 2  # an `hours` window narrower than this would hardly ever be honoured

DEFAULT_PAUSE_US = DEFAULT_PAUSE_DAYS * US_PER_DAY
MAX_PAUSE_US = MAX_PAUSE_DAYS * US_PER_DAY


class CommandKind(StrEnum):
    STOP = "stop"  # opt out and delete their data
    START = "start"  # opt in again
    PAUSE = "pause"
    RESUME = "resume"
    HELP = "help"
    STATUS = "status"  # what the bot holds about them
    TZ = "tz"
    HOURS = "hours"
    LESS = "less"
    MORE = "more"
    FORGET = "forget"  # delete everything and opt out
    FRIENDS_ON = "friends_on"
    FRIENDS_OFF = "friends_off"
    FRIENDS_SKIP = "friends_skip"
    FRIENDS_LIST = "friends_list"
    LANG = "lang"  # write to me in this language (over anything guessed from posts)


@dataclass(frozen=True, slots=True)
class Command:
    kind: CommandKind
    language: str = "en"  # the language the command was written in: reply in it
    pause_until_us: int | None = None  # PAUSE: now + duration, capped at MAX_PAUSE_DAYS
    tz_name: str | None = None  # TZ: a zone name from zoneinfo, in its canonical spelling
    # HOURS: (start, end) with 0 <= start <= 23, 1 <= end <= 24; start > end wraps midnight
    # (bot/daytime.py honours that); at least MIN_HOURS_WIDTH hours long
    hours: tuple[int, int] | None = None
    handle: str | None = None  # FRIENDS_SKIP: a lower-case handle without '@', or a DID
    # the one language the command's words belong to (phrase, unit and politeness words
    # together), None when they are shared ("pausa 2 semanas": es or pt); a sign of theirs.
    # LANG: `language` is the chosen one (the answer is written in it) and this is None.
    only_language: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Invalid:
    """It looked like a command, but its argument is wrong: reply with `reason`'s gist."""

    kind: CommandKind
    reason: str  # short English, for logs and for choosing the reply
    language: str = "en"  # so the reply can be in the person's language
