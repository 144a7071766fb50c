"""Dates and zones in replies as people read them, never ISO (issue 24 item 2)."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, datetime

import pytest

from bot.clock import US_PER_DAY, US_PER_SECOND
from bot.commands import Command, parse_command
from bot.messages import LANGUAGES
from bot.messages.dates import format_date, format_moment, local_date, readable_zone
from bot.messages.replies import reply_text
from bot.replies import pause_end, status_values
from tests.rows import person_row

ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")

DATES = [
    (date(2026, 12, 24), "en", "24 December 2026"),
    (date(2026, 12, 24), "es", "24 de diciembre de 2026"),
    (date(2026, 12, 24), "de", "24. Dezember 2026"),
    (date(2026, 12, 24), "fr", "24 décembre 2026"),
    (date(2026, 12, 24), "pt", "24 de dezembro de 2026"),
    (date(2026, 12, 24), "ja", "2026年12月24日"),
    (date(2026, 12, 1), "fr", "1er décembre 2026"),
    (date(2027, 1, 1), "fr", "1er janvier 2027"),
    (date(2027, 1, 1), "de", "1. Januar 2027"),
    (date(2027, 3, 2), "de", "2. März 2027"),
    (date(2026, 8, 15), "fr", "15 août 2026"),
    (date(2027, 2, 28), "es", "28 de febrero de 2027"),
    (date(2028, 2, 29), "pt", "29 de fevereiro de 2028"),
    (date(2027, 9, 9), "pt", "9 de setembro de 2027"),
    (date(2027, 5, 3), "ja", "2027年5月3日"),
    (date(2026, 12, 24), "pt-BR", "24 de dezembro de 2026"),
    (date(2026, 12, 24), "DE_at", "24. Dezember 2026"),
    (date(2026, 12, 24), "it", "24 December 2026"),  # no Italian texts: English
    (date(2026, 12, 24), None, "24 December 2026"),
]


@pytest.mark.parametrize(("day", "language", "expected"), DATES)
def test_format_date(day: date, language: str | None, expected: str) -> None:
    assert format_date(day, language) == expected


def at(iso: str) -> int:
    return int(datetime.fromisoformat(iso).replace(tzinfo=UTC).timestamp()) * US_PER_SECOND


# (moment in UTC, zone, the date there)
MOMENTS = [
    ("2026-12-31T23:30:00", None, date(2026, 12, 31)),
    ("2026-12-31T23:30:00", "Europe/Berlin", date(2027, 1, 1)),  # a new year already
    ("2027-01-01T03:00:00", "America/New_York", date(2026, 12, 31)),  # still the old one
    ("2026-02-28T20:00:00", "Asia/Tokyo", date(2026, 3, 1)),
    ("2028-02-28T20:00:00", "Asia/Tokyo", date(2028, 2, 29)),  # a leap year
    ("2026-08-01T12:00:00", "Pacific/Kiritimati", date(2026, 8, 2)),
    ("2026-08-01T09:00:00", "Pacific/Pago_Pago", date(2026, 7, 31)),
    ("2026-08-01T12:00:00", "Etc/GMT-2", date(2026, 8, 1)),
    ("2026-08-01T23:00:00", "Etc/GMT-2", date(2026, 8, 2)),
    ("2026-08-01T23:00:00", "Not/AZone", date(2026, 8, 1)),  # unknown here: UTC, no error
    ("2026-08-01T23:00:00", "", date(2026, 8, 1)),
]


@pytest.mark.parametrize(("moment", "zone", "expected"), MOMENTS)
def test_local_date(moment: str, zone: str | None, expected: date) -> None:
    assert local_date(at(moment), zone) == expected


def test_format_moment_uses_their_zone_and_language() -> None:
    assert format_moment(at("2026-11-30T23:30:00"), "fr", "Europe/Paris") == "1er décembre 2026"
    assert format_moment(at("2026-11-30T23:30:00"), "fr", None) == "30 novembre 2026"


ZONES = [
    ("Etc/GMT-2", "UTC+2"),  # POSIX signs are inverted
    ("Etc/GMT+5", "UTC-5"),
    ("Etc/GMT-14", "UTC+14"),
    ("Etc/GMT+12", "UTC-12"),
    ("Etc/GMT+0", "UTC"),
    ("Etc/GMT0", "UTC"),
    ("Etc/UTC", "UTC"),
    ("UTC", "UTC"),
    ("GMT", "UTC"),
    ("Europe/Berlin", "Europe/Berlin"),
    ("America/Port-au-Prince", "America/Port-au-Prince"),
]


@pytest.mark.parametrize(("stored", "shown"), ZONES)
def test_readable_zone(stored: str, shown: str) -> None:
    assert readable_zone(stored) == shown


# (what they write, what is stored, what the answer shows)
TZ_ECHO = [
    ("tz UTC+2", "Etc/GMT-2", "UTC+2"),
    ("tz utc+2", "Etc/GMT-2", "UTC+2"),
    ("tz utc +2", "Etc/GMT-2", "UTC+2"),
    ("tz +2", "Etc/GMT-2", "UTC+2"),
    ("tz +02:00", "Etc/GMT-2", "UTC+2"),
    ("tz GMT-5", "Etc/GMT+5", "GMT-5"),
    ("tz −05:00", "Etc/GMT+5", "UTC-5"),
    ("tz utc+0", "UTC", "UTC"),
    ("tz utc", "UTC", "UTC"),
    ("tz europe/berlin", "Europe/Berlin", "Europe/Berlin"),
    ("tz  Europe/Berlin ", "Europe/Berlin", "Europe/Berlin"),
    ("TZ america/port-au-prince", "America/Port-au-Prince", "America/Port-au-Prince"),
    ("tz berlin", "Europe/Berlin", "Berlin"),
    ("tz new york", "America/New_York", "New York"),
    ("zeitzone Europe/Berlin", "Europe/Berlin", "Europe/Berlin"),
]


@pytest.mark.parametrize(("text", "stored", "shown"), TZ_ECHO)
def test_tz_keeps_the_zone_and_echoes_what_they_wrote(text: str, stored: str, shown: str) -> None:
    parsed = parse_command(text, 0)
    assert isinstance(parsed, Command)
    assert (parsed.tz_name, parsed.tz_shown) == (stored, shown)


NOW = at("2026-08-10T12:00:00")
PERSON = person_row(
    opted_in_us=at("2026-08-01T12:00:00"),
    paused_until_us=NOW + 20 * US_PER_DAY,
    tz_name="Etc/GMT+5",
    last_nudge_us=at("2026-08-05T02:00:00"),
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_reply_with_a_date_leaks_an_iso_date(language: str) -> None:
    fresh = dataclasses.replace(PERSON, last_nudge_us=None, paused_until_us=None, tz_name=None)
    for person in (PERSON, fresh):
        values = status_values(person, NOW, language)
        status = reply_text("status", language, **values)
        assert not ISO_DATE.search(status), status
        assert "Etc/" not in status
    until = format_moment(NOW + 14 * US_PER_DAY, language, PERSON.tz_name)
    assert not ISO_DATE.search(reply_text("paused", language, until=until))


def test_status_values_in_their_zone() -> None:
    values = status_values(PERSON, NOW, "de")
    assert values == {
        "since": "1. August 2026",
        "last": "4. August 2026",  # 02:00 UTC on the 5th is the evening before at UTC-5
        "paused": "30. August 2026",
        "tz": "UTC-5",
    }


def utc_midnight(day: date) -> int:
    return at(f"{day.isoformat()}T00:00:00")


# (the date they named, their zone, now, when the pause ends)
PAUSE_ENDS = [
    (date(2026, 12, 24), None, NOW, utc_midnight(date(2026, 12, 24))),
    (date(2026, 12, 24), "America/New_York", NOW, at("2026-12-24T05:00:00")),
    (date(2026, 12, 24), "Europe/Berlin", NOW, at("2026-12-23T23:00:00")),
    (date(2026, 8, 20), "Europe/Berlin", NOW, at("2026-08-19T22:00:00")),  # summer time
    (date(2026, 12, 24), "Etc/GMT+5", NOW, at("2026-12-24T05:00:00")),
    # 12:00 UTC on 1 August is already 02:00 on the 2nd at UTC+14: that midnight has passed
    (date(2026, 8, 2), "Pacific/Kiritimati", at("2026-08-01T12:00:00"), at("2026-08-02T00:00:00")),
    (None, "America/New_York", NOW, NOW + 14 * US_PER_DAY),  # a duration: as parsed
]


@pytest.mark.parametrize(("day", "zone", "now_us", "expected"), PAUSE_ENDS)
def test_pause_end(day: date | None, zone: str | None, now_us: int, expected: int) -> None:
    parsed = utc_midnight(day) if day else NOW + 14 * US_PER_DAY
    assert pause_end(parsed, day, zone, now_us) == expected


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo", None])
def test_a_pause_until_a_date_is_answered_with_that_date(zone: str | None) -> None:
    parsed = parse_command("pause until 2026-12-24", NOW)
    assert isinstance(parsed, Command) and parsed.pause_day == date(2026, 12, 24)
    assert parsed.pause_until_us is not None
    end = pause_end(parsed.pause_until_us, parsed.pause_day, zone, NOW)
    assert format_moment(end, "en", zone) == "24 December 2026"
