"""Link classification: which kind of site a URI points at, by host and a few path/query cues."""

from __future__ import annotations

# Reason names for link kinds (the `reasons` vocabulary).
SHOP = "shop-domain"
MARKETPLACE = "marketplace-link"
BOOKSTORE = "bookstore-link"
APP_STORE = "app-store-link"
CROWDFUNDING = "crowdfunding-link"
TICKETING = "ticketing-link"
LINK_HUB = "link-hub-domain"
SUPPORT = "support-domain"
NEWSLETTER = "newsletter-domain"
AFFILIATE = "affiliate-link"
SHORTENER = "short-link"
CRYPTO = "crypto-link"
MEDIA = "media-link"
TRACKING = "tracking-params"
NEUTRAL = "neutral-link"  # news, reference, code hosting, fundraisers: sharing, not selling

_HOSTS: dict[str, str] = {}
for _kind, _hosts in (
    (
        SHOP,
        "etsy.com etsy.me bigcartel.com myshopify.com storenvy.com redbubble.com "
        "teepublic.com society6.com gumroad.com booth.pm base.shop thebase.in stores.jp "
        "lojaintegrada.com.br nuvemshop.com.br tiendanube.com inprnt.com threadless.com "
        "spreadshirt.com spreadshirt.de shopify.com squarespace.com square.site bonfire.com "
        "fourthwall.com printful.me payhip.com sellfy.com lemonsqueezy.com itch.io minne.com "
        "creema.jp suzuri.jp elo7.com.br melonbooks.co.jp toranoana.jp dlsite.com hotmart.com "
        "teachable.com thinkific.com kajabi.com podia.com",
    ),
    (
        MARKETPLACE,
        "amazon.com amazon.co.uk amazon.de amazon.fr amazon.es amazon.it amazon.co.jp "
        "amazon.com.br amazon.ca mercadolivre.com.br mercadolibre.com ebay.com",
    ),
    (
        BOOKSTORE,
        "bookshop.org thalia.de hugendubel.de casadellibro.com placedeslibraires.fr fnac.com "
        "barnesandnoble.com waterstones.com penguinrandomhouse.com books2read.com kobo.com "
        "audible.com audible.co.uk audible.de",
    ),
    (
        APP_STORE,
        "store.steampowered.com apps.apple.com play.google.com producthunt.com",
    ),
    (
        CROWDFUNDING,
        "kickstarter.com indiegogo.com gamefound.com backerkit.com ulule.com campfire.jp "
        "makuake.com",
    ),
    (
        TICKETING,
        "eventbrite.com eventbrite.co.uk eventbrite.de eventbrite.fr eventbrite.es ti.to "
        "tickettailor.com sympla.com.br peatix.com luma.com lu.ma opentable.com "
        "opentable.co.uk resy.com thefork.com sevenrooms.com calendly.com seetickets.com "
        "ticketmaster.com ticketmaster.co.uk dice.fm bandsintown.com songkick.com skiddle.com "
        "universe.com",
    ),
    (
        LINK_HUB,
        "linktr.ee beacons.ai carrd.co lnk.bio bio.link linkin.bio kit.co allmylinks.com "
        "campsite.bio solo.to lit.link linkbio.co taplink.cc msha.ke milkshake.app hoo.be "
        "withkoji.com potofu.me",
    ),
    (
        SUPPORT,
        "patreon.com ko-fi.com discord.gg buymeacoffee.com fanbox.cc skeb.jp apoia.se catarse.me "
        "steadyhq.com liberapay.com throne.com fantia.jp ci-en.dlsite.com subscribestar.com "
        "memberful.com",
    ),
    (
        NEWSLETTER,
        "substack.com beehiiv.com buttondown.email buttondown.com mailchi.mp eepurl.com "
        "ghost.io note.com hatenablog.com ameblo.jp revue.co tinyletter.com convertkit.com "
        "kit.com mailerlite.com",
    ),
    (
        AFFILIATE,
        "amzn.to amzn.eu a.co rstyle.me liketk.it shopmy.us go.skimresources.com "
        "shareasale.com awin1.com click.linksynergy.com howl.me geni.us shop-links.co prf.hn "
        "shopltk.com liketoknow.it",
    ),
    (
        SHORTENER,
        "bit.ly tinyurl.com t.co ow.ly buff.ly rebrand.ly cutt.ly is.gd shorturl.at tiny.cc "
        "s.id rb.gy t.ly dlvr.it lnkd.in bitly.com apple.co spoti.fi y2u.be lnk.to ffm.to "
        "smarturl.it song.link album.link linkfire.com fanlink.tv pod.link linkco.re found.ee "
        "hyperfollow.com",
    ),
    (
        CRYPTO,
        "t.me pump.fun dexscreener.com dextools.io opensea.io magiceden.io raydium.io uniswap.org",
    ),
    (
        MEDIA,
        "youtube.com youtu.be twitch.tv open.spotify.com podcasts.apple.com overcast.fm "
        "bandcamp.com soundcloud.com vimeo.com tiktok.com webtoons.com tapas.io "
        "music.apple.com podcast.ausha.co anchor.fm pca.st nicovideo.jp nico.ms "
        "instagram.com archiveofourown.org",
    ),
    (
        NEUTRAL,
        "wikipedia.org github.com gitlab.com gofundme.com justgiving.com bbc.co.uk bbc.com "
        "theguardian.com nytimes.com washingtonpost.com reuters.com apnews.com elpais.com "
        "zeit.de spiegel.de lemonde.fr liberation.fr globo.com folha.uol.com.br nhk.or.jp "
        "asahi.com arxiv.org doi.org maps.app.goo.gl google.com bsky.app archive.org",
    ),
):
    _HOSTS.update(dict.fromkeys(_hosts.split(), _kind))

