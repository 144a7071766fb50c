"""What the bot says to a reply triaged crisis or distress (bot/safety), in six languages.

The texts live in each language's module (bot/messages/<language>.py).

Crisis: takes them seriously, says a human will read it, says plainly the bot is not a
counsellor, and gives help they can use now. These are the only bot texts that carry a phone
number or an address (the crisis directory's): tests/test_safety.py keeps that narrow.
Distress: warmer than the generic acknowledgement; no advice, no asks, no numbers.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.messages import de, en, es, fr, ja, pt

_MODULES = (en, es, de, fr, pt, ja)

# {emergency}, {line}, {directory}: from bot/safety/resources.py
CRISIS_LOCAL: Mapping[str, str] = {m.CATALOG.language: m.CRISIS_LOCAL for m in _MODULES}
# the country is unknown: the emergency numbers most phones route, and the directory
CRISIS_ANY: Mapping[str, str] = {m.CATALOG.language: m.CRISIS_ANY for m in _MODULES}
DISTRESS: Mapping[str, tuple[str, ...]] = {m.CATALOG.language: m.DISTRESS for m in _MODULES}
