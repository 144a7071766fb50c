"""The chat service's fault switches (tests/localnet/chat_service.py), kept apart from its
chat.bsky.convo methods.

  POST   /_test/faults  {"kind": "429"|"500"|"slow"|"error", "method": NSID or "*",
                         "count": n or null (until cleared), "delay": seconds (slow),
                         "retryAfter": seconds (429), "status": n, "error": name (error),
                         "caller": DID or null (only that caller's calls)}
  DELETE /_test/faults  clear all faults
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

from aiohttp import web

KINDS = ("429", "500", "slow", "error")


@dataclass
class Fault:
    kind: str
    method: str
    remaining: int | None  # None: until cleared
    delay: float = 0.0
    retry_after: int = 30
    status: int = 400  # kind "error": any XRPC error, e.g. 400 ConvoLocked / AccountSuspended
    error: str = "InvalidRequest"
    caller: str | None = None

    def matches(self, nsid: str, caller: str | None) -> bool:
        if self.caller is not None and caller != self.caller:
            return False
        return self.method in ("*", nsid) and (self.remaining is None or self.remaining > 0)


class Faults:
    def __init__(self) -> None:
        self.active: list[Fault] = []

    async def apply(self, nsid: str, record: dict[str, Any]) -> web.Response | None:
        """The faulty answer for `nsid`, if a fault matches (a slow one only delays)."""
        for fault in self.active:
            if not fault.matches(nsid, record.get("iss")):
                continue
            if fault.remaining is not None:
                fault.remaining -= 1
            record["fault"] = fault.kind
            if fault.kind == "slow":
                await asyncio.sleep(fault.delay)
                return None  # then answer normally
            answer = self._answer(fault)
            record["status"] = answer.status
            return answer
        return None

    def _answer(self, fault: Fault) -> web.Response:
        if fault.kind == "429":
            reset = int(time.time()) + fault.retry_after
            return web.json_response(
                {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
                status=429,
                headers={
                    "retry-after": str(fault.retry_after),
                    "ratelimit-limit": "10",
                    "ratelimit-remaining": "0",
                    "ratelimit-reset": str(reset),
                    "ratelimit-policy": "10;w=60",
                },
            )
        if fault.kind == "500":
            return web.json_response(
                {"error": "InternalServerError", "message": "Internal Server Error"}, status=500
            )
        return web.json_response(
            {"error": fault.error, "message": f"{fault.error} (injected)"}, status=fault.status
        )

    async def set(self, request: web.Request) -> web.Response:
        body = await request.json()
        kind = str(body.get("kind"))
        if kind not in KINDS:
            return web.json_response({"error": f"unknown fault kind {kind!r}"}, status=400)
        count = body.get("count", 1)
        self.active.append(
            Fault(
                kind=kind,
                method=str(body.get("method", "*")),
                remaining=None if count is None else int(count),
                delay=float(body.get("delay", 0.0)),
                retry_after=int(body.get("retryAfter", 30)),
                status=int(body.get("status", 400)),
                error=str(body.get("error", "InvalidRequest")),
                caller=body.get("caller"),
            )
        )
        return web.json_response({"ok": True})

    async def clear(self, request: web.Request) -> web.Response:
        self.active.clear()
        return web.json_response({"ok": True})

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/_test/faults", self.set)
        app.router.add_delete("/_test/faults", self.clear)
