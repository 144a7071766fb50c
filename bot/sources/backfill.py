"""Backfill: a person's recent public history, read from their PDS when they opt in, so
"quiet" is judged against their own rhythm from day one.

DID → PDS (`PdsLookup`), then `com.atproto.repo.listRecords` per collection through the SDK,
newest first, page by page, until the day window, the page bound or the end. Each record is
timed by its TID rkey — never by the user-controlled `createdAt` — and converted by the same
code as the live sources (`event_from_record`). Out come the bot's own events only.

Errors: `HistoryUnavailable` (a permanent error) when the identity or the repo cannot be
read; `TransientError` for timeouts, connection failures and 5xx; `RateLimited` for 429.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from atproto_client import AsyncClient, models

from bot.errors import AuthError, HistoryUnavailable, PermanentError, ResponseTooLarge
from bot.events import Event
from bot.sdk.xrpc_errors import map_sdk_error
from bot.sources.bounded import BoundedRequest
from bot.sources.egress import EgressGuard
from bot.sources.identity import PdsLookup
from bot.sources.jetstream_json import LIKE, POST, REPOST, SkippedInput, event_from_record
from bot.sources.tid import tid_time_us

log = logging.getLogger(__name__)

DAY_US = 86_400_000_000
# A TID a little ahead of our clock is clock skew (clamped to now); further ahead it is not a
# time the network saw, and is skipped.
FUTURE_SLACK_US = 600_000_000
# A post's text is at most 3000 bytes (lexicon); facets beyond a few dozen are abuse. Larger
# records still count as activity but only this much of them is kept for the classifier.
MAX_TEXT_CHARS = 3000
MAX_FACETS = 64
# What the post conversion and the promo classifier read; the rest of a record is dropped.
_POST_KEYS = ("$type", "text", "facets", "embed", "reply", "langs")
# One answer from a PDS, bounded before it is parsed: 100 records of at most a few KB each
# (what is kept of a post is cut further below); a PDS that sends more is unavailable.
MAX_RESPONSE_BYTES = 4 * 1024 * 1024
_GET_RECORD = "com.atproto.repo.getRecord"
_LIST_RECORDS = "com.atproto.repo.listRecords"


@dataclass(frozen=True, slots=True)
class BackfillOptions:
    plc_url: str
    days: int = 60
    page_size: int = 100  # listRecords allows 1..100
    max_pages: int = 10  # per collection
    timeout_s: float = 10.0
    collections: tuple[str, ...] = (POST, REPOST, LIKE)
    # origins the settings name (BSKY_SERVICE, TRUSTED_SERVICE_URLS): plain http and private
    # addresses are allowed there only; PLC_URL's origin is trusted too (egress.py)
    trusted_urls: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 1 <= self.page_size <= 100:
            raise ValueError("page_size must be 1..100")
        if self.days < 1 or self.max_pages < 1 or self.timeout_s <= 0:
            raise ValueError("days, max_pages and timeout_s must be positive")


@dataclass(frozen=True, slots=True)
class History:
    """What backfill found: events oldest first, and counts of what it read."""

    events: tuple[Event, ...]
    records: int  # records looked at inside the window (= events + skipped)
    skipped: int  # non-TID rkeys, records that do not convert, times far in the future
    pages: int  # listRecords calls
    pds: str


class PdsFinder(Protocol):
    async def pds_of(self, did: str) -> str: ...

    def forget(self, did: str) -> None: ...


@dataclass(slots=True)
class _Walk:
    """One collection's walk: its events and counts."""

    events: list[Event] = field(default_factory=list)
    records: int = 0
    skipped: int = 0
    pages: int = 0


