"""The one error sink and the supervised task loop: every error is counted and logged with its
place; a task that keeps failing the same way logs its traceback once, then one line each."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.errors import AuthError
from bot.supervise import TRACEBACK_EVERY_S, ErrorSink, supervised


class Boom(Exception):
    pass


def fail(message: str) -> Boom:
    try:
        raise Boom(message)
    except Boom as exc:
        return exc


def test_each_report_is_counted_logged_and_heard(caplog: pytest.LogCaptureFixture) -> None:
    heard: list[tuple[str, str]] = []
    sink = ErrorSink(listeners=[lambda where, exc: heard.append((where, str(exc)))])
    sink.report("replies.poll", fail("first"))
    sink.report("jobs.evaluate", fail("second"))
    sink.report("replies.poll", fail("third"))
    assert sink.counts == {"replies.poll": 2, "jobs.evaluate": 1} and sink.total == 3
    assert sink.last["replies.poll"] == "Boom: third"
    assert heard == [
        ("replies.poll", "first"),
        ("jobs.evaluate", "second"),
        ("replies.poll", "third"),
    ]
    assert [r.levelno for r in caplog.records] == [logging.ERROR] * 3


def test_a_broken_listener_does_not_hide_the_error(caplog: pytest.LogCaptureFixture) -> None:
    def broken(where: str, exc: BaseException) -> None:
        raise RuntimeError("listener bug")

    heard: list[str] = []
    sink = ErrorSink(listeners=[broken, lambda where, exc: heard.append(where)])
    sink.report("ingest", fail("x"))
    assert heard == ["ingest"] and sink.counts["ingest"] == 1
    assert "ingest failed (1 so far): Boom: x" in caplog.text
    assert "error listener failed" in caplog.text


def test_the_same_failure_again_logs_one_line_and_its_traceback_once_an_hour(
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = [1000.0]
    sink = ErrorSink(clock=lambda: now[0])
    for step in (0.0, 5.0, 5.0):
        now[0] += step
        sink.report("db-probe", fail("database is away"))
    sink.report("db-probe", ValueError("another kind"))  # a new kind: its own traceback
    sink.report("replies", fail("elsewhere"))  # another place: its own traceback
    now[0] += TRACEBACK_EVERY_S
    sink.report("db-probe", fail("still away an hour later"))
    traced = [r.exc_info is not None for r in caplog.records]
    assert traced == [True, False, False, True, True, True]
    assert caplog.records[1].getMessage().endswith("(traceback as logged before)")
    assert all("database is away" in r.getMessage() for r in caplog.records[:3])
    assert sink.counts["db-probe"] == 5


async def test_a_failing_task_is_restarted_and_a_clean_end_ends_it() -> None:
    runs: list[int] = []

    async def flaky() -> None:
        runs.append(len(runs))
        if len(runs) < 3:
            raise Boom(f"run {len(runs)}")

    sink, fatal = ErrorSink(), []
    await asyncio.wait_for(
        supervised("flaky", flaky, sink, on_fatal=fatal.append, backoff_cap_s=0.01), 5
    )
    assert runs == [0, 1, 2] and sink.counts["flaky"] == 2 and fatal == []


async def test_an_error_a_restart_cannot_fix_ends_the_service() -> None:
    calls: list[int] = []

    async def refused() -> None:
        calls.append(1)
        raise AuthError("login refused")

    sink, fatal = ErrorSink(), []
    await asyncio.wait_for(supervised("login", refused, sink, on_fatal=fatal.append), 5)
    assert calls == [1] and [type(e) for e in fatal] == [AuthError]
    assert sink.counts["login"] == 1
