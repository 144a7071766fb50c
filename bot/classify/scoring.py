"""Feature weights and how they combine into a score (a hand-set logistic model).

Weights are log-odds contributions. A post is promo when the evidence outweighs `BIAS`, which
is set high on purpose: one weak cue (a shop link, the word "sale", a video link) never makes a
post promo by itself, because calling someone a promoter wrongly is the worst error the bot
can make. Tuned on the train split of `tests/classify/data/labeled.jsonl` only.
"""

from __future__ import annotations

import math

from bot.classify import domains as d

BIAS = -3.0
# Sums of hand-set weights land exactly on zero; float rounding must not decide those.
THRESHOLD = -1e-9

WEIGHTS: dict[str, float] = {
    # what the text says
    "ad-disclosure": 3.2,
    "affiliate-mention": 2.0,
    "amount-off": 1.2,
    "commissions-open": 3.2,
    "open-slots": 1.6,
    "own-product": 1.5,
    "offer:course": 0.6,
    "call-to-action:pointer": 0.6,
    "discount-code": 2.6,
    "call-to-action:link-in-bio": 2.4,
    "call-to-action:preorder": 2.2,
    "restock": 2.4,
    "call-to-action:buy": 1.5,
    "crypto-shill": 1.2,
    "percent-off": 1.2,
    "call-to-action:live": 1.6,
    "call-to-action:subscribe": 1.2,
    "call-to-action:support": 1.2,
    "giveaway": 1.2,
    "launch": 1.2,
    "new-content": 1.2,
    "self-announcement": 2.0,
    "crowdfunding": 1.2,
    "crypto-address": 1.5,
    "crypto-ticker": 1.0,
    "discount": 1.0,
    "limited-offer": 1.0,
    "ownership": 1.0,
    "release": 1.0,
    "promo-hashtag": 1.0,
    "giveaway-entry": 0.8,
    "comeback": 0.8,
    "newsletter": 0.8,
    "call-to-action:watch": 0.7,
    "price": 0.6,
    "self-made": 0.5,
    "creator-hashtag": 0.4,
    "hashtag-stuffing": 0.4,
    "promo-vocabulary": 0.5,
    "shop-title": 0.8,
    # where the links go
    d.AFFILIATE: 3.0,
    d.LINK_HUB: 3.0,
    d.SHOP: 1.6,
    d.CROWDFUNDING: 1.6,
    d.SUPPORT: 1.5,
    d.APP_STORE: 1.2,
    d.BOOKSTORE: 1.2,
    d.NEWSLETTER: 1.2,
    d.TICKETING: 1.2,
    d.CRYPTO: 1.2,
    d.SHORTENER: 1.4,
    d.MARKETPLACE: 0.6,
    d.MEDIA: 0.4,
    d.TRACKING: 0.4,
    d.NEUTRAL: -1.0,
    # combinations
    "self-promotion-link": 1.4,
    "announcement-link": 0.8,
    "sale-with-shop-link": 1.0,
    "giveaway-follow-to-enter": 1.5,
    # context that argues against promo
    "context:buyer": -2.5,
    "context:third-party": -2.0,
    "context:fan": -1.5,
    "context:family": -1.2,
    "context:employee": -1.0,
    "context:question": -1.2,
    "context:warning": -3.0,
    "context:reply": -0.8,
}

# Features that count as evidence for promo; a post with none of them scores 0.
POSITIVE = frozenset(feature for feature, weight in WEIGHTS.items() if weight > 0)

# Features that may count more than once (each distinct phrase adds), up to this many times.
_REPEATABLE: dict[str, int] = {
    "crypto-shill": 3,
    "promo-hashtag": 2,
    "call-to-action:buy": 2,
    "discount": 2,
    "promo-vocabulary": 3,
}

# First-person signals: with a commercial link, the poster is linking their own thing.
_SELF = frozenset(
    (
        "ownership",
        "own-product",
        "self-made",
        "self-announcement",
        "call-to-action:live",
        "comeback",
        "restock",
        "call-to-action:support",
        "call-to-action:subscribe",
    )
)
# Announcements without a first-person signal may be about someone else's work.
_ANNOUNCEMENT = frozenset(("new-content", "launch", "release"))
_SALE = frozenset(("percent-off", "amount-off", "discount-code", "discount", "limited-offer"))
_SHOP_LINKS = frozenset((d.SHOP, d.MARKETPLACE, d.LINK_HUB))
_COMMERCIAL_LINKS = frozenset(
    (
        d.SHOP,
        d.SUPPORT,
        d.NEWSLETTER,
        d.CROWDFUNDING,
        d.APP_STORE,
        d.BOOKSTORE,
        d.MEDIA,
        d.LINK_HUB,
        d.MARKETPLACE,
        d.TICKETING,
        d.SHORTENER,
    )
)


def add_combinations(found: dict[str, int]) -> None:
    if "own-product" in found:
        found.pop("ownership", None)  # the same first-person cue; count it once
    if "giveaway" in found and "giveaway-entry" in found:
        found["giveaway-follow-to-enter"] = 1
    if not _COMMERCIAL_LINKS.isdisjoint(found):
        if not _SELF.isdisjoint(found):
            found["self-promotion-link"] = 1
        elif not _ANNOUNCEMENT.isdisjoint(found):
            found["announcement-link"] = 1
    if not _SALE.isdisjoint(found) and not _SHOP_LINKS.isdisjoint(found):
        found["sale-with-shop-link"] = 1


def logit(found: dict[str, int]) -> float:
    total = BIAS
    weights = WEIGHTS
    for feature, count in found.items():
        weight = weights.get(feature)
        if weight is None:
            continue
        cap = _REPEATABLE.get(feature)
        total += weight * min(count, cap) if cap else weight
    return total


def probability(value: float) -> float:
    if value < -30.0:
        return 0.0
    return round(1.0 / (1.0 + math.exp(-value)), 4)


def reasons(found: dict[str, int]) -> tuple[str, ...]:
    """Fired features, strongest evidence for promo first, then context against it."""
    weights = WEIGHTS
    scored = [(weights[f], f) for f in found if f in weights and weights[f] != 0.0]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return tuple(feature for _, feature in scored)
