"""The digest key's check value, on every backend: a first start records it, the same key
matches, another key is refused with one line naming the key file, and a database that holds
digests from before check values existed gets the value of the key it is started with."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.keyfile import verify_key
from bot.store import Store
from bot.store.digest import DidHasher
from bot.store.keycheck import KeyCheck, settle_key_check
from bot.store.tombstones import lay

KEY = b"a" * 64
OTHER = b"b" * 64
T0 = 1_785_585_600_000_000
ALICE = "did:plc:alicekeycheckxxxxxxxxx"


async def test_first_start_records_and_the_same_key_matches(store: Store) -> None:
    assert await settle_key_check(store.engine, DidHasher(KEY), T0) is KeyCheck.RECORDED
    assert await settle_key_check(store.engine, DidHasher(KEY), T0 + 1) is KeyCheck.MATCHES


async def test_a_fresh_key_is_refused_with_one_line(store: Store, tmp_path: Path) -> None:
    await settle_key_check(store.engine, DidHasher(KEY), T0)
    store.digest = DidHasher(OTHER)  # nudgebot.key was lost and made anew
    key_path = tmp_path / "state" / "nudgebot.key"
    with pytest.raises(ConfigError) as refused:
        await verify_key(store, key_path, T0 + 1)
    message = str(refused.value)
    assert "\n" not in message and str(key_path) in message and "restore" in message


async def test_tombstones_without_a_check_value_get_one_on_first_start(
    store: Store, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store.digest = DidHasher(KEY)
    async with store.engine.begin() as conn:
        await lay(conn, ALICE, "rkey1", "stop", T0, store.digest)
    with caplog.at_level(logging.WARNING, logger="bot.keyfile"):
        await verify_key(store, tmp_path / "nudgebot.key", T0)
    assert "recorded the check value" in caplog.text
    assert await settle_key_check(store.engine, DidHasher(KEY), T0) is KeyCheck.MATCHES
    assert await settle_key_check(store.engine, DidHasher(OTHER), T0) is KeyCheck.MISMATCH


async def test_the_check_value_does_not_name_the_key(store: Store) -> None:
    await settle_key_check(store.engine, DidHasher(KEY), T0)
    value = await store.get_marker("digest_key_check")
    assert value is not None and KEY.decode() not in value and len(value) == 64
