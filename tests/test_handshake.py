"""The firehose handshake at startup and in check-config (bot/sources/handshake.py): a URL of
the wrong wire (the handshake answered 404, 426, …) stops `run` with one line naming the
setting; a host that is down, slow or answering 5xx is only a warning (the source retries)."""

from __future__ import annotations

import asyncio
import logging
import re
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from websockets.asyncio.server import ServerConnection, serve
from websockets.http11 import Request, Response
from websockets.typing import Subprotocol

from bot.errors import ConfigError, TransientError
from bot.sources import handshake
from bot.sources.handshake import check_at_start, probe
from tests.test_cli import run

pytestmark = pytest.mark.loopback


class _Answer(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # websockets reads nothing older
    status = 404

    def do_GET(self) -> None:
        self.server.paths.append(self.path)
        self.send_response(self.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_: object) -> None:
        pass


class Answering(list[str]):
    """Servers answering every request with one status; the list holds the paths asked."""

    def __init__(self) -> None:
        super().__init__()
        self.servers: list[ThreadingHTTPServer] = []

    def url(self, status: int) -> str:
        handler = type("Answer", (_Answer,), {"status": status})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.paths = self
        self.servers.append(server)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        return f"ws://127.0.0.1:{server.server_address[1]}/xrpc"


@pytest.fixture
def answering() -> Iterator[Answering]:
    servers = Answering()
    yield servers
    for server in servers.servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
async def v2_only() -> AsyncIterator[str]:
    """A websocket server that upgrades only Jetstream v2's path (404 elsewhere, like a v1 host
    asked for v2, or the other way round)."""

    def route(_: ServerConnection, request: Request) -> Response | None:
        offered = request.headers.get("Sec-WebSocket-Protocol", "")
        if request.path.startswith("/xrpc/network.bsky.jetstream.subscribeEvents"):
            if "xrpc.v1.json" not in offered:  # as the SDK's client always offers
                return Response(400, "Bad Request", request.headers.__class__(), b"")
            return None
        return Response(404, "Not Found", request.headers.__class__(), b"")

    async def handler(connection: ServerConnection) -> None:
        await connection.wait_closed()

    protocols = [Subprotocol("xrpc.v1.json")]
    async with serve(
        handler, "127.0.0.1", 0, process_request=route, subprotocols=protocols
    ) as server:
        port = server.sockets[0].getsockname()[1]
        yield f"ws://127.0.0.1:{port}"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize(
    ("status", "is_refused"),
    [
        (404, True),
        (426, True),
        (400, True),
        (403, True),
        (408, False),
        (429, False),
        (500, False),
        (503, False),
    ],
)
def test_which_answers_are_a_wrong_url(status: int, is_refused: bool) -> None:
    assert handshake.refused(status) is is_refused


@pytest.mark.parametrize("status", [404, 426])
async def test_a_refused_jetstream_handshake_names_the_setting(
    answering: Answering, status: int
) -> None:
    url = answering.url(status)
    with pytest.raises(ConfigError) as caught:
        await probe(handshake.jetstream(url))
    message = str(caught.value)
    assert f"JETSTREAM_URL={url} refused the Jetstream v2 handshake (HTTP {status})" in message
    assert "wss://jetstream.us-east.bsky.network/xrpc" in message and "\n" not in message
    assert answering == ["/xrpc/network.bsky.jetstream.subscribeEvents"]


@pytest.mark.parametrize("status", [404, 426])
async def test_a_refused_relay_handshake_names_relay_url(answering: Answering, status: int) -> None:
    url = answering.url(status)
    with pytest.raises(ConfigError, match=rf"RELAY_URL={url} refused .* \(HTTP {status}\)"):
        await probe(handshake.relay(url))
    assert answering == ["/xrpc/com.atproto.sync.subscribeRepos"]


@pytest.mark.parametrize("status", [408, 429, 502, 503])
async def test_a_bad_moment_is_transient(answering: Answering, status: int) -> None:
    url = answering.url(status)
    with pytest.raises(TransientError, match=f"HTTP {status}"):
        await probe(handshake.jetstream(url))


async def test_a_down_host_and_a_silent_one_are_transient() -> None:
    with pytest.raises(TransientError, match="not reachable"):
        await probe(handshake.jetstream(f"ws://127.0.0.1:{closed_port()}/xrpc"))
    with socket.socket() as silent:  # accepts the connection, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"ws://127.0.0.1:{silent.getsockname()[1]}/xrpc"
        with pytest.raises(TransientError, match="not reachable: TimeoutError"):
            await probe(handshake.jetstream(url), timeout_s=0.3)


async def test_an_http_url_is_a_wrong_setting() -> None:
    with pytest.raises(
        ConfigError, match=re.escape("JETSTREAM_URL=https://x.test/xrpc is not a ws://")
    ):
        await probe(handshake.jetstream("https://x.test/xrpc"))


async def test_the_right_wire_answers(v2_only: str) -> None:
    said = await probe(handshake.jetstream(f"{v2_only}/xrpc"))
    assert said == f"{v2_only}/xrpc answers the Jetstream v2 handshake"
    with pytest.raises(ConfigError, match="HTTP 404"):  # the same host without /xrpc
        await probe(handshake.jetstream(v2_only))


async def test_at_start_only_a_refusal_stops(
    answering: Answering, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.sources.handshake"):
        await check_at_start(handshake.jetstream(answering.url(503)))
    assert "HTTP 503; the firehose source keeps trying" in caplog.text
    with pytest.raises(ConfigError):
        await check_at_start(handshake.jetstream(answering.url(404)))


# --- the service and check-config ---------------------------------------------------------------


@pytest.fixture
def account(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BSKY_HANDLE", "bot.test")
    monkeypatch.setenv("BSKY_APP_PASSWORD", "canary-password")
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path}/bot.db")
    monkeypatch.setenv("METRICS_ADDR", "off")


@pytest.mark.usefixtures("account")
@pytest.mark.parametrize(
    ("firehose", "setting"), [("jetstream", "JETSTREAM_URL"), ("relay", "RELAY_URL")]
)
@pytest.mark.parametrize("status", [404, 426])
def test_run_stops_at_once_with_one_line_naming_the_setting(
    answering: Answering,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    firehose: str,
    setting: str,
    status: int,
) -> None:
    url = answering.url(status)
    monkeypatch.setenv("FIREHOSE", firehose)
    monkeypatch.setenv(setting, url)
    assert run(["run"]) == 2
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and f"{setting}={url} refused" in err and f"HTTP {status}" in err
    assert not (tmp_path / "bot.db").exists()  # stopped before the store and any login
    assert len(answering) == 1  # one handshake, not a retry loop


@pytest.mark.usefixtures("account")
def test_check_config_reports_the_handshake(
    answering: Answering,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = answering.url(404)
    monkeypatch.setenv("JETSTREAM_URL", url)
    monkeypatch.delenv("BSKY_APP_PASSWORD")  # no login attempt (the network is blocked)
    assert run(["check-config"]) == 1
    out, _ = capsys.readouterr()
    firehose = next(line for line in out.splitlines() if line.startswith("firehose: "))
    assert firehose.startswith(f"firehose: FAILED: JETSTREAM_URL={url} refused the Jetstream v2")


@pytest.mark.usefixtures("account")
async def test_check_config_says_the_right_wire_answers(
    v2_only: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JETSTREAM_URL", f"{v2_only}/xrpc")
    monkeypatch.delenv("BSKY_APP_PASSWORD")
    # the server runs on this test's loop; the command runs its own loop in a thread
    assert await asyncio.to_thread(run, ["check-config"]) == 1  # no login: still a failure
    out, _ = capsys.readouterr()
    assert f"firehose: ok ({v2_only}/xrpc answers the Jetstream v2 handshake)" in out


def test_the_probe_offers_what_the_sdks_jetstream_client_offers() -> None:
    from atproto_jetstream.client import _SUBPROTOCOL

    assert handshake.jetstream("wss://x.test/xrpc").subprotocols == (_SUBPROTOCOL,)
