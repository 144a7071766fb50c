"""deploy/nudgebot.service says what the service needs from systemd (`make verify-unit` runs
`systemd-analyze verify` on it; this checks the choices that verify cannot know about)."""

from __future__ import annotations

from pathlib import Path

import pytest

UNIT = Path(__file__).resolve().parent.parent / "deploy" / "nudgebot.service"


def directives() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    section = ""
    for raw in UNIT.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _, value = line.partition("=")
        found.setdefault(f"{section}.{key}", []).append(value)
    return found


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("Service.Type", "notify"),  # READY=1 / WATCHDOG=1 from bot/notify.py
        ("Service.NotifyAccess", "main"),
        ("Service.Restart", "on-failure"),
        ("Service.RestartPreventExitStatus", "2"),  # a bad setting: no restart loop
        ("Service.DynamicUser", "yes"),
        ("Service.StateDirectory", "nudgebot"),
        ("Service.EnvironmentFile", "-/etc/nudgebot/nudgebot.env"),
        ("Service.LoadCredential", "bsky_app_password:/etc/nudgebot/bsky_app_password"),
        ("Service.ProtectSystem", "strict"),
        ("Service.ProtectHome", "yes"),
        ("Service.PrivateDevices", "yes"),
        ("Service.RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX"),
        ("Service.RestrictNamespaces", "yes"),
        ("Service.CapabilityBoundingSet", ""),
        ("Service.MemoryDenyWriteExecute", "no"),  # CPython breaks without it
        ("Service.UMask", "0077"),  # the database and session file stay private
        ("Service.LimitCORE", "0"),  # no core dump holding the session tokens
        ("Service.PrivateIPC", "yes"),
        ("Service.ProtectProc", "invisible"),
        ("Service.IPAddressAllow", "localhost"),  # PostgreSQL, /metrics, systemd-resolved
        ("Install.WantedBy", "multi-user.target"),
    ],
)
def test_unit_sets(key: str, value: str) -> None:
    assert value in directives().get(key, []), f"{key}={value} missing from {UNIT.name}"


def test_watchdog_leaves_room_for_slow_pings() -> None:
    # the service pings every WatchdogSec/2; a value under 30 s would restart it on a GC pause
    (watchdog,) = directives()["Service.WatchdogSec"]
    assert int(watchdog) >= 30


def test_stop_timeout_covers_the_ten_second_drain() -> None:
    (timeout,) = directives()["Service.TimeoutStopSec"]
    assert int(timeout) > 10


def test_system_calls_are_filtered_to_the_service_set() -> None:
    filters = directives()["Service.SystemCallFilter"]
    assert "@system-service" in filters
    assert any(f.startswith("~") and "@privileged" in f for f in filters)
    assert any(f.startswith("~") and "@resources" in f for f in filters)


def test_link_local_and_multicast_are_out_of_reach() -> None:
    # cloud metadata (169.254.169.254) is what a forged DID document would aim at first
    (deny,) = directives()["Service.IPAddressDeny"]
    assert {"link-local", "multicast"} <= set(deny.split())
    assert "any" not in deny.split()  # PDSes are anywhere on the internet


def test_starts_the_console_script_in_run_mode() -> None:
    (start,) = directives()["Service.ExecStart"]
    assert start.split()[-1] == "run" and start.split()[0].endswith("/bin/nudgebot")
