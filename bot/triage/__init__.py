"""Reply triage: a pure, multilingual function from the text of a human reply to a level.

`crisis` (a risk to someone's life or safety), `distress` (struggling without such a sign) or
`ok`. Learned from labeled replies written blind to any rule (data/triage/, docs/safety.md);
the thresholds lean toward `crisis`, because missing a crisis is the costly error and a false
alarm costs a kind message and an operator's look. Nothing here stores or logs the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from bot.triage import model as _model

__all__ = ["Level", "Triage", "triage"]


class Level(StrEnum):
    CRISIS = "crisis"
    DISTRESS = "distress"
    OK = "ok"


@dataclass(frozen=True, slots=True)
class Triage:
    level: Level
    reasons: tuple[str, ...] = ()


@cache
def _loaded() -> _model.TriageModel:
    # on first use, not at import: the training script imports the features from here
    return _model.load_model()


def triage(text: str) -> Triage:
    """The level of one reply, with the inputs that weighed most for it; never raises."""
    if not isinstance(text, str) or not text.strip():
        return Triage(Level.OK, ("empty",))
    model = _loaded()
    features = _model.reply_features(text)
    crisis, distress, _ = _model.probabilities(model, features)
    if crisis >= model.crisis_threshold:
        level, index = Level.CRISIS, 0
    elif crisis + distress >= model.distress_threshold:
        level, index = Level.DISTRESS, 1
    else:
        level, index = Level.OK, 2
    reasons = (f"p_crisis={crisis:.2f}", f"p_distress={distress:.2f}")
    return Triage(level, reasons + tuple(_model.strongest(model, features, index)))
