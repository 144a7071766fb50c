"""Policy decisions as tables of (inputs, now, expected) rows, plus properties on edge inputs."""

from __future__ import annotations

import random
import statistics
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from bot import policy_next
from bot.clock import US_PER_DAY, US_PER_HOUR
from bot.policy import (
    Decision,
    DmKind,
    PersonState,
    PolicySettings,
    RecentPost,
    evaluate,
    infer_utc_offset_hours,
    is_regular,
    next_daytime_us,
    next_send_us,
    person_zone,
    quiet_threshold_us,
    typical_gap_days,
    welcome_allowed,
)
from bot.policy_next import earliest_check_us, next_evaluation_us

S = PolicySettings()
DAY0 = 20_000  # 2024-10-04, a Friday
NOW = DAY0 * US_PER_DAY + 12 * US_PER_HOUR  # noon UTC
D = US_PER_DAY


def days_before(*offsets: int) -> tuple[int, ...]:
    return tuple(sorted({DAY0 - o for o in offsets}))


def person(**kw: object) -> PersonState:
    base = PersonState(
        did="did:plc:alice",
        opted_in_us=NOW - 200 * D,
        last_activity_us=None,
        active_days=(),
        recent_posts=(),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def nudged(days_ago: int, own: int | None = None) -> dict[str, object]:
    return {"last_nudge_us": NOW - days_ago * D, "frequency_days": own}


def quiet_person(offsets: tuple[int, ...], silence_us: int, **kw: object) -> PersonState:
    """Active on the given days before DAY0; last activity `silence_us` before NOW."""
    last = NOW - silence_us
    days = tuple(sorted({*days_before(*offsets), last // D}))
    return person(last_activity_us=last, active_days=days, **kw)


def iso_us(text: str) -> int:
    """Microseconds of an ISO time; naive means UTC."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)


DAILY = tuple(range(15, 45))  # 30 days in a row, last one 15 days ago
WEEKLY = tuple(range(21, 71, 7))  # every 7 days, 21..70 days ago
IRREGULAR = (20, 22, 25, 29, 35, 45)  # gaps 2, 3, 4, 6, 10 -> p80 = 6.8


# ---------------------------------------------------------------------------------------------
# Measures


@pytest.mark.parametrize(
    ("offsets", "expected"),
    [
        ((), None),
        ((3,), None),
        ((3, 4), 1.0),
        (DAILY, 1.0),
        (WEEKLY, 7.0),
        (IRREGULAR, 6.8),
        ((1, 2, 3, 4, 5, 15), 2.8),  # gaps 1,1,1,1,10: rank 3.2 -> 1 + 9 x 0.2
        ((1, 11), 10.0),
        ((1, 91), None),  # day 91 before is outside the 90-day judgment window
        ((1, 90), 89.0),
    ],
)
def test_typical_gap_days(offsets: tuple[int, ...], expected: float | None) -> None:
    got = typical_gap_days(days_before(*offsets), NOW, S)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected)


@pytest.mark.parametrize(
    ("offsets", "expected_days"),
    [
        ((), 14.0),
        (DAILY, 14.0),
        (WEEKLY, 21.0),
        (IRREGULAR, 20.4),
        ((1, 2, 3, 4, 5, 15), 14.0),
        ((1, 11), 30.0),
    ],
)
def test_quiet_threshold(offsets: tuple[int, ...], expected_days: float) -> None:
    assert quiet_threshold_us(days_before(*offsets), NOW, S) == round(expected_days * D)


@pytest.mark.parametrize(
    ("offsets", "now_us", "expected"),
    [
        ((1, 2, 3, 4, 5), NOW, True),
        ((1, 2, 3, 4), NOW, False),
        ((0, 10, 20, 30, 60), NOW, True),  # day 60 before starts inside (now - 60 d, now]
        ((0, 10, 20, 30, 61), NOW, False),
        ((0, 10, 20, 30, 60), NOW + 12 * US_PER_HOUR - 1, True),  # still the same UTC day
        ((0, 10, 20, 30, 60), NOW + 12 * US_PER_HOUR, False),  # next UTC day: day 60 left
        ((-1, 1, 2, 3, 4), NOW, False),  # a day after now does not count yet
    ],
)
def test_is_regular(offsets: tuple[int, ...], now_us: int, expected: bool) -> None:
    assert is_regular(days_before(*offsets), now_us, S) is expected


# ---------------------------------------------------------------------------------------------
# Quiet


@pytest.mark.parametrize(
    ("label", "offsets", "silence_us", "kw", "expected"),
    [
        ("daily, 15 d silent", DAILY, 15 * D, {}, True),
        ("daily, 13 d silent", DAILY, 13 * D, {}, False),
        ("daily, exactly 14 d", DAILY, 14 * D, {}, True),
        ("daily, 1 us short of 14 d", DAILY, 14 * D - 1, {}, False),
        ("weekly, exactly 21 d", WEEKLY, 21 * D, {}, True),
        ("weekly, 20.9 d", WEEKLY, 21 * D - D // 10, {}, False),
        ("weekly, 15 d (daily would fire)", WEEKLY, 15 * D, {}, False),
        ("irregular, 20.4 d", IRREGULAR, round(20.4 * D), {}, True),
        ("irregular, 20 d", IRREGULAR, 20 * D, {}, False),
        ("not regular: 4 days", (20, 25, 30), 20 * D, {}, False),
        ("regular: exactly 5 days", (20, 25, 30, 35, 40), 20 * D, {}, True),
        ("spell already nudged", DAILY, 20 * D, {"last_quiet_episode": NOW - 20 * D}, False),
        ("older spell nudged", DAILY, 20 * D, {"last_quiet_episode": NOW - 50 * D}, True),
        ("paused", DAILY, 20 * D, {"paused_until_us": NOW + 1}, False),
        ("pause ends now", DAILY, 20 * D, {"paused_until_us": NOW}, True),
        ("inactive account", DAILY, 20 * D, {"account_active": False}, False),
        ("nudged 6 d ago", DAILY, 20 * D, {"last_nudge_us": NOW - 6 * D}, False),
        ("nudged 7 d ago", DAILY, 20 * D, {"last_nudge_us": NOW - 7 * D}, True),
        ("own 10 d: 8 d ago", DAILY, 20 * D, nudged(8, own=10), False),
        ("own 10 d: 10 d ago", DAILY, 20 * D, nudged(10, own=10), True),
        ("own 3 d < 7 d: 5 d ago", DAILY, 20 * D, nudged(5, own=3), False),
        ("own 3 d < 7 d: 7 d ago", DAILY, 20 * D, nudged(7, own=3), True),
    ],
)  # fmt: skip
def test_quiet(
    label: str,
    offsets: tuple[int, ...],
    silence_us: int,
    kw: dict[str, object],
    expected: bool,
) -> None:
    p = quiet_person(offsets, silence_us, **kw)
    decision = evaluate(p, NOW, S)
    assert (decision is not None) is expected, label
    if decision is not None:
        assert decision.kind is DmKind.QUIET
        assert decision.episode == str(p.last_activity_us)
        assert decision.did == p.did
        assert "silent" in decision.reason


def test_quiet_reason_text() -> None:
    decision = evaluate(quiet_person(WEEKLY, 21 * D), NOW, S)
    assert decision is not None
    assert decision.reason == "silent 21.0 days >= threshold 21.0 days (typical gap 7.0 d)"


def test_no_activity_never_quiet() -> None:
    assert evaluate(person(), NOW, S) is None


def test_spell_ends_when_activity_resumes() -> None:
    nudged = quiet_person(DAILY, 20 * D, last_quiet_episode=NOW - 20 * D)
    assert evaluate(nudged, NOW, S) is None
    back = replace(nudged, last_activity_us=NOW - D, active_days=(*nudged.active_days, DAY0 - 1))
    assert evaluate(back, NOW, S) is None
    later = NOW + 15 * D
    decision = evaluate(back, later, S)
    assert decision is not None
    assert decision.episode == str(NOW - D)


# ---------------------------------------------------------------------------------------------
# Promo only

P, N, R = (True, False), (False, False), (False, True)  # promo / plain / reply to someone else


def posts(*rows: tuple[int, tuple[bool, bool]]) -> tuple[RecentPost, ...]:
    """Posts given as (microseconds before NOW, kind)."""
    return tuple(RecentPost(NOW - ago, k[0], k[1]) for ago, k in rows)


FIVE_PROMO = ((1 * D, P), (2 * D, P), (3 * D, P), (4 * D, P), (5 * D, P))
FOUR_MORE_PROMO = ((6 * D, P), (7 * D, P), (8 * D, P), (9 * D, P))


def promoter(**kw: object) -> PersonState:
    return person(recent_posts=posts(*FIVE_PROMO), **kw)


@pytest.mark.parametrize(
    ("label", "rows", "kw", "expected"),
    [
        ("5 promo posts", FIVE_PROMO, {}, True),
        ("4 promo posts", FIVE_PROMO[:4], {}, False),
        ("4 in window, 1 just outside", (*FIVE_PROMO[:4], (14 * D, P)), {}, False),
        ("5th post 1 us inside", (*FIVE_PROMO[:4], (14 * D - 1, P)), {}, True),
        ("9 of 10 promotional (90 %)", (*FIVE_PROMO, *FOUR_MORE_PROMO, (10 * D, N)), {}, True),
        ("8 of 9 promotional (89 %)", (*FIVE_PROMO, *FOUR_MORE_PROMO[:3], (9 * D, N)), {}, False),
        ("a reply to others inside", (*FIVE_PROMO, (13 * D, R)), {}, False),
        ("a reply to others exactly 14 d ago", (*FIVE_PROMO, (14 * D, R)), {}, True),
        ("a reply to others 20 d ago", (*FIVE_PROMO, (20 * D, R)), {}, True),
        ("self-reply (not to others)", (*FIVE_PROMO, (6 * D, P)), {}, True),
        ("old posts ignored", (*FIVE_PROMO[:3], (15 * D, P), (30 * D, P)), {}, False),
        ("promo nudge 29 d ago", FIVE_PROMO, {"last_promo_nudge_us": NOW - 29 * D}, False),
        ("promo nudge 30 d ago", FIVE_PROMO, {"last_promo_nudge_us": NOW - 30 * D}, True),
        ("any nudge 3 d ago", FIVE_PROMO, {"last_nudge_us": NOW - 3 * D}, False),
        ("paused", FIVE_PROMO, {"paused_until_us": NOW + D}, False),
        ("inactive account", FIVE_PROMO, {"account_active": False}, False),
    ],
)  # fmt: skip
def test_promo_only(
    label: str,
    rows: tuple[tuple[int, tuple[bool, bool]], ...],
    kw: dict[str, object],
    expected: bool,
) -> None:
    recent = posts(*rows)
    p = person(last_activity_us=max(x.time_us for x in recent), recent_posts=recent, **kw)
    decision = evaluate(p, NOW, S)
    assert (decision is not None) is expected, label
    if decision is not None:
        assert decision.kind is DmKind.PROMO_ONLY
        assert decision.episode == "2024-10-04"
        in_window = [r for r in rows if r[0] < 14 * D]
        promos = sum(kind is P for _, kind in in_window)
        assert decision.reason.startswith(f"{promos}/{len(in_window)} posts promotional")


def test_quiet_wins_over_promo() -> None:
    p = replace(
        quiet_person(DAILY, 15 * D),
        recent_posts=posts(*((15 * D - i * D // 10, P) for i in range(6))),
    )
    decision = evaluate(p, NOW + 2 * D, S)
    assert decision is not None
    assert decision.kind is DmKind.QUIET


@pytest.mark.parametrize(
    ("last_welcome_us", "expected"),
    [
        (None, True),
        (NOW - 29 * D, False),
        (NOW - 30 * D + 1, False),
        (NOW - 30 * D, True),
        (NOW - 400 * D, True),
        (NOW, False),
    ],
)  # fmt: skip
def test_welcome_allowed(last_welcome_us: int | None, expected: bool) -> None:
    assert welcome_allowed(last_welcome_us, NOW, S) is expected


# ---------------------------------------------------------------------------------------------
# Daytime

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
KOLKATA = ZoneInfo("Asia/Kolkata")
PLUS9 = timezone(timedelta(hours=9))


@pytest.mark.parametrize(
    ("now", "zone", "start", "end", "expected"),
    [
        ("2024-06-01T09:59:59+00:00", UTC, 10, 19, "2024-06-01T10:00:00+00:00"),
        ("2024-06-01T10:00:00+00:00", UTC, 10, 19, "now"),
        ("2024-06-01T18:59:59+00:00", UTC, 10, 19, "now"),
        ("2024-06-01T19:00:00+00:00", UTC, 10, 19, "2024-06-02T10:00:00+00:00"),
        ("2024-12-31T23:30:00+00:00", UTC, 10, 19, "2025-01-01T10:00:00+00:00"),
        ("2024-03-09T16:00:00+00:00", NY, 10, 19, "now"),  # 11:00 EST
        ("2024-03-10T06:00:00+00:00", NY, 10, 19, "2024-03-10T14:00:00+00:00"),  # into EDT
        ("2024-11-03T05:00:00+00:00", NY, 10, 19, "2024-11-03T15:00:00+00:00"),  # into EST
        ("2024-03-10T06:30:00+00:00", NY, 2, 5, "2024-03-10T07:00:00+00:00"),  # 02:00 skipped
        ("2024-03-31T08:30:00+00:00", BERLIN, 10, 19, "now"),  # 10:30 CEST, first DST day
        ("2024-03-31T07:30:00+00:00", BERLIN, 10, 19, "2024-03-31T08:00:00+00:00"),
        ("2024-01-15T07:30:00+00:00", BERLIN, 10, 19, "2024-01-15T09:00:00+00:00"),
        ("2024-06-01T04:00:00+00:00", KOLKATA, 10, 19, "2024-06-01T04:30:00+00:00"),
        ("2024-06-01T10:00:00+00:00", PLUS9, 10, 19, "2024-06-02T01:00:00+00:00"),
        ("2024-06-01T23:00:00+00:00", UTC, 22, 6, "now"),  # window wraps midnight
        ("2024-06-01T05:59:59+00:00", UTC, 22, 6, "now"),
        ("2024-06-01T06:00:00+00:00", UTC, 22, 6, "2024-06-01T22:00:00+00:00"),
        ("2024-06-01T12:00:00+00:00", UTC, 0, 24, "now"),
        ("2024-06-01T03:00:00+00:00", UTC, 8, 8, "now"),  # start == end: no restriction
    ],
)
def test_next_daytime(now: str, zone: tzinfo, start: int, end: int, expected: str) -> None:
    now_us = iso_us(now)
    want = now_us if expected == "now" else iso_us(expected)
    assert next_daytime_us(now_us, zone, start, end) == want


@pytest.mark.parametrize(("start", "end"), [(-1, 10), (24, 5), (10, 25)])
def test_next_daytime_rejects_bad_hours(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        next_daytime_us(NOW, UTC, start, end)


@pytest.mark.parametrize(
    ("kw", "now", "expected"),
    [
        ({}, "2024-10-04T08:00", "2024-10-04T10:00"),
        ({"day_start_hour": 7}, "2024-10-04T08:00", "now"),
        ({"day_start_hour": 7, "day_end_hour": 8}, "2024-10-04T08:00", "2024-10-05T07:00"),
        ({"day_start_hour": 30}, "2024-10-04T08:00", "2024-10-04T10:00"),
        ({"day_start_hour": 19}, "2024-10-04T08:00", "2024-10-04T10:00"),
        ({"day_start_hour": 21, "day_end_hour": 2}, "2024-10-04T08:00", "2024-10-04T21:00"),
        ({"tz_name": "Asia/Tokyo"}, "2024-10-04T08:00", "now"),  # 17:00 JST
        ({"tz_name": "Asia/Tokyo"}, "2024-10-04T12:00", "2024-10-05T01:00"),
        ({"tz_name": "Not/AZone"}, "2024-10-04T08:00", "2024-10-04T10:00"),
    ],
)  # fmt: skip
def test_decision_send_after(kw: dict[str, object], now: str, expected: str) -> None:
    now_us = iso_us(now)
    p = quiet_person(DAILY, 20 * D, **kw)
    decision = evaluate(p, now_us, S)
    assert isinstance(decision, Decision)
    assert decision.send_after_us == (now_us if expected == "now" else iso_us(expected))


# ---------------------------------------------------------------------------------------------
# Zones


def sleeper(
    offset: int, first_local: int = 1, hours: int = 6, per_hour: int = 5
) -> tuple[int, ...]:
    """Activity every hour except `hours` asleep from `first_local` local time."""
    asleep = {(first_local + i - offset) % 24 for i in range(hours)}
    return tuple(0 if h in asleep else per_hour for h in range(24))


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (sleeper(0), 0),
        (sleeper(1), 1),
        (sleeper(-5), -5),
        (sleeper(-8), -8),
        (sleeper(9), 9),
        (sleeper(11), 11),
        (sleeper(-12), -12),
        (sleeper(13), -11),  # same hours of the day as -11
        (sleeper(-5, first_local=23, hours=10), -5),  # long night: its middle wins
        (sleeper(3, hours=6, per_hour=1)[:], None),  # 18 samples < 20
        (sleeper(3, hours=6, per_hour=2), 3),
        ((1,) * 24, None),  # flat: no night to find
        ((0,) * 24, None),
        ((5,) * 23, None),  # not 24 hours
        ((-1, *(5,) * 23), None),
        ((0, 0, 0, 0, 0, 0, 9, 9, 9, 9, 9, 9, 0, 0, 0, 0, 0, 0, 9, 9, 9, 9, 9, 9), 1),  # tie: first
    ],
)
def test_infer_utc_offset(counts: tuple[int, ...], expected: int | None) -> None:
    assert infer_utc_offset_hours(counts, S) == expected


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({"tz_name": "Europe/Berlin"}, ZoneInfo("Europe/Berlin")),
        ({"tz_name": "Europe/Berlin", "hour_counts": sleeper(9)}, ZoneInfo("Europe/Berlin")),
        ({"tz_name": "Mars/Olympus", "hour_counts": sleeper(9)}, timezone(timedelta(hours=9))),
        ({"tz_name": "../../etc/passwd"}, UTC),
        ({"tz_name": ""}, UTC),
        ({"tz_name": "Europe/Berlin\x00"}, UTC),
        ({"hour_counts": sleeper(-3)}, timezone(timedelta(hours=-3))),
        ({}, UTC),
    ],
)
def test_person_zone(kw: dict[str, object], expected: tzinfo) -> None:
    assert person_zone(person(**kw), S) == expected


# ---------------------------------------------------------------------------------------------
# Next evaluation


@pytest.mark.parametrize(
    ("label", "p", "expected"),
    [
        ("daily, 3 d silent", quiet_person(DAILY, 3 * D), NOW + 11 * D),
        ("every 5 days, 1 d silent", quiet_person(tuple(range(1, 90, 5)), 1 * D), NOW + 14 * D),
        ("weekly: irregular before quiet", quiet_person(WEEKLY, 1 * D), None),
        ("weekly, 19 d silent", quiet_person(WEEKLY, 19 * D), NOW + 2 * D),
        ("due now", quiet_person(DAILY, 20 * D), NOW),
        ("due but paused", quiet_person(DAILY, 20 * D, paused_until_us=NOW + 5 * D), NOW + 5 * D),
        ("due but rate limited", quiet_person(DAILY, 20 * D, last_nudge_us=NOW - D), NOW + 6 * D),
        ("spell nudged", quiet_person(DAILY, 20 * D, last_quiet_episode=NOW - 20 * D), None),
        ("not regular", quiet_person((20, 30), 3 * D), None),
        ("inactive", quiet_person(DAILY, 3 * D, account_active=False), None),
        ("no activity", person(), None),
        ("promo due", person(recent_posts=posts(*FIVE_PROMO)), NOW),
        ("promo cooldown", promoter(last_promo_nudge_us=NOW - 25 * D), NOW + 5 * D),
        ("promo cooldown outlasts posts", promoter(last_promo_nudge_us=NOW - 20 * D), None),
        ("promo but paused", promoter(paused_until_us=NOW + 3 * D), NOW + 3 * D),
        ("reply leaves window", person(recent_posts=posts(*FIVE_PROMO, (13 * D, R))), NOW + D),
    ],
)  # fmt: skip
def test_next_evaluation(label: str, p: PersonState, expected: int | None) -> None:
    assert next_evaluation_us(p, NOW, S) == expected, label


def random_person(rng: random.Random, now_us: int) -> PersonState:
    """A person whose past activity ends before now: the shape the store keeps."""
    silence = rng.choice([0, 1, 3, 10, 15, 25, 40]) * D + rng.randrange(D)
    last = now_us - silence
    step = rng.choice([1, 1, 2, 3, 7, 12])
    span = rng.randrange(3, 80)
    days = {last // D - i * step - rng.randrange(2) for i in range(span // step + 1)}
    days = {d for d in days if d > last // D - 95} | {last // D}
    recent = tuple(
        RecentPost(
            last - rng.randrange(20 * D),
            rng.random() < 0.93,
            rng.random() < 0.05,
        )
        for _ in range(rng.choice([0, 3, 5, 6, 12]))
    )
    maybe = rng.random
    return person(
        last_activity_us=last,
        active_days=tuple(sorted(days)),
        recent_posts=recent,
        paused_until_us=now_us + rng.randrange(20 * D) if maybe() < 0.1 else None,
        last_nudge_us=now_us - rng.randrange(12 * D) if maybe() < 0.3 else None,
        last_quiet_episode=last if maybe() < 0.1 else None,
        last_promo_nudge_us=now_us - rng.randrange(40 * D) if maybe() < 0.3 else None,
        frequency_days=rng.choice([None, 3, 10, 20]),
    )


def random_settings(rng: random.Random) -> PolicySettings:
    if rng.random() < 0.5:
        return S
    return PolicySettings(
        judgment_window_days=rng.choice([30, 90]),
        regular_min_days=rng.choice([2, 5, 10]),
        regular_window_days=rng.choice([20, 60]),
        quiet_min_days=rng.choice([3.5, 14.0]),
        quiet_gap_multiplier=rng.choice([1.5, 3.0]),
        quiet_gap_percentile=rng.choice([50.0, 80.0, 100.0]),
        promo_window_days=rng.choice([7, 14]),
        promo_min_posts=rng.choice([1, 5]),
        promo_min_ratio=rng.choice([0.5, 0.9, 1.0]),
        promo_cooldown_days=rng.choice([1, 30]),
        nudge_min_interval_days=rng.choice([0, 7]),
    )


@pytest.mark.parametrize("seed", [20241004, 7, 99])
def test_next_evaluation_is_never_late(seed: int) -> None:
    """evaluate() is None before next_evaluation_us, and fires at it (it is exact)."""
    rng = random.Random(seed)
    for _ in range(1000):
        now_us = NOW + rng.randrange(D)
        p = random_person(rng, now_us)
        settings = random_settings(rng)
        due = next_evaluation_us(p, now_us, settings)
        horizon = now_us + 120 * D if due is None else due
        probes = set(range(now_us, horizon, 6 * US_PER_HOUR))
        if horizon > now_us:
            probes.add(horizon - 1)
            probes.update(rng.randrange(now_us, horizon) for _ in range(20))
        for t in sorted(probes):
            assert evaluate(p, t, settings) is None, (p, settings, now_us, due, t)
        if due is not None:
            assert due >= now_us
            assert evaluate(p, due, settings) is not None, (p, settings, now_us, due)


@pytest.mark.parametrize("seed", [5, 11, 2026])
def test_earliest_check_is_a_lower_bound_of_the_exact_next_evaluation(seed: int) -> None:
    """The ingest path's cheap bound never schedules a check after the true first due time."""
    rng = random.Random(seed)
    for _ in range(2000):
        now_us = NOW + rng.randrange(D)
        p = random_person(rng, now_us)
        settings = random_settings(rng)
        cheap = earliest_check_us(p.last_activity_us, p.recent_posts, now_us, settings)
        exact = next_evaluation_us(p, now_us, settings)
        if exact is not None:
            assert cheap is not None and cheap <= exact, (p, settings, now_us, cheap, exact)


@pytest.mark.parametrize(
    ("promo_flags", "expected_now"),
    [
        ((True,) * 5, True),  # enough promotions in the window: look now
        ((True,) * 4 + (False,), False),  # 4 < 0.9 x 5: cannot hold without more posts
        ((), False),
    ],
)
def test_earliest_check_cases(promo_flags: tuple[bool, ...], expected_now: bool) -> None:
    recent = tuple(
        RecentPost(NOW - (i + 1) * US_PER_HOUR, f, False) for i, f in enumerate(promo_flags)
    )
    cheap = earliest_check_us(NOW - US_PER_HOUR, recent, NOW, S)
    assert (cheap == NOW) is expected_now
    if not expected_now:
        assert cheap == NOW - US_PER_HOUR + 14 * D


# ---------------------------------------------------------------------------------------------
# Properties on edge-heavy inputs
#
# The fast code is checked against what each rule says (the docstrings, written out in terms
# of the public measures) and against each other (`evaluate` is None before the moment
# `next_evaluation_us` names and not at it), on inputs that sit on every window's edges.


def _edge_days(rng: random.Random, now_us: int, settings: PolicySettings) -> tuple[int, ...]:
    """Sorted distinct active days, often sitting exactly on a window's first or last day."""
    today = now_us // US_PER_DAY
    shape = rng.random()
    if shape < 0.08:
        return ()
    edges = [
        today - w + delta
        for w in (0, settings.regular_window_days, settings.judgment_window_days)
        for delta in (-2, -1, 0, 1, 2)
    ]
    step = rng.choice([1, 1, 2, 3, 5, 7, 12, 30])
    span = rng.randrange(1, 130)
    end = today - rng.choice([0, 0, 1, 3, 14, 40]) + (rng.random() < 0.1) * rng.randrange(1, 5)
    days = {end - i * step - rng.randrange(2) for i in range(span // step + 1)}
    days.update(rng.sample(edges, rng.randrange(0, 6)))
    return tuple(sorted(days))


def _edge_posts(
    rng: random.Random, now_us: int, settings: PolicySettings
) -> tuple[RecentPost, ...]:
    """Up to 30 posts in any order; times hit window edges, coincide, or lie ahead of now."""
    window = settings.promo_window_days * US_PER_DAY
    count = rng.choice([0, 1, 3, 4, 5, 6, 10, 20, 30])
    base = now_us - rng.randrange(-2 * D, 3 * D)
    edges = [now_us - window, now_us - window + 1, now_us - window - 1, now_us, now_us + 1]
    promo_share = rng.choice([0.0, 0.5, 0.9, 1.0, 1.0])
    reply_share = rng.choice([0.0, 0.0, 0.05, 0.3])
    times: list[int] = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.2:
            times.append(rng.choice(edges))
        elif roll < 0.3 and times:
            times.append(rng.choice(times))  # same microsecond as another post
        elif roll < 0.4:
            times.append(rng.choice(times or [base]) + rng.choice([-1, 1]) * window)
        else:
            times.append(base - rng.randrange(25 * D))
    return tuple(
        RecentPost(t, rng.random() < promo_share, rng.random() < reply_share) for t in times
    )


def _edge_hours(rng: random.Random) -> tuple[int, ...]:
    """Hour counts full of ties: all zero, flat, tiny values, repeated or symmetric patterns."""
    shape = rng.random()
    if shape < 0.05:
        return (0,) * 24
    if shape < 0.10:
        return (rng.randrange(0, 5),) * 24
    if shape < 0.15:
        return tuple(rng.randrange(0, 5) for _ in range(rng.choice([0, 1, 23, 25])))
    if shape < 0.18:
        counts = [rng.randrange(0, 5) for _ in range(24)]
        counts[rng.randrange(24)] = -1
        return tuple(counts)
    if shape < 0.40:
        period = rng.choice([2, 3, 4, 6, 8, 12])
        unit = [rng.randrange(0, 4) for _ in range(period)]
        return tuple(unit[h % period] for h in range(24))
    if shape < 0.70:
        return tuple(rng.randrange(0, 3) for _ in range(24))
    offset = rng.randrange(-14, 14)
    asleep = {(rng.randrange(0, 4) + i - offset) % 24 for i in range(rng.randrange(3, 12))}
    per_hour = rng.choice([1, 2, 5, 40])
    return tuple(
        rng.randrange(0, 2) if h in asleep else rng.randrange(per_hour, 2 * per_hour + 1)
        for h in range(24)
    )


def _edge_settings(rng: random.Random) -> PolicySettings:
    """Product defaults half the time, else mixed and extreme values (zero minimums, etc.)."""
    if rng.random() < 0.4:
        return S
    return PolicySettings(
        judgment_window_days=rng.choice([1, 20, 30, 60, 90]),
        regular_min_days=rng.choice([0, 1, 2, 5, 10]),
        regular_window_days=rng.choice([0, 20, 30, 60, 90]),
        quiet_min_days=rng.choice([0.0, 0.5, 3.5, 14.0, 14.3]),
        quiet_gap_multiplier=rng.choice([0.0, 1.5, 3.0, 3.3]),
        quiet_gap_percentile=rng.choice([-5.0, 0.0, 33.3, 50.0, 80.0, 100.0, 120.0]),
        promo_window_days=rng.choice([0, 1, 7, 14]),
        promo_min_posts=rng.choice([0, 1, 2, 5]),
        promo_min_ratio=rng.choice([0.0, 0.5, 0.9, 1.0]),
        promo_cooldown_days=rng.choice([0, 1, 30]),
        nudge_min_interval_days=rng.choice([0, 7]),
        tz_min_samples=rng.choice([0, 1, 20, 50]),
    )


def _edge_person(rng: random.Random, now_us: int, settings: PolicySettings) -> PersonState:
    days = _edge_days(rng, now_us, settings)
    roll = rng.random()
    if roll < 0.1 or not days:
        last = None if rng.random() < 0.5 else now_us - rng.randrange(30 * D)
    else:
        last = days[-1] * US_PER_DAY + rng.choice([0, rng.randrange(D), D - 1])
    maybe = rng.random
    around = [now_us - 40 * D, now_us - 7 * D, now_us - 1, now_us, now_us + 1, now_us + 9 * D]
    return person(
        last_activity_us=last,
        active_days=days,
        recent_posts=_edge_posts(rng, now_us, settings),
        paused_until_us=rng.choice(around) if maybe() < 0.15 else None,
        account_active=maybe() < 0.95,
        last_nudge_us=rng.choice(around) - rng.randrange(3) * D if maybe() < 0.3 else None,
        last_quiet_episode=last if maybe() < 0.1 else rng.choice([None, None, now_us - 5 * D]),
        last_promo_nudge_us=rng.choice(around) - rng.randrange(35) * D if maybe() < 0.3 else None,
        frequency_days=rng.choice([None, None, 0, 3, 10, 20]),
        tz_name=rng.choice([None, None, None, "", "Europe/Berlin", "Not/AZone"]),
        hour_counts=_edge_hours(rng),
        day_start_hour=rng.choice([None, None, 7, 21]),
    )


def _window_days(days: Sequence[int], now_us: int, window_days: int) -> list[int]:
    """The active days of the window: from `window_days` before today through today."""
    today = now_us // D
    return [day for day in days if today - window_days <= day <= today]


def _quiet_holds(p: PersonState, now_us: int, settings: PolicySettings) -> bool:
    """Quiet, by the rule: regular, silent at least the threshold, this spell not nudged."""
    last = p.last_activity_us
    if last is None or p.last_quiet_episode == last:
        return False
    days = p.active_days
    threshold = quiet_threshold_us(days, now_us, settings)
    return is_regular(days, now_us, settings) and now_us - last >= threshold


def _promo_holds(p: PersonState, now_us: int, settings: PolicySettings) -> bool:
    """Promo only, by the rule: out of the cooldown; in (now - window, now] enough posts,
    enough of them promotional, none a reply to someone else."""
    cooldown = settings.promo_cooldown_days * D
    if p.last_promo_nudge_us is not None and now_us - p.last_promo_nudge_us < cooldown:
        return False
    start = now_us - settings.promo_window_days * D
    window = [post for post in p.recent_posts if start < post.time_us <= now_us]
    if not window or any(post.replies_to_other for post in window):
        return False
    promos = sum(post.promo for post in window)
    return (
        len(window) >= settings.promo_min_posts and promos / len(window) >= settings.promo_min_ratio
    )


def _gates_open(p: PersonState, now_us: int, settings: PolicySettings) -> bool:
    """Active, not paused, and the rate limit (the larger of ours and theirs) has passed."""
    if not p.account_active or (p.paused_until_us is not None and p.paused_until_us > now_us):
        return False
    interval = max(settings.nudge_min_interval_days, p.frequency_days or 0) * D
    return p.last_nudge_us is None or now_us - p.last_nudge_us >= interval


def _moments(p: PersonState, settings: PolicySettings) -> set[int]:
    """Where any input to a decision changes: a window gains or loses an active day or a
    post, a pause, rate limit or cooldown ends. Between two of them the gates and the promo
    rule are constant and quietness can only begin (silence grows), so a rule that holds
    anywhere in between also holds just before the next one."""
    shifts = (0, settings.regular_window_days + 1, settings.judgment_window_days + 1)
    moments = {(day + shift) * D for day in p.active_days for shift in shifts}
    window = settings.promo_window_days * D
    moments.update(t for post in p.recent_posts for t in (post.time_us, post.time_us + window))
    if p.paused_until_us is not None:
        moments.add(p.paused_until_us)
    if p.last_promo_nudge_us is not None:
        moments.add(p.last_promo_nudge_us + settings.promo_cooldown_days * D)
    if p.last_nudge_us is not None:
        interval = max(settings.nudge_min_interval_days, p.frequency_days or 0) * D
        moments.add(p.last_nudge_us + interval)
    return moments


def _probes(p: PersonState, settings: PolicySettings, start: int, end: int) -> list[int]:
    """Enough moments in [start, end) that a rule false at each is false throughout."""
    edges = {m + d for m in _moments(p, settings) for d in (-1, 0)} | {start, end - 1}
    return sorted(t for t in edges if start <= t < end)


@pytest.mark.parametrize("seed", range(4))
def test_measures_follow_their_definitions(seed: int) -> None:
    rng = random.Random(1000 + seed)
    for _ in range(1500):
        s = _edge_settings(rng)
        now_us = NOW + rng.choice([0, 0, -1, 1, D // 2, rng.randrange(D)])
        days = _edge_days(rng, now_us, s)
        case = (days, now_us, s)
        regular = len(_window_days(days, now_us, s.regular_window_days)) >= s.regular_min_days
        assert is_regular(days, now_us, s) is regular, case
        judged = _window_days(days, now_us, s.judgment_window_days)
        gaps = [later - day for day, later in pairwise(judged)]
        gap = typical_gap_days(days, now_us, s)
        want = (
            s.quiet_min_days if gap is None else max(s.quiet_min_days, s.quiet_gap_multiplier * gap)
        )
        assert quiet_threshold_us(days, now_us, s) == round(want * D), case
        if not gaps:
            assert gap is None, case
            continue
        at = [
            typical_gap_days(days, now_us, replace(s, quiet_gap_percentile=q))
            for q in (-5, 0, 25, 50, 80, 100, 120)
        ]
        assert at == sorted(at), case  # a higher percentile is never a shorter gap
        assert at[0] == at[1] == min(gaps) and at[-2] == at[-1] == max(gaps), case
        assert at[3] == statistics.median(gaps), case


@pytest.mark.parametrize("seed", range(4))
def test_evaluate_follows_the_rules(seed: int) -> None:
    """Quiet wins over promo; its episode is the silence's start, promo's the UTC date."""
    rng = random.Random(2000 + seed)
    for _ in range(1500):
        s = _edge_settings(rng)
        now_us = NOW + rng.choice([0, 0, -1, 1, D // 2, rng.randrange(D)])
        p = _edge_person(rng, now_us, s)
        case = (p, now_us, s)
        got = evaluate(p, now_us, s)
        if not _gates_open(p, now_us, s):
            assert got is None, case
        elif _quiet_holds(p, now_us, s):
            assert got is not None and got.kind is DmKind.QUIET, case
            assert got.episode == str(p.last_activity_us), case
        elif _promo_holds(p, now_us, s):
            assert got is not None and got.kind is DmKind.PROMO_ONLY, case
            day = datetime.fromtimestamp(now_us // 1_000_000, UTC).date().isoformat()
            assert got.episode == day, case
        else:
            assert got is None, case
        if got is not None:
            assert got.did == p.did and got.send_after_us == next_send_us(p, now_us, s), case
            assert got.send_after_us >= now_us, case


@pytest.mark.parametrize("seed", range(4))
def test_next_evaluation_is_exact_on_edge_inputs(seed: int) -> None:
    """Nothing is due before `next_evaluation_us`, something is at it; None: never again."""
    rng = random.Random(3000 + seed)
    for _ in range(400):
        s = _edge_settings(rng)
        now_us = NOW + rng.choice([0, 0, -1, 1, D // 2, rng.randrange(D)])
        p = _edge_person(rng, now_us, s)
        due = next_evaluation_us(p, now_us, s)
        end = due if due is not None else max(_moments(p, s) | {now_us}) + 400 * D
        for t in _probes(p, s, now_us, end):
            assert evaluate(p, t, s) is None, (p, now_us, s, due, t)
        if due is None:
            assert evaluate(p, end, s) is None, (p, now_us, s, end)
        else:
            assert due >= now_us and evaluate(p, due, s) is not None, (p, now_us, s, due)


@pytest.mark.parametrize("seed", range(4))
def test_first_quiet_and_promo_moments_are_exact_from_any_start(seed: int) -> None:
    """The two searches behind `next_evaluation_us`, from arbitrary start moments."""
    rng = random.Random(4000 + seed)
    searches = [
        (policy_next._first_quiet_us, _quiet_holds),
        (policy_next._first_promo_us, _promo_holds),
    ]
    for _ in range(300):
        s = _edge_settings(rng)
        now_us = NOW + rng.randrange(D)
        p = _edge_person(rng, now_us, s)
        window = s.promo_window_days * D
        starts = [now_us, now_us + rng.randrange(-30 * D, 60 * D)]
        starts += [post.time_us + delta for post in p.recent_posts[:3] for delta in (0, window)]
        if p.last_activity_us is not None:
            starts.append(p.last_activity_us + round(s.quiet_min_days * D))
        for start in starts:
            for search, holds in searches:
                got = search(p, start, s)
                end = got if got is not None else max(_moments(p, s) | {start}) + 400 * D
                case = (search.__name__, p, start, s, got)
                assert not any(holds(p, t, s) for t in _probes(p, s, start, end)), case
                assert holds(p, end, s) is (got is not None), case


def _nights(counts: Sequence[int]) -> list[int]:
    """Events in the 6 hours from each UTC hour, round the clock."""
    return [sum(counts[(start + h) % 24] for h in range(6)) for start in range(24)]


@pytest.mark.parametrize("seed", range(3))
def test_zone_inference_puts_4_am_in_the_quietest_six_hours(seed: int) -> None:
    """The guess puts local 01:00-07:00 on the quietest 6 hours; no guess without enough
    samples, with a bad profile, or when no 6 hours are quiet (less than a quarter)."""
    rng = random.Random(5000 + seed)
    for _ in range(4000):
        counts = _edge_hours(rng)
        for s in (S, replace(S, tz_min_samples=0), replace(S, tz_min_samples=1)):
            got = infer_utc_offset_hours(counts, s)
            assert infer_utc_offset_hours(list(counts), s) == got
            if len(counts) != 24 or min(counts) < 0 or sum(counts) < max(s.tz_min_samples, 1):
                assert got is None, (counts, s)
                continue
            nights = _nights(counts)
            if min(nights) * 4 >= sum(counts):
                assert got is None, (counts, s)
                continue
            assert got is not None and -12 <= got <= 11, (counts, s)
            assert nights[(1 - got) % 24] == min(nights), (counts, s, got)
            if nights.count(min(nights)) == 1:  # one night: moving the clock moves the guess
                turn = rng.randrange(1, 24)
                later = infer_utc_offset_hours(counts[-turn:] + counts[:-turn], s)
                assert later is not None and (got - later - turn) % 24 == 0, (counts, turn)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        # two equal nights, 0-6 and 12-18 UTC, with equal neighbourhoods: the earlier start
        ((0,) * 6 + (9,) * 6 + (0,) * 6 + (9,) * 6, 1),
        ((9,) * 3 + (0,) * 6 + (9,) * 6 + (0,) * 6 + (9,) * 3, -2),
        # silent 0-12 UTC: seven equally quiet windows; the widest quiet neighbourhood is the
        # middle one, 3-9 UTC (4 am local at 6 UTC)
        ((0,) * 12 + (5,) * 12, -2),
        # quiet all day but for 23 UTC: the night as far from that hour as it can be
        ((1,) * 23 + (30,), -7),
    ],
)  # fmt: skip
def test_zone_inference_ties(counts: tuple[int, ...], expected: int) -> None:
    """Tie-breaks by widening neighbourhoods, then the earliest UTC start."""
    assert infer_utc_offset_hours(counts, S) == expected
