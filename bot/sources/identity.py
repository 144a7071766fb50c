"""DID → PDS endpoint, with the SDK's identity resolver and a small bounded cache.

`AsyncIdResolver` resolves did:plc (from the PLC directory) and did:web (from
`https://<host>/.well-known/did.json`), as the SDK does. Its errors become ours here:
an identity that does not exist, cannot be read or has no PDS → `HistoryUnavailable`;
timeouts, connection failures and 5xx → `TransientError`; 429 → `RateLimited`.
"""

from __future__ import annotations

import logging
import math
import time
from collections import OrderedDict
from collections.abc import Callable

import httpx
from atproto_identity.exceptions import DidPlcResolverError, DidWebResolverError
from atproto_identity.resolver import AsyncIdResolver
from pydantic import ValidationError

from bot.errors import (
    HistoryUnavailable,
    NudgebotError,
    RateLimited,
    ResponseTooLarge,
    TransientError,
)
from bot.sources.bounded import (
    DID_DOCUMENT_MAX_BYTES,
    SESSION_MAX_BYTES,
    BoundedRequest,
    bounded_client,
)
from bot.sources.egress import EgressGuard, ForbiddenEndpoint

log = logging.getLogger(__name__)


class PdsLookup:
    """Finds a DID's PDS. Resolutions are cached for `ttl_s` (PDS moves are rare and a later
    backfill would simply fail and be retried), at most `max_entries` of them."""

    def __init__(
        self,
        plc_url: str,
        timeout_s: float,
        *,
        ttl_s: float = 300.0,
        max_entries: int = 1024,
        clock: Callable[[], float] = time.monotonic,
        guard: EgressGuard | None = None,
    ) -> None:
        # a did:web names its own host, a document its own PDS: both guarded (egress.py)
        self.guard = guard if guard is not None else EgressGuard.trusting(plc_url)
        self._resolver = AsyncIdResolver(plc_url=plc_url, timeout=timeout_s)
        _bound_resolvers(self._resolver, self.guard)
        self._ttl_s, self._max_entries, self._clock = ttl_s, max_entries, clock
        self._cache: OrderedDict[str, tuple[str, float]] = OrderedDict()

    async def pds_of(self, did: str) -> str:
        """The PDS base URL of `did` (e.g. `https://morel.us-east.host.bsky.network`)."""
        cached = self._cache.get(did)
        if cached is not None and cached[1] > self._clock():
            self._cache.move_to_end(did)
            return cached[0]
        pds = await self._resolve(did)
        self._cache[did] = (pds, self._clock() + self._ttl_s)
        self._cache.move_to_end(did)
        while len(self._cache) > self._max_entries:
            self._cache.popitem(last=False)
        return pds

    def forget(self, did: str) -> None:
        """Drop a cached resolution (e.g. after the PDS said it does not hold the repo)."""
        self._cache.pop(did, None)

    async def _resolve(self, did: str) -> str:
        try:
            doc = await self._resolver.did.ensure_resolve(did)
        except Exception as e:  # the resolver raises several unrelated types; sorted below
            raise map_identity_error(did, e) from e
        pds = doc.get_pds_endpoint()
        if not isinstance(pds, str):
            raise HistoryUnavailable(did, "no PDS endpoint in the DID document")
        try:
            pds = self.guard.check_endpoint(pds)
        except ForbiddenEndpoint as e:
            raise HistoryUnavailable(did, f"PDS endpoint refused: {e}") from None
        log.debug("resolved %s to %s", did, pds)
        return pds

    async def aclose(self) -> None:
        """Close the HTTP clients the SDK's resolvers open. The SDK (0.0.73) never closes
        them and has no method for it, hence the reach into `_methods` / `_client`."""
        methods = getattr(self._resolver.did, "_methods", {})
        for method in methods.values():
            client = getattr(method, "_client", None)
            if isinstance(client, httpx.AsyncClient):
                await client.aclose()


def _bound_resolvers(resolver: AsyncIdResolver, guard: EgressGuard) -> None:
    """DID documents are read size-bounded and guarded: the SDK (0.0.73) gives each method
    resolver a plain `httpx.AsyncClient()` and no way to pass another, hence the swap."""
    for method in getattr(resolver.did, "_methods", {}).values():
        if isinstance(getattr(method, "_client", None), httpx.AsyncClient):
            method._client = bounded_client(DID_DOCUMENT_MAX_BYTES, guard=guard)


