"""The `lang` command and which commands name one language only (issue 24). Pure tables."""

from __future__ import annotations

import pytest

from bot.commands import Command, CommandKind, Invalid, parse_command

NOW = 1_785_585_600_000_000
K = CommandKind


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("lang de", "de"),
        ("lang DE", "de"),
        ("lang pt-BR", "pt"),
        ("lang ja", "ja"),
        ("language German", "de"),
        ("language english", "en"),
        ("lang deutsch", "de"),
        ("Sprache Deutsch", "de"),
        ("sprache englisch", "en"),
        ("idioma español", "es"),
        ("idioma espanol", "es"),
        ("idioma castellano", "es"),
        ("idioma português", "pt"),
        ("língua portugues", "pt"),
        ("lingua inglês", "en"),
        ("langue français", "fr"),
        ("langue francais", "fr"),
        ("lang French", "fr"),
        ("言語 日本語", "ja"),
        ("言語 英語", "en"),
        ("lang Japanese", "ja"),
        ("lang 日本語", "ja"),
        ("please lang es", "es"),
        ("lang: de!", "de"),
    ],
)
def test_lang_names_a_language(text: str, language: str) -> None:
    # the command's language is the chosen one: the answer is written in it
    assert parse_command(text, NOW) == Command(K.LANG, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [("lang", "en"), ("lang klingon", "en"), ("sprache latein", "de"), ("言語 zh", "ja")],
)
def test_lang_without_a_language_we_write_is_invalid(text: str, language: str) -> None:
    result = parse_command(text, NOW)
    assert isinstance(result, Invalid) and result.kind is K.LANG
    assert result.language == language


@pytest.mark.parametrize(
    "text", ["language is hard", "lang de please now", "my language is German", "langue de bois"]
)
def test_lang_in_a_sentence_is_a_human_reply(text: str) -> None:
    assert parse_command(text, NOW) is None


@pytest.mark.parametrize(
    ("text", "only"),
    [
        ("olvídame", "es"),
        ("reanudar", "es"),
        ("pausa 2 semanas", None),  # es or pt
        ("pause 3 Tage", "de"),  # the unit narrows pause (en, de, fr) to de
        ("pause bitte", "de"),
        ("pause", None),
        ("stop", None),  # people type it in every language
        ("help", None),  # the same
        ("commands", "en"),
        ("ヘルプ", "ja"),
        ("retomar", "pt"),
        ("reprendre", "fr"),
        ("zeitzone Europe/Berlin", "de"),
        ("horas 9-18", None),  # es or pt
        ("lang de", None),  # a choice, not a sign
    ],
)
def test_only_language(text: str, only: str | None) -> None:
    result = parse_command(text, NOW)
    assert isinstance(result, Command)
    assert result.only_language == only
