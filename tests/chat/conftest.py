"""Shared fixtures of the chat client tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.chat.fake_chat import FakeChat


@pytest.fixture
async def fake() -> AsyncIterator[FakeChat]:
    """Our fake chat service over HTTP on loopback, stopped after the test."""
    server = await FakeChat().start()
    try:
        yield server
    finally:
        await server.stop()
