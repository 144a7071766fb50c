"""`nudgebot run` with a digest key made anew (the old `nudgebot.key` lost): it refuses to
start, in one line saying what to restore, instead of signing up again people who said stop."""

from __future__ import annotations

import pytest

from bot.store.keycheck import KEY_CHECK_MARKER
from tests.localnet.botproc import Live
from tests.localnet.util import eventually

pytestmark = pytest.mark.localnet


async def test_a_lost_key_made_anew_is_refused_with_one_line(live: Live) -> None:
    bot = live.make_account("bot")
    process = live.bot_process(bot)
    key = live.tmp_path / "nudgebot.key"
    async with live.store() as store:
        process.start()
        try:

            async def recorded() -> bool:
                return await store.get_marker(KEY_CHECK_MARKER) is not None

            await eventually(recorded, within=60, what="the key's check value")
            assert process.terminate()[0] == 0
            key.unlink()  # lost: the next start makes a new one
            code = process.start().wait(60)
        except BaseException:
            print(process.output()[-6000:])
            raise
    said = [line for line in process.output().splitlines() if line.startswith("nudgebot: ")]
    assert code == 2, process.output()[-3000:]
    assert len(said) == 1 and f"{key} is not the key" in said[0] and "restore" in said[0]
    assert "Traceback" not in process.output()
