"""`jobs.decide` gives the same outcome as the straightforward evaluation it replaced.

The evaluation pass was restructured for speed (the policy reads the row itself, `evaluate`
runs only when the exact next check is now, a view replaces the copied state after a nudge).
The oracle below is that pass's decision as it was before (commit d240c93): `evaluate` on
a `PersonState` copy, then the next check of a copy after the nudge (the policy itself is
checked by tests/test_policy.py), run over a large randomized table of people:
edge-heavy policy inputs plus the row's own fields (unreachable, ignored nudges, pauses,
variants, languages, names).
"""

from __future__ import annotations

import dataclasses
import random

import pytest

from bot import policy, policy_next
from bot.clock import US_PER_DAY
from bot.jobs import checkin_due, decide
from bot.messages import render
from bot.pipeline import person_state
from bot.policy import DmKind, PolicySettings
from bot.store import NudgeRecord, NudgeUpdates, OutboxDraft, PersonRow
from tests.test_policy import (
    NOW,
    _edge_person,
    _edge_settings,
    random_person,
    random_settings,
)

D = US_PER_DAY


def old_decide(row: PersonRow, now_us: int, settings: PolicySettings) -> NudgeRecord:
    """The decision as it was: evaluate first, then the next check of the state after it."""
    state = person_state(row)
    if row.unreachable_reason is not None:
        return NudgeRecord(row.did, None)
    if checkin_due(row, now_us, settings):
        return old_checkin(row, now_us, settings)
    decision = policy.evaluate(state, now_us, settings)
    if decision is None:
        return NudgeRecord(row.did, policy_next.next_evaluation_us(state, now_us, settings))
    kind = decision.kind.value
    message = render(
        decision.kind,
        did=row.did,
        episode=decision.episode,
        display_name=row.display_name,
        handle=row.handle,
        last_variant=row.last_variants.get(kind),
        language=row.language,
    )
    variants = {**row.last_variants, kind: message.variant}
    quiet_episode, promo_at = row.last_quiet_episode, row.last_promo_nudge_us
    if decision.kind is DmKind.QUIET:
        quiet_episode = int(decision.episode)
    elif decision.kind is DmKind.PROMO_ONLY:
        promo_at = now_us
    after = dataclasses.replace(
        state, last_nudge_us=now_us, last_quiet_episode=quiet_episode, last_promo_nudge_us=promo_at
    )
    draft = OutboxDraft(
        row.did, kind, decision.episode, message.variant, message.text, decision.send_after_us
    )
    return NudgeRecord(
        row.did,
        policy_next.next_evaluation_us(after, now_us, settings),
        draft,
        NudgeUpdates(now_us, quiet_episode, promo_at, variants),
        prev_last_nudge_us=row.last_nudge_us,
    )


def old_checkin(row: PersonRow, now_us: int, settings: PolicySettings) -> NudgeRecord:
    kind = DmKind.CHECKIN
    message = render(
        kind,
        did=row.did,
        episode=str(row.last_nudge_us),
        display_name=row.display_name,
        handle=row.handle,
        last_variant=row.last_variants.get(kind.value),
        language=row.language,
    )
    state = person_state(row)
    pause_until = now_us + settings.checkin_pause_days * D
    send_after = policy.next_send_us(state, now_us, settings)
    draft = OutboxDraft(
        row.did, kind.value, str(row.last_nudge_us), message.variant, message.text, send_after
    )
    updates = NudgeUpdates(
        now_us,
        row.last_quiet_episode,
        row.last_promo_nudge_us,
        {**row.last_variants, kind.value: message.variant},
        pause_until_us=pause_until,
    )
    return NudgeRecord(row.did, pause_until, draft, updates, prev_last_nudge_us=row.last_nudge_us)


def as_row(state: policy.PersonState, index: int, rng: random.Random) -> PersonRow:
    """The state as the store's row, with the row-only fields varied too."""
    return PersonRow(
        did=f"did:plc:p{index}",
        handle=rng.choice([None, f"p{index}.test"]),
        display_name=rng.choice([None, "", f"Person {index}"]),
        follow_rkey=f"f{index}",
        opted_in_us=state.opted_in_us,
        account_active=state.account_active,
        account_status=None if state.account_active else "deactivated",
        paused_until_us=state.paused_until_us,
        tz_name=state.tz_name,
        day_start_hour=state.day_start_hour,
        day_end_hour=state.day_end_hour,
        frequency_days=state.frequency_days,
        language=rng.choice([None, "en", "de", "pt", "es", "xx"]),
        last_activity_us=state.last_activity_us,
        active_days=list(state.active_days),
        hour_counts=list(state.hour_counts),
        recent_posts=sorted(state.recent_posts, key=lambda p: p.time_us),  # as the store keeps
        last_nudge_us=state.last_nudge_us,
        last_quiet_episode=state.last_quiet_episode,
        last_promo_nudge_us=state.last_promo_nudge_us,
        last_variants=rng.choice([{}, {"quiet": 1}, {"promo_only": 0, "checkin": 2}]),
        unreachable_reason="closed" if rng.random() < 0.03 else None,
        next_eval_us=None,
        unanswered_nudges=rng.choice([0, 0, 0, 1, 2, 3, 5]),
    )


@pytest.mark.parametrize("seed", range(4))
def test_decide_matches_the_evaluation_it_replaced(seed: int) -> None:
    rng = random.Random(3000 + seed)
    kinds: set[str | None] = set()
    for index in range(5000):
        now_us = NOW + rng.choice([0, 1, D // 2, rng.randrange(D)])
        if rng.random() < 0.5:
            settings = _edge_settings(rng)
            state = _edge_person(rng, now_us, settings)
        else:
            settings = random_settings(rng)
            state = random_person(rng, now_us)
        row = as_row(state, index, rng)
        got = decide(row, now_us, settings)
        assert got == old_decide(row, now_us, settings), (row, now_us, settings)
        kinds.add(got.draft.kind if got.draft else None)
    assert kinds == {None, "quiet", "promo_only", "checkin"}  # every path was taken
