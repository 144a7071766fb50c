"""The test-only crash points: unknown names refused, nothing happens without FAULT_POINT, and
the named point kills the process at its FAULT_AFTER-th pass, not before."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Settings
from bot.faults import EXIT_CODE, POINTS, FaultPoints, no_fault

ROOT = Path(__file__).resolve().parents[1]


def test_unknown_points_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown fault point"):
        FaultPoints("after-lunch")


def test_without_a_point_the_hook_is_the_no_op() -> None:
    faults = FaultPoints(None)
    assert faults.hook is no_fault
    for point in POINTS:
        faults.hook(point)  # returns: nothing to die for
    assert faults.seen == 0


def test_other_points_pass_by() -> None:
    faults = FaultPoints("mid-commit")
    for point in POINTS:
        if point != "mid-commit":
            faults.hit(point)
    assert faults.seen == 0


def test_settings_accept_the_points_and_nothing_else() -> None:
    assert Settings(fault_point="after-command", fault_after=3).fault_after == 3
    with pytest.raises(ValueError):
        Settings(fault_point="somewhere")  # type: ignore[arg-type]


def test_the_nth_pass_exits_at_once_with_the_exit_code() -> None:
    script = (
        "from bot.faults import FaultPoints\n"
        "f = FaultPoints('after-send', after=2)\n"
        "f.hit('after-send'); print('first pass lives', flush=True)\n"
        "f.hit('after-send'); print('second pass must not print', flush=True)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == EXIT_CODE
    assert done.stdout == "first pass lives\n"
