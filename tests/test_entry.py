"""`nudgebot run` stopped before it has started anything exits 0, not by the signal."""

from __future__ import annotations

import subprocess
import sys

import pytest

# SIGTERM to itself, then "work" that would take long: only the handler can end it early
STOPPED_WHILE_STARTING = """
import os, signal, time
{setup}
os.kill(os.getpid(), signal.SIGTERM)
time.sleep(30)
raise SystemExit(3)
"""


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ("from bot.entry import stop_cleanly_until_started; stop_cleanly_until_started()", 0),
        ("", -15),  # without it: killed by the signal, what systemd logs as a failed stop
    ],
)
def test_a_stop_during_startup_exits_cleanly(setup: str, code: int) -> None:
    script = STOPPED_WHILE_STARTING.format(setup=setup)
    done = subprocess.run([sys.executable, "-c", script], timeout=60, check=False)
    assert done.returncode == code


def test_only_run_gets_the_early_handler(monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    from bot import entry

    installed: list[str] = []
    monkeypatch.setattr(entry, "stop_cleanly_until_started", lambda: installed.append("run"))
    monkeypatch.setattr("bot.cli.main", lambda: 0)
    for argv, expected in ((["nudgebot", "migrate"], []), (["nudgebot", "-v", "run"], ["run"])):
        installed.clear()
        monkeypatch.setattr("sys.argv", argv)
        assert entry.main() == 0
        assert installed == expected
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the fakes installed nothing
