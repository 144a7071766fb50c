"""Async helpers for the localnet tests: polling, logged-in SDK clients, a firehose recorder."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx
from atproto import AsyncClient, AsyncFirehoseSubscribeReposClient, models
from atproto_client.request import AsyncRequest
from atproto_firehose import parse_subscribe_repos_message
from atproto_jetstream import AsyncJetstreamClient

from tests.localnet.harness import Account

T = TypeVar("T")

# Generous: the CI machine is a noisy 2-core box. Polls return as soon as the condition holds.
TIMEOUT = 30.0


async def eventually(
    probe: Callable[[], Awaitable[T | None] | T | None],
    *,
    within: float = TIMEOUT,
    interval: float = 0.1,
    what: str = "condition",
) -> T:
    """Poll `probe` (sync or async) until it returns something truthy; return that."""
    deadline = time.monotonic() + within
    last_error: BaseException | None = None
    while True:
        try:
            result = probe()
            if asyncio.iscoroutine(result):
                result = await result
            if result:
                return result  # type: ignore[return-value]
        except AssertionError as e:
            last_error = e
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within:.0f} s waiting for {what}") from (
                last_error
            )
        await asyncio.sleep(interval)


class Clients:
    """Makes SDK clients for the local PDS and closes them all at the end of a test."""

    def __init__(self) -> None:
        self._clients: list[AsyncClient] = []

    def new(self, pds_url: str, *, timeout: float | None = None) -> AsyncClient:
        request = AsyncRequest(timeout=timeout) if timeout is not None else None
        client = AsyncClient(base_url=f"{pds_url}/xrpc", request=request)
        self._clients.append(client)
        return client

    def chat(self, client: AsyncClient, chat_did: str) -> AsyncClient:
        """`client` proxied to our chat service (as `with_bsky_chat_proxy()` is to Bluesky's)."""
        proxied = client.with_proxy("bsky_chat", chat_did)
        self._clients.append(proxied)
        return proxied

    async def login(
        self, account: Account, *, app_password: bool = True, http_timeout: float | None = None
    ) -> AsyncClient:
        """A client logged in as `account` (app password by default; no AppView lookup)."""
        client = self.new(account.pds_url, timeout=http_timeout)
        secret = account.app_password if app_password else account.password
        await client.login(account.handle, secret, fetch_bsky_profile=False)
        return client

    async def close(self) -> None:
        for client in self._clients:
            await client.request.close()
        self._clients.clear()


def now_iso() -> str:
    """An atproto datetime for `createdAt` (UTC, milliseconds, `Z`)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


async def follow(client: AsyncClient, who: Account, subject: Account) -> None:
    """`who` follows `subject` (with `client`, logged in as `who`)."""
    await client.app.bsky.graph.follow.create(
        who.did, models.AppBskyGraphFollow.Record(subject=subject.did, created_at=now_iso())
    )


async def declare(client: AsyncClient, who: Account, allow_incoming: str) -> None:
    """`who`'s chat declaration: allowIncoming all | following | none."""
    await client.com.atproto.repo.put_record(
        models.ComAtprotoRepoPutRecord.Data(
            repo=who.did,
            collection="chat.bsky.actor.declaration",
            rkey="self",
            record={"$type": "chat.bsky.actor.declaration", "allowIncoming": allow_incoming},
        )
    )


@dataclass(frozen=True)
class SeenCommit:
    seq: int
    repo: str
    ops: tuple[tuple[str, str], ...]  # (action, path)


class FirehoseRecorder:
    """Runs the SDK's AsyncFirehoseSubscribeReposClient in a task and records the commits."""

    def __init__(self, base_uri: str, cursor: int | None = None) -> None:
        params = models.ComAtprotoSyncSubscribeRepos.Params(cursor=cursor)
        self.client = AsyncFirehoseSubscribeReposClient(params, base_uri=base_uri)
        self.commits: list[SeenCommit] = []
        self.errors: list[BaseException] = []
        self._task: asyncio.Task[None] | None = None

    async def _on_message(self, message: Any) -> None:
        commit = parse_subscribe_repos_message(message)
        if isinstance(commit, models.ComAtprotoSyncSubscribeRepos.Commit):
            ops = tuple((op.action, op.path) for op in commit.ops)
            self.commits.append(SeenCommit(seq=commit.seq, repo=commit.repo, ops=ops))

    async def _on_error(self, error: BaseException) -> None:
        self.errors.append(error)

    def start(self) -> FirehoseRecorder:
        self._task = asyncio.create_task(self.client.start(self._on_message, self._on_error))
        return self

    def of(self, did: str) -> list[SeenCommit]:
        return [c for c in self.commits if c.repo == did and c.ops]

    async def stop(self) -> None:
        await self.client.stop()
        if self._task is not None:
            await finish_task(self._task)
        assert not self.errors, f"firehose callback errors: {self.errors!r}"


async def finish_task(task: asyncio.Task[Any]) -> None:
    """Wait (bounded) for a recorder's task to end after its client was told to stop; cancel
    it if it does not. Its own outcome is the test's to inspect."""
    try:
        await asyncio.wait_for(task, timeout=10)
    except (TimeoutError, asyncio.CancelledError):
        task.cancel()
        with contextlib.suppress(BaseException):
            await task


class _Control:
    """A test server's switches: plain HTTP to the server itself, not through the PDS."""

    def __init__(self, url: str) -> None:
        self.url = url

    async def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        async with httpx.AsyncClient(timeout=10) as http:
            r = await http.request(method, f"{self.url}{path}", json=body)
            r.raise_for_status()
            return r.json()


class ChatControl(_Control):
    """The chat service's test switches (plain HTTP, not through the PDS)."""

    async def fault(
        self,
        kind: str,
        method: str = "*",
        *,
        count: int | None = 1,
        delay: float = 0.0,
        retry_after: int = 30,
        status: int = 400,
        error: str = "InvalidRequest",
        caller: str | None = None,
    ) -> None:
        """`kind` "429" | "500" | "slow" | "error" (any XRPC `error` name with `status`);
        `caller`: only that DID's calls."""
        body = {"kind": kind, "method": method, "count": count, "delay": delay, "caller": caller}
        body |= {"retryAfter": retry_after, "status": status, "error": error}
        await self._call("POST", "/_test/faults", body)

    async def clear(self) -> None:
        await self._call("DELETE", "/_test/faults")

    async def requests(self) -> list[dict[str, Any]]:
        reqs: list[dict[str, Any]] = (await self._call("GET", "/_test/requests"))["requests"]
        return reqs

    async def said(self, bot_did: str, did: str) -> list[str]:
        """The bot's messages to `did`, oldest first, over all their conversations."""
        got = await self._call("GET", f"/_test/messages?member={did}")
        return [
            m["text"]
            for c in got["convos"]
            if bot_did in c["members"]
            for m in c["messages"]
            if m["sender"] == bot_did
        ]


class JetstreamRecorder:
    """Runs the SDK's AsyncJetstreamClient (unmodified, default settings) in a task."""

    def __init__(self, base_uri: str, params: dict[str, Any], *, block: bool = False) -> None:
        self.client = AsyncJetstreamClient(params=params, base_uri=base_uri)  # type: ignore[arg-type]
        self.messages: list[Any] = []
        self.errors: list[BaseException] = []
        self.released = asyncio.Event()
        if not block:
            self.released.set()
        self._task: asyncio.Task[None] | None = None

    async def _on_message(self, message: Any) -> None:
        self.messages.append(message)
        await self.released.wait()  # a blocked callback stops the client reading frames

    async def _on_error(self, error: BaseException) -> None:
        self.errors.append(error)

    def start(self) -> JetstreamRecorder:
        self._task = asyncio.create_task(self.client.start(self._on_message, self._on_error))
        return self

    @property
    def task(self) -> asyncio.Task[None]:
        assert self._task is not None
        return self._task

    def events(self, kind: str = "commit") -> list[Any]:
        return [m for m in self.messages if m.py_type.endswith("#" + kind)]

    async def stop(self) -> None:
        self.released.set()
        await self.client.stop()
        # The SDK (0.0.73) never closes the HTTP client it opens for getZstdDictionary.
        xrpc = getattr(self.client, "_xrpc_client", None)
        if xrpc is not None:
            await xrpc.request.close()
        if self._task is not None and self._task.done() and not self._task.cancelled():
            self._task.exception()  # retrieved (a test asserted on it), not "never retrieved"
        if self._task is not None and not self._task.done():
            await finish_task(self._task)
        assert not self.errors, f"jetstream callback errors: {self.errors!r}"


class JetstreamControl(_Control):
    """The Jetstream server's test switches."""

    async def stats(self) -> dict[str, Any]:
        stats: dict[str, Any] = await self._call("GET", "/_test/stats")
        return stats

    async def trim(self, before_seq: int) -> dict[str, Any]:
        stats: dict[str, Any] = await self._call("POST", "/_test/trim", {"beforeSeq": before_seq})
        return stats

    async def drop_all(self) -> int:
        dropping: int = (await self._call("POST", "/_test/drop"))["dropping"]
        return dropping

    async def set_buffer(self, size: int) -> None:
        await self._call("POST", "/_test/config", {"buffer": size})
