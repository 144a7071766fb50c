"""Every language speaks for itself: each of the six has every text English has, with the same
placeholders, so no person is ever answered in English because a text is missing (issue 24)."""

from __future__ import annotations

import string
from types import ModuleType
from typing import get_args

import pytest

from bot.messages import de, en, es, fr, ja, pt
from bot.messages.catalog import CATALOG_KINDS, ReplyKey
from bot.messages.replies import reply_text

MODULES = {m.CATALOG.language: m for m in (en, es, de, fr, pt, ja)}
OTHERS = [m for lang, m in MODULES.items() if lang != "en"]
SINGLE_TEXTS = ("FRIEND_SUGGESTION", "FRIEND_SUGGESTION_QUIET", "CRISIS_LOCAL", "CRISIS_ANY")


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


@pytest.mark.parametrize("module", list(MODULES.values()), ids=lambda m: m.CATALOG.language)
def test_every_reply_key_is_there(module: ModuleType) -> None:
    # ReplyKey is what the code may ask for (mypy checks the asking): every language has each
    assert set(module.REPLIES) == set(get_args(ReplyKey))


@pytest.mark.parametrize("module", OTHERS, ids=lambda m: m.CATALOG.language)
def test_placeholders_match_english(module: ModuleType) -> None:
    for key, template in en.REPLIES.items():
        assert placeholders(module.REPLIES[key]) == placeholders(template), key
    for name in SINGLE_TEXTS:
        assert placeholders(getattr(module, name)) == placeholders(getattr(en, name)), name


@pytest.mark.parametrize("module", list(MODULES.values()), ids=lambda m: m.CATALOG.language)
def test_every_other_text_is_there(module: ModuleType) -> None:
    for name in SINGLE_TEXTS:
        assert isinstance(getattr(module, name), str) and getattr(module, name), name
    assert len(module.DISTRESS) >= 3
    assert set(module.CATALOG.variants) == set(CATALOG_KINDS)


@pytest.mark.parametrize("language", list(MODULES))
def test_a_reply_is_never_english_in_another_language(language: str) -> None:
    for key in en.REPLIES:
        text = reply_text(key, language)
        if language != "en" and len(en.REPLIES[key]) > 3:  # "no" is Spanish too
            # the same words as English would mean a text was copied, not written
            assert text != en.REPLIES[key], (language, key)
