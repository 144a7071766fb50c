"""`nudgebot run` as systemd runs it: READY=1, then WATCHDOG=1 while healthy; `/metrics` and
`/healthz` on METRICS_ADDR. The bot reaches PostgreSQL and the Jetstream server each through a
`TcpProxy`: with the database made unreachable, and then with the firehose connection held
stalled, `/healthz` turns 503 naming what is down and the watchdog pings stop."""

from __future__ import annotations

import secrets
import signal
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.store import Store
from tests.localnet import harness
from tests.localnet.botproc import BotProcess, Live, follow, prepare
from tests.localnet.tcp_proxy import TcpProxy
from tests.localnet.util import eventually

pytestmark = pytest.mark.localnet

WATCHDOG_S = 2.0  # WATCHDOG_USEC: a ping every second while healthy


class Systemd:
    """The datagram socket Type=notify listens on, read without blocking."""

    def __init__(self, path: Path) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.setblocking(False)
        self.told: list[str] = []

    def drain(self) -> list[str]:
        while True:
            try:
                self.told.append(self.sock.recv(4096).decode())
            except BlockingIOError:
                return self.told

    def since(self, start: int) -> list[str]:
        return self.drain()[start:]

    def close(self) -> None:
        self.sock.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
async def pg_database() -> AsyncIterator[tuple[str, int, str]]:
    """A fresh database in the project's PostgreSQL cluster: (host, port, name)."""
    url = harness.ensure_postgres()
    if url is None:
        pytest.skip("PostgreSQL is unavailable (scripts/ensure-postgres.sh printed no URL)")
    admin = url.rpartition("/")[0] + "/postgres"
    name = f"nudgebot_health_{secrets.token_hex(4)}"
    where = urlsplit(url)
    assert where.hostname is not None and where.port is not None
    conn = await asyncpg.connect(admin)
    try:
        await conn.execute(f"CREATE DATABASE {name}")
        yield where.hostname, where.port, name
        await conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        await conn.close()


async def unhealthy_for(
    http: httpx.AsyncClient, systemd: Systemd, seconds: float, naming: str, since: list[float]
) -> str | None:
    """The 503 body once /healthz has said 503 naming `naming` without a break for `seconds`
    (the watchdog's silence is only visible over several of its intervals)."""
    systemd.drain()  # read as systemd does: its queue of datagrams is short
    answer = await http.get("/healthz")
    if answer.status_code != 503 or naming not in answer.text:
        since.clear()
        return None
    since.append(time.monotonic())
    return answer.text if since[-1] - since[0] >= seconds else None


def pings(messages: list[str]) -> int:
    return sum(1 for m in messages if m == "WATCHDOG=1")


