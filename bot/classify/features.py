"""Detectors that need more than a phrase list: codes, percentages, prices, tickers, hashtags."""

from __future__ import annotations

import re

DISCOUNT_CODE = "discount-code"
PERCENT_OFF = "percent-off"
AMOUNT_OFF = "amount-off"
PRICE = "price"
CRYPTO_TICKER = "crypto-ticker"
CRYPTO_ADDRESS = "crypto-address"
PROMO_HASHTAG = "promo-hashtag"
CREATOR_HASHTAG = "creator-hashtag"
HASHTAG_STUFFING = "hashtag-stuffing"
THIRD_PARTY = "context:third-party"
QUESTION = "context:question"
OWN_PRODUCT = "own-product"
POINTER = "call-to-action:pointer"
SHOP_TITLE = "shop-title"
SELF_ANNOUNCEMENT = "self-announcement"


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


# The keyword is case-insensitive; the code itself must look like a code (upper case, 4-20).
_CODE = re.compile(
    r"(?i:\b(?:promo\s*)?(?:code|c[oó]digo|cupom|cup[oó]n|coupon|gutschein(?:code)?|rabattcode"
    r"|kode|クーポンコード|クーポン|コード)(?:\s*promo)?)\s*[:：]?\s*[\"“'«「]?"
    r"([A-Z0-9][A-Z0-9_-]{3,19})(?![\w-])"
)
_PERCENT = re.compile(
    r"\d{1,2}\s?[%％]\s?(?:off|de descuento|de dto|rabatt|de réduction|de remise|de desconto"
    r"|desconto|割引|オフ|auf alle?s?\b|sur tou[ts]\b|en todo\b|em tud?o\b)"
    r"|(?<![\w-])[-−]\s?\d{1,2}\s?[%％]|[%％]\s?off\b|\d\s?割引"
)
_AMOUNT_OFF = re.compile(
    r"(?:[$€£]\s?\d+|\d+\s?(?:€|euros?|reais))\s?(?:off|de descuento|de desconto|rabatt)"
)
# A post that opens by naming a numbered or new piece of content ("Episode 12: ...", "NEW VIDEO!")
# is announcing it; a mention mid-sentence ("episode 4 of The Bear made me cry") is not.
_OPENER = re.compile(
    r"\W{0,3}(?:(?:new\s+)?(?:episode|ep\.?|chapter|part|issue|vol\.?|volume|folge|épisode"
    r"|episodio|episódio|capítulo|chapitre|newsletter|ausgabe|número|numéro|edição|edición)"
    r"\s*(?:nr\.?|no\.?|n°|nº|#)?\s*\d+\s*(?:[:!|—–-]|is\s|ist\s|est\s|es\s|está\s)"
    r"|(?:new|latest|newest|this week'?s|today'?s|tonight'?s|nuevo|nueva|neues|neue|neuer"
    r"|nouvelle|nouvel|nouveau|novo|nova)"
    r"\s+(?:episode|video"
    r"|vídeo|vidéo|blog post|post|chapter|comic|issue|single|song|track|prints?|zine|release"
    r"|merch|folge|episodio|episódio|épisode|capítulo|chapitre|artikel|article|drop"
    r"|blogartikel|blogbeitrag|beitrag|billet|entrada)s?"
    r"(?:\s+(?:on|sur|auf|en|no|in|na)\s+(?:the|le|la|my|mon|ma|dem|meinem|el|mi|o|meu|a)"
    r"\s+(?:blog|channel|chaîne|kanal|canal|site|podcast))?"
    r"(?:\s+(?!of\b|de\b|del\b|von\b|du\b|da\b|do\b)[\w']+)?"
    r"\s*(?:[:!|—–-]|is\s|out\b|up\b|alert\b|drop\b))"
)
_PRICE = re.compile(r"[$€£¥]\s?\d|\d\s?(?:€|eur\b|euros?\b|usd\b|円)|r\$\s?\d")
_TICKER = re.compile(r"(?<![\w$])\$[A-Z][A-Z0-9]{2,9}\b")
_ADDRESS = re.compile(r"\b(?:0x[0-9a-fA-F]{40}|[1-9A-HJ-NP-Za-km-z]{32,44})\b")
_PROMO_TAGS = _words(
    "ad ads advert affiliate airdrop anzeige artforsale booth boothで販売中 commission "
    "commissionopen commissions commissionsopen concours coupon crypto cryptocurrency "
    "discount etsy etsyfinds etsyseller etsyshop forsale gewinnspiel giveaway giveaways "
    "linkinbio memecoin memecoins newrelease nft nftdrop nfts outnow partenariat pr preorder "
    "preorders presale preventa promo prévente publi sale shopify shopsmall skeb smallbiz "
    "smallbusiness solana sorteio sorteo sponsored supportsmallbusiness vorbestellung web3 "
    "werbung ych プレゼントキャンペーン プレゼント企画 予約 再販 新刊 有償依頼 通販 頒布"
)
_CREATOR_TAGS = _words(
    "amwriting artprints bookstagram booktok enamelpins gamedev handmade indieauthor indiedev "
    "indiegame kickstarter merch newmusic newsingle newsletter podcast selfpublished stickers "
    "streamer substack twitch twitchstreamer wishlist youtube youtuber"
)
_POSSESSIVES = _words(
    "my our mi mis nuestro nuestra nuestros nuestras mein meine meinen meinem meiner unser "
    "unsere unseren unserem unserer mon ma mes notre nos meu minha meus minhas nosso nossa "
    "nossos nossas"
)
_PRODUCTS = _words(
    "shop store book books novel novella comic comics zine zines course class masterclass "
    "workshop album single ep game app podcast channel newsletter print prints collection "
    "merch plush calendar pins stickers patterns artbook portfolio etsy patreon ko-fi "
    "kickstarter website brand tienda libro novela cómic curso taller álbum disco juego canal "
    "boletín colección láminas laden buch roman kurs spiel kanal kollektion onlineshop "
    "boutique livre bd cours atelier jeu chaîne loja livro romance oficina jogo coleção "
    "lojinha guide ebook e-book cookbook deck planner menu sticker tote totes guía guia "
    "leitfaden carnet affiches fanzine fanzines e-book tome stage formation presets preset "
    "pack letter stream webcomic bakery café cafe restaurant studio salon business label "
    "imprint press company paintings painting originals artwork illustrations ceramics "
    "pottery jewelry jewellery candles soap soaps mugs shirts hoodies memoir audiobook desenhos "
    "poetry debut series mix kerzen seifen taschen drucke karten postkarten bücher kalender "
    "calendriers bougies savons livres velas libros gift cards kochbuch hörbuch plan plans "
    "program programme template templates kit kits"
)
_OWN_PRODUCT = re.compile(
    rf"[ \n\t\r(\"'“«¿¡*/#.,!?:;…-](?:{'|'.join(sorted(_POSSESSIVES))})\s+"
    # "my favourite novel" is a fan talking, not an owner
    rf"(?:(?!favou?rites?\b|favorit[oa]s?\b|préférée?s?\b|lieblings)[\w'-]+\s+){{0,2}}?"
    rf"(?:{'|'.join(sorted(_PRODUCTS, key=len, reverse=True))})(?!\w)"
)
# Markers the lexicon scan reports (names start with "_": they carry no weight of their own).
PHRASES: dict[str, str] = {
    "_product": " | ".join(sorted(_PRODUCTS)),
}
# Words in a linked page's title that mark a storefront or a sales page.
_SHOP_TITLE = re.compile(
    r"(?i)\b(?:shop|store|tienda|boutique|loja|laden|pre-?orders?|buy|sale|merch|on steam"
    r"|kickstarter|patreon|ko-fi|linktree|precommande|vorbestell\w*|pré-venda|preventa)\b"
    r"|% off|通販|販売|予約"
)
_POINTERS = ("👇", "👉", "⬇", "🔗", "→", "➡", "->")
_SOURCE_MENTION = re.compile(r"(?:\bby|\bfrom|\bvon|\bpar|\bde|\bda|\bdo|さん)\s?@")


