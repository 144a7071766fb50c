"""Greeting people by their name, not by their whole display name (issue 24 item 2)."""

from __future__ import annotations

import pytest

from bot.messages import LANGUAGES, render
from bot.messages.catalog import CATALOG_KINDS
from bot.messages.names import greeting_name, trim_name

# (display name, the name to greet with)
NAMES = [
    ("Anna 🌸 | she/her | commissions open,", "Anna"),
    ("Anna (she/her)", "Anna"),
    ("Anna she/her", "Anna"),
    ("Anna, they/them", "Anna"),
    ("Anna • artist • she/her", "Anna"),
    ("🌸 Hana 🌸", "Hana"),
    ("Sam!!", "Sam"),
    ("Anna J.", "Anna J."),
    ("Dr. Who", "Dr. Who"),
    ("Jean-Luc Picard", "Jean-Luc Picard"),
    ("Bob 1\ufe0f\u20e3", "Bob"),
    ("• Mia • photos", "Mia"),
    # Spanish, Portuguese
    ("José María 🇪🇸", "José María"),
    ("Ana - artista | ella/she", "Ana"),
    ("Lucía [comisiones abiertas]", "Lucía"),
    ("João Pedro / ele/dele", "João Pedro"),
    ("Bia ✨ (ela/dela)", "Bia"),
    # German, French
    ("Jürgen Müller | er/ihm", "Jürgen Müller"),
    ("Anne-Sophie · illustratrice", "Anne-Sophie"),
    ("Léa • elle/she", "Léa"),
    ("François 🥐", "François"),
    # Japanese
    ("田中＠お仕事募集中", "田中"),
    ("山田太郎｜イラストレーター", "山田太郎"),
    ("【公式】ACME", "ACME"),
    ("ゆき🍓", "ゆき"),
    ("ジョン・スミス", "ジョン・スミス"),  # the katakana dot is part of the name
    ("さくら（低浮上）", "さくら"),
    # other scripts
    ("Андрей | он/его", "Андрей"),
    ("محمد 🌙", "محمد"),
    ("प्रिया 🌼", "प्रिया"),  # a vowel sign at the end is part of the name
    ("김민지 (she/her)", "김민지"),
    ("Νίκος ☀️", "Νίκος"),
    # nothing left
    ("🌸🌸", None),
    ("(she/her)", None),
    ("| ☆ |", None),
]


@pytest.mark.parametrize(("display_name", "expected"), NAMES)
def test_trim_name(display_name: str, expected: str | None) -> None:
    assert trim_name(display_name) == expected


# (display name, handle, language, the name to greet with)
GREETINGS = [
    ("Anna 🌸 | she/her", "anna.bsky.social", "en", "Anna"),
    ("(she/her)", "anna.bsky.social", "en", "anna"),  # nothing usable: the handle, as before
    ("🌸🌸", None, "en", "🌸🌸"),  # nor a handle: the display name, as before
    ("田中さん", None, "ja", "田中"),  # the ja greeting adds さん itself
    ("田中さん", None, "en", "田中さん"),
    ("ゆきちゃん🍓", None, "ja", "ゆき"),
    ("佐藤様", None, "ja", "佐藤"),
    ("鈴木くん", None, "ja", "鈴木"),
    ("高橋氏", None, "ja", "高橋"),
    ("さくらさま | 絵", None, "ja", "さくら"),
    ("さん", None, "ja", "さん"),  # nothing but the honorific: kept
    (None, "tanaka-san.bsky.social", "ja", "tanaka"),
    ("Tanaka San", None, "ja", "Tanaka"),
]


@pytest.mark.parametrize(("display_name", "handle", "language", "expected"), GREETINGS)
def test_greeting_name_by_language(
    display_name: str | None, handle: str | None, language: str, expected: str | None
) -> None:
    assert greeting_name(display_name, handle, language) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_rendered_greetings_use_the_name_alone(language: str) -> None:
    for kind in CATALOG_KINDS:
        for episode in map(str, range(6)):
            text = render(
                kind,
                did="did:plc:z",
                episode=episode,
                display_name="田中さん | she/her 🌸" if language == "ja" else "Anna 🌸 | she/her",
                handle=None,
                last_variant=None,
                language=language,
            ).text
            assert "she/her" not in text and "🌸" not in text
            assert "さんさん" not in text
