"""Promo classifier: a pure function from an `app.bsky.feed.post` record to a `PromoVerdict`.

Features come from the text (per-language phrase tables, codes, prices, tickers), the facets
(link domains, hashtags, mentions), the external embed's URI, and whether the post is a reply.
See docs/classifier.md for the reasons vocabulary and the evaluation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from bot.classify import features, learned, lexicon, scoring
from bot.classify.domains import link_kinds
from bot.classify.record import read_parts, read_text

__all__ = ["PromoVerdict", "classify", "post_features", "score_post"]


class PromoVerdict(NamedTuple):
    # a NamedTuple rather than a frozen dataclass: made once per post on the firehose, and a
    # tuple is built several times faster
    score: float
    promo: bool
    reasons: tuple[str, ...] = ()
    # Whether the post counts toward its author's promotional share; None: the same as `promo`.
    share: bool | None = None

    @property
    def counts_toward_share(self) -> bool:
        return self.promo if self.share is None else self.share


_NOTHING = PromoVerdict(score=0.0, promo=False, reasons=())
_MAX_TEXT = 3000  # posts are capped at 300 graphemes; anything longer is not a real post
_MODEL = learned.load_model()


def classify(record: Mapping[str, Any], *, explain: bool = True) -> PromoVerdict:
    """Score one post record; never raises on malformed input (it reads as missing).

    `explain=False` leaves `reasons` empty: the service stores only the score and the flags,
    and naming the reasons costs about a tenth of the time."""
    if type(record) is not dict and not isinstance(record, Mapping):
        return _NOTHING
    found = post_features(record)
    score = learned.probability(learned.logit(_MODEL, found))
    reasons = learned.explain(_MODEL, found) if explain else ()
    return PromoVerdict(score, score >= _MODEL.threshold, reasons, score >= _MODEL.share_threshold)


def score_post(record: Mapping[str, Any]) -> PromoVerdict:
    """`classify` without reasons: what the service stores needs none."""
    if type(record) is not dict and not isinstance(record, Mapping):
        return _NOTHING
    score = learned.probability(learned.logit(_MODEL, post_features(record)))
    return PromoVerdict(score, score >= _MODEL.threshold, (), score >= _MODEL.share_threshold)


def post_features(record: Mapping[str, Any]) -> set[str]:
    """Every model input that fires on `record`: the detectors, words, hosts and structure."""
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
    if lowered:
        features.context_detectors(text, lowered, found)
    if parts.is_reply:
        found["context:reply"] = 1
    scoring.add_combinations(found)
    inputs = {"f:" + name for name in found}
    learned.text_features(lowered, inputs)
    if parts.embed_text:
        learned.text_features(parts.embed_text.lower()[:_MAX_TEXT], inputs)
    learned.structure_features(
        parts.uris, parts.is_reply, parts.has_media, parts.mentions, len(parts.tags), inputs
    )
    return inputs