def map_identity_error(did: str, exc: Exception) -> NudgebotError:
    """The bot's error for an exception of the SDK's identity resolver."""
    if isinstance(exc, ResponseTooLarge | ForbiddenEndpoint):  # the same would come again
        return HistoryUnavailable(did, str(exc))
    if isinstance(exc, DidPlcResolverError | DidWebResolverError):
        return _from_http_cause(did, exc.__cause__)
    if isinstance(exc, httpx.TimeoutException | httpx.TransportError):
        return TransientError(f"resolving {did}: {exc!r}")
    # DidNotFoundError, PoorlyFormattedDid(Document)Error, UnsupportedDidMethodError,
    # UnsupportedDidWebPathError, a body that is not JSON (ValueError), a document the
    # model rejects (ValidationError): asking again gives the same answer.
    if isinstance(exc, ValidationError | ValueError) or type(exc).__module__.startswith(
        "atproto_identity"
    ):
        return HistoryUnavailable(did, f"{type(exc).__name__}: {exc}")
    return HistoryUnavailable(did, f"unexpected {type(exc).__name__}: {exc}")


def _from_http_cause(did: str, cause: BaseException | None) -> NudgebotError:
    if isinstance(cause, httpx.HTTPStatusError):
        status = cause.response.status_code
        error: NudgebotError
        if status == 429:
            error = RateLimited(f"resolving {did}: 429", retry_after=_retry_after(cause.response))
        elif status >= 500:
            error = TransientError(f"resolving {did}: {status}")
        else:  # 404 of did:web, 410 of a tombstoned did:plc, …
            error = HistoryUnavailable(did, f"identity lookup answered {status}")
        error.status = status
        return error
    # timeouts and connection failures (httpx.TimeoutException, httpx.TransportError)
    return TransientError(f"resolving {did}: {cause!r}")


def _retry_after(response: httpx.Response) -> float | None:
    try:
        seconds = float(response.headers.get("retry-after", ""))
    except ValueError:
        return None
    return max(seconds, 0.0) if math.isfinite(seconds) else None


async def resolve_handle(handle: str, service: str, timeout_s: float = 10.0) -> str:
    """The DID of a handle: asked of `service` (BSKY_SERVICE's
    `com.atproto.identity.resolveHandle`, which knows its own accounts' handles even where DNS
    does not), else as the SDK resolves it (DNS `_atproto.<handle>`, then
    `https://<handle>/.well-known/atproto-did`). Not found → HistoryUnavailable."""
    from atproto import AsyncClient
    from atproto_identity.handle.resolver import AsyncHandleResolver

    handle = handle.removeprefix("@").lower()
    base = service.rstrip("/")
    client = AsyncClient(
        base_url=base if base.endswith("/xrpc") else f"{base}/xrpc",
        request=BoundedRequest(SESSION_MAX_BYTES, timeout=timeout_s),
    )
    try:
        answer = await client.com.atproto.identity.resolve_handle({"handle": handle})
        return str(answer.did)
    except Exception as exc:  # the service does not know it: DNS and HTTP may
        log.debug("%s could not resolve %s: %s", base, handle, type(exc).__name__)
    finally:
        await client.request.close()
    resolver = AsyncHandleResolver(timeout=timeout_s)
    # its well-known answer, from a host the handle names: guarded as a DID document's PDS
    resolver._http_client = bounded_client(
        DID_DOCUMENT_MAX_BYTES, guard=EgressGuard.trusting(service)
    )
    try:
        did = await resolver.resolve(handle)
    except ForbiddenEndpoint as exc:
        raise HistoryUnavailable(handle, str(exc)) from None
    except (httpx.HTTPError, OSError) as exc:
        raise TransientError(f"resolving {handle}: {type(exc).__name__}") from None
    finally:
        await resolver._http_client.aclose()
    if not did:
        raise HistoryUnavailable(handle, "no DID for this handle (service, DNS and HTTPS asked)")
    return str(did)
