"""Human replies, triaged (issue 18) over the fake chat log and a real SQLite store: a crisis is
answered at once with help lines past the daily acknowledgement, the per-person caps and the
operator's pause (once a day), its inbox entry is urgent and automated DMs wait until the
operator clears it; distress gets a warmer answer and two weeks without nudges; the triage is
a fake that returns the level each test chooses, and no reply text is stored anywhere."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import US_PER_DAY, US_PER_HOUR, US_PER_MINUTE
from bot.messages.replies import reply_text
from bot.messages.safety import DISTRESS
from bot.operator import PAUSE_SWITCH_NAME, GlobalPause
from bot.pacing import DmBudget
from bot.safety.desk import OPERATOR_NOTE, Desk
from bot.safety.resources import DIRECTORY
from bot.safety.respond import DISTRESS_HOLD_US
from bot.store.triage import HELD_UNTIL_CLEARED
from bot.supervise import ErrorSink
from bot.triage import Level, Triage
from tests.test_replies import ALICE, BOB, BOT, T0, Rig, opened_rig

CRISIS_WORDS = "words the fake triage calls crisis"
DISTRESS_WORDS = "words the fake triage calls distress"
OPERATOR = "did:plc:operator"


def fake_triage(text: str) -> Triage:
    if CRISIS_WORDS in text:
        return Triage(Level.CRISIS, ("fake",))
    if DISTRESS_WORDS in text:
        return Triage(Level.DISTRESS, ("fake",))
    if "boom" in text:
        raise RuntimeError("the triage broke")
    return Triage(Level.OK)


def desk_for(rig: Rig, **kwargs: object) -> Desk:
    desk = Desk(
        rig.chat, rig.store, rig.replies.budget, rig.clock, BOT, rig.replies.errors,
        triage=fake_triage, **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip
    rig.replies.desk = desk
    return desk


@pytest.fixture
async def rig(tmp_path: Path) -> AsyncIterator[Rig]:
    async with opened_rig(tmp_path) as made:
        desk_for(made)
        yield made


async def test_a_crisis_is_answered_past_the_ack_the_caps_and_the_pause(rig: Rig) -> None:
    await rig.store.update_person(ALICE, tz_name="Europe/Berlin", language="de")
    rig.chat.write(ALICE, "fine, thanks")  # today's acknowledgement is spent
    for n in range(20):  # and so are the per-person answer caps
        await rig.store.note_answer(ALICE, T0 - n, stranger=False)
    rig.replies.paused = GlobalPause(rig.store).paused
    await rig.store.set_switch(PAUSE_SWITCH_NAME, "paused", T0)
    rig.chat.write(ALICE, CRISIS_WORDS)
    await rig.poll()
    said = rig.chat.said(f"c-{ALICE}")
    assert len(said) == 1  # the crisis answer; the ack waits for resume-all
    assert "0800 111 0 111" in said[0] and "112" in said[0] and DIRECTORY in said[0]
    assert "kein" in said[0] and "Mensch" in said[0]  # German, not a counsellor, a human reads
    [entry] = await rig.store.inbox()
    assert entry.level == "crisis"
    alice = await rig.store.person(ALICE)
    assert alice is not None and alice.nudges_held_until_us == HELD_UNTIL_CLEARED


async def test_one_crisis_answer_a_day_and_the_entry_stays_urgent(rig: Rig) -> None:
    rig.chat.write(ALICE, CRISIS_WORDS)
    await rig.poll()
    rig.clock.advance_to(T0 + US_PER_HOUR)
    rig.chat.write(ALICE, CRISIS_WORDS + " again")
    rig.chat.write(ALICE, "ok now")
    await rig.poll()
    assert len(rig.chat.said(f"c-{ALICE}")) == 1
    assert [e.level for e in await rig.store.inbox()] == ["crisis"]
    rig.clock.advance_to(T0 + US_PER_DAY + 1)
    rig.chat.write(ALICE, CRISIS_WORDS)
    await rig.poll()
    assert len(rig.chat.said(f"c-{ALICE}")) == 2


async def test_the_urgent_entry_is_listed_first_and_done_lifts_the_hold(rig: Rig) -> None:
    rig.chat.write(ALICE, CRISIS_WORDS)
    await rig.poll()
    rig.clock.advance_to(T0 + US_PER_MINUTE)
    rig.chat.write(BOB, "hello")  # newer, but not urgent
    await rig.poll()
    assert [e.did for e in await rig.store.inbox()] == [ALICE, BOB]
    assert await rig.store.urgent_waiting() == 1
    assert await rig.store.inbox_done(f"c-{ALICE}")
    alice = await rig.store.person(ALICE)
    assert alice is not None and alice.nudges_held_until_us is None and alice.next_eval_us == 0


async def test_without_budget_the_crisis_answer_goes_first_even_while_paused(rig: Rig) -> None:
    rig.replies.budget = DmBudget(per_minute=1, per_day=200)
    desk_for(rig)
    rig.chat.write(BOB, "help")
    await rig.poll()  # Bob's answer spent this minute's budget
    rig.chat.write(ALICE, CRISIS_WORDS)
    await rig.poll()
    [held] = await rig.store.held()
    assert held.urgent and rig.chat.said(f"c-{ALICE}") == []
    rig.replies.paused = GlobalPause(rig.store).paused
    await rig.store.set_switch(PAUSE_SWITCH_NAME, "paused", T0)
    rig.clock.advance_to(T0 + US_PER_MINUTE + 1)
    await rig.poll()
    [said] = rig.chat.said(f"c-{ALICE}")
    assert DIRECTORY in said and await rig.store.held() == []


async def test_distress_gets_a_warmer_answer_and_two_weeks_without_nudges(rig: Rig) -> None:
    await rig.store.update_person(ALICE, language="fr")
    rig.chat.write(ALICE, DISTRESS_WORDS)
    await rig.poll()
    [said] = rig.chat.said(f"c-{ALICE}")
    assert said in DISTRESS["fr"] and said != reply_text("ack", "fr")
    [entry] = await rig.store.inbox()
    alice = await rig.store.person(ALICE)
    assert entry.level == "distress"
    assert alice is not None and alice.nudges_held_until_us == T0 + DISTRESS_HOLD_US


async def test_ok_keeps_the_generic_acknowledgement(rig: Rig) -> None:
    rig.chat.write(ALICE, "all good here")
    await rig.poll()
    assert rig.chat.said(f"c-{ALICE}") == [reply_text("ack", "en")]
    alice = await rig.store.person(ALICE)
    assert alice is not None and alice.nudges_held_until_us is None
    assert [e.level for e in await rig.store.inbox()] == ["ok"]


async def test_a_failing_triage_is_reported_and_answered_warmly(rig: Rig) -> None:
    errors: list[str] = []
    sink = ErrorSink()
    sink.listeners.append(lambda where, exc: errors.append(where))
    rig.replies.errors = sink
    desk_for(rig)
    rig.chat.write(ALICE, "boom")
    await rig.poll()
    assert errors == ["replies.triage"]
    [said] = rig.chat.said(f"c-{ALICE}")
    assert said in DISTRESS["en"]


async def test_operators_are_told_once_per_entry_never_what_or_who(rig: Rig) -> None:
    desk_for(rig, operator_dids=(OPERATOR,))
    rig.chat.write(ALICE, CRISIS_WORDS)
    await rig.poll()
    rig.clock.advance_to(T0 + US_PER_DAY + 1)
    rig.chat.write(ALICE, CRISIS_WORDS)  # the same entry, still open
    await rig.poll()
    assert rig.chat.said(f"c-{OPERATOR}") == [OPERATOR_NOTE]
    assert ALICE not in OPERATOR_NOTE and "inbox" in OPERATOR_NOTE


async def test_a_warning_and_the_metric_say_an_urgent_entry_waits(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[int] = []
    rig.replies.desk.on_urgent = seen.append
    rig.chat.write(ALICE, CRISIS_WORDS)
    with caplog.at_level("WARNING"):
        await rig.poll()
    assert seen[-1] == 1
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("urgent" in w for w in warnings)
    assert not any(ALICE in w or CRISIS_WORDS in w for w in warnings)


async def test_no_reply_text_is_stored_anywhere(rig: Rig, tmp_path: Path) -> None:
    for words in (CRISIS_WORDS, DISTRESS_WORDS):
        rig.chat.write(ALICE, words)
        await rig.poll()
    dump = "\n".join(sqlite3.connect(tmp_path / "r.db").iterdump())
    assert CRISIS_WORDS not in dump and DISTRESS_WORDS not in dump
