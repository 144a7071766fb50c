"""The secret key of the keyed DID digests (bot/store/digest.py), kept beside the database
but not in it: a copy of the database alone does not tell whom its tombstones are about."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from bot.errors import ConfigError
from bot.store.keycheck import KeyCheck, settle_key_check

if TYPE_CHECKING:
    from bot.store import Store

log = logging.getLogger(__name__)

KEY_BYTES = 32


def load_or_create_key(path: Path) -> bytes:
    """The key in `path`, created (mode 0600) on first use. A key others can read is refused."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(KEY_BYTES))
        handle.flush()
        os.fsync(handle.fileno())
    return _read(path)


def _read(path: Path) -> bytes:
    if path.stat().st_mode & 0o077:
        raise ConfigError(f"{path} is readable by others: chmod 600 it (it holds a secret key)")
    text = path.read_text().strip()
    if len(text) < 32:
        raise ConfigError(f"{path} does not hold a key (delete it to make a new one)")
    return text.encode()


def read_key(path: Path) -> bytes:
    """The existing key, never a new one (operator commands must use the service's key)."""
    if not path.is_file():
        raise ConfigError(
            f"no key at {path}: run this with the service's STATE_DIRECTORY (the keyed digests "
            "of tombstones need the same key)"
        )
    return _read(path)


async def verify_key(store: Store, path: Path, now_us: int, *, record: bool = True) -> None:
    """Refuse a key the database's digests were not made with: a lost `nudgebot.key` that was
    silently made anew would sign up and welcome again everyone who said stop. The first start
    records the key's check value, also over digests laid before check values existed."""
    found = await settle_key_check(store.engine, store.digest, now_us, record=record)
    if found is KeyCheck.MISMATCH:
        raise ConfigError(
            f"{path} is not the key this database's tombstones were made with: restore the "
            f"nudgebot.key it was used with (from a backup of {path.parent}) and start again"
        )
    if found is KeyCheck.RECORDED_OVER_DIGESTS:
        log.warning(
            "recorded the check value of %s over tombstones and welcomes laid without one: "
            "from now on only this key is accepted (keep a backup of it)",
            path,
        )
    elif found is KeyCheck.RECORDED:
        log.info("recorded the check value of %s: keep a backup of the key", path)
