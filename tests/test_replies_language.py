"""Answers in the person's language, with dates and zones as they read them (issue 24 item 2),
over the fake chat log and a real SQLite store of tests/test_replies.py."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import US_PER_DAY
from bot.messages.replies import reply_text
from tests.test_replies import ALICE, T0, Rig, opened_rig

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture
async def rig(tmp_path: Path) -> AsyncIterator[Rig]:
    async with opened_rig(tmp_path) as made:
        yield made


async def said_to(rig: Rig, text: str, **person: object) -> str:
    if person:
        await rig.store.update_person(ALICE, **person)
    rig.chat.write(ALICE, text)
    await rig.poll()
    return rig.chat.said(f"c-{ALICE}")[-1]


async def test_a_brazilian_pausing_in_portuguese_is_answered_in_portuguese(rig: Rig) -> None:
    said = await said_to(rig, "pausa 2 semanas", language="pt")
    assert said == reply_text("paused", "pt", until="15 de agosto de 2026")


async def test_a_spanish_speaker_gets_the_same_words_answered_in_spanish(rig: Rig) -> None:
    said = await said_to(rig, "pausa 2 semanas", language="es")
    assert said == reply_text("paused", "es", until="15 de agosto de 2026")


async def test_an_invalid_command_is_answered_in_the_persons_language(rig: Rig) -> None:
    said = await said_to(rig, "pausa 0 semanas", language="pt")
    assert said == reply_text("invalid_pause", "pt")


async def test_words_of_another_language_are_answered_in_theirs(rig: Rig) -> None:
    said = await said_to(rig, "pause 3 Tage", language="fr")
    assert said == reply_text("paused", "de", until="4. August 2026")


async def test_the_pause_date_is_the_day_where_they_live(rig: Rig) -> None:
    # T0 + 14 days is 12:00 UTC on 15 August: already the 16th at UTC+14
    said = await said_to(rig, "pause 2w", tz_name="Pacific/Kiritimati", language="en")
    assert "16 August 2026" in said and not ISO_DATE.search(said)


async def test_tz_echoes_what_they_wrote_and_keeps_the_canonical_zone(rig: Rig) -> None:
    said = await said_to(rig, "tz utc+2")
    assert said == reply_text("tz", "en", tz="UTC+2")
    alice = await rig.store.person(ALICE)
    assert alice is not None and alice.tz_name == "Etc/GMT-2"
    status = await said_to(rig, "status")
    assert "UTC+2" in status and "Etc/GMT" not in status


async def test_tz_by_name_shows_its_canonical_case(rig: Rig) -> None:
    assert "Europe/Berlin" in await said_to(rig, "tz europe/berlin")


async def test_status_dates_are_localized_in_their_zone(rig: Rig) -> None:
    rig.clock.advance_to(T0 + US_PER_DAY)
    await rig.store.update_person(
        ALICE, paused_until_us=T0 + 30 * US_PER_DAY, tz_name="Pacific/Kiritimati"
    )
    said = await said_to(rig, "estado", language="es")
    values = {
        "since": "2 de agosto de 2026",  # T0 is 12:00 UTC on 1 August: 02:00 on the 2nd there
        "last": reply_text("never", "es"),
        "paused": "1 de septiembre de 2026",
        "tz": "Pacific/Kiritimati",
    }
    assert said == reply_text("status", "es", **values)
    assert not ISO_DATE.search(said)


async def test_a_pause_until_a_date_ends_as_that_day_begins_where_they_live(rig: Rig) -> None:
    said = await said_to(rig, "pause until 2026-12-24", tz_name="America/New_York")
    assert "24 December 2026" in said
    alice = await rig.store.person(ALICE)
    midnight_in_new_york = 1_798_088_400_000_000  # 2026-12-24T05:00:00Z
    assert alice is not None and alice.paused_until_us == midnight_in_new_york
