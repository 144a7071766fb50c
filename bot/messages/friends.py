"""The `friend` suggestion: one gentle sentence, no links, no asks beyond saying hi.

The texts live in each language's module (bot/messages/<language>.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.messages import de, en, es, fr, ja, pt

_MODULES = (en, es, de, fr, pt, ja)
SUGGESTION: Mapping[str, str] = {m.CATALOG.language: m.FRIEND_SUGGESTION for m in _MODULES}
# only when the friend opted in to nudgebot too, and is quiet by its own rule
SUGGESTION_QUIET: Mapping[str, str] = {
    m.CATALOG.language: m.FRIEND_SUGGESTION_QUIET for m in _MODULES
}


def suggestion_text(handle: str, language: str | None, quiet: bool) -> str:
    primary = (language or "en").strip().lower().replace("_", "-").split("-", 1)[0]
    texts = SUGGESTION_QUIET if quiet else SUGGESTION
    return texts.get(primary, texts["en"]).replace("{handle}", handle)
