"""`lang` and the language people write to the bot in (issue 24), over the replies rig."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.messages.replies import reply_text
from tests.test_replies import ALICE, BOB, Rig, opened_rig


@pytest.fixture
async def talk(tmp_path: Path) -> AsyncIterator[Rig]:
    async with opened_rig(tmp_path) as made:
        yield made


async def language(rig: Rig, did: str = ALICE) -> tuple[str | None, bool]:
    state = await rig.store.language_state(did)
    assert state is not None
    return state[0], state[2]


@pytest.mark.parametrize(
    ("text", "chosen"),
    [
        ("lang de", "de"),
        ("Sprache Deutsch", "de"),
        ("idioma español", "es"),
        ("langue français", "fr"),
        ("língua português", "pt"),
        ("言語 日本語", "ja"),
        ("language English", "en"),
        ("lang pt-BR", "pt"),
    ],
)
async def test_lang_sets_the_language_and_answers_in_it(
    tmp_path: Path, text: str, chosen: str
) -> None:
    async with opened_rig(tmp_path) as rig:
        await rig.store.note_languages(ALICE, [("fr", 3.0)])  # decided from posts before
        rig.chat.write(ALICE, text)
        await rig.poll()
        assert await language(rig) == (chosen, True)
        assert rig.chat.said(f"c-{ALICE}") == [reply_text("lang_set", chosen)]
        assert await language(rig, BOB) == (None, False)


@pytest.mark.parametrize("text", ["lang", "lang klingon", "language tlh"])
async def test_an_unknown_language_is_refused_and_changes_nothing(
    tmp_path: Path, text: str
) -> None:
    async with opened_rig(tmp_path) as rig:
        rig.chat.write(ALICE, text)
        await rig.poll()
        assert await language(rig) == (None, False)
        assert rig.chat.said(f"c-{ALICE}") == [reply_text("invalid_lang", "en")]


async def test_a_command_in_one_language_decides_it_but_never_over_lang(talk: Rig) -> None:
    rig = talk
    rig.chat.write(ALICE, "pausa 2 semanas")  # es or pt: no sign
    await rig.poll()
    assert await language(rig) == (None, False)
    rig.chat.write(ALICE, "reanudar")  # Spanish only
    await rig.poll()
    assert await language(rig) == ("es", False)
    rig.chat.write(ALICE, "lang pt")
    rig.chat.write(ALICE, "reanudar")
    rig.chat.write(ALICE, "reanudar")
    await rig.poll()
    assert await language(rig) == ("pt", True)


async def test_a_reply_in_letters_of_one_language_is_a_sign(talk: Rig) -> None:
    rig = talk
    rig.chat.write(ALICE, "Danke, mir geht's gut. Schönes Wochenende")
    rig.chat.write(BOB, "thanks, all good")
    await rig.poll()
    assert await language(rig) == ("de", False)
    assert await language(rig, BOB) == (None, False)
