"""Combinations of detectors that mean more together (first person + a commercial link, a
sale + a shop link, a giveaway + follow-to-enter): inputs of the learned model
(bot/classify/learned.py), which now holds every weight."""

from __future__ import annotations

from bot.classify import domains as d

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
