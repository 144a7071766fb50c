"""Policy decisions as tables of (inputs, now, expected) rows, plus a property check."""

from __future__ import annotations

import bisect
import heapq
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from itertools import chain, islice
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
# Differential check against the reference implementations
#
# A verbatim copy of the straightforward policy code as it was before the performance rewrite
# (commit 1e397e4). The fast versions in bot.policy must give identical answers for every
# input, so these stay here as the oracle: simple enough to trust by reading.


def _ref_window_bounds(days: Sequence[int], now_us: int, window_days: int) -> tuple[int, int]:
    lo = bisect.bisect_left(days, (now_us - window_days * US_PER_DAY) // US_PER_DAY)
    hi = bisect.bisect_right(days, now_us // US_PER_DAY)
    return lo, hi


def _ref_is_regular(active_days: Sequence[int], now_us: int, settings: PolicySettings) -> bool:
    lo, hi = _ref_window_bounds(active_days, now_us, settings.regular_window_days)
    return hi - lo >= settings.regular_min_days


def _ref_typical_gap_days(
    active_days: Sequence[int], now_us: int, settings: PolicySettings
) -> float | None:
    lo, hi = _ref_window_bounds(active_days, now_us, settings.judgment_window_days)
    if hi - lo < 2:
        return None
    gaps = sorted([active_days[i + 1] - active_days[i] for i in range(lo, hi - 1)])
    percentile = min(max(settings.quiet_gap_percentile, 0.0), 100.0)
    rank = (len(gaps) - 1) * percentile / 100.0
    below = int(rank)
    if below >= len(gaps) - 1:
        return float(gaps[-1])
    return gaps[below] + (gaps[below + 1] - gaps[below]) * (rank - below)


def _ref_threshold_days(gap: float | None, settings: PolicySettings) -> float:
    if gap is None:
        return settings.quiet_min_days
    return max(settings.quiet_min_days, settings.quiet_gap_multiplier * gap)


def _ref_quiet_threshold_us(
    active_days: Sequence[int], now_us: int, settings: PolicySettings
) -> int:
    gap = _ref_typical_gap_days(active_days, now_us, settings)
    return round(_ref_threshold_days(gap, settings) * US_PER_DAY)


def _ref_promo_counts(
    posts: Sequence[RecentPost], now_us: int, settings: PolicySettings
) -> tuple[int, int, bool]:
    start = now_us - settings.promo_window_days * US_PER_DAY
    total = promos = 0
    for post in posts:
        if start < post.time_us <= now_us:
            if post.replies_to_other:
                return 0, 0, True
            total += 1
            promos += post.promo
    return total, promos, False


def _ref_promo_holds(total: int, promos: int, replied: bool, settings: PolicySettings) -> bool:
    return (
        not replied
        and total >= settings.promo_min_posts
        and total > 0
        and promos / total >= settings.promo_min_ratio
    )


def _ref_interval_us(person: PersonState, settings: PolicySettings) -> int:
    days = max(settings.nudge_min_interval_days, person.frequency_days or 0)
    return days * US_PER_DAY


def _ref_quiet_reason(person: PersonState, now_us: int, settings: PolicySettings) -> str | None:
    last = person.last_activity_us
    if last is None or person.last_quiet_episode == last:
        return None
    silence = now_us - last
    if silence < round(settings.quiet_min_days * US_PER_DAY):
        return None
    days = person.active_days
    if not _ref_is_regular(days, now_us, settings):
        return None
    gap = _ref_typical_gap_days(days, now_us, settings)
    threshold = round(_ref_threshold_days(gap, settings) * US_PER_DAY)
    if silence < threshold:
        return None
    gap_text = "no typical gap" if gap is None else f"typical gap {gap:.1f} d"
    return (
        f"silent {silence / US_PER_DAY:.1f} days >= threshold "
        f"{threshold / US_PER_DAY:.1f} days ({gap_text})"
    )


def _ref_promo_reason(person: PersonState, now_us: int, settings: PolicySettings) -> str | None:
    last_promo = person.last_promo_nudge_us
    if last_promo is not None and now_us - last_promo < settings.promo_cooldown_days * US_PER_DAY:
        return None
    if len(person.recent_posts) < settings.promo_min_posts:
        return None
    total, promos, replied = _ref_promo_counts(person.recent_posts, now_us, settings)
    if not _ref_promo_holds(total, promos, replied, settings):
        return None
    return (
        f"{promos}/{total} posts promotional in the last {settings.promo_window_days} days, "
        "no replies to others"
    )


def _ref_utc_date(time_us: int) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(time_us // 1_000_000))


def _ref_hours(person: PersonState, settings: PolicySettings) -> tuple[int, int]:
    def valid(start: int, end: int) -> bool:
        return 0 <= start <= 23 and 1 <= end <= 24 and start != end

    start = settings.day_start_hour if person.day_start_hour is None else person.day_start_hour
    end = settings.day_end_hour if person.day_end_hour is None else person.day_end_hour
    if valid(start, end):
        return start, end
    if valid(settings.day_start_hour, settings.day_end_hour):
        return settings.day_start_hour, settings.day_end_hour
    return 0, 24


def _ref_person_zone(person: PersonState, settings: PolicySettings) -> tzinfo:
    if person.tz_name:
        try:
            return ZoneInfo(person.tz_name)
        except (KeyError, ValueError, OSError, TypeError, UnicodeError):
            pass
    offset = _ref_infer_utc_offset_hours(person.hour_counts, settings)
    return UTC if offset is None else timezone(timedelta(hours=offset))


def _ref_evaluate(person: PersonState, now_us: int, settings: PolicySettings) -> Decision | None:
    if not person.account_active:
        return None
    if person.paused_until_us is not None and person.paused_until_us > now_us:
        return None
    last_nudge = person.last_nudge_us
    if last_nudge is not None and now_us - last_nudge < _ref_interval_us(person, settings):
        return None
    reason = _ref_quiet_reason(person, now_us, settings)
    if reason is not None:
        kind, episode = DmKind.QUIET, str(person.last_activity_us)
    else:
        reason = _ref_promo_reason(person, now_us, settings)
        if reason is None:
            return None
        kind, episode = DmKind.PROMO_ONLY, _ref_utc_date(now_us)
    start, end = _ref_hours(person, settings)
    send_after = next_daytime_us(now_us, _ref_person_zone(person, settings), start, end)
    return Decision(person.did, kind, episode, send_after, reason)


def _ref_next_evaluation_us(
    person: PersonState, now_us: int, settings: PolicySettings
) -> int | None:
    if not person.account_active:
        return None
    gate = now_us
    if person.paused_until_us is not None:
        gate = max(gate, person.paused_until_us)
    if person.last_nudge_us is not None:
        gate = max(gate, person.last_nudge_us + _ref_interval_us(person, settings))
    quiet = _ref_first_quiet_us(person, gate, settings)
    promo = _ref_first_promo_us(person, gate, settings)
    if quiet is None or promo is None:
        return promo if quiet is None else quiet
    return min(quiet, promo)


def _ref_shifted(days: Sequence[int], offset: int, after_day: int) -> Iterator[int]:
    for day in islice(days, bisect.bisect_right(days, after_day - offset), None):
        yield day + offset


def _ref_change_days(
    days: Sequence[int], after_day: int, settings: PolicySettings
) -> Iterator[int]:
    offsets = (0, settings.regular_window_days + 1, settings.judgment_window_days + 1)
    streams = [_ref_shifted(days, off, after_day) for off in offsets]
    previous = after_day
    for day in heapq.merge(*streams):
        if day > previous:
            previous = day
            yield day


def _ref_first_quiet_us(person: PersonState, start_us: int, settings: PolicySettings) -> int | None:
    last = person.last_activity_us
    if last is None or person.last_quiet_episode == last:
        return None
    days = person.active_days
    seg_start = max(start_us, last + round(settings.quiet_min_days * US_PER_DAY))
    for change_day in chain(_ref_change_days(days, seg_start // US_PER_DAY, settings), [None]):
        seg_end = None if change_day is None else change_day * US_PER_DAY
        if _ref_is_regular(days, seg_start, settings):
            due = max(seg_start, last + _ref_quiet_threshold_us(days, seg_start, settings))
            if seg_end is None or due < seg_end:
                return due
        elif not days or days[-1] <= seg_start // US_PER_DAY:
            return None
        if seg_end is None:
            return None
        seg_start = seg_end
    return None


def _ref_first_promo_us(person: PersonState, start_us: int, settings: PolicySettings) -> int | None:
    window = settings.promo_window_days * US_PER_DAY
    horizon = start_us - window
    if sum(p.time_us > horizon for p in person.recent_posts) < settings.promo_min_posts:
        return None
    posts = sorted(person.recent_posts, key=lambda p: p.time_us)
    times = [p.time_us for p in posts]
    promo_sum = [0]
    reply_sum = [0]
    for post in posts:
        promo_sum.append(promo_sum[-1] + post.promo)
        reply_sum.append(reply_sum[-1] + post.replies_to_other)
    candidates = {start_us}
    if person.last_promo_nudge_us is not None:
        candidates.add(person.last_promo_nudge_us + settings.promo_cooldown_days * US_PER_DAY)
    for t in times:
        candidates.update((t, t + window))
    for t in sorted(c for c in candidates if c >= start_us):
        lo = bisect.bisect_right(times, t - window)
        hi = bisect.bisect_right(times, t)
        if hi - lo < settings.promo_min_posts and hi == len(times):
            return None
        replied = reply_sum[hi] > reply_sum[lo]
        if _ref_promo_holds(hi - lo, promo_sum[hi] - promo_sum[lo], replied, settings):
            last_promo = person.last_promo_nudge_us
            if last_promo is None or t - last_promo >= settings.promo_cooldown_days * US_PER_DAY:
                return t
    return None


def _ref_infer_utc_offset_hours(hour_counts: Sequence[int], settings: PolicySettings) -> int | None:
    if len(hour_counts) != 24 or min(hour_counts) < 0:
        return None
    total = sum(hour_counts)
    if total < max(settings.tz_min_samples, 1):
        return None
    ring = list(hour_counts) * 3

    def score(start: int) -> tuple[int, ...]:
        base = start + 24
        return tuple(sum(ring[base - k : base + 6 + k]) for k in range(9))

    best = min(range(24), key=score)
    if score(best)[0] * (24 // 6) >= total:
        return None
    middle_utc = best + 6 // 2
    return (4 - middle_utc + 12) % 24 - 12


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


@pytest.mark.parametrize("seed", range(4))
def test_fast_policy_matches_reference(seed: int) -> None:
    """Every public decision and measure equals the reference oracle on edge-heavy inputs."""
    rng = random.Random(1000 + seed)
    for _ in range(1500):
        settings = _edge_settings(rng)
        now_us = NOW + rng.choice([0, 0, -1, 1, D // 2, rng.randrange(D)])
        p = _edge_person(rng, now_us, settings)
        case = (p, now_us, settings)
        days = p.active_days
        assert is_regular(days, now_us, settings) == _ref_is_regular(days, now_us, settings), case
        assert typical_gap_days(days, now_us, settings) == _ref_typical_gap_days(
            days, now_us, settings
        ), case
        assert quiet_threshold_us(days, now_us, settings) == _ref_quiet_threshold_us(
            days, now_us, settings
        ), case
        assert evaluate(p, now_us, settings) == _ref_evaluate(p, now_us, settings), case
        assert next_evaluation_us(p, now_us, settings) == _ref_next_evaluation_us(
            p, now_us, settings
        ), case
        assert person_zone(p, settings) == _ref_person_zone(p, settings), case


@pytest.mark.parametrize("seed", range(4))
def test_fast_first_due_matches_reference(seed: int) -> None:
    """The quiet and promo searches agree with the oracle from arbitrary start moments."""
    rng = random.Random(2000 + seed)
    for _ in range(2000):
        settings = _edge_settings(rng)
        now_us = NOW + rng.randrange(D)
        p = _edge_person(rng, now_us, settings)
        window = settings.promo_window_days * D
        starts = [now_us, now_us + rng.randrange(-30 * D, 60 * D)]
        starts += [post.time_us + delta for post in p.recent_posts[:3] for delta in (0, window)]
        if p.last_activity_us is not None:
            starts.append(p.last_activity_us + round(settings.quiet_min_days * D))
        for start in starts:
            case = (p, start, settings)
            got = policy_next._first_quiet_us(p, start, settings)
            assert got == _ref_first_quiet_us(p, start, settings), case
            got = policy_next._first_promo_us(p, start, settings)
            assert got == _ref_first_promo_us(p, start, settings), case


@pytest.mark.parametrize("seed", range(3))
def test_fast_zone_inference_matches_reference(seed: int) -> None:
    """Zone inference agrees with the oracle, above all on ties and degenerate profiles."""
    rng = random.Random(3000 + seed)
    settings = [S, replace(S, tz_min_samples=0), replace(S, tz_min_samples=1)]
    for _ in range(4000):
        counts = _edge_hours(rng)
        for s in settings:
            want = _ref_infer_utc_offset_hours(counts, s)
            assert infer_utc_offset_hours(counts, s) == want, (counts, s)
            assert infer_utc_offset_hours(list(counts), s) == want, (counts, s)


def test_fast_zone_inference_ties_in_every_rotation() -> None:
    """Tie-breaks by widening neighbourhoods, then earliest start, for every rotation."""
    patterns = [
        (0,) * 6 + (9,) * 6 + (0,) * 6 + (9,) * 6,  # two equal nights, equal neighbourhoods
        (0,) * 12 + (5,) * 12,  # one long night: seven equally quiet 6-hour windows
        (0, 1) * 12,
        (0, 0, 0, 1) * 6,
        (1,) * 23 + (30,),
        (0,) * 8 + (3,) + (0,) * 8 + (3,) + (7,) * 6,  # neighbourhoods decide late
    ]
    for pattern in patterns:
        for turn in range(24):
            counts = pattern[turn:] + pattern[:turn]
            for s in (S, replace(S, tz_min_samples=0)):
                assert infer_utc_offset_hours(counts, s) == _ref_infer_utc_offset_hours(
                    counts, s
                ), counts
