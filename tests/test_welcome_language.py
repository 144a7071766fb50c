"""The welcome waits (briefly) for the history read and is written in the language it tells
(issue 24 item 3): pipeline, store and outbox together over a real SQLite store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.classify import PromoVerdict
from bot.clock import US_PER_SECOND
from bot.events import ActivityKind, FollowCreated, HistoryLoaded, PostCreated
from bot.messages import catalog_for
from bot.outbox import Outbox, SendSettings
from bot.pipeline import Pipeline
from bot.policy import DmKind, PolicySettings
from bot.store import OutboxItem, PersonRow, Store

T0 = 1_785_585_600_000_000
BOT, ANA = "did:plc:thebot", "did:plc:ana"
WAIT = 5 * US_PER_SECOND


class Said:
    def __init__(self) -> None:
        self.texts: list[str] = []

    async def send(self, item: OutboxItem, person: PersonRow, now_us: int) -> str | None:
        self.texts.append(item.text)
        return None


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path}/w.db") as opened:
        await opened.migrate()
        yield opened


def welcomes(language: str) -> set[str]:
    catalog = catalog_for(language)
    variants = catalog.variants[DmKind.WELCOME]
    return {catalog.text(DmKind.WELCOME, i, None) for i in range(len(variants))}


def spanish_posts(count: int) -> list[PostCreated]:
    return [
        PostCreated(ANA, T0 - (i + 1) * 1000, f"3l{i:011d}", ActivityKind.POST, {}, language="es")
        for i in range(count)
    ]


async def rig(store: Store) -> tuple[Pipeline, Outbox, Said]:
    pipeline = Pipeline(
        store, BOT, lambda r: PromoVerdict(0.0, False), PolicySettings(), welcome_wait_us=WAIT
    )
    await pipeline.start()
    said = Said()
    return pipeline, Outbox(store, said, SendSettings(), worker="t"), said


async def test_the_welcome_waits_for_the_history_and_speaks_its_language(store: Store) -> None:
    pipeline, outbox, said = await rig(store)
    outcome = await pipeline.ingest([FollowCreated(ANA, T0, "f1", BOT)], T0)
    assert outcome.welcomed == [ANA] and outcome.histories == []
    assert (await outbox.send_due(T0 + 100)).sent == 0  # waiting for the history read
    read = [*reversed(spanish_posts(4)), HistoryLoaded(ANA, T0 + 300_000, 4)]
    outcome = await pipeline.ingest(read, T0 + 300_000)
    assert outcome.histories == [ANA]  # the service wakes its send loop on this
    assert (await outbox.send_due(T0 + 300_000)).sent == 1
    [text] = said.texts
    assert text in welcomes("es") and text not in welcomes("en")


async def test_without_a_history_the_welcome_goes_after_the_wait_in_english(
    store: Store,
) -> None:
    pipeline, outbox, said = await rig(store)
    await pipeline.ingest([FollowCreated(ANA, T0, "f1", BOT)], T0)
    assert (await outbox.send_due(T0 + WAIT - 1)).sent == 0
    assert (await outbox.send_due(T0 + WAIT)).sent == 1
    assert said.texts[0] in welcomes("en")
