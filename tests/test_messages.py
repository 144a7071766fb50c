"""Message texts: every variant of every kind and language, names, rotation, determinism."""

from __future__ import annotations

import re
from collections import Counter

import grapheme
import pytest

from bot.commands.lexicon import PHRASES, fold
from bot.commands.model import CommandKind
from bot.messages import LANGUAGES, MAX_GRAPHEMES, RenderedMessage, catalog_for, render
from bot.messages.catalog import CATALOG_KINDS
from bot.messages.names import MAX_NAME_GRAPHEMES, clean_display_name, greeting_name
from bot.policy import DmKind

KINDS = CATALOG_KINDS
FAMILY = "👨\u200d👩\u200d👧\u200d👦"  # one grapheme, seven code points
LONG_EMOJI_NAME = FAMILY * 60
NAMES = (None, "Alice", "José María", "山田 花子", LONG_EMOJI_NAME, "A" * 200)

# Written independently of bot.messages.names so the two checks cannot share a blind spot.
LINKS = re.compile(r"https?|www\.|://|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
ASKS = {
    "en": r"\b(follow|likes?|repost|subscribe|buy|check out|link|shop|sale|share|click|visit|"
    r"donate|sign up|discount|offer|deal|support me)\b",
    "es": r"(sígueme|sigueme|me gusta|comparte|compra|suscr[ií]b|enlace|oferta|tienda|rebaja)",
    "de": r"(folge? mir|\bteile\b|\bkauf|abonnier|\blink|angebot|\bshop|rabatt|\blike)",
    "fr": r"(suis-moi|suivez-moi|partage|ach[eè]te|abonne|\blien\b|\boffre|boutique|\blike)",
    "pt": r"(siga-me|me siga|me segue|curta (o|a|meu|minha)\b|compartilh|compre|assine|\blink|"
    r"oferta|\bloja)",
    "ja": r"(フォローして|いいね|リポスト|購入|買って|登録して|リンク|セール|ショップ)",
}


def all_texts() -> list[tuple[str, DmKind, int, str | None, str]]:
    rows = []
    for language in LANGUAGES:
        catalog = catalog_for(language)
        for kind in KINDS:
            for index in range(len(catalog.variants[kind])):
                for name in NAMES:
                    clean = clean_display_name(name)
                    rows.append((language, kind, index, name, catalog.text(kind, index, clean)))
    return rows


TEXTS = all_texts()


def test_languages() -> None:
    assert set(LANGUAGES) == {"en", "es", "de", "fr", "pt", "ja"}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_at_least_five_distinct_variants(language: str, kind: DmKind) -> None:
    variants = catalog_for(language).variants[kind]
    assert len(variants) >= 5
    bodies = [catalog_for(language).text(kind, i, None) for i in range(len(variants))]
    assert len(set(bodies)) == len(bodies)


def test_every_text_fits() -> None:
    for language, kind, index, name, text in TEXTS:
        assert 0 < grapheme.length(text) <= MAX_GRAPHEMES, (language, kind, index, name)


def test_no_links_anywhere() -> None:
    for language, kind, index, name, text in TEXTS:
        assert not LINKS.search(text), (language, kind, index, name, LINKS.search(text))


def test_no_asks() -> None:
    for language, kind, index, name, text in TEXTS:
        assert not re.search(ASKS[language], text, re.IGNORECASE), (language, kind, index, name)


@pytest.mark.parametrize("language", LANGUAGES)
def test_welcome_explains_itself(language: str) -> None:
    # it teaches the language's own words (bot/commands/lexicon.py) for pause, stop and help
    catalog = catalog_for(language)
    for index in range(len(catalog.variants[DmKind.WELCOME])):
        text = fold(catalog.text(DmKind.WELCOME, index, "Alice"))
        assert "90" in text, (language, index)
        for kind in (CommandKind.PAUSE, CommandKind.STOP, CommandKind.HELP):
            words = [
                " ".join(k) for k, (c, langs) in PHRASES.items() if c is kind and language in langs
            ]
            assert any(word in text for word in words), (language, index, kind)


@pytest.mark.parametrize("kind", [DmKind.QUIET, DmKind.PROMO_ONLY, DmKind.CHECKIN])
def test_nudges_are_short(kind: DmKind) -> None:
    for language in LANGUAGES:
        catalog = catalog_for(language)
        for index in range(len(catalog.variants[kind])):
            text = catalog.text(kind, index, None)
            assert grapheme.length(text) <= 200, (language, kind, index)


# ---------------------------------------------------------------------------------------------
# Variant choice


@pytest.mark.parametrize("language", [*LANGUAGES, None])
@pytest.mark.parametrize("kind", KINDS)
def test_rotation_never_repeats_last_variant(language: str | None, kind: DmKind) -> None:
    count = len(catalog_for(language).variants[kind])
    seen: Counter[int] = Counter()
    for person in range(60):
        for last in (None, *range(count), 99):
            got = render(
                kind,
                did=f"did:plc:{person}",
                episode=str(person * 7),
                display_name="Alice",
                handle=None,
                last_variant=last,
                language=language,
            )
            assert got.variant != last
            assert 0 <= got.variant < count
            seen[got.variant] += 1
    assert set(seen) == set(range(count))  # every variant is reachable


@pytest.mark.parametrize(
    ("kind", "did", "episode", "last", "expected"),
    [
        (DmKind.QUIET, "did:plc:alice", "1728000000000000", None, 4),
        (DmKind.QUIET, "did:plc:alice", "1728000000000000", 4, 3),
        (DmKind.PROMO_ONLY, "did:plc:bob", "2024-10-04", None, 3),
        (DmKind.WELCOME, "did:plc:carol", "opt-in", 2, 0),
        (DmKind.CHECKIN, "did:web:example", "x", 0, 4),
    ],
)
def test_variant_is_stable_across_processes(
    kind: DmKind, did: str, episode: str, last: int | None, expected: int
) -> None:
    """Pinned values: a salted hash() would change them from one interpreter run to the next."""
    got = render(kind, did=did, episode=episode, display_name=None, handle=None, last_variant=last)
    assert got.variant == expected


def test_render_is_deterministic() -> None:
    args = {"did": "did:plc:x", "episode": "e", "display_name": "Bo", "handle": "bo.test"}
    first = render(DmKind.QUIET, last_variant=1, **args)
    assert isinstance(first, RenderedMessage)
    assert all(render(DmKind.QUIET, last_variant=1, **args) == first for _ in range(5))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (None, "en"),
        ("", "en"),
        ("en", "en"),
        ("en-GB", "en"),
        ("pt-BR", "pt"),
        ("de_AT", "de"),
        ("JA", "ja"),
        (" fr ", "fr"),
        ("es-419", "es"),
        ("xx", "en"),
        ("zh-Hant", "en"),
    ],
)
def test_language_choice(language: str | None, expected: str) -> None:
    assert catalog_for(language).language == expected


