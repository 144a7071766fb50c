"""Link classification by host, path and query."""

from __future__ import annotations

import pytest

from bot.classify.domains import link_kinds

CASES: list[tuple[str, tuple[str, ...]]] = [
    ("https://www.etsy.com/shop/InkAndBloom", ("shop-domain",)),
    ("https://inkandbloom.etsy.com", ("shop-domain",)),
    ("https://frogs.bigcartel.com/product/mug", ("shop-domain",)),
    ("https://candles.myshopify.com", ("shop-domain",)),
    ("https://shop.example.co/products/pin", ("shop-domain",)),
    ("https://example.com/products/pin", ("shop-domain",)),
    ("https://sneakers.shop/deals", ("shop-domain",)),
    ("https://booth.pm/ja/items/1", ("shop-domain",)),
    ("https://ko-fi.com/artist/shop", ("shop-domain",)),
    ("https://ko-fi.com/artist", ("support-domain",)),
    ("https://www.patreon.com/artist", ("support-domain",)),
    ("https://linktr.ee/artist", ("link-hub-domain",)),
    ("https://artist.carrd.co", ("link-hub-domain",)),
    ("https://amzn.to/3xQp9Lm", ("affiliate-link",)),
    ("https://www.amazon.com/dp/B0?tag=abc-20", ("marketplace-link", "affiliate-link")),
    ("https://www.amazon.co.uk/dp/B00KETTLE", ("marketplace-link",)),
    ("https://www.amazon.com/s?k=kettle", ("neutral-link",)),
    ("https://bit.ly/abc", ("short-link",)),
    ("https://writer.substack.com/p/post", ("newsletter-domain",)),
    ("https://www.kickstarter.com/projects/a/b", ("crowdfunding-link",)),
    ("https://store.steampowered.com/app/1/X/", ("app-store-link",)),
    ("https://www.youtube.com/watch?v=x", ("media-link",)),
    ("https://band.bandcamp.com/album/x", ("media-link",)),
    ("https://t.me/channel", ("crypto-link",)),
    ("https://en.wikipedia.org/wiki/Octopus", ("neutral-link",)),
    ("https://www.theguardian.com/a/b", ("neutral-link",)),
    ("https://myblog.example.org/post?utm_source=bsky", ("tracking-params",)),
    ("https://myblog.example.org/post", ()),
    ("HTTPS://WWW.ETSY.COM/SHOP/X", ("shop-domain",)),
    ("etsy.com", ("shop-domain",)),
    ("", ()),
    ("not a url at all", ()),
    ("https://user:pw@www.etsy.com:443/shop", ("shop-domain",)),
]


@pytest.mark.parametrize(("uri", "kinds"), CASES, ids=[c[0][:40] or "empty" for c in CASES])
def test_link_kinds(uri: str, kinds: tuple[str, ...]) -> None:
    assert link_kinds(uri) == kinds
