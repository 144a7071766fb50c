"""The DM command parser: tables of positives per command and language, human replies that
merely contain command words, Invalid arguments, and random Unicode that must never raise."""

from __future__ import annotations

import random
import zoneinfo

import pytest

from bot import daytime
from bot.clock import US_PER_DAY, US_PER_HOUR
from bot.commands import (
    DEFAULT_PAUSE_DAYS,
    MAX_PAUSE_DAYS,
    Command,
    CommandKind,
    Invalid,
    parse_command,
)
from bot.commands.lexicon import PHRASES

K = CommandKind
NOW = 1_785_585_600_000_000  # 2026-08-01T12:00Z
MIDNIGHT = NOW - NOW % US_PER_DAY

# (text, kind, language) for commands without arguments
SIMPLE = [
    ("stop", K.STOP, "en"),
    ("STOP!!", K.STOP, "en"),
    ("stop 🙏", K.STOP, "en"),
    ("Stop.", K.STOP, "en"),
    ("  stop\n", K.STOP, "en"),
    ("please stop", K.STOP, "en"),
    ("Stop please 🙏🏽", K.STOP, "en"),
    ("STOP STOP STOP", K.STOP, "en"),
    ("stop, unsubscribe", K.STOP, "en"),
    ("ｓｔｏｐ", K.STOP, "en"),  # fullwidth, NFKC
    ("stop\u200b", K.STOP, "en"),  # zero-width space
    ("unsubscribe", K.STOP, "en"),
    ("opt out", K.STOP, "en"),
    ("Opt-out", K.STOP, "en"),
    ("stop messaging me", K.STOP, "en"),
    ("stop svp", K.STOP, "fr"),  # politeness picks among the phrase's languages
    ("para", K.STOP, "es"),
    ("Para, por favor", K.STOP, "es"),
    ("alto", K.STOP, "es"),
    ("detener", K.STOP, "es"),
    ("stopp", K.STOP, "de"),
    ("Aufhören!", K.STOP, "de"),
    ("aufhoeren bitte", K.STOP, "de"),
    ("hör auf", K.STOP, "de"),
    ("arrête", K.STOP, "fr"),
    ("ARRÊTER", K.STOP, "fr"),
    ("arrete s’il vous plaît", K.STOP, "fr"),
    ("parar", K.STOP, "pt"),
    ("pare", K.STOP, "pt"),
    ("やめて", K.STOP, "ja"),
    ("やめてください", K.STOP, "ja"),
    ("停止", K.STOP, "ja"),
    ("配信停止してください。", K.STOP, "ja"),
    ("配信停止", K.STOP, "ja"),
    ("start", K.START, "en"),
    ("Restart", K.START, "en"),
    ("opt in", K.START, "en"),
    ("empezar", K.START, "es"),
    ("starten", K.START, "de"),
    ("commencer", K.START, "fr"),
    ("começar", K.START, "pt"),
    ("開始", K.START, "ja"),
    ("resume", K.RESUME, "en"),
    ("unpause", K.RESUME, "en"),
    ("reanudar", K.RESUME, "es"),
    ("fortsetzen", K.RESUME, "de"),
    ("reprendre", K.RESUME, "fr"),
    ("retomar", K.RESUME, "pt"),
    ("再開", K.RESUME, "ja"),
    ("help", K.HELP, "en"),
    ("HELP?", K.HELP, "en"),
    ("?", K.HELP, "en"),
    ("？？", K.HELP, "en"),
    ("help please", K.HELP, "en"),
    ("ayuda", K.HELP, "es"),
    ("Hilfe", K.HELP, "de"),
    ("aide", K.HELP, "fr"),
    ("ajuda", K.HELP, "pt"),
    ("ヘルプ", K.HELP, "ja"),
    ("status", K.STATUS, "en"),
    ("Status?", K.STATUS, "en"),
    ("estado", K.STATUS, "es"),
    ("statut", K.STATUS, "fr"),
    ("ステータス", K.STATUS, "ja"),
    ("less", K.LESS, "en"),
    ("less often please", K.LESS, "en"),
    ("weniger", K.LESS, "de"),
    ("moins", K.LESS, "fr"),
    ("more", K.MORE, "en"),
    ("más", K.MORE, "es"),
    ("mehr", K.MORE, "de"),
    ("mais", K.MORE, "pt"),
    ("forget", K.FORGET, "en"),
    ("forget me", K.FORGET, "en"),
    ("Delete my data.", K.FORGET, "en"),
    ("olvídame", K.FORGET, "es"),
    ("vergiss mich", K.FORGET, "de"),
    ("oublie-moi", K.FORGET, "fr"),
    ("oublie moi", K.FORGET, "fr"),
    ("apague meus dados", K.FORGET, "pt"),
    ("忘れて", K.FORGET, "ja"),
    ("friends", K.FRIENDS_LIST, "en"),
    ("friends list", K.FRIENDS_LIST, "en"),
    ("Friends on", K.FRIENDS_ON, "en"),
    ("friends off!", K.FRIENDS_OFF, "en"),
]


