"""Reconciliation: the pure plan (one table of cases), its events, and the Reconciler with fakes."""

from __future__ import annotations

import ast
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.clock import US_PER_HOUR, US_PER_MINUTE
from bot.errors import TransientError
from bot.events import Event, FollowCreated, FollowDeleted
from bot.reconcile import (
    KnownFollower,
    ReconcilePlan,
    Reconciler,
    ReconcileReport,
    plan_reconciliation,
    reconciliation_events,
)

BOT = "did:plc:thebot"
NOW = 1_785_585_600_000_000  # 2026-08-01T12:00Z
GRACE = US_PER_HOUR
OLD = NOW - 30 * 24 * US_PER_HOUR


def people(n: int, prefix: str = "p") -> dict[str, KnownFollower]:
    return {f"did:plc:{prefix}{i:03}": KnownFollower(f"r{i}", OLD) for i in range(n)}


def listed(known: Mapping[str, KnownFollower]) -> dict[str, str | None]:
    return {did: k.follow_rkey for did, k in known.items()}


TWENTY = people(20)


@dataclass(frozen=True)
class Case:
    id: str
    followers: Mapping[str, str | None]
    known: Mapping[str, KnownFollower]
    opt_ins: list[tuple[str, str]] = field(default_factory=list)
    opt_outs: list[tuple[str, str]] = field(default_factory=list)
    complete: bool = True
    refused: bool = False
    skipped: int = 0
    in_grace: int = 0
    kw: Mapping[str, float | int] = field(default_factory=dict)