class Backfiller:
    """Reads recent history. One HTTP connection pool for all PDSes; `aclose()` (or `async
    with`) closes it and the identity resolver's clients."""

    def __init__(self, options: BackfillOptions, *, pds_finder: PdsFinder | None = None) -> None:
        self.options = options
        guard = EgressGuard.trusting(options.plc_url, *options.trusted_urls)
        self._lookup = PdsLookup(options.plc_url, options.timeout_s, guard=guard)
        self._finder: PdsFinder = pds_finder if pds_finder is not None else self._lookup
        self._request = BoundedRequest(MAX_RESPONSE_BYTES, guard=guard, timeout=options.timeout_s)

    async def __aenter__(self) -> Backfiller:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._request.close()
        await self._lookup.aclose()

    async def record(self, did: str, collection: str, rkey: str) -> Mapping[str, Any] | None:
        """One record's value from the person's own PDS (the source of truth), or None when
        it does not exist. Reconciliation uses it to confirm a follow the AppView lists."""
        pds = await self._finder.pds_of(did)
        client = AsyncClient(base_url=pds, request=self._request)
        params = models.ComAtprotoRepoGetRecord.Params(repo=did, collection=collection, rkey=rkey)
        try:
            response = await client.invoke_query(_GET_RECORD, params=params)
        except Exception as e:
            mapped = map_sdk_error(e)
            if mapped.error_name == "RecordNotFound":
                return None
            raise _unavailable_or(did, mapped) from e
        content = response.content
        value = content.get("value") if isinstance(content, dict) else None
        return value if isinstance(value, dict) else None

    async def fetch(self, did: str, now_us: int) -> History:
        """`did`'s posts, reposts and likes of the last `days` days before `now_us`."""
        pds = await self._finder.pds_of(did)
        client = AsyncClient(base_url=pds, request=self._request)  # shares the pool
        floor_us = now_us - self.options.days * DAY_US
        walks = await asyncio.gather(
            *(self._walk(client, did, c, now_us, floor_us) for c in self.options.collections),
            return_exceptions=True,
        )
        for outcome in walks:
            if isinstance(outcome, BaseException):
                if isinstance(outcome, HistoryUnavailable):
                    self._finder.forget(did)  # the account may have moved: resolve afresh
                raise outcome
        done = [w for w in walks if isinstance(w, _Walk)]
        events = sorted((e for w in done for e in w.events), key=lambda e: e.time_us)
        history = History(
            events=tuple(events),
            records=sum(w.records for w in done),
            skipped=sum(w.skipped for w in done),
            pages=sum(w.pages for w in done),
            pds=pds,
        )
        log.info(
            "backfill %s: %d events, %d skipped, %d pages from %s",
            did, len(events), history.skipped, history.pages, pds,
        )  # fmt: skip
        return history

    async def _walk(
        self, client: AsyncClient, did: str, collection: str, now_us: int, floor_us: int
    ) -> _Walk:
        walk, cursor = _Walk(), None
        while walk.pages < self.options.max_pages:
            page = await self._page(client, did, collection, cursor)
            walk.pages += 1
            records = page.get("records")
            if not isinstance(records, list) or not records:
                break
            if not self._take(walk, did, collection, records, now_us, floor_us):
                break  # reached the day window: everything further is older
            cursor = page.get("cursor")
            if not isinstance(cursor, str) or not cursor:
                break
        return walk

    async def _page(
        self, client: AsyncClient, did: str, collection: str, cursor: str | None
    ) -> Mapping[str, Any]:
        """One page as plain JSON. `invoke_query` rather than `list_records`: the latter
        validates the whole page strictly into models, so one odd record would fail it, and
        the records would need turning back into dicts for the converter."""
        params = models.ComAtprotoRepoListRecords.Params(
            repo=did, collection=collection, limit=self.options.page_size, cursor=cursor
        )
        try:
            response = await client.invoke_query(_LIST_RECORDS, params=params)
        except Exception as e:  # SDK and transport errors: sorted by map_sdk_error
            raise _unavailable_or(did, map_sdk_error(e)) from e
        content = response.content
        if not isinstance(content, dict):
            raise HistoryUnavailable(did, f"listRecords answered {type(content).__name__}")
        return content

    def _take(
        self,
        walk: _Walk,
        did: str,
        collection: str,
        records: list[Any],
        now_us: int,
        floor_us: int,
    ) -> bool:
        """Convert one page into `walk`; False once a record is older than the window."""
        for item in records:
            uri = item.get("uri") if isinstance(item, dict) else None
            rkey = uri.rpartition("/")[2] if isinstance(uri, str) else ""
            time_us = tid_time_us(rkey)
            if time_us is not None and time_us < floor_us:
                return False
            walk.records += 1
            event = None
            if time_us is not None and time_us <= now_us + FUTURE_SLACK_US:
                value = item.get("value")
                event = _convert(did, min(time_us, now_us), collection, rkey, value)
            if event is None:
                walk.skipped += 1
            else:
                walk.events.append(event)
        return True


def _unavailable_or(did: str, error: Exception) -> Exception:
    """A permanent answer from the PDS (RepoNotFound, RepoDeactivated, RepoTakendown, a 400
    "Could not find repo", 404 …) means this history cannot be read: `HistoryUnavailable`,
    keeping status and error name; so is an oversized answer (a PDS that sends more than a
    page can hold will do so again). Other transient errors and rate limits pass unchanged."""
    if isinstance(error, ResponseTooLarge):
        return HistoryUnavailable(did, str(error))
    if not isinstance(error, PermanentError) or isinstance(error, AuthError | HistoryUnavailable):
        return error
    unavailable = HistoryUnavailable(did, error.error_name or str(error))
    unavailable.status, unavailable.error_name = error.status, error.error_name
    return unavailable


def _convert(did: str, time_us: int, collection: str, rkey: str, value: Any) -> Event | None:
    if collection == POST and isinstance(value, dict):
        value = _bounded_post(value)
    try:
        return event_from_record(did, time_us, collection, rkey, value)
    except SkippedInput as e:
        log.debug("skipped %s/%s/%s: %s", did, collection, rkey, e)
        return None


def _bounded_post(record: Mapping[str, Any]) -> dict[str, Any]:
    """Only what the classifier reads, text and facets capped: the event keeps this record."""
    kept = {key: record[key] for key in _POST_KEYS if key in record}
    text = kept.get("text")
    if isinstance(text, str) and len(text) > MAX_TEXT_CHARS:
        kept["text"] = text[:MAX_TEXT_CHARS]
    facets = kept.get("facets")
    if isinstance(facets, list) and len(facets) > MAX_FACETS:
        kept["facets"] = facets[:MAX_FACETS]
    return kept
