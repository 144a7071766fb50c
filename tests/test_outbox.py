"""The outbox with a real SQLite store: claim, send (fake sender), mark, cancel, retry, fail."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.aggregates import Aggregates
from bot.clock import US_PER_DAY, US_PER_HOUR, US_PER_MINUTE, US_PER_SECOND
from bot.errors import (
    AuthError,
    PermanentError,
    RateLimited,
    TransientError,
    UnreachableRecipient,
)
from bot.outbox import Outbox, SendReport, SendSettings, retry_delay_us, still_wanted
from bot.policy import AT_ONCE_KINDS, DmKind
from bot.store import (
    ActivityRow,
    IngestBatch,
    NudgeRecord,
    NudgeUpdates,
    OptIn,
    OutboxDraft,
    OutboxItem,
    PersonRow,
    Store,
)
from tests.rows import person_row as a_person_row

T0 = 1_785_585_600_000_000  # 2026-08-01T12:00Z
ALICE = "did:plc:alice"
BOB = "did:plc:bob"

Outcome = BaseException | str | None


class FakeSender:
    """Records every send; per DM kind, plays a script of results (an id) or errors to raise."""

    def __init__(self, script: dict[str, list[Outcome]] | None = None) -> None:
        self.script = script or {}
        self.calls: list[tuple[str, str, int, int]] = []  # did, kind, attempts, now

    async def send(self, item: OutboxItem, person: PersonRow, now_us: int) -> str | None:
        assert person.did == item.did
        self.calls.append((item.did, item.kind, item.attempts, now_us))
        planned = self.script.get(item.kind)
        outcome: Outcome = planned.pop(0) if planned else f"msg-{len(self.calls)}"
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


def no_next(_: Aggregates) -> int | None:
    return None


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path}/t.db") as opened:
        await opened.migrate()
        yield opened


async def opt_in(store: Store, did: str, *, welcome: bool = False, at: int = T0) -> None:
    batch = IngestBatch()
    batch.opt_ins[did] = OptIn(did, "f1", at)
    if welcome:
        batch.welcomes[did] = OutboxDraft(did, "welcome", str(at), 0, "welcome!", at)
    await store.apply(batch, at, no_next)


async def be_active(store: Store, did: str, at: int, rkey: str = "l1") -> None:
    row = ActivityRow(did, "like", rkey, "like", at, target_did=BOB)
    await store.apply(IngestBatch(activities=[row]), at, no_next)


async def queue(
    store: Store,
    did: str,
    kind: str = "quiet",
    *,
    episode: int = T0,
    send_after: int = T0,
    nudged_at: int = T0,
    prev_last_nudge: int | None = None,
) -> None:
    draft = OutboxDraft(did, kind, str(episode), 1, f"a {kind} nudge", send_after)
    updates = NudgeUpdates(
        nudged_at,
        episode if kind == "quiet" else None,
        nudged_at if kind == "promo_only" else None,
        {kind: 1},
    )
    record = NudgeRecord(did, None, draft, updates, prev_last_nudge)
    assert await store.record_evaluations([record], nudged_at) == 1


async def rows(store: Store, did: str | None = None) -> list[dict[str, Any]]:
    return await store.outbox_rows(did)


def only(found: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(found) == 1, found
    return found[0]


# --- sending --------------------------------------------------------------------------------


@pytest.mark.parametrize("mark_each", [True, False], ids=["mark-each", "mark-per-batch"])
@pytest.mark.parametrize("batch_size", [1, 2, 50])
async def test_due_rows_are_sent_once_and_marked_sent(
    store: Store, mark_each: bool, batch_size: int
) -> None:
    await opt_in(store, ALICE, welcome=True)
    await opt_in(store, BOB, welcome=True)
    await queue(store, ALICE, "quiet", send_after=T0 + US_PER_HOUR)  # not due yet
    await queue(store, BOB, "promo_only", send_after=T0 + 10)
    sender = FakeSender()
    outbox = Outbox(store, sender, SendSettings(batch_size=batch_size, mark_each=mark_each), "w1")

    report = await outbox.send_due(T0 + 100)
    assert report == SendReport(sent=3)
    assert sorted((did, kind) for did, kind, _, _ in sender.calls) == [
        (ALICE, "welcome"),
        (BOB, "promo_only"),
        (BOB, "welcome"),
    ]
    by_kind = {(r["did"], r["kind"]): r for r in await rows(store)}
    for key in [(ALICE, "welcome"), (BOB, "welcome"), (BOB, "promo_only")]:
        assert by_kind[key]["status"] == "sent"
        assert by_kind[key]["sent_us"] == T0 + 100
        assert by_kind[key]["claimed_until_us"] is None
        assert by_kind[key]["message_id"] is not None
    assert by_kind[(ALICE, "quiet")]["status"] == "pending"
    assert {r["message_id"] for r in by_kind.values() if r["status"] == "sent"} == {
        "msg-1",
        "msg-2",
        "msg-3",
    }

    # nothing is sent twice; the quiet one goes when it is due
    assert await outbox.send_due(T0 + 200) == SendReport()
    assert await outbox.send_due(T0 + US_PER_HOUR) == SendReport(sent=1)
    assert len(sender.calls) == 4
    assert all(r["status"] == "sent" for r in await rows(store))
    assert (await store.status(T0 + US_PER_HOUR)).outbox_sent == 4


async def test_a_sender_without_message_ids_still_marks_sent(store: Store) -> None:
    await opt_in(store, ALICE, welcome=True)
    sender = FakeSender({"welcome": [None]})
    report = await Outbox(store, sender, SendSettings(), "w").send_due(T0)
    assert report.sent == 1
    row = only(await rows(store, ALICE))
    assert (row["status"], row["message_id"]) == ("sent", None)


# --- cancelling quiet nudges that are no longer wanted ---------------------------------------

EPISODE = T0 - 20 * US_PER_DAY  # the last activity before the quiet spell
PREV = T0 - 40 * US_PER_DAY

CANCEL_CASES: list[tuple[str, str, int | None, int | None, bool]] = [
    # id, kind, activity after queuing (None: none), prev_last_nudge, cancelled
    ("quiet-came-back", "quiet", T0 + US_PER_MINUTE, PREV, True),
    ("quiet-came-back-first-nudge", "quiet", T0 + US_PER_MINUTE, None, True),
    ("quiet-still-quiet", "quiet", None, PREV, False),
    ("quiet-old-activity-arrives-late", "quiet", EPISODE - US_PER_DAY, PREV, False),
    ("promo-is-not-cancelled-by-activity", "promo_only", T0 + US_PER_MINUTE, PREV, False),
]


@pytest.mark.parametrize(
    ("kind", "activity_at", "prev", "cancelled"),
    [c[1:] for c in CANCEL_CASES],
    ids=[c[0] for c in CANCEL_CASES],
)
async def test_quiet_nudge_is_cancelled_when_the_person_came_back(
    store: Store, kind: str, activity_at: int | None, prev: int | None, cancelled: bool
) -> None:
    await opt_in(store, ALICE, at=EPISODE - 30 * US_PER_DAY)
    await be_active(store, ALICE, EPISODE, "before")
    await queue(store, ALICE, kind, episode=EPISODE, nudged_at=T0, prev_last_nudge=prev)
    person = await store.person(ALICE)
    assert person is not None and person.last_nudge_us == T0  # the allowance is taken
    if activity_at is not None:
        await be_active(store, ALICE, activity_at, "after")

    sender = FakeSender()
    report = await Outbox(store, sender, SendSettings(), "w").send_due(T0 + US_PER_HOUR)
    row = only(await rows(store, ALICE))
    person = await store.person(ALICE)
    assert person is not None
    if cancelled:
        assert report == SendReport(cancelled=1)
        assert sender.calls == []
        assert row["status"] == "cancelled"
        assert "active again" in row["last_error"]
        assert person.last_nudge_us == prev  # the 7-day allowance is given back
    else:
        assert report == SendReport(sent=1)
        assert [c[1] for c in sender.calls] == [kind]
        assert row["status"] == "sent"
        assert person.last_nudge_us == T0


def person_row(
    last_activity_us: int | None, *, active: bool = True, paused_until: int | None = None
) -> PersonRow:
    return a_person_row(
        did=ALICE,
        follow_rkey="f1",
        opted_in_us=T0,
        account_active=active,
        account_status=None if active else "deactivated",
        paused_until_us=paused_until,
        last_activity_us=last_activity_us,
        hour_counts=[0] * 24,
    )


@pytest.mark.parametrize(
    ("kind", "last_activity", "has_person", "wanted"),
    [
        ("quiet", 100, True, True),
        ("quiet", 101, True, False),
        ("quiet", 99, True, True),
        ("quiet", None, True, True),
        ("promo_only", 101, True, True),
        ("welcome", 10**18, True, True),
        ("welcome", None, False, False),
        ("quiet", None, False, False),
    ],
)
def test_still_wanted(kind: str, last_activity: int | None, has_person: bool, wanted: bool) -> None:
    item = OutboxItem(1, ALICE, kind, "100", 0, "hi", T0, 1)
    person = person_row(last_activity) if has_person else None
    reason = still_wanted(item, person, T0)
    assert (reason is None) is wanted
    if not has_person:
        assert reason == "person opted out"


@pytest.mark.parametrize(
    ("kind", "active", "paused_until", "reason"),
    [
        ("quiet", False, None, "account deactivated"),
        ("welcome", False, None, "account deactivated"),
        ("quiet", True, T0 + 1, "paused"),
        ("promo_only", True, T0 + 1, "paused"),
        ("welcome", True, T0 + 1, None),  # a welcome answers their own follow
        ("quiet", True, T0, None),  # the pause has just ended
    ],
)
def test_inactive_or_paused_people_get_no_nudge(
    kind: str, active: bool, paused_until: int | None, reason: str | None
) -> None:
    item = OutboxItem(1, ALICE, kind, "100", 0, "hi", T0, 1)
    assert (
        still_wanted(item, person_row(None, active=active, paused_until=paused_until), T0) == reason
    )


# --- transient failures: retry with backoff, then give up ------------------------------------

S = US_PER_SECOND


@pytest.mark.parametrize(
    ("attempts", "error", "expected"),
    [
        (1, TransientError("timeout"), 30 * S),
        (2, TransientError("timeout"), 60 * S),
        (3, TransientError("timeout"), 120 * S),
        (7, TransientError("timeout"), 30 * 64 * S),
        (8, TransientError("timeout"), 60 * 60 * S),  # capped
        (30, TransientError("timeout"), 60 * 60 * S),
        (0, TransientError("timeout"), 30 * S),
        (3, RateLimited(retry_after=None), 120 * S),
        (1, RateLimited(retry_after=600), 600 * S),
        (5, RateLimited(retry_after=90.5), 90_500_000),
        (1, RateLimited(retry_after=2), 2 * S),  # the server's reset, not our base delay
        (1, RateLimited(retry_after=0.01), 1 * S),  # but never a busy loop
        (1, RateLimited(retry_after=3 * 3600), 3 * 3600 * S),  # even past the cap
    ],
)
def test_retry_delay(attempts: int, error: TransientError, expected: int) -> None:
    assert retry_delay_us(attempts, SendSettings(), error) == expected
    if isinstance(error, RateLimited) and error.retry_after is not None:
        assert expected >= error.retry_after * S


RETRY_CASES: list[tuple[str, int, int, int, list[int]]] = [
    # id, base (s), cap (s), max attempts, expected waits (s) before it fails
    ("exponential", 30, 3600, 4, [30, 60, 120]),
    ("capped", 30, 90, 6, [30, 60, 90, 90, 90]),
    ("one-try", 30, 3600, 1, []),
]


@pytest.mark.parametrize(
    ("base", "cap", "max_attempts", "waits"),
    [c[1:] for c in RETRY_CASES],
    ids=[c[0] for c in RETRY_CASES],
)
async def test_transient_errors_are_retried_with_backoff_then_failed(
    store: Store, base: int, cap: int, max_attempts: int, waits: list[int]
) -> None:
    await opt_in(store, ALICE, welcome=True)
    sender = FakeSender({"welcome": [TransientError("503 upstream") for _ in range(20)]})
    settings = SendSettings(retry_base_us=base * S, retry_cap_us=cap * S, max_attempts=max_attempts)
    outbox = Outbox(store, sender, settings, "w")
    now = T0
    for wait in waits:
        assert await outbox.send_due(now) == SendReport(retried=1)
        row = only(await rows(store))
        assert row["status"] == "pending"
        assert row["send_after_us"] == now + wait * S
        assert "503 upstream" in row["last_error"]
        assert await outbox.send_due(now + wait * S - 1) == SendReport()  # not before
        now += wait * S
    assert await outbox.send_due(now) == SendReport(failed=1)
    row = only(await rows(store))
    assert row["status"] == "failed"
    assert row["attempts"] == max_attempts
    assert f"gave up after {max_attempts} tries" in row["last_error"]
    assert [c[2] for c in sender.calls] == list(range(1, max_attempts + 1))
    assert await outbox.send_due(now + 10 * US_PER_DAY) == SendReport()  # never again


async def test_rate_limited_waits_at_least_retry_after_then_sends(store: Store) -> None:
    await opt_in(store, ALICE, welcome=True)
    sender = FakeSender({"welcome": [RateLimited(retry_after=900), "m-ok"]})
    outbox = Outbox(store, sender, SendSettings(), "w")
    assert await outbox.send_due(T0) == SendReport(retried=1)
    assert only(await rows(store))["send_after_us"] == T0 + 900 * S
    assert await outbox.send_due(T0 + 899 * S) == SendReport()
    assert await outbox.send_due(T0 + 900 * S) == SendReport(sent=1)
    row = only(await rows(store))
    # a 429 never reached the person: it does not use up one of the DM's attempts
    assert (row["status"], row["message_id"], row["attempts"]) == ("sent", "m-ok", 1)


async def test_a_transient_failure_does_not_hold_up_the_others(store: Store) -> None:
    await opt_in(store, ALICE, welcome=True)
    await opt_in(store, BOB, welcome=True)
    sender = FakeSender({"welcome": [TransientError("timeout")]})
    report = await Outbox(store, sender, SendSettings(mark_each=False), "w").send_due(T0)
    assert report == SendReport(sent=1, retried=1)
    assert sorted(r["status"] for r in await rows(store)) == ["pending", "sent"]


# --- permanent failures --------------------------------------------------------------------


async def test_unreachable_recipient_is_remembered_and_the_row_failed(store: Store) -> None:
    await opt_in(store, ALICE, welcome=True)
    await opt_in(store, BOB, welcome=True)
    sender = FakeSender({"welcome": [UnreachableRecipient(ALICE, "MessagesDisabled"), "m2"]})
    report = await Outbox(store, sender, SendSettings(), "w").send_due(T0)
    assert report == SendReport(sent=1, failed=1)
    alice, bob = await store.person(ALICE), await store.person(BOB)
    assert alice is not None and alice.unreachable_reason == "MessagesDisabled"
    assert bob is not None and bob.unreachable_reason is None
    row = only(await rows(store, ALICE))
    assert row["status"] == "failed" and "MessagesDisabled" in row["last_error"]
    assert only(await rows(store, BOB))["status"] == "sent"
    assert (await store.status(T0)).unreachable == 1


@pytest.mark.parametrize(
    ("error", "expected_error"),
    [
        (PermanentError("record too large"), "PermanentError: record too large"),
        (AuthError("app password lacks DM scope"), "AuthError: app password lacks DM scope"),
    ],
)
async def test_permanent_error_fails_the_row_without_retry(
    store: Store, error: PermanentError, expected_error: str
) -> None:
    await opt_in(store, ALICE, welcome=True)
    sender = FakeSender({"welcome": [error]})
    outbox = Outbox(store, sender, SendSettings(), "w")
    assert await outbox.send_due(T0) == SendReport(failed=1)
    row = only(await rows(store, ALICE))
    assert (row["status"], row["last_error"]) == ("failed", expected_error)
    person = await store.person(ALICE)
    assert person is not None and person.unreachable_reason is None
    assert await outbox.send_due(T0 + US_PER_DAY) == SendReport()
    assert len(sender.calls) == 1


async def test_a_limit_claims_no_more_rows_than_can_go_out(store: Store) -> None:
    for did in (ALICE, BOB, "did:plc:carol"):
        await opt_in(store, did, welcome=True)
    sender = FakeSender()
    outbox = Outbox(store, sender, SendSettings(batch_size=50), "w1")
    assert (await outbox.send_due(T0 + 100, limit=2)).sent == 2
    statuses = sorted(r["status"] for r in await rows(store))
    assert statuses == ["pending", "sent", "sent"]  # the third was never claimed
    assert (await outbox.send_due(T0 + 200, limit=0)).sent == 0
    assert (await outbox.send_due(T0 + 300, limit=5)).sent == 1


@pytest.mark.parametrize(
    ("kind", "hours", "deferred_to"),
    [
        ("quiet", (14, 18), T0 + 2 * US_PER_HOUR),  # 12:00 UTC now: wait for 14:00
        ("promo_only", (8, 11), T0 + 20 * US_PER_HOUR),  # past today's hours: tomorrow 08:00
        ("quiet", (10, 19), None),  # inside: goes now
        ("welcome", (14, 18), None),  # answers their own follow: never waits
        # a suggestion nobody asked for: delayed past their hours (budget, 429), it waits too
        ("friend", (14, 18), T0 + 2 * US_PER_HOUR),
        ("friend", (10, 19), None),
    ],
)
async def test_nudges_wait_for_the_persons_hours_at_send_time(
    store: Store, kind: str, hours: tuple[int, int], deferred_to: int | None
) -> None:
    from bot.policy import PolicySettings

    await opt_in(store, ALICE)
    await store.update_person(ALICE, tz_name="UTC", day_start_hour=hours[0], day_end_hour=hours[1])
    if kind == "welcome":
        await store.apply(
            IngestBatch(welcomes={ALICE: OutboxDraft(ALICE, "welcome", "w", 0, "hi", T0)}),
            T0,
            no_next,
        )
    elif kind == "friend":
        draft = OutboxDraft(ALICE, "friend", "2026-08-01", 0, "say hi to @bob?", T0 - 10)
        await store.queue_friend(draft, T0 - 10, None)
    else:
        await queue(store, ALICE, kind, send_after=T0 - 10)
    sender = FakeSender()
    outbox = Outbox(store, sender, SendSettings(), "w1", hours=PolicySettings())
    report = await outbox.send_due(T0)
    row = only(await rows(store, ALICE))
    if deferred_to is None:
        assert report.sent == 1 and row["status"] == "sent"
    else:
        assert report.deferred == 1 and sender.calls == []
        assert (row["status"], row["send_after_us"]) == ("pending", deferred_to)


AT_ONCE = {
    DmKind.WELCOME: True,  # answers their own follow
    DmKind.REPLY: True,  # answers their own message
    DmKind.QUIET: False,
    DmKind.PROMO_ONLY: False,
    DmKind.CHECKIN: False,
    DmKind.FRIEND: False,
}


def test_every_kind_is_decided_at_once_or_in_their_daytime() -> None:
    # a new kind must take a side here: leaving it out once sent friend suggestions at night
    assert set(AT_ONCE) == set(DmKind)
    assert {kind for kind, at_once in AT_ONCE.items() if at_once} == AT_ONCE_KINDS


async def test_every_handled_row_is_reported_once_with_its_result(store: Store) -> None:
    for did in (ALICE, BOB, "did:plc:carol", "did:plc:dan"):
        await opt_in(store, did, welcome=True)
    sender = FakeSender(
        {
            "welcome": [
                "m1",
                UnreachableRecipient(BOB, "MessagesDisabled"),
                RateLimited(retry_after=60),
                PermanentError("too large"),
            ]
        }
    )
    outbox = Outbox(store, sender, SendSettings(), "w")
    seen: list[tuple[str, str, str | None]] = []
    outbox.on_result = lambda kind, result, error: seen.append(
        (kind, result, type(error).__name__ if error else None)
    )
    report = await outbox.send_due(T0)
    assert report == SendReport(sent=1, failed=2, retried=1)
    assert sorted(seen) == [
        ("welcome", "failed", "PermanentError"),
        ("welcome", "failed", "UnreachableRecipient"),
        ("welcome", "retried", "RateLimited"),
        ("welcome", "sent", None),
    ]
