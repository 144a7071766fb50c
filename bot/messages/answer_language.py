"""Which language to answer a command in: the person's, when their command's words are valid in
it, else the language the words were most likely written in.

A Brazilian who types "pausa 2 semanas", as the Portuguese help says, wrote words that are
Spanish too; the parser cannot tell them apart, but the person's language can.
"""

from __future__ import annotations

from collections.abc import Sequence


def primary(language: str | None) -> str | None:
    """The primary subtag of a BCP-47-ish tag ("pt-BR" → "pt", "de_AT" → "de"), lower case."""
    if not language or not language.strip():
        return None
    return language.strip().lower().replace("_", "-").split("-", 1)[0]


def answer_language(
    command_languages: Sequence[str], person_language: str | None, default: str = "en"
) -> str:
    """The person's language when the command is valid in it, else the command's first
    language (the parser puts the one its hints chose first), else `default`."""
    person = primary(person_language)
    if person is not None and person in command_languages:
        return person
    return command_languages[0] if command_languages else (person or default)
