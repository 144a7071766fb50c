"""The answer caps (bot/answer_caps.py) and the `start` reconciliation throttle: pure tables."""

from __future__ import annotations

import pytest

from bot.answer_caps import AnswerCaps, Answered, Verdict, decide
from bot.clock import US_PER_DAY, US_PER_HOUR, US_PER_MINUTE
from bot.replies import START_RECONCILE_EVERY_US, reconcile_due

NOW = 1_785_585_600_000_000
CAPS = AnswerCaps(per_hour=5, per_day=20, stranger_per_day=1)


def as_follower(*ages_us: int) -> list[Answered]:
    return [Answered(NOW - age, stranger=False) for age in ages_us]


def as_stranger(*ages_us: int) -> list[Answered]:
    return [Answered(NOW - age, stranger=True) for age in ages_us]


@pytest.mark.parametrize(
    ("earlier", "follower", "verdict"),
    [
        ([], True, Verdict.ANSWER),
        ([], False, Verdict.ANSWER),  # a stranger: once
        (as_follower(*[US_PER_MINUTE * i for i in range(1, 5)]), True, Verdict.ANSWER),  # 4
        (as_follower(*[US_PER_MINUTE * i for i in range(1, 6)]), True, Verdict.HOURLY),  # 5
        # the hour has passed for the oldest: one more
        (as_follower(*[US_PER_MINUTE * i for i in range(1, 5)], US_PER_HOUR), True, Verdict.ANSWER),
        # 5 an hour over four hours = 20 in the day: silence until the oldest is a day old
        (as_follower(*[US_PER_HOUR * h + 2 * US_PER_HOUR for h in range(20)]), True, Verdict.DAILY),
        (
            as_follower(*[US_PER_HOUR * h + 2 * US_PER_HOUR for h in range(19)], US_PER_DAY),
            True,
            Verdict.ANSWER,
        ),
        (as_stranger(23 * US_PER_HOUR), False, Verdict.STRANGER),
        (as_stranger(US_PER_DAY), False, Verdict.ANSWER),  # a day later: once more
        # their `stop` was answered while they followed: `start` still gets its one answer
        (as_follower(US_PER_MINUTE), False, Verdict.ANSWER),
        (as_follower(US_PER_MINUTE) + as_stranger(US_PER_MINUTE), False, Verdict.STRANGER),
        # a follower who was a stranger this morning is not held to one
        (as_stranger(5 * US_PER_HOUR), True, Verdict.ANSWER),
        ([Answered(NOW + US_PER_MINUTE, False)] * 9, True, Verdict.ANSWER),  # the future: ignored
    ],
)
def test_decide(earlier: list[Answered], follower: bool, verdict: Verdict) -> None:
    assert decide(earlier, NOW, follower=follower, caps=CAPS) is verdict


@pytest.mark.parametrize(
    ("per_hour", "per_day", "stranger"), [(0, 20, 1), (5, 0, 1), (5, 20, 0), (6, 5, 1)]
)
def test_caps_refuse_nonsense(per_hour: int, per_day: int, stranger: int) -> None:
    with pytest.raises(ValueError, match="answer"):
        AnswerCaps(per_hour, per_day, stranger)


@pytest.mark.parametrize(
    ("pending", "last_us", "now_us", "due"),
    [
        (False, None, NOW, False),
        (True, None, NOW, True),
        (True, NOW - START_RECONCILE_EVERY_US + 1, NOW, False),
        (True, NOW - START_RECONCILE_EVERY_US, NOW, True),
        (False, NOW - US_PER_DAY, NOW, False),
    ],
)
def test_reconcile_due(pending: bool, last_us: int | None, now_us: int, due: bool) -> None:
    assert reconcile_due(pending, last_us, now_us) is due
