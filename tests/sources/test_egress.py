"""The SSRF guard (bot/sources/egress.py): a DID document, or a did:web, chosen by a stranger
never sends the bot to a local or private address, nor anywhere over plain http unless the
settings name that service; the check holds at connect time, on the addresses connected to."""

from __future__ import annotations

import asyncio
import typing
from collections.abc import AsyncIterator

import httpcore
import httpx
import pytest

from bot.config import Settings
from bot.errors import HistoryUnavailable
from bot.sources.backfill import Backfiller, BackfillOptions
from bot.sources.egress import EgressGuard, ForbiddenEndpoint, GuardedBackend, forbidden_address
from bot.sources.identity import PdsLookup
from tests.sources.fake_atproto import FakeAtproto

NOW = 1_785_585_600_000_000
ALICE = "did:plc:alicealicealicealice00"
GUARD = EgressGuard.trusting("http://localhost:2583", "https://plc.example")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://pds.example", "https://pds.example"),
        ("https://PDS.example:8443/", "https://pds.example:8443"),
        ("http://localhost:2583", "http://localhost:2583"),  # a service the settings name
        ("https://[2606:4700::1]", "https://[2606:4700::1]"),
    ],
)
def test_an_endpoint_that_may_be_used_comes_back_as_its_origin(url: str, expected: str) -> None:
    assert GUARD.check_endpoint(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:18765/internal/admin?token=x#",  # the report
        "http://pds.example",  # plain http to a host the settings do not name
        "http://localhost:2584",  # a trusted host, another port
        "https://127.0.0.1",
        "https://10.0.0.5:443",
        "https://169.254.169.254",  # cloud metadata
        "https://[::1]:8080",
        "https://[::ffff:127.0.0.1]",
        "https://224.0.0.1",
        "https://pds.example/xrpc",
        "https://pds.example?x=1",
        "https://pds.example#",
        "https://user:pw@pds.example",
        "https://pds.example\n.evil",
        "ftp://pds.example",
        "https://",
        "https://pds.example:99999",
    ],
)
def test_an_endpoint_outside_the_rules_is_refused(url: str) -> None:
    with pytest.raises(ForbiddenEndpoint):
        GUARD.check_endpoint(url)


