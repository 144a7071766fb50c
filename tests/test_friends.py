"""The pure "stay in touch" rules: drift by the pair's own rhythm, the budget, around."""

from __future__ import annotations

import pytest

from bot.clock import US_PER_DAY
from bot.friends import (
    Counterpart,
    FriendLook,
    FriendSettings,
    budget_refusal,
    drift,
    drifted,
    friend_is_quiet,
    merge_days,
)
from bot.policy import PolicySettings
from bot.store import PersonRow
from tests.rows import person_row

RULES = PolicySettings()
SETTINGS = FriendSettings()
NOW = 20_400 * US_PER_DAY + 12 * 3_600_000_000  # noon, day 20400
TODAY = NOW // US_PER_DAY


def pair(days_ago: list[int], friend: str = "did:plc:f") -> Counterpart:
    days = tuple(sorted(TODAY - d for d in days_ago))
    last = NOW - min(days_ago) * US_PER_DAY
    return Counterpart(friend, len(days), days[0] * US_PER_DAY, last, days)


# (contact days, ago) -> drifted?  The pair's typical gap is the 80th percentile of its gaps.
DRIFT_TABLE = [
    ("every 2 days, 30 days silent", [30, 32, 34, 36, 38, 40], True),
    ("every 2 days, 13 days silent: under the 14-day floor", [13, 15, 17, 19, 21, 23], False),
    ("every 2 days, exactly 14 days silent", [14, 16, 18, 20, 22, 24], True),
    ("every 7 days, 20 days silent: under 3 x 7", [20, 27, 34, 41, 48, 55], False),
    ("every 7 days, 21 days silent: 3 x 7", [21, 28, 35, 42, 49, 56], True),
    ("only 4 days together: not regular", [30, 32, 34, 36], False),
    ("5 days, but one outside the judgment window", [30, 32, 34, 36, 91], False),
    ("talked yesterday", [1, 3, 5, 7, 9, 11], False),
]


@pytest.mark.parametrize(("case", "days_ago", "expected"), DRIFT_TABLE)
def test_drift_table(case: str, days_ago: list[int], expected: bool) -> None:
    found = drift(pair(days_ago), NOW, RULES, SETTINGS)
    assert (found is not None) is expected, case
    if found is not None:
        assert found.silent_days == pytest.approx(min(days_ago))
        assert found.silent_days >= max(14, 3 * found.gap_days)


def test_drifted_excludes_and_orders_by_days_together_then_silence() -> None:
    a = pair([30, 32, 34, 36, 38, 40], "did:plc:a")
    b = pair([40, 42, 44, 46, 48, 50, 52], "did:plc:b")  # more days together
    c = pair([50, 52, 54, 56, 58, 60], "did:plc:c")  # as many as a, longer silent
    skipped = pair([30, 32, 34, 36, 38, 40], "did:plc:skipped")
    found = drifted([a, b, c, skipped], {"did:plc:skipped"}, NOW, RULES, SETTINGS)
    assert [d.friend for d in found] == ["did:plc:b", "did:plc:c", "did:plc:a"]
    assert "usually every 2 days; nothing for 30 days" in found[2].reason


def person(**changes: object) -> PersonRow:
    return person_row(opted_in_us=NOW - 100 * US_PER_DAY, **changes)


BUDGET_TABLE = [
    ("fresh", {}, None, None),
    ("a nudge 6 days ago", {"last_nudge_us": NOW - 6 * US_PER_DAY}, None, "nudge"),
    ("a nudge 7 days ago", {"last_nudge_us": NOW - 7 * US_PER_DAY}, None, None),
    (
        "`less`: 29 days",
        {"last_nudge_us": NOW - 29 * US_PER_DAY, "frequency_days": 30},
        None,
        "nudge",
    ),
    ("a friend DM 29 days ago", {}, NOW - 29 * US_PER_DAY, "friend"),
    ("a friend DM 30 days ago", {}, NOW - 30 * US_PER_DAY, None),
    ("paused", {"paused_until_us": NOW + 1}, None, "paused"),
    ("pause over", {"paused_until_us": NOW}, None, None),
    ("deactivated", {"account_active": False}, None, "reachable"),
    ("unreachable", {"unreachable_reason": "closed"}, None, "reachable"),
]


@pytest.mark.parametrize(("case", "fields", "last_friend", "refusal"), BUDGET_TABLE)
def test_budget_table(
    case: str, fields: dict[str, object], last_friend: int | None, refusal: str | None
) -> None:
    why = budget_refusal(person(**fields), last_friend, NOW, RULES, SETTINGS)
    assert (why is None) is (refusal is None), case
    if refusal is not None:
        assert why is not None and refusal in why


def test_around_needs_a_profile_a_handle_and_recent_activity() -> None:
    from bot.friends import around

    recent = NOW - 59 * US_PER_DAY
    assert around(FriendLook(True, "f.test", recent), NOW, SETTINGS)
    assert not around(FriendLook(False, None, None), NOW, SETTINGS)
    assert not around(FriendLook(True, "f.test", NOW - 61 * US_PER_DAY), NOW, SETTINGS)
    assert not around(FriendLook(True, "f.test", None), NOW, SETTINGS)


def test_a_friend_is_called_quiet_only_when_opted_in_and_quiet_by_their_rule() -> None:
    days = [TODAY - d for d in range(40, 20, -2)]  # every 2 days, last 22 days ago
    quiet = person(active_days=days, last_activity_us=NOW - 22 * US_PER_DAY)
    assert friend_is_quiet(quiet, NOW, RULES)
    assert not friend_is_quiet(None, NOW, RULES)  # not opted in: never said
    lively = person(active_days=[*days, TODAY], last_activity_us=NOW)
    assert not friend_is_quiet(lively, NOW, RULES)


def test_merge_days_is_sorted_distinct_and_drops_old_days() -> None:
    assert merge_days((3, 5), [5, 9, 1], horizon_day=2) == (3, 5, 9)
