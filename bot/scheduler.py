"""APScheduler 3.x triggers the jobs live; it reads the wall clock itself, so replay never
uses it (replay calls the same job functions from its simulated clock)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_MAX_INSTANCES,
    EVENT_JOB_MISSED,
    JobExecutionEvent,
)
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import Clock
from bot.supervise import ErrorSink

log = logging.getLogger(__name__)

Job = Callable[[int], Awaitable[Any]]


class JobMissed(RuntimeError):
    """APScheduler skipped a run (the previous one was still going, or the loop was blocked)."""


@dataclass(frozen=True, slots=True)
class Schedule:
    name: str
    job: Job
    every_seconds: float


def build_scheduler(schedules: list[Schedule], clock: Clock, sink: ErrorSink) -> AsyncIOScheduler:
    """One interval job per schedule; errors and misses go to the sink, never lost."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    for schedule in schedules:
        scheduler.add_job(
            _bind(schedule.job, clock),
            "interval",
            seconds=schedule.every_seconds,
            id=schedule.name,
            name=schedule.name,
            # a late run is still worth running once; several missed runs collapse into one
            misfire_grace_time=None,
            coalesce=True,
            max_instances=1,
        )

    def on_event(event: JobExecutionEvent) -> None:
        if event.code == EVENT_JOB_ERROR and event.exception is not None:
            sink.report(f"job:{event.job_id}", event.exception)
        elif event.code in (EVENT_JOB_MISSED, EVENT_JOB_MAX_INSTANCES):
            sink.report(
                f"job:{event.job_id}", JobMissed(f"run at {event.scheduled_run_time} skipped")
            )

    scheduler.add_listener(on_event, EVENT_JOB_ERROR | EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES)
    return scheduler


def _bind(job: Job, clock: Clock) -> Callable[[], Awaitable[Any]]:
    async def run() -> Any:
        return await job(clock.now_us())

    run.__name__ = getattr(job, "__name__", "job")
    return run
