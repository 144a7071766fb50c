"""Store rows for tests that judge one person: every field empty, the test's changes on top."""

from __future__ import annotations

import dataclasses
from typing import Any

from bot.store import PersonRow


def person_row(**changes: Any) -> PersonRow:
    """An opted-in, active person with no history, settings or nudges yet, then `changes`."""
    base = PersonRow(
        did="did:plc:p",
        handle=None,
        display_name=None,
        follow_rkey="f",
        opted_in_us=0,
        account_active=True,
        account_status=None,
        paused_until_us=None,
        tz_name=None,
        day_start_hour=None,
        day_end_hour=None,
        frequency_days=None,
        language=None,
        last_activity_us=None,
        active_days=[],
        hour_counts=[],
        recent_posts=[],
        last_nudge_us=None,
        last_quiet_episode=None,
        last_promo_nudge_us=None,
        last_variants={},
        unreachable_reason=None,
        next_eval_us=None,
    )
    return dataclasses.replace(base, **changes)