def has_discount_code(text: str) -> bool:
    for m in _CODE.finditer(text):
        code = m.group(1)
        if any(ch.isdigit() for ch in code):
            return True
        # an all-letter "code" is only believable when the post is not shouting in capitals
        if len(code) >= 5 and _mostly_lower(text):
            return True
    return False


def _mostly_lower(text: str) -> bool:
    upper = sum(1 for ch in text if ch.isupper())
    return upper * 3 < sum(1 for ch in text if ch.isalpha())


def text_detectors(text: str, lowered: str, found: dict[str, int]) -> None:
    """Add the regex features that can make a post promo on their own (codes, % off, tickers)."""
    if _OPENER.match(lowered):
        found[SELF_ANNOUNCEMENT] = found.get(SELF_ANNOUNCEMENT, 0) + 1
    if ("%" in lowered or "％" in lowered or "割引" in lowered) and _PERCENT.search(lowered):
        found[PERCENT_OFF] = 1
    if _has_code_keyword(lowered) and has_discount_code(text):
        found[DISCOUNT_CODE] = 1
    if "$" in text:
        if _TICKER.search(text):
            found[CRYPTO_TICKER] = 1
        if _PRICE.search(lowered):
            found[PRICE] = 1
            if _AMOUNT_OFF.search(lowered):
                found[AMOUNT_OFF] = 1
    elif _has_price_sign(lowered) and _PRICE.search(lowered):
        found[PRICE] = 1
        if _AMOUNT_OFF.search(lowered):
            found[AMOUNT_OFF] = 1
    if (CRYPTO_TICKER in found or "crypto-shill" in found) and _ADDRESS.search(text):
        found[CRYPTO_ADDRESS] = 1


