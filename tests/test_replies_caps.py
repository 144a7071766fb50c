"""Nobody can empty the DM budget by writing to the bot (issue 16, item 4): answers per person
are capped, strangers are answered once a day, answers spend the shared budget, an invalid
command's answer does not quote it, and `start` reconciles only when it undid a stop."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.answer_caps import AnswerCaps
from bot.clock import US_PER_DAY, US_PER_HOUR, US_PER_MINUTE, US_PER_SECOND
from bot.messages.replies import reply_text
from bot.pacing import DmBudget
from bot.replies import INVALID_KEYS, Replies
from bot.supervise import ErrorSink
from tests.test_replies import ALICE, BOB, BOT, T0, Rig, opened_rig

LANGUAGES = ("en", "es", "de", "fr", "pt", "ja")


@pytest.fixture
async def rig(tmp_path: Path) -> AsyncIterator[Rig]:
    async with opened_rig(tmp_path) as made:
        yield made


def withheld(r: Rig) -> list[str]:
    reasons: list[str] = []
    r.replies.on_withheld = reasons.append
    return reasons


COMMANDS = ("status", "help", "less", "more", "resume", "tz Europe/Berlin", "hours 9-18")


async def test_thirty_commands_from_one_person_in_a_poll_get_five_answers(rig: Rig) -> None:
    reasons = withheld(rig)
    for days in range(1, 31):  # thirty different answers: none is a repeat of another
        rig.chat.write(ALICE, f"pause {days} days")
    assert await rig.poll() == 30
    assert len(rig.chat.said(f"c-{ALICE}")) == 5
    assert reasons == ["hourly"] * 25
    rig.chat.write(BOB, "status")  # someone else is not held to Alice's cap
    await rig.poll()
    assert len(rig.chat.said(f"c-{BOB}")) == 1


async def test_one_command_a_second_is_answered_five_times_an_hour_twenty_a_day(
    rig: Rig,
) -> None:
    """An auto-responder answering each answer: the loop stops at the caps."""
    reasons = withheld(rig)
    for second in range(1, 31):
        rig.clock.advance_to(T0 + second * US_PER_SECOND)
        rig.chat.write(ALICE, "status")
        await rig.poll()
    assert len(rig.chat.said(f"c-{ALICE}")) == 5
    for hour in range(1, 6):
        for second in range(1, 31):
            rig.clock.advance_to(T0 + hour * US_PER_HOUR + second * US_PER_SECOND)
            rig.chat.write(ALICE, "status")
            await rig.poll()
    assert len(rig.chat.said(f"c-{ALICE}")) == 20
    assert len(reasons) == 160 and reasons[-60:] == ["daily"] * 60


async def test_the_caps_survive_a_restart(rig: Rig) -> None:
    for text in COMMANDS[:5]:
        rig.chat.write(ALICE, text)
    await rig.poll()
    again = Replies(rig.chat, rig.store, BOT, rig.put, DmBudget(per_minute=100), rig.clock,
                    ErrorSink())  # fmt: skip
    rig.chat.write(ALICE, "forget")
    await again.poll_once()
    assert len(rig.chat.said(f"c-{ALICE}")) == 5


async def test_a_hundred_strangers_with_invalid_commands_cannot_drain_the_budget(
    rig: Rig,
) -> None:
    rig.replies.budget = budget = DmBudget(per_minute=3, per_day=200)
    reasons = withheld(rig)
    strangers = [f"did:plc:stranger{i:03d}" for i in range(100)]
    for did in strangers:
        rig.chat.write(did, f"pause 3 chemo{did[-3:]}")
        rig.chat.write(did, "tz after chemo")  # the second today: silence
    assert await rig.poll() == 200
    said = rig.chat.said()
    assert len(said) == 3  # the minute's budget; the others are not owed an answer later
    assert not any("chemo" in text for text in said)
    # the three answered are not answered again today; the others were not answered at all
    assert reasons.count("stranger") == 3 and reasons.count("budget") == 97 * 2
    assert await rig.store.held() == []
    assert budget.available(T0) == 0
    rig.clock.advance_to(T0 + US_PER_MINUTE + 1)
    await rig.poll()
    assert len(rig.chat.said()) == 3 and budget.available(rig.clock.now_us()) == 3
    assert await rig.store.sent_times(T0 - US_PER_DAY) == [T0] * 3


async def test_a_stranger_is_answered_once_a_day(rig: Rig) -> None:
    eve = "did:plc:eve"
    for text in ("help", "?", "status", "start", "pause 2w"):
        rig.chat.write(eve, text)
    await rig.poll()
    assert len(rig.chat.said(f"c-{eve}")) == 1
    rig.clock.advance_to(T0 + US_PER_DAY + 1)
    rig.chat.write(eve, "help")
    await rig.poll()
    assert len(rig.chat.said(f"c-{eve}")) == 2


async def test_answers_spend_the_budget_and_are_remembered_after_a_restart(rig: Rig) -> None:
    rig.replies.budget = budget = DmBudget(per_minute=3, per_day=200)
    rig.chat.write(ALICE, "status")
    rig.clock.advance_to(T0 + US_PER_SECOND)
    rig.chat.write(BOB, "help")
    await rig.poll()
    assert budget.available(rig.clock.now_us()) == 1
    times = await rig.store.sent_times(T0 - US_PER_DAY)
    assert sorted(times) == [T0 + US_PER_SECOND] * 2
    restored = DmBudget.from_history(times, T0 + US_PER_SECOND, per_minute=3, per_day=200)
    assert restored.available(T0 + US_PER_SECOND) == 1


async def test_without_budget_a_followers_answer_waits_and_goes_first(rig: Rig) -> None:
    rig.replies.budget = DmBudget(per_minute=2, per_day=200)
    for text in ("status", "help", "less"):
        rig.chat.write(ALICE, text)
    assert await rig.poll() == 3
    assert len(rig.chat.said(f"c-{ALICE}")) == 2 and len(await rig.store.held()) == 1
    alice = await rig.store.person(ALICE)
    assert alice is not None and alice.frequency_days == 30  # the command took effect
    rig.clock.advance_to(T0 + US_PER_MINUTE + 1)
    rig.chat.write(ALICE, "more")
    await rig.poll()
    said = rig.chat.said(f"c-{ALICE}")
    assert len(said) == 4 and "one check-in a month" in said[2]  # the held one first
    assert await rig.store.held() == []


async def test_start_from_someone_opted_in_or_never_stopped_does_not_reconcile(rig: Rig) -> None:
    for did in (ALICE, *(f"did:plc:s{i}" for i in range(10))):
        rig.chat.write(did, "start")
    await rig.poll()
    assert rig.started == []
    assert "follow this account" in rig.chat.said("c-did:plc:s1")[0]


async def test_starts_that_lift_stops_reconcile_at_most_every_few_minutes(rig: Rig) -> None:
    rig.chat.write(ALICE, "stop")
    rig.chat.write(BOB, "stop")
    await rig.poll()
    rig.chat.write(ALICE, "start")
    rig.chat.write(BOB, "start")
    await rig.poll()
    assert rig.started == ["reconcile"]  # Bob's waits
    rig.clock.advance_to(T0 + 4 * US_PER_MINUTE)
    await rig.poll()
    assert rig.started == ["reconcile"]
    rig.clock.advance_to(T0 + 5 * US_PER_MINUTE)
    await rig.poll()
    assert rig.started == ["reconcile"] * 2
    assert "Welcome back" in rig.chat.said(f"c-{BOB}")[-1]


async def test_a_start_that_lifts_a_stop_waits_for_budget_like_a_followers_answer(
    rig: Rig,
) -> None:
    """Back from a stop they are not opted in yet (reconciliation does that), but the answer is
    a returning follower's: without budget it waits instead of being dropped as a stranger's."""
    rig.chat.write(ALICE, "stop")
    await rig.poll()
    rig.replies.budget = DmBudget(per_minute=1, per_day=200)
    rig.chat.write(BOB, "status")  # spends the minute's one DM
    rig.chat.write(ALICE, "start")
    await rig.poll()
    assert not any("Welcome back" in s for s in rig.chat.said(f"c-{ALICE}"))
    assert len(await rig.store.held()) == 1
    rig.clock.advance_to(T0 + US_PER_MINUTE + 1)
    await rig.poll()
    assert "Welcome back" in rig.chat.said(f"c-{ALICE}")[-1]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", ["invalid", *INVALID_KEYS.values()])
def test_no_invalid_answer_has_room_for_their_words(language: str, key: str) -> None:
    text = reply_text(key, language)
    assert "{" not in text and text.strip()


@pytest.mark.parametrize(
    "text",
    [
        "pause 3 after chemo",
        "pausa 3 chemo",
        "pause until chemo",
        "tz after chemo",
        "hours 9 chemo",
        "friends skip chemo",
        "friends skip did:chemo",
    ],
)
async def test_an_invalid_answer_and_what_is_held_never_quote_them(rig: Rig, text: str) -> None:
    from bot.operator import PAUSE_SWITCH_NAME, GlobalPause

    rig.replies.paused = GlobalPause(rig.store).paused
    await rig.store.set_switch(PAUSE_SWITCH_NAME, "paused", T0)
    rig.chat.write(ALICE, text)
    await rig.poll()
    [held] = await rig.store.held()
    assert "chemo" not in held.text.lower()
    await rig.store.clear_switch(PAUSE_SWITCH_NAME)
    await rig.poll()
    [said] = rig.chat.said(f"c-{ALICE}")
    assert said == held.text


def test_answer_caps_reach_the_settings() -> None:
    from bot.config import Settings

    caps = Settings(_env_file=None, answers_per_hour=2, answers_per_day=3).answer_caps()  # type: ignore[call-arg]
    assert caps == AnswerCaps(2, 3, 1)
    with pytest.raises(ValueError, match="ANSWERS_PER_HOUR"):
        Settings(_env_file=None, answers_per_hour=9, answers_per_day=3)  # type: ignore[call-arg]


def test_withheld_answers_are_counted_in_the_metrics() -> None:
    from bot.metrics import Metrics

    metrics = Metrics()
    for reason in ("hourly", "hourly", "stranger"):
        metrics.on_answer_withheld(reason)
    text = metrics.exposition().decode()
    assert 'nudgebot_answers_withheld_total{reason="hourly"} 2.0' in text
    assert 'nudgebot_answers_withheld_total{reason="stranger"} 1.0' in text
