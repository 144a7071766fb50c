"""Two sender *processes* (own interpreters, engines and pools) drain one outbox at once: each
DM goes out exactly once, on SQLite (the file's write lock) and PostgreSQL (FOR UPDATE SKIP
LOCKED). The in-process variant with a barrier is tests/store/test_two_senders.py."""

from __future__ import annotations

import asyncio
import os
import sys
from collections import Counter
from pathlib import Path

from bot.store import IngestBatch, OptIn, OutboxDraft, Store
from tests.store.test_two_senders import T0, no_next

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 80


async def run_sender(url: str, name: str) -> asyncio.subprocess.Process:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "tests.store.sender_proc", url, name, str(T0)),
        cwd=ROOT,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )


async def sent_by(proc: asyncio.subprocess.Process) -> list[str]:
    out, _ = await proc.communicate(b"go\n")
    assert proc.returncode == 0
    return [line.split("\t", 1)[1] for line in out.decode().splitlines() if line.startswith("sent")]


async def test_two_sender_processes_send_each_row_once(store: Store, database_url: str) -> None:
    dids = [f"did:plc:p{i:03d}" for i in range(PEOPLE)]
    batch = IngestBatch()
    for did in dids:
        batch.opt_ins[did] = OptIn(did, "f", T0)
        batch.welcomes[did] = OutboxDraft(did, "welcome", "w", 0, f"hello {did}", T0)
    await store.apply(batch, T0, no_next)
    procs = [await run_sender(database_url, f"sender-{i}") for i in (1, 2)]
    async with asyncio.timeout(60):
        for proc in procs:  # both connected before either may claim
            assert proc.stdout is not None and await proc.stdout.readline() == b"ready\n"
        sent = await asyncio.gather(*(sent_by(proc) for proc in procs))
    assert all(sent), "both processes should have sent some"
    counts = Counter(text for texts in sent for text in texts)
    assert counts == Counter(f"hello {did}" for did in dids)  # every DM once, none twice
    rows = await store.outbox_rows()
    assert len(rows) == PEOPLE
    assert {r["status"] for r in rows} == {"sent"} and {r["attempts"] for r in rows} == {1}
    assert {r["claimed_by"] for r in rows} == {"sender-1", "sender-2"}