@pytest.mark.parametrize(("text", "kind", "language"), SIMPLE)
def test_commands_without_argument(text: str, kind: CommandKind, language: str) -> None:
    assert parse_command(text, NOW) == Command(kind, language)


HUMAN = [
    "",
    "   ",
    "🙏",
    "...",
    "I can't stop laughing",
    "don't stop",
    "Don't stop!",
    "please help me with my code, it's broken",
    "stop it's fine I love these",
    "stop it, you're making me blush",
    "thanks!",
    "please",
    "forget it",
    "forget about it",
    "para mí es genial",
    "pare de brincadeira",
    "help me",
    "more of this please",
    "no more, I get it",  # "no more messages" is STOP; this is not
    "I want to pause and think",
    "pause the music lol",
    "hours of fun!",
    "start of something new",
    "status quo",
    "friends are the best",
    "friends on my mind",
    "timezones are so confusing honestly, right",
    "hello there",
    "stop " * 60,  # longer than 200 characters: never a command
    "thank you so much, you made my day",
    "what?",
    "ありがとう",
    "こんにちは",
]


@pytest.mark.parametrize("text", HUMAN)
def test_human_replies_are_not_commands(text: str) -> None:
    assert parse_command(text, NOW) is None


def days(n: float) -> int:
    return NOW + int(n * US_PER_DAY)


PAUSES = [
    ("pause", days(DEFAULT_PAUSE_DAYS), "en"),
    ("snooze", days(DEFAULT_PAUSE_DAYS), "en"),
    ("mute", days(DEFAULT_PAUSE_DAYS), "en"),
    ("Pause!", days(DEFAULT_PAUSE_DAYS), "en"),
    ("pause for a while", days(DEFAULT_PAUSE_DAYS), "en"),
    ("pause 2w", days(14), "en"),
    ("pause 2 weeks", days(14), "en"),
    ("Pause 2 Weeks please", days(14), "en"),
    ("pause 3 days", days(3), "en"),
    ("pause 3d", days(3), "en"),
    ("snooze 1 day", days(1), "en"),
    ("pause 1 month", days(30), "en"),
    ("pause 10h", days(10 / 24), "en"),
    ("pause for a week", days(7), "en"),
    ("pause for two weeks", days(14), "en"),
    ("pause an hour", NOW + US_PER_HOUR, "en"),
    ("pause 2 years", days(MAX_PAUSE_DAYS), "en"),  # capped
    ("pause 400 days", days(MAX_PAUSE_DAYS), "en"),
    ("pause until 2026-12-24", MIDNIGHT + 145 * US_PER_DAY, "en"),
    ("pause 2026-12-24", MIDNIGHT + 145 * US_PER_DAY, "en"),
    ("pause until 2026-08-02", MIDNIGHT + US_PER_DAY, "en"),  # tomorrow is the earliest
    ("pause till 2030-01-01", days(MAX_PAUSE_DAYS), "en"),  # capped
    ("pausa", days(DEFAULT_PAUSE_DAYS), "es"),
    ("pausa 2 semanas", days(14), "es"),
    ("pausar por 3 días", days(3), "es"),
    ("pause 3 Tage", days(3), "de"),  # the unit says German
    ("pausieren 2 Wochen bitte", days(14), "de"),
    ("pause bitte", days(DEFAULT_PAUSE_DAYS), "de"),
    ("mettre en pause", days(DEFAULT_PAUSE_DAYS), "fr"),
    ("pause 2 semaines", days(14), "fr"),
    ("pause pendant 1 mois", days(30), "fr"),
    ("pause jusqu'au 2026-12-24", MIDNIGHT + 145 * US_PER_DAY, "fr"),
    ("pausar 1 mês", days(30), "es"),  # es and pt share these words once folded: es first
    ("pausa até 2026-12-24", MIDNIGHT + 145 * US_PER_DAY, "pt"),
    ("一時停止", days(DEFAULT_PAUSE_DAYS), "ja"),
    ("一時停止 2週間", days(14), "ja"),
    ("一時停止3日", days(3), "ja"),
]


