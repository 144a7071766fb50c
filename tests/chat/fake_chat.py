"""An in-process fake chat.bsky.convo XRPC server on 127.0.0.1 (aiohttp) for ChatClient unit
tests: each method answers lexicon-shaped JSON, or whatever a test queued for it (an XRPC
error body with a status and headers, a delay). Every request is recorded."""

from __future__ import annotations

import asyncio
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

CONVO = "chat.bsky.convo."
DEFS = "chat.bsky.convo.defs#"
BOT = "did:plc:bot"
PERSON = "did:plc:person"


@dataclass
class Answer:
    status: int = 200
    body: Any = None  # JSON, or bytes sent as they are (e.g. a gzip body with its header)
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Seen:
    method: str
    query: dict[str, list[str]]
    body: Any
    headers: dict[str, str]


def message(
    text: str = "hello",
    sender: str = BOT,
    *,
    id: str = "m1",
    rev: str = "r1",
    sent_at: Any = "2026-01-02T03:04:05.678Z",
) -> dict[str, Any]:
    view: dict[str, Any] = {
        "$type": DEFS + "messageView",
        "id": id,
        "rev": rev,
        "text": text,
        "sender": {"did": sender},
    }
    if sent_at is not None:
        view["sentAt"] = sent_at
    return view


def convo(id: str = "c1", members: tuple[str, ...] = (BOT, PERSON), **extra: Any) -> dict[str, Any]:
    view = {
        "$type": DEFS + "convoView",
        "id": id,
        "rev": "r0",
        "members": [{"did": did, "handle": did.rsplit(":", 1)[-1] + ".test"} for did in members],
        "muted": False,
        "unreadCount": 0,
    }
    return {**view, **extra}


def xrpc_error(status: int, name: str, message: str = "", **headers: str) -> Answer:
    return Answer(status, {"error": name, "message": message or name}, headers)


class FakeChat:
    def __init__(self) -> None:
        self.url = ""
        self.queued: dict[str, deque[Answer]] = defaultdict(deque)
        self.seen: list[Seen] = []
        self._runner: web.AppRunner | None = None

    def answer(self, method: str, *answers: Answer) -> None:
        """Queue answers for `method` (short name, e.g. "sendMessage"), used once each."""
        self.queued[CONVO + method].extend(answers)

    def calls(self, method: str) -> list[Seen]:
        return [s for s in self.seen if s.method == CONVO + method]

    def default(self, nsid: str, query: dict[str, list[str]], body: Any) -> Any:
        name = nsid.removeprefix(CONVO)
        if name == "sendMessage":
            return message(body["message"]["text"])
        if name in ("getConvoForMembers", "getConvo", "updateRead", "muteConvo"):
            return {"convo": convo()}
        if name == "getConvoAvailability":
            return {"canChat": True}
        if name == "listConvos":
            return {"convos": []}
        if name == "getMessages":
            return {"messages": []}
        if name == "getLog":
            return {"cursor": query.get("cursor", ["now0001"])[0], "logs": []}
        if name == "acceptConvo":
            return {"rev": "r9"}
        return {}

    async def _xrpc(self, request: web.Request) -> web.Response:
        nsid = request.match_info["nsid"]
        query = {k: request.query.getall(k) for k in request.query}
        body = await request.json() if request.method == "POST" else None
        self.seen.append(Seen(nsid, query, body, dict(request.headers)))
        if self.queued[nsid]:
            queued = self.queued[nsid].popleft()
            await asyncio.sleep(queued.delay)
            if isinstance(queued.body, bytes):
                headers = {"Content-Type": "application/json", **queued.headers}
                return web.Response(body=queued.body, status=queued.status, headers=headers)
            if queued.status != 200 or queued.body is not None:
                return web.json_response(queued.body, status=queued.status, headers=queued.headers)
        return web.json_response(self.default(nsid, query, body))

    async def start(self) -> FakeChat:
        app = web.Application()
        app.router.add_route("*", "/xrpc/{nsid}", self._xrpc)
        self._runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
