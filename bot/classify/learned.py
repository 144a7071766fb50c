"""The learned promo model: features of one post, and the logistic weights trained on the corpus.

The weights are learned by `make train` (scripts/train_promo.py) from the labeled corpus in
data/promo/ and committed as `promo_model.json`; this module only reads them. Inputs are the
hand-written detectors of the rule-based scorer (lexicon phrases, codes, prices, link kinds,
context) plus word unigrams and bigrams, character bigrams of Japanese/Chinese runs, link hosts
and a few structural facts, so the weights can lean on the detectors where they are right and
learn the phrasing the detectors never listed.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise, repeat
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

MODEL_PATH = Path(__file__).with_name("promo_model.json")
MODEL_FORMAT = 1

# Scripts without spaces between words: read as overlapping character pairs.
_CJK = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f"
_CJK_RUN = re.compile(rf"[{_CJK}]+")
_WORD = re.compile(rf"[^\W_{_CJK}]+|[$€£¥%]")
_DIGIT_RUN = re.compile(r"\d+")
_MAX_TOKENS = 120  # a post is at most 300 graphemes; this bounds hostile input, not real posts
_MAX_CJK = 400


@dataclass(frozen=True, slots=True)
class Model:
    bias: float
    threshold: float  # per post: the probability at which a post is called promo
    share_threshold: float  # per person: the probability at which a post counts as promotional
    weights: dict[str, float]
    strong: dict[str, float]  # the weights large enough to name as a reason
    names: dict[str, str]  # each strong input's name in `reasons`, made once at load


def load_model(path: Path = MODEL_PATH) -> Model:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != MODEL_FORMAT:
        raise ValueError(f"{path}: model format {data.get('format')!r}, expected {MODEL_FORMAT}")
    weights = {str(k): float(v) for k, v in data["weights"].items()}
    strong = {k: v for k, v in weights.items() if abs(v) >= _REASON_WEIGHT}
    return Model(
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
        share_threshold=float(data["share_threshold"]),
        weights=weights,
        strong=strong,
        names={k: _reason_name(k) for k in strong},
    )


def text_features(lowered: str, out: set[str]) -> None:
    """Words and word pairs (each run of digits folded to one 0), CJK character pairs."""
    folded = _DIGIT_RUN.sub("0", lowered)
    words = _WORD.findall(folded)[:_MAX_TOKENS]
    # bare words and "word word" pairs: neither can contain ":", so they never collide with
    # the prefixed features (and skipping a prefix saves a string per word)
    out.update(words)
    out.update(map(" ".join, pairwise(words)))
    if not folded.isascii():
        cjk = "|".join(_CJK_RUN.findall(folded))[:_MAX_CJK]
        # pairs across the "|" between runs are never learned: training sees the same pairs
        out.update(map("c:".__add__, map(str.__add__, cjk, cjk[1:])))


def structure_features(
    uris: Iterable[str], is_reply: bool, has_media: bool, mentions: int, tags: int, out: set[str]
) -> None:
    for uri in uris:
        host = _host(uri)
        out.add("s:link")
        if host:
            out.add("h:" + host)
    if is_reply:
        out.add("s:reply")
    if has_media:
        out.add("s:media")
    if mentions:
        out.add("s:mention")
    if tags >= 3:
        out.add("s:many-tags")


def _host(uri: str) -> str:
    """The host's last two labels (three for second-level country domains like co.uk)."""
    try:
        host = urlsplit(uri).hostname or ""
    except ValueError:
        return ""
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-2]) <= 3 and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def logit(model: Model, features: Iterable[str]) -> float:
    return model.bias + sum(map(model.weights.get, features, repeat(0.0)))


def probability(value: float) -> float:
    if value < -30.0:
        return 0.0
    if value > 30.0:
        return 1.0
    return round(1.0 / (1.0 + math.exp(-value)), 4)


_REASON_WEIGHT = 0.25
_PREFIXES = {"f:": "", "c:": "text:", "h:": "host:", "s:": ""}


def _reason_name(feature: str) -> str:
    prefix = _PREFIXES.get(feature[:2])
    if prefix is not None:
        return prefix + feature[2:]
    return ("phrase:" if " " in feature else "word:") + feature


def explain(model: Model, features: Iterable[str], limit: int = 6) -> tuple[str, ...]:
    """The features that moved the score most: evidence for promo first, then against it."""
    strong = model.strong
    moved = sorted([(strong[f], f) for f in strong.keys() & features], reverse=True)
    if not moved:
        return ()
    names = model.names
    for_promo = [names[f] for w, f in moved[:limit] if w > 0]
    against = [names[f] for w, f in moved[:-4:-1] if w < 0]
    return (*for_promo, *against)