@pytest.mark.parametrize(("text", "until_us", "language"), PAUSES)
def test_pause_durations(text: str, until_us: int, language: str) -> None:
    assert parse_command(text, NOW) == Command(K.PAUSE, language, pause_until_us=until_us)


TZS = [
    ("tz Europe/Berlin", "Europe/Berlin"),
    ("timezone europe/berlin", "Europe/Berlin"),
    ("time zone: America/New_York", "America/New_York"),
    ("TZ america/port-au-prince", "America/Port-au-Prince"),
    ("tz UTC", "UTC"),
    ("tz utc", "UTC"),
    ("tz berlin", "Europe/Berlin"),  # a unique city
    ("tz New York", "America/New_York"),
    ("tz +2", "Etc/GMT-2"),  # POSIX sign: UTC+2 is Etc/GMT-2
    ("tz UTC+2", "Etc/GMT-2"),
    ("tz utc +2", "Etc/GMT-2"),
    ("tz +02:00", "Etc/GMT-2"),
    ("tz GMT-5", "Etc/GMT+5"),
    ("tz −05:00", "Etc/GMT+5"),  # minus sign
    ("tz +14", "Etc/GMT-14"),
    ("tz utc+0", "UTC"),
    ("zeitzone Europe/Berlin", "Europe/Berlin"),
    ("fuseau horaire Europe/Paris", "Europe/Paris"),
    ("タイムゾーン Asia/Tokyo", "Asia/Tokyo"),
]


@pytest.mark.parametrize(("text", "zone"), TZS)
def test_time_zones_are_canonical(text: str, zone: str) -> None:
    result = parse_command(text, NOW)
    assert isinstance(result, Command) and result.kind is K.TZ
    assert result.tz_name == zone
    assert zoneinfo.ZoneInfo(zone).key == zone  # loadable on this machine (tzdata)


HOURS = [
    ("hours 9-18", (9, 18)),
    ("Hours: 9 - 18", (9, 18)),
    ("hours 9am-6pm", (9, 18)),
    ("hours 9 a.m. - 6 p.m.", (9, 18)),
    ("hours 09:00–18:00", (9, 18)),
    ("hours 9 to 18", (9, 18)),
    ("hours from 9 to 18", (9, 18)),
    ("hours 12am-12pm", (0, 12)),
    ("hours 6pm-12am", (18, 24)),
    ("hours 0-24", (0, 24)),
    ("hours 18-0", (18, 24)),  # "to midnight"
    ("hours 22-7", (22, 7)),  # wraps midnight: bot/daytime.py honours it
    ("hours 23-1", (23, 1)),
    ("horas 9 a 18", (9, 18)),
    ("stunden 9 bis 18 Uhr", (9, 18)),
    ("heures 9h à 18h", (9, 18)),
]


@pytest.mark.parametrize(("text", "hours"), HOURS)
def test_hours(text: str, hours: tuple[int, int]) -> None:
    result = parse_command(text, NOW)
    assert isinstance(result, Command) and result.kind is K.HOURS
    assert result.hours == hours
    assert daytime.valid_hours(*hours)  # the policy will honour what we accept


HANDLES = [
    ("friends skip @alice.bsky.social", "alice.bsky.social"),
    ("friends skip @Alice.BSKY.social.", "alice.bsky.social"),
    ("friends skip bob.example.com", "bob.example.com"),
    ("Friends skip did:plc:ewvi7nxzyoun6zhxrhs64oiz", "did:plc:ewvi7nxzyoun6zhxrhs64oiz"),
    ("friends skip @did:web:Example.com", "did:web:Example.com"),  # DIDs keep their case
]


@pytest.mark.parametrize(("text", "handle"), HANDLES)
def test_friends_skip_handles(text: str, handle: str) -> None:
    assert parse_command(text, NOW) == Command(K.FRIENDS_SKIP, handle=handle)


