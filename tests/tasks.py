"""Stopping background tasks in tests: cancel and wait, so nothing of theirs still runs while
the fixtures close the store under them."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any


async def stop(task: asyncio.Task[Any]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
