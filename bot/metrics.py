"""Prometheus metrics and `/healthz` on METRICS_ADDR: a thin layer the App wires to hooks.

The core never imports prometheus: it offers hooks (the ingest loop's flushed outcome, the
outbox's per-row result, the jobs' evaluation report, the ErrorSink's listeners) and this
module counts what they say. Gauges that are a property of the running service (queue depth,
lag, opted-in people, reconnects) are read when scraped, not pushed.

Each `Metrics` has its own CollectorRegistry (never the global one), so two apps in one
process — tests — do not collide.

The HTTP side is a few lines over `asyncio.start_server` rather than prometheus_client's
threaded server: `/healthz` must answer from the loop it vouches for (a wedged loop must not
look healthy from a side thread), and it needs no thread-safety around the health stamps.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.core import CounterMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.registry import Collector

from bot.errors import NudgebotError, UnreachableRecipient
from bot.health import Health
from bot.jobs import EvaluationReport
from bot.policy import DmKind
from bot.shared import IngestOutcome

log = logging.getLogger(__name__)

REQUEST_BYTES = 8192  # a scrape or a probe is one short GET; anything longer is refused
REQUEST_TIMEOUT_S = 5.0


class _Reconnects(Collector):
    """Firehose reconnects, read from the source's dial counts when scraped."""

    def __init__(self, reconnects: Callable[[], int]) -> None:
        self._reconnects = reconnects

    def collect(self) -> Iterable[Metric]:
        family = CounterMetricFamily(
            "nudgebot_firehose_reconnects", "Firehose websocket dials beyond each first one"
        )
        family.add_metric([], float(self._reconnects()))
        yield family


@dataclass(frozen=True, slots=True)
class Readings:
    """What the gauges read at scrape time (callables into the running service)."""

    queue_depth: Callable[[], int]
    lag_s: Callable[[], float]
    opted_in: Callable[[], int]
    reconnects: Callable[[], int]
    healthy: Callable[[], bool]
    dms_held_s: Callable[[], float] | None = None  # bot/catchup.py: 0 while DMs may go out


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.events = Counter(
            "nudgebot_events_ingested", "Events committed, by type", ["kind"], registry=r
        )
        self.queued = Counter(
            "nudgebot_nudges_queued", "DMs put in the outbox, by kind", ["kind"], registry=r
        )
        self.sent = Counter("nudgebot_dms_sent", "DMs sent, by kind", ["kind"], registry=r)
        self.dm_errors = Counter(
            "nudgebot_dm_errors", "DM sends that failed or were put off, by reason", ["reason"],
            registry=r,
        )  # fmt: skip
        self.withheld = Counter(
            "nudgebot_answers_withheld", "Answers to people not said, by cap (hourly, daily, "
            "stranger, budget)", ["reason"], registry=r,
        )  # fmt: skip
        self.urgent = Gauge(
            "nudgebot_inbox_urgent", "Inbox entries triaged crisis that wait for a human",
            registry=r,
        )  # fmt: skip
        self.task_errors = Counter(
            "nudgebot_task_errors", "Errors reported to the ErrorSink, by task", ["task"],
            registry=r,
        )  # fmt: skip

    def read(self, readings: Readings) -> None:
        """Register the scrape-time gauges (once the service's parts exist)."""
        r = self.registry
        gauges = [
            ("nudgebot_queue_depth", "Items waiting on the ingest queue", readings.queue_depth),
            ("nudgebot_firehose_lag_seconds", "Now minus the newest firehose event committed "
             "(at its commit)", readings.lag_s),
            ("nudgebot_opted_in_people", "People opted in", readings.opted_in),
            ("nudgebot_healthy", "1 while /healthz says ok", lambda: float(readings.healthy())),
        ]  # fmt: skip
        if readings.dms_held_s is not None:
            doc = "How long DMs have waited for the firehose to catch up (0: sending)"
            gauges.append(("nudgebot_dms_held_seconds", doc, readings.dms_held_s))
        for name, doc, read in gauges:
            Gauge(name, doc, registry=r).set_function(read)
        r.register(_Reconnects(readings.reconnects))

    # -- hooks the App wires ---------------------------------------------------------------

    async def on_flushed(self, outcome: IngestOutcome) -> None:
        for kind, count in outcome.kinds.items():
            self.events.labels(kind).inc(count)
        if outcome.welcomed:
            self.queued.labels(DmKind.WELCOME).inc(len(outcome.welcomed))

    def on_evaluated(self, report: EvaluationReport) -> None:
        for kind, count in report.kinds.items():
            self.queued.labels(kind).inc(count)

    def on_dm(self, kind: DmKind, result: str, error: Exception | None) -> None:
        if result == "sent":
            self.sent.labels(kind).inc()
        elif error is not None:
            self.dm_errors.labels(dm_error_reason(error)).inc()

    def on_answer_withheld(self, reason: str) -> None:
        self.withheld.labels(reason).inc()

    def on_urgent(self, waiting: int) -> None:
        self.urgent.set(waiting)

    def on_error(self, where: str, exc: BaseException) -> None:
        self.task_errors.labels(where).inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


