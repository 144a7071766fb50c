"""Where the service keeps its own files: the key, the session (tokens) and, by default, the
SQLite database. systemd's $STATE_DIRECTORY when set (systemd makes it, private to the
service), else `./state`: one folder, ignored by git and created 0700, so that a `git add .`
in a checkout publishes no tokens. Files an older version left in the working directory are
moved in, so an upgrade neither loses the key (every stored digest depends on it) nor logs in
again.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

LOCAL_STATE = Path("state")
KEY_FILE = "nudgebot.key"
SESSION_FILE = "nudgebot.session"
DATABASE_FILE = "nudgebot.db"
_DATABASE_FILES = tuple(DATABASE_FILE + tail for tail in ("", "-wal", "-shm", "-journal"))


def state_dir(state_directory: str | None) -> Path:
    return Path(state_directory) if state_directory else LOCAL_STATE


def prepare_local_state(state_directory: str | None, *, default_database: bool) -> None:
    """Make `./state` (0700) and move the old layout's files into it. `default_database`:
    the database is the default SQLite file (an explicit DATABASE_URL is left where it is)."""
    if state_directory:
        return  # systemd's to make and to keep private
    LOCAL_STATE.mkdir(mode=0o700, exist_ok=True)
    LOCAL_STATE.chmod(0o700)  # also when it was made by hand, or by a umask-ed mkdir
    names = (KEY_FILE, SESSION_FILE) + (_DATABASE_FILES if default_database else ())
    for name in names:
        old, new = Path(name), LOCAL_STATE / name
        if old.is_file() and not new.exists():
            os.replace(old, new)
            log.warning("moved ./%s into ./%s/ (local state lives there now)", name, LOCAL_STATE)
