"""Suite-wide guards: no test reaches the network unless it is marked for local services."""

from __future__ import annotations

import ipaddress
import logging
import os
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# Property tests (bad input): modest example counts keep the suite fast; no deadline, since
# this shared machine is noisy. Under CI the examples are derandomized (the same every run),
# so a red CI is reproducible; locally hypothesis prints the seed and the shrunk failing input.
settings.register_profile(
    "dev", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("ci", settings.get_profile("dev"), derandomize=True, database=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

_LOCAL_MARKERS = ("postgres", "localnet", "loopback")


class NetworkBlocked(AssertionError):
    """A unit test tried to open a network connection."""


def _is_loopback(address: Any) -> bool:
    if not isinstance(address, tuple) or not address:
        return isinstance(address, (str, bytes))  # AF_UNIX paths are local by nature
    host = str(address[0])
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _guard_network(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Unit tests get no network at all; local-service tests get loopback only."""
    allow_loopback = any(request.node.get_closest_marker(m) for m in _LOCAL_MARKERS)
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def check(sock: socket.socket, address: Any) -> None:
        if sock.family == socket.AF_UNIX:
            return
        if allow_loopback and _is_loopback(address):
            return
        raise NetworkBlocked(f"test tried to connect to {address!r}; the network is blocked here")

    def connect(sock: socket.socket, address: Any) -> None:
        check(sock, address)
        real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: Any) -> int:
        check(sock, address)
        return real_connect_ex(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    yield


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """`main()` installs its stderr handler and levels on the root logger: undo that after
    each test, so one test's logging setup never leaks into the next."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    loggers = {name: logging.getLogger(name).level for name in _CLI_TUNED}
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
    root.setLevel(level)
    for name, saved in loggers.items():
        logging.getLogger(name).setLevel(saved)


_CLI_TUNED = ("httpx", "httpcore", "apscheduler", "websockets", "aiosqlite")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`long` tests (the long random-kill loop) run only when asked for: `-m long`
    (`make test-long`); the normal suite leaves them out."""
    if "long" in (config.getoption("markexpr") or ""):
        return
    kept = [item for item in items if item.get_closest_marker("long") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept
