"""Which language a command is answered in: the person's when the command's words are valid in
it ("pausa" is es and pt), else the language of the words (issue 24 item 2)."""

from __future__ import annotations

import pytest

from bot.commands import Command, CommandKind, Invalid, parse_command
from bot.messages.answer_language import answer_language

NOW = 1_785_585_600_000_000
K = CommandKind

# (the command's languages, the person's language, the answer's language)
CHOICES = [
    (("es", "pt"), "pt", "pt"),  # a Brazilian typing "pausa", as the Portuguese help says
    (("es", "pt"), "es", "es"),
    (("es", "pt"), "de", "es"),  # not their language: the words' first language
    (("es", "pt"), None, "es"),  # language not known yet
    (("es", "pt"), "", "es"),
    (("en", "de", "fr"), "fr", "fr"),
    (("en", "de", "fr"), "pt-BR", "en"),
    (("en", "de", "fr"), "de-AT", "de"),  # a regional tag counts as its language
    (("en", "de", "fr"), "DE_at", "de"),
    (("de",), "fr", "de"),  # "pause 3 Tage": only German
    (("ja",), "en", "ja"),
    ((), "pt", "pt"),  # nothing known about the words: the person's
    ((), None, "en"),
]


@pytest.mark.parametrize(("command", "person", "expected"), CHOICES)
def test_answer_language(command: tuple[str, ...], person: str | None, expected: str) -> None:
    assert answer_language(command, person) == expected


# (what the person writes, their language, the answer's language)
TABLE = [
    ("pausa 2 semanas", "pt", "pt"),
    ("pausa 2 semanas", "es", "es"),
    ("pausa 2 semanas", None, "es"),
    ("pausa 2 semanas", "en", "es"),
    ("pause", "fr", "fr"),
    ("pause", "de", "de"),
    ("pause", "en", "en"),
    ("pause", "pt", "en"),
    ("pause", "ja", "en"),
    ("pause 3 Tage", "fr", "de"),  # the unit is German only
    ("pause 2 semaines", "de", "fr"),
    ("pause 2 weeks", "de", "en"),
    ("stop", "fr", "fr"),
    ("stop", "es", "es"),  # international words count in every language that uses them
    ("stop", "de", "de"),
    ("help", "ja", "ja"),
    ("sair", "pt", "pt"),
    ("status", "pt", "pt"),
    ("status", "es", "en"),
    ("stop svp", "en", "fr"),  # politeness says French
    ("para", "pt", "es"),  # Spanish only ("parar" is Portuguese)
    ("pausa", "pt", "pt"),
    ("pausar", "pt", "pt"),
    ("ayuda", "pt", "es"),
    ("一時停止 2週間", "en", "ja"),
    ("friends on", "pt", "pt"),  # the friends words are taught in every language as they are
    ("friends list", "ja", "ja"),
    ("friends on", None, "en"),
]


@pytest.mark.parametrize(("text", "person", "expected"), TABLE)
def test_commands_answer_in_the_persons_language(
    text: str, person: str | None, expected: str
) -> None:
    parsed = parse_command(text, NOW)
    assert isinstance(parsed, Command), text
    assert answer_language(parsed.languages, person) == expected


INVALID_TABLE = [
    ("pausa 0 semanas", "pt", "pt"),
    ("pausa 0 semanas", "es", "es"),
    ("pausa 0 semanas", "fr", "es"),
    ("pause 0 weeks", "fr", "fr"),
    ("tz Mars/Olympus", "de", "en"),
    ("friends skip nobody!", "de", "de"),
]


@pytest.mark.parametrize(("text", "person", "expected"), INVALID_TABLE)
def test_invalid_commands_answer_in_the_persons_language(
    text: str, person: str | None, expected: str
) -> None:
    parsed = parse_command(text, NOW)
    assert isinstance(parsed, Invalid), text
    assert answer_language(parsed.languages, person) == expected


def test_the_hinted_language_comes_first() -> None:
    parsed = parse_command("pause 3 Tage", NOW)
    assert isinstance(parsed, Command)
    assert (parsed.language, parsed.languages) == ("de", ("de",))
    parsed = parse_command("pausa", NOW)
    assert isinstance(parsed, Command)
    assert (parsed.language, parsed.languages) == ("es", ("es", "pt"))