# ---------------------------------------------------------------------------------------------
# Names


@pytest.mark.parametrize(
    ("display_name", "handle", "expected"),
    [
        ("Alice", "alice.bsky.social", "Alice"),
        ("  Alice \n\t Smith  ", None, "Alice Smith"),
        ("Al\x00ice\x07", None, "Alice"),
        ("Bob\u202e\u200b Jones", None, "Bob Jones"),
        ("Line\u2028Break", None, "Line Break"),
        ("@alice", None, "alice"),
        ("José María", None, "José María"),
        ("Jose\u0301", None, "José"),  # normalised to one code point
        ("🌸 Hana 🌸", None, "Hana"),  # emoji around a name go (tests/test_names.py)
        (FAMILY, None, FAMILY),
        ("Dr. Who", None, "Dr. Who"),
        ("", "alice.bsky.social", "alice"),
        (None, "@alice.bsky.social", "alice"),
        (None, "Alice.Example.COM", "alice"),
        ("   ", "bob.bsky.social", "bob"),
        ("...", "bob.bsky.social", "bob"),
        ("alice.bsky.social", "alice.bsky.social", "alice"),
        ("Shop at https://x.co", "carol.bsky.social", "carol"),
        ("visit www.example", "carol.bsky.social", "carol"),
        ("Carol | carol.art", "carol.bsky.social", "carol"),
        ("Carol carol.art", None, None),
        ("Bücher.de", None, None),
        (None, "handle.invalid", None),
        (None, "www.example.com", None),
        (None, "", None),
        (None, None, None),
        (None, "evil\u202e.bsky.social", None),
    ],
)
def test_greeting_name(display_name: str | None, handle: str | None, expected: str | None) -> None:
    assert greeting_name(display_name, handle) == expected


@pytest.mark.parametrize(
    ("raw", "graphemes"),
    [
        ("A" * 200, MAX_NAME_GRAPHEMES),
        (LONG_EMOJI_NAME, MAX_NAME_GRAPHEMES),
        ("Ana " * 30, MAX_NAME_GRAPHEMES - 1),  # the trailing space is trimmed
        ("é" * 41, MAX_NAME_GRAPHEMES),
    ],
)
def test_long_names_are_cut_on_graphemes(raw: str, graphemes: int) -> None:
    name = clean_display_name(raw)
    assert name is not None
    assert grapheme.length(name) == graphemes
    assert raw.startswith(name)


def test_emoji_name_stays_whole() -> None:
    name = clean_display_name(LONG_EMOJI_NAME)
    assert name == FAMILY * MAX_NAME_GRAPHEMES


@pytest.mark.parametrize("language", LANGUAGES)
def test_rendered_greeting_uses_the_name_not_the_domain(language: str) -> None:
    for kind in KINDS:
        got = render(
            kind,
            did="did:plc:z",
            episode="1",
            display_name=None,
            handle="zoe.bsky.social",
            last_variant=None,
            language=language,
        )
        assert "zoe" in got.text
        assert "bsky" not in got.text
        assert not LINKS.search(got.text)
