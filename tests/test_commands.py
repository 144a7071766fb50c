"""The DM command parser, as tables: what is a command (in six languages), what is a human
reply, what is a command with an argument the bot cannot use."""

from __future__ import annotations

import random

import pytest

from bot.clock import US_PER_DAY, US_PER_HOUR
from bot.commands import Command, CommandKind, Invalid, parse_command
from bot.commands_args import parse_hours, parse_tz

NOW = 1_785_585_600_000_000  # 2026-08-01T12:00Z
K = CommandKind


@pytest.mark.parametrize(
    ("text", "kind", "language"),
    [
        ("stop", K.STOP, "en"),
        ("STOP!!", K.STOP, "en"),
        ("Stop.", K.STOP, "en"),
        ("stop 🙏", K.STOP, "en"),
        ("  stop please  ", K.STOP, "en"),
        ("Ｓｔｏｐ", K.STOP, "en"),  # full-width
        ("unsubscribe", K.STOP, "en"),
        ("opt out", K.STOP, "en"),
        ("para", K.STOP, "es"),
        ("¡Basta!", K.STOP, "es"),
        ("Stopp", K.STOP, "de"),
        ("aufhören bitte", K.STOP, "de"),
        ("Arrête", K.STOP, "fr"),
        ("arrêter s'il vous plaît", K.STOP, "fr"),
        ("pare", K.STOP, "pt"),
        ("やめて", K.STOP, "ja"),
        ("配信停止してください", K.STOP, "ja"),  # "please stop sending"
        ("配信停止", K.STOP, "ja"),
        ("start", K.START, "en"),
        ("Start again!", K.START, "en"),
        ("resume", K.RESUME, "en"),
        ("unpause", K.RESUME, "en"),
        ("weiter", K.RESUME, "de"),
        ("再開", K.RESUME, "ja"),
        ("help", K.HELP, "en"),
        ("?", K.HELP, "en"),
        ("Help!", K.HELP, "en"),
        ("ayuda", K.HELP, "es"),
        ("Hilfe", K.HELP, "de"),
        ("aide", K.HELP, "fr"),
        ("ajuda", K.HELP, "pt"),
        ("ヘルプ", K.HELP, "ja"),
        ("status", K.STATUS, "en"),
        ("less", K.LESS, "en"),
        ("less often please", K.LESS, "en"),
        ("more", K.MORE, "en"),
        ("forget me", K.FORGET, "en"),
        ("delete my data", K.FORGET, "en"),
        ("oublie-moi", K.FORGET, "fr"),
        ("vergiss mich", K.FORGET, "de"),
        ("friends", K.FRIENDS_LIST, "en"),
        ("friends on", K.FRIENDS_ON, "en"),
        ("Friends off", K.FRIENDS_OFF, "en"),
    ],
)
def test_commands(text: str, kind: CommandKind | None, language: str | None) -> None:
    got = parse_command(text, NOW)
    if kind is None:
        assert got is None
    else:
        assert isinstance(got, Command) and (got.kind, got.language) == (kind, language)


@pytest.mark.parametrize(
    "text",
    [
        "I can't stop laughing",
        "don't stop",
        "stop it's fine I love these",
        "please help me with my code, it's broken",
        "thanks, I'm doing well!",
        "help me",
        "more or less fine",
        "the pause button",
        "",
        "   ",
        "🙂🙂🙂",
        "stop " * 60,
        "I need a pause from work",
        "tell me more",
    ],
)
def test_human_replies_are_not_commands(text: str) -> None:
    assert parse_command(text, NOW) is None