@pytest.mark.parametrize(
    ("address", "forbidden"),
    [
        ("93.184.216.34", False),
        ("2606:4700::1", False),
        ("127.0.0.1", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("192.168.1.1", True),
        ("100.64.0.1", True),
        ("169.254.169.254", True),
        ("0.0.0.0", True),
        ("224.0.0.251", True),
        ("::1", True),
        ("fe80::1%eth0", True),
        ("fd00::1", True),
        ("::ffff:10.0.0.1", True),
        ("ff02::1", True),
        ("not an address", True),
    ],
)
def test_forbidden_addresses(address: str, forbidden: bool) -> None:
    assert forbidden_address(address) is forbidden


class RecordingBackend(httpcore.AsyncNetworkBackend):
    """Records where it was asked to connect; connects nowhere."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, int]] = []

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109  # httpcore's interface
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.asked.append((host, port))
        raise httpcore.ConnectError("recorded")


def resolving_to(*addresses: str) -> typing.Any:
    async def resolve(host: str, port: int, wait_s: float | None) -> list[str]:
        return list(addresses)

    return resolve


async def test_the_connection_goes_to_the_checked_address_not_a_second_lookup() -> None:
    inner = RecordingBackend()
    backend = GuardedBackend(frozenset(), inner, resolving_to("93.184.216.34"))
    with pytest.raises(httpcore.ConnectError):
        await backend.connect_tcp("pds.example", 443)
    assert inner.asked == [("93.184.216.34", 443)]


@pytest.mark.parametrize("addresses", [("127.0.0.1",), ("93.184.216.34", "10.0.0.1"), ()])
async def test_a_name_resolving_to_a_private_address_is_never_connected(
    addresses: tuple[str, ...],
) -> None:
    inner = RecordingBackend()
    backend = GuardedBackend(frozenset(), inner, resolving_to(*addresses))
    with pytest.raises(ForbiddenEndpoint, match=r"pds\.example"):
        await backend.connect_tcp("pds.example", 443)
    assert inner.asked == []


async def test_a_trusted_origin_is_connected_by_its_name_unchecked() -> None:
    inner = RecordingBackend()
    backend = GuardedBackend(GUARD.trusted, inner, resolving_to("127.0.0.1"))
    with pytest.raises(httpcore.ConnectError):
        await backend.connect_tcp("localhost", 2583)
    assert inner.asked == [("localhost", 2583)]


class Listener:
    """A raw TCP listener on loopback that counts connections and answers like an admin
    endpoint would (200, a secret), so a request that reached it would succeed."""

    def __init__(self, redirect_to: str | None = None) -> None:
        self.connections = 0
        self.port = 0
        self.redirect_to = redirect_to
        self._server: asyncio.Server | None = None

    async def start(self) -> Listener:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        body = b'{"records": []}'
        head = f"HTTP/1.1 200 OK\r\ncontent-length: {len(body)}\r\n"
        if self.redirect_to is not None:
            head = f"HTTP/1.1 302 Found\r\nlocation: {self.redirect_to}\r\ncontent-length: 0\r\n"
            body = b""
        writer.write(head.encode() + b"content-type: application/json\r\n\r\n" + body)
        await writer.drain()
        writer.close()

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


@pytest.fixture
async def net() -> AsyncIterator[FakeAtproto]:
    fake = await FakeAtproto().start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
async def admin() -> AsyncIterator[Listener]:
    listener = await Listener().start()
    try:
        yield listener
    finally:
        await listener.stop()


@pytest.mark.loopback
@pytest.mark.parametrize(
    "endpoint",
    [
        "http://127.0.0.1:{port}/internal/admin?token=x#",  # the report: plain http, a path
        "http://127.0.0.1:{port}",  # plain http to an untrusted origin
        "https://localhost:{port}",  # https, but the name resolves to loopback
    ],
)
async def test_a_did_document_cannot_send_backfill_to_a_local_service(
    net: FakeAtproto, admin: Listener, endpoint: str
) -> None:
    net.account(ALICE, pds=endpoint.format(port=admin.port))
    async with Backfiller(BackfillOptions(plc_url=net.plc_url, timeout_s=2.0)) as backfiller:
        with pytest.raises(HistoryUnavailable):
            await backfiller.fetch(ALICE, NOW)
        with pytest.raises(HistoryUnavailable):
            await backfiller.record(ALICE, "app.bsky.graph.follow", "3kabc")
    assert admin.connections == 0


@pytest.mark.loopback
async def test_a_did_web_naming_a_local_host_is_not_fetched() -> None:
    """The SDK reads did:web:localhost at https://localhost/.well-known/did.json (it does
    not decode a %3A port). Refused before connecting: a permanent answer, not a retry."""
    lookup = PdsLookup("https://plc.example", 2.0)
    try:
        with pytest.raises(HistoryUnavailable, match="non-public"):
            await lookup.pds_of("did:web:localhost")
    finally:
        await lookup.aclose()


@pytest.mark.loopback
async def test_a_service_the_settings_name_may_be_local_and_plain_http(
    net: FakeAtproto, admin: Listener
) -> None:
    pds = f"http://127.0.0.1:{admin.port}"
    net.account(ALICE, pds=pds)
    options = BackfillOptions(plc_url=net.plc_url, timeout_s=2.0, trusted_urls=(pds,))
    async with Backfiller(options) as backfiller:
        history = await backfiller.fetch(ALICE, NOW)
    assert history.pds == pds and history.events == ()
    assert admin.connections >= 1


def test_the_settings_trust_their_own_services_and_the_listed_ones() -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bsky_service="http://localhost:2583",
        plc_url="http://localhost:2582",
        trusted_service_urls="http://10.0.0.5:3000, ,https://pds.lan",
    )
    guard = EgressGuard.trusting(*settings.trusted_urls())
    assert guard.trusted == {
        ("localhost", 2583),
        ("localhost", 2582),
        ("10.0.0.5", 3000),
        ("pds.lan", 443),
    }


@pytest.mark.loopback
async def test_a_redirect_to_plain_http_is_refused_like_the_endpoint_itself(
    admin: Listener,
) -> None:
    trusted = await Listener(redirect_to=f"http://127.0.0.1:{admin.port}/internal").start()
    try:
        guard = EgressGuard.trusting(f"http://127.0.0.1:{trusted.port}")
        transport = guard.transport()
        async with httpx.AsyncClient(transport=transport, follow_redirects=True) as client:
            with pytest.raises(ForbiddenEndpoint, match=r"plain http to 127\.0\.0\.1"):
                await client.get(f"http://127.0.0.1:{trusted.port}/")
    finally:
        await trusted.stop()
    assert trusted.connections == 1 and admin.connections == 0
