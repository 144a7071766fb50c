"""The sd_notify messages reach a datagram socket as systemd would read them."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.notify import Notifier


@pytest.fixture
def systemd(tmp_path: Path) -> Iterator[tuple[str, socket.socket]]:
    path = str(tmp_path / "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(2)
    try:
        yield path, sock
    finally:
        sock.close()


def test_ready_status_watchdog_stopping(systemd: tuple[str, socket.socket]) -> None:
    path, sock = systemd
    notifier = Notifier(path)
    notifier.ready("following 3 people\nvia jetstream")
    notifier.status("2 DMs queued")
    notifier.watchdog()
    notifier.stopping()
    got = [sock.recv(4096).decode() for _ in range(4)]
    assert got == [
        "READY=1\nSTATUS=following 3 people via jetstream",
        "STATUS=2 DMs queued",
        "WATCHDOG=1",
        "STOPPING=1",
    ]


def test_without_a_socket_nothing_happens() -> None:
    notifier = Notifier(None)
    notifier.ready("x")
    assert not notifier.enabled and not notifier.sent


def test_a_missing_socket_is_logged_once_and_never_raises(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    notifier = Notifier(str(tmp_path / "gone.sock"))
    notifier.watchdog()
    notifier.watchdog()
    assert not notifier.sent
    assert sum("cannot notify systemd" in r.getMessage() for r in caplog.records) == 1


def test_a_listener_that_does_not_read_never_blocks_the_sender(
    systemd: tuple[str, socket.socket], caplog: pytest.LogCaptureFixture
) -> None:
    path, _unread = systemd
    notifier = Notifier(path)
    for _ in range(5000):  # far past any datagram queue: each send returns at once
        notifier.watchdog()
    assert 0 < len(notifier.sent) <= 100  # what went out, bounded
    assert sum("cannot notify systemd" in r.getMessage() for r in caplog.records) == 1
