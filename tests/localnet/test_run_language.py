"""The person's language end to end (issue 24): `nudgebot run` as a process on the local
network. Someone who posted in Spanish before following is welcomed in Spanish (the welcome
waits for the history read); `lang de` is answered in German; someone who never posted gets
the English welcome. Texts are matched against the catalogs, never pinned."""

from __future__ import annotations

from typing import Any

import pytest
from atproto import AsyncClient, models

from bot.messages import catalog_for
from bot.messages.replies import reply_text
from bot.policy import DmKind
from tests.localnet.botproc import Live
from tests.localnet.harness import Account
from tests.localnet.test_run_dms import bot_says, write
from tests.localnet.util import eventually, follow, now_iso

pytestmark = pytest.mark.localnet


def welcomes(language: str) -> set[str]:
    catalog = catalog_for(language)
    count = len(catalog.variants[DmKind.WELCOME])
    return {catalog.text(DmKind.WELCOME, i, None) for i in range(count)}


async def post(client: AsyncClient, who: Account, text: str, langs: list[str]) -> None:
    record = models.AppBskyFeedPost.Record(text=text, created_at=now_iso(), langs=langs)
    await client.app.bsky.feed.post.create(who.did, record)


async def test_welcome_in_the_language_of_their_posts_and_lang(live: Live) -> None:
    bot, juan, eve = live.make_account("bot"), live.make_account("juan"), live.make_account("eve")
    process = live.bot_process(bot, DM_PER_MINUTE="30")
    j, e = await live.clients.login(juan), await live.clients.login(eve)
    juan_chat, eve_chat = live.clients.chat(j, live.chat.did), live.clients.chat(e, live.chat.did)
    for text in ("buenos días", "qué frío hace hoy", "me voy de paseo"):
        await post(j, juan, text, ["es"])
    async with live.store():
        process.start()
        try:
            await follow(j, juan, bot)
            await follow(e, eve, bot)
            [welcome] = await eventually(
                lambda: bot_says(juan_chat, bot, 1), within=60, what="bienvenida"
            )
            assert welcome in welcomes("es")
            [other] = await eventually(
                lambda: bot_says(eve_chat, bot, 1), within=60, what="welcome"
            )
            assert other in welcomes("en")

            await write(juan_chat, bot, "lang de")
            said: Any = await eventually(
                lambda: bot_says(juan_chat, bot, 2), within=60, what="lang"
            )
            assert said[1] == reply_text("lang_set", "de")
            code, _ = process.terminate()
            assert code == 0
        except BaseException:
            print(process.output()[-8000:])
            raise
