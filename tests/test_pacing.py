"""The DM budget, as tables over simulated time."""

from __future__ import annotations

import pytest

from bot.clock import US_PER_DAY, US_PER_MINUTE, US_PER_SECOND
from bot.pacing import BACKOFF_CAP_US, DmBudget

T0 = 1_785_585_600_000_000
S, M = US_PER_SECOND, US_PER_MINUTE


@pytest.mark.parametrize(
    ("sent", "now", "available", "next_slot"),
    [
        ([], T0, 3, T0),
        ([T0 - 10 * S], T0, 2, T0),
        ([T0 - 50 * S, T0 - 40 * S, T0 - 10 * S], T0, 0, T0 + 10 * S),
        ([T0 - 61 * S, T0 - 40 * S, T0 - 10 * S], T0, 1, T0),
        ([T0 - M, T0 - 40 * S, T0 - 10 * S], T0, 1, T0),  # exactly a minute ago no longer counts
    ],
)
def test_per_minute(sent: list[int], now: int, available: int, next_slot: int) -> None:
    budget = DmBudget.from_history(sent, now, per_minute=3, per_day=100)
    assert budget.available(now) == available
    assert budget.next_slot_us(now) == next_slot


def test_daily_cap_survives_a_restart_and_frees_up_a_day_later() -> None:
    history = [T0 - US_PER_DAY + 10 * M * i for i in range(1, 6)]  # five in the last day
    budget = DmBudget.from_history([*history, T0 - 2 * US_PER_DAY], T0, per_minute=3, per_day=5)
    assert len(budget.sent) == 5 and budget.available(T0) == 0
    assert budget.next_slot_us(T0) == history[0] + US_PER_DAY
    assert budget.available(history[0] + US_PER_DAY) == 1


def test_spending_counts_and_resets_pushbacks() -> None:
    budget = DmBudget(per_minute=2, per_day=10)
    budget.pushback(T0, 1.0)
    budget.spend(T0 + 2 * S)
    budget.spend(T0 + 3 * S)
    assert budget.pushbacks == 0 and budget.available(T0 + 4 * S) == 0
    assert budget.next_slot_us(T0 + 4 * S) == T0 + 2 * S + M


@pytest.mark.parametrize(
    ("retry_after", "pushbacks", "resume"),
    [
        (30.0, 1, T0 + 30 * S),  # the server's reset wins
        (None, 1, T0 + M),  # then 1, 2, 4 … minutes
        (None, 2, T0 + 2 * M),
        (None, 3, T0 + 4 * M),
        (None, 20, T0 + BACKOFF_CAP_US),
        (0.0, 1, T0 + M),  # a zero reset is no reset
    ],
)
def test_pushback(retry_after: float | None, pushbacks: int, resume: int) -> None:
    budget = DmBudget()
    budget.pushbacks = pushbacks - 1
    assert budget.pushback(T0, retry_after) == resume
    assert budget.available(resume - 1) == 0 and budget.available(resume) == 3
    assert budget.next_slot_us(T0) == resume


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least one"):
        DmBudget(per_minute=0)
