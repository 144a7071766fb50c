"""Where the bot may connect when a stranger chooses the address (the SSRF guard).

A follower's DID document names their PDS, and a did:web names its own host: both are chosen
by whoever controls that identity. Without a guard, a document whose endpoint is
`http://127.0.0.1:18765/internal/admin?token=x#` made the bot GET that local URL. So:

- the endpoint itself (`check_endpoint`): `https://host[:port]` only — no user, path, query or
  fragment; plain `http` only for an origin the settings name (BSKY_SERVICE, PLC_URL,
  TRUSTED_SERVICE_URLS: the local test network runs on http://localhost);
- every connection (`GuardedBackend`): the host is resolved here, every address it resolves to
  is checked (loopback, private, link-local, multicast, reserved → refused), and the socket is
  opened to the checked address itself, so a name that resolves differently a moment later
  (DNS rebinding) cannot slip past. TLS still verifies the certificate of the name.

A trusted origin (host and port as the settings spell them) skips the address check: the
operator chose it. Refusals raise `ForbiddenEndpoint`, a permanent error.
"""

from __future__ import annotations

import ipaddress
import socket
import typing
from collections.abc import Awaitable, Callable, Iterable
from urllib.parse import urlsplit

import anyio
import httpcore
import httpx

from bot.errors import PermanentError

Origin = tuple[str, int]  # (lower-case host without brackets, port)
Resolver = Callable[[str, int, float | None], Awaitable[list[str]]]
_DEFAULT_PORTS = {"https": 443, "http": 80, "wss": 443, "ws": 80}


class ForbiddenEndpoint(PermanentError):
    """An address the bot will not connect to; the message names the host, never the path."""


def origin_of(url: str) -> Origin | None:
    """(host, port) of a URL, or None when it has no host or a bad port."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    return (host, port) if host and port else None


def forbidden_address(address: str) -> bool:
    """True for an address no stranger may send the bot to: anything not globally routable
    (loopback, RFC 1918, link-local, CGNAT, unspecified, reserved …) and multicast."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone
    except ValueError:
        return True
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_multicast or not ip.is_global


class EgressGuard:
    """The trusted origins, the endpoint check and the guarded transport."""

    def __init__(self, trusted: Iterable[Origin] = ()) -> None:
        self.trusted = frozenset(trusted)

    @classmethod
    def trusting(cls, *urls: str) -> EgressGuard:
        """A guard trusting the origins of `urls` (the settings' own service URLs)."""
        return cls(o for o in (origin_of(u) for u in urls if u) if o is not None)

    def check_endpoint(self, url: str) -> str:
        """`url` as `scheme://host[:port]` when it may be used as a service endpoint."""
        if any(c in url for c in "?#@\\") or any(c.isspace() or not c.isprintable() for c in url):
            raise ForbiddenEndpoint("endpoint must be scheme://host[:port], nothing more")
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            raise ForbiddenEndpoint("endpoint is not a URL") from None
        scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
        if scheme not in ("https", "http") or not host or parts.path not in ("", "/"):
            raise ForbiddenEndpoint("endpoint must be https://host[:port]")
        trusted = (host, port or _DEFAULT_PORTS[scheme]) in self.trusted
        if scheme == "http" and not trusted:
            raise ForbiddenEndpoint(f"plain http to {host} (only https, or a trusted service)")
        if not trusted and _is_ip(host) and forbidden_address(host):
            raise ForbiddenEndpoint(f"endpoint {host} is not a public address")
        shown = f"[{host}]" if ":" in host else host
        return f"{scheme}://{shown}" + (f":{port}" if port is not None else "")

    def transport(self) -> httpx.AsyncHTTPTransport:
        """httpx's transport whose every connection goes through `GuardedBackend`."""
        transport = _GuardedTransport(self.trusted)
        # httpx (0.28) takes no network backend; its pool does, and reads it per connection
        transport._pool._network_backend = GuardedBackend(self.trusted)
        return transport


class _GuardedTransport(httpx.AsyncHTTPTransport):
    """Plain http only to a trusted origin, also for a redirect (the SDK follows them)."""

    def __init__(self, trusted: frozenset[Origin]) -> None:
        super().__init__()
        self._trusted = trusted

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        origin = (url.host.lower(), url.port or _DEFAULT_PORTS.get(url.scheme, 0))
        if url.scheme != "https" and origin not in self._trusted:
            raise ForbiddenEndpoint(f"plain {url.scheme} to {url.host} (not a trusted service)")
        return await super().handle_async_request(request)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend that resolves, checks and connects to the checked address."""

    def __init__(
        self,
        trusted: frozenset[Origin],
        inner: httpcore.AsyncNetworkBackend | None = None,
        resolve: Resolver | None = None,
    ) -> None:
        self._trusted = trusted
        self._inner = inner if inner is not None else httpcore.AnyIOBackend()
        self._resolve = resolve if resolve is not None else resolve_host

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109  # httpcore's interface
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        if (host.lower(), port) in self._trusted:
            return await self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        addresses = await self._resolve(host, port, timeout)
        refused = [a for a in addresses if forbidden_address(a)]
        if refused or not addresses:
            raise ForbiddenEndpoint(f"{host} resolves to a non-public address; not connecting")
        error: Exception | None = None
        for address in addresses:  # the checked address itself: no second lookup to rebind
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                error = e
        assert error is not None
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109  # httpcore's interface
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise ForbiddenEndpoint("unix sockets are not an endpoint")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


async def resolve_host(host: str, port: int, wait_s: float | None) -> list[str]:
    """Every address `host` resolves to, each once, in the resolver's order."""
    try:
        with anyio.fail_after(wait_s):
            infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except TimeoutError:
        raise httpcore.ConnectTimeout(f"resolving {host} timed out") from None
    except OSError as e:
        raise httpcore.ConnectError(f"cannot resolve {host}: {e.strerror or e}") from None
    seen: dict[str, None] = {}
    for info in infos:
        seen.setdefault(str(info[4][0]), None)
    return list(seen)
