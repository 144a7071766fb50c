"""What the command parser returns: plain frozen data, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
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
    language: str = "en"  # the language the command was most likely written in
    pause_until_us: int | None = None  # PAUSE: now + duration, capped at MAX_PAUSE_DAYS
    tz_name: str | None = None  # TZ: a zone name from zoneinfo, in its canonical spelling
    # HOURS: (start, end) with 0 <= start <= 23, 1 <= end <= 24; start > end wraps midnight
    # (bot/daytime.py honours that); at least MIN_HOURS_WIDTH hours long
    hours: tuple[int, int] | None = None
    handle: str | None = None  # FRIENDS_SKIP: a lower-case handle without '@', or a DID
    # Every language the command's words are valid in, `language` first ("pausa": es, pt): the
    # answer is in the person's language when it is one of them (bot/messages/answer_language.py).
    # Not compared: it describes the words, not what the command does.
    languages: tuple[str, ...] = field(default=(), compare=False)
    tz_shown: str | None = field(default=None, compare=False)  # TZ: the zone as they wrote it
    # PAUSE "until 2026-12-24": that date, so the pause ends at midnight where they live (the
    # parser knows no zone: `pause_until_us` is UTC midnight)
    pause_day: date | None = field(default=None, compare=False)

    @property
    def only_language(self) -> str | None:
        """The one language the command's words belong to (phrase, unit and politeness words
        together), None when they are shared ("pausa 2 semanas": es or pt): a sign of theirs.
        LANG: `language` is the chosen one (the answer is written in it) and this is None."""
        return self.languages[0] if len(self.languages) == 1 else None


@dataclass(frozen=True, slots=True)
class Invalid:
    """It looked like a command, but its argument is wrong: reply with `reason`'s gist."""

    kind: CommandKind
    reason: str  # short English, for logs and for choosing the reply
    language: str = "en"  # so the reply can be in the person's language
    languages: tuple[str, ...] = field(default=(), compare=False)  # as Command.languages
