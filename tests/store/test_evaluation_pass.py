"""A whole evaluation pass on each backend: pages are written while the next page is read and
decided, and still every due person is decided exactly once and every nudge queued once."""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from bot.aggregates import encode_ints, encode_posts
from bot.clock import US_PER_DAY, US_PER_HOUR
from bot.jobs import Jobs, _moved_past, decide
from bot.outbox import Outbox, SendSettings
from bot.policy import (
    PolicySettings,
    RecentPost,
)
from bot.policy_next import posts_horizon_us
from bot.store import (
    IngestBatch,
    NudgeRecord,
    NudgeUpdates,
    OptIn,
    OutboxDraft,
    OutboxItem,
    PersonRow,
    Store,
    evaluations,
)
from bot.store.models import people
from tests.store.conftest import NO_PG, PG_URL, reset_postgres

NOW = 1_785_585_600_000_000  # 2026-08-01T12:00Z
D = US_PER_DAY


class NoSender:
    async def send(self, item: OutboxItem, person: PersonRow, now_us: int) -> str | None:
        raise AssertionError("the pass only queues")


def aggregates(rng: random.Random) -> dict[str, object]:
    """Regular people gone quiet or not, promo-heavy or not: a mix that queues both kinds."""
    gap = rng.choice([1, 2, 7])
    last = NOW - rng.choice([0, 3, 20, 40]) * D - rng.randrange(D)
    days = sorted({(last - k * gap * D) // D for k in range(80 // gap)})
    share = rng.choice([0.0, 1.0])
    posts = [RecentPost(last - k * 11 * US_PER_HOUR, rng.random() < share, False) for k in range(8)]
    return {
        "last_activity_us": last,
        "active_days": encode_ints(days),
        "hour_counts": encode_ints(rng.randrange(5) for _ in range(24)),
        "recent_posts": encode_posts(sorted(posts)),
        "next_eval_us": NOW - rng.randrange(D),
    }


async def test_a_paged_pass_decides_everyone_once(store: Store) -> None:
    rng = random.Random(4)
    dids = [f"did:plc:p{i:03d}" for i in range(47)]
    opt_ins = {did: OptIn(did, f"f{i}", NOW - 100 * D) for i, did in enumerate(dids)}
    await store.apply(IngestBatch(opt_ins=opt_ins), NOW, lambda _: None)
    async with store.engine.begin() as conn:
        for did in dids:
            await conn.execute(update(people).where(people.c.did == did).values(aggregates(rng)))
    settings = PolicySettings()
    before = await store.people_due(NOW, 100, posts_horizon_us(NOW, settings))
    expected = {r.did: _moved_past(decide(r, NOW, settings), NOW) for r in before}
    jobs = Jobs(store, Outbox(store, NoSender(), SendSettings(), "w"), settings, page_size=6)

    report = await jobs.evaluate(NOW)

    nudges = [r for r in expected.values() if r.draft is not None]
    assert report.examined == len(dids) and report.queued == len(nudges)
    assert {"quiet", "promo_only"} <= set(report.kinds)
    after = await store.people(dids)
    assert {did: after[did].next_eval_us for did in dids} == {
        did: r.next_eval_us for did, r in expected.items()
    }
    queued = [(row["did"], row["kind"], row["text"]) for row in await store.outbox_rows()]
    assert sorted(queued) == sorted((r.did, r.draft.kind, r.draft.text) for r in nudges if r.draft)
    assert (await jobs.evaluate(NOW)).examined == 0  # nobody is due twice


def nudge(did: str, kind: str, text: str, pause: int | None, prev: int | None) -> NudgeRecord:
    draft = OutboxDraft(did, kind, "ep-1", 2, text, NOW + 3)
    updates = NudgeUpdates(NOW, NOW - 5 * D, None, {kind: 2, "welcome": 1}, pause)
    return NudgeRecord(did, NOW + D, draft, updates, prev_last_nudge_us=prev)


async def record_and_dump(url: str, one_statement: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(evaluations, "_SQLITE_JSON_UPDATE", one_statement)
    async with Store.open(url) as store:
        await store.migrate()
        dids = [f"did:plc:n{i}" for i in range(4)]
        opt_ins = {did: OptIn(did, f"f{i}", NOW - D) for i, did in enumerate(dids)}
        await store.apply(IngestBatch(opt_ins=opt_ins), NOW, lambda _: None)
        async with store.engine.begin() as conn:
            await conn.execute(update(people).values(unanswered_nudges=4, paused_until_us=NOW - 1))
        text = 'Hallo "Zoë" 🎨\nline two \\ tab\t end'
        first = [
            nudge(dids[0], "quiet", text, None, NOW - 9 * D),
            nudge(dids[1], "checkin", "x", NOW + 90 * D, None),
        ]
        assert await store.record_evaluations(first, NOW) == 2
        again = [
            nudge(dids[0], "quiet", "other", None, None),
            nudge(dids[2], "promo_only", "é", None, 1),
        ]
        plain = [NudgeRecord(dids[3], None)]
        await store.record_evaluations(again + plain, NOW)  # the first draft is already queued
        people_rows = {did: await store.person(did) for did in dids}
        return people_rows, await store.outbox_rows()


async def test_sqlite_one_statement_writes_what_executemany_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite writes a page's outcomes with json_each statements; the same rows come out as
    through `insert_outbox_many` and `_NUDGED_UPDATE` (ids, texts, pauses, conflicts)."""
    fast = await record_and_dump(f"sqlite+aiosqlite:///{tmp_path}/a.db", True, monkeypatch)
    slow = await record_and_dump(f"sqlite+aiosqlite:///{tmp_path}/b.db", False, monkeypatch)
    assert fast == slow
    people_rows, outbox_rows = fast
    assert [r["text"] for r in outbox_rows] == ['Hallo "Zoë" 🎨\nline two \\ tab\t end', "x", "é"]
    assert people_rows["did:plc:n1"].unanswered_nudges == 0  # the check-in paused them
    assert people_rows["did:plc:n0"].unanswered_nudges == 4


@pytest.mark.postgres
async def test_postgres_arrays_write_what_executemany_writes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """PostgreSQL writes a page's outcomes as arrays (unnest); the same rows come out as
    through `insert_outbox_many` and `_NUDGED_UPDATE` (ids, texts, pauses, conflicts)."""
    if not PG_URL:
        pytest.fail(NO_PG) if os.environ.get("CI") else pytest.skip(NO_PG)
    dumps = []
    for arrays in (True, False):
        monkeypatch.setattr(evaluations, "_POSTGRES_ARRAYS", arrays)
        await reset_postgres(PG_URL)
        dumps.append(await record_and_dump(PG_URL, True, monkeypatch))
    assert dumps[0] == dumps[1]
    people_rows, outbox_rows = dumps[0]
    assert [r["text"] for r in outbox_rows] == ['Hallo "Zoë" 🎨\nline two \\ tab\t end', "x", "é"]
    assert people_rows["did:plc:n1"].unanswered_nudges == 0  # the check-in paused them
    assert people_rows["did:plc:n0"].unanswered_nudges == 4
