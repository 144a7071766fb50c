"""systemd's notify protocol (sd_notify), without a library: one datagram per message to the
socket systemd names in $NOTIFY_SOCKET (read once by the settings, passed in here).

Nothing happens when there is no socket (run by hand, in tests, in replay); a socket that
went away is logged once and never fatal — the service must not die of its own health report.
Sends never block: this runs on the event loop, and a listener that does not read (its queue
of datagrams is short) must not freeze the loop; such a message is dropped instead.
"""

from __future__ import annotations

import logging
import socket
from collections import deque

log = logging.getLogger(__name__)


class Notifier:
    def __init__(self, socket_path: str | None) -> None:
        self.path = socket_path or None
        self.sent: deque[str] = deque(maxlen=100)  # the latest that went out, for tests
        self._failed = False

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def ready(self, status: str) -> None:
        self._send(f"READY=1\nSTATUS={_one_line(status)}")

    def status(self, text: str) -> None:
        self._send(f"STATUS={_one_line(text)}")

    def watchdog(self) -> None:
        self._send("WATCHDOG=1")

    def stopping(self) -> None:
        self._send("STOPPING=1")

    def _send(self, message: str) -> None:
        if self.path is None:
            return
        address = self.path
        if address.startswith("@"):  # an abstract socket: a leading NUL byte on Linux
            address = "\0" + address[1:]
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
                sock.setblocking(False)
                sock.connect(address)
                sock.sendall(message.encode())
        except OSError as exc:
            if not self._failed:
                log.warning("cannot notify systemd at %s: %s", self.path, exc)
            self._failed = True
            return
        self.sent.append(message)


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]
