"""The learned reply-triage model: features of one reply and the multinomial logistic weights
trained on the reply corpus (data/triage/, `make train`). This module only reads the weights.

Replies are short and written in six languages with rich morphology ("morir", "muero",
"muerta"; "sterben", "sterbe"), so besides words and word pairs the model reads character
3- to 5-grams, which also cover Japanese without a word splitter. Words right after a negation
("not", "no", "nunca", "nicht", "pas", "não", …) are marked, so "not suicidal" and "suicidal"
are different inputs.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from bot.triage import lexicon

MODEL_PATH = Path(__file__).with_name("triage_model.json")
MODEL_FORMAT = 1
LEVELS = ("crisis", "distress", "ok")

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_SPACES = re.compile(r"\s+")
_MAX_TEXT = 2000  # a DM is at most 1000 graphemes; hostile input is cut, real replies are not
# Structural words, not judgments: they mark the scope of a negation for the model to weigh.
_NEGATIONS = frozenset(
    (
        "not",
        "no",
        "never",
        "don't",
        "dont",
        "didn't",
        "isn't",
        "wasn't",
        "won't",
        "can't",
        "cannot",
        "nothing",
        "nobody",
        "nunca",
        "nada",
        "nadie",
        "tampoco",
        "ni",
        "nicht",
        "kein",
        "keine",
        "keinen",
        "nie",
        "niemals",
        "nichts",
        "pas",
        "jamais",
        "rien",
        "ne",
        "n'",
        "não",
        "nao",
        "nem",
    )
)
_NEGATION_SCOPE = 3


@dataclass(frozen=True, slots=True)
class TriageModel:
    bias: tuple[float, float, float]
    weights: dict[str, tuple[float, float, float]]
    crisis_threshold: float  # p(crisis) at or above which a reply is a crisis
    distress_threshold: float  # p(crisis) + p(distress) at or above which it is distress


def load_model(path: Path = MODEL_PATH) -> TriageModel:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != MODEL_FORMAT:
        raise ValueError(f"{path}: model format {data.get('format')!r}, expected {MODEL_FORMAT}")
    c, d, o = (float(x) for x in data["bias"])
    return TriageModel(
        bias=(c, d, o),
        weights={
            str(k): (float(v[0]), float(v[1]), float(v[2])) for k, v in data["weights"].items()
        },
        crisis_threshold=float(data["crisis_threshold"]),
        distress_threshold=float(data["distress_threshold"]),
    )


def reply_features(text: str) -> set[str]:
    """Words, word pairs, negated words, character 3-5-grams and the signals of one reply."""
    lowered = _SPACES.sub(" ", text[:_MAX_TEXT].lower().replace("’", "'")).strip()
    words = _WORD.findall(lowered)
    out: set[str] = set(words)
    out.update(map(" ".join, pairwise(words)))
    since_negation = _NEGATION_SCOPE + 1
    for word in words:
        if since_negation <= _NEGATION_SCOPE:
            out.add("neg:" + word)
        since_negation = 0 if word in _NEGATIONS else since_negation + 1
    out.update("sig:" + name for name in lexicon.signals(lowered))
    padded = f" {lowered} "
    for n in (3, 4, 5):
        out.update("g:" + padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


def probabilities(model: TriageModel, features: set[str]) -> tuple[float, float, float]:
    """p(crisis), p(distress), p(ok): the softmax of the three class scores."""
    scores = list(model.bias)
    weights = model.weights
    for feature in features:
        w = weights.get(feature)
        if w is not None:
            scores[0] += w[0]
            scores[1] += w[1]
            scores[2] += w[2]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return exps[0] / total, exps[1] / total, exps[2] / total


def strongest(model: TriageModel, features: set[str], level: int, limit: int = 4) -> list[str]:
    """The inputs that pushed hardest toward `level` (an index into LEVELS) over the others."""
    weights = model.weights
    pushes = []
    for feature in features:
        w = weights.get(feature)
        if w is not None:
            margin = w[level] - max(w[i] for i in range(3) if i != level)
            if margin > 0.2:
                pushes.append((margin, feature))
    pushes.sort(reverse=True)
    return [_reason_name(f) for _, f in pushes[:limit]]


def _reason_name(feature: str) -> str:
    if feature.startswith("g:"):
        return "text:" + feature[2:].strip()
    if feature.startswith("sig:"):
        return feature[4:]
    if feature.startswith("neg:"):
        return "negated:" + feature[4:]
    return ("phrase:" if " " in feature else "word:") + feature