A, B, C = "did:plc:a", "did:plc:b", "did:plc:c"
CASES = [
    Case("nothing to do", {A: "a1"}, {A: KnownFollower("a1", OLD)}),
    Case("both empty", {}, {}),
    Case("missed follow opts in", {A: "a1", B: "b1"}, {A: KnownFollower("a1", OLD)}, [(B, "b1")]),
    Case("moved rkey opts in again", {A: "a2"}, {A: KnownFollower("a1", OLD)}, [(A, "a2")]),
    Case("missed unfollow opts out", {}, {A: KnownFollower("a1", OLD)}, opt_outs=[(A, "a1")]),
    Case(
        "opt-out carries the stored rkey",
        {B: "b1"},
        {A: KnownFollower("a7", OLD), B: KnownFollower("b1", OLD)},
        opt_outs=[(A, "a7")],
    ),
    Case(
        "incomplete listing: opt-ins only",
        {B: "b1"},
        {A: KnownFollower("a1", OLD)},
        [(B, "b1")],
        complete=False,
    ),
    Case("no rkey: skipped, not guessed", {A: None, B: "b1"}, {}, [(B, "b1")], skipped=1),
    Case(
        "no rkey but known: still a follower, kept",
        {A: None},
        {A: KnownFollower("a1", OLD)},
        skipped=1,
    ),
    Case(
        "opted in within the grace: spared",
        {},
        {A: KnownFollower("a1", NOW - GRACE + 1), B: KnownFollower("b1", NOW)},
        in_grace=2,
    ),
    Case(
        "grace edge: exactly started - grace is spared",
        {},
        {A: KnownFollower("a1", NOW - GRACE)},
        in_grace=1,
    ),
    Case(
        "grace edge: 1 us older is opted out",
        {},
        {A: KnownFollower("a1", NOW - GRACE - 1)},
        opt_outs=[(A, "a1")],
    ),
    Case(
        "drop guard: empty listing of 20 refuses",
        {},
        TWENTY,
        refused=True,
    ),
    Case(
        "drop guard: opt-ins go ahead when refused",
        {A: "a1"},
        TWENTY,
        [(A, "a1")],
        refused=True,
    ),
    Case(
        "drop guard: half exactly is allowed",
        dict(list(listed(TWENTY).items())[:10]),
        TWENTY,
        opt_outs=[(d, k.follow_rkey) for d, k in list(TWENTY.items())[10:]],
    ),
    Case(
        "drop guard: 11 of 20 refuses",
        dict(list(listed(TWENTY).items())[:9]),
        TWENTY,
        refused=True,
    ),
    Case(
        "drop guard: small stores may lose everyone (10 of 10)",
        {},
        people(10),
        opt_outs=[(d, k.follow_rkey) for d, k in people(10).items()],
    ),
    Case(
        "drop guard: tunable",
        {},
        people(3),
        refused=True,
        kw={"min_drop_guard": 2, "max_drop_fraction": 0.5},
    ),
    Case(
        "drop guard counts only real opt-outs, not spared ones",
        {},
        {**people(9), **{f"did:plc:new{i}": KnownFollower(f"n{i}", NOW) for i in range(20)}},
        opt_outs=[(d, k.follow_rkey) for d, k in people(9).items()],
        in_grace=20,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_plan_reconciliation(case: Case) -> None:
    plan = plan_reconciliation(
        case.followers,
        case.complete,
        case.known,
        started_us=NOW,
        grace_us=GRACE,
        **case.kw,  # type: ignore[arg-type]
    )
    assert plan.opt_ins == case.opt_ins
    assert plan.opt_outs == ([] if case.refused else case.opt_outs)
    assert (plan.refused is not None) == case.refused
    assert plan.skipped_no_rkey == case.skipped
    assert plan.in_grace == case.in_grace


def test_refusal_says_why() -> None:
    plan = plan_reconciliation({}, True, TWENTY, started_us=NOW, grace_us=GRACE)
    assert plan.refused is not None
    assert "20 of 20" in plan.refused and "50%" in plan.refused


def test_events_opt_outs_then_opt_ins_at_now() -> None:
    plan = ReconcilePlan(opt_ins=[(A, "a1")], opt_outs=[(B, "b9")])
    assert reconciliation_events(plan, BOT, NOW) == [
        FollowDeleted(B, NOW, "b9"),
        FollowCreated(A, NOW, "a1", subject=BOT),
    ]


def test_core_never_imports_the_sdk() -> None:
    source = Path(__file__).parents[1].joinpath("bot", "reconcile.py").read_text()
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    assert not [m for m in imported if m.startswith("atproto")], imported


# --- Reconciler with fakes ------------------------------------------------------------------


@dataclass(frozen=True)
class Listing:
    follows: dict[str, str | None]
    complete: bool = True


class FakeLister:
    def __init__(self, listing: Listing | Exception) -> None:
        self.listing = listing
        self.asked: list[str] = []

    async def __call__(self, bot_did: str, /) -> Listing:
        self.asked.append(bot_did)
        if isinstance(self.listing, Exception):
            raise self.listing
        return self.listing


class FakeStore:
    def __init__(self, known: dict[str, KnownFollower]) -> None:
        self.known = known

    async def load_opted_in_details(self) -> dict[str, KnownFollower]:
        return dict(self.known)


class Sink:
    def __init__(self) -> None:
        self.batches: list[list[Event]] = []

    async def __call__(self, events: Sequence[Event]) -> None:
        self.batches.append(list(events))


async def test_run_once_puts_the_events_and_reports(caplog: pytest.LogCaptureFixture) -> None:
    lister = FakeLister(Listing({A: "a1", B: None, C: "c2"}))
    store = FakeStore({C: KnownFollower("c1", OLD), "did:plc:gone": KnownFollower("g1", OLD)})
    sink = Sink()
    reconciler = Reconciler(lister, store, sink, BOT, grace_us=GRACE)
    with caplog.at_level(logging.INFO, logger="bot.reconcile"):
        report = await reconciler.run_once(NOW)
    assert lister.asked == [BOT]
    assert sink.batches == [
        [
            FollowDeleted("did:plc:gone", NOW, "g1"),
            FollowCreated(A, NOW, "a1", subject=BOT),
            FollowCreated(C, NOW, "c2", subject=BOT),
        ]
    ]
    assert report == ReconcileReport(
        followers=3,
        complete=True,
        opt_ins=2,
        opt_outs=1,
        skipped_no_rkey=1,
        in_grace=0,
        refused=None,
    )
    [record] = [r for r in caplog.records if r.name == "bot.reconcile"]
    assert record.levelno == logging.INFO
    assert "3 followers (complete), 2 opt-ins, 1 opt-outs, 1 without rkey" in record.getMessage()


async def test_run_once_with_nothing_to_do_puts_nothing() -> None:
    sink = Sink()
    reconciler = Reconciler(
        FakeLister(Listing({A: "a1"})), FakeStore({A: KnownFollower("a1", OLD)}), sink, BOT
    )
    report = await reconciler.run_once(NOW)
    assert sink.batches == [] and report.opt_ins == report.opt_outs == 0


async def test_run_once_refusal_is_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    sink = Sink()
    reconciler = Reconciler(FakeLister(Listing({})), FakeStore(dict(TWENTY)), sink, BOT)
    with caplog.at_level(logging.INFO, logger="bot.reconcile"):
        report = await reconciler.run_once(NOW)
    assert sink.batches == [] and report.refused is not None and report.opt_outs == 0
    [record] = [r for r in caplog.records if r.name == "bot.reconcile"]
    assert record.levelno == logging.WARNING and "REFUSED" in record.getMessage()


async def test_run_once_incomplete_listing_only_opts_in(caplog: pytest.LogCaptureFixture) -> None:
    sink = Sink()
    store = FakeStore({B: KnownFollower("b1", OLD)})
    reconciler = Reconciler(FakeLister(Listing({A: "a1"}, complete=False)), store, sink, BOT)
    with caplog.at_level(logging.INFO, logger="bot.reconcile"):
        report = await reconciler.run_once(NOW)
    assert sink.batches == [[FollowCreated(A, NOW, "a1", subject=BOT)]]
    assert not report.complete and report.opt_outs == 0
    assert "INCOMPLETE" in caplog.records[-1].getMessage()


async def test_run_once_grace_protects_a_live_opt_in_not_yet_listed() -> None:
    sink = Sink()
    store = FakeStore({A: KnownFollower("a1", NOW - 5 * US_PER_MINUTE)})
    reconciler = Reconciler(FakeLister(Listing({})), store, sink, BOT, grace_us=GRACE)
    report = await reconciler.run_once(NOW)
    assert sink.batches == [] and report.in_grace == 1


async def test_run_once_listing_error_propagates_and_puts_nothing() -> None:
    sink = Sink()
    reconciler = Reconciler(FakeLister(TransientError("appview down")), FakeStore({}), sink, BOT)
    with pytest.raises(TransientError, match="appview down"):
        await reconciler.run_once(NOW)
    assert sink.batches == []


async def test_listed_follows_are_confirmed_in_the_persons_own_repo() -> None:
    """The AppView may still list someone who just unfollowed: only a follow record that still
    exists opts a person in; one that cannot be read now waits for the next pass."""
    answers: dict[str, bool | Exception] = {A: True, B: False, C: TransientError("pds down")}
    asked: list[tuple[str, str]] = []

    async def confirm(did: str, rkey: str) -> bool:
        asked.append((did, rkey))
        answer = answers[did]
        if isinstance(answer, Exception):
            raise answer
        return answer

    sink = Sink()
    lister = FakeLister(Listing({A: "a1", B: "b1", C: "c1"}))
    reconciler = Reconciler(lister, FakeStore({}), sink, BOT, confirm=confirm)
    report = await reconciler.run_once(NOW)
    assert sorted(asked) == [(A, "a1"), (B, "b1"), (C, "c1")]
    assert sink.batches == [[FollowCreated(A, NOW, "a1", subject=BOT)]]
    assert (report.opt_ins, report.unconfirmed) == (1, 2)
