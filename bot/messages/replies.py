"""What the bot says back to a command or a reply: short, warm, no links, no asks.

The texts live in each language's module (bot/messages/<language>.py, `REPLIES`). English has
every text, and so does every other language (a test checks it).
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.messages import de, en, es, fr, ja, pt
from bot.messages.catalog import ReplyKey

_MODULES = (en, es, de, fr, pt, ja)
_BY_LANGUAGE: Mapping[str, Mapping[ReplyKey, str]] = {
    module.CATALOG.language: module.REPLIES for module in _MODULES
}
EN = en.REPLIES
# what a command is answered with: the text's key and the values it is filled in with
Answer = tuple[ReplyKey, dict[str, object]]


def reply_text(key: ReplyKey, language: str | None = "en", **values: object) -> str:
    """The text for `key` in `language` (English for a language the bot does not speak), filled
    in. Every language has every key (tests/test_messages_complete.py)."""
    table = _BY_LANGUAGE.get((language or "en").split("-", 1)[0].lower(), EN)
    template = table[key]
    return template.format(**values) if values else template
