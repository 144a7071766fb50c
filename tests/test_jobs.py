"""Jobs over a real SQLite store: the check-in after ignored nudges, end to end with the outbox."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.aggregates import Aggregates
from bot.clock import US_PER_DAY, US_PER_HOUR
from bot.jobs import EvaluationReport, Jobs
from bot.outbox import Outbox, SendSettings
from bot.policy import PolicySettings
from bot.store import IngestBatch, OptIn, OutboxItem, PersonRow, Store

T0 = 1_785_585_600_000_000  # 2026-08-01T12:00Z, inside the default hours
ALICE = "did:plc:alice"


class Recorder:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def send(self, item: OutboxItem, person: PersonRow, now_us: int) -> str | None:
        self.sent.append((item.kind, item.text))
        return None


def no_next(_: Aggregates) -> int | None:
    return None


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path}/j.db") as opened:
        await opened.migrate()
        await opened.apply(IngestBatch(opt_ins={ALICE: OptIn(ALICE, "f1", T0)}), T0, no_next)
        await opened.update_person(ALICE, tz_name="UTC")
        yield opened


async def due_now(store: Store, at: int) -> None:
    async with store.engine.begin() as conn:
        from sqlalchemy import update

        from bot.store.models import people

        await conn.execute(update(people).values(next_eval_us=at))


@pytest.mark.parametrize(("ignored", "expected"), [(2, []), (3, ["checkin"])])
async def test_a_check_in_after_ignored_nudges_then_a_pause(
    store: Store, ignored: int, expected: list[str]
) -> None:
    for _ in range(ignored):
        await store.note_nudge_sent(ALICE)
    recorder = Recorder()
    settings = PolicySettings()
    jobs = Jobs(store, Outbox(store, recorder, SendSettings(), "w", hours=settings), settings)
    await due_now(store, T0)
    await jobs.tick(T0)
    assert [kind for kind, _ in recorder.sent] == expected
    person = await store.person(ALICE)
    assert person is not None
    if expected:
        assert person.paused_until_us == T0 + 90 * US_PER_DAY
        assert person.next_eval_us == person.paused_until_us
        await due_now(store, T0 + US_PER_HOUR)  # paused: nothing more, no second check-in
        await jobs.tick(T0 + US_PER_HOUR)
        assert len(recorder.sent) == 1
    else:
        assert person.paused_until_us is None


async def test_the_check_in_waits_for_daytime_even_though_the_pause_started(
    store: Store,
) -> None:
    for _ in range(3):
        await store.note_nudge_sent(ALICE)
    recorder = Recorder()
    settings = PolicySettings()
    jobs = Jobs(store, Outbox(store, recorder, SendSettings(), "w", hours=settings), settings)
    night = T0 + 12 * US_PER_HOUR  # 00:00 UTC
    await due_now(store, night)
    await jobs.tick(night)
    assert recorder.sent == []
    morning = T0 + 22 * US_PER_HOUR  # 10:00 UTC
    await jobs.send(morning)
    assert [kind for kind, _ in recorder.sent] == ["checkin"]


async def test_evaluation_reports_the_queued_nudges_by_kind(store: Store) -> None:
    for _ in range(3):
        await store.note_nudge_sent(ALICE)  # a check-in is due
    settings = PolicySettings()
    jobs = Jobs(store, Outbox(store, Recorder(), SendSettings(), "w", hours=settings), settings)
    reports: list[EvaluationReport] = []
    jobs.on_evaluated = reports.append
    await due_now(store, T0)
    report = await jobs.evaluate(T0)
    assert reports == [report]
    assert (report.examined, report.queued, dict(report.kinds)) == (1, 1, {"checkin": 1})


async def test_the_scheduled_evaluation_runs_only_when_someone_is_due(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    for _ in range(3):
        await store.note_nudge_sent(ALICE)  # a check-in is what evaluation would queue
    recorder = Recorder()
    settings = PolicySettings()
    jobs = Jobs(store, Outbox(store, recorder, SendSettings(), "w", hours=settings), settings)
    reports: list[EvaluationReport] = []
    jobs.on_evaluated = reports.append
    await due_now(store, T0 + US_PER_HOUR)
    assert await jobs.evaluate_due(T0) is None and reports == []  # not due yet: not even read
    caplog.set_level("INFO", "bot.jobs")
    report = await jobs.evaluate_due(T0 + US_PER_HOUR)
    assert report is not None and (report.examined, report.queued) == (1, 1)
    assert reports == [report] and "evaluated 1 people, 1 nudges queued" in caplog.text
    assert recorder.sent == []  # it only decides; the send loop sends
