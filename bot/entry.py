"""The process's entry point (`nudgebot` and `python -m bot`), kept tiny on purpose.

systemd may stop the service at any moment, also while Python is still importing the bot: a
SIGTERM then would kill it by the signal (status -15) although nothing has started that needs
draining. So `run` exits 0 on SIGTERM from its first line until the service installs its own
handler (bot/app.py), which drains and saves.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType


def stop_cleanly_until_started() -> None:
    signal.signal(signal.SIGTERM, _exit_cleanly)


def _exit_cleanly(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)


def main() -> int:
    if "run" in sys.argv[1:]:
        stop_cleanly_until_started()
    from bot.cli import main as cli_main  # the imports a stop may interrupt

    return cli_main()