INVALID = [
    ("pause 0 days", K.PAUSE, "positive"),
    ("pause -3 days", K.PAUSE, "positive"),
    ("pause 99999 years", K.PAUSE, "too long"),
    ("pause 3", K.PAUSE, "unclear duration"),
    ("pause 3 fortnights", K.PAUSE, "unclear duration"),
    ("pause 2.5 days", K.PAUSE, "unclear duration"),
    ("pause until 2026-08-01", K.PAUSE, "tomorrow or later"),  # today
    ("pause until 2025-12-24", K.PAUSE, "tomorrow or later"),
    ("pause until 2026-02-30", K.PAUSE, "no such date"),
    ("pause until 9999-01-01", K.PAUSE, "too far"),
    ("pause until christmas", K.PAUSE, "date expected"),
    ("tz", K.TZ, "time zone expected"),
    ("tz Europe/Berlinn", K.TZ, 'unknown time zone "Europe/Berlinn"'),
    ("tz Mars/Olympus", K.TZ, "unknown time zone"),
    ("tz localtime", K.TZ, "unknown time zone"),
    ("tz +5:30", K.TZ, "whole-hour"),
    ("tz +15", K.TZ, "out of range"),
    ("hours", K.HOURS, "hours expected"),
    ("hours 25-3", K.HOURS, "0-24"),
    ("hours 24-8", K.HOURS, "0-24"),
    ("hours 9-9", K.HOURS, "at least 2 hours"),
    ("hours 9-10", K.HOURS, "at least 2 hours"),
    ("hours 23-0", K.HOURS, "at least 2 hours"),
    ("hours 9:30-18", K.HOURS, "whole hours"),
    ("hours 13pm-5pm", K.HOURS, "not a time"),
    ("hours 9", K.HOURS, "unclear hours"),
    ("friends skip", K.FRIENDS_SKIP, "one handle"),
    ("friends skip bob", K.FRIENDS_SKIP, "not a handle"),
    ("friends skip @alice.bsky.social @bob.bsky.social", K.FRIENDS_SKIP, "one handle"),
    ("friends skip did:plc:", K.FRIENDS_SKIP, "not a DID"),
]


@pytest.mark.parametrize(("text", "kind", "reason"), INVALID)
def test_invalid_arguments(text: str, kind: CommandKind, reason: str) -> None:
    result = parse_command(text, NOW)
    assert isinstance(result, Invalid), result
    assert result.kind is kind
    assert reason in result.reason


def test_invalid_keeps_the_language() -> None:
    assert parse_command("pausa 0 semanas", NOW) == Invalid(
        K.PAUSE, "the duration must be positive", "es"
    )


def test_every_phrase_parses_as_its_own_command() -> None:
    for words, (kind, languages) in PHRASES.items():
        result = parse_command(" ".join(words), NOW)
        expected = Invalid if kind in (K.TZ, K.HOURS, K.LANG) else Command  # these need an argument
        assert isinstance(result, expected), words
        assert (result.kind, result.language) == (kind, languages[0]), words


def test_at_most_200_characters_are_considered() -> None:
    assert parse_command("stop" + " " * 196, NOW) == Command(K.STOP)
    assert parse_command("stop" + " " * 197, NOW) is None


ALPHABET = (
    [chr(c) for c in range(0, 0x80)]
    + list("äöüßéèêçñãõ’‘“”–—−・、。！？＠＋０１２")
    + ["\u200b", "\u200d", "\ufe0f", "\u0301", "\u202e", "\ud800", "\U0001f64f", "\U0001f3fd"]
    + list("やめて停止一時週間日ヘルプ")
    + ["stop ", "pause ", "tz ", "hours ", "friends ", "skip ", "@", "did:", "2w", "9-18 "]
)


def test_random_unicode_never_raises() -> None:
    rng = random.Random(20261125)
    kinds_seen: set[CommandKind] = set()
    for _ in range(3000):
        if rng.random() < 0.5:
            text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))
        else:
            text = "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(0, 300)))
        result = parse_command(text, NOW)
        assert result is None or isinstance(result, Command | Invalid)
        if result is not None:
            kinds_seen.add(result.kind)
    assert kinds_seen  # the alphabet does produce commands now and then
