"""The DM command parser: a person's reply → a Command, an Invalid one, or None (a human reply).

Pure: text and `now_us` in, plain data out. A message is a command only when it is essentially
just the command: after NFKC, case folding and dropping emoji, punctuation and politeness
("please", "bitte", "お願いします"…), it must *start* with a command phrase and hold nothing
else but that command's argument. So "STOP!!", "stop 🙏" and "Stop." stop, while "don't stop",
"I can't stop laughing" and "stop it's fine I love these" are human replies. The synonyms per
language live in bot/commands/lexicon.py, argument parsing in bot/commands/arguments.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from bot.commands import arguments as args
from bot.commands.lexicon import (
    FRIENDS,
    JA_POLITE_SUFFIXES,
    MAX_PHRASE_TOKENS,
    PHRASES,
    POLITENESS,
    fold,
)
from bot.commands.model import (
    DEFAULT_PAUSE_DAYS,
    LESS_OFTEN_DAYS,
    MAX_PAUSE_DAYS,
    Command,
    CommandKind,
    Invalid,
)

__all__ = [
    "DEFAULT_PAUSE_DAYS",
    "LESS_OFTEN_DAYS",
    "MAX_PAUSE_DAYS",
    "Command",
    "CommandKind",
    "Invalid",
    "parse_command",
]

MAX_CHARS = 200  # longer messages are never commands; this also bounds the work per message
MAX_TOKENS = 6  # "a handful": the longest real command is "friends skip @x" or "pause 2 weeks"

# Punctuation that can be part of an argument: "Europe/Port-au-Prince", "09:00", "+2",
# "@alice.bsky.social", "did:plc:…", "s'il", "?" (help). Everything else separates words.
_KEEP = frozenset("'-+/:._@?")
# NFKC leaves these alone: dashes and the minus sign are "-", curly apostrophes "'"
_UNIFY = str.maketrans({**{c: "-" for c in "‐‑‒–—―−"}, "’": "'", "‘": "'"})
_TRIM_START = ".,:;'_/?"
_TRIM_END = ".,:;'_/?"
_KANA_KANJI = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
_DIGIT_EDGE = re.compile(rf"(?<=[{_KANA_KANJI}])(?=\d)|(?<=\d)(?=[{_KANA_KANJI}])")
# every language the lexicon knows, English first
FRIENDS_LANGUAGES = tuple(dict.fromkeys(("en", *(x for _, ls in PHRASES.values() for x in ls))))


class _Token(NamedTuple):
    text: str  # as typed, after NFKC (DIDs are case-sensitive)
    key: str  # lexicon.fold(text): what the tables match


def parse_command(text: str, now_us: int) -> Command | Invalid | None:
    """The command in a DM, Invalid if its argument is wrong, None for a human reply."""
    if not text or len(text) > MAX_CHARS:
        return None
    tokens = _drop_politeness(_tokens(text))
    if not tokens or len(tokens[0]) > MAX_TOKENS:
        return None
    words, hints = tokens
    if words[0].key == FRIENDS:
        return _friends(words[1:])
    found = _match(words)
    if found is None:
        return None
    kind, languages, rest = found
    return _with_argument(kind, languages, hints, rest, now_us)


# ---------------------------------------------------------------------------------------------
# words


def _tokens(text: str) -> list[_Token]:
    """Words of the message: symbols, emoji, controls and most punctuation are separators."""
    normal = unicodedata.normalize("NFKC", text).translate(_UNIFY)
    chars: list[str] = []
    for ch in normal:
        category = unicodedata.category(ch)
        if category[0] in "LN" or ch in _KEEP:
            chars.append(ch)
        elif category == "Mn" and chars and chars[-1] != " ":
            chars.append(ch)  # an accent on a letter; a variation selector after emoji goes
        else:
            chars.append(" ")
    spaced = _DIGIT_EDGE.sub(" ", "".join(chars))  # "一時停止2週間" → "一時停止 2 週間"
    return [tok for word in spaced.split() if (tok := _token(word))]


def _token(word: str) -> _Token | None:
    if word.strip("?") == "":
        return _Token("?", "?")  # "?", "??": asking for help
    word = word.lstrip(_TRIM_START).rstrip(_TRIM_END)
    key = fold(word)
    for suffix in JA_POLITE_SUFFIXES:  # "やめてください" → "やめて"
        if key.endswith(suffix) and key != suffix:
            key = key.removesuffix(suffix)
            word = word.removesuffix(suffix)
    return _Token(word, key) if word else None


def _drop_politeness(tokens: list[_Token]) -> tuple[list[_Token], set[str]] | None:
    """The tokens without politeness phrases, and the languages those phrases hint at."""
    kept: list[_Token] = []
    hints: set[str] = set()
    i = 0
    while i < len(tokens):
        if len(kept) > MAX_TOKENS:
            return kept, hints  # long already: no need to look further
        for size in range(min(MAX_PHRASE_TOKENS, len(tokens) - i), 0, -1):
            languages = POLITENESS.get(tuple(t.key for t in tokens[i : i + size]))
            if languages:
                hints.update(languages)
                i += size
                break
        else:
            kept.append(tokens[i])
            i += 1
    return (kept, hints) if kept else None


def _match(words: Sequence[_Token]) -> tuple[CommandKind, tuple[str, ...], list[_Token]] | None:
    """The longest command phrase the message starts with, and what follows it."""
    for size in range(min(MAX_PHRASE_TOKENS, len(words)), 0, -1):
        found = PHRASES.get(tuple(t.key for t in words[:size]))
        if found:
            return found[0], found[1], list(words[size:])
    return None


def _languages(languages: tuple[str, ...], *hints: Sequence[str] | set[str]) -> tuple[str, ...]:
    """The phrase's languages a hint (unit, politeness) agrees with, in the phrase's order;
    a hint none of them shares is ignored ("pause 3 Tage": de; "stop please": en)."""
    for hint in hints:
        narrowed = tuple(language for language in languages if language in hint)
        languages = narrowed or languages
    return languages


# ---------------------------------------------------------------------------------------------
# arguments


def _with_argument(
    kind: CommandKind,
    languages: tuple[str, ...],
    hints: set[str],
    rest: list[_Token],
    now_us: int,
) -> Command | Invalid | None:
    keys = [t.key for t in rest]
    texts = [t.text for t in rest]
    langs = _languages(languages, hints)
    if kind is CommandKind.PAUSE:
        pause = args.parse_pause(keys, now_us)
        if isinstance(pause, args.Pause):
            langs = _languages(languages, pause.languages, hints)  # "pause 3 Tage": de
            until, day = pause.until_us, pause.day
            return Command(kind, langs[0], pause_until_us=until, languages=langs, pause_day=day)
        return None if pause is None else Invalid(kind, pause.reason, langs[0], langs)
    if kind is CommandKind.LANG:
        choice = args.parse_language(keys)
        if choice is None or isinstance(choice, args.Bad):
            return None if choice is None else Invalid(kind, choice.reason, langs[0], langs)
        return Command(kind, choice)  # answered in the chosen language
    if kind is CommandKind.TZ:
        zone = args.parse_tz(texts)
        if zone is None or isinstance(zone, args.Bad):
            return None if zone is None else Invalid(kind, zone.reason, langs[0], langs)
        shown = args.zone_as_written(texts, zone)
        return Command(kind, langs[0], tz_name=zone, languages=langs, tz_shown=shown)
    if kind is CommandKind.HOURS:
        hours = args.parse_hours(keys)
        if hours is None or isinstance(hours, args.Bad):
            return None if hours is None else Invalid(kind, hours.reason, langs[0], langs)
        return Command(kind, langs[0], hours=hours, languages=langs)
    return Command(kind, langs[0], languages=langs) if _only_repeats(kind, rest) else None


def _only_repeats(kind: CommandKind, rest: list[_Token]) -> bool:
    """Nothing follows a command without argument, except the same command again
    ("STOP STOP", "stop unsubscribe")."""
    while rest:
        found = _match(rest)
        if found is None or found[0] is not kind:
            return False
        rest = found[2]
    return True


_FRIENDS_SWITCH = {"on": CommandKind.FRIENDS_ON, "off": CommandKind.FRIENDS_OFF}


def _friends(rest: list[_Token]) -> Command | Invalid | None:
    """`friends`, `friends list`, `friends on|off`, `friends skip @handle`: English words that
    every language's texts teach as they are, so they are valid in each of them."""
    every = FRIENDS_LANGUAGES
    if not rest or (len(rest) == 1 and rest[0].key == "list"):
        return Command(CommandKind.FRIENDS_LIST, languages=every)
    switch = _FRIENDS_SWITCH.get(rest[0].key)
    if switch is not None:
        return Command(switch, languages=every) if len(rest) == 1 else None
    if rest[0].key != "skip":
        return None  # "friends are great": a human reply
    handle = args.parse_handle([t.text for t in rest[1:]])
    if isinstance(handle, args.Bad):
        return Invalid(CommandKind.FRIENDS_SKIP, handle.reason, languages=every)
    return Command(CommandKind.FRIENDS_SKIP, handle=handle, languages=every)