@pytest.mark.parametrize(
    ("text", "until", "language"),
    [
        ("pause", NOW + 14 * US_PER_DAY, "en"),
        ("snooze", NOW + 14 * US_PER_DAY, "en"),
        ("pause 2w", NOW + 14 * US_PER_DAY, "en"),
        ("pause 2 weeks", NOW + 14 * US_PER_DAY, "en"),
        ("pause 3 days", NOW + 3 * US_PER_DAY, "en"),
        ("Pause 3d!", NOW + 3 * US_PER_DAY, "en"),
        ("pause 10h", NOW + 10 * US_PER_HOUR, "en"),
        ("pause for a week", NOW + 7 * US_PER_DAY, "en"),
        ("pause 1 month", NOW + 30 * US_PER_DAY, "en"),
        ("pause 2 years", NOW + 365 * US_PER_DAY, "en"),  # capped at a year
        ("pause until 2026-08-10", NOW + 9 * US_PER_DAY - 12 * US_PER_HOUR, "en"),
        ("pausa 2 semanas", NOW + 14 * US_PER_DAY, "es"),
        ("pausieren 3 Tage", NOW + 3 * US_PER_DAY, "de"),
        ("一時停止", NOW + 14 * US_PER_DAY, "ja"),
    ],
)
def test_pause_durations(text: str, until: int, language: str) -> None:
    got = parse_command(text, NOW)
    assert isinstance(got, Command) and got.kind is K.PAUSE
    assert (got.pause_until_us, got.language) == (until, language)


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("pause 0 days", K.PAUSE, "above zero"),
        ("pause forever and ever", K.PAUSE, "as a length"),
        ("pause until yesterday", K.PAUSE, "not a date"),
        ("pause until 2026-07-01", K.PAUSE, "already begun"),
        ("tz Europe/Berlinn", K.TZ, "not a time zone"),
        ("tz", K.TZ, "not a time zone"),
        ("hours 25-3", K.HOURS, "0 to 24"),
        ("hours 9-10", K.HOURS, "at least 2 hours"),
        ("hours 9:30-18", K.HOURS, "whole hours"),
        ("hours morning", K.HOURS, "as hours"),
        ("friends skip not a handle!", K.FRIENDS_SKIP, None),
    ],
)
def test_invalid_arguments(text: str, kind: CommandKind, reason: str | None) -> None:
    got = parse_command(text, NOW)
    if reason is None:
        assert got is None or isinstance(got, Invalid)
        return
    assert isinstance(got, Invalid) and got.kind is kind and reason in got.reason


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("tz Europe/Berlin", "Europe/Berlin"),
        ("timezone europe/berlin", "Europe/Berlin"),
        ("time zone: America/New_York", "America/New_York"),
        ("Zeitzone Europe/Vienna", "Europe/Vienna"),
        ("tz UTC", "UTC"),
        ("tz utc+2", "Etc/GMT-2"),
        ("tz -05:00", "Etc/GMT+5"),
    ],
)
def test_time_zones(text: str, zone: str) -> None:
    got = parse_command(text, NOW)
    assert isinstance(got, Command) and got.kind is K.TZ and got.tz_name == zone


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("9-18", (9, 18)),
        ("9am-6pm", (9, 18)),
        ("09:00–18:00", (9, 18)),
        ("9 to 18", (9, 18)),
        ("22-7", (22, 7)),  # a night owl's day wraps midnight
        ("18-0", (18, 24)),
        ("0-24", (0, 24)),
        ("12pm-5pm", (12, 17)),
    ],
)
def test_hours(text: str, hours: tuple[int, int]) -> None:
    assert parse_hours(text) == hours
    got = parse_command(f"hours {text}", NOW)
    assert isinstance(got, Command) and got.hours == hours


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("friends skip @alice.bsky.social", "alice.bsky.social"),
        ("friends skip Alice.Test", "alice.test"),
        ("friends skip did:plc:abc123", "did:plc:abc123"),
    ],
)
def test_friends_skip(text: str, handle: str) -> None:
    got = parse_command(text, NOW)
    assert isinstance(got, Command) and got.kind is K.FRIENDS_SKIP and got.handle == handle


def test_unknown_zones_are_none() -> None:
    assert parse_tz("Mars/Olympus") is None and parse_tz("+15") is None


def test_any_text_parses_without_raising() -> None:
    rng = random.Random(20261125)
    alphabet = "stop pause 2w?!🙂\u200d\x00\n\t-:/@ やめて" + "".join(map(chr, range(32, 127)))
    for _ in range(3000):
        length = rng.randrange(0, 40)
        text = "".join(rng.choice(alphabet) for _ in range(length))
        got = parse_command(text, NOW)
        assert got is None or isinstance(got, Command | Invalid)
    for _ in range(300):
        text = "".join(chr(rng.randrange(0, 0x30000)) for _ in range(rng.randrange(0, 30)))
        got = parse_command(text, NOW)
        assert got is None or isinstance(got, Command | Invalid)
