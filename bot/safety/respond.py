"""The answer to a triaged human reply, and what it changes: a pure function of the level,
what the store knows of the person, and `now`.

- crisis: the resources answer at once (past the daily acknowledgement, the per-person answer
  caps and the operator's pause; at most one a day per person), an urgent inbox entry, and no
  automated DM until the operator clears it;
- distress: a warmer acknowledgement (within the daily one), the entry marked, and no
  automated DM for DISTRESS_HOLD_US;
- ok: the generic acknowledgement, once a day, as before triage.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from bot.clock import US_PER_DAY
from bot.messages.replies import reply_text
from bot.messages.safety import CRISIS_ANY, CRISIS_LOCAL, DISTRESS
from bot.safety.resources import DIRECTORY, RESOURCES, Resource, resource_for
from bot.store.triage import HELD_UNTIL_CLEARED
from bot.triage import Level

ACK_EVERY_US = US_PER_DAY  # the generic and the distress acknowledgement: once a day at most
CRISIS_EVERY_US = US_PER_DAY  # the crisis answer: once a day at most, whatever the caps say
DISTRESS_HOLD_US = 14 * US_PER_DAY


@dataclass(frozen=True, slots=True)
class Person:
    """What the store knows that the answer depends on."""

    did: str
    language: str  # the language to answer in (bot/place.py)
    country: str | None  # from the time zone they set, if any
    last_ack_us: int | None
    last_crisis_answer_us: int | None


@dataclass(frozen=True, slots=True)
class Response:
    level: Level  # kept on the inbox entry (never the text)
    text: str | None  # what to say, or nothing
    urgent: bool = False  # past the caps and the pause, first in the DM budget
    acknowledges: bool = False  # it is this day's acknowledgement
    hold_until_us: int | None = None  # no automated DM to them before then


def respond(
    level: Level,
    person: Person,
    now_us: int,
    resources: Mapping[str, Resource] = RESOURCES,
) -> Response:
    if level is Level.CRISIS:
        recent = person.last_crisis_answer_us
        said = recent is not None and now_us - recent < CRISIS_EVERY_US
        text = None if said else crisis_text(person.language, person.country, resources)
        return Response(level, text, urgent=True, acknowledges=True,
                        hold_until_us=HELD_UNTIL_CLEARED)  # fmt: skip
    ack_due = person.last_ack_us is None or now_us - person.last_ack_us >= ACK_EVERY_US
    if level is Level.DISTRESS:
        text = distress_text(person.language, person.did, now_us) if ack_due else None
        return Response(level, text, acknowledges=ack_due, hold_until_us=now_us + DISTRESS_HOLD_US)
    return Response(
        level, reply_text("ack", person.language) if ack_due else None, acknowledges=ack_due
    )


def crisis_text(language: str, country: str | None, resources: Mapping[str, Resource]) -> str:
    found = resource_for(country, language, resources)
    if found is None:
        return CRISIS_ANY.get(language, CRISIS_ANY["en"]).format(directory=DIRECTORY)
    template = CRISIS_LOCAL.get(language, CRISIS_LOCAL["en"])
    return template.format(emergency=found.emergency, line=found.line, directory=DIRECTORY)


def distress_text(language: str, did: str, now_us: int) -> str:
    """One of the language's variants: the same all day for one person (a crash that handles
    the reply again says the same), varied across people and days."""
    variants = DISTRESS.get(language, DISTRESS["en"])
    seed = f"{did}\x1f{now_us // US_PER_DAY}".encode()
    index = int.from_bytes(hashlib.blake2b(seed, digest_size=8).digest(), "big")
    return variants[index % len(variants)]