# A storefront path on any host (Shopify, WooCommerce, BigCommerce, Etsy listings...).
_SHOP_PATHS = ("/products/", "/product/", "/collections/", "/listing/", "/shop/", "/items/")
_SHOP_PATH_ENDS = ("/shop", "/store", "/tienda", "/loja", "/boutique", "/products", "/merch")
_SHOP_WORDS = ("shop", "store", "loja", "tienda", "boutique")
_NOT_SHOPS = ("workshop", "photoshop")
_SHOP_TLDS = (".shop", ".store", ".boutique", ".market")
_CRYPTO_TLDS = (".xyz", ".io", ".finance")
_TRACKING_KEYS = ("utm_", "ref=", "aff=", "affiliate", "affid=", "tag=", "coupon=", "promo=")


def link_kinds(uri: str) -> tuple[str, ...]:
    """The link kinds of one URI (usually one, sometimes plus `tracking-params`)."""
    lowered = uri[:2048].lower()
    scheme_end = lowered.find("://")
    rest = lowered[scheme_end + 3 :] if scheme_end >= 0 else lowered
    cut = len(rest)
    for sep in "/?#":
        pos = rest.find(sep)
        if 0 <= pos < cut:
            cut = pos
    host = rest[:cut].rsplit("@", 1)[-1].split(":", 1)[0]
    tail = rest[cut:]
    kinds: list[str] = []
    kind = _host_kind(host, tail)
    if kind:
        kinds.append(kind)
    if "?" in tail and any(key in tail for key in _TRACKING_KEYS):
        kinds.append(TRACKING if kind != MARKETPLACE or "tag=" not in tail else AFFILIATE)
    return tuple(kinds)


def _host_kind(host: str, tail: str) -> str | None:
    if host.startswith("www."):
        host = host[4:]
    probe = host
    while "." in probe:  # the host itself, then each parent domain (shop.etsy.com -> etsy.com)
        kind = _HOSTS.get(probe)
        if kind is not None:
            return _refine(kind, tail)
        probe = probe[probe.find(".") + 1 :]
    if host.startswith(("shop.", "store.", "tienda.", "loja.", "boutique.")):
        return SHOP
    if host.endswith(_SHOP_TLDS) or any(p in tail for p in _SHOP_PATHS):
        return SHOP
    path = tail.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    if path.endswith(_SHOP_PATH_ENDS):
        return SHOP
    label = host.split(".", 1)[0]
    shop_like = label.startswith(_SHOP_WORDS) or label.endswith(_SHOP_WORDS)
    if shop_like and not label.endswith(_NOT_SHOPS):
        return SHOP
    if host.endswith(_CRYPTO_TLDS) and ("claim" in host or "claim" in tail):
        return CRYPTO
    return None


def _refine(kind: str, tail: str) -> str:
    # ko-fi pages are tip jars unless they point at the shop; amazon /dp/ is a product page
    if kind == SUPPORT and "/shop" in tail:
        return SHOP
    if kind == MARKETPLACE and tail.startswith(("/shop/", "/stores/")):
        return AFFILIATE  # an influencer storefront on Amazon
    if kind == MARKETPLACE and "/dp/" not in tail and "/gp/product" not in tail:
        return NEUTRAL
    return kind