async def test_watchdog_metrics_and_healthz_follow_the_database_and_the_firehose(
    pg_database: tuple[str, int, str], live: Live
) -> None:
    pg_host, pg_port, pg_name = pg_database
    jetstream, tmp_path = live.jetstream, live.tmp_path
    bot, ada = live.make_account("bot"), live.make_account("ada")
    direct_db = f"postgresql+asyncpg://postgres@{pg_host}:{pg_port}/{pg_name}"
    async with (
        TcpProxy(pg_host, pg_port) as pg_proxy,
        TcpProxy.in_front_of(jetstream.ws_uri) as js_proxy,
        Store.open(direct_db) as store,
        httpx.AsyncClient(timeout=10) as http,
    ):
        port = free_port()
        http.base_url = httpx.URL(f"http://127.0.0.1:{port}")
        process = live.bot_process(
            bot,
            source_url=js_proxy.url_for(jetstream.ws_uri),
            DATABASE_URL=f"postgresql+asyncpg://postgres@127.0.0.1:{pg_proxy.port}/{pg_name}",
            METRICS_ADDR=f"127.0.0.1:{port}",
            NOTIFY_SOCKET=str(tmp_path / "notify.sock"),
            WATCHDOG_USEC=str(int(WATCHDOG_S * 1_000_000)),
            FIREHOSE_PING_INTERVAL_SECONDS="1",
            FIREHOSE_PING_TIMEOUT_SECONDS="2",
        )
        systemd = Systemd(tmp_path / "notify.sock")
        a = await live.clients.login(ada)
        try:
            await prepare(store, "jetstream", jetstream)
            process.start()
            await eventually(
                lambda: pings(systemd.drain()) >= 3, within=90, what="READY=1 then WATCHDOG=1s"
            )
            assert systemd.told[0].startswith("READY=1\nSTATUS=")
            assert pings(systemd.told[:1]) == 0, "a watchdog ping came before READY=1"

            await follow(a, ada, bot)  # an opt-in, a welcome queued and sent: metrics move

            async def welcome_sent() -> dict[tuple[str, str], float] | None:
                systemd.drain()
                return await scraped(http, lambda s: s.get(("nudgebot_dms_sent_total", "welcome")))

            samples = await eventually(
                welcome_sent,
                within=60,
                what="the welcome DM in /metrics",
            )
            assert samples[("nudgebot_opted_in_people", "")] == 1
            assert samples[("nudgebot_events_ingested_total", "FollowCreated")] >= 1
            assert samples[("nudgebot_nudges_queued_total", "welcome")] == 1
            assert ("nudgebot_firehose_lag_seconds", "") in samples
            assert ("nudgebot_queue_depth", "") in samples
            assert (await http.get("/healthz")).text == "ok\n"

            await check_outage(
                http, systemd, "database", lambda: down(pg_proxy), lambda: pg_proxy.refuse(False)
            )
            await check_outage(http, systemd, "firehose", lambda: stalled(js_proxy), None)

            assert await terminated(process) == 0
        except BaseException:
            print(process.output()[-8000:])
            raise
        finally:
            systemd.close()
    output = process.output()
    assert bot.app_password not in output
    assert "unhealthy, watchdog pings stop" in output


async def check_outage(
    http: httpx.AsyncClient,
    systemd: Systemd,
    what: str,
    fail: Callable[[], Awaitable[None]],
    heal: Callable[[], None] | None,
) -> None:
    """Make `what` fail: /healthz says 503 naming it and no WATCHDOG=1 comes any more (and,
    with `heal`, it comes back once the thing is back)."""
    await fail()
    streak: list[float] = []
    body = await eventually(
        lambda: unhealthy_for(http, systemd, 3 * WATCHDOG_S, what, streak),
        within=90,
        what=f"/healthz to say 503 for the {what} for a while",
    )
    assert body.startswith(f"{what}:") or f"\n{what}:" in body, body
    told = systemd.drain()
    turned = max(i for i, m in enumerate(told) if m.startswith("STATUS=unhealthy"))
    assert what in told[turned]
    assert pings(told[turned:]) == 0, "watchdog pings went on while unhealthy"
    if heal is None:
        return
    heal()
    mark = len(told)
    await eventually(
        lambda: pings(systemd.since(mark)) >= 1, within=90, what=f"pings after the {what} is back"
    )
    await eventually(lambda: healthy(http), within=60, what=f"/healthz ok after the {what}")


async def healthy(http: httpx.AsyncClient) -> bool:
    return (await http.get("/healthz")).status_code == 200


async def terminated(process: BotProcess) -> int:
    """SIGTERM, then wait without blocking the loop: this loop carries the bot's database
    connections (the proxy), and the bot commits through them on its way out."""
    proc = process.runs[-1]
    proc.send_signal(signal.SIGTERM)
    exited = await eventually(
        lambda: (proc.poll(),) if proc.poll() is not None else None, within=30, what="exit"
    )
    return int(exited[0])


async def down(proxy: TcpProxy) -> None:
    proxy.refuse()
    await proxy.cut()


async def stalled(proxy: TcpProxy) -> None:
    proxy.refuse()  # the reconnect the ping timeout leads to fails too: held down
    proxy.stall()


async def scraped(
    http: httpx.AsyncClient, ready: Callable[[dict[tuple[str, str], float]], object]
) -> dict[tuple[str, str], float] | None:
    answer = await http.get("/metrics")
    assert answer.status_code == 200
    samples: dict[tuple[str, str], float] = {}
    for family in text_string_to_metric_families(answer.text):
        for sample in family.samples:
            label = next(iter(sample.labels.values()), "")
            samples[(sample.name, label)] = sample.value
    return samples if ready(samples) else None
