"""A distress or crisis reply holds automated DMs (issue 18): the evaluation decides nothing for
a held person and looks again when the hold ends (a crisis: when the operator clears it), and
a queued DM to them is cancelled at send time; a welcome still answers a new follow."""

from __future__ import annotations

import dataclasses

import pytest

from bot import jobs
from bot.clock import US_PER_DAY
from bot.outbox import still_wanted
from bot.policy import PolicySettings
from bot.store import OutboxItem
from bot.store.triage import HELD_UNTIL_CLEARED
from tests.test_outbox import ALICE, T0, person_row

QUIET_SINCE = T0 - 60 * US_PER_DAY  # long quiet, regular before: a quiet nudge is due


def due_row(held: int | None) -> object:
    days = [(QUIET_SINCE // US_PER_DAY) - n for n in range(0, 40, 3)]
    row = person_row(QUIET_SINCE)
    return dataclasses.replace(
        row, active_days=sorted(days), nudges_held_until_us=held, unanswered_nudges=5
    )


@pytest.mark.parametrize(
    ("held", "next_eval"),
    [(T0 + 14 * US_PER_DAY, T0 + 14 * US_PER_DAY), (HELD_UNTIL_CLEARED, None)],
)
def test_a_held_person_gets_no_nudge_and_no_checkin(held: int, next_eval: int | None) -> None:
    row = due_row(held)
    record = jobs.decide(row, T0, PolicySettings())  # type: ignore[arg-type]
    assert record.draft is None and record.next_eval_us == next_eval
    unheld = jobs.decide(due_row(None), T0, PolicySettings())  # type: ignore[arg-type]
    assert unheld.draft is not None  # the same person, not held, would get one


@pytest.mark.parametrize(
    ("kind", "held", "wanted"),
    [
        ("quiet", T0 + 1, False),
        ("checkin", HELD_UNTIL_CLEARED, False),
        ("friend", T0 + 1, False),
        ("welcome", HELD_UNTIL_CLEARED, True),  # it answers their own follow
        ("quiet", T0, True),  # the hold has just ended
        ("quiet", None, True),
    ],
)
def test_queued_dms_to_a_held_person_are_cancelled(
    kind: str, held: int | None, wanted: bool
) -> None:
    item = OutboxItem(1, ALICE, kind, "100", 0, "hi", T0, 1)
    person = dataclasses.replace(person_row(None), nudges_held_until_us=held)
    assert (still_wanted(item, person, T0) is None) is wanted