def dm_error_reason(error: Exception) -> str:
    """A bounded label: the chat service's reason or error name, else the error's type."""
    if isinstance(error, UnreachableRecipient):
        return error.reason
    if isinstance(error, NudgebotError) and error.error_name:
        return error.error_name
    return type(error).__name__


class MetricsServerError(NudgebotError):
    """METRICS_ADDR cannot be served (the port is taken, the address is not ours)."""


class MetricsServer:
    """GET /metrics (Prometheus text) and GET /healthz (200 ok / 503 with the reasons)."""

    def __init__(
        self,
        metrics: Metrics,
        health: Health | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.metrics = metrics
        self.health = health  # None while starting: the port is bound first, to fail early
        self.clock = clock
        self._server: asyncio.Server | None = None

    @property
    def port(self) -> int:
        assert self._server is not None
        port: int = self._server.sockets[0].getsockname()[1]
        return port

    async def start(self, host: str, port: int) -> MetricsServer:
        try:
            self._server = await asyncio.start_server(self._serve, host, port, limit=REQUEST_BYTES)
        except OSError as exc:
            raise MetricsServerError(
                f"cannot serve metrics on {host}:{port} (METRICS_ADDR): {exc.strerror or exc}"
            ) from None
        log.info("metrics and /healthz on http://%s:%d", host, self.port)
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    def respond(self, method: str, path: str) -> tuple[int, str, bytes]:
        """(status, content type, body) for one request."""
        if method not in ("GET", "HEAD"):
            return 405, "text/plain", b"only GET\n"
        path = path.split("?", 1)[0]
        if path == "/metrics":
            return 200, CONTENT_TYPE_LATEST, self.metrics.exposition()
        if path == "/healthz":
            if self.health is None:
                return 503, "text/plain; charset=utf-8", b"starting\n"
            ok, reasons = self.health.check(self.clock())
            if ok:
                return 200, "text/plain; charset=utf-8", b"ok\n"
            return 503, "text/plain; charset=utf-8", "".join(f"{r}\n" for r in reasons).encode()
        return 404, "text/plain", b"not found: try /metrics or /healthz\n"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            async with asyncio.timeout(REQUEST_TIMEOUT_S):
                head = await reader.readuntil(b"\r\n\r\n")
            method, path, _ = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
            status, kind, body = self.respond(method, path)
        except (TimeoutError, ValueError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            status, kind, body, method = 400, "text/plain", b"bad request\n", "GET"
        except ConnectionError:
            writer.close()
            return
        reason = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
                  503: "Service Unavailable"}[status]  # fmt: skip
        header = (
            f"HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        with contextlib.suppress(ConnectionError):
            writer.write(header if method == "HEAD" else header + body)
            await writer.drain()
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()
