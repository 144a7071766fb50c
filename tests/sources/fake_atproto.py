"""An in-process fake PLC directory + PDS on 127.0.0.1 (aiohttp), for backfill unit tests.

Only what backfill uses: `GET /plc/<did>` (a DID document) and
`GET /xrpc/com.atproto.repo.listRecords` (the PDS at the root: an endpoint has no path) with
the PDS's own paging (rkeys newest first, `cursor` = the last rkey of a non-empty page).
Faults are switched per test.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.sources.tid import make_tid


@dataclass
class Fault:
    status: int
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (status 200 = answer normally afterwards)


class FakeAtproto:
    def __init__(self) -> None:
        self.url = ""
        self.docs: dict[str, dict[str, Any]] = {}
        self.repos: dict[str, dict[str, dict[str, Any]]] = {}  # did -> collection -> rkey -> value
        self.pds_fault: Fault | None = None
        self.plc_fault: Fault | None = None
        self.plc_calls: list[str] = []
        self.list_calls: list[dict[str, str]] = []
        self._runner: web.AppRunner | None = None

    @property
    def plc_url(self) -> str:
        return f"{self.url}/plc"

    @property
    def pds_url(self) -> str:
        return self.url

    def account(self, did: str, pds: str | None = None) -> str:
        service = {
            "id": "#atproto_pds",
            "type": "AtprotoPersonalDataServer",
            "serviceEndpoint": pds or self.pds_url,
        }
        self.docs[did] = {"id": did, "alsoKnownAs": ["at://a.test"], "service": [service]}
        self.repos[did] = {}
        return did

    def put(self, did: str, collection: str, rkey: str, value: Any) -> str:
        self.repos[did].setdefault(collection, {})[rkey] = value
        return rkey

    def put_at(self, did: str, collection: str, time_us: int, value: Any) -> str:
        return self.put(did, collection, make_tid(time_us), value)

    async def start(self) -> FakeAtproto:
        app = web.Application()
        app.router.add_get("/plc/{did}", self._plc)
        app.router.add_get("/xrpc/com.atproto.repo.listRecords", self._list_records)
        self._runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _fault(self, fault: Fault | None) -> web.Response | None:
        if fault is None:
            return None
        await asyncio.sleep(fault.delay)
        if fault.status == 200:
            return None
        return web.json_response(fault.body, status=fault.status, headers=fault.headers)

    async def _plc(self, request: web.Request) -> web.Response:
        did = request.match_info["did"]
        self.plc_calls.append(did)
        faulted = await self._fault(self.plc_fault)
        if faulted is not None:
            return faulted
        doc = self.docs.get(did)
        if doc is None:
            return web.json_response({"message": f"DID not registered: {did}"}, status=404)
        return web.json_response(doc)

    async def _list_records(self, request: web.Request) -> web.Response:
        query = dict(request.query)
        self.list_calls.append(query)
        faulted = await self._fault(self.pds_fault)
        if faulted is not None:
            return faulted
        did, collection = query["repo"], query["collection"]
        if did not in self.repos:  # what @atproto/pds answers for a repo it does not host
            body = {"error": "InvalidRequest", "message": f"Could not find repo: {did}"}
            return web.json_response(body, status=400)
        stored = self.repos[did].get(collection, {})
        rkeys = sorted(stored, reverse=True)
        if "cursor" in query:
            rkeys = [k for k in rkeys if k < query["cursor"]]
        page = rkeys[: int(query.get("limit", "50"))]
        records = [
            {"uri": f"at://{did}/{collection}/{k}", "cid": "bafyfake", "value": stored[k]}
            for k in page
        ]
        answer: dict[str, Any] = {"records": records}
        if page:
            answer["cursor"] = page[-1]
        return web.json_response(answer)
