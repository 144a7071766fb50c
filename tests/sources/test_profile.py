"""The bot's profile record: the `bot` self-label added beside what is there, the description
set only when asked, nothing else touched, and no write when it is already right."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from bot.sources.profile import PROFILE, SELF_LABELS, labeled_profile

NOW = "2026-08-01T12:00:00.000Z"
AVATAR = {
    "$type": "blob",
    "ref": {"$link": "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy"},
    "mimeType": "image/png",
    "size": 67,
}
BOT = {"val": "bot"}
SELF = {"$type": SELF_LABELS, "values": [BOT]}


def self_labels(*values: str) -> dict[str, Any]:
    return {"$type": SELF_LABELS, "values": [{"val": v} for v in values]}


@pytest.mark.parametrize(
    ("current", "description", "expected"),
    [
        (None, None, {"$type": PROFILE, "createdAt": NOW, "labels": SELF}),
        (None, "hi", {"$type": PROFILE, "createdAt": NOW, "labels": SELF, "description": "hi"}),
        ({"$type": PROFILE}, None, {"$type": PROFILE, "labels": SELF}),
        ({}, None, {"$type": PROFILE, "labels": SELF}),  # $type is required in a record
        (
            {"$type": PROFILE, "displayName": "Nudge", "avatar": AVATAR, "pinnedPost": {"x": 1},
             "labels": self_labels("graphic-media"), "futureField": [1, 2]},
            None,
            {"$type": PROFILE, "displayName": "Nudge", "avatar": AVATAR, "pinnedPost": {"x": 1},
             "labels": self_labels("graphic-media", "bot"), "futureField": [1, 2]},
        ),
        (
            {"$type": PROFILE, "description": "mine", "labels": self_labels("bot")},
            "new words",
            {"$type": PROFILE, "description": "new words", "labels": self_labels("bot")},
        ),
        (
            {"$type": PROFILE, "description": "mine"},
            None,  # no PROFILE_DESCRIPTION: the description is the owner's
            {"$type": PROFILE, "description": "mine", "labels": SELF},
        ),
        (
            {"$type": PROFILE, "labels": {"$type": "com.example#otherLabels", "x": 1}},
            None,
            {"$type": PROFILE, "labels": SELF},
        ),
        (
            {"$type": PROFILE, "labels": {"$type": SELF_LABELS, "values": "bot"}},
            None,  # malformed values: replaced by ours
            {"$type": PROFILE, "labels": SELF},
        ),
    ],
    ids=["missing", "missing+description", "bare", "no-type", "keeps-everything",
         "description-changed", "description-left-alone", "foreign-labels", "malformed-values"],
)  # fmt: skip
def test_labeled_profile(
    current: dict[str, Any] | None, description: str | None, expected: dict[str, Any]
) -> None:
    before = copy.deepcopy(current)
    assert labeled_profile(current, description, NOW) == expected
    assert current == before, "the record read must not be changed in place"


@pytest.mark.parametrize(
    ("current", "description"),
    [
        ({"$type": PROFILE, "labels": self_labels("bot")}, None),
        ({"$type": PROFILE, "labels": self_labels("porn", "bot"), "avatar": AVATAR}, None),
        ({"$type": PROFILE, "labels": self_labels("bot"), "description": "same"}, "same"),
        ({"$type": PROFILE, "labels": self_labels("bot"), "description": "kept"}, ""),
    ],
    ids=["labeled", "labeled-among-others", "same-description", "empty-setting"],
)
def test_nothing_to_write_when_already_right(
    current: dict[str, Any], description: str | None
) -> None:
    assert labeled_profile(current, description, NOW) is None
