"""The `friend` suggestion: one gentle sentence, no links, no asks beyond saying hi."""

from __future__ import annotations

from collections.abc import Mapping

SUGGESTION: Mapping[str, str] = {
    "en": "You and @{handle} used to talk a lot — maybe say hi?",
    "de": "Du und @{handle} habt früher viel miteinander geredet — vielleicht mal Hallo sagen?",
    "es": "Tú y @{handle} solíais hablar mucho — ¿quizá saludar?",
}
# only when the friend opted in to nudgebot too, and is quiet by its own rule
SUGGESTION_QUIET: Mapping[str, str] = {
    "en": "You and @{handle} used to talk a lot, and they've been quiet lately — maybe say hi?",
}


def suggestion_text(handle: str, language: str | None, quiet: bool) -> str:
    primary = (language or "en").strip().lower().replace("_", "-").split("-", 1)[0]
    texts = SUGGESTION_QUIET if quiet else SUGGESTION
    return texts.get(primary, texts["en"]).replace("{handle}", handle)
