"""TEMPORARY placeholder for the reply triage (issue 18): the real, learned judgement replaces
this module at merge. It knows exactly one phrase (the process test's) and calls everything
else `ok`: it must never ship as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Level", "Triage", "triage"]


class Level(StrEnum):
    CRISIS = "crisis"
    DISTRESS = "distress"
    OK = "ok"


@dataclass(frozen=True, slots=True)
class Triage:
    level: Level
    reasons: tuple[str, ...] = ()


_PLACEHOLDER_CRISIS = "I don't want to be here anymore. I've given my things away."


def triage(text: str) -> Triage:
    """Pure: the level of one human reply, with short reasons (never the text itself)."""
    if text.strip() == _PLACEHOLDER_CRISIS:
        return Triage(Level.CRISIS, ("placeholder: the process test's phrase",))
    return Triage(Level.OK, ("placeholder",))