def context_detectors(text: str, lowered: str, found: dict[str, int]) -> None:
    """Add the features that only refine other evidence (run once there is some)."""
    # the lexicon scan flags product nouns; the possessive-noun regex only runs when one is there
    if "_product" in found and _OWN_PRODUCT.search(" " + lowered):
        found[OWN_PRODUCT] = 1
    if (not text.isascii() or "->" in text) and any(p in text for p in _POINTERS):
        found[POINTER] = 1
    if "@" in lowered and _SOURCE_MENTION.search(lowered):
        found[THIRD_PARTY] = found.get(THIRD_PARTY, 0) + 1
    if lowered.rstrip().endswith(("?", "？")):
        found[QUESTION] = found.get(QUESTION, 0) + 1


def title_detectors(title: str, found: dict[str, int]) -> None:
    if title and _SHOP_TITLE.search(title):
        found[SHOP_TITLE] = 1


def _has_code_keyword(lowered: str) -> bool:
    return (
        "code" in lowered
        or "digo" in lowered
        or "cup" in lowered
        or "coupon" in lowered
        or "gutschein" in lowered
        or "クーポン" in lowered
        or "コード" in lowered
    )


def _has_price_sign(lowered: str) -> bool:
    return "€" in lowered or "£" in lowered or "¥" in lowered or "円" in lowered or "eur" in lowered


def hashtag_features(tags: list[str], found: dict[str, int]) -> None:
    promo = creator = 0
    for tag in tags:
        if tag in _PROMO_TAGS:
            promo += 1
        elif tag in _CREATOR_TAGS:
            creator += 1
    if promo:
        found[PROMO_HASHTAG] = promo
    if creator:
        found[CREATOR_HASHTAG] = creator
    if len(tags) >= 5:
        found[HASHTAG_STUFFING] = 1
