"""The pure parts of answering a triaged reply (issue 18): the answer and holds by level, the
resources table and the operator's overrides, the language and country guesses, and the texts
(the crisis answer is the one bot text that may carry a number or the directory's address)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.clock import US_PER_DAY, US_PER_HOUR
from bot.errors import ConfigError
from bot.messages.replies import reply_text
from bot.messages.safety import CRISIS_ANY, CRISIS_LOCAL, DISTRESS
from bot.place import country_of_zone, guess_language, language_of
from bot.safety.resources import (
    BY_LANGUAGE,
    DIRECTORY,
    RESOURCES,
    load_resources,
    resource_for,
)
from bot.safety.respond import DISTRESS_HOLD_US, Person, crisis_text, respond
from bot.store.triage import HELD_UNTIL_CLEARED
from bot.triage import Level
from tests.test_messages import LINKS

NOW = 1_785_585_600_000_000
LANGUAGES = ("en", "es", "de", "fr", "pt", "ja")
DIGITS = re.compile(r"\d{3}")


def person(language: str = "en", country: str | None = None, **kw: int | None) -> Person:
    return Person("did:plc:a", language, country, kw.get("ack"), kw.get("crisis"))


@pytest.mark.parametrize(
    ("level", "ack", "crisis", "says", "urgent", "hold"),
    [
        (Level.CRISIS, None, None, "crisis", True, HELD_UNTIL_CLEARED),
        (Level.CRISIS, NOW - 1, None, "crisis", True, HELD_UNTIL_CLEARED),  # past today's ack
        (Level.CRISIS, None, NOW - 23 * US_PER_HOUR, None, True, HELD_UNTIL_CLEARED),
        (Level.CRISIS, None, NOW - US_PER_DAY, "crisis", True, HELD_UNTIL_CLEARED),
        (Level.DISTRESS, None, None, "distress", False, NOW + DISTRESS_HOLD_US),
        (Level.DISTRESS, NOW - 1, None, None, False, NOW + DISTRESS_HOLD_US),
        (Level.OK, None, None, "ack", False, None),
        (Level.OK, NOW - US_PER_HOUR, None, None, False, None),
        (Level.OK, NOW - US_PER_DAY, None, "ack", False, None),
    ],
)
def test_the_answer_by_level(
    level: Level,
    ack: int | None,
    crisis: int | None,
    says: str | None,
    urgent: bool,
    hold: int | None,
) -> None:
    got = respond(level, person(ack=ack, crisis=crisis), NOW)
    kinds = {
        "crisis": lambda t: DIRECTORY in t,
        "distress": lambda t: t in DISTRESS["en"],
        "ack": lambda t: t == reply_text("ack", "en"),
    }
    assert (got.text is None) == (says is None)
    if says is not None:
        assert got.text is not None and kinds[says](got.text)
    assert (got.urgent, got.hold_until_us, got.level) == (urgent, hold, level)


@pytest.mark.parametrize(
    ("language", "country", "expect"),
    [
        ("en", "US", "988"),
        ("en", "GB", "116 123"),
        ("de", "DE", "0800 111 0 111"),
        ("fr", "FR", "3114"),
        ("es", "ES", "024"),
        ("es", "MX", "800 911 2000"),
        ("es", "AR", "135"),
        ("pt", "BR", "188"),
        ("pt", "PT", "213 544 545"),
        ("ja", "JP", "0120-279-338"),
        ("de", None, "0800 111 0 111"),  # the language's country when none is known
        ("en", "NZ", "112 or 911"),  # a country not in the table: the directory
    ],
)
def test_the_crisis_answer_names_help_for_their_country(
    language: str, country: str | None, expect: str
) -> None:
    text = crisis_text(language, country, RESOURCES)
    assert expect in text and DIRECTORY in text


def test_every_entry_notes_its_source_and_every_language_has_a_country() -> None:
    for code, entry in RESOURCES.items():
        assert entry.country == code and len(code) == 2
        assert entry.source.strip() and entry.emergency.strip() and DIGITS.search(entry.line)
    assert set(BY_LANGUAGE) == set(LANGUAGES)
    assert all(code in RESOURCES for code in BY_LANGUAGE.values())


def test_the_operator_file_adds_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "lines.json"
    path.write_text(
        '{"nz": {"emergency": "111", "line": "Need to talk? 1737", "source": "x"},'
        ' "DE": {"emergency": "112", "line": "Other 0800", "source": "y"}}'
    )
    table = load_resources(path)
    assert table["NZ"].line == "Need to talk? 1737" and table["DE"].line == "Other 0800"
    assert table["FR"] == RESOURCES["FR"] and load_resources(None) is RESOURCES
    assert "1737" in crisis_text("en", "NZ", table)


@pytest.mark.parametrize(
    "content",
    ["[]", "{bad", '{"XYZ": {}}', '{"NZ": {"line": "1737"}}', '{"NZ": {"emergency": "", '
     '"line": "1", "source": "s"}}'],
)  # fmt: skip
def test_a_bad_operator_file_is_a_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "lines.json"
    path.write_text(content)
    with pytest.raises(ConfigError, match="CRISIS_RESOURCES_FILE"):
        load_resources(path)


def test_resource_for_prefers_the_country() -> None:
    assert resource_for("br", "en") == RESOURCES["BR"]
    assert resource_for(None, "pt-PT") == RESOURCES["BR"]
    assert resource_for(None, None) is None and resource_for("ZZ", "en") is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("もう無理です", "ja"),
        ("¿Para qué seguir?", "es"),
        ("Não aguento mais, estou cansada demais", "pt"),
        ("Ich weiß nicht mehr weiter, es ist schön gewesen", "de"),
        ("Je n'en peux plus, ça fait trop", "fr"),
        ("I can't do this anymore", "en"),
        ("", "en"),
    ],
)
def test_the_language_guess(text: str, language: str) -> None:
    assert guess_language(text) == language


def test_the_stored_language_wins_and_zones_name_countries() -> None:
    assert language_of("de-AT", "hello") == "de" and language_of("ko", "hola ¿") == "es"
    assert country_of_zone("Europe/Berlin") == "DE" and country_of_zone("Asia/Tokyo") == "JP"
    assert country_of_zone("UTC") is None and country_of_zone(None) is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_only_the_crisis_answer_carries_an_address_and_only_the_directory(language: str) -> None:
    for country in (*RESOURCES, None):
        text = crisis_text(language, country, RESOURCES)
        assert [m.group(0) for m in LINKS.finditer(text)] == [DIRECTORY], (language, country)
        assert len(text) <= 1000
    for text in (*DISTRESS[language], reply_text("ack", language)):
        assert not LINKS.search(text) and not DIGITS.search(text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_each_text(language: str) -> None:
    assert {"{emergency}", "{line}", "{directory}"} <= set(
        re.findall(r"\{\w+\}", CRISIS_LOCAL[language])
    )
    assert "{directory}" in CRISIS_ANY[language]
    assert len(set(DISTRESS[language])) >= 3


def test_operator_dids_and_the_resources_file_are_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from bot.config import load_settings

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OPERATOR_DIDS", "did:plc:one, did:web:two.example")
    monkeypatch.setenv("CRISIS_RESOURCES_FILE", str(tmp_path / "lines.json"))
    settings = load_settings(None)
    assert settings.operator_did_list() == ("did:plc:one", "did:web:two.example")
    assert settings.crisis_resources_file == tmp_path / "lines.json"
    monkeypatch.setenv("OPERATOR_DIDS", "did:plc:one,alice.bsky.social")
    with pytest.raises(ConfigError, match="not a DID"):
        load_settings(None)
