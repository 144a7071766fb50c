"""Metrics: the hooks count what the core reports, gauges read the service when scraped, and
`/metrics` and `/healthz` answer over a tiny asyncio HTTP server."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.errors import PermanentError, RateLimited, TransientError, UnreachableRecipient
from bot.health import Health
from bot.jobs import EvaluationReport
from bot.metrics import Metrics, MetricsServer, MetricsServerError, Readings, dm_error_reason
from bot.shared import IngestOutcome, TransportState

T0 = 100.0
ALIVE = TransportState("relay", True, T0, 40.0)


def samples(metrics: Metrics) -> dict[tuple[str, str], float]:
    found: dict[tuple[str, str], float] = {}
    for family in text_string_to_metric_families(metrics.exposition().decode()):
        for sample in family.samples:
            label = next(iter(sample.labels.values()), "")
            found[(sample.name, label)] = sample.value
    return found


def fresh_health(firehose: TransportState = ALIVE) -> Health:
    return Health(lambda: firehose, clock=lambda: T0)


async def test_hooks_count_what_the_core_reports() -> None:
    metrics = Metrics()
    await metrics.on_flushed(
        IngestOutcome(welcomed=["did:plc:a"], kinds=Counter(PostCreated=3, FollowCreated=1))
    )
    await metrics.on_flushed(IngestOutcome(kinds=Counter(PostCreated=2)))
    metrics.on_evaluated(EvaluationReport(examined=9, queued=3, kinds=Counter(quiet=2, checkin=1)))
    metrics.on_dm("welcome", "sent", None)
    metrics.on_dm("quiet", "sent", None)
    metrics.on_dm("quiet", "failed", UnreachableRecipient("did:plc:b", "MessagesDisabled"))
    metrics.on_dm("quiet", "retried", RateLimited(retry_after=5))
    metrics.on_dm("quiet", "cancelled", None)  # not an error
    metrics.on_error("ingest.commit", OSError("down"))
    metrics.on_error("ingest.commit", OSError("down"))
    got = samples(metrics)
    assert got[("nudgebot_events_ingested_total", "PostCreated")] == 5
    assert got[("nudgebot_events_ingested_total", "FollowCreated")] == 1
    assert got[("nudgebot_nudges_queued_total", "welcome")] == 1
    assert got[("nudgebot_nudges_queued_total", "quiet")] == 2
    assert got[("nudgebot_nudges_queued_total", "checkin")] == 1
    assert got[("nudgebot_dms_sent_total", "welcome")] == 1
    assert got[("nudgebot_dms_sent_total", "quiet")] == 1
    assert got[("nudgebot_dm_errors_total", "MessagesDisabled")] == 1
    assert got[("nudgebot_dm_errors_total", "RateLimited")] == 1
    assert sum(v for (name, _), v in got.items() if name == "nudgebot_dm_errors_total") == 2
    assert got[("nudgebot_task_errors_total", "ingest.commit")] == 2


async def test_gauges_read_the_service_when_scraped() -> None:
    metrics = Metrics()
    queue: asyncio.Queue[int] = asyncio.Queue()
    state = {"lag": 2.5, "opted": 4, "dials": 7, "healthy": True}
    metrics.read(
        Readings(
            queue_depth=queue.qsize,
            lag_s=lambda: float(state["lag"]),
            opted_in=lambda: int(state["opted"]),
            reconnects=lambda: int(state["dials"]),
            healthy=lambda: bool(state["healthy"]),
        )
    )
    queue.put_nowait(1)
    got = samples(metrics)
    assert got[("nudgebot_queue_depth", "")] == 1
    assert got[("nudgebot_firehose_lag_seconds", "")] == 2.5
    assert got[("nudgebot_opted_in_people", "")] == 4
    assert got[("nudgebot_firehose_reconnects_total", "")] == 7
    assert got[("nudgebot_healthy", "")] == 1
    state.update(lag=0.0, healthy=False)
    queue.put_nowait(2)
    got = samples(metrics)
    assert got[("nudgebot_queue_depth", "")] == 2 and got[("nudgebot_healthy", "")] == 0
    assert ("nudgebot_dms_held_seconds", "") not in got  # not wired: no gauge


def test_the_dm_hold_is_a_gauge_when_wired() -> None:
    metrics = Metrics()
    held = {"s": 12.5}
    metrics.read(
        Readings(
            queue_depth=lambda: 0,
            lag_s=lambda: 0.0,
            opted_in=lambda: 0,
            reconnects=lambda: 0,
            healthy=lambda: True,
            dms_held_s=lambda: held["s"],
        )
    )
    assert samples(metrics)[("nudgebot_dms_held_seconds", "")] == 12.5
    held["s"] = 0.0
    assert samples(metrics)[("nudgebot_dms_held_seconds", "")] == 0.0


def test_each_metrics_has_its_own_registry() -> None:
    one, two = Metrics(), Metrics()
    one.on_dm("welcome", "sent", None)
    assert ("nudgebot_dms_sent_total", "welcome") not in samples(two)


def named(error: PermanentError, name: str) -> PermanentError:
    error.error_name = name
    return error


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (UnreachableRecipient("did:plc:x", "RecipientNotFound"), "RecipientNotFound"),
        (named(PermanentError("bad"), "InvalidConvo"), "InvalidConvo"),
        (TransientError("timeout"), "TransientError"),
        (RuntimeError("bug"), "RuntimeError"),
    ],
)
def test_dm_error_reasons_are_bounded_labels(error: Exception, reason: str) -> None:
    assert dm_error_reason(error) == reason


@pytest.mark.parametrize(
    ("method", "path", "status", "body_start"),
    [
        ("GET", "/healthz", 200, b"ok\n"),
        ("HEAD", "/healthz?verbose=1", 200, b"ok\n"),
        ("GET", "/metrics", 200, b"# HELP"),
        ("GET", "/", 404, b"not found"),
        ("POST", "/healthz", 405, b"only GET"),
    ],
)
def test_routes(method: str, path: str, status: int, body_start: bytes) -> None:
    server = MetricsServer(Metrics(), fresh_health(), clock=lambda: T0)
    got_status, kind, body = server.respond(method, path)
    assert (got_status, body[: len(body_start)]) == (status, body_start)
    assert kind.startswith("text/plain")


def test_healthz_says_starting_until_health_is_wired() -> None:
    server = MetricsServer(Metrics())
    assert server.respond("GET", "/healthz") == (503, "text/plain; charset=utf-8", b"starting\n")
    server.health = fresh_health()
    server.clock = lambda: T0
    assert server.respond("GET", "/healthz")[0] == 200


def test_healthz_is_503_with_one_reason_per_line() -> None:
    down = TransportState("relay", False, T0 - 100, 40.0)
    health = fresh_health(down)
    health.db_failed("ConnectionRefusedError: refused")
    status, _, body = MetricsServer(Metrics(), health, clock=lambda: T0).respond("GET", "/healthz")
    lines = body.decode().splitlines()
    assert status == 503
    assert [line.split(":")[0] for line in lines] == ["firehose", "database"]


@pytest.fixture
async def served() -> AsyncIterator[MetricsServer]:
    server = await MetricsServer(Metrics(), fresh_health(), clock=lambda: T0).start("127.0.0.1", 0)
    try:
        yield server
    finally:
        await server.stop()


async def ask(port: int, request: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        async with asyncio.timeout(10):
            return await reader.read()  # the server closes after one answer
    finally:
        writer.close()
        await writer.wait_closed()


@pytest.mark.loopback
async def test_http_answers_and_closes(served: MetricsServer) -> None:
    answer = await ask(served.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK\r\n") and b"Content-Length: 3" in head
    assert body == b"ok\n"
    metrics = await ask(served.port, b"GET /metrics HTTP/1.0\r\n\r\n")
    assert b"nudgebot_dms_sent" in metrics
    head_only = await ask(served.port, b"HEAD /metrics HTTP/1.1\r\n\r\n")
    assert head_only.endswith(b"\r\n\r\n")


@pytest.mark.loopback
@pytest.mark.parametrize(
    "request_bytes",
    [b"GET /" + b"a" * 10_000 + b" HTTP/1.1\r\n\r\n", b"nonsense\r\n\r\n", b"GET / HTTP/1.1\r\n"],
    ids=["too-long", "garbage", "cut-short"],
)
async def test_bad_requests_get_400(served: MetricsServer, request_bytes: bytes) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", served.port)
    try:
        writer.write(request_bytes)
        await writer.drain()
        if request_bytes.endswith(b"HTTP/1.1\r\n"):
            writer.write_eof()  # the client gave up mid-request
        async with asyncio.timeout(10):
            answer = await reader.read()
    finally:
        writer.close()
        await writer.wait_closed()
    assert answer.startswith(b"HTTP/1.1 400 Bad Request")


@pytest.mark.loopback
async def test_a_port_in_use_is_one_clear_error(served: MetricsServer) -> None:
    with pytest.raises(MetricsServerError) as caught:
        await MetricsServer(Metrics(), fresh_health()).start("127.0.0.1", served.port)
    message = str(caught.value)
    assert f"127.0.0.1:{served.port}" in message and "METRICS_ADDR" in message
    assert "\n" not in message
