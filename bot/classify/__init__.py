"""Promo classifier: a pure function from an `app.bsky.feed.post` record to a `PromoVerdict`.

Features come from the text (per-language phrase tables, codes, prices, tickers), the facets
(link domains, hashtags, mentions), the external embed's URI, and whether the post is a reply.
See docs/classifier.md for the reasons vocabulary and the evaluation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.classify import features, lexicon, scoring
from bot.classify.domains import link_kinds
from bot.classify.record import read_parts, read_text

__all__ = ["PromoVerdict", "classify"]


@dataclass(frozen=True, slots=True)
class PromoVerdict:
    score: float
    promo: bool
    reasons: tuple[str, ...] = ()


_NOTHING = PromoVerdict(score=0.0, promo=False, reasons=())
_MAX_TEXT = 3000  # posts are capped at 300 graphemes; anything longer is not a real post


def classify(record: Mapping[str, Any]) -> PromoVerdict:
    """Score one post record; never raises on malformed input (it reads as missing)."""
    if not isinstance(record, Mapping):
        return _NOTHING
    text = read_text(record)[:_MAX_TEXT]
    lowered = text.lower()
    if "’" in lowered:
        lowered = lowered.replace("’", "'")
    found = lexicon.scan(lowered) if lowered else {}
    if lowered:
        features.text_detectors(text, lowered, found)
    parts = read_parts(record)
    for uri in parts.uris:
        for kind in link_kinds(uri):
            found[kind] = 1
    if parts.embed_text:
        features.title_detectors(parts.embed_text, found)
    if parts.tags:
        features.hashtag_features(parts.tags, found)
    if scoring.POSITIVE.isdisjoint(found):
        # No evidence for promo at all (most posts): score 0, whatever context fired.
        return _NOTHING
    if lowered:
        features.context_detectors(text, lowered, found)
    if parts.is_reply:
        found["context:reply"] = 1
    scoring.add_combinations(found)
    value = scoring.logit(found)
    return PromoVerdict(
        score=scoring.probability(value),
        promo=value >= scoring.THRESHOLD,
        reasons=scoring.reasons(found),
    )
