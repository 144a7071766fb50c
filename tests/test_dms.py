"""Which claim holders count as stopped processes of this host."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from bot.dms import _is_dead_local


def test_only_stopped_processes_of_this_host_are_dead() -> None:
    host = socket.gethostname()
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    gone = int(done.stdout)
    assert _is_dead_local(f"{host}:{gone}", host)
    assert not _is_dead_local(f"{host}:{os.getpid()}", host)  # ourselves
    assert not _is_dead_local(f"{host}:1", host)  # alive (init)
    assert not _is_dead_local(f"elsewhere:{gone}", host)  # another machine's: its lease holds
    assert not _is_dead_local("replay", host)
