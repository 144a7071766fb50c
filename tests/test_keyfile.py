"""The digest key file: created private, read back, refused when others can read it."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.keyfile import load_or_create_key


def test_created_once_private_and_stable(tmp_path: Path) -> None:
    path = tmp_path / "nudgebot.key"
    first = load_or_create_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(first) == 64
    assert load_or_create_key(path) == first


def test_a_readable_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nudgebot.key"
    load_or_create_key(path)
    path.chmod(0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        load_or_create_key(path)


def test_an_empty_key_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nudgebot.key"
    path.write_text("")
    path.chmod(0o600)
    with pytest.raises(ConfigError, match="does not hold a key"):
        load_or_create_key(path)
