"""The database URL: the default SQLite file, and the spellings accepted for DATABASE_URL.

Settings (bot/config.py) resolve the URL with these and the store (bot/store/engine.py) opens
it; they live here, below both, so that settings do not depend on the database adapter.
"""

from __future__ import annotations

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.errors import ConfigError
from bot.statedir import DATABASE_FILE, state_dir

_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "postgresql": "postgresql+asyncpg",
    "postgres": "postgresql+asyncpg",
}


def default_database_url(state_directory: str | None) -> str:
    """SQLite under systemd's $STATE_DIRECTORY when set, else in ./state (bot/statedir.py)."""
    return f"sqlite+aiosqlite:///{(state_dir(state_directory) / DATABASE_FILE).as_posix()}"


def normalize_url(url: str) -> str:
    """Accept the usual spellings (`postgres://`, `sqlite:///x.db`) and pick the async driver."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"DATABASE_URL is not a database URL: {exc}") from None
    backend = parsed.get_backend_name()
    if backend == "postgres":  # the common libpq spelling
        backend = "postgresql"
        parsed = parsed.set(drivername="postgresql")
    if backend not in ("sqlite", "postgresql"):
        raise ConfigError(f"DATABASE_URL must be sqlite or postgresql, not {backend!r}")
    if "+" not in parsed.drivername:
        parsed = parsed.set(drivername=_DRIVERS[parsed.drivername])
    return parsed.render_as_string(hide_password=False)
