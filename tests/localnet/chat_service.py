"""A small `chat.bsky.convo.*` service for the tests (Bluesky's chat service is closed source).

It is reached the way production is: the caller's PDS proxies requests that carry
`atproto-proxy: <our did>#bsky_chat` here, with a service JWT (ES256K) whose `iss` is the
caller, `aud` our DID and `lxm` the method. We verify that JWT against the caller's DID
document (resolved from the local PLC) with the SDK's `atproto_server.auth.jwt`, and act as
the caller. Our DID is `did:web:localhost%3A<port>`: the dev-mode PDS resolves it over plain
http from `/.well-known/did.json`, which we serve.

Methods: getConvoForMembers, getConvoAvailability, getConvo, listConvos, sendMessage,
sendMessageBatch, getLog, getMessages, acceptConvo, updateRead, leaveConvo, muteConvo,
unmuteConvo. Log entries: logBeginConvo, logCreateMessage, logAcceptConvo, logLeaveConvo,
logMuteConvo / logUnmuteConvo. A convo someone else started is a "request" for the recipient
until they accept it or reply. Each person's
`chat.bsky.actor.declaration/self` (`allowIncoming` all / following / none; default following)
is read from their PDS, as are their follows and blocks, on every convo lookup.

Test switches (plain HTTP on this server, not through the PDS):
  POST / DELETE /_test/faults  injected errors and delays (tests/localnet/chat_faults.py)
  GET    /_test/requests       every XRPC request seen: method, iss, aud, lxm, status, fault

Run: python -m tests.localnet.chat_service --plc-url http://localhost:PORT
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import grapheme
import httpx
from aiohttp import web
from atproto_identity.resolver import AsyncIdResolver
from atproto_server.auth.jwt import verify_jwt_async
from atproto_server.exceptions import InvalidTokenError

from tests.localnet.chat_faults import Faults
from tests.localnet.serving import bind_loopback, serve

CONVO = "chat.bsky.convo."
MAX_GRAPHEMES = 1000
MAX_BYTES = 10000


class XrpcError(Exception):
    def __init__(self, status: int, error: str, message: str = "") -> None:
        super().__init__(f"{error}: {message}")
        self.status, self.error, self.message = status, error, message


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


@dataclass
class Message:
    id: str
    rev: str
    sender: str
    text: str
    sent_at: str

    def view(self) -> dict[str, Any]:
        return {
            "$type": "chat.bsky.convo.defs#messageView",
            "id": self.id,
            "rev": self.rev,
            "text": self.text,
            "sender": {"$type": "chat.bsky.convo.defs#messageViewSender", "did": self.sender},
            "sentAt": self.sent_at,
        }


@dataclass
class Convo:
    id: str
    members: tuple[str, str]
    rev: str
    status: dict[str, str]  # did -> request | accepted
    unread: dict[str, int]
    messages: list[Message] = field(default_factory=list)
    locked: bool = False
    muted: set[str] = field(default_factory=set)  # members who muted it
    left: set[str] = field(default_factory=set)  # members who left (it is gone for them)


class ChatService:
    def __init__(self, plc_url: str, port: int) -> None:
        self.did = f"did:web:localhost%3A{port}"
        self.url = f"http://localhost:{port}"
        self.resolver = AsyncIdResolver(plc_url=plc_url, timeout=10)
        self.http = httpx.AsyncClient(timeout=10)
        self.convos: dict[str, Convo] = {}
        self.by_pair: dict[frozenset[str], str] = {}
        self.log: list[tuple[str, str, dict[str, Any]]] = []  # (rev, member did, log entry)
        self._revs = itertools.count(1)
        self.faults = Faults()
        self.requests: list[dict[str, Any]] = []

    # --- identity & repos -------------------------------------------------------------

    def next_rev(self) -> str:
        # Fixed-width so that string order is numeric order, like TIDs.
        return f"{int(time.time() * 1000):013d}{next(self._revs):09d}"

    async def authenticate(self, request: web.Request, nsid: str) -> tuple[str, dict[str, Any]]:
        auth = request.headers.get("authorization", "")
        if not auth.startswith("Bearer "):
            raise XrpcError(401, "AuthMissing", "service JWT required")
        try:
            payload = await verify_jwt_async(
                auth[len("Bearer ") :], self.resolver.did.resolve_atproto_key, own_did=self.did
            )
        except InvalidTokenError as e:
            raise XrpcError(401, "InvalidToken", f"bad service JWT: {e}") from e
        claims = payload.model_dump()
        lxm = claims.get("lxm")
        if lxm != nsid:
            raise XrpcError(401, "BadJwtLexiconMethod", f"lxm {lxm!r} is not {nsid}")
        assert payload.iss is not None
        return payload.iss.split("#", 1)[0], claims

    async def pds_of(self, did: str) -> tuple[str, str]:
        """(PDS endpoint, handle) of `did`, from its DID document."""
        try:
            data = await self.resolver.did.resolve_atproto_data(did)
        except Exception as e:
            raise XrpcError(400, "RecipientNotFound", f"cannot resolve {did}") from e
        assert data.pds is not None and data.handle is not None
        return data.pds, data.handle

    async def records(self, did: str, collection: str) -> list[dict[str, Any]]:
        pds, _ = await self.pds_of(did)
        out: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            params = {"repo": did, "collection": collection, "limit": "100"}
            if cursor:
                params["cursor"] = cursor
            r = await self.http.get(f"{pds}/xrpc/com.atproto.repo.listRecords", params=params)
            r.raise_for_status()
            body = r.json()
            out.extend(rec["value"] for rec in body.get("records", []))
            cursor = body.get("cursor")
            if not cursor or not body.get("records"):
                return out

    async def allow_incoming(self, did: str) -> str:
        pds, _ = await self.pds_of(did)
        r = await self.http.get(
            f"{pds}/xrpc/com.atproto.repo.getRecord",
            params={"repo": did, "collection": "chat.bsky.actor.declaration", "rkey": "self"},
        )
        if r.status_code == 200:
            value = str(r.json().get("value", {}).get("allowIncoming", "following"))
            return value if value in ("all", "following", "none") else "following"
        return "following"  # Bluesky's default without a declaration

    async def follows(self, did: str, subject: str) -> bool:
        return any(
            r.get("subject") == subject for r in await self.records(did, "app.bsky.graph.follow")
        )

    async def blocks(self, did: str, subject: str) -> bool:
        return any(
            r.get("subject") == subject for r in await self.records(did, "app.bsky.graph.block")
        )

    async def refusal(self, sender: str, recipient: str) -> XrpcError | None:
        """Why `sender` may not start a convo with `recipient`, or None."""
        await self.pds_of(recipient)  # RecipientNotFound
        if await self.blocks(sender, recipient):
            return XrpcError(400, "BlockedActor", "you block this account")
        if await self.blocks(recipient, sender):
            return XrpcError(400, "BlockedSubject", "this account blocks you")
        allow = await self.allow_incoming(recipient)
        if allow == "none":
            return XrpcError(400, "MessagesDisabled", "recipient has disabled incoming messages")
        if allow == "following" and not await self.follows(recipient, sender):
            return XrpcError(
                400,
                "NotFollowedBySender",
                "recipient requires incoming messages to come from someone they follow",
            )
        return None

    # --- views ------------------------------------------------------------------------

    async def convo_view(self, convo: Convo, viewer: str) -> dict[str, Any]:
        members = []
        for did in convo.members:
            _, handle = await self.pds_of(did)
            members.append(
                {"$type": "chat.bsky.actor.defs#profileViewBasic", "did": did, "handle": handle}
            )
        view: dict[str, Any] = {
            "$type": "chat.bsky.convo.defs#convoView",
            "id": convo.id,
            "rev": convo.rev,
            "members": members,
            "muted": viewer in convo.muted,
            "status": convo.status[viewer],
            "unreadCount": convo.unread[viewer],
        }
        if convo.messages:
            view["lastMessage"] = convo.messages[-1].view()
        return view

    def member_convo(self, convo_id: str, caller: str) -> Convo:
        convo = self.convos.get(convo_id)
        if convo is None or caller not in convo.members or caller in convo.left:
            raise XrpcError(400, "InvalidConvo", "convo not found")
        return convo

    def add_log(
        self,
        convo: Convo,
        entry: dict[str, Any],
        members: tuple[str, ...] | None = None,
        rev: str | None = None,
    ) -> str:
        rev = rev or self.next_rev()
        convo.rev = rev
        entry = {**entry, "rev": rev, "convoId": convo.id}
        for did in members or convo.members:
            self.log.append((rev, did, entry))
        return rev

    def find_convo(self, caller: str, members: list[str]) -> tuple[frozenset[str], Convo | None]:
        pair = frozenset([caller, *members])
        if len(pair) != 2:
            raise XrpcError(400, "InvalidRequest", "direct convos have exactly two members")
        convo_id = self.by_pair.get(pair)
        return pair, self.convos.get(convo_id) if convo_id else None

    # --- methods ----------------------------------------------------------------------

    async def get_convo_for_members(
        self, caller: str, params: dict[str, list[str]]
    ) -> dict[str, Any]:
        pair, convo = self.find_convo(caller, params.get("members", []))
        if convo is None:
            (other,) = pair - {caller}
            refusal = await self.refusal(caller, other)
            if refusal:
                raise refusal
            members = (caller, other)
            convo = Convo(
                id=uuid.uuid4().hex[:16],
                members=members,
                rev="",
                status={caller: "accepted", other: "request"},
                unread={caller: 0, other: 0},
            )
            self.convos[convo.id] = convo
            self.by_pair[pair] = convo.id
            self.add_log(convo, {"$type": "chat.bsky.convo.defs#logBeginConvo"})
        elif caller in convo.left:  # asking for it again brings it back for the caller
            convo.left.discard(caller)
            convo.status[caller] = "accepted"
            self.add_log(convo, {"$type": "chat.bsky.convo.defs#logBeginConvo"}, (caller,))
        return {"convo": await self.convo_view(convo, caller)}

    async def get_convo_availability(
        self, caller: str, params: dict[str, list[str]]
    ) -> dict[str, Any]:
        pair, convo = self.find_convo(caller, params.get("members", []))
        if convo is not None:
            return {"canChat": True, "convo": await self.convo_view(convo, caller)}
        (other,) = pair - {caller}
        refusal = await self.refusal(caller, other)
        return {"canChat": refusal is None}

    async def get_convo(self, caller: str, params: dict[str, list[str]]) -> dict[str, Any]:
        convo = self.member_convo(_one(params, "convoId"), caller)
        return {"convo": await self.convo_view(convo, caller)}

    async def list_convos(self, caller: str, params: dict[str, list[str]]) -> dict[str, Any]:
        status = _opt(params, "status")
        mine = [c for c in self.convos.values() if caller in c.members and caller not in c.left]
        mine = [c for c in mine if status is None or c.status[caller] == status]
        mine.sort(key=lambda c: c.rev, reverse=True)
        limit = int(_opt(params, "limit") or 50)
        cursor = _opt(params, "cursor")
        if cursor:
            mine = [c for c in mine if c.rev < cursor]
        page = mine[:limit]
        out: dict[str, Any] = {"convos": [await self.convo_view(c, caller) for c in page]}
        if len(mine) > limit:
            out["cursor"] = page[-1].rev
        return out

    def _send(self, caller: str, convo_id: str, message: dict[str, Any]) -> dict[str, Any]:
        convo = self.member_convo(convo_id, caller)
        if convo.locked:
            raise XrpcError(400, "ConvoLocked", "convo is locked")
        text = message.get("text")
        if not isinstance(text, str) or not text:
            raise XrpcError(400, "InvalidRequest", "message.text is required")
        if grapheme.length(text) > MAX_GRAPHEMES or len(text.encode()) > MAX_BYTES:
            raise XrpcError(
                400, "InvalidRequest", f"message.text is longer than {MAX_GRAPHEMES} graphemes"
            )
        reply_to = message.get("replyTo")
        if reply_to and not any(m.id == reply_to.get("messageId") for m in convo.messages):
            raise XrpcError(400, "ReplyTargetNotFound", "reply target not found")
        rev = self.next_rev()
        msg = Message(
            id=uuid.uuid4().hex[:16], rev=rev, sender=caller, text=text, sent_at=now_iso()
        )
        convo.messages.append(msg)
        convo.status[caller] = "accepted"  # replying accepts a request
        for did in convo.members:
            if did != caller:
                convo.unread[did] += 1
                if did in convo.left:  # a new message brings it back, as a request
                    convo.left.discard(did)
                    convo.status[did] = "request"
        entry = {"$type": "chat.bsky.convo.defs#logCreateMessage", "message": msg.view()}
        self.add_log(convo, entry, rev=rev)
        return msg.view()

    async def send_message(self, caller: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._send(caller, str(body.get("convoId", "")), body.get("message") or {})

    async def send_message_batch(self, caller: str, body: dict[str, Any]) -> dict[str, Any]:
        items = body.get("items") or []
        return {
            "items": [
                self._send(caller, str(i.get("convoId", "")), i.get("message") or {}) for i in items
            ]
        }

    async def get_log(self, caller: str, params: dict[str, list[str]]) -> dict[str, Any]:
        mine = [(rev, entry) for rev, did, entry in self.log if did == caller]
        cursor = _opt(params, "cursor")
        if cursor is None:
            # No cursor: only the current position, never history.
            return {"cursor": mine[-1][0] if mine else self.next_rev(), "logs": []}
        newer = [(rev, entry) for rev, entry in mine if rev > cursor][:100]
        return {"cursor": newer[-1][0] if newer else cursor, "logs": [e for _, e in newer]}

    async def get_messages(self, caller: str, params: dict[str, list[str]]) -> dict[str, Any]:
        convo = self.member_convo(_one(params, "convoId"), caller)
        limit = int(_opt(params, "limit") or 50)
        msgs = list(reversed(convo.messages))  # newest first
        cursor = _opt(params, "cursor")
        if cursor:
            msgs = [m for m in msgs if m.rev < cursor]
        page = msgs[:limit]
        out: dict[str, Any] = {"messages": [m.view() for m in page]}
        if len(msgs) > limit:
            out["cursor"] = page[-1].rev
        return out

    async def accept_convo(self, caller: str, body: dict[str, Any]) -> dict[str, Any]:
        convo = self.member_convo(str(body.get("convoId", "")), caller)
        if convo.status[caller] == "accepted":
            return {}
        convo.status[caller] = "accepted"
        rev = self.add_log(convo, {"$type": "chat.bsky.convo.defs#logAcceptConvo"}, (caller,))
        return {"rev": rev}

    async def leave_convo(self, caller: str, body: dict[str, Any]) -> dict[str, Any]:
        """Gone from the caller's list until a new message arrives. Every member's log gets a
        logLeaveConvo (the bot pauses a person who leaves; whether Bluesky's own service tells
        the other member is not documented)."""
        convo = self.member_convo(str(body.get("convoId", "")), caller)
        convo.left.add(caller)
        convo.unread[caller] = 0
        rev = self.add_log(convo, {"$type": "chat.bsky.convo.defs#logLeaveConvo"})
        return {"convoId": convo.id, "rev": rev}

    async def mute_convo(self, caller: str, body: dict[str, Any]) -> dict[str, Any]:
        return await self._set_muted(caller, body, muted=True)

    async def unmute_convo(self, caller: str, body: dict[str, Any]) -> dict[str, Any]:
        return await self._set_muted(caller, body, muted=False)

    async def _set_muted(self, caller: str, body: dict[str, Any], *, muted: bool) -> dict[str, Any]:
        convo = self.member_convo(str(body.get("convoId", "")), caller)
        if (caller in convo.muted) != muted:
            (convo.muted.add if muted else convo.muted.discard)(caller)
            kind = "logMuteConvo" if muted else "logUnmuteConvo"
            self.add_log(convo, {"$type": f"chat.bsky.convo.defs#{kind}"}, (caller,))
        return {"convo": await self.convo_view(convo, caller)}

    async def update_read(self, caller: str, body: dict[str, Any]) -> dict[str, Any]:
        convo = self.member_convo(str(body.get("convoId", "")), caller)
        convo.unread[caller] = 0
        return {"convo": await self.convo_view(convo, caller)}

    # --- HTTP -------------------------------------------------------------------------

    async def did_json(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "@context": ["https://www.w3.org/ns/did/v1"],
                "id": self.did,
                "service": [
                    {"id": "#bsky_chat", "type": "BskyChatService", "serviceEndpoint": self.url}
                ],
            }
        )

    async def xrpc(self, request: web.Request) -> web.Response:
        nsid = request.match_info["nsid"]
        record: dict[str, Any] = {"method": nsid, "at": time.time()}
        self.requests.append(record)
        try:
            handler = self.methods.get(nsid)
            if handler is None:
                raise XrpcError(501, "MethodNotImplemented", f"{nsid} is not implemented here")
            caller, claims = await self.authenticate(request, nsid)
            record.update(iss=claims.get("iss"), aud=claims.get("aud"), lxm=claims.get("lxm"))
            fault = await self.faults.apply(nsid, record)
            if fault is not None:
                return fault
            if request.method == "POST":
                body = await request.json()
                result = await handler(caller, body)
            else:
                params = {k: request.query.getall(k) for k in request.query}
                result = await handler(caller, params)
            record["status"] = 200
            return web.json_response(result)
        except XrpcError as e:
            record["status"] = e.status
            record["error"] = e.error
            return web.json_response({"error": e.error, "message": e.message}, status=e.status)

    async def list_requests(self, request: web.Request) -> web.Response:
        return web.json_response({"requests": self.requests})

    async def list_messages(self, request: web.Request) -> web.Response:
        """Every message of every conversation with `member` (what the crash tests count)."""
        member = request.query.get("member", "")
        convos = [
            {
                "id": c.id,
                "members": list(c.members),
                "messages": [{"sender": m.sender, "text": m.text} for m in c.messages],
            }
            for c in self.convos.values()
            if member in c.members
        ]
        return web.json_response({"convos": convos})

    @property
    def methods(self) -> dict[str, Any]:
        return {
            CONVO + "getConvoForMembers": self.get_convo_for_members,
            CONVO + "getConvoAvailability": self.get_convo_availability,
            CONVO + "getConvo": self.get_convo,
            CONVO + "listConvos": self.list_convos,
            CONVO + "sendMessage": self.send_message,
            CONVO + "sendMessageBatch": self.send_message_batch,
            CONVO + "getLog": self.get_log,
            CONVO + "getMessages": self.get_messages,
            CONVO + "acceptConvo": self.accept_convo,
            CONVO + "updateRead": self.update_read,
            CONVO + "leaveConvo": self.leave_convo,
            CONVO + "muteConvo": self.mute_convo,
            CONVO + "unmuteConvo": self.unmute_convo,
        }

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/.well-known/did.json", self.did_json)
        app.router.add_route("*", "/xrpc/{nsid}", self.xrpc)
        self.faults.routes(app)
        app.router.add_get("/_test/requests", self.list_requests)
        app.router.add_get("/_test/messages", self.list_messages)
        return app


def _one(params: dict[str, list[str]], name: str) -> str:
    value = _opt(params, name)
    if value is None:
        raise XrpcError(400, "InvalidRequest", f"{name} is required")
    return value


def _opt(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    return values[0] if values else None


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plc-url", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    socks = bind_loopback(args.port)
    port = socks[0].getsockname()[1]
    service = ChatService(args.plc_url, port)
    try:
        await serve(service.app(), socks, {"url": service.url, "did": service.did, "port": port})
    finally:
        await service.http.aclose()


if __name__ == "__main__":
    asyncio.run(main())
