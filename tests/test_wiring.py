"""The hooks after each commit run in one fixed order, whatever order they were set in; a hook
not set yet (its part not started) is skipped."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.shared import IngestOutcome
from bot.wiring import AfterCommit


def recording(name: str, calls: list[str]) -> Callable[[IngestOutcome], Awaitable[None]]:
    async def hook(outcome: IngestOutcome) -> None:
        calls.append(f"{name}:{outcome.activities}")

    return hook


async def test_the_hooks_run_in_their_fixed_order_whatever_order_they_were_set_in() -> None:
    calls: list[str] = []
    after = AfterCommit()
    after.metrics = recording("metrics", calls)
    after.history = recording("history", calls)
    after.send = recording("send", calls)
    after.source = recording("source", calls)
    await after(IngestOutcome(activities=2))
    assert calls == ["source:2", "send:2", "history:2", "metrics:2"]


async def test_hooks_not_set_yet_are_skipped() -> None:
    calls: list[str] = []
    after = AfterCommit(source=recording("source", calls))
    await after(IngestOutcome(activities=1))
    after.history = recording("history", calls)
    await after(IngestOutcome(activities=2))
    assert calls == ["source:1", "source:2", "history:2"]
